"""Sites laid out unlike the samples (issue #19, further sites): two tables on one sheet, one under
the other; a 12345 hotline's forwarded tickets; the words such registers use."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from helpers import (
    AS_OF_ARGS, COMPLAINT_HEADER, WORK_ORDER_HEADER, check, good_complaint, good_order, run_cli,
)


def _one_sheet(path, orders, complaints):
    """A repair table, a blank row and a title, then the complaint table with its own header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026.11"
    ws.append(["滨江花苑客服中心登记表（2026年11月）"])
    ws.append(["一、维修工作单"])
    ws.append(WORK_ORDER_HEADER)
    for o in orders:
        ws.append([o.get(h) for h in WORK_ORDER_HEADER])
    ws.append([])
    ws.append(["二、客户投诉"])
    ws.append(COMPLAINT_HEADER)
    for c in complaints:
        ws.append([c.get(h) for h in COMPLAINT_HEADER])
    wb.save(path)
    return path


def test_a_complaint_table_under_the_repair_table_is_read_as_complaints(tmp_path):
    orders = [good_order(), good_order(单号="WX2611002", 客户签字=None)]
    complaints = [good_complaint(), good_complaint(投诉编号="TS2611002", 回访结果="不满意")]
    path = _one_sheet(tmp_path / "登记.xlsx", orders, complaints)
    report = check(path)
    sheets = report.files[0].sheets
    assert [(s.kind, s.header_row, s.records) for s in sheets] == [("work_orders", 3, 2), ("complaints", 8, 2)]
    assert sorted((f.row, f.rule) for f in report.findings) == [(5, "missing-signature"), (10, "closed-unsatisfied")]
    assert report.summary()["registers"] == 2
    # each table's findings under its own heading, once
    out = run_cli("validate", str(path), *AS_OF_ARGS).stdout
    orders_block, complaints_block = out.split("2026.11 · ")[1:3]
    assert "missing-signature" in orders_block and "closed-unsatisfied" not in orders_block
    assert "closed-unsatisfied" in complaints_block and "missing-signature" not in complaints_block


def test_the_same_header_again_is_a_repeated_heading_not_a_new_table(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(WORK_ORDER_HEADER)
    ws.append([good_order().get(h) for h in WORK_ORDER_HEADER])
    ws.append(WORK_ORDER_HEADER)  # a printed page's heading
    ws.append([good_order(单号="WX2611002").get(h) for h in WORK_ORDER_HEADER])
    wb.save(tmp_path / "登记.xlsx")
    report = check(tmp_path / "登记.xlsx")
    [sheet] = report.files[0].sheets
    assert sheet.records == 2 and [(s.row, s.reason) for s in sheet.skipped_rows] == [(3, "header")]
    assert report.findings == []


def test_a_hotline_register_maps_its_own_words(tmp_path):
    """12345 tickets forwarded to the estate: 诉求人 is who complained (not the content), 诉求内容
    the content, 承办人 the owner, 办理时限 the reply owed, 办结时间 the close; 住址 the home."""
    header = ["序号", "工单号", "受理时间", "诉求人", "联系电话", "住址", "诉求内容", "承办人", "办理时限",
              "回复时间", "处理结果", "回访结果", "办结时间"]
    rows = [
        [1, "2611250001", datetime(2026, 11, 20, 9, 0), "刘先生", "13812345678", "5栋1单元302", "小区门口垃圾清运不及时有异味",
         "王丽", datetime(2026, 11, 23, 17, 0), datetime(2026, 11, 22, 10, 0), "已增加清运频次", "满意",
         datetime(2026, 11, 23, 9, 0)],
        [2, "2611250002", datetime(2026, 11, 21, 9, 0), "张女士", "13912345678", "2栋301", "夜间广场舞噪音扰民影响休息",
         "李强", datetime(2026, 11, 24, 17, 0), None, None, None, None],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["新城壹号12345热线转办工单登记"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(tmp_path / "热线.xlsx")
    report = check(tmp_path / "热线.xlsx")
    [sheet] = report.files[0].sheets
    assert sheet.kind == "complaints"
    assert {k: sheet.columns[k] for k in ("complainant", "content", "owner", "promised_reply_at", "closed_at",
                                          "location")} == {
        "complainant": "D", "content": "G", "owner": "H", "promised_reply_at": "I", "closed_at": "M", "location": "F"}
    # the second promised a reply by yesterday 17:00 and has none: overdue
    assert [(f.row, f.rule) for f in report.findings] == [(4, "reply-overdue")]
