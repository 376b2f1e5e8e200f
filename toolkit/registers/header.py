"""Find the header row and map columns to fields.

The header is found, not assumed: title rows, two-level headers (a merged group cell over
the column names), wrapped and full-width text and units in brackets are all usual.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.ooxml.cells import column_letters
from toolkit.registers.aliases import ALIASES, BESIDE, KIND_WORDS, SHARED_FIELDS
from toolkit.registers.fields import (
    DATETIME, ENGLISH_EVIDENCE, EXPORT_FIELDS, FIELDS, IDENTITY_FIELDS, KINDS, LIFECYCLE_FIELDS, MONEY, PEOPLE_FIELDS,
    READ_FIELDS, RECORD_NUMBER, WORK_ORDERS,
)
from toolkit.registers.script import fold

HEADER_SCAN_ROWS = 30  # header rows sit near the top; titles and notes come first
MAX_HEADER_CHARS = 24  # longer cells are titles or instructions, not column names
MAX_GROUP_CHARS = 12
MIN_FIELDS = 3
SELF_SUFFICIENT = 4  # a column name that matches two concepts (派单 + 时间) needs no group

_STRIP = re.compile(r"[\s()\[\]{}<>（）【】〔〕《》\"'“”‘’*:：#＃_\-—.,，、;；]+")

# English headers keep their word boundaries: "no" must not match inside "notes", nor "tel"
# inside "hotel", so Latin words are matched as words and a space stays between two of them.
# A header without a Latin letter (nearly every Chinese one) takes the old path unchanged.
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # OrderNo, CustomerName (system exports)
_INITIALS = re.compile(r"(?<![a-z])([a-z])\s*/\s*([a-z])(?![a-z])")  # W/O, Y/N, A/C: one word
_APOSTROPHE = re.compile(r"(?<=[a-z])['’]s?(?![a-z])|(?<=[a-z])['’](?=[a-z])")  # Customer's → customer
_NUMBER_SIGN = re.compile(r"(?<=[a-z.])\s*[#＃]")  # WO #, Job# : the number
_LATIN_MARKS = re.compile(r"[^a-z0-9$\u0080-\uffff]+")  # / & + ? ! … between English words
_GAP = re.compile(r"(?<![a-z0-9]) | (?![a-z0-9])")  # a space not between two Latin words
_TIME_RE = re.compile(r"时间|日期|时刻|(?<![a-z])(?:date|time|datetime|timestamp)s?(?![a-z])")
_DATE_RE = re.compile(r"日期|(?<![a-z])dates?(?![a-z])")
_ENGLISH_ONLY = re.compile(r"^[\x00-\x7f\u00a0-\u024f\u2000-\u206f\uff01-\uff5e]*[A-Za-z][\x00-\x7f\u00a0-\u024f\u2000-\u206f\uff01-\uff5e]*$")


def normalise(text: object) -> str:
    """Header text for matching: NFKC (full-width → half-width), Traditional characters in
    Simplified (單號 → 单号), no spaces, brackets or marks; English words lower case with one
    space between them ("Customer's Signature" → "customer signature", "W/O #" → "wo no")."""
    raw = unicodedata.normalize("NFKC", str(text))
    if not _LATIN_LETTER.search(raw):
        return _STRIP.sub("", fold(raw.lower()))
    s = fold(_CAMEL.sub(" ", raw).lower())
    s = _INITIALS.sub(r"\1\2", _APOSTROPHE.sub("", s))
    s = _NUMBER_SIGN.sub(" no ", s)
    s = _LATIN_MARKS.sub(" ", _STRIP.sub(" ", s)).strip()
    return _GAP.sub("", s)


def join(first: str, second: str) -> str:
    """Two normalised texts as one (a group over its column name, a name and its note): English
    words keep a space between them, Chinese ones are run together as before."""
    if first and second and (first[-1].isascii() and first[-1].isalnum()) and (second[0].isascii() and second[0].isalnum()) \
            and (first[-1].isalpha() or second[0].isalpha()):
        return f"{first} {second}"
    return first + second


def width(text: str) -> float:
    """How long a header reads: an English letter or space counts half a Chinese character."""
    if not _LATIN_LETTER.search(text):
        return len(text)
    return len(text) - sum(1 for ch in text if ch == " " or ("a" <= ch <= "z") or ("A" <= ch <= "Z")) / 2


# One keyword of a pattern, ready to match: (whole header only, the word, a regex for an English
# word or None for a Chinese substring, its weight).
Matcher = tuple[bool, str, "re.Pattern | None", float]


def _matcher(alt: str) -> Matcher:
    """A keyword as matched. Chinese keywords match anywhere (报修 in 报修时间); an English
    keyword matches a whole word, or with a trailing ``*`` the start of one (sign* in "signed",
    "signature", never in "assigned"). An English letter weighs half a Chinese character, so
    "customer signature" and 客户签字 score alike and either half of a bilingual header decides."""
    whole = alt.startswith("=")
    word = alt[1:] if whole else alt
    prefix = word.endswith("*")
    word = word.rstrip("*")
    if not _LATIN_LETTER.search(word):
        return whole, word, None, float(len(word))
    rx = re.compile(r"(?<![a-z])" + re.escape(word) + ("" if prefix else r"(?![a-z])"))
    return whole, word, rx, len(word) / 2


@dataclass(frozen=True, slots=True)
class Pattern:
    target: str | tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    negatives: tuple[str, ...]
    names_time: bool  # the pattern itself asks for a time word
    part: bool = False  # names a part of the field (材料费 of a split fee): counts half
    latin: bool = False  # every keyword is English: a header without a Latin letter never matches
    matchers: tuple[tuple[Matcher, ...], ...] = ()
    negative_matchers: tuple[Matcher, ...] = ()

    def score(self, text: str) -> float:
        for whole, word, rx, _ in self.negative_matchers:  # !=项目: not the header 项目 alone
            if (text == word) if whole else (rx.search(text) if rx is not None else word in text):
                return 0.0
        total = 0.0
        for group in self.matchers:
            best = 0.0
            for whole, word, rx, weight in group:
                if whole:
                    if text == word:
                        best = max(best, weight + 1)  # a whole-header match is worth a bit more
                elif (rx.search(text) if rx is not None else word in text):
                    best = max(best, weight)
            if not best:
                return 0.0
            total += best
        if self.part:
            total /= 2
        return total - (0.5 if isinstance(self.target, tuple) else 0.0)


def _compile(spec: str, target) -> Pattern:
    is_part = spec.startswith("~")
    spec = spec.lstrip("~")
    groups, negatives = [], []
    for part in spec.split("&"):
        alts = tuple(a for a in part.lstrip("!").split("|") if a)
        (negatives.extend(alts) if part.startswith("!") else groups.append(alts))
    names_time = any(_TIME_RE.search(alt.strip("=*")) for g in groups for alt in g)
    matchers = tuple(tuple(_matcher(a) for a in g) for g in groups)
    latin = all(rx is not None or (whole and _LATIN_LETTER.search(word)) for g in matchers for whole, word, rx, _ in g)
    return Pattern(target, tuple(groups), tuple(negatives), names_time, is_part, latin, matchers,
                   tuple(_matcher(a) for a in negatives))


@lru_cache(maxsize=None)
def patterns(kind: str) -> tuple[Pattern, ...]:
    return tuple(_compile(spec, target) for target, specs in ALIASES[kind].items() for spec in specs)


def _is_time_field(kind: str, target) -> bool:
    names = target if isinstance(target, tuple) else (target,)
    return any(n in FIELDS[kind] and FIELDS[kind][n].type == DATETIME for n in names)


def names_time(text: str) -> bool:
    """A normalised header that names a time (时间, 日期, date …)."""
    return _TIME_RE.search(text) is not None


@lru_cache(maxsize=None)
def _any_word(kind: str) -> re.Pattern:
    """Every word any pattern of ``kind`` looks for: a text holding none matches no pattern."""
    words = {alt.lstrip("=").rstrip("*") for pat in patterns(kind) for group in pat.groups for alt in group}
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def patterns_for_all() -> None:
    """Compile every kind's patterns and alias words now (once per process)."""
    for kind in KINDS:
        patterns(kind)
        _any_word(kind)


