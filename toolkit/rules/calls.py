"""What a call record needs: the other calls of a call log (咨询, 建议, 表扬, 求助 …).

A call that is neither a repair nor a complaint is checked only for what any call record
must say (000 首问责任: the first person to take a call records it): when it came, who
called, what it was about and who took it. Its repair or complaint columns stay blank.
"""

from __future__ import annotations

from toolkit.registers.fields import CALLS
from toolkit.rules.catalog import ERROR, WARNING, Hit, filled, rule
from toolkit.rules.complaints import BAD_PHONE_MESSAGES, bad_phone
from toolkit.rules.work_orders import BAD_VALUE_MESSAGES, bad_value

K = CALLS
_REQUIRED = ("received_at", "content", "taker")
_WHO_CALLED = ("caller", "phone")  # either says who called


@rule("missing-field", name=("必填项为空", "required field empty"), kind=K, severity=ERROR, source="000 首问责任",
      checks=("来电时间、来电人（或电话）、来电内容、受理人不得为空",
              "the call's time, who called (name or phone), what it was about and who took it are filled in"),
      messages={"default": ("{label}为空", "{label} is empty")},
      needs_any=(*_REQUIRED, *_WHO_CALLED))
def missing_field(call, ctx):
    hits = [Hit(f) for f in _REQUIRED if f in ctx.columns and not filled(call, f)]
    who = [f for f in _WHO_CALLED if f in ctx.columns]
    if who and not any(filled(call, f) for f in who):
        hits.append(Hit(who[0]))
    return hits


rule("bad-value", name=("值无法识别", "unreadable value"), kind=K, severity=ERROR, source="—",
     checks=("日期、时间的值可以识别", "date and time values can be read"),
     messages=BAD_VALUE_MESSAGES)(bad_value)


# A call's phone is read like a complaint's (the same field, the same plans).
rule("bad-phone", name=("电话无效", "invalid phone"), kind=K, severity=WARNING, source="003 致电客户",
     checks=("联系电话是登记表所在地区或所写区号的国家/地区的有效手机号或固定电话",
             "the phone is a valid mobile or landline number of the register's region, or of the country its code names"),
     messages=BAD_PHONE_MESSAGES, needs=("phone",))(bad_phone)
