"""The states of a complaint (000 流程图): answered, visited, closed, and major (000 重大投诉).

Flow: complaint → the customer-service centre records it and names who handles it → reply by
the time promised to the customer → return visit: satisfied → close; not satisfied → back to
handling. A complaint counts as *answered* once it has a reply time, a return visit or a close
time, and as *closed* once it has a close time (结案时间). The complaint rules, the weekly lists
and the reminders all ask these questions here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from toolkit.model.records import filled
from toolkit.model.settings import Settings
from toolkit.model.times import latest, surely_after

SATISFIED, UNSATISFIED, NO_VISIT = "satisfied", "unsatisfied", "no_visit"
_NO_VISIT_WORDS = ("未回访", "没回访", "待回访", "未访", "联系不上", "未联系上", "无人接听", "未接通", "打不通",
                   "电话不通", "空号", "无人接", "没人接", "未接听", "未接电话", "没接电话", "不接电话", "拒接电话",
                   "关机", "停机", "占线", "无法接通", "不在家", "未联系", "没联系上",
                   # English, compared without spaces (norm): no answer, unreachable, not visited …
                   "noanswer", "unanswered", "unreachable", "notreachable", "couldnotreach", "cannotreach", "can'treach",
                   "couldn'treach", "notcontacted", "nocontact", "couldnotcontact", "notvisited", "novisit",
                   "notyetvisited", "pendingvisit", "voicemail", "wrongnumber", "linebusy", "notathome",
                   "nobodyhome", "noonehome", "switchedoff", "noresponse", "noreply")
_UNSATISFIED_WORDS = ("不满意", "不满", "不认可", "不接受", "不同意", "未解决", "没解决", "没有解决", "差评", "很差",
                      "较差", "不好", "不太满意", "不大满意", "不是很满意", "不很满意", "不够满意", "不怎么满意", "未满意",
                      "没满意", "满意度低", "不太认可",
                      "dissatisf", "unsatisf", "unhappy", "notresolved", "unresolved", "notgood", "notok")
# "not satisfied", "not very satisfied", "not at all satisfied" (compared without spaces)
_NOT_SATISFIED = re.compile(r"not\w{0,8}satisf")
_UNSATISFIED_EXACT = frozenset({"否", "不", "差", "n", "no", "×", "✗", "✘", "unsatisfied", "dissatisfied", "poor",
                                "verypoor", "bad", "verybad", "complained"})
_SATISFIED_EXACT = frozenset({"是", "好", "很好", "良好", "认可", "已解决", "y", "yes", "√", "✓", "✔", "satisfied", "good",
                              "verygood", "ok", "okay", "fine", "excellent", "happy", "resolved", "fixed"})


def norm(text: str) -> str:
    """Text as compared with the word lists: width folded, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def satisfaction(text: str) -> str | None:
    """What a return-visit result says: satisfied, unsatisfied, no visit made, or None (can't tell)."""
    s = norm(text)
    if any(w in s for w in _NO_VISIT_WORDS):
        return NO_VISIT
    if s in _UNSATISFIED_EXACT or any(w in s for w in _UNSATISFIED_WORDS) or _NOT_SATISFIED.search(s):
        return UNSATISFIED
    if s in _SATISFIED_EXACT or "满意" in s or "satisf" in s:
        return SATISFIED
    return None


def is_answered(c) -> bool:
    """Answered once it has a reply time, a return visit or a close time (a visit time beside
    联系不上 records a call nobody answered, not an answer)."""
    if filled(c, "replied_at") or filled(c, "closed_at"):
        return True
    if c.visit_result is not None:
        return satisfaction(c.visit_result) != NO_VISIT
    return filled(c, "visit_at")


def is_closed(c) -> bool:
    return filled(c, "closed_at")