@lru_cache(maxsize=4096)
def match_header(kind: str, text: str) -> tuple[float, str | tuple[str, ...] | None]:
    """Best (score, target) for a normalised header; target None when nothing matches."""
    if not text or width(text) > MAX_HEADER_CHARS or not _any_word(kind).search(text):
        return 0.0, None  # titles, notes and the data rows the header search passes over
    has_time = names_time(text)
    latin = _LATIN_LETTER.search(text) is not None
    best: tuple[float, str | tuple | None] = (0.0, None)
    for pat in patterns(kind):
        if pat.latin and not latin:
            continue  # the Chinese path pays nothing for the English vocabulary
        if has_time and not pat.names_time and not _is_time_field(kind, pat.target):
            continue  # "回访日期" is a time, never the visit result
        s = pat.score(text)
        if s > best[0]:
            best = (s, pat.target)
    return best


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 0-based
    header: str  # as the clerk wrote it (group / name for two-level headers)

    @property
    def letter(self) -> str:
        return column_letters(self.index + 1)


@dataclass(slots=True)
class ColumnMap:
    kind: str
    header_row: int  # Excel row number of the (first) header row
    header_rows: int  # 1, or 2 for two-level headers
    fields: dict[str, Column] = field(default_factory=dict)
    # For an event written as a date column and a time column: field → the time column.
    time_columns: dict[str, Column] = field(default_factory=dict)
    # For a fee split into parts with no column for the whole (材料费 | 人工费): field → the
    # other part columns, whose amounts add to the field's own column.
    part_columns: dict[str, list[Column]] = field(default_factory=dict)
    unmapped: list[Column] = field(default_factory=list)
    # Fields taken on weak evidence, and how (for --verbose to say): "position" (签收人 by where
    # it stands), "part" (处理人, 材料费: a word that names the field only when nothing better
    # does), "bare" (a header saying only 日期 or 时间).
    weak: dict[str, str] = field(default_factory=dict)

    @property
    def data_start(self) -> int:
        """0-based index of the first row below the header."""
        return self.header_row - 1 + self.header_rows

    def score(self) -> int:
        return len([f for f in self.fields if f not in ("seq", "remarks")])

    def is_register(self) -> bool:
        """Enough fields, one that tells records apart, and one that makes each row an event.

        A statistics sheet (楼栋 / 收费金额 / 满意度, 维修项目 / 报修地点 / 金额) has places,
        contents and amounts but no form number and no time: its rows are sums, not orders.
        """
        return (self.score() >= MIN_FIELDS
                and any(f in self.fields for f in IDENTITY_FIELDS[self.kind])
                and (RECORD_NUMBER[self.kind] in self.fields
                     or any(FIELDS[self.kind][f].type == DATETIME for f in self.fields if f in FIELDS[self.kind]))
                and (not self.in_english() or len(LIFECYCLE_FIELDS[self.kind] & self.fields.keys()) >= ENGLISH_EVIDENCE))

    def in_english(self) -> bool:
        """Most mapped columns are headed in English words alone (no Chinese beside them): a
        price list or an address book shares those words (Name, Phone, Address, Date, Notes)."""
        english = sum(1 for col in self.fields.values() if _ENGLISH_ONLY.match(col.header))
        return english * 2 > len(self.fields)


