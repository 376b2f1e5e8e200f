"""Cell values → typed values. One parser per field type; the only date parser in the toolkit.

A parser returns the value, ``None`` for an empty cell, or an ``Unreadable`` carrying the
reason; it never raises on cell content. Fast paths first: most cells of a clean register
are already the right Python type (calamine returns datetimes for date-formatted cells).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from toolkit.model.regions import HONG_KONG, MACAU, MAINLAND, TAIWAN
from toolkit.model.work_orders import status_of
from toolkit.registers.script import fold, may_be_traditional


class Unreadable:
    """A value that is there but cannot be read as its column's type."""

    __slots__ = ("raw", "reason")

    def __init__(self, raw: object, reason: str):
        self.raw = raw
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unreadable({self.raw!r}, {self.reason!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Unreadable) and (self.raw, self.reason) == (other.raw, other.reason)


# Reasons (keys into the bad-value rule's messages).
BAD_DATE, BAD_TIME_ONLY, BAD_MONEY, BAD_FLAG, BAD_COUNT, BAD_ERROR, BAD_AMBIGUOUS = (
    "date", "time_without_date", "money", "flag", "count", "excel_error", "ambiguous_date",
)
FOREIGN_CURRENCY = "foreign_currency"  # an amount marked in another region's currency (HK$ on the mainland)
UNCALCULATED_REASON = "uncalculated"
DONE_NO_TIME = "done_no_time"  # 是 / 已结案 in a 是否结案 column: it happened, when is not written

# What a yes/no column of an event says: it happened (time unknown), or it has not.
_DONE_WORDS = frozenset({"是", "已", "已结案", "结案", "已办结", "办结", "已关闭", "关闭", "已完结", "完结", "√", "✓", "✔",
                         "y", "yes", "closed", "case closed", "done", "completed", "resolved", "true"})
_NOT_DONE_WORDS = frozenset({"否", "×", "✗", "✘", "n", "no", "open", "pending", "in progress", "ongoing", "not closed",
                             "false"})


def done_or_not(col: list) -> list:
    """An event column written as yes/no: 是 keeps the cell's place as done (an Unreadable whose
    reason is DONE_NO_TIME, so the record knows it happened), 否 is empty."""
    out = []
    for x in col:
        if type(x) is Unreadable and isinstance(x.raw, str):
            word = fold(unicodedata.normalize("NFKC", x.raw).strip().lower())
            if word in _DONE_WORDS:
                x = Unreadable(x.raw, DONE_NO_TIME)
            elif word in _NOT_DONE_WORDS:
                x = None
        out.append(x)
    return out


class _Uncalculated:
    """Stands in a cell whose formula was never calculated: unknown, not empty."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNCALCULATED"

    def __str__(self) -> str:
        return "=…"


UNCALCULATED = _Uncalculated()

# What clerks write in a cell to mean "nothing here".
PLACEHOLDERS = frozenset({"-", "--", "---", "—", "——", "/", "//", "\\", "无", "空", "n/a", "na", "none", "null", "／"})

# A time cell saying the event has not happened (未完工, 待修, 维修中): no time yet, so the
# order or complaint is still open; not a value that cannot be read.
# (待定, "to be decided", is no time at all: it stays a value that cannot be read.)
_NOT_YET = re.compile(r"^(?!待定$)(?:尚|还|暂|仍)?(?:未|待|没有?|无法|不能)\D{0,6}$"
                      r"|^(?:正在)?(?:维修|处理|进行|施工|办理|跟进|协调|修理)中$")
# A signature cell saying nobody signed (未签, 未交, 拒签, 否): no signature.
_NOT_SIGNED = re.compile(r"^(?:(?:尚|还|暂)?未|待|没有?|拒绝?|不)(?:签|交|收|确认|同意)\D{0,3}$"
                         r"|^(?:(?:尚|还|暂)?未|没有?)$|^(?:否|no|n|×|✗|✘)$"
                         r"|^(?:not (?:yet )?signed|unsigned|no signature|nobody signed|refused(?: to sign)?|"
                         r"declined(?: to sign)?|not received|nil)\.?$", re.I)
_NOT_SIGNED_START = frozenset("尚还暂未待没拒不否NnＮｎ×✗✘UuRrDd")

EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_ERRORS = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!"})


def clean_text(raw: object) -> str | None:
    """A cell as text: stripped, placeholders and empties → None; 8701.0 → "8701"."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        s = raw.strip()
        if not s or s.lower() in PLACEHOLDERS:
            return None
        return s
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float):
        # 1e308 is an integer too: past 16 digits a float is not a number anyone typed (repr: "1e+308")
        return str(int(raw)) if raw.is_integer() and abs(raw) < 1e16 else repr(raw)
    if isinstance(raw, datetime):
        return raw.strftime("%Y-%m-%d %H:%M") if (raw.hour or raw.minute) else raw.strftime("%Y-%m-%d")
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    return str(raw).strip() or None


