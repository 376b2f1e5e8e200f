"""The CLI end to end, in a subprocess, as a supervisor runs it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from helpers import AS_OF_ARGS, ROOT, WORK_ORDER_HEADER, good_order, run_cli



def test_clean_register_exits_0_and_prints_only_the_summary(register):
    path = register([good_order()])
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 file, 1 register, 1 record: 0 errors, 0 warnings"


def test_errors_exit_1_and_each_finding_names_row_cell_and_rule(register):
    path = register([good_order(), good_order(单号="WX2611002", 客户签字=None)])
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--lang", "en")
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "missing-signature" in l)
    assert "row 4" in line and "M4" in line and "客户签字" in line
    assert "customer's signature" in line


def test_rules_not_run_are_said_once_and_on_how_many_registers_when_others_ran_them(register, tmp_path):
    without_finance = [h for h in WORK_ORDER_HEADER if h != "财务签收"]
    full = register([good_order()])
    lacking = register([good_order(单号="WX2611002")], without_finance)
    result = run_cli("validate", str(full), str(lacking), *AS_OF_ARGS, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "rules not run for lack of columns: finance-unreceipted (finance receipt; on 1 of 2 registers)" in result.stdout
    result = run_cli("validate", str(lacking), *AS_OF_ARGS, "--lang", "zh")
    assert "因缺少列未运行的规则: finance-unreceipted (财务签收)" in result.stdout


def test_json_report_has_the_documented_shape(register):
    path = register([good_order(单号="WX2611001"), good_order(单号="WX2611002", 维修人员签字=None)], footer=True)
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--format", "json", "--lang", "en")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-25T09:00"
    assert set(data) == {"as_of", "files", "skipped_files", "findings", "summary"}
    file = data["files"][0]
    assert file["path"] == str(path) and file["error"] is None
    sheet = file["sheets"][0]
    assert sheet["name"] == "2026年11月" and sheet["kind"] == "work_orders"
    assert sheet["header_row"] == 2 and sheet["records"] == 2
    assert {"row": 5, "reason": "total"} in sheet["skipped_rows"]
    assert {"row": 6, "reason": "footer"} in sheet["skipped_rows"]
    finding = data["findings"][0]
    assert list(finding) == ["path", "sheet", "row", "cell", "column", "field", "record", "rule", "severity", "message",
                             "person", "role"]
    assert finding == {
        "path": str(path), "sheet": "2026年11月", "row": 4, "cell": "K4", "column": "维修人员签字",
        "field": "repairer_signature", "record": "WX2611002", "rule": "missing-signature", "severity": "error",
        "message": "returned without the repairer's signature (must be refused)",
        # who must fix it: the return signer named on the row, and the repairer, whom the row does not name
        "person": ["王丽", None], "role": ["return_signer", "repairer"],
    }
    assert data["summary"]["records"] == 2 and data["summary"]["errors"] == 1
    assert data["summary"]["by_rule"] == {"missing-signature": 1}


def test_csv_output_is_utf8_with_bom_one_finding_a_line(register, tmp_path):
    path = register([good_order(客户签字=None)])
    out = tmp_path / "findings.csv"
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--format", "csv", "--output", str(out), "--lang", "zh")
    assert result.returncode == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["文件", "工作表", "行", "单元格"]
    assert len(rows) == 2 and rows[1][3] == "M3" and rows[1][7] == "missing-signature"
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_a_missing_file_exits_2_and_the_other_files_are_still_checked(register, tmp_path):
    good = register([good_order(客户签字=None)])
    result = run_cli("validate", str(tmp_path / "nope.xlsx"), str(good), *AS_OF_ARGS, "--format", "json", "--lang", "en")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["files"][0]["error"] == "no such file"
    assert data["summary"]["errors"] == 1 and data["findings"][0]["cell"] == "M3"
    assert "Traceback" not in result.stderr


def test_bad_as_of_is_a_usage_error_with_one_line_and_exit_2(register):
    result = run_cli("validate", str(register([good_order()])), "--as-of", "next tuesday")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("toolkit: --as-of must look like")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_config_setting_is_reported_with_the_file_name(register, tmp_path):
    cfg = tmp_path / "toolkit.toml"
    cfg.write_text("[validate]\ndelay_hour = 12\n", encoding="utf-8")
    result = run_cli("validate", str(register([good_order()])), "--config", str(cfg))
    assert result.returncode == 2
    assert str(cfg) in result.stderr and "validate.delay_hour" in result.stderr


@pytest.mark.parametrize("setting, said", [
    ("[validate]\nmin_content_chars = 2.5\n", "validate.min_content_chars must be a whole number"),
    ("[validate]\ndelay_hours = 1e400\n", "validate.delay_hours must be a number ≥ 0"),
    ("[complaints]\nmajor_people = 0\n", "complaints.major_people must be at least 1"),
])
def test_a_threshold_that_cannot_be_meant_is_a_config_error_naming_the_file(register, tmp_path, setting, said):
    cfg = tmp_path / "toolkit.toml"
    cfg.write_text(setting, encoding="utf-8")
    result = run_cli("validate", str(register([good_order()])), "--config", str(cfg))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and str(cfg) in result.stderr and said in result.stderr


def test_the_report_is_never_written_over_a_register_being_checked(register, tmp_path, monkeypatch):
    path = register([good_order()])
    folder = path.parent
    link = tmp_path / "link.xlsx"
    link.symlink_to(path)
    before = path.read_bytes()
    for target, checked in [(path, path), (folder / "." / path.name, path), (link, path), (path, folder)]:
        result = run_cli("validate", str(checked), *AS_OF_ARGS, "-o", str(target), "--lang", "en")
        assert result.returncode == 2, (target, result.stdout, result.stderr)
        assert result.stderr.strip() == (f"toolkit: {target}: is one of the files being checked; an output never "
                                         "replaces it (choose another output file)")
        assert path.read_bytes() == before and link.is_symlink()
    result = run_cli("validate", str(path), *AS_OF_ARGS, "-o", str(tmp_path / "report.txt"))
    assert result.returncode == 0 and path.read_bytes() == before


def test_a_folder_with_no_workbook_is_said_not_passed_over(register, tmp_path):
    empty = tmp_path / "登记表 空"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "说明.txt").write_text("not a workbook", encoding="utf-8")
    result = run_cli("validate", str(empty), str(register([good_order()])), *AS_OF_ARGS, "--lang", "en")
    assert result.returncode == 2
    assert f"{empty}\n  no workbook (.xlsx, .xlsm, .xlsb, .xls, .ods, .et) in this folder" in result.stdout
    assert "1 register, 1 record" in result.stdout  # the other file is still checked


def test_config_in_the_current_folder_is_used(register, tmp_path):
    path = register([good_order(工程部接单时间=good_order()["派单时间"].replace(minute=9))])
    (tmp_path / "toolkit.toml").write_text('[rules."slow-handoff"]\nseverity = "error"\n', encoding="utf-8")
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--format", "json", cwd=tmp_path)
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "slow-handoff" and finding["severity"] == "error"
    assert result.returncode == 1


def test_init_writes_a_config_that_loads_and_refuses_to_overwrite(tmp_path):
    result = run_cli("init", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "toolkit.toml").read_text(encoding="utf-8")
    assert "delay_hours = 24" in text and "handoff_minutes = 5" in text and "number_gap_max = 20" in text
    again = run_cli("init", "--lang", "en", cwd=tmp_path)
    assert again.returncode == 2 and "--force" in again.stderr
    from toolkit.config import load_config
    config = load_config(tmp_path / "toolkit.toml")
    assert config.settings.delay_hours == 24


def test_rules_lists_every_rule_in_both_languages():
    from toolkit.rules.catalog import all_rules
    zh = run_cli("rules", "--lang", "zh")
    en = run_cli("rules", "--lang", "en")
    assert zh.returncode == en.returncode == 0
    for rule in all_rules():
        assert rule.id in zh.stdout and rule.checks[0] in zh.stdout
        assert rule.checks[1] in en.stdout


def test_readme_rule_table_is_generated_from_the_catalog():
    """The rule tables live in docs/reference.md, the README's reference."""
    from toolkit.outputs.rules_doc import render
    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for lang in ("en", "zh"):
        table = render(lang, "markdown").strip()
        assert table in readme, f"docs/reference.md rule table ({lang}) is out of date: run `make docs`"


