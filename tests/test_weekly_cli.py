"""`toolkit weekly` end to end in a subprocess: the JSON contract, the text report, weeks and errors."""

from __future__ import annotations

import json
from datetime import datetime

import openpyxl
from helpers import run_cli, weekly_complaint, complaints_file, order, orders_file


def _site(tmp_path):
    orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件"),
        order("WX2611002", datetime(2026, 11, 22, 9, 0)),
        order("WX2611003", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0), paid="有偿",
              fee="¥120"),
    ])
    complaints_file(tmp_path, [weekly_complaint("TS2611001", datetime(2026, 11, 17, 9, 0),
                                         promised=datetime(2026, 11, 20, 17, 0))])
    return tmp_path


def test_json_follows_the_contract(tmp_path):
    folder = _site(tmp_path)
    result = run_cli("weekly", str(folder), "--as-of", "2026-11-23 08:30", "--week", "2026-W47", "--format", "json",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"as_of", "week", "sections", "stats", "unusable_files", "history_saved", "calendar"}
    # from November the next year is in use too, and 2027 is only estimated
    assert data["calendar"] == {"2026": {"source": "chinesecalendar", "confirmed": True},
                                "2027": {"source": "holidays", "confirmed": False}}
    # a preview (no --out, no --send) stores nothing (#20.5): test_store_location.py has the recording runs
    assert data["unusable_files"] == [] and data["history_saved"] is False
    assert data["as_of"] == "2026-11-23T08:30"
    assert data["week"] == {"label": "2026-W47", "start": "2026-11-16T00:00", "end": "2026-11-23T00:00"}
    assert set(data["sections"]) == {"unfinished", "overdue", "finance_handover", "return_visits", "findings"}
    first = data["sections"]["unfinished"][0]
    assert {k: first[k] for k in ("record", "sheet", "row", "cell", "reason", "engineer", "past_delay", "age_hours")} == {
        "record": "WX2611001", "sheet": "2026年11月", "row": 3, "cell": "A3", "reason": "等配件", "engineer": "李工",
        "past_delay": True, "age_hours": 70.5}
    assert first["path"].endswith("维修登记.xlsx")
    assert data["sections"]["unfinished"][1]["reason"] is None
    assert [o["record"] for o in data["sections"]["overdue"]] == ["WX2611001", "TS2611001"]
    assert data["sections"]["overdue"][1]["why"] == ["reply_overdue"]
    assert data["sections"]["finance_handover"] == [{
        "record": "WX2611003", "path": first["path"], "sheet": "2026年11月", "row": 5, "cell": "A5",
        "completed_at": "2026-11-18T11:00", "location": "3栋1201", "fee": 120.0, "fee_raw": None, "repairer": "李明",
        "customer_name": "刘伟"}]
    assert [v["record"] for v in data["sections"]["return_visits"]] == ["WX2611003"]
    stats = data["stats"]
    assert stats["this_week"]["orders"]["received"] == 3 and stats["this_week"]["finance_total"] == 120.0
    assert stats["this_week"]["orders"]["handover_on_time"] == {"count": 3, "of": 3, "rate": 1.0}
    assert stats["last_week"] is None and stats["history"] == []
    assert not (tmp_path / "toolkit.sqlite").exists()  # nor leaves a store in the folder it ran in