# A note in brackets after (or inside) a column's name: 报修位置（楼栋-单元-房号）, 费用（元，无偿填0）.
# After NFKC full-width brackets are ASCII ones.
_NOTE = re.compile(r"\(([^()]*)\)")


def without_note(value: str) -> str:
    """A header as written without its notes in brackets; a header that is all note stays whole."""
    s = unicodedata.normalize("NFKC", value)
    if "(" not in s:
        return value
    name = _NOTE.sub(" ", s)
    return name if normalise(name) else value


def note_of(value: str) -> str:
    """The notes in brackets of a header as written (of both levels of a two-level one), normalised."""
    s = unicodedata.normalize("NFKC", value)
    if "(" not in s or not normalise(_NOTE.sub(" ", s)):
        return ""
    return normalise("".join(_NOTE.findall(s)))


def _whole_only(pat: Pattern) -> bool:
    return all(alt[0] == "=" for group in pat.groups for alt in group)


@lru_cache(maxsize=4096)
def match_noted(kind: str, text: str, note: str) -> tuple[float, str | tuple[str, ...] | None]:
    """Best (score, target) for a header's name (normalised, without its note) and its note.

    The name decides what the column is: the words of a note (请写清部位和现象, 无偿填0) never
    turn 报修内容 into a place or 费用 into the paid flag. The note adds evidence: to the name's own
    field, to a name that alone matches nothing (合计(元)), and to a bare generic name, one that
    matches only as a whole header (收费(元) is the fee, 收费 alone the paid flag)."""
    own = match_header(kind, text)
    if not note:
        return own
    full = match_header(kind, join(text, note))
    if own[1] is None or full[1] == own[1]:
        return full if full[0] >= own[0] or own[1] is None else own
    if full[1] is not None and all(_whole_only(p) for p in patterns(kind) if p.target == own[1] and p.score(text) > 0):
        return full
    return own


