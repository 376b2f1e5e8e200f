"""Complaint-handling rules (seeds 000 and 003).

Flow (000 流程图): complaint → customer-service centre records it and names who handles
it → reply by the time promised to the customer → return visit: satisfied → close; not
satisfied → back to handling. What *answered*, *closed*, *visited* and *major* mean lives in
toolkit.model.complaints, which the weekly lists and the reminders ask too.
"""

from __future__ import annotations

import re
from datetime import timedelta
from difflib import SequenceMatcher

from toolkit.i18n import t
from toolkit.model.complaints import (
    NO_VISIT, UNSATISFIED, is_answered, is_closed, major_reasons, norm as _norm, satisfaction,
)
from toolkit.registers.fields import COMPLAINTS
from toolkit.registers.values import phone_is_valid
from toolkit.rules.catalog import ERROR, WARNING, WORKBOOK, Hit, filled, latest, rule, show_time, surely_after
from toolkit.rules.work_orders import BAD_VALUE_MESSAGES, bad_value, duplicate_numbers

K = COMPLAINTS
MAJOR_COMPLAINT = "major-complaint"
_REQUIRED = ("complaint_no", "received_at", "complainant", "phone", "content", "owner")
# Columns that can say a complaint was answered; without one, "unanswered" is a guess.
_ANSWER_COLUMNS = ("replied_at", "visit_at", "visit_result", "closed_at")