def parse_text(raw: object):
    if type(raw) is str:  # fast path: most cells of a register are plain text
        s = raw.strip()
        if not s or (len(s) <= 4 and s.lower() in PLACEHOLDERS):
            return None
        if s[0] == "#" and s in _EXCEL_ERRORS:
            return Unreadable(raw, BAD_ERROR)
        return s
    if raw is UNCALCULATED:
        return raw
    text = clean_text(raw)
    if text is not None and text in _EXCEL_ERRORS:
        return Unreadable(raw, BAD_ERROR)
    return text


# ---- Chinese numerals ----------------------------------------------------------------

# The characters of a number written in words, lower case (一百二十) or capital (壹佰贰拾, as on
# receipts). A cell holding none of them never loads the converter.
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]")


def _cn2an():
    """cn2an, imported on the first cell written in Chinese numerals (it takes ~0.2 s to load:
    plain registers and ``toolkit --help`` never pay it)."""
    import cn2an

    return cn2an


def _cn_number(text: str) -> int | float | None:
    """A number written in Chinese numerals (叁拾, 壹佰贰拾元, 两百, 贰拾伍元伍角), or None."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cn2an warns on what it cannot read; we say so as data
            return _cn2an().cn2an(text, "smart")
    except Exception:  # a third-party converter: whatever it raises, the cell is not a number
        return None


def _cn_digits(text: str) -> str:
    """Numerals in a text turned into digits (十一月五日 → 11月5日), the rest left as written."""
    import warnings

    # cn2an reads 点 as a decimal point (十四点零五 → 14.05): a clock's 点 is its 时
    # cn2an before 0.5.24 reads 〇 as a digit only as 零 (二〇二六 → 2〇26), and 三时半 as 3时0.5
    text = re.sub(r"两(?=[点时])", "二", text).replace("点", "时").replace("〇", "零").replace("时半", "时三十分")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _cn2an().transform(text, "cn2an")
    except Exception:
        return text


# ---- dates and times ---------------------------------------------------------------

# Words for the part of the day, as clerks write them before (or after) the clock time; the
# one-character 早 and 晚 (早8点, 晚8点半) come after the words they begin.
_AMPM = (r"(?P<ampm>上午|早上|早晨|清晨|凌晨|中午|下午|午后|傍晚|晚上|夜里|夜间|深夜|半夜|午夜|早|晚|am|pm)?")
_TIME = (
    rf"{_AMPM}\s*(?P<H>\d{{1,2}})\s*(?:[:时点]\s*钟?\s*(?:(?P<M>\d{{1,2}})|(?P<half>半)|[整正])?\s*分?"
    rf"(?:\s*[:]\s*(?P<S>\d{{1,2}})(?:\.\d+)?)?)\s*{_AMPM.replace('ampm', 'ampm2')}"
)
# "11月5日 9.05": a dotted clock time, read only after a date (a space or 日/号 between them)
_AFTER_DATE_DOTTED = r"(?:\s+|(?<=[日号])\s*)(?P<DH>[01]?\d|2[0-3])\.(?P<DM>[0-5]\d)"
_DATE_YMD = r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"
_DATE_MD = r"(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"
_RE_YMD = re.compile(rf"^{_DATE_YMD}(?:[\sT]*{_TIME}|{_AFTER_DATE_DOTTED})?$", re.I)
# 18/11/2026: day first in Hong Kong and Macau (and anywhere the first number is past 12)
_DATE_DMY = r"(?P<a>\d{1,2})\s*[-/.]\s*(?P<b>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})"
_RE_DMY = re.compile(rf"^{_DATE_DMY}(?:[\sT]*{_TIME}|{_AFTER_DATE_DOTTED})?$", re.I)
_RE_MD = re.compile(rf"^{_DATE_MD}(?:(?:\s+|(?<=[日号])\s*){_TIME}|{_AFTER_DATE_DOTTED})?$", re.I)
_RE_TIME = re.compile(rf"^{_TIME}$", re.I)
_RE_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:\s*(?P<H>\d{2}):?(?P<M>\d{2}))?$")
_DOTTED_TIME = re.compile(r"^(?:[01]?\d|2[0-3])\.[0-5]\d$")
_BY_SUFFIX = re.compile(r"\s*(?:之前|以前|前)$")  # "11月20日前": a promise to reply by that day
_BY_PART_OF_DAY = {"中午": "12:00", "上午": "12:00", "下午": "18:00"}  # "11月23日中午前": by noon
_RE_SERIAL = re.compile(r"^\d{4,5}(?:\.\d+)?$")


_AFTERNOON = frozenset(("下午", "午后", "傍晚", "pm"))
_NIGHT = frozenset(("晚上", "晚", "夜里", "夜间", "深夜", "半夜", "午夜"))


def _hour(h: int, minute: int, ampm: str | None) -> tuple[int, int]:
    """(hour 0-23, days to add) for a clock hour and the word for the part of the day.

    The night runs past midnight: 晚上12点 is the midnight that ends the day, 晚上1点 is one
    o'clock the next morning, as is 24:00 written alone."""
    word = ampm.lower() if ampm else None
    if word in _NIGHT:
        if h == 12 or h == 24:
            return 0, 1
        if h <= 4:
            return h, 1
        return (h + 12, 0) if h < 12 else (h, 0)
    if word in _AFTERNOON:
        return (h + 12, 0) if h < 12 else (h, 0)
    if word == "中午":  # 中午1点 is 13:00; 中午11点 and 中午12点 are as written
        return (h + 12, 0) if 1 <= h <= 4 else (h, 0)
    if word in ("凌晨", "am") and h == 12:
        return 0, 0
    if h == 24 and minute == 0 and word is None:
        return 0, 1
    return h, 0


