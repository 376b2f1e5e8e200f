"""Start-up stays light: the heavy libraries load only in the commands that need them."""

import subprocess
import sys

from helpers import good_order

HEAVY = ("openpyxl", "jinja2", "yagmail", "rich", "keyring", "chinese_calendar", "holidays")


def _imported(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "toolkit", *args], capture_output=True, text=True)
    names = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    return names & set(HEAVY)


def test_help_imports_none_of_the_heavy_libraries():
    assert _imported("--help") == set()


def test_validating_a_small_register_imports_none_of_them(register):
    path = register([good_order()])
    assert _imported("validate", str(path), "--as-of", "2026-11-25 09:00") == set()