def _span(delta: timedelta, lang: str) -> str:
    """A duration as a clerk would say it: hours under two days, whole days after."""
    h = delta.total_seconds() / 3600
    if h < 48:
        return t("span.hours", lang, hours=h)
    return t("span.days", lang, count=int(h // 24))


# ---- the record is complete ------------------------------------------------------------

@rule("missing-field", name=("必填项为空", "required field empty"), kind=K, severity=ERROR, source="000 三不七要, 003 首问责任",
      checks=("投诉编号、投诉时间、投诉人、联系电话、投诉内容、责任人不得为空",
              "complaint no., received time, complainant, phone, content and owner are filled in"),
      messages={"default": ("{label}为空", "{label} is empty")},
      needs_any=_REQUIRED)
def missing_field(c, ctx):
    return [Hit(f) for f in _REQUIRED if f in ctx.columns and not filled(c, f)]


# ---- a definite reply time, and keeping it (003) ------------------------------------------

@rule("missing-reply-deadline", name=("未约定答复时间", "no reply time"), kind=K, severity=ERROR, source="003 明确回复时间",
      checks=("未答复的投诉须有承诺答复时间", "an unanswered complaint has a promised reply time"),
      messages={"default": ("投诉尚未答复，也没有承诺答复时间（须给客户明确的答复时间）",
                            "not answered yet and no reply time promised (give the customer a definite reply time)")},
      needs=("promised_reply_at",), needs_any=_ANSWER_COLUMNS)
def missing_reply_deadline(c, ctx):
    if not filled(c, "promised_reply_at") and not is_answered(c):
        return (Hit("promised_reply_at"),)
    return ()


@rule("reply-late", name=("答复晚于承诺", "late reply"), kind=K, severity=WARNING, source="003 信守承诺",
      checks=("在承诺答复时间之前答复客户", "the customer is answered by the promised reply time"),
      messages={"default": ("{replied} 才答复，晚于承诺的答复时间 {promised}",
                            "answered at {replied}, after the promised reply time {promised}")},
      needs=("promised_reply_at", "replied_at"))
def reply_late(c, ctx):
    if c.replied_at is None or c.promised_reply_at is None:
        return ()
    if surely_after(c.replied_at, c.promised_reply_at):
        return (Hit("replied_at", params={"replied": show_time(c.replied_at), "promised": show_time(c.promised_reply_at)}),)
    return ()


@rule("reply-overdue", name=("答复逾期", "reply overdue"), kind=K, severity=ERROR, source="003 信守承诺",
      checks=("承诺答复时间已过仍未答复：须按时致电客户说明进展、给出新的答复时间",
              "no complaint is left unanswered past its promised reply time (call the customer, explain the progress, give a new time)"),
      messages={"default": ("承诺 {promised} 前答复，已超过 {overdue_zh}仍未答复：请致电客户说明进展并给出新的答复时间",
                            "promised a reply by {promised}, still unanswered {overdue_en} later: call the customer, "
                            "explain the progress and give a new reply time")},
      needs=("promised_reply_at",), needs_any=_ANSWER_COLUMNS)
def reply_overdue(c, ctx):
    if c.promised_reply_at is None or is_answered(c) or not surely_after(ctx.as_of, c.promised_reply_at):
        return ()
    overdue = ctx.as_of - latest(c.promised_reply_at)
    return (Hit("promised_reply_at", params={"promised": show_time(c.promised_reply_at),
                                             "overdue_zh": _span(overdue, "zh"), "overdue_en": _span(overdue, "en")}),)


# ---- major complaints (000 重大投诉) --------------------------------------------------------

@rule(MAJOR_COMPLAINT, name=("重大投诉", "major complaint"), kind=K, severity=ERROR, source="000 重大投诉",
      checks=("未结案的重大投诉（涉及 {major_people} 人以上、受理 {major_open_days} 天后仍未结案、已曝光/诉讼或内容提到媒体、诉讼、12345 等）须由服务中心负责人亲自处理",
              "an open major complaint ({major_people} or more people, still open {major_open_days} days after receipt, "
              "media or lawsuit marked or named in the content: 曝光, 媒体, 起诉, 12345 …) is flagged for the centre's head"),
      messages={"default": ("重大投诉（{reasons_zh}）：须由服务中心负责人亲自处理",
                            "major complaint ({reasons_en}): the centre's head handles it in person")},
      needs_any=("people_count", "media_or_legal", "content", "closed_at"))
def major_complaint(c, ctx):
    reasons = major_reasons(c, ctx.as_of, ctx.settings, "closed_at" in ctx.columns)
    if not reasons:
        return ()
    return (Hit(reasons[0].field, params={"reasons_zh": "；".join(r.zh for r in reasons),
                                          "reasons_en": "; ".join(r.en for r in reasons)}),)


# ---- return visit, then close (000 流程图) --------------------------------------------------

@rule("closed-unsatisfied", name=("不满意却结案", "closed unsatisfied"), kind=K, severity=ERROR, source="000 流程图",
      checks=("回访不满意的投诉不得结案，须退回继续处理", "a complaint whose return visit found the customer not satisfied is not closed: it goes back to handling"),
      messages={"default": ("回访结果为“{result}”却已结案：不满意须退回继续处理",
                            "closed although the return visit says \"{result}\": it must go back to handling")},
      needs=("closed_at", "visit_result"))
def closed_unsatisfied(c, ctx):
    if is_closed(c) and c.visit_result is not None and satisfaction(c.visit_result) == UNSATISFIED:
        return (Hit("closed_at", params={"result": c.visit_result}),)
    return ()


@rule("missing-visit", name=("未回访", "no return visit"), kind=K, severity=WARNING, source="000 流程图",
      checks=("结案前须回访", "a closed complaint had a return visit"),
      messages={"default": ("已结案但没有回访记录（回访满意后方可结案）",
                            "closed without a return visit (close after the customer says satisfied)")},
      needs=("closed_at",), needs_any=("visit_at", "visit_result"))
def missing_visit(c, ctx):
    if not is_closed(c):
        return ()
    no_visit = c.visit_result is not None and satisfaction(c.visit_result) == NO_VISIT
    if filled(c, "visit_at"):
        # a visit time beside "联系不上" records an attempt, not a visit
        return (Hit("visit_result"),) if no_visit else ()
    if c.visit_result is not None and not no_visit:
        return ()
    return (Hit("visit_at" if "visit_at" in ctx.columns else "visit_result"),)


# ---- times in order ---------------------------------------------------------------------------

_SEQUENCE = ("received_at", "replied_at", "visit_at", "closed_at")
_LABELS = {"received_at": ("投诉时间", "receipt"), "promised_reply_at": ("承诺答复时间", "promised reply"),
           "replied_at": ("答复时间", "reply"), "visit_at": ("回访时间", "return visit"),
           "closed_at": ("结案时间", "closing")}


def _time_params(name: str, value) -> dict:
    zh, en = _LABELS[name]
    return {"label": zh, "label_en": en[0].upper() + en[1:] + " time", "value": show_time(value)}


@rule("time-order", name=("时间顺序错误", "times out of order"), kind=K, severity=ERROR, source="000 流程图",
      checks=("投诉 ≤ 答复 ≤ 回访 ≤ 结案，承诺答复时间不早于投诉时间，且均不晚于检查时间（承诺时间除外）",
              "received ≤ replied ≤ visited ≤ closed, the promised reply not before receipt, and none but the promise in the future"),
      messages={
          "before": ("{label}（{value}）早于{prev_zh}（{prev}）", "{label_en} ({value}) is before the {prev_en} time ({prev})"),
          "future": ("{label}（{value}）晚于检查时间 {as_of}", "{label_en} ({value}) is after the check time {as_of}"),
      },
      needs_any=_SEQUENCE + ("promised_reply_at",))
def time_order(c, ctx):
    hits = []
    previous = None
    for name in _SEQUENCE:
        value = getattr(c, name)
        if value is None:
            continue
        if surely_after(value, ctx.as_of):
            hits.append(Hit(name, "future", {**_time_params(name, value), "as_of": show_time(ctx.as_of)}))
        elif previous is not None and surely_after(previous[1], value):
            p_zh, p_en = _LABELS[previous[0]]
            hits.append(Hit(name, "before", {**_time_params(name, value), "prev_zh": p_zh, "prev_en": p_en,
                                             "prev": show_time(previous[1])}))
            continue  # compare the next event with the last one in order
        previous = (name, value)
    # A promise lies ahead of the check time by nature, but never before the complaint came in.
    if c.promised_reply_at is not None and c.received_at is not None and surely_after(c.received_at, c.promised_reply_at):
        hits.append(Hit("promised_reply_at", "before", {
            **_time_params("promised_reply_at", c.promised_reply_at), "prev_zh": "投诉时间", "prev_en": "receipt",
            "prev": show_time(c.received_at)}))
    return hits


# ---- values -------------------------------------------------------------------------------------

rule("bad-value", name=("值无法识别", "unreadable value"), kind=K, severity=ERROR, source="—",
     checks=("日期、时间、人数的值可以识别", "date, time and number-of-people values can be read"),
     messages=BAD_VALUE_MESSAGES)(bad_value)


BAD_PHONE_MESSAGES = {"default": ("联系电话“{phone}”不是有效的手机号或固定电话",
                                  "\"{phone}\" is not a valid mobile or landline number")}


@rule("bad-phone", name=("电话无效", "invalid phone"), kind=K, severity=WARNING, source="003 致电客户",
      checks=("联系电话是登记表所在地区或所写区号的国家/地区的有效手机号或固定电话（答复、回访都要致电客户）",
              "the phone is a valid mobile or landline number of the register's region, or of the country its "
              "code names (the reply and the return visit are calls)"),
      messages=BAD_PHONE_MESSAGES, needs=("phone",))
def bad_phone(c, ctx):
    if c.phone is not None and not phone_is_valid(c.phone, ctx.region):
        return (Hit("phone", params={"phone": c.phone}),)
    return ()


@rule("duplicate-number", name=("编号重复", "duplicate number"), kind=K, severity=ERROR, source="003 投诉记录",
      checks=("每个投诉编号只使用一次", "each complaint number is used once"),
      messages={"default": ("投诉编号 {number} 重复（首次出现在 {first}）",
                            "complaint number {number} is used twice (first at {first})")},
      needs=("complaint_no",), scope=WORKBOOK)
def duplicate_number(registers, ctx):
    return duplicate_numbers(registers, ctx, "complaint_no")


# ---- the four classes by content (000 客户投诉分类) ---------------------------------------------

CATEGORIES = ("设备设施", "管理服务", "收费", "突发事件")
# Other spellings of a class that are still that class.
_SAME = {"设施设备": "设备设施"}
# The four classes as English registers name them (compared on letters alone: "Fees & Charges").
_ENGLISH_CLASSES = {
    **dict.fromkeys(("facilities", "facility", "equipment", "facilitiesequipment", "equipmentfacilities",
                     "facilitiesandequipment", "equipmentandfacilities"), "设备设施"),
    **dict.fromkeys(("managementservice", "managementservices", "managementandservice", "managementandservices",
                     "management", "service", "services"), "管理服务"),
    **dict.fromkeys(("fees", "fee", "charges", "charge", "charging", "billing", "feesandcharges", "chargesandfees",
                     "feescharges", "chargesfees"), "收费"),
    **dict.fromkeys(("emergency", "emergencies", "emergencyincident", "emergencyincidents", "incident", "incidents",
                     "suddenincident", "suddenincidents", "emergencyevent", "emergencyevents"), "突发事件"),
}
_NOT_LETTERS = re.compile(r"[^a-z]+")
# Words that point to a class: in a category written another way, or failing that in the content.
# The most specific class comes first and wins a tie (电梯困人 is an emergency, not a facility).
_CLASS_WORDS = {
    "突发事件": ("突发", "紧急", "事故", "被盗", "失窃", "火灾", "着火", "困人", "停水", "停电", "爆管", "水淹", "坠落",
                 "下坠", "应急", "意外"),
    "收费": ("收费", "费用", "物业费", "停车费", "水费", "电费", "价格", "缴费", "交费", "乱收", "退费", "押金", "账单",
             "财务"),
    "管理服务": ("管理", "服务", "态度", "保安", "保洁", "卫生", "绿化", "秩序", "停车", "噪音", "噪声", "安保", "客服",
                 "装修", "宠物", "垃圾", "环境", "人员"),
    "设备设施": ("设备", "设施", "电梯", "门禁", "水管", "管道", "漏水", "渗水", "照明", "路灯", "供水", "供电", "水泵",
                 "空调", "消防", "监控", "维修", "硬件", "工程", "房屋"),
}
_DECORATION = re.compile(r"^(?:第[一二三四1-4]类[、.:：]?|对)|(?:方面的投诉|方面|类投诉|投诉|类|问题)$")


def _category_class(value: str) -> str | None:
    """The class a category value names (decorations like 类/方面/投诉 allowed), else None."""
    s = _norm(value)
    for _ in range(3):
        stripped = _DECORATION.sub("", s)
        if stripped == s:
            break
        s = stripped
    s = _SAME.get(s, s)
    if s not in CATEGORIES and s.isascii():
        s = _ENGLISH_CLASSES.get(_NOT_LETTERS.sub("", s), s)
    return s if s in CATEGORIES else None


def _nearest_class(text: str) -> str | None:
    s = _norm(text)
    counts = {cls: sum(1 for w in words if w in s) for cls, words in _CLASS_WORDS.items()}
    best = max(counts, key=lambda cls: counts[cls])
    if counts[best]:
        return best
    ratios = {cls: SequenceMatcher(None, s, cls).ratio() for cls in CATEGORIES}
    best = max(ratios, key=lambda cls: ratios[cls])
    return best if ratios[best] >= 0.5 else None


@rule("bad-category", name=("投诉类别不符", "unknown category"), kind=K, severity=WARNING, source="000 客户投诉分类",
      checks=("投诉类别是四类之一：设备设施、管理服务、收费、突发事件",
              "the category is one of the four classes: 设备设施 (facilities), 管理服务 (management service), 收费 (fees), 突发事件 (emergencies)"),
      messages={
          "suggest": ("投诉类别“{value}”不在四类之中，应为“{suggestion}”？",
                      "category \"{value}\" is not one of the four classes; \"{suggestion}\"?"),
          "default": ("投诉类别“{value}”不在四类之中（设备设施、管理服务、收费、突发事件）",
                      "category \"{value}\" is not one of the four classes (设备设施, 管理服务, 收费, 突发事件)"),
      },
      needs=("category",))
def bad_category(c, ctx):
    if c.category is None or _category_class(c.category):
        return ()
    suggestion = _nearest_class(c.category) or (_nearest_class(c.content) if c.content else None)
    if suggestion:
        return (Hit("category", "suggest", {"value": c.category, "suggestion": suggestion}),)
    return (Hit("category", params={"value": c.category}),)