def _clock(m: re.Match) -> tuple[time, int] | None:
    """The clock time a match holds and the days it runs past the written date, or None."""
    if m.group("H") is None:
        if m.re.groupindex.get("DH") and m.group("DH") is not None:  # "11月5日 9.05"
            return time(int(m.group("DH")), int(m.group("DM"))), 0
        return None
    minute = 30 if m.group("half") else int(m.group("M") or 0)
    h, days = _hour(int(m.group("H")), minute, m.group("ampm") or m.group("ampm2"))
    return time(h, minute, int(m.group("S") or 0)), days


def _on(d: date, m: re.Match) -> date | datetime:
    """A written date with the clock time the match holds, if any (晚上12点 runs into the next day)."""
    clock = _clock(m)
    if clock is None:
        return d
    return datetime.combine(d, clock[0]) + timedelta(days=clock[1])


def rolls_over(raw: object) -> bool:
    """A time of day written alone that lies past the midnight of its day (晚上12点, 24:00):
    in a separate time column it moves the date beside it on by one day."""
    if type(raw) is not str:
        return False
    s = unicodedata.normalize("NFKC", raw).strip().lower()
    if "24" not in s and not any(word in s for word in _NIGHT):
        return False
    m = _RE_TIME.match(s)
    if m is None:
        return False
    try:
        clock = _clock(m)
    except ValueError:
        return False
    return clock is not None and clock[1] > 0


def infer_year(month: int, day: int, anchor: date) -> int:
    """A date written without its year: the year that puts it nearest the anchor date."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    if best is None:
        raise ValueError("no such day")
    return best.year


def _day_first(month: int, day: int, anchor: date) -> bool:
    """"3/11" on a November sheet: read month first it is next March, far from the sheet's
    month; read day first it is 3 November, within it. A clerk may have meant either."""
    if day > 12 or month == day:
        return False
    try:
        month_first = date(infer_year(month, day, anchor), month, day)
        day_first = date(infer_year(day, month, anchor), day, month)
    except ValueError:
        return False
    return abs((month_first - anchor).days) > 45 and abs((day_first - anchor).days) <= 45


def from_serial(value: float):
    """An Excel serial (days since 1899-12-30): a date, a datetime, or a time of day when < 1."""
    if value < 0 or value > 2958465:  # 9999-12-31
        raise ValueError("serial out of range")
    if value < 1:
        seconds = round(value * 86400)
        return time(min(seconds // 3600, 23), seconds // 60 % 60, seconds % 60)
    moment = EXCEL_EPOCH + timedelta(days=value)
    moment = moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    if value.is_integer():
        return moment.date()
    return moment


# A Republic of China (Taiwan) year: 民國115年 or a 3-digit year below 200 (115/11/06) = 1911 + 115.
_ROC_YEAR = re.compile(r"^(?:民[国國]\s*(?P<y>\d{1,3})|(?P<y3>1\d{2}))(?=\s*[年/.\-])")
ROC_OFFSET = 1911


def roc_to_western(text: str) -> str:
    """A date written in the ROC calendar with its year in the Western calendar:
    民國115年11月6日 → 2026年11月6日, 115/11/06 → 2026/11/06; other text unchanged."""
    m = _ROC_YEAR.match(text)
    if m is None:
        return text
    year = int(m.group("y") or m.group("y3"))
    if not 0 < year < 200:
        return text
    return f"{year + ROC_OFFSET}{text[m.end():]}"


def _year_last(m: re.Match, anchor: date, day_first: bool, raw: object):
    """18/11/2026 (day first), 11/18/2026 (month first: the second number is past 12), or, both
    12 or less, day first where the region writes it so; elsewhere the reading near the sheet's
    month, and ambiguous when both or neither are."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if day_first or a > 12 or a == b:
        return _on(date(year, b, a), m)
    if b > 12:
        return _on(date(year, a, b), m)
    near_day, near_month = (abs((date(year, mo, d) - anchor).days) <= 45 for mo, d in ((b, a), (a, b)))
    if near_day != near_month:
        return _on(date(year, b, a) if near_day else date(year, a, b), m)
    return Unreadable(raw, BAD_AMBIGUOUS)


