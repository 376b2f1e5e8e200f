"""People as clerks write them: one name however a cell dresses it.

A clerk signs 王丽, 王丽（客服）, 客服王丽, 客服：王丽 or 王丽 11/6 (with the day): all are 王丽. What
is taken off is a role word at either end, a note in brackets and a date or time; the name
itself is never changed, shortened or matched loosely, so 王丽 and 王莉 stay two people and a
name no list knows is reported as unknown rather than guessed onto someone else.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Role words clerks write before or after a name (客服王丽, 王丽客服, 工程部：张强).
_ROLES = ("客服部", "客服员", "客服", "前台", "值班员", "值班", "接线员", "话务员", "工程部", "工程", "维修部", "维修员",
          "维修工", "财务部", "财务", "经办人", "经办", "签收人", "签收", "签字", "签名", "签")
_ROLE = "|".join(sorted(map(re.escape, _ROLES), key=len, reverse=True))
_NOTE = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")  # after NFKC: （） are ()
# a day, a time or both, written beside the name: 11/6, 11.6, 11-06, 2026/11/06, 11月6日, 14:05
_DATE = re.compile(r"\d{2,4}\s*[年/.\-]\s*\d{1,2}(?:\s*[月/.\-]\s*\d{1,2}\s*[日号]?)?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|"
                   r"\d{1,2}\s*[/.\-]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?|\d{1,2}\s*[日号]")
_LEADING_ROLE = re.compile(rf"^(?:{_ROLE})\s*[:：\-—]?\s*")
_TRAILING_ROLE = re.compile(rf"\s*[:：\-—]?\s*(?:{_ROLE})$")
_EDGES = re.compile(r"^[\s:：,，;；、/\-—_.。]+|[\s:：,，;；、/\-—_.。]+$")


@lru_cache(maxsize=8192)
def person_name(text: object) -> str | None:
    """The name in a cell as a clerk wrote it, or None when the cell names nobody (blank, a
    role word alone, a date alone). A site has few names: cached."""
    if not isinstance(text, str):
        return None
    s = unicodedata.normalize("NFKC", text)
    s = _NOTE.sub(" ", s)
    s = _DATE.sub(" ", s)
    s = _EDGES.sub("", s.strip())
    for _ in range(2):  # 客服部：王丽（客服） has a role at both ends
        s = _EDGES.sub("", _TRAILING_ROLE.sub("", _LEADING_ROLE.sub("", s)))
    s = re.sub(r"\s+", "" if _mostly_chinese(s) else " ", s)
    return s or None


def _mostly_chinese(s: str) -> bool:
    """Chinese names are written with or without a space between family and given name (王 丽); an
    English name keeps its spaces (Mary Wong)."""
    return sum(1 for ch in s if "\u3400" <= ch <= "\u9fff") >= sum(1 for ch in s if ch.isascii() and ch.isalpha())


def same_person(a: object, b: object) -> bool:
    """Both cells name the same person, as written (no guessing: 王丽 is not 王莉)."""
    name = person_name(a)
    return name is not None and name == person_name(b)
