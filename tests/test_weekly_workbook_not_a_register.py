"""The weekly workbook (`toolkit weekly --out`) saved among the registers is never read as one:
skipped inside a folder, refused when named, by the hidden name it carries."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

from helpers import run_cli, weekly_complaint, complaints_file, order, orders_file

from toolkit.ooxml.marks import WEEKLY_DEFINED_NAME, toolkit_marks

AS_OF = "2026-11-23 08:30"


def _site(folder):
    folder.mkdir()
    orders_file(folder, [order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件"),
                         order("WX2611002", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0))])
    complaints_file(folder, [weekly_complaint("TS2611001", datetime(2026, 11, 17, 9, 0), promised=datetime(2026, 11, 20, 17, 0))])
    return folder


def _weekly_json(folder, cwd):
    result = run_cli("weekly", str(folder), "--as-of", AS_OF, "--week", "last", "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    return data["sections"], data["stats"]["this_week"]["findings"]


def test_the_weekly_workbook_carries_a_hidden_mark(tmp_path):
    site = _site(tmp_path / "site")
    out = tmp_path / "weekly.xlsx"
    assert run_cli("weekly", str(site), "--as-of", AS_OF, "--week", "last", "--out", str(out), cwd=tmp_path).returncode == 0
    import openpyxl
    names = openpyxl.load_workbook(out).defined_names
    assert WEEKLY_DEFINED_NAME in names and names[WEEKLY_DEFINED_NAME].hidden
    assert toolkit_marks(out).weekly
    assert not toolkit_marks(site / "维修登记.xlsx").weekly


def test_weekly_workbooks_saved_in_the_register_folder_are_skipped_by_every_command(tmp_path):
    site = _site(tmp_path / "site")
    before = _weekly_json(site, tmp_path)
    for lang, name in (("zh", "周报-W47.xlsx"), ("en", "weekly-W47.xlsx")):
        result = run_cli("weekly", str(site), "--as-of", AS_OF, "--week", "last", "--out", str(site / name),
                         "--lang", lang, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
    shutil.copy(site / "周报-W47.xlsx", site / "sub-copy.xlsx")  # renamed by a clerk: still the weekly workbook

    assert _weekly_json(site, tmp_path) == before, "the weekly lists must not count the weekly workbook's rows"

    validate = run_cli("validate", str(site), "--as-of", AS_OF, "--format", "json", cwd=tmp_path)
    data = json.loads(validate.stdout)
    assert sorted(f["path"].split("/")[-1] for f in data["files"]) == ["投诉登记.xlsx", "维修登记.xlsx"]
    assert sorted((s["path"].split("/")[-1], s["reason"]) for s in data["skipped_files"]) == [
        ("sub-copy.xlsx", "weekly_workbook"), ("weekly-W47.xlsx", "weekly_workbook"), ("周报-W47.xlsx", "weekly_workbook")]
    assert data["summary"]["unusable_files"] == 0
    verbose = run_cli("validate", str(site), "--as-of", AS_OF, "--verbose", "--lang", "en", cwd=tmp_path)
    assert "weekly workbook written by toolkit weekly" in verbose.stdout

    remind = json.loads(run_cli("remind", str(site), "--as-of", AS_OF, "--format", "json", cwd=tmp_path).stdout)
    assert remind["file_errors"] == []
    # no config: nobody has an address, so the items are listed under unknown people
    assert remind["unknown_people"] == {"工程部": ["TS2611001"]}


def test_a_weekly_workbook_named_on_the_command_line_is_refused_in_one_line_with_exit_2(tmp_path):
    site = _site(tmp_path / "site")
    out = tmp_path / "weekly.xlsx"
    assert run_cli("weekly", str(site), "--as-of", AS_OF, "--week", "last", "--out", str(out), cwd=tmp_path).returncode == 0
    for lang, words in (("en", "a weekly workbook written by toolkit weekly, not a register"),
                        ("zh", "是 toolkit weekly 生成的周报工作簿，不是登记表")):
        result = run_cli("validate", str(out), str(site), "--as-of", AS_OF, "--lang", lang, cwd=tmp_path)
        assert result.returncode == 2, result.stdout
        assert words in result.stdout
    data = json.loads(run_cli("validate", str(out), "--as-of", AS_OF, "--format", "json", cwd=tmp_path).stdout)
    assert data["files"][0]["error"].startswith("a weekly workbook written by toolkit weekly") and data["files"][0]["sheets"] == []
    remind = run_cli("remind", str(out), "--as-of", AS_OF, "--lang", "en", cwd=tmp_path)
    assert remind.returncode == 2 and "not a register" in remind.stdout
