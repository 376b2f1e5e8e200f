"""Every kind of bad input a shared drive holds: a one-line message naming the file, exit 2,
no traceback, the other files still checked, and every input byte-identical afterwards."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import CORPUS, good_order, run_cli, write_register  # noqa: E402

CORPUS_ENGINE = CORPUS / "engine"


def _digest_tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _zip_with(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _claim_size(path: Path, member: str, claimed: int) -> None:
    """Patch a member's uncompressed size in the zip directory (what a zip bomb declares)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    # central directory entry: signature PK\x01\x02, uncompressed size at offset 24
    i = data.find(b"PK\x01\x02")
    while i != -1:
        n = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + n] == name:
            data[i + 24:i + 28] = claimed.to_bytes(4, "little")
        i = data.find(b"PK\x01\x02", i + 4)
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def shelf(tmp_path_factory):
    """A folder the way a shared drive looks: one good register among broken and odd files."""
    d = tmp_path_factory.mktemp("shared-drive")
    write_register(d / "good.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)])
    (d / "empty.xlsx").write_bytes(b"")
    (d / "random.xlsx").write_bytes(bytes(range(256)) * 40)
    whole = (d / "good.xlsx").read_bytes()
    (d / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    (d / "renamed-csv.xlsx").write_text("单号,报修时间\nWX2611001,2026-11-03 14:05\n", encoding="utf-8")
    _zip_with(d / "photos.xlsx", {"IMG_0001.jpg": b"\xff\xd8\xff" + b"0" * 100})
    wb = openpyxl.Workbook()
    wb.active.append(["本月工作总结"])
    wb.active.append(["今天天气很好"])
    wb.save(d / "notes.xlsx")
    # a zip bomb: the sheet declares 4 GB
    bomb = d / "bomb.xlsx"
    shutil.copy(d / "good.xlsx", bomb)
    _claim_size(bomb, "xl/worksheets/sheet1.xml", 4_000_000_000)
    # billion laughs in the sheet XML
    laughs = d / "laughs.xlsx"
    with zipfile.ZipFile(d / "good.xlsx") as src, zipfile.ZipFile(laughs, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                entities = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
                    f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>"
                data = data.replace(b"?>", b"?>" + entities.replace("&lol;", "&lol;").encode(), 1)
                data = data.replace(b"<v>", b"<v>&lol9;", 1) if b"<v>" in data else data
            dst.writestr(info, data)
    # a sheet claiming a million formatted rows
    tall = d / "tall.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(["单号", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿"])
    ws.append(["WX2611001", "2026/11/03 14:05", "3栋1201", "厨房水龙头漏水", "刘伟", "13812345678", "无偿"])
    ws.cell(1048576, 1).number_format = "@"
    ws.row_dimensions[1048576].height = 15
    wb.save(tall)
    # the same register under another name, and Excel's owner file for an open workbook
    shutil.copy(d / "good.xlsx", d / "zz-good-copy.xlsx")
    (d / "~$good.xlsx").write_bytes(b"\x05Wangl" + b" " * 48 + b"\x05\x00" + "王丽".encode("utf-16-le") + b"\x00" * 100)
    (d / "missing-link.xlsx").symlink_to(d / "nowhere.xlsx")
    return d


@pytest.fixture(scope="module")
def run(shelf):
    before = _digest_tree(shelf)
    started = time.monotonic()
    result = run_cli("validate", str(shelf), "--as-of", "2026-11-25 09:00", "--format", "json", "--lang", "en")
    elapsed = time.monotonic() - started
    after = _digest_tree(shelf)
    data = json.loads(result.stdout)
    return result, data, {Path(f["path"]).name: f for f in data["files"]}, before, after, elapsed


def test_the_run_exits_2_with_no_traceback_and_checks_the_good_register(run):
    result, data, files, *_ = run
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert files["good.xlsx"]["error"] is None
    good = [f["cell"] for f in data["findings"] if f["path"].endswith("/good.xlsx")]
    assert good == ["M4"]  # the one real defect, found despite the rest


@pytest.mark.parametrize("name, message", [
    ("empty.xlsx", "empty file (0 bytes)"),
    ("random.xlsx", "not an Excel workbook (unknown file format)"),
    ("truncated.xlsx", "damaged or incomplete file"),
    ("renamed-csv.xlsx", "a text (CSV) file, not an Excel workbook; if it is a table, open it in Excel and save as .xlsx"),
    ("photos.xlsx", "a zip archive, not a workbook"),
    ("notes.xlsx", "no register found"),
    ("bomb.xlsx", "refused: the package would unpack to 4000 MB"),
    ("zz-good-copy.xlsx", "same content as"),
    ("missing-link.xlsx", "no such file"),
])
def test_each_bad_file_gets_one_clear_line(run, name, message):
    _, _, files, *_ = run
    error = files[name]["error"]
    assert error is not None and message in error, error
    assert "\n" not in error


def test_hostile_xml_and_tall_sheets_are_read_in_bounded_time(run):
    _, _, files, _, _, elapsed = run
    assert files["laughs.xlsx"]["error"] is None or "unreadable" in files["laughs.xlsx"]["error"]
    tall = files["tall.xlsx"]
    assert tall["error"] is None and tall["sheets"][0]["records"] == 1
    assert elapsed < 60


def test_inputs_are_byte_identical_afterwards(run):
    *_, before, after, _ = run
    assert before == after


def test_owner_files_are_skipped_and_an_open_workbook_is_reported(run):
    _, _, files, *_ = run
    assert "~$good.xlsx" not in files
    assert any(n.startswith("open_in_excel:") for n in files["good.xlsx"]["notes"])


def test_text_output_names_each_unusable_file_on_its_own_line(shelf):
    result = run_cli("validate", str(shelf / "empty.xlsx"), str(shelf / "good.xlsx"), "--as-of", "2026-11-25 09:00",
                     "--lang", "en")
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    i = lines.index(str(shelf / "empty.xlsx"))
    assert lines[i + 1].strip() == "empty file (0 bytes)"
    assert "1 file could not be used" in lines[-1]


def test_a_path_that_does_not_exist_is_reported_and_the_rest_checked(shelf, tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.xlsx"), str(shelf / "good.xlsx"), "--format", "json",
                     "--as-of", "2026-11-25 09:00", "--lang", "zh")
    data = json.loads(result.stdout)
    assert result.returncode == 2
    assert data["files"][0]["error"] == "文件不存在"
    assert data["summary"]["errors"] == 1


@pytest.mark.requires_corpus
def test_an_encrypted_workbook_says_how_to_remove_the_password():
    result = run_cli("validate", str(CORPUS_ENGINE / "pass_protected.xlsx"), "--format", "json", "--lang", "en")
    error = json.loads(result.stdout)["files"][0]["error"]
    assert result.returncode == 2 and error.startswith("encrypted") and "Encrypt with Password" in error


@pytest.mark.requires_corpus
def test_a_legacy_xls_is_read(tmp_path):
    result = run_cli("validate", str(CORPUS_ENGINE / "date.xls"), "--format", "json", "--lang", "en")
    file = json.loads(result.stdout)["files"][0]
    assert file["error"] == "no register found (1 sheet without a register header)"
    assert file["sheets"], "the sheets were read"


def test_hidden_rows_and_sheets_are_checked_and_said_so(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)])
    wb = openpyxl.load_workbook(path)
    wb.active.row_dimensions[4].hidden = True
    write_register(tmp_path / "unused.xlsx", [good_order(单号="WX2611003", 维修人员签字=None)], sheet="2026年10月",
                   workbook=wb)
    wb["2026年10月"].sheet_state = "hidden"
    wb.save(path)
    result = run_cli("validate", str(path), "--as-of", "2026-11-25 09:00", "--lang", "en")
    assert result.returncode == 1
    assert "(hidden rows 4, checked)" in result.stdout
    assert "(hidden sheet, checked)" in result.stdout
    assert "M4" in result.stdout and "K3" in result.stdout


