"""Call logs (issue #19.1): one 客服来电登记表 for every kind of call, split by its 来电类型 column.
Repair rows are checked as work orders, complaint rows as complaints, other calls only for what a
call record needs; number sequences are per kind; weekly lists and reminders take their rows."""

from __future__ import annotations

import json

import openpyxl

from helpers import AS_OF_ARGS, check, hits, run_cli
from smtp_server import smtp_config

HEADER = ["序号", "来电时间", "来电类型", "来电人", "房号", "联系电话", "来电内容", "受理人", "编号",
          "派单时间", "接单时间", "维修人", "完工时间", "客户签字", "有偿/无偿", "费用", "返单时间", "返单签收人",
          "责任人", "承诺回复时间", "回复时间", "回访时间", "回访结果", "结案时间"]


def _call(seq, when, kind, no=None, **more):
    row = {"序号": seq, "来电时间": when, "来电类型": kind, "来电人": "张伟", "房号": f"3-{seq}01",
           "联系电话": "13912345678", "来电内容": f"{kind}：第{seq}个来电的具体事项说明", "受理人": "王丽", "编号": no}
    row.update(more)
    return [row.get(h) for h in HEADER]


def _repair(seq, no, day, **more):
    """A repair call, dispatched, signed in, completed, signed and returned the same morning."""
    base = {"派单时间": f"2026-11-{day:02d} 09:10", "接单时间": f"2026-11-{day:02d} 09:12", "维修人": "李明",
            "完工时间": f"2026-11-{day:02d} 10:30", "客户签字": "张伟", "有偿/无偿": "无偿",
            "返单时间": f"2026-11-{day:02d} 11:00", "返单签收人": "王丽", "来电内容": "厨房水龙头漏水，需更换阀芯"}
    base.update(more)
    return _call(seq, f"2026-11-{day:02d} 09:00", "报修", no, **base)


def _complaint(seq, no, day, **more):
    """A complaint, answered by the promised time, visited, satisfied, closed."""
    base = {"责任人": "陈晓", "承诺回复时间": f"2026-11-{day + 1:02d} 17:00", "回复时间": f"2026-11-{day:02d} 16:00",
            "回访时间": f"2026-11-{day + 1:02d} 10:00", "回访结果": "满意", "结案时间": f"2026-11-{day + 1:02d} 11:00",
            "来电内容": "楼上装修噪音影响休息，多次沟通无果"}
    base.update(more)
    return _call(seq, f"2026-11-{day:02d} 14:00", "投诉", no, **base)


def _log(path, rows, header=HEADER, title="锦绣花园客服中心来电登记表（2026年11月）"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月"
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _clean_rows():
    return [
        _repair(1, "WX001", 2),
        _call(2, "2026-11-03 10:00", "咨询", 来电内容="询问物业费缴纳方式及截止日期"),
        _complaint(3, "TS001", 4),
        _repair(4, "WX002", 5),
        _call(5, "2026-11-06 10:00", "表扬", 来电内容="表扬保安夜间巡逻认真负责"),
        _call(6, "2026-11-07 10:00", "建议", 来电内容="建议小区增设快递柜"),
        _complaint(7, "TS002", 9),
        _repair(8, "WX003", 10),
    ]


def test_a_clean_call_log_gives_no_finding_for_consultations_praise_or_suggestions(tmp_path):
    report = check(_log(tmp_path / "来电登记.xlsx", _clean_rows()))
    assert report.findings == []
    kinds = {s.kind: s.records for s in report.files[0].sheets}
    assert kinds == {"work_orders": 3, "complaints": 2, "calls": 3}
    assert report.summary()["registers"] == 1  # one sheet, one register, three kinds of call


def test_each_kind_of_row_is_judged_by_its_own_rules(tmp_path):
    rows = _clean_rows()
    rows[0] = _repair(1, "WX001", 2, 客户签字=None)  # a returned repair without the customer's signature
    rows[2] = _complaint(3, "TS001", 4, 回访结果="不满意")  # closed though the customer is not satisfied
    rows[6] = _complaint(7, "TS002", 24, 回复时间=None, 回访时间=None, 回访结果=None, 结案时间=None,
                         承诺回复时间="2026-11-24 17:00")  # promised yesterday, not answered
    rows[4] = _call(5, "2026-11-06 10:00", "表扬", 来电内容="表扬保安夜间巡逻认真负责", 受理人=None)  # who took it?
    report = check(_log(tmp_path / "来电登记.xlsx", rows))
    found = sorted((f.row, f.rule, f.field) for f in report.findings)
    assert found == [
        (3, "missing-signature", "customer_signature"),
        (5, "closed-unsatisfied", "closed_at"),
        (7, "missing-field", "taker"),
        (9, "reply-overdue", "promised_reply_at"),
    ], report.findings


def test_number_sequences_are_per_kind(tmp_path):
    """WX… and TS… in one number column are two books: no gap between them, a gap within one."""
    rows = [_repair(1, "WX2611001", 2), _complaint(2, "TS2611001", 3), _repair(3, "WX2611002", 4),
            _complaint(4, "TS2611002", 5), _repair(5, "WX2611004", 6)]
    report = check(_log(tmp_path / "来电登记.xlsx", rows))
    gaps = hits(report, "number-gap")
    assert [(f.row, f.record) for f in gaps] == [(7, "WX2611004")]
    assert "WX2611003" in gaps[0].message
    assert hits(report, "duplicate-number") == []


def test_kind_words_sites_use_and_rows_with_no_kind_written(tmp_path):
    rows = [
        _call(1, "2026-11-02 09:00", "维修", "WX001", **{"派单时间": "2026-11-02 09:10", "接单时间": "2026-11-02 09:12",
              "维修人": "李明", "完工时间": "2026-11-02 10:00", "客户签字": "张伟", "有偿/无偿": "无偿",
              "返单时间": "2026-11-02 10:30", "返单签收人": "王丽"}),
        _call(2, "2026-11-03 09:00", "求助", 来电内容="老人忘带钥匙，请求协助开门"),
        _complaint(3, "TS001", 4)[:2] + ["投诉建议"] + _complaint(3, "TS001", 4)[3:],
        _call(4, "2026-11-05 09:00", "报事", "WX002", **{"派单时间": "2026-11-05 09:10", "接单时间": "2026-11-05 09:12",
              "维修人": "李明", "完工时间": "2026-11-05 10:00", "客户签字": "张伟", "有偿/无偿": "无偿",
              "返单时间": "2026-11-05 10:30", "返单签收人": "王丽"}),
        # the kind left blank, but dispatched and completed: a repair, judged so and said so
        _call(5, "2026-11-06 09:00", None, "WX003", **{"派单时间": "2026-11-06 09:10", "接单时间": "2026-11-06 09:12",
              "维修人": "李明", "完工时间": "2026-11-06 10:00", "客户签字": None, "有偿/无偿": "无偿",
              "返单时间": "2026-11-06 10:30", "返单签收人": "王丽"}),
    ]
    path = _log(tmp_path / "服务台登记.xlsx", rows)
    report = check(path)
    kinds = {s.kind: s.records for s in report.files[0].sheets}
    assert kinds == {"work_orders": 3, "complaints": 1, "calls": 1}
    assert [(f.row, f.rule) for f in report.findings] == [(7, "missing-signature")]
    run = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose")
    assert run.returncode == 1, run.stderr
    assert 'call log (split by column C "来电类型": 3 work orders, 1 complaint, 1 other call)' in run.stdout
    assert "1 row with no known \"来电类型\": its kind judged by what it holds (row 7)" in run.stdout
    assert "    work orders: received at=B," in run.stdout and "    other calls: received at=B," in run.stdout
    zh = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "zh")
    assert "来电登记表（按 C 列“来电类型”分类：维修工作单 3 条、投诉 1 条、其他来电 1 条）" in zh.stdout, zh.stdout


