"""WPS Office's .et spreadsheets, and registers whose name lies about their content: found in
folders and read by what they hold (an old-format OLE/BIFF workbook or a zip package), run
through the real CLI."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest
import xlwt  # the test extra: writes real old-format workbooks

from helpers import AS_OF_ARGS, WORK_ORDER_HEADER, good_order, run_cli, write_register



def _xls(path, rows: list[dict], header=WORK_ORDER_HEADER):
    """A real old-format (BIFF8 in an OLE container) register, written by xlwt."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("2026年11月")
    sheet.write(0, 0, "××物业服务中心维修工作单登记表（2026年11月）")
    for c, name in enumerate(header):
        sheet.write(1, c, name)
    for r, row in enumerate(rows, start=2):
        for c, name in enumerate(header):
            value = row.get(name)
            if isinstance(value, datetime):
                value = value.strftime("%Y/%m/%d %H:%M")
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def _validate(*paths):
    result = run_cli("validate", *map(str, paths), *AS_OF_ARGS, "--format", "json", "--lang", "en")
    assert "Traceback" not in result.stderr
    return result, json.loads(result.stdout)


def test_a_folder_of_wps_et_files_is_read_whichever_kind_each_one_is(tmp_path):
    folder = tmp_path / "客服中心 登记表"
    folder.mkdir()
    # a zip (.xlsx-like) .et, as WPS saves when asked for compatibility
    write_register(tmp_path / "made.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)])
    shutil.move(tmp_path / "made.xlsx", folder / "阳光花园-维修登记.et")
    # an OLE/BIFF (.xls-like) .et
    _xls(folder / "翠湖苑-维修登记.et", [good_order(单号="WX2611101"), good_order(单号="WX2611102", 维修人员签字=None)])
    assert (folder / "阳光花园-维修登记.et").read_bytes()[:2] == b"PK"
    assert (folder / "翠湖苑-维修登记.et").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"

    result, data = _validate(folder)
    assert result.returncode == 1, result.stderr
    files = {f["path"].split("/")[-1]: f for f in data["files"]}
    assert set(files) == {"阳光花园-维修登记.et", "翠湖苑-维修登记.et"}
    assert all(f["error"] is None for f in files.values())
    found = {(f["path"].split("/")[-1], f["record"], f["rule"], f["cell"]) for f in data["findings"]}
    assert ("阳光花园-维修登记.et", "WX2611002", "missing-signature", "M4") in found
    assert ("翠湖苑-维修登记.et", "WX2611102", "missing-signature", "K4") in found
    assert data["summary"]["records"] == 4


def test_a_register_whose_extension_lies_is_read_by_its_content(tmp_path):
    zipped = write_register(tmp_path / "really-xlsx.xls", [good_order(客户签字=None)])
    ole = _xls(tmp_path / "really-xls.xlsx", [good_order(单号="WX2611201", 客户签字=None)])
    result, data = _validate(zipped, ole)
    assert result.returncode == 1, result.stdout
    assert [f["error"] for f in data["files"]] == [None, None]
    assert sorted(f["record"] for f in data["findings"] if f["rule"] == "missing-signature") == ["WX2611001", "WX2611201"]


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf\xe5\x8d\x95\xe5\x8f\xb7,\xe5\x9c\xb0\xe7\x82\xb9\n", bytes(range(256)) * 8,
                                     b"<html><body><table></table></body></html>"],
                         ids=["text", "random", "html"])
def test_an_et_that_is_neither_kind_is_one_line_naming_the_file(tmp_path, register, content):
    bad = tmp_path / "维修登记 11月.et"
    bad.write_bytes(content)
    good = register([good_order()])
    result = run_cli("validate", str(bad), str(good), *AS_OF_ARGS, "--lang", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    at = lines.index(str(bad))
    assert lines[at + 1] == ("a WPS .et file holding neither an old-format (.xls) nor a new-format (.xlsx) workbook; "
                             "open it in WPS Spreadsheets and save as .xlsx")
    assert "1 register, 1 record" in result.stdout  # the other file is still checked


def test_an_et_with_a_broken_old_format_inside_says_so_in_one_line(tmp_path):
    bad = tmp_path / "坏.et"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result, data = _validate(bad)
    assert result.returncode == 2
    error = data["files"][0]["error"]
    assert error.startswith("unreadable WPS .et file: ") and error.endswith("save as .xlsx") and "\n" not in error