def test_a_formula_never_calculated_is_a_warning_not_an_empty_cell(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(**{"费用(元)": "=60*2"})])
    result = run_cli("validate", str(path), "--as-of", "2026-11-25 09:00", "--format", "json", "--lang", "en")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["cell"], f["rule"], f["severity"]) for f in findings] == [("N3", "uncalculated-formula", "warning")]
    assert result.returncode == 0


def test_a_date_merged_down_a_days_orders_counts_for_each_row(tmp_path):
    day = good_order()["报修时间"]
    path = write_register(tmp_path / "r.xlsx", [good_order(), good_order(单号="WX2611002", 报修时间=None)])
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("B3:B4")
    wb.save(path)
    result = run_cli("validate", str(path), "--as-of", "2026-11-25 09:00", "--format", "json", "--lang", "en")
    assert json.loads(result.stdout)["findings"] == [], "the merged receipt time belongs to both orders"
    assert day is not None


def test_formulas_from_cells_are_neutralised_in_the_csv_report(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(客户签字=None), good_order(单号="@SUM(1)", 维修人员签字=None)])
    wb = openpyxl.load_workbook(path)
    cell = wb.active["A3"]
    cell.value = '=HYPERLINK("http://x","1")'
    cell.data_type = "s"  # text that looks like a formula, as a clerk pasted it
    wb.save(path)
    out = tmp_path / "report.csv"
    result = run_cli("validate", str(path), "--format", "csv", "-o", str(out), "--as-of", "2026-11-25 09:00")
    assert result.returncode == 1
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    assert ",=HYPERLINK" not in text and ",@SUM" not in text
