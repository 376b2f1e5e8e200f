"""The stages of a work order (seed 001 三): received → dispatched → accepted by engineering →
completed → returned → return visit; or cancelled.

A paper register says how far an order got by what is written on it (a sign-in time, a
completion time, a return signer). A software export also says it in words, in a status column
(工单状态: 待派单, 处理中, 已完成, 已关闭, 已取消 …): where a register has one, the status
decides the stage. The work-order rules and the weekly lists ask these questions here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# What a status word says, in the lifecycle's order; CANCELLED stands apart.
PENDING = "pending"  # received, not dispatched yet (待派单)
DISPATCHED = "dispatched"  # dispatched, not accepted by engineering yet (待接单)
ACCEPTED = "accepted"  # being repaired, or on hold (处理中, 已接单, 已挂起)
COMPLETED = "completed"  # repaired (已完成, 待回访)
CLOSED = "closed"  # completed and visited or closed (已回访, 已关闭)
CANCELLED = "cancelled"  # cancelled or voided (已取消, 已作废): still a record, never a repair

_WORDS = {
    PENDING: ("待派单", "待派工", "待分派", "待分配", "待指派", "未派单", "未派工", "待受理", "新建", "待审核"),
    DISPATCHED: ("待接单", "已派单", "已派工", "已分派", "已指派", "待签收", "已分配"),
    ACCEPTED: ("处理中", "已接单", "维修中", "进行中", "施工中", "待完工", "已签收", "已挂起", "挂起", "已暂停",
               "暂停", "待维修", "已到场", "已上门"),
    COMPLETED: ("已完成", "已完工", "完成", "完工", "待回访", "待评价", "待验收", "待确认", "已处理", "已解决", "已修复",
                "已维修"),
    CLOSED: ("已回访", "已评价", "已关闭", "关闭", "已结单", "结单", "已归档", "归档", "已结案", "已办结", "已验收"),
    CANCELLED: ("已取消", "取消", "已作废", "作废", "已撤销", "撤销", "已撤单", "撤单", "已删除", "无效", "已失效"),
}
_STATUS = {word: status for status, words in _WORDS.items() for word in words}
_NOISE = re.compile(r"[\s()（）\[\]【】]+")

DISPATCHED_OR_LATER = frozenset({DISPATCHED, ACCEPTED, COMPLETED, CLOSED})
ACCEPTED_OR_LATER = frozenset({ACCEPTED, COMPLETED, CLOSED})
DONE = frozenset({COMPLETED, CLOSED})
NOT_OPEN = DONE | {CANCELLED}  # a status saying the order is open no longer, completion time or not


@lru_cache(maxsize=1024)  # a system writes a handful of words, on every row
def status_of(text: str) -> str | None:
    """The stage a status word names, or None when it names none the toolkit knows (the order is
    then judged by what is written on it, as in a register without a status)."""
    s = _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()
    return _STATUS.get(s)


def is_cancelled(order) -> bool:
    """Cancelled or voided: a record all the same, but never dispatched, repaired or returned
    as far as the rules go."""
    return order.status == CANCELLED


def reached(order, stage: frozenset[str]) -> bool | None:
    """Whether the status says the order reached ``stage`` (DISPATCHED_OR_LATER, …); None when
    the register has no status for it: then what is written on the order tells."""
    status = order.status
    if status is None:
        return None
    return status in stage
