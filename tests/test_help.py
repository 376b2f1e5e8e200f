"""Help a person can use (#20.6): -h as well as --help, a real example in every command's help
(run here as written), plain metavars, --as-of in the forms the registers' cells are read in,
and an Excel owner file named alone explained. Real CLI runs in a tmp cwd."""

from __future__ import annotations

import json
import re
import shlex
from datetime import datetime

import pytest
from helpers import good_order, order, orders_file, run_cli, short_complaint, short_complaints_file, write_register

COMMANDS = ["validate", "rules", "init", "remind", "schedule", "password", "template", "weekly", "calendar"]


def _help(*command: str, flag: str = "-h") -> str:
    result = run_cli(*command, flag)
    assert result.returncode == 0, (command, flag, result.stderr)
    text = result.stdout.replace("Usage: python -m toolkit", "Usage: toolkit", 1)  # run_cli starts python -m toolkit
    assert text.startswith("Usage: toolkit"), text
    return text


def test_the_command_list_is_the_one_tested():
    listed = re.findall(r"^  (\w+)\s", _help().split("Commands:")[1], re.M)
    assert sorted(listed) == sorted(COMMANDS)


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_dash_h_is_help_everywhere(command):
    assert _help(*command, flag="-h") == _help(*command, flag="--help")
    assert "-h, --help" in _help(*command)