def test_every_command_has_help_and_a_readme_section():
    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")  # the README's reference
    from toolkit.cli import app
    import typer.main
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help, f"{name} has no help text"
        assert f"toolkit {name}" in readme, f"docs/reference.md does not document `toolkit {name}`"
        result = run_cli(name, "--help")
        assert result.returncode == 0 and "Usage" in result.stdout


def test_python_dash_m_and_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("toolkit ")


def test_sample_registers_show_their_planted_defects():
    """`make demo` runs this: the samples in workbooks/ must show what the README says they hold."""
    result = run_cli("validate", str(ROOT / "workbooks"), *AS_OF_ARGS, "--format", "json", "--lang", "en")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    found = {(f["record"], f["rule"]) for f in data["findings"]}
    for expected in [
        ("WX2611004", "missing-signature"), ("WX2611005", "slow-handoff"), ("WX2611006", "proxy-signature"),
        ("WX2611007", "missing-fee"), ("WX2611008", "missing-reason"), ("WX2611011", "number-gap"),
        ("WX2611011", "content-too-brief"), ("WX2611011", "bad-phone"), ("WX2611013", "not-completed"),
        ("WX2610012", "finance-unreceipted"), ("No.008704", "proxy-signature"), ("No.008706", "time-order"),
        ("No.008707", "bad-value"), ("No.008708", "missing-reason"),
    ]:
        assert expected in found, expected
    kinds = {s["name"]: s["skipped"] for f in data["files"] for s in f["sheets"] if s["kind"] is None}
    assert kinds == {"填表说明": "no_header", "统计": "no_header", "Sheet2": "empty_sheet"}


