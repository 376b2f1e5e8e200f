"""Each recipient of the weekly digest gets their part (issue #20.2): the supervisor everything,
finance the hand-over sheet, engineering the unfinished orders, and customers' names and phones
only on the lists someone calls from. Every attachment a real SMTP server received is read back
with openpyxl and searched for phone numbers and customers' names."""

from __future__ import annotations

import email
import email.policy
import io
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import openpyxl
import pytest

from helpers import run_weekly
from smtp_server import smtp_config

# Mainland mobiles (13x–19x, 11 digits) and landlines (0 + area code, 7–8 digits), alone in their text.
PHONE = re.compile(r"(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
CUSTOMERS = ("刘伟", "陈静")  # helpers.order's customer and helpers.weekly_complaint's complainant

RECIPIENTS = ('\n[weekly]\nto = ["supervisor@example.com"]\nfinance = ["finance@example.com"]\n'
              'engineering = ["工程部"]\n\n[people."工程部"]\nemail = "gongcheng@example.com"\n')


@pytest.fixture
def received(weekly_site, tmp_path):
    """The week's digests as the server got them: address → (message, {sheet: [row texts]}, workbook)."""
    server = weekly_site(extra=RECIPIENTS)
    result = run_weekly(tmp_path, "--send", "--lang", "zh")
    assert result.returncode == 0, result.stdout + result.stderr
    out = {}
    for m in server.received:
        message = email.message_from_bytes(m.raw, policy=email.policy.default)
        [attachment] = [p for p in message.iter_attachments()]
        wb = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
        cells = {ws.title: [" ".join("" if v is None else str(v) for v in row) for row in ws.iter_rows(values_only=True)]
                 for ws in wb.worksheets}
        out[m.recipients[0]] = (message, cells, wb)
    return out


def _body(message) -> str:
    return "\n".join(p.get_content() for p in message.walk() if p.get_content_maintype() == "text"
                     and not p.get_filename())


def test_the_supervisor_gets_every_sheet_and_the_call_list_keeps_its_phones(received):
    _, cells, _ = received["supervisor@example.com"]
    assert list(cells) == ["汇总", "未完成工单", "超时事项", "交财务", "回访清单", "检查结果", "统计"]
    assert PHONE.search("\n".join(cells["回访清单"])), "the return visits are a call list: the phone is the point"


def test_finance_gets_the_hand_over_sheet_only_with_no_customer_data(received):
    message, cells, _ = received["finance@example.com"]
    assert list(cells) == ["交财务"]
    text = "\n".join(cells["交财务"])
    assert "WX2611003" in text and "120" in text
    assert "客户姓名" not in cells["交财务"][0]
    for where, content in (("attachment", text), ("mail", _body(message))):
        assert not PHONE.search(content), f"a phone number in finance's {where}"
        assert not any(name in content for name in CUSTOMERS), f"a customer's name in finance's {where}"


def test_engineering_gets_the_unfinished_orders_without_names_or_phones(received):
    message, cells, _ = received["gongcheng@example.com"]
    assert list(cells) == ["未完成工单"]
    text = "\n".join(cells["未完成工单"])
    assert "WX2611001" in text and "WX2611002" in text and "WX2611003" not in text
    assert "等配件" in text  # the reason, which engineering must write
    body = _body(message)
    assert message["Subject"] == "【未完成工单】2026-W47 共 2 张"
    assert "WX2611001" in body and "截至本周末仍未完成的维修工单共 2 张" in body
    assert "TS2611001" not in body  # no complaint details
    for where, content in (("attachment", text), ("mail", body)):
        assert not PHONE.search(content), f"a phone number in engineering's {where}"
        assert not any(name in content for name in CUSTOMERS), f"a customer's name in engineering's {where}"


def test_every_link_of_every_attachment_is_absolute_and_names_the_register(received, tmp_path):
    registers = {(tmp_path / "维修登记.xlsx").resolve(), (tmp_path / "投诉登记.xlsx").resolve()}
    for address, (_, _, wb) in received.items():
        targets = [c.hyperlink for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.hyperlink]
        assert targets, address
        for link in targets:
            assert link.target.startswith("file:///"), (address, link.target)
            assert Path(unquote(urlparse(link.target).path)) in registers, (address, link.target)
            assert link.location and "!" in link.location


def test_the_digest_says_plainly_that_links_from_a_local_disk_open_on_this_computer_only(received, tmp_path):
    for address, (message, _, _) in received.items():
        body = _body(message)
        assert "每一行都链接回登记表原单元格" not in body, address
        assert "不在共享文件夹中" in body and str(tmp_path.resolve()) in body, address


def test_the_links_are_said_to_work_everywhere_only_for_a_network_share():
    from toolkit.outputs.recipients import absolute_target, link_reach

    share = link_reach([r"\\fileserver\客服中心\登记表\维修登记.xlsx", r"\\fileserver\客服中心\登记表\投诉登记.xlsx"])
    assert share.shared and share.folder == r"\\fileserver\客服中心\登记表"
    local = link_reach(["/home/clerk/登记表/维修登记.xlsx", "/home/clerk/登记表/11月/投诉登记.xlsx"])
    assert not local.shared and local.folder == "/home/clerk/登记表"
    assert link_reach([]) is None
    assert absolute_target(r"\\fileserver\客服 中心\维修#1.xlsx") == r"file:///\\fileserver\客服%20中心\维修%231.xlsx"


def test_an_address_in_to_and_engineering_gets_the_full_digest_once(weekly_site, tmp_path):
    server = weekly_site(extra='\n[weekly]\nto = ["boss@example.com"]\nengineering = ["boss@example.com", "eng@example.com"]\n')
    result = run_weekly(tmp_path, "--send", "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    got = {m.recipients[0]: m for m in server.received}
    assert sorted(got) == ["boss@example.com", "eng@example.com"]
    assert got["boss@example.com"].subject.startswith("Weekly follow-up 2026-W47")
    assert got["eng@example.com"].subject == "Unfinished orders 2026-W47: 2 orders"
    again = run_weekly(tmp_path, "--send", "--lang", "en")
    assert again.returncode == 0 and len(server.received) == 2  # once a week each


def test_an_unknown_name_in_weekly_engineering_is_a_config_error(tmp_path):
    from helpers import run_cli

    (tmp_path / "toolkit.toml").write_text(smtp_config(2525, extra='\n[weekly]\nengineering = ["老李"]\n'),
                                           encoding="utf-8")
    result = run_cli("weekly", str(tmp_path), "--email", cwd=tmp_path)
    assert result.returncode == 2 and "weekly.engineering" in result.stderr