def _headerish(value: object) -> str | None:
    """A cell's text as a column name (normalised, without its note), or None when it cannot be one."""
    if not isinstance(value, str):
        return None
    text = normalise(without_note(value))
    if not text or width(text) > MAX_HEADER_CHARS or text.replace(".", "").isdigit():
        return None
    return text


def map_columns(
    kind: str,
    headers: list[tuple[int, str, str, str | None]],
    header_row: int,
    header_rows: int,
    explicit: dict[str, str] | None = None,
) -> ColumnMap:
    """Map (index, normalised text, original text, name under a group) headers to fields of ``kind``.

    Under a two-level header the column's own words decide when they name a field on their
    own (派单时间 under 报修登记 is the dispatch time); the group decides for generic names
    (日期 under 完工, 签收人 under 返单).
    """
    cmap = ColumnMap(kind, header_row, header_rows)
    explicit = explicit or {}
    chosen: list[tuple[float, int, str | tuple, Column, str]] = []
    beside: list[tuple[int, Column, str, str]] = []  # (position, column, text, field)
    for position, (index, text, original, name_text) in enumerate(headers):
        col = Column(index, original)
        note = note_of(original)
        key = text
        if note and text not in explicit:  # the config may name the header with its note
            key = normalise(" ".join(original.split(" / ")))
        if key in explicit:
            target = explicit[key]
            if target == "ignore":
                continue
            if target in READ_FIELDS[kind] or target == "seq":
                chosen.append((1000.0, index, target, col, text))
            continue
        score, target = match_noted(kind, text, note)
        if name_text:
            own_score, own_target = match_noted(kind, name_text, note)
            if own_target is not None and not isinstance(own_target, tuple) and own_score >= SELF_SUFFICIENT:
                score, target = own_score, own_target
        if target is None:
            word = name_text if name_text in BESIDE[kind] else text
            if word in BESIDE[kind]:
                beside.append((position, col, word, BESIDE[kind][word]))
            else:
                cmap.unmapped.append(col)
        else:
            chosen.append((score, index, target, col, text))

    # A bare 合计 beside fee columns (材料费 | 人工费 | 合计) is the fee's total.
    for position, col, word, target in beside:
        neighbours = {headers[p][0] for p in (position - 1, position + 1) if 0 <= p < len(headers)}
        if any(t == target and i in neighbours for _, i, t, _, _ in chosen):
            chosen.append((len(word) + 1.0, col.index, target, col, word))
        else:
            cmap.unmapped.append(col)

    taken: dict[str, tuple[float, Column, str]] = {}
    ambiguous: list[tuple[float, Column, tuple[str, ...], str]] = []
    for score, _, target, col, text in sorted(chosen, key=lambda c: (-c[0], c[1])):
        if isinstance(target, tuple):
            ambiguous.append((score, col, target, text))
            continue
        if target not in taken:
            taken[target] = (score, col, text)
        elif not _pair_date_time(kind, target, taken, (score, col, text), cmap):
            cmap.unmapped.append(col)

    # 签收人 after the completion columns is the return signer, among the dispatch columns
    # engineering's sign-in: take the first candidate not before the columns to its left.
    for score, col, candidates, text in sorted(ambiguous, key=lambda a: a[1].index):
        left_stage = max(
            (FIELDS[kind][f].stage or 0 for f, (_, c, _) in taken.items()
             if f in FIELDS[kind] and c.index < col.index and FIELDS[kind][f].stage is not None),
            default=0,
        )
        free = [f for f in candidates if f not in taken]
        if not free:
            cmap.unmapped.append(col)
            continue
        fitting = [f for f in free if (FIELDS[kind][f].stage or 0) >= left_stage]
        target = fitting[0] if fitting else free[-1]
        taken[target] = (score, col, text)
        cmap.weak[target] = "position"

    for name, (score, col, text) in sorted(taken.items(), key=lambda kv: kv[1][1].index):
        cmap.fields[name] = col
        if name not in cmap.weak and score < 1000:  # (what the config names is no guess)
            if text in _BARE:
                cmap.weak[name] = "bare"
            elif part_of(kind, text) == name:
                cmap.weak[name] = "part"
    _add_up_parts(kind, headers, taken, cmap)
    for group in SHARED_FIELDS:
        present = [f for f in group if f in cmap.fields]
        if len(present) == 1:
            for f in group:
                cmap.fields.setdefault(f, cmap.fields[present[0]])
    cmap.unmapped.sort(key=lambda c: c.index)
    return cmap


