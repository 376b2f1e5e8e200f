"""Each person's own list of what to fix (issue #21): `toolkit weekly --send` with [weekly]
people_lists = true sends every person under [people] whom the week's findings name a short mail in
their language, through the digests' ledger: a rerun of the week sends nothing twice. Names no
[people] entry has are listed, never matched onto another."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from helpers import SHARED, WORK_ORDER_HEADER_WITH_VISITS, complaints_file, order, orders_file, run_weekly, weekly_complaint
from smtp_server import smtp_config

RENDER = SHARED / "tools" / "render"
HEADER = WORK_ORDER_HEADER_WITH_VISITS[:3] + ["发单人"] + WORK_ORDER_HEADER_WITH_VISITS[3:]
PEOPLE = {"王丽": "wangli@example.com", "李明": "liming@example.com"}
LISTS = '\n[weekly]\nto = ["supervisor@example.com"]\npeople_lists = true\npeople_en = ["李明"]\n'


def _site(tmp_path, smtp_server, people=PEOPLE, extra=LISTS):
    rows = [
        order("WX2611001", datetime(2026, 11, 17, 9, 0), completed=datetime(2026, 11, 17, 11, 0),
              returned=datetime(2026, 11, 17, 12, 0), location=None),
        order("WX2611002", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0),
              returned=datetime(2026, 11, 18, 12, 0)),
    ]
    rows[0]["发单人"], rows[1]["发单人"] = "王丽（客服）", "客服张敏"
    rows[1]["客户签字"], rows[1]["联系电话"] = None, None
    orders_file(tmp_path, rows, header=HEADER)
    complaints_file(tmp_path, [weekly_complaint("TS2611001", datetime(2026, 11, 17, 9, 0),
                                                promised=datetime(2026, 11, 25, 17, 0))])
    server = smtp_server()
    config = smtp_config(server.port, people=people, extra=extra)
    (tmp_path / "toolkit.toml").write_text(config, encoding="utf-8")
    return server


def test_each_listed_person_gets_their_own_list_in_their_language_once_a_week(tmp_path, smtp_server):
    server = _site(tmp_path, smtp_server)
    first = run_weekly(tmp_path, "--send", "--lang", "zh")
    assert first.returncode == 0, first.stdout + first.stderr
    by_rcpt = {m.recipients[0]: m for m in server.received}
    assert set(by_rcpt) == {"supervisor@example.com", "wangli@example.com", "liming@example.com"}
    wang = by_rcpt["wangli@example.com"]
    assert wang.subject == "【待改正】2026-W47 王丽：2 项"
    html = wang.part("text/html")
    assert "维修登记.xlsx › 2026年11月!E3" in html and "报修地点为空" in html and "发单人" in html
    assert "维修登记.xlsx › 2026年11月!N4" in html and "返单签收人" in html  # the return she signed
    assert "张敏" not in html  # 张敏's own finding is not hers
    li = by_rcpt["liming@example.com"]
    assert li.subject == "To fix 2026-W47, 李明: 1 item" and "repairer" in li.part("text/plain")
    again = run_weekly(tmp_path, "--send", "--lang", "zh")
    assert again.returncode == 0 and len(server.received) == 3  # the ledger: nothing twice in a week
    assert "不在 [people] 名单中的姓名" in first.stdout and "张敏" in first.stdout  # shown, not guessed


def test_without_people_lists_only_the_digest_goes(tmp_path, smtp_server):
    server = _site(tmp_path, smtp_server, extra='\n[weekly]\nto = ["supervisor@example.com"]\n')
    assert run_weekly(tmp_path, "--send").returncode == 0
    assert [m.recipients[0] for m in server.received] == ["supervisor@example.com"]


@pytest.mark.skipif(not RENDER.exists() or not shutil.which("pdftoppm"), reason="needs ../shared/tools/render")
def test_the_personal_list_renders_as_received(tmp_path, smtp_server):
    server = _site(tmp_path, smtp_server)
    assert run_weekly(tmp_path, "--send", "--lang", "zh").returncode == 0
    received = next(m for m in server.received if m.recipients[0] == "wangli@example.com")
    eml = tmp_path / "person-list.eml"
    eml.write_bytes(received.raw)
    out = tmp_path / "render"
    subprocess.run([str(RENDER), str(out), str(eml)], check=True, capture_output=True, timeout=300)
    pngs = sorted(Path(out).glob("*.png"))
    assert pngs and pngs[0].stat().st_size > 5000
