"""Say what was guessed (issue #19.7): columns taken on weak evidence, a time alone read as the
next day, and the rules a register's missing columns keep from running, one line each per
register in `--verbose` and in the JSON report."""

from __future__ import annotations

import json

import openpyxl

from helpers import AS_OF_ARGS, run_cli

HEADER = ["单号", "日期", "派单时间", "地点", "内容", "客户", "电话", "有偿/无偿", "签收时间", "签收人", "处理人",
          "完工时间", "客户签字", "返单时间", "返单签收人"]


def _register(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月"
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _order(no, day, accepted, completed):
    return [no, f"2026-11-{day:02d} 09:00", f"2026-11-{day:02d} 09:05", "3-101", "厨房水龙头漏水，需更换阀芯", "张伟",
            "13912345678", "无偿", accepted, "李工", "李明", completed, "张伟", "18:00", "王丽"]


def test_weak_columns_and_a_time_read_as_the_next_day_are_said(tmp_path):
    # row 3: completed 14:27 written alone after a 15:00 sign-in: read as the next day, and said
    path = _register(tmp_path / "维修.xlsx", [_order("WX001", 3, "09:08", "10:27"), _order("WX002", 4, "15:00", "14:27")])
    run = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose")
    lines = run.stdout.splitlines()
    assert ('    guessed: columns taken on weak evidence: B "日期" as received at (the header names no event); '
            'I "签收时间" as engineering sign-in time (by where it stands); J "签收人" as accepted by (engineering) '
            '(by where it stands); K "处理人" as repairer\'s signature (no column names it better)') in lines
    assert ("    guessed: 1 time written alone, earlier than the event before it on its row, was read as the next "
            "day (check it is not a slip): row 3 completed at") in lines
    assert ("    rules not run for lack of columns: finance-unreceipted (finance receipt); foreign-currency (fee (yuan)); "
            "missing-fee (fee (yuan)); "
            "missing-reason (delay reason, reason not completed)") in lines
    zh = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "zh").stdout
    assert "推测: 1 处单独写的时间早于同一行的上一环节，已按次日读取，请核对是否笔误：第 3 行完工时间" in zh
    assert "K 列“处理人”作维修人员签字（没有更明确的列）" in zh
    quiet = run_cli("validate", str(path), *AS_OF_ARGS)
    assert "guessed" not in quiet.stdout  # said with --verbose only


def test_the_json_report_carries_the_guesses(tmp_path):
    path = _register(tmp_path / "维修.xlsx", [_order("WX001", 3, "15:00", "14:27")])
    out = tmp_path / "r.json"
    run_cli("validate", str(path), *AS_OF_ARGS, "--format", "json", "--output", str(out))
    [sheet] = json.loads(out.read_text(encoding="utf-8"))["files"][0]["sheets"]
    assert len(sheet["guesses"]) == 2
    assert sheet["guesses"][1].endswith("row 2 completed at")


def test_a_register_named_plainly_has_nothing_guessed(tmp_path):
    from helpers import good_order, write_register

    path = write_register(tmp_path / "维修.xlsx", [good_order()])
    out = tmp_path / "r.json"
    run_cli("validate", str(path), *AS_OF_ARGS, "--format", "json", "--output", str(out))
    [sheet] = json.loads(out.read_text(encoding="utf-8"))["files"][0]["sheets"]
    assert "guesses" not in sheet


def test_a_software_export_s_numbers_are_said_to_be_taken_for_a_system_s(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["工单编号", "工单状态", "报修内容", "报事人", "联系电话", "房屋", "创建时间", "派单时间", "接单时间", "完成时间",
               "处理人", "是否有偿"])
    for n, day in ((3, 20), (9, 21)):  # a gap: other projects' orders, not lost forms
        ws.append([f"GD202611{day}{n:04d}", "已完成", "厨房水龙头漏水需更换", "张伟", "13912345678", "3-101",
                   f"2026-11-{day} 09:00:12", f"2026-11-{day} 09:02:40", f"2026-11-{day} 09:05:03",
                   f"2026-11-{day} 10:30:55", "李明", "无偿"])
    wb.save(tmp_path / "工单导出.xlsx")
    run = run_cli("validate", str(tmp_path / "工单导出.xlsx"), *AS_OF_ARGS, "--verbose")
    assert run.returncode == 0, run.stdout
    assert ('    guessed: numbers taken for a software\'s, not pre-printed forms (a status column, numbers carrying the '
            'day they were created, times to the second): gaps are not reported as lost forms; '
            '[validate] number_gaps = "always" reports them') in run.stdout.splitlines()
