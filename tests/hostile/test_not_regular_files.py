"""#17, 2: only regular files are opened, and none past the size limit. A link to /dev/zero named
x.xlsx in a folder took the main process to 20 GB (reading to the end of a file that has none);
a named pipe blocked the run forever. Run under a memory cap here, so that the old behaviour
fails the test instead of the machine."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import good_order, write_register  # noqa: E402
from hostile.damage import check_alone, check_folder_run, good_registers  # noqa: E402

from toolkit.registers.files import MAX_FILE_BYTES  # noqa: E402

pytestmark = pytest.mark.skipif(not (hasattr(os, "mkfifo") and os.path.exists("/dev/zero")),
                                reason="named pipes and /dev/zero are POSIX")

NOT_REGULAR = ("not a regular file",)
TOO_LARGE = ("larger than the 500 MB limit",)


def _capped():
    """3 GB of address space for the run: reading /dev/zero to its end fails fast, not the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, resource.getrlimit(resource.RLIMIT_AS)[1]))


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("odd-files")
    good_registers(folder)
    (folder / "x.xlsx").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.xlsx")
    with open(folder / "huge.xlsx", "wb") as fh:  # sparse: no disk used, only its size is read
        fh.truncate(MAX_FILE_BYTES + 1)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    target = write_register(elsewhere / "linked.xlsx", [good_order(单号="WX2611020", 客户签字=None)])
    (folder / "link.xlsx").symlink_to(target)  # a link to a regular file is read as the file
    return folder


@pytest.mark.parametrize("jobs", [2, 1])
def test_devices_pipes_and_huge_files_in_a_folder_are_one_line_each(shelf, jobs):
    check_folder_run(shelf, {"x.xlsx": NOT_REGULAR, "pipe.xlsx": NOT_REGULAR, "huge.xlsx": TOO_LARGE}, jobs,
                     timeout=120, preexec=_capped, good={"link.xlsx": ["M3"]})


@pytest.mark.parametrize("name, words", [("x.xlsx", NOT_REGULAR), ("pipe.xlsx", NOT_REGULAR), ("huge.xlsx", TOO_LARGE)])
def test_each_named_alone_is_one_line(shelf, name, words):
    check_alone(shelf / name, *words, timeout=120, preexec=_capped)


def test_a_pipe_named_beside_a_register_does_not_block_it(shelf):
    from hostile.damage import by_name, findings_of, run_json

    result, report = run_json(str(shelf / "pipe.xlsx"), str(shelf / "a-good.xlsx"), timeout=120)
    assert result.returncode == 2 and findings_of(report, "a-good.xlsx") == ["M4"]
    assert by_name(report)["pipe.xlsx"]["error"].startswith("not a regular file")