def parse_datetime(raw: object, anchor: date, roc: bool = False, day_first: bool = False):
    """A date and time: ``datetime``; a date alone: ``date``; a time of day alone: ``time``.

    ``anchor`` (the sheet's month, else the as-of date) supplies a year that was not written.
    ``roc``: the register is Taiwanese, so a 3-digit year below 200 or 民國 is an ROC year.
    ``day_first``: the register's region writes slashed dates day first (Hong Kong, Macau):
    18/11/2026 and 3/11 are 18 and 3 November.
    """
    if (type(raw) is str and len(raw) in (16, 19) and raw[4] in "-/" and raw[7] == raw[4] and raw[10] == " "
            and raw[13] == ":" and raw[16:17] in ("", ":")):
        try:  # "2026/11/03 14:05", "2026-11-03 14:05:30": the usual typed form, read at C speed
            return datetime.fromisoformat(raw.replace("/", "-"))
        except ValueError:
            pass  # the general reader below decides
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw
    if isinstance(raw, (date, time)):
        return raw
    if isinstance(raw, bool):
        return Unreadable(raw, BAD_DATE)
    if isinstance(raw, (int, float)):
        try:
            return from_serial(float(raw))
        except (ValueError, OverflowError):
            return Unreadable(raw, BAD_DATE)
    if isinstance(raw, timedelta):  # a duration cell ([h]:mm) in a time column
        return Unreadable(raw, BAD_DATE)
    if raw is UNCALCULATED:
        return raw
    text = clean_text(raw)
    if text is None:
        return None
    if text in _EXCEL_ERRORS:
        return Unreadable(raw, BAD_ERROR)
    s, by = _BY_SUFFIX.subn("", unicodedata.normalize("NFKC", text).strip().lower())
    if roc and (s[:1] == "民" or s[:1] == "1"):
        s = roc_to_western(s)
    if by and s[-2:] in _BY_PART_OF_DAY:  # "11月23日中午前": by the end of that part of the day
        s = f"{s[:-2].rstrip()} {_BY_PART_OF_DAY[s[-2:]]}"
    try:
        if m := _RE_YMD.match(s):
            return _on(date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m)
        if m := _RE_DMY.match(s):
            return _year_last(m, anchor, day_first, raw)
        if m := _RE_MD.match(s):
            month, day = int(m.group("m")), int(m.group("d"))
            swapped = "/" in s and (day_first or (month > 12 and day <= 12))
            if swapped:
                month, day = day, month  # 18/11: day first
            if _DOTTED_TIME.match(s):
                # "8.30" is how many clerks write 8:30; read it as a date only when that date is
                # near the sheet's month ("11.30" in November)
                try:
                    near = abs((date(infer_year(month, day, anchor), month, day) - anchor).days) <= 45
                except ValueError:
                    near = False
                if not near:
                    return time(month, day)
            elif "/" in s and not swapped and _day_first(month, day, anchor):
                return Unreadable(raw, BAD_AMBIGUOUS)
            return _on(date(infer_year(month, day, anchor), month, day), m)
        if m := _RE_TIME.match(s):
            if m.group("M") is None and not (m.group("ampm") or m.group("ampm2")) and ":" not in s and "时" not in s and "点" not in s:
                raise ValueError("a bare number")
            return _clock(m)[0]  # a day it runs into is the next event's to work out
        if m := _RE_COMPACT.match(s):
            d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if m.group("H"):
                return datetime.combine(d, time(int(m.group("H")), int(m.group("M"))))
            return d
        if _RE_SERIAL.match(s):
            return from_serial(float(s))
        if "t" in s and s[:4].isdigit():
            return datetime.fromisoformat(s.replace("z", "+00:00")).replace(tzinfo=None)
    except (ValueError, OverflowError):
        pass
    if _CN_NUMERAL.search(s) and (digits := _cn_digits(s)) != s:
        value = parse_datetime(digits, anchor)  # 十一月五日, 二〇二六年十一月五日: read as 11月5日
        if not isinstance(value, Unreadable):
            return value
    if s[:1].isalpha() and s[:1].isascii() or _EN_MONTH.search(s):
        if (written := _english_date(s)) is not None:
            value = parse_datetime(written, anchor)  # 2 Nov 2026 09:20, Nov 2, 2026 9:20 am: a month in words
            if not isinstance(value, Unreadable):
                return value
        if _NOT_YET_EN.match(s):
            return None  # Pending, In progress, Not yet: not happened yet
    if _NOT_YET.match(s):
        return None  # 未完工, 待修: not happened yet
    return Unreadable(raw, BAD_DATE)


