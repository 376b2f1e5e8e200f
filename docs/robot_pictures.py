"""The README's group-robot picture, drawn from the JSON really posted.

    .venv/bin/python docs/robot_pictures.py

Runs `toolkit remind --send` (three complaints: 王丽's two, one past its promised reply time, and
陈晓's) with a WeCom robot, a DingTalk robot and email configured, against the tests' local
servers (tests/robot_server.py for the webhooks, aiosmtpd for the mail). It keeps the JSON each
robot received, draws each message as the platform's chat bubble shows its text or markdown
(a rendering of the sent content: headings, bold, quotes, WeCom's font colours, line breaks),
and renders the page with ../shared/tools/render: docs/robot-messages.png. It prints the run's
output, and what each channel received, for the README.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT), str(ROOT / "docs")]
RENDER = ROOT.parent / "shared" / "tools" / "render"

from helpers import short_complaint as complaint, short_complaints_file  # noqa: E402
from mail_pictures import trim_png  # noqa: E402
from robot_server import DINGTALK_PATH, DINGTALK_SECRET, DINGTALK_TOKEN, WECOM_KEY, WECOM_PATH, Robots  # noqa: E402
from smtp_server import SmtpServer, smtp_config  # noqa: E402

KEYS = {"TOOLKIT_ROBOT_KEY_KEFU": WECOM_KEY, "TOOLKIT_ROBOT_KEY_DING": DINGTALK_TOKEN,
        "TOOLKIT_ROBOT_SECRET_DING": DINGTALK_SECRET, "NO_PROXY": "127.0.0.1"}


def run(folder: Path) -> tuple[dict, dict, str, list[str]]:
    rows = [complaint("TS2611003", datetime(2026, 11, 24, 17, 0), owner="王丽", handler="王丽", content="楼上装修噪音，晚上十点后仍在施工"),
            complaint("TS2611007", datetime(2026, 11, 25, 15, 0), owner="陈晓", handler="陈晓", content="地下车库照明多处不亮"),
            complaint("TS2611009", datetime(2026, 11, 25, 18, 0), owner="王丽", handler="王丽", content="物业费账单金额与合同不符")]
    for row, room in zip(rows, ("5栋302", "2栋1101", "3栋1201")):
        row["房号"] = room
    register = short_complaints_file(folder, rows, name="投诉登记-2026.xlsx", title="客户投诉登记表（2026年11月）")
    with SmtpServer() as smtp, Robots() as robots:
        extra = (f'\n[robots.kefu]\nplatform = "wecom"\nurl = "{robots.url("wecom")}"\nreminders = true\n'
                 f'\n[robots.ding]\nplatform = "dingtalk"\nurl = "{robots.url("dingtalk")}"\nreminders = true\n'
                 '\n[mobiles]\n"王丽" = "13800138001"\n')
        (folder / "toolkit.toml").write_text(
            smtp_config(smtp.port, people={"王丽": "wangli@example.com", "陈晓": "chenxiao@example.com",
                                           "主管": "boss@example.com"}, escalate_to=["主管"], extra=extra),
            encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "toolkit", "remind", register.name, "--as-of", "2026-11-25 10:00",
                                 "--send", "--lang", "zh"], cwd=folder, capture_output=True, text=True,
                                env={**os.environ, **KEYS, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
        if result.returncode != 0:
            raise SystemExit(result.stdout + result.stderr)
        (wecom,) = robots.posted(WECOM_PATH)
        (ding,) = robots.posted(DINGTALK_PATH)
        return wecom.body, ding.body, result.stdout, [m.recipients[0] for m in smtp.received]


def markdown_html(text: str) -> str:
    """The markdown both platforms show: ### headings, **bold**, > quotes, <font color>, line breaks."""
    colours = {"warning": "#f37b1d", "comment": "#888", "info": "#2aae67"}
    out = []
    for line in text.split("\n"):
        line = line.rstrip()
        quote = line.startswith("> ")
        body = html.escape(line[2:] if quote else line)
        body = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", body)
        body = re.sub(r'&lt;font color=&quot;(\w+)&quot;&gt;(.*?)&lt;/font&gt;',
                      lambda m: f'<span style="color:{colours.get(m[1], "#333")}">{m[2]}</span>', body)
        body = re.sub(r"(@1\d{10})", r'<span class="at">\1</span>', body)
        if body.startswith("### "):
            out.append(f"<div class='h'>{body[4:]}</div>")
        elif quote:
            out.append(f"<div class='q'>{body}</div>")
        elif body:
            out.append(f"<div>{body}</div>")
        else:
            out.append("<div class='gap'></div>")
    return "\n".join(out)


def page(wecom: dict, ding: dict) -> str:
    if wecom["msgtype"] == "text":
        wecom_html = "<div class='pre'>" + html.escape(wecom["text"]["content"]) + "</div>"
        if wecom["text"].get("mentioned_mobile_list"):
            wecom_html += "<div class='at'>@王丽</div>"  # WeCom appends the mentioned members' names
    else:
        wecom_html = markdown_html(wecom["markdown"]["content"])
    ding_html = markdown_html(ding["markdown"]["text"]).replace("@13800138001", "@王丽")  # DingTalk shows the name
    return f"""<!doctype html><meta charset="utf-8"><style>
body{{font-family:"Noto Sans CJK SC",sans-serif;background:#fff;margin:0;padding:16px;width:860px}}
.col{{display:inline-block;vertical-align:top;width:410px;margin-right:14px}}
.app{{font-size:13px;color:#666;margin:0 0 6px 52px}}
.row{{display:flex}} .avatar{{width:40px;height:40px;border-radius:6px;margin-right:10px;color:#fff;
font-size:11px;display:flex;align-items:center;justify-content:center}}
.bubble{{background:#f2f3f5;border-radius:6px;padding:10px 12px;font-size:14px;line-height:1.55;color:#222;width:330px}}
.h{{font-size:16px;font-weight:bold;margin-bottom:4px}} .q{{border-left:3px solid #ddd;padding-left:8px;color:#555}}
.gap{{height:8px}} .at{{color:#1a73e8}} .pre{{white-space:pre-wrap}}
</style>
<div class="col"><div class="app">企业微信 · 客服群机器人</div><div class="row">
<div class="avatar" style="background:#2b7de9">机器人</div><div class="bubble">{wecom_html}</div></div></div>
<div class="col"><div class="app">钉钉 · 客服群机器人（{html.escape(ding["markdown"]["title"])}）</div><div class="row">
<div class="avatar" style="background:#1677ff">机器人</div><div class="bubble">{ding_html}</div></div></div>
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wecom, ding, stdout, mail = run(folder)
        (folder / "robots.html").write_text(page(wecom, ding), encoding="utf-8")
        made = subprocess.run([str(RENDER), str(folder / "png"), str(folder / "robots.html")], capture_output=True,
                              text=True, check=True)
        png = Path(made.stdout.split()[-1])
        target = ROOT / "docs" / "robot-messages.png"
        target.write_bytes(png.read_bytes())
        trim_png(target)
        print(stdout)
        print("mail to:", ", ".join(mail))
        print(wecom)
        print(ding)


if __name__ == "__main__":
    main()
