"""The canonical fields of each register kind: type, label, lifecycle stage.

One place for what a field is; the alias table says how sites name it, the records
module builds typed records from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.i18n import pick

WORK_ORDERS = "work_orders"
COMPLAINTS = "complaints"
# The registers a sheet may be. A call log (客服来电登记表: one row per call, a 来电类型 column
# saying 报修 / 投诉 / 咨询 …) is not a kind of its own: its rows are split into the work orders,
# the complaints and the other calls it holds.
KINDS = (WORK_ORDERS, COMPLAINTS)
CALLS = "calls"  # a call log's other calls (咨询, 建议, 表扬, 求助): checked as call records
RECORD_KINDS = (*KINDS, CALLS)

# Value types, each with one parser in values.py.
TEXT, DATETIME, MONEY, FLAG, PHONE, COUNT, STATUS = "text", "datetime", "money", "flag", "phone", "count", "status"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str
    zh: str
    en: str
    # Lifecycle position (received 0 … visit 6): orders time fields and resolves
    # headers such as 签收人 that mean engineering's sign-in or the return by position.
    stage: int | None = None

    def label(self, lang: str) -> str:
        return pick((self.zh, self.en), lang)


_WORK_ORDER_FIELDS = (
    Field("order_no", TEXT, "单号", "order no."),
    Field("received_at", DATETIME, "报修时间", "received at", 0),
    Field("dispatched_at", DATETIME, "派单时间", "dispatched at", 1),
    Field("location", TEXT, "报修地点", "location"),
    Field("content", TEXT, "报修内容", "repair content"),
    Field("customer_name", TEXT, "客户姓名", "customer name"),
    Field("customer_phone", PHONE, "联系电话", "customer phone"),
    Field("paid", FLAG, "有偿/无偿", "paid or free"),
    Field("accepted_at", DATETIME, "工程部接单时间", "engineering sign-in time", 2),
    Field("accepted_by", TEXT, "工程部接单人", "accepted by (engineering)", 2),
    Field("repairer_signature", TEXT, "维修人员签字", "repairer's signature", 3),
    Field("completed_at", DATETIME, "完工时间", "completed at", 3),
    Field("customer_signature", TEXT, "客户签字", "customer's signature", 3),
    Field("fee", MONEY, "费用(元)", "fee (yuan)", 3),
    Field("delay_reason", TEXT, "延误原因", "delay reason", 3),
    Field("incomplete_reason", TEXT, "未完成原因", "reason not completed", 3),
    Field("returned_at", DATETIME, "返单时间", "returned at", 4),
    Field("return_signer", TEXT, "返单签收人", "return signed by", 4),
    Field("special_approval", TEXT, "特殊批示", "special approval", 4),
    Field("finance_receipt", TEXT, "财务签收", "finance receipt", 5),
    Field("visit_at", DATETIME, "回访时间", "return visit at", 6),
    Field("visit_result", TEXT, "回访结果", "return visit result", 6),
    Field("remarks", TEXT, "备注", "remarks"),
)

_COMPLAINT_FIELDS = (
    Field("complaint_no", TEXT, "投诉编号", "complaint no."),
    Field("received_at", DATETIME, "投诉时间", "received at", 0),
    Field("complainant", TEXT, "投诉人", "complainant"),
    Field("phone", PHONE, "联系电话", "phone"),
    Field("location", TEXT, "房号", "location"),
    Field("content", TEXT, "投诉内容", "complaint content"),
    Field("category", TEXT, "投诉类别", "category"),
    Field("people_count", COUNT, "涉及人数", "people involved"),
    Field("media_or_legal", TEXT, "曝光/诉讼", "media or legal action"),
    Field("first_handler", TEXT, "首问责任人", "first handler"),
    Field("owner", TEXT, "责任人", "owner"),
    Field("promised_reply_at", DATETIME, "承诺答复时间", "promised reply time", 1),
    Field("replied_at", DATETIME, "答复时间", "replied at", 2),
    Field("result", TEXT, "处理结果", "result"),
    Field("visit_at", DATETIME, "回访时间", "return visit at", 3),
    Field("visit_result", TEXT, "回访结果", "return visit result", 3),
    Field("closed_at", DATETIME, "结案时间", "closed at", 4),
    Field("remarks", TEXT, "备注", "remarks"),
)

# What a call record needs (time, who called, what about, who took it) and what it may hold.
_CALL_FIELDS = (
    Field("call_no", TEXT, "编号", "call no."),
    Field("received_at", DATETIME, "来电时间", "received at", 0),
    Field("caller", TEXT, "来电人", "caller"),
    Field("phone", PHONE, "联系电话", "phone"),
    Field("location", TEXT, "房号", "location"),
    Field("content", TEXT, "来电内容", "what the call was about"),
    Field("taker", TEXT, "受理人", "taken by"),
    Field("result", TEXT, "处理结果", "result"),
    Field("remarks", TEXT, "备注", "remarks"),
)

FIELDS: dict[str, dict[str, Field]] = {
    WORK_ORDERS: {f.name: f for f in _WORK_ORDER_FIELDS},
    COMPLAINTS: {f.name: f for f in _COMPLAINT_FIELDS},
    CALLS: {f.name: f for f in _CALL_FIELDS},
}

# The field that identifies a record (the pre-printed form number, not the 序号 counter).
RECORD_NUMBER = {WORK_ORDERS: "order_no", COMPLAINTS: "complaint_no", CALLS: "call_no"}

# Fields only a software export has, read like the others: the stage an order reached, in words
# (工单状态: toolkit.model.work_orders). Not among FIELDS, the columns of a clerk's register (the
# template's), and no sign of which kind of register a sheet is.
EXPORT_FIELDS: dict[str, dict[str, Field]] = {
    WORK_ORDERS: {"status": Field("status", STATUS, "工单状态", "order status")},
    COMPLAINTS: {},
    CALLS: {},
}
# Who issued the order (发单人, 派单人, 接报人, 受理人 …): read where a register names them, so a
# finding on the issue-time cells names its issuer (三.12). Not among FIELDS: the template's form
# is printed on A4 and keeps its columns; no sign of which kind of register a sheet is either.
PEOPLE_FIELDS: dict[str, dict[str, Field]] = {
    WORK_ORDERS: {"issued_by": Field("issued_by", TEXT, "发单人", "issued by")},
    COMPLAINTS: {},
    CALLS: {},
}
# Every field the reader reads, kind by kind.
READ_FIELDS: dict[str, dict[str, Field]] = {
    kind: {**FIELDS[kind], **EXPORT_FIELDS[kind], **PEOPLE_FIELDS[kind]} for kind in RECORD_KINDS}

# How a register's numbers came to be: forms pre-printed on paper (三联单: a missing number
# is a lost form), or numbers a software gives (工单系统: gaps are orders of other projects,
# deleted drafts …, not lost forms). Decided per register by the reader.
PRINTED_FORMS, SYSTEM_NUMBERS = "printed_forms", "system_numbers"

# Fields that identify a row as a record rather than a note or a footer.
IDENTITY_FIELDS = {
    WORK_ORDERS: ("order_no", "content", "location", "customer_name", "customer_phone"),
    COMPLAINTS: ("complaint_no", "content", "location", "complainant", "phone"),
    CALLS: ("call_no", "content", "location", "caller", "phone"),
}

# Fields only a register of the kind keeps: the steps of its lifecycle after receipt. Any
# business list has a number, a name, a phone, an address, a date and notes; a header written
# in English words (which spreadsheets of every trade share) is a register only with two of these.
LIFECYCLE_FIELDS = {
    WORK_ORDERS: ("dispatched_at", "accepted_at", "accepted_by", "repairer_signature", "completed_at",
                  "customer_signature", "paid", "delay_reason", "incomplete_reason", "returned_at", "return_signer",
                  "finance_receipt", "visit_at", "visit_result"),
    COMPLAINTS: ("promised_reply_at", "replied_at", "result", "first_handler", "owner", "visit_at", "visit_result",
                 "closed_at", "media_or_legal", "people_count"),
}
ENGLISH_EVIDENCE = 2

# Time fields in the order events happen; a time written without a date takes the date of
# the event before it.
TIME_SEQUENCE = {
    WORK_ORDERS: ("received_at", "dispatched_at", "accepted_at", "completed_at", "returned_at", "visit_at"),
    # The promised reply time follows the receipt: "17:00" alone is that day's five o'clock.
    COMPLAINTS: ("received_at", "promised_reply_at", "replied_at", "visit_at", "closed_at"),
    CALLS: ("received_at",),
}


def all_field_names() -> set[str]:
    return {name for fields in READ_FIELDS.values() for name in fields} | {"seq", "ignore"}
