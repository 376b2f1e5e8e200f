"""`toolkit schedule` prints lines a scheduler can run as they are."""

import shlex

from conftest import run_cli


def test_schedule_prints_cron_and_windows_lines_with_absolute_paths(tmp_path):
    (tmp_path / "toolkit.toml").write_text('lang = "zh"\n', encoding="utf-8")
    (tmp_path / "登记表").mkdir()
    result = run_cli("schedule", "登记表", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    remind = next(line for line in lines if line.startswith("0,30 8-18 * * * "))
    words = shlex.split(remind.split(" >> ")[0])[5:]
    assert words[-5:] == ["remind", str(tmp_path / "登记表"), "--config", str(tmp_path / "toolkit.toml"), "--send"]
    assert words[0].startswith("/")  # the toolkit that printed the line, by its full path
    weekly = next(line for line in lines if line.startswith("30 8 * * 1 "))
    assert "weekly" in weekly and "--week last" in weekly and "--email --send" in weekly
    tasks = [line for line in lines if line.startswith("schtasks /Create")]
    assert len(tasks) == 2 and '/TN "toolkit remind"' in tasks[0] and "/SC WEEKLY /D MON" in tasks[1]