# English registers write the month in words: 2 Nov 2026, 02-Nov-26 09:20, Nov 2, 2026 9:20 AM,
# Monday 2nd November. Read once the usual forms have failed, so other cells pay nothing.
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
           "nov": 11, "dec": 12}
_EN_MONTH = re.compile(r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])")
_RE_EN_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*(?P<m1>[a-z]{3,9})\.?|(?P<m2>[a-z]{3,9})\.?[\s\-/.]*(?P<d2>\d{1,2})"
    r"(?:st|nd|rd|th)?)(?:,?[\s\-/.]*(?P<y>\d{4}|\d{2})(?!\d|:))?(?P<rest>(?:[\s,]+|t).*)?$")
_NOT_YET_EN = re.compile(r"^(?:not\b(?!\s*applicable)|pending\b|awaiting\b|waiting\b|outstanding$|in[\s-]progress$|"
                         r"ongoing$|on[\s-]going$|under (?:repair|process|processing|maintenance)$|unable\b|"
                         r"cannot\b|can't\b|in process$|processing$|open$|work in progress$|wip$)\D{0,30}$")


def _english_date(s: str) -> str | None:
    """A date with its month in English words, rewritten as the reader's usual form (or None)."""
    m = _RE_EN_DATE.match(s)
    if not m:
        return None
    word = (m.group("m1") or m.group("m2"))[:3]
    month = _MONTHS.get(word)
    if month is None or not (m.group("m1") or m.group("m2")).startswith(word):
        return None
    day = int(m.group("d1") or m.group("d2"))
    rest = (m.group("rest") or "").strip(" ,t")
    year = m.group("y")
    if year is None:
        return f"{month}月{day}日 {rest}".strip()
    year_n = int(year) + (2000 if len(year) == 2 else 0)
    return f"{year_n}-{month:02d}-{day:02d} {rest}".strip()


# ---- money, flags, counts, phones ----------------------------------------------------

_MONEY_NOISE = re.compile(r"[¥￥$,，元圆圓块\s]|rmb|cny|人民币")  # 圓: Taiwan's 元, typed without folding
_MONEY_EXACT = re.compile(r"(?<=[\d元圆块])\s*[整正]$")  # "60元整", "60.00元正": exactly 60 yuan
_ZERO_WORDS = frozenset({"免费", "无偿", "0元", "不收费", "零", "〇", "零元"})


_MAX_FEE = Decimal("100000000")  # a repair fee above 100 million yuan is a pasted number, not a fee


def _amount(value: Decimal, raw: object):
    if not value.is_finite() or value < 0 or value >= _MAX_FEE:
        return Unreadable(raw, BAD_MONEY)
    return value.quantize(Decimal("0.01"))


# Currency marks, as written (after NFKC, lower case), and the region whose money each is. A mark
# of no region's (US$) is foreign everywhere. 元, 圆 and a bare $ are the register's own money.
_CURRENCY = re.compile(r"hk\$|hkd|港币|港幣|港元|nt\$|ntd|twd|新台币|新臺幣|新台幣|台币|台幣|臺幣|mop\$?|澳门币|澳門幣"
                       r"|澳门元|澳門元|葡币|葡幣|us\$|usd|美元|美金|rmb|cny|人民币|人民幣|¥")
_CURRENCY_REGION = {
    **dict.fromkeys(("hk$", "hkd", "港币", "港幣", "港元"), HONG_KONG),
    **dict.fromkeys(("nt$", "ntd", "twd", "新台币", "新臺幣", "新台幣", "台币", "台幣", "臺幣"), TAIWAN),
    **dict.fromkeys(("mop", "mop$", "澳门币", "澳門幣", "澳门元", "澳門元", "葡币", "葡幣"), MACAU),
    **dict.fromkeys(("rmb", "cny", "人民币", "人民幣", "¥"), MAINLAND),
}


def currency_region(text: str) -> str | None:
    """The region whose currency a mark in the text names (HK$ → hong_kong), "" for a foreign
    one (US$), None for no mark."""
    m = _CURRENCY.search(unicodedata.normalize("NFKC", text).lower())
    return None if m is None else _CURRENCY_REGION.get(m.group(), "")


