"""Ready lines for cron and for Windows Task Scheduler: the reminders every half hour (the
toolkit itself keeps to working hours and the Chinese calendar) and the weekly job on
Monday morning."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path


def toolkit_command() -> list[str]:
    """The command that runs this toolkit: its own script beside this Python, else python -m."""
    for candidate in (Path(sys.executable).with_name("toolkit"), Path(sys.executable).with_name("toolkit.exe")):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("toolkit")
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "toolkit"]


def _win(path: str) -> str:
    return '\\"' + path + '\\"'


def schedule_lines(registers: list[str], config: Path | None, weekly_out: str, lang: str) -> dict[str, list[str]]:
    exe = toolkit_command()
    regs = [str(Path(r).resolve()) for r in registers] or ["/path/to/registers"]
    cfg = ["--config", str(config.resolve())] if config else []
    remind = [*exe, "remind", *regs, *cfg, "--send"]
    # Monday 08:30 reports the week that just ended, not the one 8 hours old
    weekly = [*exe, "weekly", *regs, *cfg, "--week", "last", "--out", weekly_out, "--email", "--send"]
    q = lambda parts: " ".join(shlex.quote(p) for p in parts)  # noqa: E731
    w = lambda parts: " ".join(_win(p) if (" " in p or "\\" in p or "/" in p) else p for p in parts)  # noqa: E731
    cron_comment = ("# 每天 8:00–18:30 每半小时检查一次（非工作时间和节假日 toolkit 自己不发）；每周一 8:30 发周报"
                    if lang == "zh" else
                    "# every half hour 8:00–18:30 (toolkit itself keeps to working hours and holidays); weekly on Monday 8:30")
    return {
        "cron": [
            cron_comment,
            f"0,30 8-18 * * * {q(remind)} >> $HOME/toolkit-remind.log 2>&1",
            f"30 8 * * 1 {q(weekly)} >> $HOME/toolkit-weekly.log 2>&1",
        ],
        "windows": [
            f'schtasks /Create /TN "toolkit remind" /SC DAILY /ST 08:00 /RI 30 /DU 10:30 /F /TR "{w(remind)}"',
            f'schtasks /Create /TN "toolkit weekly" /SC WEEKLY /D MON /ST 08:30 /F /TR "{w(weekly)}"',
        ],
    }
