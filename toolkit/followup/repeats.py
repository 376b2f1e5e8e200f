"""Repeat repairs (返修): the same place with the same kind of fault again within ``repeat_days``
of the first repair's completion. Counted against the first repair's repairer.

"The same place": the locations written alike once spaces, punctuation and the words that only
structure an address (栋, 幢, 号楼, 单元, 室 …) are set aside: 3栋2单元501室, 3-2-501 and
3幢2单元501 are one place; 翠湖苑3-501 and 3-501 are not (nothing is guessed).
"The same kind of fault": both contents name the same fault (漏水 and 渗水 are one, 堵塞 and
下水不通 another: ``FAULTS``), or, where neither names a known fault, their Chinese character
pairs overlap by ``SIMILAR`` or more (Jaccard of the bigram sets): 卫生间灯不亮 and 卫生间灯又不亮
are alike, 更换门锁 and 疏通下水 are not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from toolkit.followup.sections import Source, engineer, received, source
from toolkit.followup.week import Week, in_week
from toolkit.model.people import person_name
from toolkit.model.times import earliest, latest
from toolkit.registers.records import Register, WorkOrder

SIMILAR = 0.5
# Faults by kind: a content naming any word of a group names that fault.
FAULTS = {
    "leak": ("漏水", "渗水", "滴水", "漏", "渗", "返水", "冒水"),
    "blocked": ("堵塞", "堵", "不通", "下水慢", "排水慢", "返味"),
    "power": ("跳闸", "停电", "没电", "断电", "漏电", "短路"),
    "lock": ("门锁", "锁", "钥匙", "门打不开", "门关不上"),
    "light": ("灯不亮", "灯坏", "灯", "照明"),
    "socket": ("插座", "开关"),
    "air_conditioning": ("空调", "暖气", "地暖"),
    "water_heater": ("热水器", "没有热水", "无热水"),
    "toilet": ("马桶", "坐便", "蹲便", "冲水"),
    "tap": ("龙头", "花洒", "阀门", "角阀"),
    "window": ("窗", "玻璃", "纱窗"),
    "door": ("门禁", "对讲", "单元门"),
    "lift": ("电梯",),
    "wall": ("墙", "裂缝", "脱落", "霉", "起皮"),
}
_STRUCTURE = re.compile(r"号楼|单元|栋|幢|座|楼|层|室|号|户|房|[\s\W_]+")


@dataclass(frozen=True, slots=True)
class RepeatRepair:
    first: str | None  # the first order's number
    first_source: Source
    again: str | None
    again_source: Source
    days: float  # from the first repair's completion to the second receipt
    location: str | None
    fault: str  # the fault both name (a FAULTS key), or the content of the first where they are alike in words
    repairer: str | None  # the first repair's repairer (who answers for the repeat)
    content_first: str | None
    content_again: str | None


@lru_cache(maxsize=65536)
def place(location: str | None) -> tuple[str, ...] | None:
    """A location's parts as compared: ("3", "2", "501") for 3栋2单元501室 and for 3-2-501."""
    if not location:
        return None
    parts = tuple(p for p in _STRUCTURE.split(unicodedata.normalize("NFKC", location).lower()) if p)
    return parts or None


@lru_cache(maxsize=65536)
def faults(content: str | None) -> frozenset[str]:
    if not content:
        return frozenset()
    text = unicodedata.normalize("NFKC", content)
    return frozenset(kind for kind, words in FAULTS.items() if any(w in text for w in words))


@lru_cache(maxsize=65536)
def _bigrams(content: str) -> frozenset[str]:
    chars = "".join(ch for ch in unicodedata.normalize("NFKC", content) if ch.isalnum())
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1))


def same_fault(a: str | None, b: str | None) -> str | None:
    """The fault two contents share (a FAULTS key, or "similar" when alike in words), else None."""
    if not a or not b:
        return None
    shared = faults(a) & faults(b)
    if shared:
        return sorted(shared)[0]
    if faults(a) and faults(b):
        return None  # each names a fault, not the same one
    x, y = _bigrams(a), _bigrams(b)
    if x and y and len(x & y) / len(x | y) >= SIMILAR:
        return "similar"
    return None


def repeat_repairs(registers: list[Register], as_of: datetime, week: Week, days: int) -> list[RepeatRepair]:
    """The repeat repairs whose second order was received in ``week``: each paired with the latest
    completed order at the same place with the same fault, completed at most ``days`` before."""
    limit = timedelta(days=days)
    orders: dict[tuple[str, ...], list[tuple[Register, WorkOrder]]] = defaultdict(list)
    for reg in registers:
        for order in reg.records:
            if isinstance(order, WorkOrder) and (key := place(order.location)) is not None:
                orders[key].append((reg, order))
    found = []
    for key, here in orders.items():
        if len(here) < 2:
            continue
        for reg, again in here:
            got = received(again)
            if not isinstance(got, date) or not in_week(got, week, as_of):
                continue
            best = None
            for first_reg, first in here:
                done = first.completed_at
                if first is again or not isinstance(done, date):
                    continue
                if not (latest(done) <= earliest(got) and earliest(got) - latest(done) <= limit):
                    continue
                fault = same_fault(first.content, again.content)
                if fault is not None and (best is None or latest(done) > latest(best[1].completed_at)):
                    best = (first_reg, first, fault)
            if best is not None:
                first_reg, first, fault = best
                gap = (earliest(got) - latest(first.completed_at)).total_seconds() / 86400
                found.append(RepeatRepair(
                    first.order_no, source(first_reg, first), again.order_no, source(reg, again), round(gap, 1),
                    again.location, fault, person_name(first.repairer_signature) or person_name(engineer(first)),
                    first.content, again.content))
    return sorted(found, key=lambda r: (r.again_source.path, r.again_source.sheet, r.again_source.row))


def repeat_rates(registers: list[Register], repeats: list[RepeatRepair], as_of: datetime, days: int) -> dict:
    """Per repairer: the week's repeats counted against them, of the repairs they completed in the
    ``days`` before the as-of time (those a repeat could still follow)."""
    from toolkit.followup.stats import Rate

    since = as_of - timedelta(days=days)
    rates: dict[str, Rate] = {}
    for reg in registers:
        for order in reg.records:
            done = order.completed_at if isinstance(order, WorkOrder) else None
            if isinstance(done, date) and since <= earliest(done) <= as_of:
                who = person_name(order.repairer_signature) or person_name(engineer(order))
                if who is not None:
                    rates.setdefault(who, Rate()).of += 1
    for r in repeats:
        if r.repairer is not None:
            rates.setdefault(r.repairer, Rate()).count += 1
    return dict(sorted((k, v) for k, v in rates.items() if v.count or v.of))