def parse_money(raw: object, region: str = MAINLAND):
    """A fee in the register's money as Decimal: 120, "120.00", "¥120", "￥1,200", "80元", "60元整";
    in Hong Kong "HK$1,200", in Taiwan "NT$800", in Macau "MOP$200". An amount marked in another
    region's currency (HK$ in a mainland register, US$ anywhere) is FOREIGN_CURRENCY."""
    if raw is None or raw == "":
        return None
    if raw is UNCALCULATED:
        return raw
    if isinstance(raw, bool):
        return Unreadable(raw, BAD_MONEY)
    try:
        if isinstance(raw, (int, float)):
            return _amount(Decimal(str(raw)), raw)
        text = clean_text(raw)
        if text is None:
            return None
        if text in _EXCEL_ERRORS:
            return Unreadable(raw, BAD_ERROR)
        s = unicodedata.normalize("NFKC", text).lower()
        if s in _ZERO_WORDS:
            return Decimal("0.00")
        if "\n" in s:  # two amounts on two lines of one cell are not one amount
            return Unreadable(raw, BAD_MONEY)
        if not s.isdigit() and (mark := _CURRENCY.search(s)):
            if _CURRENCY_REGION.get(mark.group(), "") != region:
                return Unreadable(raw, FOREIGN_CURRENCY)
            s = _CURRENCY.sub("", s, count=1).strip()
        if s[-1:] in ("整", "正"):
            s = _MONEY_EXACT.sub("", s)
        digits = _MONEY_NOISE.sub("", s)
        if _CN_NUMERAL.search(digits):
            return _chinese_amount(s, raw)
        return _amount(Decimal(digits), raw)
    except (InvalidOperation, ValueError):
        return Unreadable(raw, BAD_MONEY)


_CN_MONEY_NOISE = re.compile(r"[¥￥$,，\s]|rmb|cny|人民币")


_CN_CAPITAL = re.compile(r"[壹贰叁肆伍陆柒捌玖拾佰仟]")


def _chinese_amount(s: str, raw: object):
    """An amount in Chinese numerals, as receipts write it: 叁拾元, 壹佰贰拾元整, 贰拾伍元伍角, 两百元.

    Written as an amount: in capitals (大写), or with its unit (元, 圆, 块). Bare lower-case words
    (三十) say no amount: they stay a value that cannot be read, for the clerk to write clearly."""
    if not (_CN_CAPITAL.search(s) or any(unit in s for unit in "元圆块")):
        return Unreadable(raw, BAD_MONEY)
    text = _CN_MONEY_NOISE.sub("", s).replace("圆", "元").replace("块", "元")
    text = re.sub(r"(?<=元)[整正]$", "", text)
    value = _cn_number(text)
    if value is None:
        return Unreadable(raw, BAD_MONEY)
    return _amount(Decimal(str(value)), raw)


_PAID = frozenset({"有偿", "收费", "是", "y", "yes", "true", "付费", "√", "✓", "✔", "1", "有", "有偿服务", "收费服务", "paid",
                   "chargeable", "charged", "charge", "billable", "billed", "payable", "to charge"})
_FREE = frozenset({"无偿", "免费", "否", "n", "no", "false", "不收费", "×", "✗", "0", "无偿服务", "免费服务", "free",
                   "foc", "f.o.c.", "f.o.c", "free of charge", "no charge", "n/c", "non-chargeable", "non chargeable",
                   "not chargeable", "nonchargeable", "free service", "complimentary", "waived", "under warranty",
                   "warranty"})


def parse_flag(raw: object):
    """Paid or free: 有偿/无偿, 收费/免费, 是/否, Y/N."""
    if raw is None or raw == "":
        return None
    if raw is UNCALCULATED:
        return raw
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    text = clean_text(raw)
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if s in _PAID:
        return True
    if s in _FREE or s == "无":
        return False
    if s.startswith(("有偿", "收费", "paid", "chargeable", "charged", "billable")):
        return True  # 收费80元, Paid (HK$200)
    if s.startswith(("无偿", "免费", "free", "foc", "f.o.c", "non-chargeable", "non chargeable", "not chargeable",
                     "no charge", "under warranty")):
        return False
    return Unreadable(raw, BAD_FLAG)


def parse_status(raw: object):
    """A work order's status word (待派单, 处理中, 已完成, 已取消 …) → its stage; a word naming no
    stage the toolkit knows is no status (the order is judged by what is written on it)."""
    if type(raw) is not str:
        return None
    return status_of(raw)


# A number of people or households, exact or rough: "12人", "10人以上", "约20人", "近20人", "20余户",
# "20多人", "20人左右", "十余人". A rough count reads as the number written: "20余户" is at least 20.
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_RE_COUNT = re.compile(
    r"\s*(?:大约|大概|约|将近|接近|近)?\s*"
    r"(?:(?P<n>\d+)|(?P<cn>[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]))"
    r"\s*(?:余|多|来)?\s*(?:人|户|位|名|家)?\s*(?:以上|左右|上下)?\s*")