_BARE = frozenset({"日期", "时间", "date", "time"})  # headers naming a time but not its event


@lru_cache(maxsize=1024)
def part_of(kind: str, text: str) -> str | None:
    """The field a header names a part of (材料费, 人工费: the fee), or None."""
    for pat in patterns(kind):
        if pat.part and pat.score(text) > 0:
            return pat.target
    return None


def _add_up_parts(kind: str, headers, taken, cmap: ColumnMap) -> None:
    """A field read from a part column (材料费) while other parts stand unmapped (人工费) and
    nothing names the whole: the parts together are the field."""
    for name, (_, col, text) in taken.items():
        if name not in FIELDS[kind] or FIELDS[kind][name].type != MONEY or part_of(kind, text) != name:
            continue  # amounts add up; names and times do not
        parts = {index for index, text, _, name_text in headers
                 if index != col.index and name in (part_of(kind, text), part_of(kind, name_text or ""))}
        more = [c for c in cmap.unmapped if c.index in parts]
        if more:
            cmap.part_columns[name] = more
            cmap.unmapped = [c for c in cmap.unmapped if c.index not in parts]
    # A place written over side-by-side columns (楼栋 | 单元 | 房号): the columns together are it.
    home = cmap.fields.get("location")
    if home is not None:
        places = {index for index, text, _, name_text in headers
                  if match_header(kind, name_text or text)[1] == "location" or match_header(kind, text)[1] == "location"}
        unmapped = {c.index: c for c in cmap.unmapped}
        beside = []
        for step in (-1, 1):
            index = home.index + step
            while index in places and index in unmapped:
                beside.append(unmapped[index])
                index += step
        if beside:
            cmap.part_columns["location"] = sorted(beside, key=lambda c: c.index)
            cmap.unmapped = [c for c in cmap.unmapped if c not in beside]


def _is_date_header(text: str) -> bool:
    return _DATE_RE.search(text) is not None


def _pair_date_time(kind, name, taken, second, cmap: ColumnMap) -> bool:
    """A date column and a time column for the same event are read as one value.

    The date column stays the field's home cell; the time column is remembered beside it.
    """
    if FIELDS[kind].get(name) is None or FIELDS[kind][name].type != DATETIME or name in cmap.time_columns:
        return False
    first = taken[name]
    if _is_date_header(first[2]) == _is_date_header(second[2]):
        return False
    date_entry, time_entry = (first, second) if _is_date_header(first[2]) else (second, first)
    taken[name] = date_entry
    cmap.time_columns[name] = time_entry[1]
    return True


@dataclass(frozen=True, slots=True)
class HeaderGuess:
    cmap: ColumnMap
    title_text: str  # text above the header (titles name the month, the site, the kind)
    # the header's columns as found (index, normalised text, text, name under a group): a call
    # log maps them again for each kind of row it holds
    headers: tuple = ()


def _plain_label(value) -> bool:
    # a note may hold a figure (无偿填0): the name may not
    return isinstance(value, str) and not any(ch.isdigit() for ch in without_note(value))


