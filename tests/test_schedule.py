"""`toolkit schedule` prints lines a scheduler runs as they are: every path absolute, a log per
run, and for Windows quoting that survives cmd.exe, schtasks and the program's own parser, with
a .cmd file when the command is over the 261 characters of schtasks /TR.

The Windows lines are built from Windows strings on any machine (``plan_schedule`` takes the
platform); they are checked by parsing them back the way cmd.exe and the Microsoft C runtime do
(independent parsers below), not by comparing strings."""

from __future__ import annotations

import os
import re
import shlex
import stat
import subprocess
from datetime import datetime

import pytest

from helpers import run_cli, short_complaint, short_complaints_file
from smtp_server import smtp_config
from toolkit.errors import UsageError
from toolkit.mail.schedule import TR_LIMIT, CmdFile, plan_schedule, write_cmd_files

EXE = r"C:\Program Files (x86)\客服工具\Scripts\toolkit.exe"
SITE = "D:\\客服中心"


# ---- how Windows reads a line back -----------------------------------------------------------
def crt_split(line: str) -> list[str]:
    """Arguments as the Microsoft C runtime splits a command line (the rules of 2008 on)."""
    args, current, quoted, started, i = [], [], False, False, 0
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            n = len(line[i:]) - len(line[i:].lstrip("\\"))
            if i + n < len(line) and line[i + n] == '"':
                current.append("\\" * (n // 2))
                if n % 2:
                    current.append('"')
                    i += n + 1
                    started = True
                else:
                    i += n
                continue
            current.append("\\" * n)
            i += n
            continue
        if ch == '"':
            if quoted and line[i + 1:i + 2] == '"':
                current.append('"')
                i += 2
                continue
            quoted, started = not quoted, True
        elif ch in " \t" and not quoted:
            if current or started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
        i += 1
    if current or started:
        args.append("".join(current))
    return args


def cmd_typed(line: str) -> str:
    """What cmd.exe hands to the program for a line typed at its prompt; fails where cmd would
    act on the line (a command separator, a redirection, a variable it would expand)."""
    assert not re.search(r"%[A-Za-z_][A-Za-z0-9_]*%", line), f"cmd would expand a variable: {line}"
    out, quoted, i = [], False, 0
    while i < len(line):
        ch = line[i]
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "^":
            i += 1
            ch = line[i]
        elif not quoted and ch in "&|<>":
            raise AssertionError(f"cmd would act on {ch!r} at {i}: {line}")
        out.append(ch)
        i += 1
    return "".join(out)


def batch_line(line: str) -> str:
    """What cmd.exe runs for a line of a .cmd file (no arguments, no delayed expansion)."""
    assert not re.search(r"(?<!%)%(?!%)", line.replace("%%", "")), f"a single % in a batch line: {line}"
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "&|<>^":
            raise AssertionError(f"cmd would act on {ch!r}: {line}")
    return line.replace("%%", "%")


def task_command(schtasks: str) -> list[str]:
    """The argv a task runs: the line through cmd.exe and schtasks, then its /TR through the C runtime."""
    args = crt_split(cmd_typed(schtasks))
    assert args[:2] == ["schtasks", "/Create"] and "/F" in args
    command = args[args.index("/TR") + 1]
    assert len(command) <= TR_LIMIT, f"/TR is {len(command)} characters"
    return crt_split(command)


def windows_plan(registers, config=None, weekly_out="weekly.xlsx", *, exist=None, lang="en", exe=EXE, cwd=SITE):
    existing = set(exist if exist is not None else [*(ntjoin(cwd, r) for r in registers), ntjoin(cwd, "toolkit.toml")])
    return plan_schedule(registers, config, weekly_out, lang, windows=True, cwd=cwd, exe=[exe],
                         exists=lambda p: p in existing)


def ntjoin(a: str, b: str) -> str:
    import ntpath

    return ntpath.normpath(ntpath.join(a, b))


def tasks(plan) -> dict[str, str]:
    lines = [line for line in plan.lines if line.startswith("schtasks ")]
    return {crt_split(cmd_typed(line))[3]: line for line in lines}


# ---- Windows -------------------------------------------------------------------------------
def test_windows_lines_have_absolute_paths_quoted_for_cmd_schtasks_and_the_program():
    plan = windows_plan(["登记表", r"E:\投诉 登记\2026年.xlsx"], weekly_out=r"周报\weekly.xlsx",
                        exist=[SITE + r"\登记表", r"E:\投诉 登记\2026年.xlsx", SITE + r"\toolkit.toml"])
    assert plan.warnings == [] and plan.cmd_files == []
    by_name = tasks(plan)
    assert set(by_name) == {"toolkit remind", "toolkit weekly"}
    regs = [r"D:\客服中心\登记表", r"E:\投诉 登记\2026年.xlsx"]
    config = ["--config", r"D:\客服中心\toolkit.toml"]
    assert task_command(by_name["toolkit remind"]) == [EXE, "remind", *regs, *config, "--send",
                                                       "--log", r"D:\客服中心\toolkit-remind.log"]
    assert task_command(by_name["toolkit weekly"]) == [
        EXE, "weekly", *regs, *config, "--week", "last", "--out", r"D:\客服中心\周报\weekly.xlsx", "--email", "--send",
        "--log", r"D:\客服中心\toolkit-weekly.log"]
    # reminders every half hour from 8:00 to 18:30; the weekly job every morning, not Mondays only
    assert " /SC DAILY /ST 08:00 /RI 30 /DU 10:30 " in by_name["toolkit remind"]
    assert " /SC DAILY /ST 08:30 " in by_name["toolkit weekly"] and "/D MON" not in by_name["toolkit weekly"]
    notes = "\n".join(line for line in plan.lines if line.startswith("REM "))
    assert "TOOLKIT_SMTP_PASSWORD" in notes and "toolkit password set" in notes
    assert r"D:\客服中心\toolkit-remind.log" in notes
    assert all(line.startswith(("REM ", "schtasks ")) for line in plan.lines)


@pytest.mark.parametrize("register", [
    r"D:\A&B 物业|部 <总> ^1\100% 完成\登记表",
    r"\\fileserver\客服 共享\2026年 维修登记表",
    "D:\\",
    r"D:\新建文件夹 (2)\%USERNAME%\登记表",
    "\\\\fileserver\\客服 共享\\",  # a share's root keeps its last backslash, before the closing quote
], ids=["cmd-metacharacters", "unc", "drive-root", "percent-variable", "unc-share-root"])
def test_characters_cmd_would_act_on_reach_the_program_unchanged(register):
    plan = windows_plan([register], config=r"D:\客服 中心\toolkit.toml", exist=[register, r"D:\客服 中心\toolkit.toml"])
    argv = task_command(tasks(plan)["toolkit remind"])
    assert argv[:3] == [EXE, "remind", register]
    assert argv[3:5] == ["--config", r"D:\客服 中心\toolkit.toml"]


def test_relative_paths_are_resolved_against_the_current_folder():
    plan = windows_plan([r"..\登记表", r"\共享\投诉.xlsx"], weekly_out=r"..\周报\weekly.xlsx", cwd=r"D:\客服中心\工具",
                        exist=[])
    weekly = task_command(tasks(plan)["toolkit weekly"])
    assert weekly[2:4] == [r"D:\客服中心\登记表", r"D:\共享\投诉.xlsx"]
    assert weekly[weekly.index("--out") + 1] == r"D:\客服中心\周报\weekly.xlsx"


def test_a_command_over_261_characters_goes_into_a_cmd_file_beside_the_config():
    deep = SITE + r"\2026年度\各物业服务中心\阳光花园物业服务中心\客户服务部\维修工作单与客户投诉登记表（按月份整理）"
    registers = [deep + r"\维修工作单登记表 2026.xlsx", deep + r"\客户投诉登记表 2026.xlsx"]
    config = r"D:\客服中心\配置 (总部)\toolkit.toml"
    plan = windows_plan(registers, config=config, exist=[*registers, config])
    assert [f.path for f in plan.cmd_files] == [r"D:\客服中心\配置 (总部)\toolkit-remind.cmd",
                                               r"D:\客服中心\配置 (总部)\toolkit-weekly.cmd"]
    by_name = tasks(plan)
    for job, file in zip(("remind", "weekly"), plan.cmd_files):
        assert task_command(by_name[f"toolkit {job}"]) == [file.path]  # the task runs the .cmd file
        assert file.text.endswith("\r\n") and "\n" not in file.text.replace("\r\n", "")
        lines = file.text.split("\r\n")[:-1]
        assert lines[:2] == ["@echo off", "chcp 65001 >nul"]  # UTF-8 before the first non-ASCII line
        assert all(line.isascii() for line in lines[:3])
        assert batch_line(lines[3]) == 'pushd "D:\\客服中心\\配置 (总部)"'
        argv = crt_split(batch_line(lines[4]))
        assert argv[:4] == [EXE, job, *registers]
        assert argv[-2:] == ["--log", rf"D:\客服中心\配置 (总部)\toolkit-{job}.log"]
        assert len(" ".join(argv)) > TR_LIMIT
    assert sum(line.startswith("REM ") and ".cmd holds the whole command" in line for line in plan.lines) == 2


def test_a_cmd_file_doubles_percent_signs_and_keeps_metacharacters_quoted():
    register = SITE + r"\100% 完成 & 归档 (2026)\%DATE%" + "\\" + "长" * 200
    plan = windows_plan([register], exist=[register, SITE + r"\toolkit.toml"])
    remind = next(f for f in plan.cmd_files if f.path.endswith("toolkit-remind.cmd"))
    command = remind.text.split("\r\n")[4]
    assert crt_split(batch_line(command))[2] == register


def test_missing_paths_are_warned_about_one_line_each_in_both_languages():
    plan = windows_plan(["登记表"], config=r"..\toolkit.toml", exist=[])
    assert plan.warnings == [
        r"warning: D:\客服中心\登记表 does not exist: the scheduled runs would not find it; check the path",
        r"warning: the config D:\toolkit.toml does not exist: the scheduled runs would have no SMTP settings or "
        "recipients; create it with toolkit init",
    ]
    none_here = windows_plan(["登记表"], exist=[SITE + r"\登记表"], lang="zh")
    assert none_here.warnings == [f"警告：{SITE} 中没有 toolkit.toml，计划任务将没有 SMTP 设置，台账也会写到用户数据文件夹而不是配置旁；"
                                  "请用 --config 指定配置文件"]
    assert "--config" not in task_command(tasks(none_here)["toolkit remind"])


# ---- writing the .cmd files -------------------------------------------------------------------
def test_cmd_files_are_written_atomically_with_the_umask_and_never_over_a_file_not_ours(tmp_path):
    target = tmp_path / "toolkit-remind.cmd"
    text = "@echo off\r\nchcp 65001 >nul\r\nrem toolkit-schedule: written by toolkit schedule\r\n\"C:\\t.exe\" remind\r\n"
    old = os.umask(0o027)
    try:
        assert write_cmd_files([CmdFile(str(target), text)]) == [target]
    finally:
        os.umask(old)
    assert target.read_bytes() == text.encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert write_cmd_files([CmdFile(str(target), text.replace("remind", "weekly"))])  # its own file: rewritten
    assert b"weekly" in target.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["toolkit-remind.cmd"], "no temporary file left behind"

    foreign = tmp_path / "toolkit-weekly.cmd"
    foreign.write_bytes(b"@echo off\r\nrobocopy D:\\a E:\\b\r\n")
    with pytest.raises(UsageError) as refused:
        write_cmd_files([CmdFile(str(target), text), CmdFile(str(foreign), text)])
    assert refused.value.render("en") == f"{foreign}: exists and was not written by toolkit schedule; use --force to replace it"
    assert foreign.read_bytes() == b"@echo off\r\nrobocopy D:\\a E:\\b\r\n"
    write_cmd_files([CmdFile(str(foreign), text)], force=True)
    assert foreign.read_bytes() == text.encode("utf-8")


# ---- this machine (cron), through the CLI ------------------------------------------------------
def test_cron_lines_are_absolute_log_every_run_and_really_run_from_another_folder(tmp_path):
    site = tmp_path / "客服 中心"
    (site / "登记表").mkdir(parents=True)
    short_complaints_file(site / "登记表",
                          [short_complaint("TS2611001", datetime(2026, 11, 20, 16, 0), replied=datetime(2026, 11, 20, 15, 0))])
    (site / "toolkit.toml").write_text(smtp_config(2525, people={"王丽": "wangli@example.com"}), encoding="utf-8")
    result = run_cli("schedule", "登记表", "缺少的登记表", "--weekly-out", "周报/weekly.xlsx", "--lang", "en", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"toolkit: warning: {site / '缺少的登记表'} does not exist: the scheduled runs "
                                          "would not find it; check the path"]
    lines = result.stdout.splitlines()
    assert all(line.startswith("#") for line in lines[:5]) and "toolkit password set" in result.stdout
    remind = next(line for line in lines if line.startswith("0,30 8-18 * * * "))
    weekly = next(line for line in lines if line.startswith("30 8 * * * "))  # every morning
    for line in (remind, weekly):
        assert line.endswith(" >/dev/null 2>&1")
        words = shlex.split(line[:-len(" >/dev/null 2>&1")])[5:]
        assert all(os.path.isabs(w) for w in words if "/" in w)
        assert words[words.index("--config") + 1] == str(site / "toolkit.toml")
    words = shlex.split(weekly)[5:]
    assert words[words.index("--out") + 1] == str(site / "周报" / "weekly.xlsx")
    assert words[words.index("--log") + 1] == str(site / "toolkit-weekly.log")

    # run the reminder line as cron would: from the home folder, through sh (nothing is due: no mail)
    home = tmp_path / "home"
    home.mkdir()
    command = remind[len("0,30 8-18 * * * "):].replace(shlex.quote(str(site / "缺少的登记表")), "").replace("\\%", "%")
    ran = subprocess.run(["sh", "-c", command], cwd=home, env={**os.environ, "HOME": str(home)})
    log = (site / "toolkit-remind.log").read_text(encoding="utf-8")
    assert ran.returncode == 0, log
    assert log.startswith("===== ") and " toolkit remind " in log.splitlines()[0]
    assert list(home.iterdir()) == [], "nothing is written in the folder cron starts in"


def test_percent_signs_are_escaped_for_crontab(tmp_path):
    site = tmp_path / "完成 100%"
    site.mkdir()
    result = run_cli("schedule", ".", "--config", "missing.toml", "--lang", "zh", cwd=site)
    assert result.returncode == 0
    remind = next(line for line in result.stdout.splitlines() if line.startswith("0,30 "))
    assert "%" not in remind.replace("\\%", "")
    assert "\\%" in remind
    assert result.stderr.strip() == (f"toolkit: 警告：配置文件 {site / 'missing.toml'} 不存在，计划任务将没有 SMTP 设置和收件人；"
                                     "先用 toolkit init 创建")
