"""Every setting of toolkit.toml, declared once: section, key, type, default, allowed values and
what it does in both languages. The declaration drives three things:

- ``check(data, where)``: unknown sections and keys, wrong types and ranges, one ConfigError line
  naming the file and the setting (the readers in config.py, mail/settings.py,
  mail/weekly_settings.py and workcalendar.py then only convert values and check what a type
  cannot say: an address, a known rule, a date in its year);
- ``init_text(lang)``: the commented file ``toolkit init`` writes;
- ``reference_markdown()``: the configuration reference of docs/reference.md (docs/update_readme.py).

Defaults here are the ones the dataclasses hold (Settings, SmtpSettings, ReminderSettings,
WeeklySettings, CalendarSettings); tests/test_config_schema.py loads what init writes and
compares.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from dataclasses import dataclass
from datetime import date, datetime

from toolkit.errors import ConfigError
from toolkit.i18n import LANGS, pick

# Kinds of value, with how the reference names each one.
BOOL, NUMBER, WHOLE, PORT, TEXT, CHOICE, ADDRESSES, NUMBERS, DATES, STEPS = (
    "bool", "number", "whole", "port", "text", "choice", "addresses", "numbers", "dates", "steps")
_KIND_NAMES = {
    BOOL: ("true 或 false", "true or false"), NUMBER: ("数", "number"), WHOLE: ("整数", "whole number"),
    PORT: ("端口号", "port"), TEXT: ("文本", "text"), CHOICE: ("选项", "choice"),
    ADDRESSES: ("邮箱地址或 [people] 中姓名的列表", "list of addresses or names in [people]"),
    NUMBERS: ("数的列表", "list of numbers"), DATES: ("日期列表", "list of dates"),
    STEPS: ("[[表]] 列表", "list of [[tables]]"),
}
_LARGEST = 1e6  # hours, days, people: anything larger is a typing slip (1e400 is infinity)


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    kind: str
    default: object  # what applies when the key is absent; None: nothing (init shows ``example``)
    zh: str
    en: str
    choices: tuple[str, ...] = ()
    minimum: float = 0
    maximum: float | None = None
    example: object = None  # for a setting with no default: what init writes, commented out


@dataclass(frozen=True, slots=True)
class Section:
    name: str  # "" for the keys at the top of the file
    zh: str
    en: str
    settings: tuple[Setting, ...] = ()
    entries: str | None = None  # a table per rule, person or year: the example name init uses
    entry_label: str = ""  # how the reference names an entry: "ID", "name", YYYY
    entry_pattern: str | None = None  # what an entry's name must look like ([calendar.2027])
    entry_hint: str = ""  # how an entry is written, for the message when it is not a table
    required: tuple[str, ...] = ()  # keys each entry must have
    free: bool = False  # [columns]: the keys are the user's (headers), the reader checks the values
    free_example: tuple[tuple[str, str], ...] = ()

    def setting(self, key: str) -> Setting | None:
        return next((s for s in self.settings if s.key == key), None)


S = Setting
SECTIONS: tuple[Section, ...] = (
    Section("", "文件开头的设置（在任何 [节] 之前）", "Settings at the top of the file, before any [section]", (
        S("lang", CHOICE, None, "消息、报告和邮件的语言（默认：按系统区域设置）",
          "Language of messages, reports and mails (default: from the locale)", choices=LANGS, example="zh"),
        S("ledger", TEXT, None, "提醒台账和周报历史的存放位置（SQLite 文件；默认：本文件旁的 toolkit.sqlite）",
          "Where the reminder ledger and the weekly history are kept (an SQLite file; default: toolkit.sqlite "
          "beside this file)", example="D:/客服中心/toolkit.sqlite"),
    )),
    Section("validate", "维修工作单规则的阈值", "Thresholds of the work-order rules", (
        S("delay_hours", NUMBER, 24, "派单后超过这么多小时才完工须写延误原因；仍未完工的须写未完成原因",
          "An order completed more than this many hours after dispatch needs a delay reason; one still open "
          "this long needs a reason it is unfinished", maximum=_LARGEST),
        S("handoff_minutes", NUMBER, 5, "派单后工程部须在这么多分钟内接单",
          "Engineering must sign the order in within this many minutes of dispatch", maximum=_LARGEST),
        S("min_content_chars", WHOLE, 4, "维修内容少于这么多个字（不计标点）视为过于简略",
          "Repair content shorter than this (characters, punctuation not counted) is too brief", maximum=_LARGEST),
        S("finance_days", NUMBER, 7, "完工超过这么多天的有偿单须有财务签收",
          "Paid orders completed more than this many days ago must be signed for by finance", maximum=_LARGEST),
        S("number_gap_max", WHOLE, 20, "单号跳跃超过这么多视为换本或换月，而不是丢单",
          "A jump in form numbers larger than this is a new book or month, not lost forms", maximum=_LARGEST),
        S("number_gaps", CHOICE, "auto", "单号缺号是否视为丢单（number-gap）：auto（预印的纸质三联单是，软件导出的系统单号不是，"
          "由登记表判断：有工单状态列、单号带完整日期如 GD20261124…、时间精确到秒，三者占其二即为系统导出）、always、never",
          "Whether a gap in the numbers is a lost form (number-gap): auto (yes for pre-printed paper forms, no for the "
          "numbers of a software export, told per register: two of a status column, numbers carrying the full date "
          "such as GD20261124…, and times to the second make an export), always, never",
          choices=("auto", "always", "never")),
    )),
    Section("complaints", "投诉规则的阈值", "Thresholds of the complaint rules", (
        S("major_people", WHOLE, 10, "涉及这么多人或更多的投诉是重大投诉",
          "A complaint involving this many people or more is a major complaint (重大投诉)", minimum=1,
          maximum=_LARGEST),
        S("major_open_days", NUMBER, 30, "受理后这么多天仍未结案的投诉是重大投诉",
          "A complaint still open this many days after receipt is a major complaint", maximum=_LARGEST),
    )),
    Section("rules", "每条规则的开关和级别；`toolkit rules` 列出规则编号",
            "Per-rule switches and severities; `toolkit rules` lists the IDs", (
        S("enabled", BOOL, True, "false 关闭这条规则", "false switches the rule off"),
        S("severity", CHOICE, None, "级别（默认：规则自己的级别）", "Its severity (default: the rule's own)",
          choices=("error", "warning"), example="error"),
    ), entries="slow-handoff", entry_label='"ID"', entry_hint='enabled = false, severity = "warning"'),
    Section("columns", "别名表不认识的表头：表头原文 = 字段名（或 \"ignore\"）；`toolkit validate --verbose` 列出未识别的表头，字段名见 docs/reference.md",
            "Headers the alias table does not know: header as written = field name (or \"ignore\"); "
            "`toolkit validate --verbose` lists unmapped headers, docs/reference.md the field names",
            free=True, free_example=(("收单人签字", "return_signer"), ("师傅", "repairer_signature"))),
    Section("registers", "如何读登记表", "How registers are read", (
        S("region", CHOICE, None, "登记表所在地区：mainland（内地）、hong_kong（香港）、macau（澳门）、taiwan（台湾）；"
          "决定电话号码按哪里的编号规则检查、费用是哪种货币（HK$、NT$、MOP$）、斜线日期是否日在前（18/11/2026）。"
          "默认：每个登记表按其电话、货币和日期推测，`toolkit validate --verbose` 说明推测结果",
          "Where the registers are kept: mainland, hong_kong, macau or taiwan; it decides whose numbering plan "
          "phones are checked by, which currency fees are in (HK$, NT$, MOP$), and whether slashed dates are day "
          "first (18/11/2026). Default: guessed per register from its phones, currency marks and dates; "
          "`toolkit validate --verbose` says what was guessed",
          choices=("mainland", "hong_kong", "macau", "taiwan"), example="hong_kong"),
    )),
    Section("smtp", "发信的邮件服务器（toolkit remind、toolkit weekly --email）。密码不写在这里：用 `toolkit password set` "
            "存入系统密钥环，或设置环境变量 TOOLKIT_SMTP_PASSWORD",
            "The mail server (toolkit remind, toolkit weekly --email). The password never goes here: "
            "`toolkit password set` keeps it in the system keyring, or set TOOLKIT_SMTP_PASSWORD", (
        S("host", TEXT, "localhost", "服务器名", "The server's name"),
        S("port", PORT, 465, "端口：465（直接 TLS）、587（STARTTLS）", "Port: 465 (implicit TLS), 587 (STARTTLS)"),
        S("ssl", BOOL, True, "直接 TLS（端口 465）", "Implicit TLS (port 465)"),
        S("starttls", BOOL, False, "STARTTLS（端口 587；此时 ssl = false）", "STARTTLS (port 587; with ssl = false)"),
        S("sender", TEXT, "", "发件人地址", "The sender's address"),
        S("from_name", TEXT, "", "发件人名称，收件人在“发件人”处看到的名字，如“阳光花园客服中心”"
          "（默认：中文邮件为“客服中心”，英文邮件为“Customer service centre”）",
          "The sender's name recipients see beside the address, such as \"阳光花园客服中心\" (default: "
          "\"客服中心\" on Chinese mail, \"Customer service centre\" on English)", example="阳光花园客服中心"),
        S("user", TEXT, "", "登录用户名（空：不登录，如本机转发）", "Login user (empty: no login, a plain local relay)"),
        S("ca_file", TEXT, None, "用来验证服务器证书的 CA 文件（公司自签 CA；相对于本文件）",
          "A CA bundle to verify the server with (a company CA; relative to this file)", example="company-ca.pem"),
        S("tls_strict", BOOL, None, "X.509 严格校验（默认：Python 3.13 起开启）；公司 CA 不合格时设为 false，见 docs/reference.md 故障排除",
          "X.509 strict checks (default: on from Python 3.13); false for a company CA that fails them "
          "(see Troubleshooting in docs/reference.md)", example=False),
        S("timeout", NUMBER, 30, "连接和每条命令的超时（秒）", "Seconds to wait for connecting and for each command"),
        S("data_timeout", NUMBER, 600, "邮件交给服务器后等待确认的秒数（RFC 5321：10 分钟）",
          "Seconds to wait for the server's answer once a message is handed over (RFC 5321: 10 minutes)"),
        S("retry_delays", NUMBERS, [2, 10, 30], "重试前等待的秒数；个数即重试次数",
          "Seconds between attempts; as many retries as numbers"),
    )),
    Section("reminders", "投诉答复提醒（toolkit remind）和工作时间", "Complaint reply reminders (toolkit remind) and working time", (
        S("lead_hours", NUMBER, 24, "承诺答复时间前这么多小时发“即将到期”提醒",
          "Hours before the promised reply time that the due-soon reminder goes out"),
        S("escalate_to", ADDRESSES, [], "逾期和重大投诉抄送给谁（地址或 [people] 中的姓名）",
          "Who is told of overdue and major complaints (addresses or names in [people])"),
        S("ladder_hours", NUMBERS, [], "逾期后在这些小时数各提醒一次（空：每天一次），如 [0, 24, 72]；也可写成 "
          "[[reminders.ladder]] after_hours = 24", "Overdue reminders at these hours past due (empty: once a day), "
          "such as [0, 24, 72]; or as steps: [[reminders.ladder]] after_hours = 24"),
        S("work_hours", TEXT, "08:30-18:00", "工作时间：只在此时段发送", "Working hours: mail goes out only then"),
        S("calendar", CHOICE, "chinese", "工作日历：chinese（国务院放假安排）、weekdays（周一至周五）、off（任何时间）",
          "Working calendar: chinese (the State Council's days off), weekdays (Monday to Friday), off (any time)",
          choices=("chinese", "weekdays", "off")),
        S("holidays", DATES, [], "日历之外另加的休息日，如本处的假日", "Extra days off on top of the calendar, such as a site's own"),
        S("workdays", DATES, [], "日历之外另加的工作日", "Extra working days"),
        S("ladder", STEPS, None, "逾期提醒的步骤，每步一个 after_hours（代替 ladder_hours）",
          "Overdue reminder steps, one after_hours each (instead of ladder_hours; last in [reminders])", example=[24, 72]),
    )),
    Section("weekly", "周报的收件人（toolkit weekly --email）", "Who gets the weekly digest (toolkit weekly --email)", (
        S("to", ADDRESSES, [], "完整周报的收件人（地址或 [people] 中的姓名）", "The full digest (addresses, or names in [people])"),
        S("finance", ADDRESSES, [], "交财务清单的收件人（只有交财务清单，不含客户姓名和电话）",
          "The finance hand-over list (that list only, without customers' names or phones)"),
        S("engineering", ADDRESSES, [], "未完成工单清单的收件人，如工程部（只有该清单，不含客户姓名和电话）",
          "The unfinished orders, for engineering (that list only, without customers' names or phones)"),
        S("lang", CHOICE, None, "周报语言（默认：lang）", "The digest's language (default: lang)", choices=LANGS, example="zh"),
        S("people_lists", BOOL, False, "同时给 [people] 中每人发一封自己的待改正清单（每周一次）",
          "Also send each person under [people] their own list of what to fix (once a week)"),
        S("people_zh", ADDRESSES, [], "个人清单用中文的人（[people] 中的姓名；默认：周报语言）",
          "Who reads their own list in Chinese (names in [people]; default: the digest's language)"),
        S("people_en", ADDRESSES, [], "个人清单用英文的人（[people] 中的姓名）",
          "Who reads their own list in English (names in [people])"),
        S("repeat_days", WHOLE, 30, "同一地点同类故障在这么多天内再次报修即为返修",
          "The same place with the same kind of fault again within this many days is a repeat repair",
          minimum=1, maximum=366),
    )),
    Section("people", "登记表中的姓名 → 邮箱地址：每人一个表", "Names as in the registers → addresses: a table per person", (
        S("email", TEXT, None, "此人的邮箱地址", "The person's address", example="wangli@example.com"),
    ), entries="王丽", entry_label='"name"', entry_hint='email = "…"', required=("email",)),
    # ---- group robots (issue #22) ----
    Section("robots", "企业微信、钉钉群机器人：提醒和周报也发到群里（toolkit remind、toolkit weekly --email）。密钥不写在这里："
            "用 `toolkit robot-key set 名称`（钉钉另加 --secret 存加签密钥）存入系统密钥环，或设置环境变量 "
            "TOOLKIT_ROBOT_KEY_名称、TOOLKIT_ROBOT_SECRET_名称：每个机器人一个表，名称只用字母、数字、_ 和 -",
            "WeCom (企业微信) and DingTalk (钉钉) group robots: reminders and the digest posted to a group chat too "
            "(toolkit remind, toolkit weekly --email). The key never goes here: `toolkit robot-key set NAME` (and, "
            "for DingTalk, --secret for the signing secret) keeps it in the system keyring, or set "
            "TOOLKIT_ROBOT_KEY_NAME and TOOLKIT_ROBOT_SECRET_NAME: a table per robot, named with letters, digits, _ and -", (
        S("platform", CHOICE, None, "wecom（企业微信）或 dingtalk（钉钉）", "wecom (企业微信) or dingtalk (钉钉)",
          choices=("wecom", "dingtalk"), example="wecom"),
        S("url", TEXT, None, "Webhook 地址，不带 key / access_token（默认：该平台的地址）",
          "The webhook address without its key or access_token (default: the platform's)",
          example="https://qyapi.weixin.qq.com/cgi-bin/webhook/send"),
        S("reminders", BOOL, False, "true：所有提醒都发到这个群，@ 责任人", "true: every reminder goes to this group, "
          "@-mentioning the person responsible"),
        S("people", ADDRESSES, [], "这些人（登记表中的姓名）的提醒发到这个群，@ 此人；不在 [people] 中的人只发机器人，不发邮件",
          "These people's reminders (names as in the registers) go to this group, @-mentioning them; one not in "
          "[people] gets the robot instead of email", example=["王丽"]),
        S("weekly", CHOICE, "off", "周报发到这个群：off、full（完整周报摘要）、finance（交财务清单）、engineering（未完成工单）",
          "The weekly digest for this group: off, full (the digest, summarised), finance (the hand-over list), "
          "engineering (the unfinished orders)", choices=("off", "full", "finance", "engineering")),
        S("timeout", NUMBER, 10, "等待平台应答的秒数", "Seconds to wait for the platform's answer", maximum=_LARGEST),
    ), entries="kefu", entry_label='"name"', entry_hint='platform = "wecom"', required=("platform",)),
    Section("mobiles", "登记表中的姓名 = 手机号：群机器人消息中 @ 此人（只在发给机器人的请求中，不出现在邮件和输出中）",
            "Names as in the registers = mobile numbers: robot messages @-mention these people (only in the request "
            "to the robot, never in mail or output)", free=True, free_example=(("王丽", "13800000000"),)),
    Section("calendar", "某年的正式放假安排，公布后加入（见 `toolkit calendar`）：每年一个表",
            "A year's official arrangement, once published (see `toolkit calendar`): a table per year", (
        S("days_off", DATES, None, "国务院通知中的全部放假日", "Every day off of the State Council's notice",
          example=["2027-01-01"]),
        S("workdays", DATES, [], "调休上班日", "Make-up working days (调休)", example=["2027-02-20"]),
    ), entries="2027", entry_label="YYYY", entry_pattern=r"\d{4}", entry_hint="days_off = [...] workdays = [...]", required=("days_off",)),
)
del S
SECTION_BY_NAME = {section.name: section for section in SECTIONS}
TOP = SECTION_BY_NAME[""]
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


# ---- validation ---------------------------------------------------------------------------------

def check(data: dict, where: str) -> None:
    """Raise a ConfigError (one line naming ``where`` and the setting) at the first setting that is
    unknown or of the wrong type or range."""

    def fail(message: str, /, **params):
        raise ConfigError(message, path=where, **params)

    known = ", ".join([s.key for s in TOP.settings] + [s.name for s in SECTIONS if s.name])
    for key, value in data.items():
        if key == "store":  # once accepted, never read: said, so nobody relies on it
            fail("config.store_removed")
        if key == "password":
            fail("config.password", name=key)
        section = SECTION_BY_NAME.get(key) if key else None
        if section is not None:
            _check_section(section, value, fail)
        elif TOP.setting(key) is not None:
            _check_value(TOP.setting(key), key, value, fail)
        else:
            fail("config.unknown_setting", name=key, known=known)


def _check_section(section: Section, table, fail) -> None:
    if not isinstance(table, dict):
        fail("config.calendar_not_table" if section.name == "calendar" else "config.not_table", name=section.name)
    if section.free:
        return
    if section.entries is None:
        _check_table(section, section.name, table, fail)
        return
    for entry, values in table.items():
        if section.entry_pattern and not re.fullmatch(section.entry_pattern, str(entry)):
            fail("config.calendar_year", entry=entry)
        name = f"{section.name}.{_toml_key(entry)}"
        if not isinstance(values, dict):
            fail("config.entry_not_table", name=name, hint=section.entry_hint)
        _check_table(section, name, values, fail)
        for key in section.required:
            if key not in values:
                setting = section.setting(key)
                fail("config.required", name=name, setting=key, example="[...]" if setting.kind == DATES else '"…"')


def _check_table(section: Section, name: str, table: dict, fail) -> None:
    known = ", ".join(s.key for s in section.settings)
    for key, value in table.items():
        if key == "password":
            fail("config.password", name=f"{name}.{key}")
        setting = section.setting(key)
        if setting is None:
            fail("config.unknown_setting", name=f"{name}.{key}", known=known)
        _check_value(setting, f"{name}.{key}", value, fail)


def _check_value(setting: Setting, name: str, value, fail) -> None:
    kind = setting.kind
    if kind == BOOL:
        if not isinstance(value, bool):
            fail("config.bool", name=name)
    elif kind in (NUMBER, WHOLE):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            fail("config.number", name=name, value=_shown(value))
        if setting.maximum is not None and value >= setting.maximum:
            fail("config.too_large", name=name, max=f"{setting.maximum:,.0f}", value=_shown(value))
        if kind == WHOLE and not float(value).is_integer():
            fail("config.whole", name=name, value=_shown(value))
        if value < setting.minimum:
            fail("config.at_least", name=name, min=f"{setting.minimum:g}", value=_shown(value))
    elif kind == PORT:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
            fail("config.port", name=name, value=_shown(value))
    elif kind == TEXT:
        if not isinstance(value, str):
            fail("config.text", name=name, value=_shown(value))
    elif kind == CHOICE:
        if value not in setting.choices:
            fail("config.choice", name=name, choices=_choices(setting.choices), value=_shown(value))
    elif kind == ADDRESSES:
        if isinstance(value, str):
            value = [value]  # one address alone is a list of one
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail("config.addresses", name=name)
    elif kind == NUMBERS:
        if not isinstance(value, list) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0 for v in value):
            fail("config.numbers", name=name)
    elif kind == DATES:
        if not isinstance(value, list):  # each date is read by workcalendar, which names the one it cannot read
            fail("config.dates", name=name)
    elif kind == STEPS:
        if not isinstance(value, list) or not all(
                isinstance(s, dict) and set(s) == {"after_hours"} and isinstance(s["after_hours"], (int, float))
                and not isinstance(s["after_hours"], bool) and s["after_hours"] >= 0 for s in value):
            fail("config.steps", name=name)


def _shown(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _choices(choices) -> str:
    quoted = [f'"{c}"' for c in choices]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _toml_key(name) -> str:
    name = str(name)
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


# ---- toolkit init ---------------------------------------------------------------------------------

def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, (date, datetime)):
        return json.dumps(value.isoformat())
    return json.dumps(str(value), ensure_ascii=False)


def _comment(text: str, width: int = 98) -> list[str]:
    return textwrap.wrap(text, width, initial_indent="# ", subsequent_indent="# ", break_long_words=False,
                         break_on_hyphens=False)


_INIT_HEAD = {
    "zh": ("toolkit.toml：toolkit 的设置。每个设置都列在下面并附说明；没有注释掉的值就是默认值，"
           "注释掉的设置是示例，去掉行首的井号才生效。",
           "从当前文件夹读取，或用 --config 文件 指定。未知的设置是错误，会指出文件和设置名。"),
    "en": ("toolkit.toml: the settings of toolkit. Every setting is below with what it does; a value "
           "not commented out is the default, a commented-out setting is an example that takes effect once "
           "uncommented.",
           "Read from the current folder, or given with --config FILE. An unknown setting is an error naming "
           "the file and the key."),
}


def init_text(lang: str = "en") -> str:
    """The commented toolkit.toml that ``toolkit init`` writes: every setting, in ``lang``."""
    lines: list[str] = []
    for paragraph in pick((_INIT_HEAD["zh"], _INIT_HEAD["en"]), lang):
        lines += _comment(paragraph)
    for section in SECTIONS:
        lines.append("")
        lines += _comment(pick((section.zh, section.en), lang))
        if section.free:
            lines.append(f"[{section.name}]")
            lines += [f"# {toml_value(header)} = {toml_value(field)}" for header, field in section.free_example]
            continue
        prefix = ""
        if section.entries is not None:  # a table per rule, person or year: an example, commented out
            prefix = "# "
            lines.append(f"# [{section.name}.{_toml_key(section.entries)}]")
        elif section.name:
            lines.append(f"[{section.name}]")
        for setting in section.settings:
            lines += [prefix + line for line in _comment(pick((setting.zh, setting.en), lang))]
            if setting.kind == STEPS:
                for hours in setting.example:
                    lines += [f"# [[{section.name}.{setting.key}]]", f"# after_hours = {toml_value(hours)}"]
            elif setting.default is None or section.entries is not None:
                example = setting.default if setting.example is None else setting.example
                lines.append(f"# {setting.key} = {toml_value(example)}")
            else:
                lines.append(f"{setting.key} = {toml_value(setting.default)}")
    return "\n".join(lines) + "\n"


# ---- the README's configuration reference -----------------------------------------------------------

def _kind_text(setting: Setting, lang: str) -> str:
    if setting.kind == CHOICE:
        return " / ".join(f"`{toml_value(c)}`" for c in setting.choices)
    name = pick(_KIND_NAMES[setting.kind], lang)
    if setting.kind in (NUMBER, WHOLE):
        name += f" ≥ {setting.minimum:g}"
        if setting.maximum is not None:
            name += f", < {setting.maximum:,.0f}"
    return name


def reference_markdown(lang: str = "en") -> str:
    """One table of every setting: where it goes, its type and range, its default, what it does."""
    head = pick(("| 设置 | 类型 | 默认值 | 说明 |", "| setting | type | default | what it does |"), lang)
    lines = [head, "|---|---|---|---|"]
    for section in SECTIONS:
        if section.free:
            lines.append(f"| `[{section.name}]` \"header\" = \"field\" | {pick(('文本', 'text'), lang)} | | "
                         f"{_cell(pick((section.zh, section.en), lang))} |")
            continue
        where = f"[{section.name}.{section.entry_label}] " if section.entries else (
            f"[{section.name}] " if section.name else "")
        for setting in section.settings:
            default = "" if setting.default is None else f"`{toml_value(setting.default)}`"
            lines.append(f"| `{where}{setting.key}` | {_kind_text(setting, lang)} | {default} | "
                         f"{_cell(pick((setting.zh, setting.en), lang))} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