def visited(record) -> bool:
    """A return visit was made: a visit time, or a result other than "未回访 / 联系不上" (a visit
    time beside 联系不上 or 无人接听 records a call nobody answered)."""
    if record.visit_result is None:
        return filled(record, "visit_at") or filled(record, "visit_result")
    return satisfaction(record.visit_result) != NO_VISIT


# ---- major complaints (000 重大投诉) --------------------------------------------------------

# Media exposure, legal action and escalation outside the estate, by concept. A word right
# after a negation (未曝光, 没有起诉, 无人受伤) does not count.
_MAJOR_WORDS = (
    # media
    "曝光", "媒体", "记者", "报社", "报纸", "电视台", "新闻", "微博", "抖音",
    # legal action
    "起诉", "诉讼", "律师函", "律师", "法院", "仲裁",
    # the government hotline and petitions
    "12345", "市长热线", "政务热线", "市民热线", "信访",
    # injury (造成人身伤害)
    "人身伤害", "受伤", "摔伤", "砸伤", "烫伤", "骨折",
)
_MAJOR_RE = re.compile("|".join(re.escape(w) if not w.isdigit() else rf"(?<!\d){w}(?!\d)"
                                for w in sorted(_MAJOR_WORDS, key=len, reverse=True)))
_NEGATION = ("未", "没", "没有", "无", "不", "非", "并未", "无人")
# What a clerk writes in a yes/no column to say "no" (无, - and / are already empty).
_NO = frozenset({"否", "no", "n", "×", "✗", "✘", "0", "没有", "未", "未曝光", "无诉讼", "不涉及", "false"})


def _named_major_word(text: str) -> str | None:
    s = unicodedata.normalize("NFKC", text)
    for m in _MAJOR_RE.finditer(s):
        before = s[max(0, m.start() - 2):m.start()]
        if any(before.endswith(n) for n in _NEGATION):
            continue
        return m.group(0)
    return None


def _marked(value: str | None) -> bool:
    return value is not None and norm(value) not in _NO


@dataclass(frozen=True, slots=True)
class MajorReason:
    """One reason a complaint is major: the field that shows it, said in both languages."""

    field: str
    zh: str
    en: str


def major_reasons(c, as_of: datetime, settings: Settings, closed_column: bool) -> tuple[MajorReason, ...]:
    """Why an open complaint is major (empty: it is not, or it is closed): major_people or more
    people, media or a lawsuit marked or named in the content, or still open major_open_days
    after receipt (only told when the register has a close column, ``closed_column``)."""
    if is_closed(c):
        return ()
    reasons: list[MajorReason] = []
    limit = settings.major_people
    if c.people_count is not None and c.people_count >= limit:
        reasons.append(MajorReason("people_count", f"涉及 {c.people_count} 人，达 {limit} 人以上",
                                   f"{c.people_count} people involved, {limit} or more"))
    if _marked(c.media_or_legal):
        reasons.append(MajorReason("media_or_legal", f"曝光/诉讼：{c.media_or_legal}",
                                   f"media/lawsuit marked \"{c.media_or_legal}\""))
    elif c.content is not None and (word := _named_major_word(c.content)):
        reasons.append(MajorReason("content", f"投诉内容提到“{word}”", f"the content names \"{word}\""))
    days = settings.major_open_days
    resolved = c.visit_result is not None and satisfaction(c.visit_result) == SATISFIED
    if (closed_column and c.received_at is not None and not resolved
            and surely_after(as_of, c.received_at, timedelta(days=days))):
        open_days = int((as_of - latest(c.received_at)).total_seconds() // 86400)
        reasons.append(MajorReason("closed_at", f"受理后 {open_days} 天仍未结案，超过 {days:g} 天",
                                   f"still open {open_days} days after receipt, over {days:g}"))
    return tuple(reasons)


def is_major(c, as_of: datetime, settings: Settings, closed_column: bool) -> bool:
    """An open major complaint: the centre's head handles it in person."""
    return bool(major_reasons(c, as_of, settings, closed_column))
