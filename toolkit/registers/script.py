"""Traditional Chinese → Simplified, for reading: the one place the reader folds script.

Registers kept in Hong Kong, Macau and Taiwan (and by mainland sites that type in Traditional)
write 維修工作單登記表, 單號, 聯絡電話, 收費/免費, 已結案, 滿意. The header matcher and the value
parsers compare text with Simplified word lists, so they read it through :func:`fold` — a real
conversion table (OpenCC's ``hk2s``: Hong Kong variants such as 綫 and 衞, then the standard
Traditional → Simplified characters and phrases; Taiwan's 臺 and 裡 fold too).

What the user sees is not folded: headers are quoted as written, and messages stay in the
user's language. OpenCC is imported the first time a text needs it, so ``toolkit --help`` and
Simplified registers never load it. The cheap test: every Simplified character is in GB 2312,
most Traditional-only characters are not, so text that encodes as GB 2312 is returned as it is
(the few characters both scripts share in GB 2312, like 乾 and 著, fold only beside others).
"""

from __future__ import annotations

from functools import lru_cache

CONFIG = "hk2s.json"


def may_be_traditional(text: str) -> bool:
    """Cheap test: text that could hold a character OpenCC would fold (not ASCII, not GB 2312)."""
    if text.isascii():
        return False
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


@lru_cache(maxsize=1)
def _converter():
    import opencc  # lazily: about 25 ms and a dictionary load, only for Traditional text

    return opencc.OpenCC(CONFIG)


@lru_cache(maxsize=8192)
def _convert(text: str) -> str:
    return _converter().convert(text)


def fold(text: str) -> str:
    """Text with Traditional characters written in Simplified; other text unchanged."""
    if not may_be_traditional(text):
        return text
    return _convert(text)


def is_traditional(text: str) -> bool:
    """Text written in Traditional Chinese: folding changes it."""
    return may_be_traditional(text) and _convert(text) != text
