"""Where the store lives, and what a run leaves behind (#20.5): previews write nothing; the store
is where `ledger` says, else beside the config, else in the user's data folder; the weekly
history is kept per site, so two sites run with one config never mix. Real CLI runs in a tmp cwd."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers import ROOT, order, orders_file, run_cli, short_complaint, short_complaints_file

W46 = ("--week", "2026-W46", "--as-of", "2026-11-16 08:30")
W47 = ("--week", "2026-W47", "--as-of", "2026-11-23 08:30")


def _orders(folder: Path, n: int, first: datetime = datetime(2026, 11, 9, 8, 0)) -> Path:
    """``n`` orders received from ``first`` on, one an hour, each completed three hours later."""
    folder.mkdir(parents=True, exist_ok=True)
    return orders_file(folder, [order(f"WX2611{i:03d}", first + timedelta(hours=i), completed=first + timedelta(hours=i + 3))
                                for i in range(1, n + 1)])


def _site(folder: Path) -> Path:
    """A site's registers: three orders received in W46, one in W47, a complaint due on the 25th."""
    folder.mkdir(parents=True, exist_ok=True)
    first = datetime(2026, 11, 9, 8, 0)
    orders_file(folder, [order(f"WX2611{i:03d}", first + timedelta(hours=i), completed=first + timedelta(hours=i + 3))
                         for i in range(1, 4)] + [order("WX2611101", datetime(2026, 11, 17, 9, 0))])
    short_complaints_file(folder, [short_complaint("TS2611001", datetime(2026, 11, 25, 17, 0))])
    return folder


def _rows(store: Path, sql: str) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(store)) as db:
        return sorted(db.execute(sql).fetchall())


