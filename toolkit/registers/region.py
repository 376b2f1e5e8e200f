"""Which region's conventions a register follows: set in toolkit.toml, else guessed from it.

The guess is cheap: it looks at the first rows only (``SAMPLE_ROWS``), at the cells that tell
(phones, amounts, dates), before their values are read, so the dates are read by the region's
convention from the first row on. What it went by is kept on the register (``RegionGuess``)
for ``validate --verbose`` to say.

- Phones vote for the plan they fit: an 11-digit mobile from 13 to 19 for the mainland, 09xx-xxx-xxx
  for Taiwan, a country code (+852, +853, +886, +86) for its country. Eight-digit numbers vote
  for Hong Kong (2/3/5/6/9) and Macau (6, 8, 28) only in a register written in Traditional:
  on the mainland eight digits are a local landline.
- Amounts marked HK$, NT$, MOP$ (港幣, 新台幣, 澳門幣 …) vote for their region; ¥, RMB for the mainland.
- Dates with an ROC year (民國115年, 115/11/06) vote for Taiwan.

A region other than the mainland needs two votes and more than the mainland has. Hong Kong and
Macau numbers overlap (6x, 28x): a register whose numbers all fit Macau's plan, at least three
of them, is taken for Macau.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from toolkit.model.regions import DAY_FIRST, HONG_KONG, MACAU, MAINLAND, REGIONS, TAIWAN
from toolkit.registers import values as v

SAMPLE_ROWS = 200
# where a region came from
CONFIG, GUESSED, DEFAULT = "config", "guessed", "default"


@dataclass(frozen=True, slots=True)
class RegionGuess:
    """The region a register is read by, where it came from, and what the guess went by."""

    region: str = MAINLAND
    source: str = DEFAULT  # config, guessed, default
    clues: tuple[tuple[str, int], ...] = ()  # (clue, cells): ("traditional", 1), ("phones", 12), ("currency", 3), ("roc_dates", 4)
    day_first_dates: int = 0  # slashed dates of the first rows read day first (18/11/2026)

    @property
    def day_first(self) -> bool:
        return self.region in DAY_FIRST

    @property
    def worth_saying(self) -> bool:
        """Not the plain case (a mainland register in Simplified, read as always)."""
        return (self.region != MAINLAND or self.source == CONFIG or self.day_first_dates > 0
                or any(clue == "traditional" for clue, _ in self.clues))

    def as_dict(self) -> dict:
        return {"region": self.region, "source": self.source, "clues": dict(self.clues),
                "day_first_dates": self.day_first_dates}


_NUMBER = re.compile(r"[+\d][\d\s\-–—().]{5,}\d")
_NOISE = re.compile(r"[\s\-–—().]")
_ROC = re.compile(r"^\s*(?:民[国國]|1\d{2}\s*[/.\-年])")
_SLASHED = re.compile(r"^\s*(\d{1,2})\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?(?!\d)")


def _phone_votes(raw: object, traditional: bool) -> tuple[str, ...]:
    """The regions whose plan the cell's first number fits in a way only theirs does."""
    text = v.parse_phone(raw)
    if type(text) is not str:
        return ()
    m = _NUMBER.search(unicodedata.normalize("NFKC", text))
    if m is None:
        return ()
    p = _NOISE.sub("", m.group())
    coded = v.country_coded(p)
    if coded is not None:
        return (coded[0],) if coded[0] else ()
    n = len(p)
    if n == 11 and p[0] == "1" and p[1] in "3456789" or n in (11, 12) and p[0] == "0":
        return (MAINLAND,)
    if n == 10 and p.startswith("09"):
        return (TAIWAN,)
    if not traditional:
        return ()
    if n in (9, 10) and p[0] == "0" and p[1] in "2345678":
        return (TAIWAN,)
    if n == 8:
        return tuple(r for r, fits in ((HONG_KONG, p[0] in "23569"), (MACAU, p[0] in "68" or p[:2] == "28")) if fits)
    return ()


def guess_region(phones: list, amounts: list, dates: list, traditional: bool, configured: str | None) -> RegionGuess:
    """The region of a register from the first rows' phone, amount and date cells (raw, as
    written), or as the config sets it."""
    votes: Counter = Counter()
    clues: dict[str, Counter] = {r: Counter() for r in REGIONS}
    if configured is None:
        for raw in phones:
            for region in _phone_votes(raw, traditional):
                votes[region] += 1
                clues[region]["phones"] += 1
        for raw in amounts:
            if type(raw) is str and not raw.isdigit() and (region := v.currency_region(raw)):
                votes[region] += 1
                clues[region]["currency"] += 1
        if traditional:
            roc = sum(1 for raw in dates if type(raw) is str and _ROC.match(raw))
            votes[TAIWAN] += roc
            clues[TAIWAN]["roc_dates"] += roc
    if configured is not None:
        region, source = configured, CONFIG
    elif not votes:
        region, source = MAINLAND, DEFAULT
    else:
        region = min(REGIONS, key=lambda r: (-votes[r], REGIONS.index(r)))
        if region == HONG_KONG and votes[MACAU] >= votes[HONG_KONG] and clues[MACAU]["phones"] >= 3:
            region = MACAU  # every number fits Macau's plan: a Hong Kong register would have others
        if region != MAINLAND and (votes[region] < 2 or votes[region] <= votes[MAINLAND]):
            region = MAINLAND
        source = GUESSED if votes[region] else DEFAULT  # one HK$ alone does not make a register Hong Kong's
    found = ([("traditional", 1)] if traditional else []) + [
        (clue, n) for clue, n in clues[region].items() if n and source == GUESSED]
    day_first = sum(1 for raw in dates if type(raw) is str and (m := _SLASHED.match(raw))
                    and (region in DAY_FIRST or int(m.group(1)) > 12))
    return RegionGuess(region, source, tuple(found), day_first)