def test_the_complaint_sample_shows_its_planted_defects():
    """The complaint register in workbooks/ is checked by `make demo` beside the work orders."""
    result = run_cli("validate", str(ROOT / "workbooks"), *AS_OF_ARGS, "--format", "json", "--lang", "en")
    data = json.loads(result.stdout)
    sample = next(f for f in data["files"] if f["path"].endswith("阳光花园-客户投诉登记表-2026.xlsx"))
    assert [(s["name"], s["kind"], s["records"]) for s in sample["sheets"]] == [
        ("2026年10月", "complaints", 4), ("2026年11月", "complaints", 13)]
    found = {(f["record"], f["rule"]) for f in data["findings"] if f["path"] == sample["path"]}
    assert found == {
        ("TS2610004", "major-complaint"), ("TS2611002", "reply-late"), ("TS2611003", "closed-unsatisfied"),
        ("TS2611004", "missing-visit"), ("TS2611005", "major-complaint"), ("TS2611006", "major-complaint"),
        ("TS2611007", "reply-overdue"), ("TS2611008", "missing-reply-deadline"), ("TS2611009", "missing-field"),
        ("TS2611009", "bad-category"), ("TS2611010", "bad-phone"), ("TS2611011", "time-order"),
        ("TS2611011", "duplicate-number"), ("TS2611013", "bad-value"),
    }
    kinds = {s["kind"] for f in data["files"] for s in f["sheets"] if s["kind"]}
    assert kinds == {"work_orders", "complaints"}


def test_readme_troubleshooting_lists_every_input_error_message():
    from toolkit.i18n import _TEXT
    readme = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")  # the README links its Troubleshooting
    table = readme[readme.index("## Troubleshooting"):]
    for key, (_, en) in _TEXT.items():
        if key.startswith("err.") and key != "err.no_register":
            stable = re.split(r"[{;(]", en)[0].rstrip(" :")  # the words before any detail
            assert stable in table, f"{key}: '{stable}' is not in docs/reference.md's Troubleshooting table"


def test_readme_demo_output_is_what_make_demo_prints():
    import importlib.util
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "docs" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "```text\n" + module.demo_output() + "```" in readme, "README demo output is stale: run `make docs`"
