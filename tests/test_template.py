"""`toolkit template`: the register clerks fill in, read back with openpyxl and checked with the CLI.

Real files in tmp_path, the CLI in a subprocess. A template filled in correctly validates
clean; one with planted defects is reported (and annotated) at exactly the planted cells;
where LibreOffice is installed, its rendering shows red and amber at exactly those cells.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from helpers import AS_OF, run_cli, soffice
from toolkit.registers.fields import COMPLAINTS, FIELDS, WORK_ORDERS
from toolkit.registers.reader import read_workbook

NOV = "2026年11月"
KINDS = {"work-orders": WORK_ORDERS, "complaints": COMPLAINTS}
RED, AMBER = "FFC7CE", "FFEB9C"
AS_OF_ARGS = ["--as-of", AS_OF.strftime("%Y-%m-%d %H:%M")]


# ---- helpers ------------------------------------------------------------------------------

def make_template(tmp_path: Path, kind: str = "work-orders", *args: str, name: str = "登记表.xlsx",
                  this_month: bool = False) -> Path:
    """The template for November 2026 (the tests' month) unless --months is given; with
    ``this_month`` the command's own default, the month it runs in."""
    path = tmp_path / name
    if "--months" not in args and not this_month:
        args = (*args, "--months", "2026-11")
    result = run_cli("template", kind, str(path), *args, "--lang", "en")
    assert result.returncode == 0, result.stderr
    return path


def fill(template: Path, rows: list[dict], out: Path, sheet: str = NOV) -> Path:
    """Type rows under the header, as a clerk does (a datetime takes the column's format)."""
    wb = openpyxl.load_workbook(template)
    ws = wb[sheet]
    column = {c.value: c.column for c in ws[2]}
    for r, row in enumerate(rows, start=3):
        for header, value in row.items():
            if value is not None:
                cell = ws.cell(r, column[header], value)
                if isinstance(value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
    wb.save(out)
    return out


def order(no: int, received: datetime, **overrides) -> dict:
    """A complete, returned, correct work order keyed by the template's headers."""
    d = received + timedelta(minutes=2)
    row = {
        "单号": f"WX{received:%y%m}{no:03d}", "报修时间": received, "派单时间": d, "报修地点": "3栋1201",
        "报修内容": "厨房水龙头漏水，需更换阀芯", "客户姓名": "刘伟", "联系电话": "13812345678", "有偿/无偿": "有偿",
        "工程部接单时间": d + timedelta(minutes=3), "工程部接单人": "李工", "维修人员签字": "李明",
        "完工时间": d + timedelta(hours=2), "客户签字": "刘伟", "费用(元)": 120, "延误原因": None, "未完成原因": None,
        "返单时间": d + timedelta(hours=3), "返单签收人": "王丽", "特殊批示": None, "财务签收": "赵会计",
        "回访时间": d + timedelta(hours=5), "回访结果": "满意", "备注": None,
    }
    row.update(overrides)
    return row


def good_orders(base: datetime, as_of: datetime) -> list[dict]:
    """Orders at every stage, all filled in as the rules ask."""
    return [
        order(1, base),
        order(2, base + timedelta(hours=1), **{"有偿/无偿": "无偿", "费用(元)": None, "财务签收": None,
                                              "联系电话": "0755-83451234", "回访结果": "基本满意"}),
        # returned uncompleted, specially approved, with the reason
        order(3, base + timedelta(hours=2), **{"完工时间": None, "未完成原因": "缺配件，已订货", "特殊批示": "张经理",
                                              "费用(元)": None, "有偿/无偿": "无偿", "财务签收": None,
                                              "回访时间": None, "回访结果": None}),
        # completed late, with the delay reason
        order(4, base + timedelta(hours=3), **{"完工时间": base + timedelta(hours=30), "延误原因": "业主白天不在家",
                                              "返单时间": base + timedelta(hours=31), "回访时间": base + timedelta(hours=32)}),
        # still in progress: taken by engineering two hours ago
        order(5, as_of - timedelta(hours=2), **{k: None for k in (
            "维修人员签字", "完工时间", "客户签字", "费用(元)", "返单时间", "返单签收人", "财务签收", "回访时间", "回访结果")}),
    ]


def planted(base: datetime) -> tuple[list[dict], dict[str, str]]:
    """One good order, then one defect a row; returns the rows and {cell: rule}."""
    rows = [
        order(1, base),
        order(2, base + timedelta(hours=1), 客户签字=None),
        order(3, base + timedelta(hours=2), 返单签收人="李明"),
        order(4, base + timedelta(hours=3), **{"费用(元)": None}),
        order(5, base + timedelta(hours=4), 工程部接单时间=base + timedelta(hours=4, minutes=14)),
        order(6, base + timedelta(hours=5), 完工时间=None, 未完成原因="缺配件", 回访时间=None, 回访结果=None),
    ]
    expected = {"M4": "missing-signature", "R5": "proxy-signature", "N6": "missing-fee",
                "I7": "slow-handoff", "L8": "not-completed"}
    return rows, expected


def complaint(no: int, received: datetime, **overrides) -> dict:
    replied = received + timedelta(days=1)
    row = {
        "投诉编号": f"TS{received:%y%m}{no:03d}", "投诉时间": received, "投诉人": "刘伟", "联系电话": "13812345678",
        "房号": "3栋1201", "投诉内容": "电梯频繁停运，影响出行", "投诉类别": "设备设施", "涉及人数": 1, "曝光/诉讼": "无",
        "首问责任人": "王丽", "责任人": "工程部", "承诺答复时间": received + timedelta(days=2), "答复时间": replied,
        "处理结果": "已更换电梯控制板", "回访时间": replied + timedelta(hours=4), "回访结果": "满意",
        "结案时间": replied + timedelta(hours=5), "备注": None,
    }
    row.update(overrides)
    return row


def validate_json(path: Path, as_of: str | None = None) -> tuple[int, dict]:
    args = ["--as-of", as_of] if as_of else AS_OF_ARGS
    result = run_cli("validate", str(path), *args, "--format", "json", "--lang", "en")
    return result.returncode, json.loads(result.stdout)


def validations(ws) -> dict[str, object]:
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def highlights(ws) -> list[tuple[str, str, str]]:
    """(range, formula, colour) of every conditional format that fills cells, in priority order."""
    out = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if rule.dxf is not None and rule.dxf.fill is not None and rule.dxf.fill.fgColor.rgb:
                out.append((rule.priority, str(cf.sqref), rule.formula[0], rule.dxf.fill.fgColor.rgb[-6:]))
    return [tuple(rest) for _, *rest in sorted(out)]


# ---- what the template contains ------------------------------------------------------------

def test_a_work_order_template_has_a_title_the_canonical_headers_frozen_panes_and_widths(tmp_path):
    path = make_template(tmp_path, "work-orders", "--months", "2026-11", "--site", "阳光花园物业服务中心")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [NOV, "填表说明"]
    ws = wb[NOV]
    assert ws["A1"].value == "阳光花园物业服务中心维修工作单登记表（2026年11月）"
    assert "A1:W1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == [f.zh for f in FIELDS[WORK_ORDERS].values()]
    assert ws.freeze_panes == "B3"
    assert ws.print_title_rows == "$1:$2"
    assert ws.column_dimensions["E"].width == 28  # 报修内容
    assert all(ws.column_dimensions[c].width >= 9 for c in "ABCDEFGHIJKLMNOPQRSTUVW")


@pytest.mark.parametrize("kind", KINDS)
def test_every_template_header_maps_to_its_own_field_without_configuration(tmp_path, kind):
    path = make_template(tmp_path, kind, "--months", "2026-11")
    register = read_workbook(path, AS_OF).registers[0]
    assert register.kind == KINDS[kind]
    assert {name: col.header for name, col in register.columns.fields.items()} == \
        {f.name: f.zh for f in FIELDS[KINDS[kind]].values()}
    assert register.columns.unmapped == []


@pytest.mark.parametrize("kind", KINDS)
def test_an_unfilled_template_is_a_register_with_no_records_and_validates_clean(tmp_path, kind):
    path = make_template(tmp_path, kind, "--months", "2026-10..2026-11")
    assert openpyxl.load_workbook(path)[NOV].max_row == 2, "no empty styled rows are written"
    code, data = validate_json(path)
    assert code == 0
    assert data["findings"] == []
    sheets = {s["name"]: s for s in data["files"][0]["sheets"]}
    assert sheets["2026年10月"]["records"] == sheets[NOV]["records"] == 0
    assert sheets[NOV]["skipped_rows"] == [] and sheets[NOV]["kind"] == KINDS[kind]
    assert sheets["填表说明"]["skipped"] == "no_header"
    assert data["files"][0]["error"] is None
    text = run_cli("validate", str(path), *AS_OF_ARGS, "--lang", "en")
    assert text.returncode == 0 and text.stdout.strip() == "1 file, 2 registers, 0 records: 0 errors, 0 warnings"


def test_time_columns_have_a_date_time_format_fees_a_money_format_and_numbers_stay_text(tmp_path):
    ws = openpyxl.load_workbook(make_template(tmp_path))[NOV]
    letters = {c.value: c.column_letter for c in ws[2]}
    for header in ("报修时间", "派单时间", "工程部接单时间", "完工时间", "返单时间", "回访时间"):
        assert ws.column_dimensions[letters[header]].number_format == "yyyy-mm-dd hh:mm", header
        assert ws.column_dimensions[letters[header]].width >= 16, header
    assert ws.column_dimensions[letters["费用(元)"]].number_format == "#,##0.00"
    assert ws.column_dimensions[letters["单号"]].number_format == "@"
    assert ws.column_dimensions[letters["联系电话"]].number_format == "@"


def test_drop_downs_offer_paid_or_free_and_the_return_visit_results(tmp_path):
    dvs = validations(openpyxl.load_workbook(make_template(tmp_path))[NOV])
    assert dvs["H3:H502"].type == "list" and dvs["H3:H502"].formula1 == '"有偿,无偿"'
    assert dvs["H3:H502"].errorStyle == "stop" and dvs["H3:H502"].showErrorMessage
    assert dvs["V3:V502"].type == "list" and dvs["V3:V502"].formula1 == '"满意,基本满意,不满意"'


def test_complaint_drop_downs_offer_the_four_categories_and_the_visit_results(tmp_path):
    ws = openpyxl.load_workbook(make_template(tmp_path, "complaints"))[NOV]
    letters = {c.value: c.column_letter for c in ws[2]}
    dvs = validations(ws)
    category = dvs[f"{letters['投诉类别']}3:{letters['投诉类别']}502"]
    assert category.type == "list" and category.formula1 == '"设备设施,管理服务,收费,突发事件"'
    visit = dvs[f"{letters['回访结果']}3:{letters['回访结果']}502"]
    assert visit.formula1 == '"满意,基本满意,不满意"'
    reply = dvs[f"{letters['承诺答复时间']}3:{letters['承诺答复时间']}502"]
    assert reply.type == "date" and "答复时间" in reply.prompt and "必填" in reply.prompt


def test_dates_must_be_dates_fees_numbers_content_not_too_brief_and_each_form_number_used_once(tmp_path):
    dvs = validations(openpyxl.load_workbook(make_template(tmp_path))[NOV])
    for col in "BCILQU":
        dv = dvs[f"{col}3:{col}502"]
        assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("date", "between", "DATE(2000,1,1)", "DATE(2100,1,1)")
        assert dv.errorStyle == "warning", "a date typed as text is still readable: warn, do not block"
    assert (dvs["N3:N502"].type, dvs["N3:N502"].operator, dvs["N3:N502"].formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert (dvs["E3:E502"].type, dvs["E3:E502"].formula1) == ("textLength", "4")
    assert dvs["A3:A502"].type == "custom" and dvs["A3:A502"].formula1 == "COUNTIF($A$3:$A$502,A3)<=1"
    assert dvs["A3:A502"].errorStyle == "stop"


@pytest.mark.parametrize("kind", KINDS)
def test_every_header_and_column_has_an_input_message_that_excel_accepts(tmp_path, kind):
    ws = openpyxl.load_workbook(make_template(tmp_path, kind))[NOV]
    dvs = validations(ws)
    for cell in ws[2]:
        for ref in (cell.coordinate, f"{cell.column_letter}3:{cell.column_letter}502"):
            dv = dvs[ref]
            assert dv.showInputMessage and dv.promptTitle == cell.value and dv.prompt, ref
            assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32, ref  # Excel refuses longer ones
            assert dv.error is None or len(dv.error) <= 255
        assert dvs[cell.coordinate].type is None, "a header cell takes any value: it only explains"


def test_input_messages_state_the_rules_in_the_manuals_words(tmp_path):
    ws = openpyxl.load_workbook(make_template(tmp_path))[NOV]
    prompts = {ws[ref.split(":")[0]].value: dv.prompt for ref, dv in validations(ws).items() if ":" not in ref}
    assert "无维修人员签字的不收" in prompts["维修人员签字"]
    assert "无论有偿、无偿均需业户签字" in prompts["客户签字"] and "不得由维修人员代签" in prompts["客户签字"]
    assert "返单签收不得代签" in prompts["返单签收人"]
    assert "工作单应于5分钟内交于工程部接收" in prompts["派单时间"]
    assert "特殊批示除外" in prompts["完工时间"]
    assert "不宜过于简略" in prompts["报修内容"]
    assert "有偿服务的应填写所需费用" in prompts["费用(元)"]


def test_a_returned_rows_empty_required_cells_turn_red(tmp_path):
    rules = highlights(openpyxl.load_workbook(make_template(tmp_path))[NOV])
    returned = 'OR($Q3<>"",$R3<>"")'
    for rng, formula in [
        ("K3:K502", f'AND({returned},$K3="")'),  # 维修人员签字
        ("M3:M502", f'AND({returned},$M3="")'),  # 客户签字
        ("R3:R502", 'AND($Q3<>"",$R3="")'),  # 返单签收人
        ("Q3:Q502", 'AND($Q3="",$R3<>"")'),  # 返单时间
        ("L3:L502", f'AND({returned},$L3="",$S3="")'),  # 完工时间 unless 特殊批示
        ("N3:N502", f'AND($H3="有偿",OR($L3<>"",{returned}),OR($N3="",$N3=0))'),  # 费用 when 有偿
        ("R3:R502", 'AND($K3<>"",$R3=$K3)'),  # no proxy signing
    ]:
        assert (rng, formula, RED) in rules, (rng, formula)


def test_a_sign_in_more_than_five_minutes_after_dispatch_turns_amber(tmp_path):
    rules = highlights(openpyxl.load_workbook(make_template(tmp_path))[NOV])
    assert ("I3:I502", 'AND(ISNUMBER($I3),ISNUMBER(IF(ISNUMBER($C3),$C3,$B3)),'
            'ROUND(($I3-IF(ISNUMBER($C3),$C3,$B3))*1440,6)>5)', AMBER) in rules
    reds = [i for i, r in enumerate(rules) if r[2] == RED]
    ambers = [i for i, r in enumerate(rules) if r[2] == AMBER]
    assert max(reds) < min(ambers), "errors come first, so red wins where both apply"


def test_every_conditional_format_covers_the_pre_formatted_rows_of_one_column(tmp_path):
    ws = openpyxl.load_workbook(make_template(tmp_path, "work-orders", "--rows", "50"))[NOV]
    rules = highlights(ws)
    assert len(rules) >= 25
    for rng, formula, colour in rules:
        start, end = rng.split(":")
        assert start[:-1] == end[:-2] and start.endswith("3") and end.endswith("52"), rng
        assert colour in (RED, AMBER)
        assert formula.count("(") == formula.count(")"), formula
    assert all(str(dv.sqref).endswith("52") for dv in ws.data_validations.dataValidation if ":" in str(dv.sqref))


def test_complaint_template_requires_a_promised_reply_time_and_flags_major_complaints(tmp_path):
    ws = openpyxl.load_workbook(make_template(tmp_path, "complaints"))[NOV]
    letters = {c.value: c.column_letter for c in ws[2]}
    assert [letters[h] for h in ("承诺答复时间", "答复时间", "回访时间", "回访结果", "结案时间", "涉及人数")] == \
        ["L", "M", "O", "P", "Q", "H"]
    rules = highlights(ws)
    answered = "COUNTA($M3,$O3,$P3,$Q3)>0"
    # a row in use: something beyond its number written, and not a totals row
    in_use = 'AND(COUNTA($A3:$R3)-COUNTA($A3)>0,NOT(OR(LEFT($A3,2)="合计",LEFT($A3,2)="小计",LEFT($A3,2)="总计")))'
    assert ("L3:L502", f'AND({in_use},$L3="",NOT({answered}))', RED) in rules  # no reply time promised
    assert ("L3:L502", f"AND(ISNUMBER($L3),NOW()>$L3,NOT({answered}))", RED) in rules  # promise broken
    assert ("M3:M502", "AND(ISNUMBER($M3),ISNUMBER($L3),$M3>$L3)", AMBER) in rules  # answered late
    assert ("H3:H502", 'AND($Q3="",AND(ISNUMBER($H3),$H3>=10))', RED) in rules  # 10 people or more, still open
    assert ("Q3:Q502", 'AND($Q3<>"",$P3="不满意")', RED) in rules  # closed although not satisfied


def test_thresholds_and_switched_off_rules_come_from_the_config(tmp_path):
    cfg = tmp_path / "toolkit.toml"
    cfg.write_text('[validate]\nhandoff_minutes = 10\n[rules."content-too-brief"]\nenabled = false\n', encoding="utf-8")
    path = tmp_path / "t.xlsx"
    result = run_cli("template", "work-orders", str(path), "--config", str(cfg), "--lang", "en")
    assert result.returncode == 0, result.stderr
    ws = openpyxl.load_workbook(path)[f"{date.today().year}年{date.today().month}月"]
    rules = highlights(ws)
    assert any(rng.startswith("I3") and formula.endswith(">10)") for rng, formula, _ in rules)
    assert not any(rng.startswith("E3") and "LEN(" in formula for rng, formula, _ in rules)
    assert "10分钟" in validations(ws)["C2"].prompt


def test_the_templates_own_guidance_follows_the_config_too(tmp_path):
    """A switched-off rule gives no input check; a rule made an error is promised as red."""
    cfg = tmp_path / "toolkit.toml"
    cfg.write_text('[rules."content-too-brief"]\nenabled = false\n[rules."slow-handoff"]\nseverity = "error"\n',
                   encoding="utf-8")
    path = tmp_path / "t.xlsx"
    assert run_cli("template", "work-orders", str(path), "--config", str(cfg)).returncode == 0
    ws = openpyxl.load_workbook(path)[f"{date.today().year}年{date.today().month}月"]
    checks = validations(ws)
    assert "超时显示为红色" in checks["I2"].prompt and "橙色" not in checks["I2"].prompt
    assert checks["E3:E502"].type != "textLength"
    plain = tmp_path / "plain.xlsx"
    assert run_cli("template", "work-orders", str(plain)).returncode == 0
    defaults = validations(openpyxl.load_workbook(plain)[f"{date.today().year}年{date.today().month}月"])
    assert "超时显示为橙色" in defaults["I2"].prompt and defaults["E3:E502"].type == "textLength"


# ---- months, overwriting, messages -------------------------------------------------------

def test_months_option_makes_one_titled_sheet_per_month(tmp_path):
    path = make_template(tmp_path, "work-orders", "--months", "2026-01..2026-12")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [f"2026年{m}月" for m in range(1, 13)] + ["填表说明"]
    assert wb["2026年3月"]["A1"].value == "维修工作单登记表（2026年3月）"  # no site: no ×× placeholder (#20)
    assert all(wb[f"2026年{m}月"].freeze_panes == "B3" for m in range(1, 13))


def test_months_may_be_listed_and_ranges_may_cross_the_year(tmp_path):
    wb = openpyxl.load_workbook(make_template(tmp_path, "complaints", "--months", "2025-11..2026-02,2026-05",
                                              "--title", "阳光花园投诉记录"))
    assert wb.sheetnames[:-1] == ["2025年11月", "2025年12月", "2026年1月", "2026年2月", "2026年5月"]
    assert wb["2026年5月"]["A1"].value == "阳光花园投诉记录（2026年5月）"


def test_without_months_the_template_has_one_sheet_for_the_current_month(tmp_path):
    today = date.today()
    wb = openpyxl.load_workbook(make_template(tmp_path, this_month=True))
    assert wb.sheetnames == [f"{today.year}年{today.month}月", "填表说明"]


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    path = tmp_path / "登记表.xlsx"
    path.write_bytes(b"the clerk's own register")
    result = run_cli("template", "work-orders", str(path), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip() == f"toolkit: {path}: already exists; use --force to overwrite"
    assert path.read_bytes() == b"the clerk's own register"
    forced = run_cli("template", "work-orders", str(path), "--force", "--lang", "en")
    assert forced.returncode == 0, forced.stderr
    assert openpyxl.load_workbook(path).sheetnames[-1] == "填表说明"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


@pytest.mark.parametrize("months", ["2026-13", "2026-11..2026-01", "next month", "2026-01..2026-02..2026-03"])
def test_bad_months_are_a_usage_error_in_one_line(tmp_path, months):
    result = run_cli("template", "work-orders", str(tmp_path / "t.xlsx"), "--months", months, "--lang", "en")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--months must look like" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_more_than_ten_years_of_month_sheets_is_refused(tmp_path):
    result = run_cli("template", "work-orders", str(tmp_path / "t.xlsx"), "--months", "2000-01..2099-12", "--lang", "en")
    assert result.returncode == 2 and "at most 120 months" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_a_template_must_be_an_xlsx_file(tmp_path):
    result = run_cli("template", "complaints", str(tmp_path / "t.xls"), "--lang", "en")
    assert result.returncode == 2 and "must be an .xlsx file" in result.stderr


def test_the_command_says_what_it_wrote_in_chinese_or_english(tmp_path):
    zh = run_cli("template", "work-orders", str(tmp_path / "a.xlsx"), "--months", "2026-01..2026-12", "--lang", "zh")
    assert zh.stdout.strip() == f"已写入 {tmp_path / 'a.xlsx'}：维修工作单登记表，12 张月份工作表（2026年1月 … 2026年12月），每张预设 500 行"
    en = run_cli("template", "complaints", str(tmp_path / "b.xlsx"), "--months", "2026-11", "--rows", "200", "--lang", "en")
    assert en.stdout.strip() == f"wrote {tmp_path / 'b.xlsx'}: complaints register, 1 month sheet (2026年11月), 200 rows formatted"


# ---- filled in: validated and annotated ----------------------------------------------------

def test_a_correctly_filled_work_order_template_validates_clean(tmp_path):
    template = make_template(tmp_path, "work-orders", "--months", "2026-11")
    rows = good_orders(datetime(2026, 11, 3, 8, 30), AS_OF)
    path = fill(template, rows, tmp_path / "filled.xlsx")
    code, data = validate_json(path)
    assert data["findings"] == []
    assert code == 0
    sheet = data["files"][0]["sheets"][0]
    assert sheet["records"] == len(rows) and sheet["rules_not_run"] == {}
    text = run_cli("validate", str(path), *AS_OF_ARGS, "--lang", "en")
    assert text.returncode == 0 and text.stdout.strip().endswith(f"{len(rows)} records: 0 errors, 0 warnings")


def test_a_correctly_filled_complaint_template_validates_clean(tmp_path):
    template = make_template(tmp_path, "complaints", "--months", "2026-11")
    rows = [complaint(1, datetime(2026, 11, 3, 9, 15)),
            complaint(2, datetime(2026, 11, 5, 16, 40), 投诉类别="收费", 责任人="财务部", 回访结果="基本满意"),
            complaint(3, datetime(2026, 11, 24, 10, 0), 答复时间=None, 处理结果=None, 回访时间=None, 回访结果=None,
                      结案时间=None)]
    path = fill(template, rows, tmp_path / "filled.xlsx")
    code, data = validate_json(path)
    assert data["findings"] == []
    assert code == 0
    sheet = data["files"][0]["sheets"][0]
    assert sheet["kind"] == COMPLAINTS and sheet["records"] == 3


def test_validate_reports_a_filled_templates_planted_defects_at_exactly_their_cells(tmp_path):
    rows, expected = planted(datetime(2026, 11, 3, 8, 30))
    path = fill(make_template(tmp_path, "work-orders", "--months", "2026-11"), rows, tmp_path / "filled.xlsx")
    code, data = validate_json(path)
    assert code == 1
    assert {f["cell"]: f["rule"] for f in data["findings"]} == expected
    assert len(data["findings"]) == len(expected)


def test_a_filled_template_with_planted_defects_is_annotated_at_exactly_those_cells(tmp_path):
    """Needs `validate --annotate DIR` (toolkit/outputs/annotate.py)."""
    rows, expected = planted(datetime(2026, 11, 3, 8, 30))
    path = fill(make_template(tmp_path, "work-orders", "--months", "2026-11"), rows, tmp_path / "filled.xlsx")
    before = path.read_bytes()
    out = tmp_path / "checked"
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--annotate", str(out), "--lang", "zh")
    assert result.returncode == 1, result.stderr
    ws = openpyxl.load_workbook(out / "filled.checked.xlsx")[NOV]
    data_cells = [c for row in ws.iter_rows(min_row=3) for c in row]
    filled = {c.coordinate for c in data_cells if c.fill is not None and c.fill.fill_type not in (None, "none")}
    commented = {c.coordinate for c in data_cells if c.comment is not None}
    assert filled == set(expected)
    assert commented == set(expected)
    assert path.read_bytes() == before, "the register itself is never modified"


# ---- what a clerk sees: rendered by LibreOffice -------------------------------------------

class _CellColours(HTMLParser):
    """Background colour of each cell of the first sheet in LibreOffice's HTML export."""

    def __init__(self):
        super().__init__()
        self.colours: dict[str, str] = {}
        self.row, self.col, self.done, self.in_table = 0, 0, False, False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        a = dict(attrs)
        if tag == "table":
            self.in_table = True
        elif tag == "tr" and self.in_table:
            self.row += 1
            self.col = 0
        elif tag == "td" and self.in_table:
            self.col += 1
            colour = (a.get("bgcolor") or "").lstrip("#").upper()
            if colour:
                self.colours[f"{openpyxl.utils.get_column_letter(self.col)}{self.row}"] = colour
            self.col += int(a.get("colspan") or 1) - 1

    def handle_endtag(self, tag):
        if tag == "table" and self.in_table:
            self.done = True


def rendered_colours(path: Path, tmp_path: Path) -> dict[str, str]:
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "html",
                    "--outdir", str(tmp_path / "html"), str(path)], check=True, capture_output=True, timeout=180)
    parser = _CellColours()
    parser.feed((tmp_path / "html" / f"{path.stem}.html").read_text(encoding="utf-8", errors="replace"))
    return {cell: colour for cell, colour in parser.colours.items() if int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) >= 3}


@pytest.mark.requires_soffice
def test_rendered_in_libreoffice_the_red_and_amber_cells_are_exactly_what_validate_finds(tmp_path):
    # Conditional formats use NOW(): the orders are dated a few days before the real now.
    now = datetime.now().replace(second=0, microsecond=0)
    base = (now - timedelta(days=3)).replace(hour=8, minute=30)
    month = f"{base.year}-{base.month:02d}"
    rows, expected = planted(base)
    rows += [r | {"单号": f"WX{base:%y%m}{7 + i:03d}"} for i, r in enumerate(good_orders(base + timedelta(hours=6), now))]
    # rows validate skips stay uncoloured: forms numbered in advance, and a totals row
    rows += [{"单号": f"WX{base:%y%m}{90 + i:03d}"} for i in range(2)] + [{"单号": "合计", "费用(元)": 300}]
    path = fill(make_template(tmp_path, "work-orders", "--months", month), rows, tmp_path / "filled.xlsx",
                sheet=f"{base.year}年{base.month}月")
    code, data = validate_json(path, now.strftime("%Y-%m-%d %H:%M"))
    assert {f["cell"]: f["rule"] for f in data["findings"]} == expected
    colours = rendered_colours(path, tmp_path)
    red = {c for c, colour in colours.items() if colour == RED}
    amber = {c for c, colour in colours.items() if colour == AMBER}
    assert red == {f["cell"] for f in data["findings"] if f["severity"] == "error"}
    assert amber == {f["cell"] for f in data["findings"] if f["severity"] == "warning"}


@pytest.mark.requires_soffice
def test_rendered_in_libreoffice_complaints_turn_red_and_amber_where_validate_finds_them(tmp_path):
    now = datetime.now().replace(second=0, microsecond=0)
    base = (now - timedelta(days=3)).replace(hour=9, minute=0)
    unanswered = {"答复时间": None, "处理结果": None, "回访时间": None, "回访结果": None, "结案时间": None}
    rows = [complaint(1, base, 结案时间=None, 回访时间=None, 回访结果=None),
            complaint(2, base, 承诺答复时间=None, **unanswered),
            complaint(3, base, 涉及人数=12, 结案时间=None),
            complaint(4, base, 回访结果="不满意"),
            complaint(5, base, 承诺答复时间=base + timedelta(hours=4), **unanswered),
            complaint(6, base, 承诺答复时间=base + timedelta(hours=4)),
            complaint(7, base + timedelta(hours=1))]
    path = fill(make_template(tmp_path, "complaints", "--months", f"{base.year}-{base.month:02d}"), rows,
                tmp_path / "filled.xlsx", sheet=f"{base.year}年{base.month}月")
    code, data = validate_json(path, now.strftime("%Y-%m-%d %H:%M"))
    expected = {"L4": "missing-reply-deadline", "H5": "major-complaint", "Q6": "closed-unsatisfied",
                "L7": "reply-overdue", "M8": "reply-late"}
    assert {f["cell"]: f["rule"] for f in data["findings"]} == expected
    colours = rendered_colours(path, tmp_path)
    assert {c for c, colour in colours.items() if colour == RED} == {"L4", "H5", "Q6", "L7"}
    assert {c for c, colour in colours.items() if colour == AMBER} == {"M8"}