def _group_texts(rows: list[list], r: int, merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> dict[int, str]:
    """Group label over each column of row r (from horizontal merges, or forward-filled)."""
    top = rows[r]
    below = rows[r + 1]
    groups: dict[int, str] = {}
    spans = [(a[1], b[1], top[a[1]]) for a, b in merged if a[0] == r and b[1] > a[1] and a[1] < len(top)]
    for c0, c1, value in spans:
        text = _headerish(value)
        if text and width(text) <= MAX_GROUP_CHARS:
            for c in range(c0, c1 + 1):
                groups[c] = str(value).strip()
    if spans:
        # a group label over a single column (答复 above 时间) is not merged with anything
        for c, value in enumerate(top):
            sub = below[c] if c < len(below) else ""
            if c not in groups and _headerish(value) and _headerish(sub) and width(str(value).strip()) <= MAX_GROUP_CHARS:
                groups[c] = str(value).strip()
    if not spans:
        # No merge information (some .xls/.ods writers): an empty top cell above a named
        # cell belongs to the group on its left. Without one such spanned cell there is no
        # group at all: a full header row above a data row is not a two-level header.
        current = None
        spanned = False
        for c, value in enumerate(top):
            sub = below[c] if c < len(below) else ""
            if _headerish(value) and _headerish(sub):
                current = str(value).strip()
                groups[c] = current
            elif value in ("", None) and current and _headerish(sub):
                groups[c] = current
                spanned = True
            else:
                current = None
        if not spanned:
            return {}
    return groups


def _candidates(rows, r, merged):
    top = rows[r]
    single = [(c, t, str(v).strip(), None) for c, v in enumerate(top) if (t := _headerish(v))]
    yield 1, single
    if r + 1 >= len(rows):
        return
    below = rows[r + 1]
    # Column names carry no figures and no dates; a row that does is data, not a sub-header.
    if any(not _plain_label(x) for x in below if x not in ("", None)):
        return
    groups = _group_texts(rows, r, merged)
    if not groups:
        return
    two: list[tuple[int, str, str, str | None]] = []
    for c in range(max(len(top), len(below))):
        sub = below[c] if c < len(below) else ""
        sub_text = _headerish(sub)
        if c in groups and sub_text:
            original = f"{groups[c]} / {str(sub).strip()}"
            two.append((c, join(normalise(groups[c]), sub_text), original, sub_text))
        elif c < len(top) and (t := _headerish(top[c])):
            two.append((c, t, str(top[c]).strip(), None))
        elif sub_text:
            two.append((c, sub_text, str(sub).strip(), None))
    yield 2, two


def guess_kind(cmaps: dict[str, ColumnMap], texts: str) -> ColumnMap:
    """Pick the register kind whose fields the header fits best."""
    def key(kind):
        cm = cmaps[kind]
        specific = len(set(cm.fields) - set(READ_FIELDS[other(kind)]) - set(EXPORT_FIELDS[kind]) - set(PEOPLE_FIELDS[kind]))
        words = sum(1 for w in KIND_WORDS[kind] if w in texts)
        return (cm.is_register(), specific + words, cm.score(), kind == WORK_ORDERS)

    return cmaps[max(cmaps, key=key)]


def other(kind: str) -> str:
    return next(k for k in KINDS if k != kind)


def find_header(
    rows: list[list],
    merged: list,
    explicit: dict[str, str] | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> HeaderGuess | None:
    """Scan the top rows for the row (or pair of rows) that reads best as a register header."""
    best: tuple | None = None
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        for n, headers in _candidates(rows, r, merged):
            if len(headers) < MIN_FIELDS:
                continue
            texts = " ".join(h[1] for h in headers)
            cmaps = {k: map_columns(k, headers, r + 1, n, explicit) for k in kinds}
            cm = guess_kind(cmaps, texts)
            if not cm.is_register():
                continue
            # A two-row header must map more than its top row alone; keeping the form number counts.
            key = (cm.score(), RECORD_NUMBER[cm.kind] in cm.fields, -n)
            if best is None or key > best[0]:
                best = (key, cm, r, headers)
    if best is None:
        return None
    _, cmap, r, headers = best
    title = " ".join(str(v) for row in rows[:r] for v in row if isinstance(v, str) and v.strip())
    return HeaderGuess(cmap, title, tuple(headers))
