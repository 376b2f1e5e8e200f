"""`toolkit template`: a ready, empty register for clerks, one sheet per month.

The headers are the canonical labels of ``registers.fields`` (``Field.zh``), so the reader
maps every column back to exactly its field without configuration. Everything that helps
the clerk lives in Excel itself: drop-down lists, an input message on every header and
cell explaining the rule that applies (the wording of seed 001, part 三), date-time and
money formats, and conditional formats that turn a cell red (an error the validator would
report) or amber (a warning) as the row is filled in.

Formats are column styles and validations/conditional formats are ranges: no empty styled
cells are written, so the reader sees an unfilled template as a register with 0 records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.config import Config
from toolkit.errors import UsageError
from toolkit.outputs import paper
from toolkit.registers.fields import (
    COMPLAINTS, COUNT, DATETIME, FIELDS, MONEY, PHONE, RECORD_NUMBER, WORK_ORDERS, Field,
)

DEFAULT_ROWS = 500
MAX_MONTHS = 120
KIND_TITLES = {WORK_ORDERS: "维修工作单登记表", COMPLAINTS: "投诉登记表"}
INSTRUCTIONS_SHEET = "填表说明"
INSTRUCTIONS_WIDTHS = (18, 110)  # the column names, their rules: one A4 landscape page wide

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"  # keeps leading zeros (No.008701, 0755-…) and long numbers as typed
ERROR, WARNING = "error", "warning"
# Excel's own "light red fill with dark red text" and "yellow fill with dark yellow text".
COLOURS = {ERROR: ("FFC7CE", "9C0006"), WARNING: ("FFEB9C", "9C5700")}
HEADER_FILL = "DDEBF7"
GRID = "A6A6A6"
DATETIME_WIDTH = 16.5  # "2026-11-03 14:05" and no more: the form must fit the page
ROW_HEIGHT = 22  # points: room to write by hand
TITLE_PT = 16

# Excel's limits: longer input messages make the file unreadable to Excel.
MAX_PROMPT, MAX_PROMPT_TITLE = 255, 32

PAID_CHOICES = ("有偿", "无偿")
VISIT_CHOICES = ("满意", "基本满意", "不满意")
CATEGORY_CHOICES = ("设备设施", "管理服务", "收费", "突发事件")
MEDIA_CHOICES = ("无", "媒体曝光", "诉讼")


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """How one column of the template looks and what it tells the clerk."""

    width: float
    prompt: str  # the input message: the rule that applies, in the seed's words
    choices: tuple[str, ...] = ()  # a drop-down list
    strict: bool = False  # refuse other values (otherwise Excel warns and lets the clerk go on)
    check: str | None = None  # "unique": no number twice; "min_chars": content not too brief
    text: bool = False  # stored as typed (form numbers with leading zeros)
    wrap: bool = False


@dataclass(frozen=True, slots=True)
class Highlight:
    """A conditional format: the cell turns red (error) or amber (warning) when ``formula`` holds.

    ``formula`` names columns as ``{field}`` (its cell in the first data row, column
    absolute) and may use the macros of ``_macros``; ``rule`` is the catalog rule it mirrors,
    so a rule switched off in toolkit.toml is not highlighted and its configured severity
    picks the colour.
    """

    field: str
    formula: str
    level: str
    rule: str | None = None


# ---- work orders ------------------------------------------------------------------------

_WORK_ORDER_COLUMNS: dict[str, ColumnSpec] = {
    "order_no": ColumnSpec(12, "三联维修工作单的预印编号，照单填写（如 WX2611001）。每个单号只用一次；缺号即单据遗失。",
                           check="unique", text=True),
    "received_at": ColumnSpec(DATETIME_WIDTH, "接到客户报修的时间，精确到分钟，如 2026-11-03 14:05。"),
    "dispatched_at": ColumnSpec(DATETIME_WIDTH, "发单（派单）时间，精确到分钟。工作单应于{handoff_minutes}分钟内交于工程部接收。"),
    "location": ColumnSpec(12, "报修地点（楼栋、房号）。发单人员应保证地点填写完整。"),
    "content": ColumnSpec(28, "报修内容要写清具体内容，不宜过于简略（不少于{min_content_chars}个字）；"
                              "应问清报修内容，并向客户重复确认。", check="min_chars", wrap=True),
    "customer_name": ColumnSpec(10, "报修客户姓名：报修时应问清客户姓名。"),
    "customer_phone": ColumnSpec(14, "客户联系电话：手机号或固定电话（可带区号）。报修时应问清。"),
    "paid": ColumnSpec(10, "是否属于有偿服务：从下拉列表选择“有偿”或“无偿”。有偿维修须填写费用，"
                          "每周复印交财务签收。", choices=PAID_CHOICES, strict=True),
    "accepted_at": ColumnSpec(DATETIME_WIDTH, "由工程部接单时，注意签上接单时间（精确到分钟）；"
                                    "应在派单后{handoff_minutes}分钟内接收，超时显示为{slow_handoff_colour}。"),
    "accepted_by": ColumnSpec(10, "工程部接单人签名：工程部接单须有接单人。"),
    "repairer_signature": ColumnSpec(10, "维修人员签字：所返回维修单无维修人员签字的不收。"),
    "completed_at": ColumnSpec(DATETIME_WIDTH, "完工时间，精确到分钟。所返回维修单未完工的不收（特殊批示除外）；"
                                     "派单后超过{delay_hours}小时完工须写延误原因。"),
    "customer_signature": ColumnSpec(10, "客户签字：无论有偿、无偿均需业户签字认可；无客户签字的不收，"
                                         "不得由维修人员代签。"),
    "fee": ColumnSpec(10, "属有偿服务的应填写所需费用（元），只填数字，如 120。"),
    "delay_reason": ColumnSpec(14, "延迟理由：派单后超过{delay_hours}小时才完工的，须写明延误原因。", wrap=True),
    "incomplete_reason": ColumnSpec(14, "未完工理由：返单时未完工、或派单后超过{delay_hours}小时仍未完工的，"
                                        "须写明原因（如无配件），并继续跟单直至完成。", wrap=True),
    "returned_at": ColumnSpec(DATETIME_WIDTH, "维修单返回客户服务部的时间。返单签收时检查：维修人员签字、客户签字、"
                                    "是否完工、延误或未完工理由、有偿费用；缺项的所在单元格显示为红色。"),
    "return_signer": ColumnSpec(11, "签收返单的客服人员签名。返单签收不得代签：不得由维修人员本人签收。"),
    "special_approval": ColumnSpec(10, "特殊批示：未完工的维修单经特殊批示方可收回，写明批示人。"),
    "finance_receipt": ColumnSpec(10, "每周将收费的有偿维修单复印交财务，由财务部签收；"
                                      "完工{finance_days}天后仍未签收的显示为{finance_colour}。"),
    "visit_at": ColumnSpec(DATETIME_WIDTH, "回访客户的时间，精确到分钟，不早于返单时间。"),
    "visit_result": ColumnSpec(10, "回访客户对维修及服务是否满意，从下拉列表选择；不满意的须致歉，一天内处理。",
                               choices=VISIT_CHOICES),
    "remarks": ColumnSpec(16, "其他需要说明的情况。", wrap=True),
}

_STARTED_WORK = "COUNTA({accepted_at},{accepted_by},{repairer_signature},{completed_at},{customer_signature},{returned_at},{return_signer})>0"

_WORK_ORDER_HIGHLIGHTS: tuple[Highlight, ...] = (
    # The intake fields, once anything is written in the row (missing-field, missing-time).
    *(Highlight(f, 'AND({row},{%s}="")' % f, ERROR, "missing-field")
      for f in ("order_no", "location", "content", "customer_name", "customer_phone", "paid")),
    Highlight("received_at", 'AND({row},{received_at}="")', ERROR, "missing-time"),
    Highlight("dispatched_at", 'AND({dispatched_at}="",%s)' % _STARTED_WORK, ERROR, "missing-time"),
    Highlight("accepted_at", 'AND({accepted_at}="",COUNTA({accepted_by},{repairer_signature},{completed_at},'
                             '{customer_signature},{returned_at},{return_signer})>0)', ERROR, "missing-time"),
    Highlight("returned_at", 'AND({returned_at}="",{return_signer}<>"")', ERROR, "missing-time"),
    # A returned order: both signatures, a signer, completion (unless specially approved).
    Highlight("repairer_signature", 'AND({returned},{repairer_signature}="")', ERROR, "missing-signature"),
    Highlight("customer_signature", 'AND({returned},{customer_signature}="")', ERROR, "missing-signature"),
    Highlight("return_signer", 'AND({returned_at}<>"",{return_signer}="")', ERROR, "missing-signature"),
    Highlight("accepted_by", 'AND({accepted_by}="",COUNTA({accepted_at},{completed_at},{returned_at},{return_signer})>0)',
              ERROR, "missing-signature"),
    Highlight("completed_at", 'AND({returned},{completed_at}="",{special_approval}="")', ERROR, "not-completed"),
    Highlight("fee", 'AND({paid}="有偿",OR({completed_at}<>"",{returned}),OR({fee}="",{fee}=0))', ERROR, "missing-fee"),
    Highlight("delay_reason", 'AND({delay_reason}="",ISNUMBER({completed_at}),ISNUMBER({start}),'
                              '({completed_at}-{start})*24>{delay_hours})', ERROR, "missing-reason"),
    Highlight("incomplete_reason", 'AND({completed_at}="",{incomplete_reason}="",OR({returned},'
                                   'AND(ISNUMBER({start}),(NOW()-{start})*24>{delay_hours})))', ERROR, "missing-reason"),
    # No proxy signing: neither the return signer nor the customer is the repairer.
    Highlight("return_signer", 'AND({repairer_signature}<>"",{return_signer}={repairer_signature})', ERROR, "proxy-signature"),
    Highlight("customer_signature", 'AND({repairer_signature}<>"",{customer_signature}={repairer_signature})',
              ERROR, "proxy-signature"),
    Highlight("order_no", 'AND({order_no}<>"",COUNTIF({order_no_column},{order_no})>1)', ERROR, "duplicate-number"),
    Highlight("accepted_at", 'AND(ISNUMBER({accepted_at}),ISNUMBER({start}),'
                             'ROUND(({accepted_at}-{start})*1440,6)>{handoff_minutes})', WARNING, "slow-handoff"),
    Highlight("content", 'AND({content}<>"",LEN(TRIM({content}))<{min_content_chars})', WARNING, "content-too-brief"),
    Highlight("finance_receipt", 'AND({paid}="有偿",ISNUMBER({completed_at}),{finance_receipt}="",'
                                 'NOW()-{completed_at}>{finance_days})', WARNING, "finance-unreceipted"),
)

# ---- complaints -------------------------------------------------------------------------

_COMPLAINT_COLUMNS: dict[str, ColumnSpec] = {
    "complaint_no": ColumnSpec(12, "投诉编号，每宗投诉一个，不得重复。每宗投诉都要记录，以便跟踪处理。",
                               check="unique", text=True),
    "received_at": ColumnSpec(DATETIME_WIDTH, "接到投诉的时间，精确到分钟，如 2026-11-03 14:05。"),
    "complainant": ColumnSpec(10, "投诉人姓名。"),
    "phone": ColumnSpec(14, "投诉人联系电话：手机号或固定电话（可带区号），答复和回访都要致电客户。"),
    "location": ColumnSpec(12, "投诉人房号或投诉涉及的地点。"),
    "content": ColumnSpec(30, "投诉的具体内容，记录清楚以便跟踪处理（要记录、要报告、要及时、要反馈）。", wrap=True),
    "category": ColumnSpec(10, "投诉类别，从下拉列表选择：设备设施、管理服务、收费、突发事件。",
                           choices=CATEGORY_CHOICES, strict=True),
    "people_count": ColumnSpec(9, "涉及人数。{major_people}人及以上的群体投诉为重大投诉（未结案时显示为红色），"
                                  "由服务中心负责人亲自处理。"),
    "media_or_legal": ColumnSpec(10, "有媒体曝光或诉讼的为重大投诉，由服务中心负责人亲自处理；没有则选“无”。",
                                 choices=MEDIA_CHOICES),
    "first_handler": ColumnSpec(10, "首问责任人：首先接到投诉的人负责跟进到底，直至移交责任部门。"),
    "owner": ColumnSpec(12, "负责处理的部门或责任人，必填。"),
    "promised_reply_at": ColumnSpec(DATETIME_WIDTH, "必填：给客户明确的答复时间（“我会在*年*月*日前给您答复”）。到时仍未答复的"
                                          "显示为红色：须按时致电客户说明进展，给出新的答复时间。"),
    "replied_at": ColumnSpec(DATETIME_WIDTH, "实际答复客户的时间。晚于承诺答复时间的显示为{reply_late_colour}。"),
    "result": ColumnSpec(24, "处理结果：向客户说明的处理情况。", wrap=True),
    "visit_at": ColumnSpec(DATETIME_WIDTH, "回访客户的时间，不早于答复时间。结案前须回访。"),
    "visit_result": ColumnSpec(10, "回访结果，从下拉列表选择。满意则结案；不满意的须致歉并退回继续处理，不得结案。",
                               choices=VISIT_CHOICES),
    "closed_at": ColumnSpec(DATETIME_WIDTH, "结案时间：回访满意后结案。受理{major_open_days}天仍未结案的为重大投诉（显示为红色）。"),
    "remarks": ColumnSpec(16, "其他需要说明的情况。", wrap=True),
}

_ANSWERED = "COUNTA({replied_at},{visit_at},{visit_result},{closed_at})>0"
_MAJOR_BY_PEOPLE = "AND(ISNUMBER({people_count}),{people_count}>={major_people})"
_MAJOR_BY_MEDIA = 'AND({media_or_legal}<>"",{media_or_legal}<>"无",{media_or_legal}<>"否")'

_COMPLAINT_HIGHLIGHTS: tuple[Highlight, ...] = (
    *(Highlight(f, 'AND({row},{%s}="")' % f, ERROR, "missing-field")
      for f in ("complaint_no", "received_at", "complainant", "phone", "content", "owner")),
    Highlight("promised_reply_at", 'AND({row},{promised_reply_at}="",NOT(%s))' % _ANSWERED, ERROR,
              "missing-reply-deadline"),
    Highlight("promised_reply_at", "AND(ISNUMBER({promised_reply_at}),NOW()>{promised_reply_at},NOT(%s))" % _ANSWERED,
              ERROR, "reply-overdue"),
    Highlight("complaint_no", 'AND({complaint_no}<>"",COUNTIF({complaint_no_column},{complaint_no})>1)', ERROR,
              "duplicate-number"),
    Highlight("closed_at", 'AND({closed_at}<>"",{visit_result}="不满意")', ERROR, "closed-unsatisfied"),
    # A major complaint still open is marked once, at its first reason (as the rule reports it).
    Highlight("people_count", 'AND({closed_at}="",%s)' % _MAJOR_BY_PEOPLE, ERROR, "major-complaint"),
    Highlight("media_or_legal", 'AND({closed_at}="",NOT(%s),%s)' % (_MAJOR_BY_PEOPLE, _MAJOR_BY_MEDIA), ERROR,
              "major-complaint"),
    Highlight("closed_at", 'AND({closed_at}="",NOT(%s),NOT(%s),ISNUMBER({received_at}),'
                           'NOW()-{received_at}>{major_open_days},{visit_result}<>"满意",{visit_result}<>"基本满意")'
              % (_MAJOR_BY_PEOPLE, _MAJOR_BY_MEDIA), ERROR, "major-complaint"),
    Highlight("promised_reply_at", "AND(ISNUMBER({promised_reply_at}),ISNUMBER({received_at}),"
                                   "{promised_reply_at}<{received_at})", ERROR, "time-order"),
    Highlight("replied_at", "AND(ISNUMBER({replied_at}),ISNUMBER({promised_reply_at}),{replied_at}>{promised_reply_at})",
              WARNING, "reply-late"),
    Highlight("visit_at", 'AND({closed_at}<>"",{visit_at}="",{visit_result}="")', WARNING, "missing-visit"),
)

COLUMNS = {WORK_ORDERS: _WORK_ORDER_COLUMNS, COMPLAINTS: _COMPLAINT_COLUMNS}
HIGHLIGHTS = {WORK_ORDERS: _WORK_ORDER_HIGHLIGHTS, COMPLAINTS: _COMPLAINT_HIGHLIGHTS}

# The lifecycle order the time-order rules check (a promised reply lies ahead by nature).
TIME_ORDER = {
    WORK_ORDERS: ("received_at", "dispatched_at", "accepted_at", "completed_at", "returned_at", "visit_at"),
    COMPLAINTS: ("received_at", "replied_at", "visit_at", "closed_at"),
}


def _time_order_highlights(kind: str) -> tuple[Highlight, ...]:
    """Each time no earlier than the ones before it in the lifecycle, and none in the future."""
    sequence = TIME_ORDER[kind]
    out = []
    for i, name in enumerate(sequence):
        before = ",".join("{%s}" % p for p in sequence[:i])
        test = "{%s}>NOW()" % name if not before else "OR({%s}<MAX(%s),{%s}>NOW())" % (name, before, name)
        out.append(Highlight(name, "AND(ISNUMBER({%s}),%s)" % (name, test), ERROR, "time-order"))
    return tuple(out)


# ---- the public API ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TemplateSummary:
    path: Path
    kind: str
    sheets: tuple[str, ...]  # the month sheets, in order
    headers: tuple[str, ...]
    rows: int  # data rows formatted on each month sheet


_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_months(text: str | None, today) -> list[tuple[int, int]]:
    """ "2026-11" | "2026-01..2026-12" | "2026-01,2026-03" → [(2026, 1), …]; None → this month."""
    if text is None or not text.strip():
        return [(today.year, today.month)]
    months: list[tuple[int, int]] = []
    for part in text.split(","):
        ends = part.split("..")
        if len(ends) > 2:
            raise UsageError("template.bad_months", value=text)
        first, last = (_month(ends[0], text), _month(ends[-1], text))
        if last < first:
            raise UsageError("template.bad_months", value=text)
        y, m = first
        while (y, m) <= last:
            if (y, m) not in months:
                months.append((y, m))
            if len(months) > MAX_MONTHS:
                raise UsageError("template.too_many_months", max=MAX_MONTHS)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _month(text: str, whole: str) -> tuple[int, int]:
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2099:
        raise UsageError("template.bad_months", value=whole)
    return int(m.group(1)), int(m.group(2))


def sheet_name(year: int, month: int) -> str:
    return f"{year}年{month}月"


def register_title(kind: str, year: int, month: int, site: str | None = None, title: str | None = None) -> str:
    # No site named: a plain title, and the printed page leaves a line to write the centre on.
    head = title or f"{site or ''}{KIND_TITLES[kind]}"
    return f"{head}（{year}年{month}月）"


def template_fields(kind: str) -> list[Field]:
    return list(FIELDS[kind].values())


def column_spec(kind: str, f: Field) -> ColumnSpec:
    # A field added to fields.py after this table still gets a column, a width and a prompt.
    return COLUMNS[kind].get(f.name) or ColumnSpec(DATETIME_WIDTH if f.type == DATETIME else 12, f"{f.zh}。")


def _setting_values(config: Config) -> dict[str, str]:
    s = config.settings
    values = {k: f"{getattr(s, k):g}" for k in (
        "handoff_minutes", "delay_hours", "min_content_chars", "finance_days", "major_people", "major_open_days")}
    # the colour a prompt promises is the one the rule's severity in toolkit.toml gives
    for key, rule in (("slow_handoff", "slow-handoff"), ("finance", "finance-unreceipted"), ("reply_late", "reply-late")):
        values[f"{key}_colour"] = "红色" if config.severity(rule, WARNING) == ERROR else "橙色"
    return values


def prompt_text(kind: str, f: Field, config: Config) -> str:
    return column_spec(kind, f).prompt.format(**_setting_values(config))


def highlights(kind: str, config: Config) -> list[Highlight]:
    """The conditional formats of ``kind``, without rules switched off, coloured by severity."""
    out = []
    for h in (*HIGHLIGHTS[kind], *_time_order_highlights(kind)):
        if h.field not in FIELDS[kind]:
            continue
        if h.rule is not None:
            if not config.rule_enabled(h.rule):
                continue
            h = Highlight(h.field, h.formula, config.severity(h.rule, h.level), h.rule)
        out.append(h)
    return out


def build_template(
    path: str | Path,
    kind: str,
    months: Sequence[tuple[int, int]],
    *,
    site: str | None = None,
    title: str | None = None,
    rows: int = DEFAULT_ROWS,
    config: Config | None = None,
    force: bool = False,
) -> TemplateSummary:
    """Write an empty register of ``kind`` with one sheet per month; return what was written."""
    from openpyxl import Workbook

    from toolkit.fileio import atomic_path

    path = Path(path)
    if kind not in KIND_TITLES:
        raise UsageError(f"unknown register kind {kind!r}")
    if path.suffix.lower() != ".xlsx":
        raise UsageError("template.suffix", path=str(path))
    if path.exists() and not force:
        raise UsageError("template.exists", path=str(path))
    if not months:
        raise UsageError("template.bad_months", value="")
    if rows < 1:
        raise UsageError("template.bad_rows", rows=rows)
    config = config or Config()

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "toolkit"
    wb.properties.title = KIND_TITLES[kind]
    fields_ = template_fields(kind)
    names = []
    for year, month in months:
        ws = wb.create_sheet(sheet_name(year, month))
        _month_sheet(ws, kind, fields_, register_title(kind, year, month, site, title), rows, config,
                     blank_site=not (site or title))
        names.append(ws.title)
    _instructions_sheet(wb.create_sheet(INSTRUCTIONS_SHEET), kind, fields_, config)
    wb.active = 0
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return TemplateSummary(path, kind, tuple(names), tuple(f.zh for f in fields_), rows)


# ---- building a sheet -------------------------------------------------------------------

def _month_sheet(ws, kind: str, fields_: list[Field], title: str, rows: int, config: Config,
                 blank_site: bool = False) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    last_row = FIRST_ROW + rows - 1
    last_col = get_column_letter(len(fields_))
    letters = {f.name: get_column_letter(i) for i, f in enumerate(fields_, start=1)}
    thin = Side(style="thin", color=GRID)
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    widths = [column_spec(kind, f).width for f in fields_]
    # On paper: as many pages across as the columns need at no less than 9 pt, the form number
    # repeated on each, the title over each page's columns.
    scale, breaks = paper.best_scale(widths, repeated=widths[0])
    # The title spans the table; where the table takes more than one page across, it stands
    # over the first page's columns (an indent level is three spaces: 1.3 characters).
    cell = ws.cell(TITLE_ROW, 1, title)
    cell.font = Font(bold=True, size=TITLE_PT)
    first_page = sum(widths[:breaks[0]]) if breaks else sum(widths)
    indent = int(max(0.0, first_page - paper.display_width(title) * TITLE_PT / paper.FONT_PT) / 2 / 1.3)
    cell.alignment = (Alignment(horizontal="left", vertical="center", indent=indent) if breaks
                      else Alignment(horizontal="center", vertical="center"))
    ws.merge_cells(f"A{TITLE_ROW}:{last_col}{TITLE_ROW}")
    ws.row_dimensions[TITLE_ROW].height = 30
    ws.row_dimensions[HEADER_ROW].height = 36
    # The rows to write in are tall enough for a hand, without writing a row element each.
    ws.sheet_format.defaultRowHeight = ROW_HEIGHT
    ws.sheet_format.customHeight = True

    for i, f in enumerate(fields_, start=1):
        spec = column_spec(kind, f)
        letter = letters[f.name]
        cell = ws.cell(HEADER_ROW, i, f.zh)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        # Column styles, not styled empty cells: Excel gives each new cell its column's
        # format, and the reader never sees hundreds of formatted blank rows.
        dim = ws.column_dimensions[letter]
        dim.width = spec.width
        dim.number_format = _number_format(f, spec)
        dim.alignment = Alignment(vertical="center", wrap_text=spec.wrap)
        _validations(ws, kind, f, spec, letter, last_row, config)

    _conditional_formats(ws, kind, letters, last_col, last_row, config, box)

    ws.freeze_panes = f"B{FIRST_ROW}"  # title, header and the form number stay in view
    ws.print_title_rows = f"{TITLE_ROW}:{HEADER_ROW}"
    ws.print_title_cols = "A:A"
    ws.print_area = f"A1:{last_col}{last_row}"  # the empty rows too: they are the form
    paper.a4_landscape(ws, footer="第 &P 页 共 &N 页")
    if blank_site:
        ws.oddHeader.left.text = "服务中心：＿＿＿＿＿＿＿＿＿＿＿＿"
    ws.page_setup.scale = scale
    ws.page_setup.pageOrder = "overThenDown"  # a row's two halves on consecutive sheets
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    from openpyxl.worksheet.pagebreak import Break

    for b in breaks:
        ws.col_breaks.append(Break(id=b))


def _number_format(f: Field, spec: ColumnSpec) -> str:
    if f.type == DATETIME:
        return DATETIME_FORMAT
    if f.type == MONEY:
        return MONEY_FORMAT
    if f.type == COUNT:
        return "0"
    if f.type == PHONE or spec.text:
        return TEXT_FORMAT
    return "General"


def _validations(ws, kind: str, f: Field, spec: ColumnSpec, letter: str, last_row: int, config: Config) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    prompt = prompt_text(kind, f, config)
    title = f.zh[:MAX_PROMPT_TITLE]
    data = f"{letter}{FIRST_ROW}:{letter}{last_row}"

    # The header cell explains its column when the clerk clicks it; any value is allowed.
    header = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title, prompt=prompt)
    header.add(f"{letter}{HEADER_ROW}")
    ws.add_data_validation(header)

    dv = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title, prompt=prompt,
                        showErrorMessage=True, errorStyle="warning", errorTitle=title)
    if spec.choices:
        dv.type = "list"
        dv.formula1 = '"' + ",".join(spec.choices) + '"'
        dv.errorStyle = "stop" if spec.strict else "warning"
        dv.error = "请从下拉列表中选择：" + "、".join(spec.choices) + "。"
    elif spec.check == "unique":
        dv.type = "custom"
        dv.formula1 = f"COUNTIF(${letter}${FIRST_ROW}:${letter}${last_row},{letter}{FIRST_ROW})<=1"
        dv.errorStyle = "stop"
        dv.error = "这个编号已经登记过，每个编号只用一次。"
    elif spec.check == "min_chars" and config.rule_enabled("content-too-brief"):
        n = config.settings.min_content_chars
        dv.type, dv.operator, dv.formula1 = "textLength", "greaterThanOrEqual", str(n)
        dv.error = f"内容过于简略：请写清具体内容（不少于{n}个字）。"
    elif f.type == DATETIME:
        dv.type, dv.operator = "date", "between"
        dv.formula1, dv.formula2 = "DATE(2000,1,1)", "DATE(2100,1,1)"
        dv.error = "请输入日期和时间，如 2026-11-03 14:05。"
    elif f.type == MONEY:
        dv.type, dv.operator, dv.formula1 = "decimal", "greaterThanOrEqual", "0"
        dv.error = "费用只填数字（元），如 120。"
    elif f.type == COUNT:
        dv.type, dv.operator, dv.formula1 = "whole", "greaterThanOrEqual", "1"
        dv.error = "人数填整数，如 12。"
    else:
        dv.showErrorMessage = False
        dv.errorTitle = None
    dv.add(data)
    ws.add_data_validation(dv)


def _macros(kind: str, letters: dict[str, str], refs: dict[str, str], last_row: int,
            config: Config) -> dict[str, str]:
    m = _setting_values(config)
    last_col = max(letters.values(), key=lambda c: (len(c), c))
    number = RECORD_NUMBER[kind]
    # A row holds an order once something beyond its (pre-printed) number is written in it, and
    # it is not a totals row: the rows validate skips stay uncoloured.
    counted = f"COUNTA($A{FIRST_ROW}:${last_col}{FIRST_ROW})-COUNTA({refs[number]})" + (
        f"-COUNTA({refs['seq']})" if "seq" in refs else "")
    totals = ",".join(f'LEFT({ref},2)="{word}"' for ref in dict.fromkeys((f"$A{FIRST_ROW}", refs[number]))
                      for word in ("合计", "小计", "总计"))
    m["row"] = f"AND({counted}>0,NOT(OR({totals})))"
    col = letters[number]
    m[f"{number}_column"] = f"${col}${FIRST_ROW}:${col}${last_row}"
    if kind == WORK_ORDERS:
        m["returned"] = 'OR({returned_at}<>"",{return_signer}<>"")'.format(**refs)
        # The clock starts at dispatch, or at receipt where no dispatch time is written.
        m["start"] = "IF(ISNUMBER({dispatched_at}),{dispatched_at},{received_at})".format(**refs)
    return m


def formula_for(kind: str, h: Highlight, letters: dict[str, str], last_row: int, config: Config) -> str:
    """The Excel formula of a highlight, relative to the first data row, columns absolute."""
    refs = {name: f"${letter}{FIRST_ROW}" for name, letter in letters.items()}
    return h.formula.format(**refs, **_macros(kind, letters, refs, last_row, config))


def _conditional_formats(ws, kind, letters, last_col, last_row, config, box) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    for h in sorted(highlights(kind, config), key=lambda h: h.level != ERROR):  # red wins over amber
        fill, font = COLOURS[h.level]
        letter = letters[h.field]
        ws.conditional_formatting.add(
            f"{letter}{FIRST_ROW}:{letter}{last_row}",
            FormulaRule(formula=[formula_for(kind, h, letters, last_row, config)],
                        fill=PatternFill(start_color=fill, end_color=fill, fill_type="solid"),
                        font=Font(color=font)))
    # The grid of the pre-formatted rows, drawn without writing a single empty cell.
    ws.conditional_formatting.add(f"A{FIRST_ROW}:{last_col}{last_row}", FormulaRule(formula=["TRUE"], border=box))


def _instructions_sheet(ws, kind: str, fields_: list[Field], config: Config) -> None:
    """填表说明: every column and its rule, printable; the reader skips it (no register header)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.append([f"{KIND_TITLES[kind]} · 填表说明"])
    ws["A1"].font = Font(bold=True, size=14)
    red, amber = (("如代签、时间先后颠倒", "如超时接单、内容过简") if kind == WORK_ORDERS else
                  ("如未写承诺答复时间、到时仍未答复、回访不满意却已结案", "如答复晚于承诺时间"))
    notes = [
        "每月一张工作表，在表头下方逐行登记，一张单一行；不要插入合计行以外的说明行。",
        f"单元格变红：该行已到这一环节但缺少必填内容，或违反规定（{red}），须补齐或更正。",
        f"单元格变橙：需要留意（{amber}），请核实。",
        "选中表头或单元格可看到该列的填写要求；有下拉箭头的列请从列表中选择。",
    ]
    wide = INSTRUCTIONS_WIDTHS[0] + INSTRUCTIONS_WIDTHS[1]
    for note in notes:
        ws.append([note])
        # across both columns, wrapped: the text stays on the page
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=2)
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = paper.row_height(paper.lines(note, wide))
    ws.append([])
    ws.append(["列", "填写要求"])
    head = ws.max_row
    for c in (1, 2):
        ws.cell(head, c).font = Font(bold=True)
        ws.cell(head, c).fill = PatternFill("solid", fgColor=HEADER_FILL)
    for f in fields_:
        prompt = prompt_text(kind, f, config)
        ws.append([f.zh, prompt])
        ws.cell(ws.max_row, 1).alignment = Alignment(vertical="top")
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = paper.row_height(paper.lines(prompt, INSTRUCTIONS_WIDTHS[1]))
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = INSTRUCTIONS_WIDTHS
    ws.print_title_rows = f"{head}:{head}"
    paper.a4_landscape(ws, footer="第 &P 页 共 &N 页")
