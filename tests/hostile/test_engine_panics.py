"""#17, 4: extreme numbers in a date column (-1e15, -inf, -1e308 stored as the cell's value) make
the engine panic as it converts the cell; the panic is a BaseException, which went past every
``except Exception`` to a traceback, an empty report and exit 1 ("errors found"), the worst
answer for a cron job. Now the sheet gets one line naming the row, and an internal error of
any kind exits 4, its own code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hostile.damage import (  # noqa: E402
    assert_clean_stderr, check_alone, check_folder_run, findings_of, good_registers, register_bytes,
    rewrite_sheet, run_json,
)

EXTREMES = {"minus-1e15.xlsx": b"-1e15", "minus-inf.xlsx": b"-inf", "minus-1e308.xlsx": b"-1E+308"}
PANIC = ("a value in row 4 made the reading engine fail",)


def _date_cell_holding(value: bytes):
    """B4 (a received time, styled as a date) holding ``value`` as its stored number."""
    def change(xml: bytes) -> bytes:
        xml, n = re.subn(rb'(<c r="B4"[^>]*>)<v>[^<]*</v>', rb"\g<1><v>" + value + rb"</v>", xml)
        assert n == 1
        return xml
    return change


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("extremes")
    good_registers(folder)
    scratch = tmp_path_factory.mktemp("scratch")
    data = register_bytes(scratch)
    for name, value in {**EXTREMES, "plus-1e308.xlsx": b"1e308"}.items():
        (folder / name).write_bytes(rewrite_sheet(data, scratch, _date_cell_holding(value)))
    return folder


@pytest.mark.parametrize("jobs", [2, 1])
def test_extreme_dates_in_a_folder_are_one_line_each(shelf, jobs):
    report = check_folder_run(shelf, dict.fromkeys(EXTREMES, PANIC), jobs, good={"plus-1e308.xlsx": ["B4"]})
    message = next(f["message"] for f in report["findings"] if f["path"].endswith("plus-1e308.xlsx"))
    assert '"1e+308" is not a date or time' in message, message  # not a 309-digit number


@pytest.mark.parametrize("name", sorted(EXTREMES))
def test_an_extreme_date_named_alone_is_one_line(shelf, name):
    check_alone(shelf / name, *PANIC)


def test_the_rest_of_the_workbook_is_still_read(shelf, tmp_path):
    """Only the sheet that panics is lost: a second, sound sheet of the same file is checked."""
    import openpyxl
    from helpers import good_order, write_register

    path = tmp_path / "two-sheets.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    write_register(path, [good_order(单号="WX2610001", 客户签字=None)], sheet="2026年10月", workbook=wb)
    write_register(path, [good_order(), good_order(单号="WX2611002")], workbook=wb)  # sheet2: to be broken
    path.write_bytes(rewrite_sheet(path.read_bytes(), tmp_path, _date_cell_holding(b"-1e15"),
                                   member="xl/worksheets/sheet2.xml"))
    result, report = run_json(str(path))
    assert result.returncode == 2
    (entry,) = report["files"]
    assert [s["error"] is not None for s in entry["sheets"]] == [False, True]
    assert findings_of(report, "two-sheets.xlsx") == ["M3"]


def test_an_internal_error_that_is_not_an_exception_exits_4_with_one_line(tmp_path):
    """The last-resort handler: a BaseException from anywhere (the engine's panic is one) is one
    line on stderr and exit 4 (an internal error), never a traceback and exit 1."""
    program = (
        "import sys, toolkit.validate as v\n"
        "class PanicException(BaseException): pass\n"
        "def boom(*a, **k): raise PanicException('index out of bounds')\n"
        "v.validate = boom\n"
        "sys.argv = ['toolkit', 'validate', 'x.xlsx', '--lang', 'en']\n"
        "from toolkit.cli import main\n"
        "main()\n")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=tmp_path,
                            timeout=120)
    assert result.returncode == 4, result.stderr  # its own code: neither "errors found" nor "a file could not be used"
    from toolkit import __version__

    assert result.stderr.strip() == (
        "toolkit: internal error (a bug in toolkit, not in your files or settings): PanicException: index out of "
        f"bounds. Please report this line, the command you ran and toolkit {__version__} to whoever maintains "
        "toolkit; run again with TOOLKIT_DEBUG=1 for details")
    assert_clean_stderr(result.stdout)
