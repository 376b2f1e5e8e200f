"""Every finding names who must fix it (分清责任, seed 001 三.11–13; issue #21): the issuer for the
issue-time cells, the return signer and the repairer for a returned order's signatures,
engineering for its sign-in, finance for its receipt, the complaint's first handler until it is
handed over; the role alone where the register names nobody."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import openpyxl
import pytest

from helpers import (
    AS_OF_ARGS, COMPLAINT_HEADER, COMPLAINT_TITLE, WORK_ORDER_HEADER, check, good_complaint, good_order, run_cli,
    write_register,
)
from toolkit.model.people import person_name, same_person
from toolkit.outputs.annotate import annotate_report
from toolkit.rules.catalog import all_rules

HEADER_WITH_ISSUER = WORK_ORDER_HEADER[:3] + ["发单人"] + WORK_ORDER_HEADER[3:]


def _who(report, rule):
    return [(f.field, f.person, f.role) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("written", ["王丽", "王丽（客服）", "客服王丽", "客服：王丽", "王丽 11/6", "王 丽", "王丽2026-11-06 14:05"])
def test_a_name_is_matched_however_the_clerk_dresses_it(written):
    assert person_name(written) == "王丽"


def test_names_are_never_guessed_onto_someone_else():
    assert not same_person("王丽", "王莉") and person_name("客服") is None and person_name("11/6") is None
    assert person_name("Mary  Wong (CS)") == "Mary Wong"


@pytest.mark.parametrize("header", ["发单人", "派单人", "开单人", "接报人", "受理人", "记录人", "接听人", "登记人", "派单员"])
def test_the_issuer_column_is_read_by_any_of_its_names(tmp_path, header):
    columns = WORK_ORDER_HEADER[:3] + [header] + WORK_ORDER_HEADER[3:]
    path = write_register(tmp_path / "r.xlsx", [good_order(报修地点=None, **{header: "王丽（客服）"})], columns)
    report = check(path)
    assert report.files[0].sheets[0].columns["issued_by"] == "D"
    assert _who(report, "missing-field") == [("location", ("王丽",), ("issuer",))]


def test_a_bare_kefu_column_names_the_issuer_only_where_nothing_better_does(tmp_path):
    columns = WORK_ORDER_HEADER[:3] + ["客服"] + WORK_ORDER_HEADER[3:]
    report = check(write_register(tmp_path / "r.xlsx", [good_order(报修内容=None, 客服="客服李娜")], columns))
    assert _who(report, "missing-field") == [("content", ("李娜",), ("issuer",))]


def test_without_people_columns_the_role_alone(tmp_path):
    header = [h for h in WORK_ORDER_HEADER if h not in ("返单签收人", "维修人员签字", "接单人")]
    path = write_register(tmp_path / "r.xlsx", [good_order(报修地点=None, 客户签字=None)], header)
    report = check(path)
    assert set(_who(report, "missing-field")) == {("location", (None,), ("issuer",))}


def test_a_returned_order_without_the_customer_signature_is_the_return_signer_and_the_repairer(tmp_path):
    report = check(write_register(tmp_path / "r.xlsx", [good_order(客户签字=None, 返单签收人="王丽 11/3")]))
    assert _who(report, "missing-signature") == [("customer_signature", ("王丽", "李明"), ("return_signer", "repairer"))]


def test_a_late_sign_in_is_engineering_s_and_finance_answers_for_its_receipt(tmp_path):
    late = good_order(工程部接单时间=datetime(2026, 11, 3, 14, 30))
    unreceipted = good_order(单号="WX2611002", 财务签收=None)
    report = check(write_register(tmp_path / "r.xlsx", [late, unreceipted], HEADER_WITH_ISSUER))
    assert _who(report, "slow-handoff") == [("accepted_at", ("李工", None), ("engineering", "issuer"))]
    assert _who(report, "finance-unreceipted") == [("finance_receipt", (None,), ("finance",))]


def test_a_complaint_is_the_first_handler_s_until_handed_over_then_the_owner_s(tmp_path):
    rows = [good_complaint(联系电话=None, 责任部门=None), good_complaint(投诉编号="TS2611002", 联系电话=None)]
    report = check(write_register(tmp_path / "c.xlsx", rows, COMPLAINT_HEADER, title=COMPLAINT_TITLE))
    found = [(f.person, f.role) for f in report.findings if f.rule == "missing-field" and f.field == "phone"]
    assert found == [(("王丽",), ("first_handler",)), (("秩序部",), ("owner",))]


def test_every_rule_says_who_answers_for_it():
    for r in all_rules():
        assert r.responsible is not None and r.responsible.roles, r.id


def test_validate_by_person_groups_findings_in_both_languages(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(客户签字=None), good_order(单号="WX2611002", 报修地点=None)],
                          HEADER_WITH_ISSUER)
    wb = openpyxl.load_workbook(path)
    wb.active["D3"], wb.active["D4"] = "王丽（客服）", "客服张敏"
    wb.save(path)
    zh = run_cli("validate", str(path), *AS_OF_ARGS, "--by", "person", "--lang", "zh")
    assert zh.returncode == 1, zh.stderr
    assert "王丽（返单签收人）：1 项" in zh.stdout and "李明（维修人员）：1 项" in zh.stdout
    assert "张敏（发单人）：1 项" in zh.stdout and "报修地点为空" in zh.stdout
    en = run_cli("validate", str(path), *AS_OF_ARGS, "--by", "person", "--lang", "en")
    assert "王丽 (return signer): 1 finding" in en.stdout and "张敏 (issuer): 1 finding" in en.stdout


def test_json_with_by_person_and_csv_name_who_must_fix_it(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(客户签字=None)])
    data = json.loads(run_cli("validate", str(path), *AS_OF_ARGS, "-f", "json", "--by", "person").stdout)
    [f] = data["findings"]
    assert f["person"] == ["王丽", "李明"] and f["role"] == ["return_signer", "repairer"]
    assert list(f)[-2:] == ["person", "role"]  # at the end of the contract
    plain = json.loads(run_cli("validate", str(path), *AS_OF_ARGS, "-f", "json").stdout)
    assert plain["findings"] == data["findings"]  # every JSON report names them
    out = run_cli("validate", str(path), *AS_OF_ARGS, "-f", "csv", "--lang", "zh").stdout
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][-1] == "应由谁改" and rows[1][-1] == "王丽（返单签收人）；李明（维修人员）"


def test_the_findings_sheet_names_who_must_fix_each_finding(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(客户签字=None)])
    [copy] = annotate_report(check(path, lang="zh"), tmp_path / "out")
    ws = openpyxl.load_workbook(copy.target).worksheets[0]
    assert ws["I3"].value == "应由谁改" and ws["I4"].value == "王丽（返单签收人）；李明（维修人员）"