def _examples(command: str) -> list[list[str]]:
    """The command lines of the example in ``command``'s help, as argument lists."""
    text = _help(command)
    assert "Example: " in text, f"toolkit {command} --help shows no example"
    block = text[text.index("Example: "):]
    return [shlex.split(line.strip())[1:] for line in block.splitlines() if line.strip().startswith("toolkit ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_shows_an_example_of_itself(command):
    examples = _examples(command)
    assert examples and all(args[0] == command for args in examples), examples


@pytest.mark.parametrize("command", COMMANDS)
def test_metavars_are_plain_words(command):
    text = _help(command)
    usage = text.splitlines()[0]
    assert not re.search(r"[{}<>:]", usage.removeprefix("Usage:")), usage
    options = text[text.index("Options:"):text.index("Example: ")]
    for line in options.splitlines():
        if not line.startswith("  -"):
            continue  # a help text's continuation
        first = line.strip().split("  ")[0]  # "-o, --out FILE": the option and its metavar
        assert not re.search(r"[{}<>]|\b(?:str|path|int|text)\b", first), line


def test_the_usage_lines_name_their_arguments():
    assert _help("weekly").splitlines()[0] == "Usage: toolkit weekly [OPTIONS] PATH..."
    assert _help("template").splitlines()[0] == "Usage: toolkit template [OPTIONS] KIND FILE"
    assert _help("schedule").splitlines()[0] == "Usage: toolkit schedule [OPTIONS] [PATH...]"
    assert "  KIND  work-orders or complaints." in _help("template")


@pytest.fixture
def centre(tmp_path):
    """A clerk's folder: 登记表/ with a work-order and a complaint register, nothing else."""
    folder = tmp_path / "登记表"
    folder.mkdir()
    orders_file(folder, [order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件"),
                         order("WX2611002", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0))])
    short_complaints_file(folder, [short_complaint("TS2611001", datetime(2026, 11, 25, 17, 0))])
    return tmp_path


def test_each_example_runs_as_written(centre):
    """init first (the others name the toolkit.toml it writes); password and sending are left out:
    they need a keyring and a mail server."""
    env = {"XDG_DATA_HOME": str(centre / "data")}
    ran = []
    for command in ["init", *[c for c in COMMANDS if c not in ("init", "password")]]:
        args = _examples(command)[0]
        assert "--send" not in args
        result = run_cli(*args, cwd=centre, env=env)
        if command == "init":  # the people reminders go to, as the clerk then fills in
            with open(centre / "toolkit.toml", "a", encoding="utf-8") as fh:
                fh.write('\n[people."王丽"]\nemail = "wangli@example.com"\n[people."陈晓"]\nemail = "chenxiao@example.com"\n')
        assert "Traceback" not in result.stderr and "toolkit: error" not in result.stderr, (args, result.stderr)
        assert result.returncode in ((0, 1) if command == "validate" else (0,)), (args, result.stdout, result.stderr)
        ran.append(command)
    assert (centre / "toolkit.toml").is_file() and (centre / "周报.xlsx").is_file()
    assert list((centre / "标注").glob("*.checked.xlsx")) and (centre / "投诉登记表-2027.xlsx").is_file()
    assert len(ran) == len(COMMANDS) - 1


@pytest.fixture
def register(tmp_path):
    return write_register(tmp_path / "维修登记.xlsx", [good_order()])


@pytest.mark.parametrize("written, meant", [
    ("2026-11-25 09:00", "2026-11-25T09:00"),
    ("2026/11/25", "2026-11-25T23:59"),
    ("2026/11/25 9:00", "2026-11-25T09:00"),
    ("2026.11.25", "2026-11-25T23:59"),
    ("2026-11-25", "2026-11-25T23:59"),
    ("2026年11月25日 9:00", "2026-11-25T09:00"),
    ("2026年11月25日", "2026-11-25T23:59"),
    ("2026-11-25T09:00", "2026-11-25T09:00"),
])
def test_as_of_takes_the_forms_the_cells_are_read_in(register, written, meant):
    result = run_cli("validate", str(register), "--as-of", written, "--format", "json", "--lang", "en")
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["as_of"].startswith(meant)


def test_as_of_without_a_year_is_the_nearest_such_day(register):
    result = run_cli("validate", str(register), "--as-of", "11/25", "--format", "json", "--lang", "en")
    assert result.returncode in (0, 1), result.stderr
    as_of = datetime.fromisoformat(json.loads(result.stdout)["as_of"])
    assert (as_of.month, as_of.day, as_of.hour, as_of.minute) == (11, 25, 23, 59)
    assert abs((as_of - datetime.now()).days) <= 183


@pytest.mark.parametrize("written", ["next tuesday", "45000", "9:00", "2026-13-01", "未完工"])
def test_a_bad_as_of_names_the_accepted_forms(register, written):
    for lang, said in (("en", "--as-of must look like a date as the registers write it"),
                       ("zh", "--as-of 应写作登记表单元格中的日期形式")):
        result = run_cli("validate", str(register), "--as-of", written, "--lang", lang)
        assert result.returncode == 2
        line = result.stderr.strip()
        assert len(line.splitlines()) == 1 and line.startswith(f"toolkit: {said}"), line
        for form in ('"2026/11/25"', '"2026.11.25"', '"11/25"', '"2026年11月25日 9:00"', f"{written}"):
            assert form in line, (form, line)


@pytest.mark.parametrize("command", [["validate"], ["weekly"], ["remind"], ["validate", "--format", "json"]])
def test_an_owner_file_named_alone_is_explained_in_one_line(tmp_path, command):
    workbook = write_register(tmp_path / "维修登记.xlsx", [good_order()])
    owner = tmp_path / "~$维修登记.xlsx"
    owner.write_bytes(b"\x05clerk" + b" " * 160)
    for lang, said in (("en", f"{owner} is Excel's owner file (it says {workbook} is open in Excel), not a register; "
                              f"name {workbook} itself"),
                       ("zh", f"{owner} 是 Excel 的占用标记文件（说明 {workbook} 正在 Excel 中打开），不是登记表；"
                              f"请指定 {workbook} 本身")):
        result = run_cli(command[0], str(owner), *command[1:], "--as-of", "2026-11-25 09:00", "--lang", lang, cwd=tmp_path)
        assert result.returncode == 2, result.stdout
        assert result.stderr == f"toolkit: {said}\n"
        assert result.stdout == ""


def test_an_owner_file_of_a_long_name_names_its_workbook(tmp_path):
    """Excel names the owner file of a long name ~$ + the name less its first two characters."""
    workbook = write_register(tmp_path / "阳光花园维修登记.xlsx", [good_order()])
    owner = tmp_path / "~$花园维修登记.xlsx"
    owner.write_bytes(b"\x05clerk")
    result = run_cli("validate", str(owner), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2 and f"name {workbook} itself" in result.stderr


def test_an_owner_file_beside_its_workbook_is_still_skipped_quietly(tmp_path):
    workbook = write_register(tmp_path / "维修登记.xlsx", [good_order()])
    owner = tmp_path / "~$维修登记.xlsx"
    owner.write_bytes(b"\x05clerk")
    result = run_cli("validate", str(owner), str(workbook), "--as-of", "2026-11-25 09:00", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "1 file" in result.stdout


def test_the_help_says_the_exit_code_of_an_owner_file():
    for command in ("validate", "weekly", "remind"):
        assert "owner file named alone" in " ".join(_help(command).split())
