"""Coarse categories for statistics, derived from the text clerks write.

A heuristic, not a rule: work orders have no category column, so the repair content's
keywords decide (the first group that matches wins, so 空调漏水 is air conditioning and
楼道灯 a public facility). Complaints use their 投诉类别 column when it names one of the
four categories of the complaint manual, else the content's keywords.
"""

from __future__ import annotations

import unicodedata

from toolkit.i18n import pick

OTHER = "other"

# (key, zh, en, keywords); order matters: the first match wins.
_REPAIR = (
    ("public_facilities", "公共设施", "public facilities",
     ("电梯", "公共", "公区", "楼道", "走廊", "大堂", "车库", "地库", "路灯", "消防", "门禁", "对讲", "单元门",
      "绿化", "监控", "道闸", "水泵房", "配电房")),
    ("air_conditioning", "空调", "air conditioning", ("空调", "暖气", "供暖", "地暖", "新风", "冷气")),
    ("electrical", "电", "electrical",
     ("电", "灯", "插座", "跳闸", "开关", "线路", "照明", "热水器", "燃气", "煤气")),
    ("plumbing", "水", "plumbing",
     ("水", "漏", "堵", "管道", "马桶", "龙头", "下水", "地漏", "水箱", "花洒", "阀")),
    ("doors_windows", "门窗", "doors and windows", ("门", "窗", "锁", "玻璃", "钥匙", "合页", "纱")),
    ("building", "土建", "walls, floors, ceilings", ("墙", "地面", "地板", "瓷砖", "吊顶", "天花", "裂", "霉", "防水")),
)

_COMPLAINT = (
    ("emergency", "突发事件", "emergencies", ("突发", "紧急", "火", "水浸", "爆管", "受伤", "事故", "被盗", "盗")),
    ("fees", "收费", "fees", ("收费", "费用", "物业费", "乱收", "多收", "账单", "价格", "退费", "费")),
    ("facilities", "设备设施", "facilities and equipment",
     ("设备", "设施", "电梯", "停水", "停电", "漏水", "门禁", "路灯", "维修", "坏", "故障")),
    ("service", "管理服务", "management service",
     ("管理", "服务", "态度", "保安", "保洁", "卫生", "噪音", "停车", "绿化", "秩序", "客服")),
)

_LABELS = {key: (zh, en) for key, zh, en, _ in _REPAIR + _COMPLAINT} | {OTHER: ("其他", "other")}


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _match(table, text: str) -> str | None:
    for key, _, _, words in table:
        if any(w in text for w in words):
            return key
    return None


def repair_category(content: str | None) -> str:
    return _match(_REPAIR, _norm(content)) or OTHER


def complaint_category(category: str | None, content: str | None) -> str:
    """The 投诉类别 column when it names a manual category, else the content's keywords."""
    named = _norm(category)
    if named:
        for key, zh, en, _ in _COMPLAINT:
            parts = {zh, en, zh[:2], zh[2:]} - {""} if len(zh) == 4 else {zh, en}
            if any(part in named for part in parts):
                return key
        return category.strip()  # a site's own category, kept as written
    return _match(_COMPLAINT, _norm(content)) or OTHER


def category_label(key: str, lang: str) -> str:
    return pick(_LABELS.get(key, (key, key)), lang)