def test_text_report_names_orders_without_a_reason(tmp_path):
    folder = _site(tmp_path)
    result = run_cli("weekly", str(folder), "--as-of", "2026-11-23 08:30", "--week", "last", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Weekly follow-up 2026-W47 (2026-11-16 – 2026-11-22), as of 2026-11-23 08:30")
    line = next(l for l in out.splitlines() if l.strip().startswith("WX2611002"))
    assert "no reason" in line and "周工" not in line
    assert "Finance hand-over (1)" in out and "total: 120.00" in out


def test_the_default_week_is_the_one_containing_the_as_of_time(tmp_path):
    folder = _site(tmp_path)
    result = run_cli("weekly", str(folder), "--as-of", "2026-11-22 20:00", "--format", "json", cwd=tmp_path)
    assert json.loads(result.stdout)["week"]["label"] == "2026-W47"


def test_out_writes_the_workbook(tmp_path):
    folder = _site(tmp_path)
    out = tmp_path / "reports" / "weekly.xlsx"
    result = run_cli("weekly", str(folder), "--as-of", "2026-11-23 08:30", "--week", "2026-W47", "--out", str(out),
                     "--lang", "zh", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"已写入 {out}" in result.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == "汇总"


def test_a_malformed_or_future_week_is_a_usage_error(tmp_path):
    folder = _site(tmp_path)
    bad = run_cli("weekly", str(folder), "--week", "2026-47", cwd=tmp_path)
    assert bad.returncode == 2 and '--week must look like "2026-W47"' in bad.stderr
    future = run_cli("weekly", str(folder), "--as-of", "2026-11-23 08:30", "--week", "2026-W49", cwd=tmp_path)
    assert future.returncode == 2 and "starts after --as-of" in future.stderr
    assert run_cli("weekly", str(folder), "--week", "2026-W54", cwd=tmp_path).returncode == 2


def test_an_unreadable_register_is_reported_and_exits_2_while_the_others_are_counted(tmp_path):
    folder = _site(tmp_path)
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("weekly", str(folder), "--as-of", "2026-11-23 08:30", "--week", "2026-W47", "--lang", "en",
                     cwd=tmp_path)
    assert result.returncode == 2
    assert "not read, not counted:" in result.stdout and "坏文件.xlsx" in result.stdout
    assert "Unfinished orders (2)" in result.stdout


def test_the_json_names_each_file_left_out(tmp_path):
    folder = _site(tmp_path)
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("weekly", str(folder), "--as-of", "2026-11-23 08:30", "--week", "2026-W47", "--format", "json",
                     "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["unusable_files"] == [{"path": str(folder / "坏文件.xlsx"), "error": (
        "damaged or incomplete file (not a valid .xlsx package); re-save it from Excel")}]
    assert len(data["sections"]["unfinished"]) == 2  # the others are still counted


def test_weekly_has_help_text(tmp_path):
    result = run_cli("weekly", "--help")
    assert result.returncode == 0
    for option in ("--as-of", "--week", "--out", "--format", "--email", "--send"):
        assert option in result.stdout


def test_a_run_as_of_an_earlier_moment_says_it_kept_the_stored_week(tmp_path):
    folder = _site(tmp_path)
    args = ("weekly", str(folder), "--week", "2026-W47", "--out", str(tmp_path / "out" / "weekly.xlsx"))  # recorded
    assert run_cli(*args, "--as-of", "2026-11-23 08:30", cwd=tmp_path).returncode == 0
    back = run_cli(*args, "--as-of", "2026-11-21 12:00", "--lang", "en", cwd=tmp_path)
    assert back.returncode == 0, back.stderr
    assert "history of 2026-W47 not replaced: it holds the counts as of 2026-11-23 08:30" in back.stdout
    zh = run_cli(*args, "--as-of", "2026-11-21 12:00", "--lang", "zh", cwd=tmp_path)
    assert "未更新 2026-W47 的历史记录：已存有截至 2026-11-23 08:30 的统计" in zh.stdout
    data = json.loads(run_cli(*args, "--as-of", "2026-11-21 12:00", "--format", "json", cwd=tmp_path).stdout)
    assert data["history_saved"] is False


def test_the_weekly_workbook_is_never_written_over_a_register(tmp_path):
    path = orders_file(tmp_path, [order("WX2611001", datetime(2026, 11, 18, 9, 0))])
    before = path.read_bytes()
    result = run_cli("weekly", str(path), "--as-of", "2026-11-23 08:30", "--out", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "is one of the files being checked" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