def test_a_category_within_one_kind_does_not_make_a_call_log(tmp_path):
    """投诉类别 (设备设施, 管理服务) and 维修类型 (水电, 土建) sort one kind: the sheet stays one register."""
    from helpers import COMPLAINT_HEADER, good_complaint, write_register

    path = write_register(tmp_path / "投诉.xlsx", [good_complaint(投诉类别=c) for c in ("设备设施", "管理服务", "收费")],
                          COMPLAINT_HEADER, title="投诉登记表")
    report = check(path)
    assert [s.kind for s in report.files[0].sheets] == ["complaints"]
    assert report.files[0].sheets[0].call_log is None


def test_json_says_how_the_call_log_was_split(tmp_path):
    path = _log(tmp_path / "来电登记.xlsx", _clean_rows())
    out = tmp_path / "r.json"
    run = run_cli("validate", str(path), *AS_OF_ARGS, "--format", "json", "--output", str(out))
    assert run.returncode == 0, run.stderr
    sheets = json.loads(out.read_text(encoding="utf-8"))["files"][0]["sheets"]
    assert [s["kind"] for s in sheets] == ["work_orders", "complaints", "calls"]
    assert sheets[0]["call_log"] == {"type_column": "C", "type_header": "来电类型",
                                     "rows": {"work_orders": 3, "complaints": 2, "calls": 3},
                                     "guessed_rows": [], "unknown_words": []}


def test_weekly_lists_and_reminders_take_their_rows_from_a_call_log(tmp_path, smtp_server):
    rows = _clean_rows()
    # a repair still open, and a complaint promised for tomorrow, not answered yet
    rows.append(_repair(9, "WX004", 24, 完工时间=None, 客户签字=None, 返单时间=None, 返单签收人=None))
    rows.append(_complaint(10, "TS003", 24, 回复时间=None, 回访时间=None, 回访结果=None, 结案时间=None,
                           承诺回复时间="2026-11-25 17:00"))
    folder = tmp_path / "registers"
    folder.mkdir()
    _log(folder / "来电登记.xlsx", rows)
    weekly = run_cli("weekly", str(folder), *AS_OF_ARGS, "--out", str(tmp_path / "weekly.xlsx"))
    assert weekly.returncode in (0, 1), weekly.stderr
    assert "Unfinished orders (1)" in weekly.stdout and "WX004" in weekly.stdout
    server = smtp_server()
    (tmp_path / "toolkit.toml").write_text(smtp_config(server.port, people={"陈晓": "chenxiao@example.com"},
                                                       escalate_to=["陈晓"]), encoding="utf-8")
    remind = run_cli("remind", str(folder), "--as-of", "2026-11-25 10:00", "--send", "--lang", "en", cwd=tmp_path)
    assert remind.returncode == 0, remind.stdout + remind.stderr
    [mail] = server.received
    assert mail.recipients == ["chenxiao@example.com"]
    html = mail.part("text/html")
    assert "TS003" in html and "WX004" not in html  # reminders are for the complaints of the log