def _tree(*folders: Path) -> dict[str, int]:
    """Every file under ``folders`` with its size (a store, a -wal, a lock file appearing shows)."""
    return {str(p): p.stat().st_size for folder in folders if folder.exists() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def data_home(tmp_path):
    """The user's data folder of these runs (platformdirs follows XDG_DATA_HOME)."""
    return tmp_path / "data"


def _run(*args, cwd: Path, data_home: Path):
    return run_cli(*args, cwd=cwd, env={"XDG_DATA_HOME": str(data_home)})


def _weekly_json(site: Path, *args, cwd: Path, data_home: Path) -> dict:
    result = _run("weekly", str(site), *args, "--format", "json", "--lang", "en", cwd=cwd, data_home=data_home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_previews_leave_no_file_anywhere_without_a_config(tmp_path, data_home):
    cwd = tmp_path / "run"
    site = _site(cwd / "登记表")
    before = _tree(cwd)
    previews = [("weekly", str(site), *W47), ("weekly", str(site), *W47, "--format", "json"),
                ("weekly", "登记表", "--week", "last"), ("remind", str(site), "--as-of", "2026-11-25 10:00"),
                ("remind", "登记表", "--format", "json")]
    for args in previews:
        result = _run(*args, "--lang", "en", cwd=cwd, data_home=data_home)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert _tree(cwd) == before, args  # no toolkit.sqlite, no toolkit.sqlite.lock, no -wal
        assert not data_home.exists(), args  # nor one in the user's data folder
    assert not (cwd / "toolkit.sqlite").exists() and not (cwd / "toolkit.sqlite.lock").exists()


def test_a_preview_reads_an_existing_store_and_changes_nothing_in_it(tmp_path, data_home, reminder_site):
    register, _server = reminder_site([short_complaint("TS2611001", datetime(2026, 11, 25, 17, 0))],
                                      people={"王丽": "wangli@example.com", "陈晓": "chenxiao@example.com"})
    site = _site(tmp_path / "site")
    recorded = _run("weekly", str(site), *W46, "--out", str(tmp_path / "out" / "w46.xlsx"), cwd=tmp_path,
                    data_home=data_home)
    assert recorded.returncode == 0, recorded.stderr
    store = tmp_path / "toolkit.sqlite"  # beside the config reminder_site wrote
    assert store.is_file()
    before, stamp = _tree(tmp_path), store.stat().st_mtime_ns
    preview = _weekly_json(site, *W47, cwd=tmp_path, data_home=data_home)
    assert preview["stats"]["last_week"]["orders"]["received"] == 3  # W46's row, read
    assert preview["history_saved"] is False
    remind = _run("remind", str(register), "--as-of", "2026-11-25 10:00", "--lang", "en", cwd=tmp_path,
                  data_home=data_home)
    assert remind.returncode == 0, remind.stderr
    assert "wangli@example.com" in remind.stdout  # the preview said who would get what
    assert _tree(tmp_path) == before and store.stat().st_mtime_ns == stamp  # no lock file, no write
    assert not data_home.exists()


def test_the_store_is_beside_the_config_or_where_ledger_says(tmp_path, data_home):
    site = _site(tmp_path / "site")
    (tmp_path / "cfg").mkdir()
    config = tmp_path / "cfg" / "toolkit.toml"
    config.write_text("", encoding="utf-8")
    out = ("--out", str(tmp_path / "out" / "weekly.xlsx"))
    assert _run("weekly", str(site), *W47, *out, "--config", str(config), cwd=tmp_path, data_home=data_home).returncode == 0
    assert (tmp_path / "cfg" / "toolkit.sqlite").is_file()
    config.write_text('ledger = "kept/history.sqlite"\n', encoding="utf-8")
    result = _run("weekly", str(site), *W47, *out, "--config", str(config), "--lang", "en", cwd=tmp_path,
                  data_home=data_home)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cfg" / "kept" / "history.sqlite").is_file()  # relative to the config's folder
    assert f"in {tmp_path / 'cfg' / 'kept' / 'history.sqlite'}" in result.stdout
    assert not data_home.exists() and not (tmp_path / "toolkit.sqlite").exists()


def test_without_a_config_the_store_is_in_the_users_data_folder(tmp_path, data_home):
    cwd = tmp_path / "run"
    site = _site(cwd / "登记表")
    first = _run("weekly", "登记表", *W46, "--out", "w46.xlsx", "--lang", "en", cwd=cwd, data_home=data_home)
    assert first.returncode == 0, first.stderr
    store = data_home / "toolkit" / "toolkit.sqlite"
    assert store.is_file()
    assert not (cwd / "toolkit.sqlite").exists() and not (cwd / "toolkit.sqlite.lock").exists()
    assert f"Compared with the weeks stored for {site}, in {store}" in first.stdout
    second = _weekly_json(site, *W47, "--out", str(cwd / "w47.xlsx"), cwd=tmp_path, data_home=data_home)
    assert second["stats"]["last_week"]["orders"]["received"] == 3 and second["history_saved"] is True


def test_a_store_an_earlier_version_left_in_the_run_folder_stays_in_use(tmp_path, data_home):
    cwd = tmp_path / "run"
    site = _site(cwd / "登记表")
    _old_store(cwd / "toolkit.sqlite", {"2026-W46": _old_week("2026-W46", 7, site / "维修登记.xlsx")})
    data = _weekly_json(site, *W47, "--out", str(cwd / "w47.xlsx"), cwd=cwd, data_home=data_home)
    assert data["stats"]["last_week"]["orders"]["received"] == 7
    assert not data_home.exists()
    assert _rows(cwd / "toolkit.sqlite", "SELECT week FROM weekly_history") == [("2026-W46",), ("2026-W47",)]


def test_two_sites_with_one_config_keep_their_own_weeks(tmp_path, data_home):
    (tmp_path / "toolkit.toml").write_text("", encoding="utf-8")
    sunshine = _site(tmp_path / "阳光花园")
    jade = tmp_path / "翠湖苑"
    _orders(jade, 5, datetime(2026, 11, 16, 8, 0))
    out = ("--out", str(tmp_path / "out" / "weekly.xlsx"))
    assert _weekly_json(sunshine, *W46, *out, cwd=tmp_path, data_home=data_home)["history_saved"] is True
    # the second site's W47: not compared with the first site's W46
    jade_w47 = _weekly_json(jade, *W47, *out, cwd=tmp_path, data_home=data_home)
    assert jade_w47["stats"]["last_week"] is None and jade_w47["stats"]["history"] == []
    # nor does the second site's W46 replace the first's
    assert _weekly_json(jade, *W46, *out, cwd=tmp_path, data_home=data_home)["history_saved"] is True
    sunshine_w47 = _weekly_json(sunshine, *W47, *out, cwd=tmp_path, data_home=data_home)
    assert sunshine_w47["stats"]["last_week"]["orders"]["received"] == 3
    text = _run("weekly", str(jade), *W47, "--lang", "en", cwd=tmp_path, data_home=data_home).stdout
    assert f"Compared with the weeks stored for {jade}, in " in text and "a preview" in text
    zh = _run("weekly", str(sunshine), *W47, "--lang", "zh", cwd=tmp_path, data_home=data_home).stdout
    assert f"往周比较：{sunshine} 的历史" in zh
    assert _rows(tmp_path / "toolkit.sqlite", "SELECT site, week FROM weekly_history") == sorted([
        (str(sunshine), "2026-W46"), (str(sunshine), "2026-W47"), (str(jade), "2026-W46"), (str(jade), "2026-W47")])


def test_a_site_is_its_folders_however_they_are_typed(tmp_path, data_home):
    (tmp_path / "toolkit.toml").write_text("", encoding="utf-8")
    site = _site(tmp_path / "site")
    (tmp_path / "elsewhere").mkdir()
    out = ("--out", str(tmp_path / "out" / "weekly.xlsx"))
    assert _weekly_json(site, *W46, *out, "--config", str(tmp_path / "toolkit.toml"), cwd=tmp_path / "elsewhere",
                        data_home=data_home)["history_saved"] is True
    result = _run("weekly", "../site", *W47, "--format", "json", "--config", "../toolkit.toml", cwd=tmp_path / "elsewhere",
                  data_home=data_home)
    assert json.loads(result.stdout)["stats"]["last_week"]["orders"]["received"] == 3


def _old_week(week: str, received: int, register: Path) -> dict:
    """A week's counts as earlier versions stored them, naming the register its findings were in."""
    return {"week": week, "orders": {"received": received},
            "findings": {"by_register": {f"{register.resolve()} › 2026年11月": 1}}}


def _old_store(path: Path, weeks: dict[str, dict]) -> None:
    """A store as versions before sites wrote it: one weekly_history row per week, the week its key."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE weekly_history (week TEXT PRIMARY KEY, as_of TEXT NOT NULL, counts TEXT NOT NULL)")
        for week, counts in weeks.items():
            db.execute("INSERT INTO weekly_history VALUES (?, '2026-11-16T08:30', ?)",
                       (week, json.dumps(counts, ensure_ascii=False)))


def test_weeks_stored_before_sites_are_found_for_their_own_site_only_and_kept(tmp_path, data_home):
    (tmp_path / "toolkit.toml").write_text("", encoding="utf-8")
    sunshine = _site(tmp_path / "阳光花园")
    jade = tmp_path / "翠湖苑"
    _orders(jade, 5, datetime(2026, 11, 16, 8, 0))
    _old_store(tmp_path / "toolkit.sqlite", {"2026-W45": _old_week("2026-W45", 6, sunshine / "维修登记.xlsx"),
                                             "2026-W46": _old_week("2026-W46", 7, sunshine / "维修登记.xlsx")})
    # a preview reads the old store as it is: nothing rebuilt
    preview = _weekly_json(sunshine, *W47, cwd=tmp_path, data_home=data_home)
    assert preview["stats"]["last_week"]["orders"]["received"] == 7
    assert "site" not in [row[1] for row in _rows(tmp_path / "toolkit.sqlite", "PRAGMA table_info(weekly_history)")]
    out = ("--out", str(tmp_path / "out" / "weekly.xlsx"))
    jade_w47 = _weekly_json(jade, *W47, *out, cwd=tmp_path, data_home=data_home)
    assert jade_w47["stats"]["last_week"] is None  # the other site's old weeks are not its own
    sunshine_w47 = _weekly_json(sunshine, *W47, *out, cwd=tmp_path, data_home=data_home)
    assert [w["orders"]["received"] for w in sunshine_w47["stats"]["history"]] == [6, 7]
    rows = _rows(tmp_path / "toolkit.sqlite", "SELECT site, week FROM weekly_history")  # rebuilt once, old rows kept
    assert rows == sorted([("", "2026-W45"), ("", "2026-W46"), (str(jade), "2026-W47"), (str(sunshine), "2026-W47")])


def test_platformdirs_is_a_declared_dependency_with_a_lower_bound():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.replace(" ", "").startswith("platformdirs>=") for d in declared), declared
