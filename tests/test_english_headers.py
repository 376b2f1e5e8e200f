"""English and bilingual headers (issue #19, point 6), as English-speaking property managers in
Hong Kong, Singapore and expatriate-run estates write them: abbreviations (No., #, Ref, W/O,
Tel, Mob., Sig., Rm/Flat, Blk), both word orders (Date Received, Received Date), British and
American spellings, mixed case, Chinese and English in one cell, and values in English
(Chargeable/FOC, Y/N, Pending, Satisfied/Dissatisfied). A header maps to its field or to none:
a customer's signature is never the customer's name, a return time never the person who returned
the form, a fee never the paid flag; English words inside other words (no in Notes, tel in
Hotel, sign in Assigned) never match."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from helpers import check, hits, run_cli, sheet, write_register, AS_OF_ARGS
from toolkit.ooxml.cells import column_letters

WO_TITLE = "Jade Court — Work Order Register (November 2026)"
COMPLAINT_TITLE = "Jade Court — Complaint Log (November 2026)"

# One good work order by field: completed, signed, returned, signed for by finance, no finding.
GOOD_ORDER = {
    "seq": 1, "order_no": "WO-2611001", "received_at": datetime(2026, 11, 3, 14, 0),
    "dispatched_at": datetime(2026, 11, 3, 14, 2), "location": "Block 3, Flat 12A",
    "content": "Kitchen tap leaking under the sink", "customer_name": "Mary Chan", "customer_phone": "13812345678",
    "paid": "Chargeable", "accepted_at": datetime(2026, 11, 3, 14, 5), "accepted_by": "Eng. Lee",
    "repairer_signature": "Peter Wong", "completed_at": datetime(2026, 11, 3, 16, 0), "customer_signature": "Mary Chan",
    "fee": 120, "delay_reason": None, "incomplete_reason": None, "returned_at": datetime(2026, 11, 3, 17, 0),
    "return_signer": "Amy Zhou", "special_approval": None, "finance_receipt": "Sun 11/6",
    "visit_at": datetime(2026, 11, 4, 10, 0), "visit_result": "Satisfied", "remarks": None,
}

# One good complaint by field: answered before the promise, visited, satisfied, closed.
GOOD_COMPLAINT = {
    "seq": 1, "complaint_no": "C-2611001", "received_at": datetime(2026, 11, 10, 9, 30), "complainant": "Mary Chan",
    "phone": "13812345678", "location": "Block 3, Flat 12A",
    "content": "Renovation noise upstairs during lunch hours", "category": "Management Service", "people_count": 1,
    "media_or_legal": None, "first_handler": "Amy Zhou", "owner": "Security Dept",
    "promised_reply_at": datetime(2026, 11, 12, 17, 0), "replied_at": datetime(2026, 11, 12, 10, 0),
    "result": "Contractor told to keep to the permitted hours", "visit_at": datetime(2026, 11, 14, 15, 0),
    "visit_result": "Satisfied", "closed_at": datetime(2026, 11, 14, 16, 0), "remarks": None,
}

# Header sets as sites write them: (header, the field it names, or None for a column no field takes).
WORK_ORDER_SETS = {
    "the site register's words": [
        ("No.", None), ("Work Order No.", "order_no"), ("Received", "received_at"), ("Unit", "location"),
        ("Description", "content"), ("Customer", "customer_name"), ("Tel.", "customer_phone"),
        ("Chargeable (Y/N)", "paid"), ("Dispatched", "dispatched_at"), ("Eng. Sign-in Time", "accepted_at"),
        ("Eng. Signed By", "accepted_by"), ("Technician Signature", "repairer_signature"),
        ("Completed", "completed_at"), ("Customer Signature", "customer_signature"), ("Amount (RMB)", "fee"),
        ("Delay Reason", "delay_reason"), ("Returned to CS", "returned_at"), ("CS Received By", "return_signer"),
        ("Finance Signed", "finance_receipt"),
    ],
    "Hong Kong, abbreviated": [
        ("W/O #", "order_no"), ("Date/Time Received", "received_at"), ("Blk/Flat", "location"),
        ("Description of Fault", "content"), ("Owner/Tenant", "customer_name"), ("Mob.", "customer_phone"),
        ("Paid/Free", "paid"), ("Time Dispatched", "dispatched_at"), ("Eng. Sign-in", "accepted_by"),
        ("Sign-in Time", "accepted_at"), ("Repaired By", "repairer_signature"), ("Date Completed", "completed_at"),
        ("Customer's Sig.", "customer_signature"), ("Fee (HK$)", "fee"), ("Reason for Delay", "delay_reason"),
        ("Reason Not Completed", "incomplete_reason"), ("Date Returned", "returned_at"),
        ("Return Received By", "return_signer"), ("Approved By", "special_approval"),
        ("Finance Receipt", "finance_receipt"), ("Remarks", "remarks"),
    ],
    "Singapore, other word orders": [
        ("S/N", "seq"), ("Job #", "order_no"), ("Reported On", "received_at"), ("Unit No.", "location"),
        ("Nature of Work", "content"), ("Name", "customer_name"), ("H/P", "customer_phone"),
        ("FOC / Chargeable", "paid"), ("Assigned Date", "dispatched_at"), ("Accepted At", "accepted_at"),
        ("Accepted By", "accepted_by"), ("Technician", "repairer_signature"), ("Completion Time", "completed_at"),
        ("Signed by Customer", "customer_signature"), ("Amount (S$)", "fee"), ("Delay Reason", "delay_reason"),
        ("Incomplete Reason", "incomplete_reason"), ("Returned On", "returned_at"),
        ("Return Signed By", "return_signer"), ("Special Approval", "special_approval"),
        ("Accounts Acknowledged", "finance_receipt"), ("Follow-up Date", "visit_at"),
        ("Follow-up Result", "visit_result"), ("Notes", "remarks"),
    ],
    "capitals, American spelling": [
        ("WORK ORDER NUMBER", "order_no"), ("RECEIVED DATE", "received_at"), ("ADDRESS", "location"),
        ("PROBLEM", "content"), ("CLIENT NAME", "customer_name"), ("CONTACT NO.", "customer_phone"),
        ("BILLABLE (Y/N)", "paid"), ("DISPATCH TIME", "dispatched_at"), ("ACKNOWLEDGED", "accepted_at"),
        ("TECHNICIAN SIGNATURE", "repairer_signature"), ("FINISHED", "completed_at"),
        ("CUSTOMER ACKNOWLEDGMENT", "customer_signature"), ("COST", "fee"), ("RETURNED TO OFFICE", "returned_at"),
        ("AUTHORIZED BY", "special_approval"), ("COMMENTS", "remarks"),
    ],
    "a system export in CamelCase": [
        ("OrderNo", "order_no"), ("CreatedTime", "received_at"), ("Location", "location"),
        ("Description", "content"), ("CustomerName", "customer_name"), ("CustomerPhone", "customer_phone"),
        ("ChargeType", "paid"), ("DispatchTime", "dispatched_at"), ("AcceptTime", "accepted_at"),
        ("AssignedTo", "repairer_signature"), ("CompletedTime", "completed_at"), ("Fee", "fee"),
        ("Remark", "remarks"),
    ],
    "bilingual, one cell each": [
        ("单号 Order No.", "order_no"), ("报修时间 Time Received", "received_at"), ("地点 Location", "location"),
        ("报修内容 Description", "content"), ("客户 Customer", "customer_name"), ("电话 Tel", "customer_phone"),
        ("有偿/无偿 Paid/Free", "paid"), ("派单时间 Dispatch Time", "dispatched_at"),
        ("工程部接单时间 Eng. Sign-in Time", "accepted_at"), ("接单人 Eng. Signed By", "accepted_by"),
        ("维修人员签字 Repairer Signature", "repairer_signature"), ("完工时间 Completion Time", "completed_at"),
        ("客户签字 Customer Signature", "customer_signature"), ("费用(元) Fee (RMB)", "fee"),
        ("延误原因 Delay Reason", "delay_reason"), ("未完成原因 Incomplete Reason", "incomplete_reason"),
        ("返单时间 Return Time", "returned_at"), ("返单签收人 Return Signed By", "return_signer"),
        ("特殊批示 Special Approval", "special_approval"), ("财务签收 Finance Receipt", "finance_receipt"),
    ],
    "bilingual, English first on two lines": [
        ("Order No.\n单号", "order_no"), ("Received\n报修时间", "received_at"), ("Flat\n房号", "location"),
        ("Details\n报修内容", "content"), ("Resident\n住户", "customer_name"), ("Phone\n联系电话", "customer_phone"),
        ("Charge Type\n收费类型", "paid"), ("Dispatched\n派单时间", "dispatched_at"),
        ("Eng. Received\n工程部签收时间", "accepted_at"), ("Completed\n完工时间", "completed_at"),
        ("Customer Sign\n客户签名", "customer_signature"), ("Charges\n费用", "fee"),
        ("Returned\n返单时间", "returned_at"), ("Finance\n财务签收", "finance_receipt"),
    ],
}

COMPLAINT_SETS = {
    "Hong Kong": [
        ("Case No.", "complaint_no"), ("Date Received", "received_at"), ("Complainant", "complainant"),
        ("Contact No.", "phone"), ("Flat", "location"), ("Nature of Complaint", "content"), ("Category", "category"),
        ("No. of People", "people_count"), ("Media / Legal", "media_or_legal"), ("Received By", "first_handler"),
        ("Responsible Dept.", "owner"), ("Reply Due", "promised_reply_at"), ("Date Replied", "replied_at"),
        ("Action Taken", "result"), ("Follow-up Date", "visit_at"), ("Satisfaction", "visit_result"),
        ("Date Closed", "closed_at"), ("Remarks", "remarks"),
    ],
    "Singapore": [
        ("Ref #", "complaint_no"), ("Lodged On", "received_at"), ("Name", "complainant"), ("Mobile", "phone"),
        ("Unit", "location"), ("Complaint Details", "content"), ("Type", "category"),
        ("Households Affected", "people_count"), ("First Handler", "first_handler"),
        ("Person in Charge", "owner"), ("Target Reply Date", "promised_reply_at"), ("Replied On", "replied_at"),
        ("Outcome", "result"), ("Callback Date", "visit_at"), ("Callback Result", "visit_result"),
        ("Closed On", "closed_at"), ("Notes", "remarks"),
    ],
    "bilingual": [
        ("投诉编号 Complaint No.", "complaint_no"), ("投诉时间 Time Received", "received_at"),
        ("投诉人 Complainant", "complainant"), ("联系电话 Tel", "phone"), ("房号 Flat", "location"),
        ("投诉内容 Details", "content"), ("投诉类别 Category", "category"), ("首问责任人 First Handler", "first_handler"),
        ("责任部门 Responsible Dept.", "owner"), ("承诺答复时间 Promised Reply Time", "promised_reply_at"),
        ("答复时间 Reply Time", "replied_at"), ("处理结果 Action Taken", "result"),
        ("回访时间 Return Visit Date", "visit_at"), ("回访结果 Return Visit Result", "visit_result"),
        ("结案时间 Date Closed", "closed_at"),
    ],
}


def english_register(path, columns, rows, title=WO_TITLE, sheet_name="Nov 2026"):
    """A register headed by ``columns`` ((header, field) pairs), one row per dict of field → value."""
    header = [h for h, _ in columns]
    return write_register(path, [[row.get(f) if f else None for _, f in columns] for row in rows], header,
                          sheet=sheet_name, title=title)


def expected(columns):
    """Field → letter, as the report lists them: the row counter (seq) is not listed, and a reason
    column for a delay or for an unfinished order alone serves both (延误/未完成原因)."""
    found = {f: column_letters(i + 1) for i, (_, f) in enumerate(columns) if f and f != "seq"}
    reasons = [f for f in ("delay_reason", "incomplete_reason") if f in found]
    if len(reasons) == 1:
        found["delay_reason"] = found["incomplete_reason"] = found[reasons[0]]
    return found


def not_taken(columns):
    return [f"{column_letters(i + 1)}: {h}" for i, (h, f) in enumerate(columns) if f is None]


@pytest.mark.parametrize("name", WORK_ORDER_SETS)
def test_an_english_work_order_header_maps_every_column_to_its_field(tmp_path, name):
    columns = WORK_ORDER_SETS[name]
    report = check(english_register(tmp_path / "register.xlsx", columns, [GOOD_ORDER]))
    found = sheet(report)
    assert found.kind == "work_orders"
    assert found.columns == expected(columns)
    assert found.unmapped_columns == not_taken(columns)
    assert report.findings == []


@pytest.mark.parametrize("name", COMPLAINT_SETS)
def test_an_english_complaint_header_maps_every_column_to_its_field(tmp_path, name):
    columns = COMPLAINT_SETS[name]
    report = check(english_register(tmp_path / "complaints.xlsx", columns, [GOOD_COMPLAINT], COMPLAINT_TITLE))
    found = sheet(report)
    assert found.kind == "complaints"
    assert found.columns == expected(columns)
    assert found.unmapped_columns == []
    assert report.findings == []


# ---- either half of a bilingual header decides, and decides alike ----------------------------------

BILINGUAL = WORK_ORDER_SETS["bilingual, one cell each"]


@pytest.mark.parametrize("style", [
    lambda zh, en: zh, lambda zh, en: en, lambda zh, en: f"{zh} {en}", lambda zh, en: f"{en} {zh}",
    lambda zh, en: f"{zh}\n{en}", lambda zh, en: f"{en} / {zh}", lambda zh, en: f"{zh}({en})",
], ids=["chinese", "english", "zh en", "en zh", "two lines", "en / zh", "en in brackets"])
def test_a_bilingual_header_maps_alike_whichever_half_is_read(tmp_path, style):
    columns = [(style(*h.split(" ", 1)), f) for h, f in BILINGUAL]
    report = check(english_register(tmp_path / "bilingual.xlsx", columns, [GOOD_ORDER]))
    assert sheet(report).columns == expected(columns)
    assert report.findings == []


# ---- a signature is not a name, a time is not a person, a fee is not the flag ---------------------------

SHORT = [("Order No.", "order_no"), ("Date Received", "received_at"), ("Flat", "location"),
         ("Description", "content"), ("Tel", "customer_phone"), ("Dispatched", "dispatched_at"),
         ("Completed", "completed_at")]


@pytest.mark.parametrize("header, field", [
    ("Customer Name", "customer_name"), ("Customer", "customer_name"), ("Name of Customer", "customer_name"),
    ("Customer Signature", "customer_signature"), ("Customer's Signature", "customer_signature"),
    ("Signed by Customer", "customer_signature"), ("Cust. Sig.", "customer_signature"),
    ("Customer Sign-off", "customer_signature"), ("Customer Acceptance", "customer_signature"),
    ("Received By", None), ("Returned By", None),
    ("Returned", "returned_at"), ("Returned At", "returned_at"), ("Time Returned", "returned_at"),
    ("Return Signed By", "return_signer"),
    ("Completed By", "repairer_signature"), ("Engineer Signature", "repairer_signature"),
    ("Eng. Signed By", "accepted_by"), ("Accepted By", "accepted_by"), ("Accepted", "accepted_at"),
    ("Fee (HK$)", "fee"), ("Charges", "fee"), ("Amount Paid", "fee"), ("HK$", "fee"),
    ("Chargeable?", "paid"), ("Paid/Free", "paid"), ("Charge Type", "paid"), ("FOC?", "paid"),
])
def test_names_signatures_signers_times_fees_and_flags_are_told_apart(tmp_path, header, field):
    columns = SHORT + [(header, field)]
    report = check(english_register(tmp_path / "register.xlsx", columns, [GOOD_ORDER]))
    found = sheet(report)
    assert found.columns == expected(columns)
    if field is None:
        assert found.unmapped_columns == [f"H: {header}"]


@pytest.mark.parametrize("header", [
    "Hotel", "Design", "Assignment", "Last Updated", "Nothing", "Notebook Ref", "Overtime Hours", "Customer Service",
    "Feedback Channel", "Unpaid Balance", "Recorded Temperature",
])
def test_an_english_keyword_inside_another_word_matches_nothing(tmp_path, header):
    """no in Nothing, tel in Hotel, sign in Design and Assignment, date in Updated, fee in
    Feedback, paid in Unpaid: a word inside another word is not that word."""
    columns = SHORT + [(header, None)]
    report = check(english_register(tmp_path / "register.xlsx", columns, [GOOD_ORDER]))
    assert sheet(report).columns == expected(SHORT)
    assert sheet(report).unmapped_columns == [f"H: {header}"]


def test_notes_beside_no_is_the_remarks_and_no_is_the_number(tmp_path):
    columns = [("No.", "order_no"), ("Received", "received_at"), ("Flat", "location"), ("Description", "content"),
               ("Tel", "customer_phone"), ("Dispatched", "dispatched_at"), ("Completed", "completed_at"),
               ("Notes", "remarks")]
    report = check(english_register(tmp_path / "register.xlsx", columns, [GOOD_ORDER]))
    assert sheet(report).columns == expected(columns)


# ---- not a register: English business lists share the words --------------------------------------

@pytest.mark.parametrize("header", [
    ["Name", "Phone", "Address", "Date", "Notes"],
    ["Ref #", "Contact Name", "Contact Number", "Address", "City", "Weight", "Material Cost", "Remarks"],
    ["Id", "Name", "Category", "Value", "Date", "Misc"],
])
def test_an_english_address_book_or_price_list_is_not_a_register(tmp_path, header):
    path = tmp_path / "list.xlsx"
    rows = [[f"{h} {i}" if h not in ("Date",) else datetime(2026, 11, i, 9, 0) for h in header] for i in (1, 2, 3)]
    write_register(path, rows, header, sheet="Sheet1", title=None)
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--lang", "en")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no register found" in result.stdout + result.stderr


# ---- values in English -----------------------------------------------------------------------------

FULL = WORK_ORDER_SETS["Hong Kong, abbreviated"]


@pytest.mark.parametrize("paid, fee, rule", [
    ("Chargeable", None, "missing-fee"), ("Paid", None, "missing-fee"), ("Y", None, "missing-fee"),
    ("FOC", None, None), ("Free", None, None), ("Free of charge", None, None), ("N", None, None),
    ("Non-chargeable", None, None), ("Chargeable", "120.00", None), ("Paid (cash)", 80, None),
])
def test_paid_or_free_written_in_english(tmp_path, paid, fee, rule):
    order = {**GOOD_ORDER, "paid": paid, "fee": fee}
    report = check(english_register(tmp_path / "register.xlsx", FULL, [order]))
    assert [f.rule for f in report.findings] == ([rule] if rule else [])


def test_pending_in_the_completion_column_is_an_open_order_and_not_signed_is_no_signature(tmp_path):
    open_order = {**GOOD_ORDER, "order_no": "WO-2611002", "received_at": datetime(2026, 11, 24, 14, 0),
                  "dispatched_at": datetime(2026, 11, 24, 14, 2), "accepted_at": datetime(2026, 11, 24, 14, 4),
                  "completed_at": "Pending", "customer_signature": None, "fee": None, "returned_at": None,
                  "return_signer": None, "finance_receipt": None, "paid": "FOC", "repairer_signature": None}
    unsigned = {**GOOD_ORDER, "order_no": "WO-2611003", "customer_signature": "Not signed"}
    report = check(english_register(tmp_path / "register.xlsx", FULL, [open_order, unsigned]))
    assert [(f.row, f.rule) for f in report.findings] == [(4, "missing-signature")]  # the second order


def test_dates_with_the_month_in_words_are_read(tmp_path):
    order = {**GOOD_ORDER, "received_at": "3 Nov 2026 14:00", "dispatched_at": "03-Nov-2026 14:02",
             "accepted_at": "Nov 3, 2026 2:05 PM", "completed_at": "3 November 2026 16:00",
             "returned_at": "3-Nov-26 17:00"}
    report = check(english_register(tmp_path / "register.xlsx", FULL, [order]))
    assert report.findings == []


@pytest.mark.parametrize("result, unsatisfied", [
    ("Satisfied", False), ("Very satisfied", False), ("Dissatisfied", True), ("Very dissatisfied", True),
    ("Not satisfied", True), ("Not very satisfied", True),
])
def test_a_closed_complaint_the_customer_was_not_satisfied_with_is_found_in_english(tmp_path, result, unsatisfied):
    columns = COMPLAINT_SETS["Hong Kong"]
    complaint = {**GOOD_COMPLAINT, "visit_result": result}
    report = check(english_register(tmp_path / "complaints.xlsx", columns, [complaint], COMPLAINT_TITLE))
    assert bool(hits(report, "closed-unsatisfied")) == unsatisfied
    assert [f.rule for f in report.findings if f.rule != "closed-unsatisfied"] == []


def test_a_complaint_closed_y_n_column_and_english_categories(tmp_path):
    columns = [(h, f) for h, f in COMPLAINT_SETS["Hong Kong"] if f != "closed_at"] + [("Closed (Y/N)", "closed_at")]
    rows = [{**GOOD_COMPLAINT, "closed_at": "Y", "category": "Fees & Charges"},
            {**GOOD_COMPLAINT, "complaint_no": "C-2611002", "closed_at": "Closed", "category": "Facilities"},
            {**GOOD_COMPLAINT, "complaint_no": "C-2611003", "closed_at": "Open", "category": "Emergency",
             "visit_at": None, "visit_result": None}]
    report = check(english_register(tmp_path / "complaints.xlsx", columns, rows, COMPLAINT_TITLE))
    assert sheet(report).columns["closed_at"] == column_letters(len(columns))
    assert report.findings == []


# ---- the CLI on an English register with planted defects ----------------------------------------------

CLI_COLUMNS = WORK_ORDER_SETS["the site register's words"]


def _order(n, day, **changes):
    received = datetime(2026, 11, day, 9, 0)
    order = {**GOOD_ORDER, "order_no": f"WO-{300 + n}", "received_at": received,
             "dispatched_at": received.replace(minute=3), "accepted_at": received.replace(minute=6),
             "completed_at": received.replace(hour=11), "returned_at": received.replace(hour=12),
             "finance_receipt": None, "paid": "N", "fee": None}
    order.update(changes)
    return order


def test_the_cli_finds_the_planted_defects_of_an_english_register_and_nothing_else(tmp_path):
    rows = [
        _order(1, 2),
        _order(2, 3, paid="Y", fee=150, finance_receipt="Sun 11/6"),
        _order(3, 4, customer_signature=None),                                   # row 5: missing-signature
        _order(4, 5, return_signer="Peter Wong"),                                # row 6: proxy-signature
        _order(5, 6, accepted_at=datetime(2026, 11, 6, 9, 15)),                  # row 7: slow-handoff
        _order(6, 9, paid="Y", fee=220),                                         # row 8: finance-unreceipted
        _order(7, 10),
        _order(7, 11),                                                           # row 10: duplicate-number
        _order(8, 12, paid="Y", fee=None, finance_receipt="Sun 11/13"),          # row 11: missing-fee
        _order(9, 13, customer_name="James O'Brien", customer_signature="James O'Brien"),
        _order(10, 24, completed_at=None, returned_at=None, customer_signature=None, return_signer=None),
    ]
    path = english_register(tmp_path / "JadeCourt-Work-Order-Register-Nov-2026.xlsx", CLI_COLUMNS, rows)
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--format", "json", "--lang", "en")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    found = sorted((f["row"], f["rule"]) for f in data["findings"])
    assert found == [(5, "missing-signature"), (6, "proxy-signature"), (7, "slow-handoff"),
                     (8, "finance-unreceipted"), (10, "duplicate-number"), (11, "missing-fee")]
    assert data["files"][0]["sheets"][0]["columns"] == expected(CLI_COLUMNS)
    text = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "en").stdout
    assert "customer's signature=N" in text and "customer name=F" in text


@pytest.mark.parametrize("number", ["单号", "Order No.", "Ref"])
def test_a_bare_no_is_the_row_counter_beside_a_column_naming_the_form_number(tmp_path, number):
    columns = [("No.", "seq"), (number, "order_no"), ("Received", "received_at"), ("Flat", "location"),
               ("Description", "content"), ("Tel", "customer_phone"), ("Dispatched", "dispatched_at"),
               ("Completed", "completed_at")]
    rows = [{**GOOD_ORDER, "seq": 1, "order_no": "WO-2611001"}, {**GOOD_ORDER, "seq": 2, "order_no": "WO-2611002"}]
    path = english_register(tmp_path / "register.xlsx", columns, rows)
    report = check(path)
    assert sheet(report).columns == expected(columns)
    assert report.findings == []
