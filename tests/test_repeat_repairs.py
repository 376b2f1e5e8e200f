"""Repeat repairs (返修, issue #21): the same place with the same kind of fault again within
[weekly] repeat_days of the first repair, counted against the first repair's repairer, both orders
linked in the weekly workbook."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from helpers import MONDAY, W47, order, orders_file, run_cli, weekly_of
from toolkit.followup.repeats import place, repeat_repairs, same_fault


@pytest.mark.parametrize("a, b", [("3栋2单元501室", "3-2-501"), ("3幢2单元501", "3 - 2 - 501"), ("A座1203", "a座1203室")])
def test_one_place_however_the_address_is_written(a, b):
    assert place(a) == place(b)


def test_places_that_differ_are_not_guessed_alike():
    assert place("翠湖苑3-501") != place("3-501") and place("3-2-501") != place("3-2-502")


@pytest.mark.parametrize("a, b, fault", [
    ("卫生间漏水", "卫生间天花渗水", "leak"), ("厨房下水堵塞", "厨房下水道不通", "blocked"),
    ("客厅插座跳闸", "客厅又跳闸了", "power"), ("入户门锁坏了", "门锁打不开", "lock"),
    ("阳台推拉门变形", "阳台推拉门变形关不严", "similar"),
])
def test_the_same_kind_of_fault_by_keyword_or_by_words_in_common(a, b, fault):
    assert same_fault(a, b) == fault


@pytest.mark.parametrize("a, b", [("更换门锁", "疏通下水"), ("卫生间漏水", "客厅跳闸"), ("阳台推拉门变形", "厨房吊柜松动")])
def test_different_faults_are_not_a_repeat(a, b):
    assert same_fault(a, b) is None


def _orders(tmp_path, second_received=datetime(2026, 11, 18, 9, 0), second_content="卫生间天花又渗水"):
    return orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 2, 9, 0), completed=datetime(2026, 11, 2, 11, 0), content="卫生间漏水",
              location="3栋2单元501室", repairer="李明", returned=datetime(2026, 11, 2, 12, 0)),
        order("WX2611002", second_received, content=second_content, location="3-2-501"),
        order("WX2611003", datetime(2026, 11, 17, 9, 0), completed=datetime(2026, 11, 17, 10, 0),
              location="5栋101", content="卫生间漏水", repairer="周建", returned=datetime(2026, 11, 17, 11, 0)),
    ])


def test_a_repeat_within_the_window_is_counted_against_the_first_repairer(tmp_path):
    report = weekly_of([_orders(tmp_path)])
    [r] = repeat_repairs(report_registers := _registers(tmp_path), MONDAY, W47, 30)
    assert (r.first, r.again, r.repairer, r.fault) == ("WX2611001", "WX2611002", "李明", "leak")
    assert r.first_source.row == 3 and r.again_source.row == 4 and r.days == pytest.approx(15.9, abs=0.1)
    assert repeat_repairs(report_registers, MONDAY, W47, 10) == []  # outside a 10-day window
    assert report.responsibility is False  # a library caller's workbook keeps its layout


def _registers(tmp_path):
    from toolkit.config import Config
    from toolkit.validate import read_registers

    return read_registers([tmp_path / "维修登记.xlsx"], MONDAY, Config(), "en").registers


def test_another_fault_at_the_same_place_is_no_repeat(tmp_path):
    _orders(tmp_path, second_content="客厅灯不亮")
    assert repeat_repairs(_registers(tmp_path), MONDAY, W47, 30) == []


def test_the_weekly_workbook_lists_it_with_both_orders_linked_and_the_rate_per_engineer(tmp_path):
    _orders(tmp_path)
    (tmp_path / "toolkit.toml").write_text("[weekly]\nrepeat_days = 30\n", encoding="utf-8")
    run = run_cli("weekly", str(tmp_path / "维修登记.xlsx"), "--as-of", MONDAY.strftime("%Y-%m-%d %H:%M"), "--week",
                  str(W47), "--lang", "zh", "--out", str(tmp_path / "周报.xlsx"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "返修 (1)" in run.stdout and "100% (1/1)" in run.stdout
    ws = openpyxl.load_workbook(tmp_path / "周报.xlsx")["统计"]
    rows = [tuple(c.value for c in row) for row in ws[ws.tables["RepeatRepairs"].ref]]
    assert rows[1][:3] == ("WX2611002", "WX2611001", 15.9) and rows[1][5] == "李明"
    linked = [(c.value, c.hyperlink.location) for row in ws[ws.tables["RepeatRepairs"].ref][1:] for c in row
              if c.hyperlink]
    assert linked == [("WX2611002", "'2026年11月'!A4"), ("WX2611001", "'2026年11月'!A3")]  # both orders
    rates = [tuple(c.value for c in row) for row in ws[ws.tables["RepeatRates"].ref]]
    assert ("李明", 1, "100% (1/1)") in rates and ("周建", 0, "0% (0/1)") in rates


def test_repeat_days_is_a_checked_setting(tmp_path):
    _orders(tmp_path)
    (tmp_path / "toolkit.toml").write_text("[weekly]\nrepeat_days = 0\n", encoding="utf-8")
    run = run_cli("weekly", str(tmp_path / "维修登记.xlsx"), "--as-of", MONDAY.strftime("%Y-%m-%d %H:%M"), cwd=tmp_path)
    assert run.returncode == 2 and "repeat_days" in run.stderr
