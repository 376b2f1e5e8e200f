"""Ready lines for cron and for Windows Task Scheduler: the reminders every half hour (the
toolkit itself keeps to working hours and the Chinese calendar) and the weekly job every
morning (the digest goes out once a week per recipient: the ledger remembers, and a day off
waits for the next working day).

A scheduled run starts in a folder of the scheduler's choosing (C:\\Windows\\System32 under
Task Scheduler), with no shell redirection, so every path in the lines is absolute and each
run keeps its own log (``--log``). Windows lines are built from Windows strings (``ntpath``)
whatever machine builds them, so that they can be tested anywhere; ``plan_schedule`` takes
the platform, the current folder, the toolkit's command and the existence test as parameters.

Quoting, from the inside out:
  * each argument for the program's own parser (the Microsoft C runtime's rules: quotes
    around anything not plain, backslashes doubled before a quote);
  * the whole command as the one ``/TR`` argument of schtasks (the same rules again);
  * the schtasks line for cmd.exe: cmd toggles its idea of "inside quotes" at every ``"``,
    escaped or not, so the characters it would act on (``& | < > ^``, ``%``) are escaped
    where cmd sees them outside quotes.
schtasks refuses a ``/TR`` longer than 261 characters: such a command goes into a small
``.cmd`` file beside the config (``@echo off``, ``chcp 65001``, CRLF) and the task runs that.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TR_LIMIT = 261  # schtasks: "Value for '/TR' option cannot be more than 261 character(s)"
CMD_MARK = "toolkit-schedule:"  # in every .cmd file this module writes: it may rewrite those only
_PLAIN = re.compile(r"[A-Za-z0-9_\-.:\\/=+,@]+")
_CMD_SPECIAL = "&|<>^"
# (job, schtasks schedule, cron time). The weekly job runs every morning: the digest of last
# week goes out once per recipient (the ledger remembers), on the first working day.
JOBS = (
    ("remind", "/SC DAILY /ST 08:00 /RI 30 /DU 10:30", "0,30 8-18 * * *"),
    ("weekly", "/SC DAILY /ST 08:30", "30 8 * * *"),
)


@dataclass(frozen=True, slots=True)
class CmdFile:
    path: str  # as the target platform writes it
    text: str  # lines ending in CRLF


@dataclass
class Schedule:
    windows: bool
    lines: list[str] = field(default_factory=list)  # what to print: comments and commands
    warnings: list[str] = field(default_factory=list)  # one line each, for stderr
    cmd_files: list[CmdFile] = field(default_factory=list)  # to write before the lines are used


def toolkit_command(windows: bool | None = None) -> list[str]:
    """The command that runs this toolkit: its own script beside this Python, else python -m."""
    windows = os.name == "nt" if windows is None else windows
    names = ("toolkit.exe", "toolkit") if windows else ("toolkit", "toolkit.exe")
    for name in names:
        candidate = Path(sys.executable).with_name(name)
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("toolkit")
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "toolkit"]


def crt_quote(arg: str, force: bool = False) -> str:
    """One argument as the Microsoft C runtime (and so Python on Windows) parses it back."""
    if not force and _PLAIN.fullmatch(arg):
        return arg
    out, backslashes = ['"'], 0
    for ch in arg:
        if ch == "\\":
            backslashes += 1
            continue
        if ch == '"':
            out.append("\\" * (2 * backslashes + 1) + '"')
        else:
            out.append("\\" * backslashes + ch)
        backslashes = 0
    out.append("\\" * (2 * backslashes) + '"')
    return "".join(out)


def windows_command_line(argv: list[str]) -> str:
    return " ".join(crt_quote(a) for a in argv)


def cmd_escape(line: str) -> str:
    """A line typed at the cmd.exe prompt, with what cmd would act on outside quotes escaped:
    ``^`` before ``& | < > ^``, and ``%^`` for ``%`` (an undefined variable name, left as is)."""
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in _CMD_SPECIAL:
            out.append("^")
        elif not quoted and ch == "%":
            out.append("%^")
            continue
        out.append(ch)
    return "".join(out)


def schtasks_line(job: str, when: str, command: str) -> str:
    """``schtasks /Create`` for one task whose action is ``command`` (as Task Scheduler runs it)."""
    return cmd_escape(f'schtasks /Create /TN "toolkit {job}" {when} /F /TR {crt_quote(command, force=True)}')


def cmd_file_text(argv: list[str], folder: str) -> str:
    """A .cmd file running ``argv`` from ``folder``: UTF-8 (chcp 65001 before the first
    non-ASCII line), CRLF, every argument quoted for the program and ``%`` doubled for cmd."""
    def batch(text: str) -> str:
        return text.replace("%", "%%")

    lines = [
        "@echo off",
        "chcp 65001 >nul",
        f"rem {CMD_MARK} written by toolkit schedule, which rewrites it; change the schedule there",
        f'pushd "{batch(folder)}"',  # the config's folder (pushd maps a drive for \\server\share)
        batch(windows_command_line(argv)),
    ]
    return "\r\n".join(lines) + "\r\n"


def plan_schedule(registers: list[str], config: str | None, weekly_out: str, lang: str, *,
                  windows: bool | None = None, cwd: str | None = None, exe: list[str] | None = None,
                  exists: Callable[[str], bool] | None = None) -> Schedule:
    """The lines for this machine's scheduler (Task Scheduler on Windows, cron elsewhere), the
    warnings about paths that do not exist, and the .cmd files a long Windows line needs."""
    from toolkit.i18n import t

    windows = os.name == "nt" if windows is None else windows
    fs = ntpath if windows else posixpath
    cwd = cwd or os.getcwd()
    exe = exe or toolkit_command(windows)
    exists = exists or os.path.exists
    plan = Schedule(windows)

    def absolute(path: str) -> str:
        return fs.normpath(fs.join(cwd, path))

    regs = [absolute(r) for r in registers]
    for reg in regs:
        if not exists(reg):
            plan.warnings.append(t("schedule.missing_register", lang, path=reg))
    if not regs:
        regs = [r"D:\path\to\registers" if windows else "/path/to/registers"]
        plan.warnings.append(t("schedule.no_registers", lang, path=regs[0]))
    if config:
        config = absolute(config)
        if not exists(config):
            plan.warnings.append(t("schedule.missing_config", lang, path=config))
    else:
        here = fs.join(cwd, "toolkit.toml")
        config = here if exists(here) else None
        if config is None:
            plan.warnings.append(t("schedule.no_config", lang, folder=cwd))
    folder = fs.dirname(config) if config else cwd
    with_config = ["--config", config] if config else []
    logs = {job: fs.join(folder, f"toolkit-{job}.log") for job, _, _ in JOBS}
    commands = {
        "remind": [*exe, "remind", *regs, *with_config, "--send", "--log", logs["remind"]],
        # every morning, for the week that has ended: sent once, on the first working day
        "weekly": [*exe, "weekly", *regs, *with_config, "--week", "last", "--out", absolute(weekly_out),
                   "--email", "--send", "--log", logs["weekly"]],
    }
    notes = [t("schedule.note.remind", lang), t("schedule.note.weekly", lang),
             t("schedule.note.password_windows" if windows else "schedule.note.password_cron", lang),
             t("schedule.note.robots", lang),  # group robots (issue #22): the same jobs post, once a key is kept
             t("schedule.note.logs", lang, remind=logs["remind"], weekly=logs["weekly"])]
    if windows:
        plan.lines += ["REM " + t("schedule.head.windows", lang), *("REM " + n for n in notes)]
        tasks = []
        for job, when, _ in JOBS:
            command = windows_command_line(commands[job])
            if len(command) > TR_LIMIT:
                cmd_path = fs.join(folder, f"toolkit-{job}.cmd")
                plan.cmd_files.append(CmdFile(cmd_path, cmd_file_text(commands[job], folder)))
                plan.lines.append("REM " + t("schedule.note.cmd_file", lang, path=cmd_path, n=len(command),
                                             limit=TR_LIMIT))
                command = crt_quote(cmd_path, force=True)
                if len(command) > TR_LIMIT:
                    plan.warnings.append(t("schedule.cmd_path_too_long", lang, path=cmd_path, limit=TR_LIMIT))
            tasks.append(schtasks_line(job, when, command))
        plan.lines += tasks
    else:
        plan.lines += ["# " + t("schedule.head.cron", lang), *("# " + n for n in notes)]
        for job, _, when in JOBS:
            # cron turns an unescaped % into a new line; the output goes to --log, not to mail
            line = " ".join(shlex.quote(a) for a in commands[job]).replace("%", "\\%")
            plan.lines.append(f"{when} {line} >/dev/null 2>&1")
    return plan


def write_cmd_files(files: list[CmdFile], force: bool = False) -> list[Path]:
    """Write each .cmd file atomically with the umask's permissions. A file there that this
    module did not write is replaced only with ``force``; then nothing is written at all."""
    from toolkit.errors import UsageError
    from toolkit.fileio import atomic_path

    targets = [Path(f.path) for f in files]
    for target in targets:
        if (target.exists() or target.is_symlink()) and not force and not _written_here(target):
            raise UsageError("schedule.cmd_exists", path=str(target))
    mask = os.umask(0)
    os.umask(mask)
    for target, file in zip(targets, files):
        with atomic_path(target) as tmp:
            tmp.write_bytes(file.text.encode("utf-8"))
            if tmp != target:
                os.chmod(tmp, 0o666 & ~mask)
    return targets


def _written_here(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return CMD_MARK.encode() in fh.read(1024)
    except OSError:
        return False
