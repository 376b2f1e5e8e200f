"""#17, 1: one damaged workbook in a folder must not cost the other files their report. The main
process reads parts of every package in a folder before any worker starts (the toolkit's own
marks in workbook.xml), so a zip member that fails to inflate there ended the whole run with
exit 2 and no report. Each damage here is real bytes in a real register, run through the CLI."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hostile.damage import (  # noqa: E402
    check_alone, check_folder_run, flip_inflate, good_registers, patch_central, register_bytes,
)

# name → (the damage, words its one line must hold)
DAMAGES = {
    # a bit flipped in the package's root relationships: inflating raises zlib.error
    "rels-bit-flip.xlsx": (lambda data: flip_inflate(data, "_rels/.rels"), ("damaged package",)),
    # the same in workbook.xml, which discovery reads for the toolkit's marks
    "workbook-bit-flip.xlsx": (lambda data: flip_inflate(data, "xl/workbook.xml"), ("damaged package",)),
    # the zip directory points a part's data past the end of the file
    "bad-offset.xlsx": (lambda data: patch_central(data, "xl/styles.xml", 42, struct.pack("<I", 0xFFFFFF)),
                        ("damaged package",)),
    # the directory names a compression method nobody implements
    "unknown-method.xlsx": (lambda data: patch_central(data, "xl/workbook.xml", 10, struct.pack("<H", 99)),
                            ("damaged package", "compression method")),
    # zip-level encryption on the workbook part (Excel never writes it: a damaged flag)
    "encrypted-flag.xlsx": (lambda data: patch_central(data, "xl/workbook.xml", 8, struct.pack("<H", 1)),
                            ("damaged package",)),
    # the file cut short in its last part
    "truncated.xlsx": (lambda data: data[: int(len(data) * 0.97)], ("damaged or incomplete file",)),
}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("damaged")
    good_registers(folder)
    data = register_bytes(tmp_path_factory.mktemp("source"))
    for name, (damage, _) in DAMAGES.items():
        (folder / name).write_bytes(damage(data))
    return folder


@pytest.mark.parametrize("jobs", [2, 1])
def test_a_folder_with_damaged_packages_reports_every_file(shelf, jobs):
    check_folder_run(shelf, {name: words for name, (_, words) in DAMAGES.items()}, jobs)


@pytest.mark.parametrize("name", sorted(DAMAGES))
def test_a_damaged_package_named_alone_is_one_line(shelf, name):
    check_alone(shelf / name, *DAMAGES[name][1])