def _chinese_count(cn: str) -> int:
    """十 → 10, 二十 → 20, 十五 → 15, 三 → 3: the numbers below a hundred a clerk writes in words."""
    tens, _, units = cn.rpartition("十")
    if "十" not in cn:
        return _CN_DIGITS[cn]
    return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0)


_WITHIN = re.compile(r"^(?:(?:收到|受理|投诉)后)?\s*(?P<n>\d{1,3}|[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
                     r"\s*个?\s*(?P<unit>小时|天|日)\s*(?:之内|以内|内)\s*(?:答复|回复|给予答复|处理)?$")


def within(text: str) -> timedelta | None:
    """A reply promised relative to the complaint ("24小时内", "三天内答复"): how long after receipt."""
    m = _WITHIN.match(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return None
    n = int(m.group("n")) if m.group("n").isdigit() else _chinese_count(m.group("n"))
    return timedelta(hours=n) if m.group("unit") == "小时" else timedelta(days=n)


def parse_count(raw: object):
    if raw is None or raw == "":
        return None
    if raw is UNCALCULATED:
        return raw
    if isinstance(raw, bool):
        return Unreadable(raw, BAD_COUNT)
    if isinstance(raw, (int, float)):
        return int(raw) if float(raw).is_integer() and raw >= 0 else Unreadable(raw, BAD_COUNT)
    text = clean_text(raw)
    if text is None:
        return None
    s = unicodedata.normalize("NFKC", text)
    m = _RE_COUNT.fullmatch(s)
    if m is None:
        return _large_chinese_count(s, raw)
    return int(m.group("n")) if m.group("n") is not None else _chinese_count(m.group("cn"))


_RE_COUNT_WORDS = re.compile(_RE_COUNT.pattern.replace(
    r"(?P<cn>[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])",
    r"(?P<cn>[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+)"))


def _large_chinese_count(s: str, raw: object):
    """A count in numerals past the simple ones: 一百二十户, 两百人, 壹佰伍拾户."""
    m = _RE_COUNT_WORDS.fullmatch(s) if _CN_NUMERAL.search(s) else None
    value = _cn_number(m.group("cn")) if m else None
    if value is None or value < 0 or not float(value).is_integer():
        return Unreadable(raw, BAD_COUNT)
    return int(value)


_PHONE_SPLIT = re.compile(r"[,，/、;；]+")
_PHONE_NOISE = re.compile(r"[\s\-–—()（）.]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010 and 02x (the largest cities: 7 or 8 digits after them), else 0 and three digits
# (0898, 0571: 7 or 8 digits); 0898-663521 (6 digits) is no number.
_LANDLINE = re.compile(r"0(?:10|2\d)\d{7,8}|0[3-9]\d{2}[2-9]\d{6,7}")
_LOCAL = re.compile(r"[2-9]\d{6,7}")
_PLAIN_LANDLINE = re.compile(r"0(?:10|2\d)-\d{7,8}|0[3-9]\d{2}-[2-9]\d{6,7}")  # _LANDLINE with its dash
_EXTENSION = re.compile(r"(?:转|ext\.?|x|分机)\d{1,6}$", re.I)
# Notes clerks write beside a number: "（微信同号）", "(办公室)" anywhere, a name or word before or
# after it ("王先生 13812345678", "13812345678 王先生"). A note holds no digit; one that says the
# number does not work (空号, 停机, 打不通) is no note to drop.
_PAREN_NOTE = re.compile(r"[(\[【][^\d()\[\]【】]*[)\]】]")  # after NFKC: （） are ()
_EDGE_NOTE = re.compile(r"^[\u3400-\u9fff]+\s*:?|[\u3400-\u9fff]+$")
_DEAD_NUMBER = re.compile(r"空号|停机|停用|错号|有误|错误|不对|不通|无法接通|注销|无效|作废")


def signer(value):
    """A signature cell's value, or None when it says nobody signed (未签, 未交, 拒签, 否)."""
    if type(value) is str and value[:1] in _NOT_SIGNED_START and _NOT_SIGNED.match(unicodedata.normalize("NFKC", value)):
        return None
    if type(value) is str and may_be_traditional(value[:4]) and _NOT_SIGNED.match(fold(unicodedata.normalize("NFKC", value))):
        return None  # 未簽, 拒簽, 沒簽
    return value


def parse_phone(raw: object):
    """Phones stay text (as written, for calling back); ``phone_is_valid`` judges them."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return parse_text(raw)


def _one_phone_is_valid(part: str, region: str = MAINLAND) -> bool:
    return _digits_are_a_number(_EXTENSION.sub("", _PHONE_NOISE.sub("", part)), region)


# Each region's numbering plan, for the digits after the country code (or dialled at home).
# Hong Kong: 8 digits, landlines 2/3, mobiles 5/6/9. Macau: 8 digits, mobiles 6, landlines 28
# and 8. Taiwan: mobiles 09xx-xxx-xxx, landlines with the area code (02) xxxx-xxxx, 0x-xxx-xxxx,
# 7 or 8 digits dialled locally.
_HONG_KONG = re.compile(r"[23569]\d{7}")
_MACAU = re.compile(r"6\d{7}|8\d{7}|28\d{6}")
_TAIWAN = re.compile(r"09\d{8}|0[2-8]\d{7,8}|[2-9]\d{6,7}")
_TAIWAN_ABROAD = re.compile(r"0?(?:9\d{8}|[2-8]\d{7,8})")  # after +886: the trunk 0 dropped, or kept as (0)
_COUNTRY_CODE = re.compile(r"(?:\+|00)(86|852|853|886)")
_COUNTRY_REGION = {"86": MAINLAND, "852": HONG_KONG, "853": MACAU, "886": TAIWAN}
# Written without + or 00: the code is told by the length (852 and 853 and 8 digits; no mainland
# mobile starts with 8)
_BARE_CODE_LENGTHS = {"86": (13,), "852": (11,), "853": (11,), "886": (11, 12)}


def country_coded(p: str) -> tuple[str, str] | None:
    """(region, number) for a number written with its country code; ("", p) for a code of
    another country; None for a number written without one."""
    if p[:1] == "+" or p[:2] == "00":
        m = _COUNTRY_CODE.match(p)
        return (_COUNTRY_REGION[m.group(1)], p[m.end():]) if m else ("", p)
    for code in ("86", "852", "853", "886"):
        if p.startswith(code) and len(p) in _BARE_CODE_LENGTHS[code]:
            return _COUNTRY_REGION[code], p[len(code):]
    return None


def _on_plan(p: str, region: str, abroad: bool) -> bool:
    if region == MAINLAND:
        return bool(_MOBILE.fullmatch(p) or _LANDLINE.fullmatch(p) or _LOCAL.fullmatch(p))
    if region == HONG_KONG:
        return bool(_HONG_KONG.fullmatch(p))
    if region == MACAU:
        return bool(_MACAU.fullmatch(p))
    if region == TAIWAN:
        return bool((_TAIWAN_ABROAD if abroad else _TAIWAN).fullmatch(p))
    return False


def _digits_are_a_number(p: str, region: str = MAINLAND) -> bool:
    """A number without spaces, dashes or extension, by the plan of the country its code names,
    else of the register's region. A mainland mobile (11 digits from 13 to 19, like no number
    of Hong Kong, Macau or Taiwan) is a number in every region's register."""
    coded = country_coded(p)
    if coded is not None:
        return _on_plan(coded[1], coded[0], True)
    return _on_plan(p, region, False) or (region != MAINLAND and bool(_MOBILE.fullmatch(p)))


def _without_edge_note(piece: str) -> str:
    """A piece of a phone cell without the word written before or after its number ("王先生")."""
    return _EDGE_NOTE.sub("", piece).strip() if not piece.isascii() else piece


def phone_is_valid(text: str, region: str = MAINLAND) -> bool:
    """Every number in the cell is a number of the register's region (by default the mainland: a
    mobile, a landline with area code, or a local number), or of the country its code names
    (+852 9123 4567 in a mainland register).

    Spaces may group digits ("138 1234 5678") or separate two numbers; both are tried. A note
    beside a number ("（微信同号）", "王先生") does not make it invalid; a note alone is no number.
    """
    if len(text) == 11 and text.isdigit() and text[0] == "1" and text[1] in "3456789":
        return True  # a plain mobile number: most cells
    if region == MAINLAND and _PLAIN_LANDLINE.fullmatch(text):
        return True  # 0571-88886666: most of the rest
    if text.isascii() and text.isdigit():
        return _digits_are_a_number(text, region)  # digits alone: one number, no note, nothing to remove
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii() and _DEAD_NUMBER.search(fold(text)):  # 空號, 停機 fold to 空号, 停机
        return False  # a note that says the number does not work
    if "(" in text or "[" in text or "【" in text:
        text = _PAREN_NOTE.sub(",", text)  # "（微信同号）": a note beside a number, set aside like a separator
    parts = [p for p in _PHONE_SPLIT.split(text) if p.strip()]
    if not parts:
        return False
    numbers = 0
    for part in parts:
        if _one_phone_is_valid(part, region):
            numbers += 1
            continue
        pieces = [x for x in map(_without_edge_note, part.split()) if x]
        if not all(_one_phone_is_valid(piece, region) for piece in pieces):
            return False
        numbers += len(pieces)  # none: a part that is only a note ("王先生")
    return numbers > 0
