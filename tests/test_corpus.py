"""Every real spreadsheet in ../shared/corpus: a clear status per file, no traceback, bounded time
and memory, inputs untouched. The corpus is never copied into the repository."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys

import pytest

from helpers import CORPUS

SPREADSHEETS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# What a person reads for each file; every status must be one of these.
STATUS = re.compile(
    r"^(no register found \(.+\)"
    r"|encrypted \(password-protected\): open it in Excel, File → Info → Protect Workbook → Encrypt with Password, "
    r"clear the password, and save a copy to check"
    r"|damaged old-format file .+|damaged package .+|damaged or incomplete file .+"
    r"|refused: the file asks for [\d,]+ cells .+|refused: the package would unpack to .+"
    r"|a text \(CSV\) file, not an Excel workbook.+"
    r"|same content as .+; checked once)$")
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"wall": time.perf_counter() - t, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "code": p.returncode, "out": p.stdout, "err": p.stderr}))
"""


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("folder", ["engine", "excel"])
@pytest.mark.requires_corpus
def test_every_corpus_file_gets_a_clear_status_in_bounded_time_and_memory(folder):
    path = CORPUS / folder
    before = _digests(path)
    run = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "toolkit", "validate", str(path),
                          "--format", "json", "--lang", "en"], capture_output=True, text=True, timeout=600)
    result = json.loads(run.stdout)
    assert result["code"] == 2, "no file there holds a register"
    assert "Traceback" not in result["err"] and result["err"].strip() == ""
    data = json.loads(result["out"])
    files = {f["path"].split("/")[-1]: f for f in data["files"]}
    expected = {n for n in before if n.lower().endswith(SPREADSHEETS)}
    assert set(files) == expected, "every spreadsheet is accounted for"
    for name, file in files.items():
        assert file["error"] is not None and STATUS.match(file["error"]), (name, file["error"])
    assert _digests(path) == before, "inputs are byte-identical afterwards"
    assert result["wall"] < 60, f"{folder}: {result['wall']:.1f} s"
    assert result["rss_mb"] < 1024, f"{folder}: {result['rss_mb']:.0f} MB"
    print(f"\ncorpus/{folder}: {len(files)} files in {result['wall']:.1f} s, peak {result['rss_mb']:.0f} MB")


@pytest.mark.requires_corpus
def test_the_corpus_statuses_a_person_needs_are_all_there():
    path = CORPUS / "engine"
    names = ["pass_protected.xlsx", "issue_594_dos.ods", "OOM_alloc3.xls", "issue252.xlsx", "any_sheets.xlsx", "date.xls"]
    run = subprocess.run([sys.executable, "-m", "toolkit", "validate", *[str(path / n) for n in names],
                          "--format", "json", "--lang", "en"], capture_output=True, text=True, timeout=300)
    files = {f["path"].split("/")[-1]: f["error"] for f in json.loads(run.stdout)["files"]}
    assert files["pass_protected.xlsx"].startswith("encrypted (password-protected)")
    assert files["issue_594_dos.ods"].startswith("refused: the file asks for 17,179,869,184 cells")
    assert files["OOM_alloc3.xls"].startswith("damaged old-format file")
    assert files["issue252.xlsx"].startswith("damaged package")
    assert files["any_sheets.xlsx"] == ("no register found (1 sheet without a register header, 2 empty sheets, "
                                        "1 chart sheet)")
    assert files["date.xls"] == "no register found (1 sheet without a register header)"
