#!/usr/bin/env python3
"""Further registers (11-16) laid out as real centres keep them, written blind: from
../../shared/DOMAIN.md, issue #19 and the README's rule table only, without reading the reader.

    python tests/sites/more/make_more.py OUT_DIR

writes the registers into OUT_DIR and answers.json beside them (the same file is committed in
tests/sites/more/). Seeds, dates and the file properties are fixed: two runs give the same bytes.
Everything is judged as of 2026-11-25 09:00 with the README's default thresholds.

Layouts (none of them among the ten of tests/sites/README.md):
  11  one sheet per repairman, 日期 merged down a day's rows, 楼栋/单元/房号 in three columns,
      one book of forms spread over the sheets, a 汇总 statistics sheet
  12  an old-format .xls (xlwt): signatures before times, 序号 restarting each day, the return
      visit written in 备注, one book of forms running on from October into November
  13  a 12345 government-hotline 工单 forwarded to the estate (a complaint register)
  14  维修 and 投诉 as two tables one under the other on ONE sheet, a 填表说明 block above the
      first header, frozen panes; complaints received by date + 时段 (上午/下午)
  15  one sheet per week, everything typed as text the way people type it: 11.3, 9点05分,
      下午2点30分, ￥35; a hidden column; data-validation lists
  16  engineering's own dispatch register: dates pasted as bare Excel serial numbers, times typed
      9:05AM, the fee split 材料费 / 人工费 / 合计 (formulas with cached values), a hidden column
"""
from __future__ import annotations

import datetime as dt
import re
import json
import os
import random
import sys

import xlsxwriter
import xlwt

AS_OF = dt.datetime(2026, 11, 25, 9, 0)
CREATED = dt.datetime(2026, 11, 25, 8, 40)
MIN = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
EPOCH = dt.datetime(1899, 12, 30)


# ---------------------------------------------------------------------------------------------
# values as they were written, and their canonical text (the selfcheck compares the same form)
# ---------------------------------------------------------------------------------------------
class Formula:
    def __init__(self, text, value):
        self.text = text
        self.value = value


def canon(v):
    """One text form for a cell value, as written here and as read back by openpyxl/calamine."""
    if isinstance(v, Formula):
        v = v.value
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        v = (v + dt.timedelta(seconds=30)).replace(second=0, microsecond=0)  # float noise
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour, v.minute) != (0, 0) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, dt.time):
        return f"{v.hour:02d}:{v.minute:02d}"
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return f"{v:.6f}"
    return str(v)


def serial(t: dt.datetime):
    """a date-time as the bare Excel serial number someone pasted as a value"""
    return round((t - EPOCH).total_seconds() / 86400, 6)


# ---------------------------------------------------------------------------------------------
# people, phones, rooms
# ---------------------------------------------------------------------------------------------
SURN = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN_M = ["建军", "志刚", "海涛", "宏伟", "永康", "国平", "德胜", "文斌", "晓东", "建新", "振华", "春生",
           "立军", "长青", "少华", "子豪", "俊峰", "明亮", "世杰", "宇", "鹏", "涛", "斌", "锋"]
GIVEN_F = ["淑华", "玉梅", "秀珍", "凤英", "丽华", "晓红", "美玲", "桂芳", "慧", "倩", "婷婷", "雅琴",
           "春燕", "金花", "月琴", "晓梅", "琳", "蕾", "思雨", "梦瑶"]
MOBILE = ["133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159",
          "166", "173", "176", "177", "180", "182", "183", "186", "187", "188", "189", "191", "198"]


class Pool:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used = set()

    def person(self):
        """(full name, how a clerk notes the caller: 刘先生 / 王女士)"""
        while True:
            s = self.rng.choice(SURN)
            fem = self.rng.random() < 0.45
            g = self.rng.choice(GIVEN_F if fem else GIVEN_M)
            if s + g not in self.used:
                self.used.add(s + g)
                return s + g, s + ("女士" if fem else "先生")

    def digits(self, n):
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def mobile(self, style="plain"):
        p, rest = self.rng.choice(MOBILE), self.digits(8)
        if style == "dash":
            return f"{p}-{rest[:4]}-{rest[4:]}"
        if style == "space":
            return f"{p} {rest[:4]} {rest[4:]}"
        return p + rest

    def landline(self, area=None):
        local = str(self.rng.randint(2, 8)) + self.digits(7)
        return f"{area}-{local}" if area else local


# ---------------------------------------------------------------------------------------------
# sheets as grids of cells, written by xlsxwriter or xlwt
# ---------------------------------------------------------------------------------------------
def col_letter(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


class Grid:
    """One worksheet: cells[(row, col)] = (value, style); rows 1-based (as Excel shows), cols 0-based."""

    def __init__(self, name):
        self.name = name
        self.cells = {}
        self.merges = []
        self.widths = {}
        self.hidden_cols = set()
        self.freeze = None
        self.validations = []
        self.heights = {}
        self.tab_hidden = False

    def put(self, r, c, v, style="cell"):
        self.cells[(r, c)] = (v, style)

    def merge(self, r1, c1, r2, c2, v, style="cell"):
        self.merges.append((r1, c1, r2, c2, v, style))


STYLES = {  # name -> (xlsxwriter props, xlwt easyxf)
    "title": ({"bold": True, "font_size": 15, "align": "center", "valign": "vcenter"},
              "font: bold on, height 300; align: horiz center, vert center"),
    "sub": ({"bold": True, "font_size": 12, "valign": "vcenter"}, "font: bold on, height 240"),
    "note": ({"font_size": 9, "text_wrap": True, "valign": "top", "font_color": "#404040"},
             "font: height 180; align: wrap on, vert top"),
    "head": ({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1,
              "bg_color": "#F2F2F2"},
             "font: bold on; align: wrap on, horiz center, vert center; borders: left thin, right thin, top thin, bottom thin"),
    "cell": ({"border": 1, "valign": "vcenter", "text_wrap": True},
             "align: vert center, wrap on; borders: left thin, right thin, top thin, bottom thin"),
    "plain": ({}, ""),
}


def style_key(style):
    """'cell' or ('num', format)"""
    return style if isinstance(style, str) else "num:" + style[1]


def write_xlsx(path, grids):
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    wb.set_properties({"created": CREATED, "author": "客服部", "company": ""})
    cache = {}

    def fmt(style):
        k = style_key(style)
        if k not in cache:
            if isinstance(style, str):
                cache[k] = wb.add_format(STYLES[style][0])
            else:
                cache[k] = wb.add_format({"border": 1, "valign": "vcenter", "num_format": style[1]})
        return cache[k]

    def write(ws, r, c, v, style):
        f = fmt(style)
        if isinstance(v, Formula):
            ws.write_formula(r - 1, c, v.text, f, v.value)
        elif isinstance(v, (dt.datetime, dt.date, dt.time)):
            ws.write_datetime(r - 1, c, v, f)
        elif v is None or v == "":
            ws.write_blank(r - 1, c, None, f)
        elif isinstance(v, (int, float)):
            ws.write_number(r - 1, c, v, f)
        else:
            ws.write_string(r - 1, c, str(v), f)

    for g in grids:
        ws = wb.add_worksheet(g.name)
        for c, w in sorted(g.widths.items()):
            ws.set_column(c, c, w, None, {"hidden": c in g.hidden_cols})
        for c in sorted(g.hidden_cols - set(g.widths)):
            ws.set_column(c, c, 10, None, {"hidden": True})
        for r, h in sorted(g.heights.items()):
            ws.set_row(r - 1, h)
        merged = set()
        for r1, c1, r2, c2, v, style in g.merges:
            if (r1, c1) == (r2, c2):
                write(ws, r1, c1, v, style)
            else:
                f = fmt(style)
                if isinstance(v, (dt.datetime, dt.date)):
                    ws.merge_range(r1 - 1, c1, r2 - 1, c2, None, f)
                    ws.write_datetime(r1 - 1, c1, v, f)
                else:
                    ws.merge_range(r1 - 1, c1, r2 - 1, c2, v if v is not None else "", f)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged.add((r, c))
        for (r, c), (v, style) in sorted(g.cells.items()):
            if (r, c) not in merged:
                write(ws, r, c, v, style)
        if g.freeze:
            ws.freeze_panes(g.freeze - 1, 0)
        for rng_, opts in g.validations:
            ws.data_validation(rng_, opts)
        if g.tab_hidden:
            ws.hide()
    wb.close()
    _as_excel_stores_empty_text(path)


_EMPTY_TEXT_RESULT = re.compile(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?)(><f>[^<]*</f><v></v></c>)')


def _as_excel_stores_empty_text(path):
    """A formula whose result is "" (IF(COUNT(..)=0,"",..)): Excel saves it as a text result,
    <c t="str"><f>..</f><v></v></c>; xlsxwriter leaves out t="str", which makes the cell look like
    one never calculated (as openpyxl writes them). Added here, as Excel would have saved it."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/sheet"):
                data = _EMPTY_TEXT_RESULT.sub(rb'\1 t="str"\2', data)
            z.writestr(info, data)


def write_xls(path, grids):
    wb = xlwt.Workbook(encoding="utf-8")
    cache = {}

    def fmt(style):
        k = style_key(style)
        if k not in cache:
            if isinstance(style, str):
                cache[k] = xlwt.easyxf(STYLES[style][1])
            else:
                cache[k] = xlwt.easyxf(STYLES["cell"][1], num_format_str=style[1])
        return cache[k]

    for g in grids:
        ws = wb.add_sheet(g.name, cell_overwrite_ok=True)
        for c, w in g.widths.items():
            ws.col(c).width = int(w * 256)
        merged = set()
        for r1, c1, r2, c2, v, style in g.merges:
            ws.write_merge(r1 - 1, r2 - 1, c1, c2, v if v is not None else "", fmt(style))
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    merged.add((r, c))
        for (r, c), (v, style) in sorted(g.cells.items()):
            if (r, c) in merged:
                continue
            if isinstance(v, Formula):
                ws.write(r - 1, c, xlwt.Formula(v.text.lstrip("=")), fmt(style))
            elif v is None or v == "":
                ws.write(r - 1, c, "", fmt(style))
            else:
                ws.write(r - 1, c, v, fmt(style))
        if g.freeze:
            ws.set_panes_frozen(True)
            ws.set_horz_split_pos(g.freeze - 1)
    wb.save(path)


# ---------------------------------------------------------------------------------------------
# the answer key
# ---------------------------------------------------------------------------------------------
class Register:
    def __init__(self, fname, layout, description, region="mainland"):
        self.fname, self.layout, self.description, self.region = fname, layout, description, region
        self.sheets, self.defects, self.traps, self.grids = [], [], [], []

    def structural(self, sheet, row, why):
        self.traps.append({"sheet": sheet, "row": row, "why": why, "structural": True})

    def answer(self):
        return {"file": self.fname, "layout": self.layout, "description": self.description,
                "region": self.region, "sheets": self.sheets, "defects": self.defects,
                "traps": self.traps}


class Rec(dict):
    """One record: key -> value as written. .defect = (rule_id, why, [keys shown]); .trap = why."""

    def __init__(self, *a, defect=None, trap=None, **kw):
        super().__init__(*a, **kw)
        self.defect = defect
        self.trap = trap


def emit_table(reg, g, kind, header_row, cols, recs, first_row=None, merge_down=(), extra=None,
               head_style="head", styles=None):
    """Write a header and the records under it; fill reg.sheets/defects/traps. Returns next row."""
    styles = styles or {}
    for c, (head, key) in enumerate(cols):
        g.put(header_row, c, head, head_style)
    reg.structural(g.name, header_row, "the header row")
    r = first_row or header_row + 1
    rows = []
    for rec in recs:
        for c, (head, key) in enumerate(cols):
            v = rec.get(key)
            g.put(r, c, v, styles.get(key, "cell"))
        rec_row = r
        rows.append(rec_row)
        if rec.defect:
            rule, why, show = rec.defect
            d = {"sheet": g.name, "row": rec_row, "rule_id": rule, "why": why}
            d["cells"] = {h: canon(rec.get(k)) for h, k in cols if k in show}
            d.update(rec.get("_extra", {}))
            reg.defects.append(d)
        if rec.trap:
            reg.traps.append({"sheet": g.name, "row": rec_row, "why": rec.trap})
        r += 1
    for key in merge_down:  # a day's rows share one merged cell (the value sits in the top one)
        c = [k for _, k in cols].index(key)
        i = 0
        while i < len(recs):
            j = i
            while j + 1 < len(recs) and recs[j + 1].get(key) == recs[i].get(key):
                j += 1
            if j > i:
                g.merge(rows[i], c, rows[j], c, recs[i].get(key), styles.get(key, "cell"))
            i = j + 1
    meta = {"name": g.name, "kind": kind, "header_rows": [header_row], "records": len(rows),
            "record_rows": rows,
            "columns": [[col_letter(c), h, k] for c, (h, k) in enumerate(cols)]}
    if merge_down:
        meta["merged_down"] = list(merge_down)
    meta.update(extra or {})
    reg.sheets.append(meta)
    return r


def clean_times(rng, recv, hand=None, dur=None, back=None, stage="returned"):
    """received -> dispatched (2-6 min) -> engineering sign-in (1-4 min) -> completed (40-300 min)
    -> returned (15-150 min; after 19:00 it comes back the next morning)."""
    o = {"recv": recv}
    o["disp"] = recv + rng.randint(2, 6) * MIN
    o["acc"] = o["disp"] + (rng.randint(1, 4) if hand is None else hand) * MIN
    o["done"] = o["acc"] + (rng.randint(40, 300) if dur is None else dur) * MIN
    o["ret"] = o["done"] + (rng.randint(15, 150) if back is None else back) * MIN
    if o["ret"].hour >= 19 or o["ret"].hour < 8 or o["ret"].date() > o["done"].date():
        o["ret"] = dt.datetime.combine(o["done"].date() + DAY, dt.time(8, rng.randint(20, 55)))
    cut = {"dispatched": 2, "accepted": 3, "completed": 4, "returned": 5}[stage]
    for k in ["recv", "disp", "acc", "done", "ret"][cut:]:
        o[k] = None
    return o


def starts(rng, n, first_day, last_day, month=11, hours=(8, 18)):
    """n receipt times spread over the days, in order."""
    out = []
    for _ in range(n):
        d = rng.randint(first_day, last_day)
        out.append(dt.datetime(2026, month, d, rng.randint(hours[0], hours[1] - 1), rng.randint(0, 59)))
    return sorted(out)


def next_friday(t):
    d = t.date() + DAY
    while d.weekday() != 4:
        d += DAY
    return d


REPAIRS = [
    "卫生间地漏堵塞，下水很慢", "厨房水龙头滴水关不紧", "客厅吸顶灯不亮，换灯管后仍不亮", "入户门锁芯卡住打不开",
    "阳台排水管接口漏水", "主卧空调插座没电", "马桶水箱一直流水", "热水器进水角阀漏水", "厨房下水反味",
    "次卧窗户合页松动关不严", "卫生间墙面瓷砖空鼓脱落", "楼道声控灯不亮", "入户门门禁卡刷不开",
    "洗手盆下水软管破裂", "客厅墙面渗水起皮", "电表箱跳闸合不上", "阳台晾衣架摇不下来", "淋浴花洒出水小",
    "防盗门猫眼松脱", "厨房吊柜门铰链脱落", "室内可视对讲无图像", "卫生间排气扇不转", "地下室储藏室门锁坏",
    "主卧窗纱破损需更换", "PPR热水管接头渗水", "燃气报警器一直响（已关总阀）", "开关面板烧焦有异味",
    "露台雨水口堵塞积水", "楼上渗水至本户厨房顶棚", "信报箱锁坏打不开"]


def content(rng, used):
    c = rng.choice([x for x in REPAIRS if x not in used] or REPAIRS)
    used.add(c)
    return c


# ---------------------------------------------------------------------------------------------
# 11: one sheet per repairman
# ---------------------------------------------------------------------------------------------
def site_per_engineer(out):
    reg = Register("11-东湖名苑-维修工作单登记表-2026年11月(按维修工分表).xlsx", "per_engineer",
                   "one sheet per repairman (张国强 水电 / 李卫东 土建 / 陈志远 综合), the orders of one "
                   "pre-numbered book (WX2611001…) spread over the three sheets in the order they were "
                   "written, so each sheet's numbers jump; 日期 a real date merged down a day's rows; "
                   "报修/派单/接单时间 as Excel times of that day; 完工/返单时间 full date-times shown m/d h:mm; "
                   "楼栋 / 单元 / 房号 in three columns; a 合计 row and a footer on each sheet; a 汇总 sheet "
                   "with COUNTA/SUMIF formulas (cached values).")
    rng = random.Random(1101)
    pool = Pool(11011)
    engs = [("张国强", "水电"), ("李卫东", "土建"), ("陈志远", "综合")]
    n = 31
    t0 = starts(rng, n, 2, 24)
    t0[-1] = dt.datetime(2026, 11, 24, 15, 12)
    t0[-2] = dt.datetime(2026, 11, 24, 10, 36)
    t0[-3] = dt.datetime(2026, 11, 24, 8, 47)
    used = set()
    orders = []
    num = 1
    for i, t in enumerate(t0):
        if num == 16:  # form WX2611016 was lost: the book goes on at 017
            num += 1
        eng = engs[rng.randint(0, 2)]
        o = clean_times(rng, t, stage="returned")
        full, noted = pool.person()
        paid = rng.random() < 0.3
        orders.append({"i": i, "num": num, "eng": eng, "o": o, "full": full, "noted": noted, "paid": paid,
                       "fee": rng.choice([30, 45, 60, 80, 120, 150, 260]) if paid else 0,
                       "content": content(rng, used), "phone": pool.mobile(rng.choice(["plain", "plain", "dash"])),
                       "bldg": rng.randint(1, 16), "unit": rng.randint(1, 3), "room": f"{rng.randint(2, 26)}0{rng.randint(1, 4)}",
                       "defect": None, "trap": None, "reason": "", "use_noted": rng.random() < 0.5, "sig": full, "ret_by": "客服-" + rng.choice(["刘丹", "吴倩"])})
        num += 1
    # the orders on each side of the lost form went to the same repairman (adjacent on his sheet)
    i15 = [x for x in orders if x["num"] == 15][0]
    i17 = [x for x in orders if x["num"] == 17][0]
    i17["eng"] = i15["eng"]
    i17["defect"] = ("number-gap", "WX2611016 is missing from the book: 015 and 017 are on this sheet, "
                     "016 on none of the three sheets", ["no"])
    i17["_extra"] = {"missing_numbers": ["WX2611016"], "alt_rows": None}

    def pick(k):
        return orders[k]
    # in progress: the last three (received 11-24)
    for k, stage in ((n - 3, "completed"), (n - 2, "accepted"), (n - 1, "accepted")):
        x = pick(k)
        x["o"] = clean_times(rng, x["o"]["recv"], stage=stage)
    pick(n - 3)["trap"] = "received 11-24 08:47 and completed the same day, not yet returned: nothing due after completion"
    pick(n - 2)["trap"] = "received 11-24 10:36, signed in by engineering: in progress under 24 h, nothing due yet"
    pick(n - 1)["trap"] = "received 11-24 15:12, signed in by engineering: in progress for 18 h, under 24 h"
    pick(n - 1)["paid"] = pick(n - 2)["paid"] = pick(n - 3)["paid"] = False
    pick(n - 1)["fee"] = pick(n - 2)["fee"] = pick(n - 3)["fee"] = 0

    # planted
    x = pick(4)
    x["o"] = clean_times(rng, x["o"]["recv"], hand=14)
    x["defect"] = ("slow-handoff", "dispatched at {d}, engineering signed in at {a}: 14 min, over 5", ["recv", "disp", "acc"])
    x = pick(7)
    x["sig"] = ""
    x["defect"] = ("missing-signature", "returned (返单时间 and 客服签收 written) without the owner's signature", ["cust_sig", "ret", "ret_by"])
    x = pick(10)
    x["ret_by"] = x["eng"][0]
    x["defect"] = ("proxy-signature", "the repairman signed the return for customer service himself (客服签收 = 维修人签字)", ["rep", "ret_by"])
    x = pick(12)
    x["content"] = "漏水"
    x["defect"] = ("content-too-brief", "报修内容 '漏水': 2 characters, not where or what", ["content"])
    x = pick(19)
    x["o"] = clean_times(rng, x["o"]["recv"], dur=28 * 60 + 10)
    x["paid"], x["fee"] = False, 0
    x["defect"] = ("missing-reason", "completed 28 h after dispatch with no delay reason", ["disp", "done", "reason"])
    x = pick(22)
    x["paid"], x["fee"] = True, None
    x["defect"] = ("missing-fee", "有偿, completed and returned, 费用 empty", ["paid", "fee"])
    # traps
    x = pick(2)
    x["o"] = clean_times(rng, x["o"]["recv"], hand=5)
    x["trap"] = "hand-over exactly 5 minutes: not over 5"
    x = pick(8)
    x["o"] = clean_times(rng, x["o"]["recv"], dur=23 * 60 + 5)
    x["trap"] = "completed 23 h after sign-in (under 24 h after dispatch): no delay reason needed"
    x = pick(14)
    x["reason"] = "需购配件，次日完工"
    x["o"] = clean_times(rng, x["o"]["recv"], dur=26 * 60)
    x["trap"] = "completed 26 h after dispatch, delay reason written: clean"
    for k in range(n):
        x = pick(k)
        if x["defect"] is None and x["trap"] is None and x["noted"] != x["full"] and k % 5 == 1:
            x["phone"] = pool.landline()
            x["trap"] = "local landline without area code (8 digits)"
    for k in (1, 5):
        x = pick(k)
        if x["defect"] is None:
            x["use_noted"] = True
            x["trap"] = x["trap"] or "customer noted 先生/女士 in 业主姓名; the signature has the full name"

    # paid completed ≥ 11-18 09:00: finance not due. Find one to show it.
    for x in orders:
        o = x["o"]
        if x["paid"] and x["fee"] is not None and o["done"] and o["done"] >= AS_OF - 7 * DAY and not x["defect"] and not x["trap"]:
            x["trap"] = "paid, completed within 7 days of the check: finance receipt not due yet"
            break

    cols = [("单号", "no"), ("日期", "date"), ("报修时间", "recv"), ("楼栋", "bldg"), ("单元", "unit"),
            ("房号", "room"), ("报修内容", "content"), ("业主姓名", "name"), ("联系电话", "phone"),
            ("派单时间", "disp"), ("接单时间", "acc"), ("完工时间", "done"), ("维修人签字", "rep"),
            ("业主签字", "cust_sig"), ("有偿/无偿", "paid"), ("费用(元)", "fee"),
            ("延误/未完成原因", "reason"), ("返单时间", "ret"), ("客服签收", "ret_by"), ("财务签收", "fin")]
    styles = {"date": ("num", "m月d日"), "recv": ("num", "h:mm"), "disp": ("num", "h:mm"),
              "acc": ("num", "h:mm"), "done": ("num", "m/d h:mm"), "ret": ("num", "m/d h:mm")}
    summary = []
    for eng, trade in engs:
        g = Grid(f"{eng}（{trade}）")
        g.widths = {0: 11, 1: 8, 2: 7, 3: 5, 4: 5, 5: 6, 6: 26, 7: 9, 8: 14, 9: 7, 10: 7, 11: 11, 12: 9,
                    13: 9, 14: 7, 15: 7, 16: 14, 17: 11, 18: 10, 19: 10}
        g.merge(1, 0, 1, len(cols) - 1, f"东湖名苑物业服务中心维修工作单登记表（2026年11月）  维修工：{eng}（{trade}）", "title")
        g.heights[1] = 30
        reg.structural(g.name, 1, "merged title row naming the month and the repairman")
        recs = []
        for x in [y for y in orders if y["eng"] == (eng, trade)]:
            o = x["o"]
            rec = Rec(no=f"WX2611{x['num']:03d}", date=dt.datetime.combine(o["recv"].date(), dt.time()),
                      recv=o["recv"].time(), bldg=x["bldg"], unit=x["unit"], room=x["room"],
                      content=x["content"], name=x["noted"] if x["use_noted"] else x["full"],
                      phone=x["phone"], disp=o["disp"].time() if o["disp"] else None,
                      acc=o["acc"].time() if o["acc"] else None, done=o["done"], rep=eng if o["acc"] else "",
                      cust_sig=x["sig"] if o["done"] else "", paid="有偿" if x["paid"] else "无偿",
                      fee=x["fee"] if (o["done"] or x["fee"] == 0) else None, reason=x["reason"], ret=o["ret"],
                      ret_by=x["ret_by"] if o["ret"] else "")
            if x["paid"] and o["done"] and o["done"] < AS_OF - 7 * DAY:
                f = next_friday(o["done"])
                rec["fin"] = f"已交 {f.month}/{f.day} 财务孙"
            if x["defect"]:
                rule, why, show = x["defect"]
                rec.defect = (rule, why.format(d=o["disp"].strftime("%H:%M"), a=o["acc"].strftime("%H:%M")), show)
                if "_extra" in x:
                    rec["_extra"] = {"missing_numbers": x["_extra"]["missing_numbers"]}
            rec.trap = x["trap"]
            rec["_num"] = x["num"]
            recs.append(rec)
        # the first row of a merged day: its 日期 cells below are blank
        day_counts = {}
        for rec in recs:
            day_counts.setdefault(rec["date"], []).append(rec)
        for d, rs in day_counts.items():
            if len(rs) > 1 and not rs[1].defect and not rs[1].trap:
                rs[1].trap = "日期 blank in the file: the day's date is merged down from the row above"
                break
        if recs and not recs[0].trap and not recs[0].defect:
            recs[0].trap = "numbers jump on this sheet (the book's other forms are on the other repairmen's sheets): no lost form"
        nxt = emit_table(reg, g, "work_orders", 2, cols, recs, merge_down=("date",), styles=styles,
                         extra={"repairman": eng, "book": "one book WX2611… across the three repairman sheets"})
        # alt_rows for the gap: the row holding 015 on the same sheet
        for d in reg.defects:
            if d["rule_id"] == "number-gap" and d["sheet"] == g.name:
                prev = [r for r, rec in zip(reg.sheets[-1]["record_rows"], recs) if rec["_num"] == 15]
                d["alt_rows"] = prev
        first, last = 3, nxt - 1
        fee_total = sum((r.get("fee") or 0) for r in recs)
        g.put(nxt, 0, "合计")
        g.put(nxt, 1, f"{len(recs)}单")
        g.put(nxt, 15, Formula(f"=SUM(P{first}:P{last})", fee_total))
        reg.structural(g.name, nxt, "合计 row: count of orders and SUM of fees (cached value)")
        g.merge(nxt + 2, 0, nxt + 2, 8, "制表：刘丹        审核：黄主管        工程部确认：", "plain")
        reg.structural(g.name, nxt + 2, "signature footer")
        g.freeze = 3
        reg.grids.append(g)
        summary.append((g.name, len(recs), sum(1 for r in recs if r.get("done")), fee_total, first, last))
    s = Grid("汇总")
    s.merge(1, 0, 1, 4, "2026年11月维修工作量汇总", "title")
    for c, h in enumerate(["维修工", "接单数", "完工数", "费用合计(元)", "完成率"]):
        s.put(2, c, h, "head")
    for i, (name, cnt, done, fee, first, last) in enumerate(summary):
        r = 3 + i
        s.put(r, 0, name)
        s.put(r, 1, Formula(f"=COUNTA('{name}'!A{first}:A{last})", cnt))
        s.put(r, 2, Formula(f"=COUNT('{name}'!L{first}:L{last})", done))
        s.put(r, 3, Formula(f"=SUM('{name}'!P{first}:P{last})", fee))
        s.put(r, 4, Formula(f"=C{r}/B{r}", round(done / cnt, 4)), ("num", "0.0%"))
    s.widths = {0: 16, 1: 9, 2: 9, 3: 12, 4: 9}
    reg.grids.append(s)
    write_xlsx(os.path.join(out, reg.fname), reg.grids)
    return reg


# ---------------------------------------------------------------------------------------------
# 12: an old-format .xls, signatures before times, 序号 restarting each day
# ---------------------------------------------------------------------------------------------
def site_old_xls(out):
    reg = Register("12-龙湾小区-报修登记表.xls", "old_xls",
                   "an old-format .xls (BIFF8, written by xlwt) with sheets 10月, 11月 and a blank Sheet3; "
                   "one book of pre-printed forms No.0025801… running on from October into November; a "
                   "序号 that restarts at 1 each day; the signature columns (维修人 / 住户签名 / 回单签收) "
                   "BEFORE the time columns; 报修日期 a real date-time, 派工/接单时间 times of that day, "
                   "完成/回单时间 full date-times; 金额 as text '80元' or a number; the return visit written "
                   "in 备注 ('11/6回访 满意').")
    rng = random.Random(1202)
    pool = Pool(12021)
    reps = ["周师傅", "孙师傅", "何师傅"]
    rep_full = {"周师傅": "周永康", "孙师傅": "孙海涛", "何师傅": "何建新"}
    used = set()
    cols = [("序号", "seq"), ("报修单号", "no"), ("报修日期", "recv"), ("住址", "loc"), ("报修人", "name"),
            ("联系电话", "phone"), ("报修内容", "content"), ("维修人", "rep"), ("住户签名", "cust_sig"),
            ("回单签收", "ret_by"), ("派工时间", "disp"), ("接单时间", "acc"), ("完成时间", "done"),
            ("回单时间", "ret"), ("收费", "paid"), ("金额", "fee"), ("未完成/延误原因", "reason"), ("备注", "remarks")]
    styles = {"recv": ("num", "yyyy-m-d h:mm"), "disp": ("num", "h:mm"), "acc": ("num", "h:mm"),
              "done": ("num", "m-d h:mm"), "ret": ("num", "m-d h:mm")}
    num = 25801
    for month, (d1, d2, n) in (("10月", (8, 30, 9)), ("11月", (2, 24, 19))):
        mo = 10 if month == "10月" else 11
        g = Grid(month)
        g.widths = {0: 5, 1: 11, 2: 15, 3: 12, 4: 8, 5: 13, 6: 24, 7: 8, 8: 8, 9: 8, 10: 7, 11: 7,
                    12: 11, 13: 11, 14: 6, 15: 7, 16: 14, 17: 16}
        g.merge(1, 0, 1, len(cols) - 1, "龙湾小区物业服务中心报修登记表", "title")
        reg.structural(month, 1, "merged title row")
        g.merge(2, 0, 2, 6, f"2026年{mo}月", "plain")
        g.merge(2, 12, 2, 17, "金额单位：元", "plain")
        reg.structural(month, 2, "month and unit note row")
        ts = starts(rng, n, d1, d2, month=mo)
        if mo == 11:
            ts[-1] = dt.datetime(2026, 11, 24, 14, 20)
        recs = []
        for i, t in enumerate(ts):
            o = clean_times(rng, t)
            full, noted = pool.person()
            rp = rng.choice(reps)
            paid = rng.random() < 0.3
            fee = rng.choice([20, 35, 50, 80, 100, 180]) if paid else None
            rec = Rec(no=f"No.00{num}", recv=o["recv"], loc=f"{rng.randint(1, 9)}号楼{rng.randint(1, 2)}门{rng.randint(1, 6)}0{rng.randint(1, 2)}",
                      name=noted if rng.random() < 0.6 else full, phone=pool.mobile(rng.choice(["plain", "space"])),
                      content=content(rng, used), rep=rp, cust_sig=full, ret_by=rng.choice(["小郑", "郑丽华", "唐倩"]),
                      disp=o["disp"].time(), acc=o["acc"].time(), done=o["done"], ret=o["ret"],
                      paid="有偿" if paid else "无偿", fee=(f"{fee}元" if rng.random() < 0.5 else fee) if paid else rng.choice(["", 0]),
                      reason="", remarks="")
            if o["ret"] and rng.random() < 0.5:
                vd = min(o["ret"].date() + DAY * rng.randint(0, 2), dt.date(2026, 11, 24))
                rec["remarks"] = f"{vd.month}/{vd.day}回访 满意" if rng.random() < 0.7 else "已回访，满意"
            rec["_o"] = o
            recs.append(rec)
            num += 1
        # 序号 restarts each day
        day, k = None, 0
        for rec in recs:
            d = rec["recv"].date()
            k = k + 1 if d == day else 1
            day = d
            rec["seq"] = k
        if mo == 10:
            x = recs[4]
            o = clean_times(rng, x["recv"], hand=12)
            x.update(disp=o["disp"].time(), acc=o["acc"].time(), done=o["done"], ret=o["ret"])
            x.defect = ("slow-handoff", f"派工 {o['disp']:%H:%M}, 接单 {o['acc']:%H:%M}: 12 min, over 5", ["disp", "acc"])
            recs[2].trap = "October sheet: same book, numbers continue into November"
            recs[-1].trap = "last form of October; November's first number follows it directly"
        else:
            recs[0].trap = "序号 back to 1: the counter restarts each day, the form number goes on"
            # in progress: received 11-24 14:20, accepted, not completed
            x = recs[-1]
            o = clean_times(rng, x["recv"], stage="accepted")
            x.update(done=None, ret=None, cust_sig="", ret_by="", paid="无偿", fee="", remarks="")
            x.trap = "received 11-24 14:20, engineering signed in: in progress for 19 h, nothing due"
            # planted
            x = recs[3]
            o = x["_o"]
            x["done"] = dt.datetime.combine(x["recv"].date(), o["acc"].time()) - 35 * MIN
            x.defect = ("time-order", "完成时间 is 35 min before 接单时间 on the same day", ["acc", "done"])
            x = recs[6]
            x.update(done=None, reason="缺配件，厂家下周上门", paid="无偿", fee="", remarks="")
            x.defect = ("not-completed", "回单 taken back (回单时间 and 回单签收 written) with no 完成时间; reason given, "
                        "no special approval column", ["done", "ret", "ret_by", "reason"])
            x = recs[9]
            x["acc"] = None
            x.defect = ("missing-time", "completed and returned, 接单时间 empty", ["acc", "done"])
            x = recs[11]
            x["phone"] = "1391856203"
            x.defect = ("bad-phone", "联系电话 1391856203 has 10 digits", ["phone"])
            x = recs[13]
            x["ret_by"] = ""
            x.defect = ("missing-signature", "回单时间 written but nobody signed the return (回单签收 empty)", ["ret", "ret_by"])
            # duplicate: the form number of recs[15] written again on recs[16] (an extra row)
            x = recs[16]
            x["no"] = recs[15]["no"]
            x.defect = ("duplicate-number", f"{x['no']} used twice (rows of two different orders)", ["no"])
            x["_extra"] = {}
            # renumber the rest so no number is missing
            for j in range(17, len(recs)):
                recs[j]["no"] = f"No.00{int(recs[j - 1]['no'][3:]) + 1}" if j > 17 else f"No.00{int(recs[15]['no'][3:]) + 1}"
            # traps
            recs[1].trap = recs[1].trap or "报修人 noted 刘先生-style; 住户签名 has the full name"
            for x in recs:
                if not x.defect and not x.trap and isinstance(x["fee"], str) and x["fee"].endswith("元"):
                    x.trap = "金额 typed as text '80元'"
                    break
            for x in recs:
                if not x.defect and not x.trap and x["ret"] and x["ret"].date() > x["done"].date():
                    x.trap = "came back after hours: returned the next morning"
                    break
            for x in recs:
                if not x.defect and not x.trap and x["paid"] == "无偿" and x["fee"] == "":
                    x.trap = "无偿 with 金额 left blank: no fee needed"
                    break
        for x in recs:
            if x.defect and x.defect[0] in ("duplicate-number",):
                pass
        emit_table(reg, g, "work_orders", 3, cols, recs, styles=styles,
                   extra={"book": "one book No.0025801… across 10月 and 11月"})
        for d in reg.defects:
            if d["rule_id"] == "duplicate-number" and d["sheet"] == month:
                d["alt_rows"] = [d["row"] - 1]
        last = 3 + len(recs)
        g.merge(last + 2, 0, last + 2, 9, "登记人：郑丽华　　　　主管签字：", "plain")
        reg.structural(month, last + 2, "signature footer")
        reg.grids.append(g)
    reg.grids.append(Grid("Sheet3"))
    write_xls(os.path.join(out, reg.fname), reg.grids)
    return reg


# ---------------------------------------------------------------------------------------------
# 13: 12345 hotline tickets forwarded to the estate
# ---------------------------------------------------------------------------------------------
def office(t, rng):
    """a time someone at the centre wrote: whole minutes, within 8:30-18:00 (else the next morning)"""
    t = t.replace(second=0)
    if t.hour >= 18:
        t = dt.datetime.combine(t.date() + DAY, dt.time(9, rng.randint(0, 50)))
    elif t.hour < 8 or (t.hour == 8 and t.minute < 30):
        t = dt.datetime.combine(t.date(), dt.time(9, rng.randint(0, 50)))
    return t


def site_hotline(out):
    reg = Register("13-新城壹号-12345热线转办工单登记-2026年.xlsx", "hotline_12345",
                   "the estate's register of 12345 government-hotline tickets (市民服务热线转办工单) "
                   "forwarded by the street office: 工单号 (the hotline's 13-digit number, not a paper "
                   "form), 受理时间 / 派发时间 as text with seconds, 诉求人, 联系电话, 诉求地址, 诉求内容, "
                   "承办人 (the estate's owner), 办理时限 (the deadline = the promised reply), 回复时间, "
                   "处理情况, 回访结果 (the hotline's call-back), 办结时间 (the close). A complaint register: "
                   "every ticket is a complaint that came through 12345.")
    rng = random.Random(1303)
    pool = Pool(13031)
    owners = ["工程部 宋立军", "客服部 许淑华", "秩序部 邓振华", "环境部 彭玉梅"]
    gripes = [
        ("市民来电反映：小区{b}栋电梯经常停在{f}楼不动，多次报修仍未修好，要求物业尽快彻底维修。", 0),
        ("市民来电反映：小区地下车库夜间照明灯大面积不亮，出行不安全，要求物业处理。", 3),
        ("市民来电反映：{b}栋楼下垃圾桶满溢多日无人清运，气味很大，要求物业及时清理。", 3),
        ("市民来电反映：物业在未公示的情况下上调停车费，认为不合理，要求物业给出说明。", 1),
        ("市民来电反映：{b}栋楼顶水箱清洗后自来水发黄，要求物业检测水质并答复。", 0),
        ("市民来电反映：小区内夜间有装修施工噪音扰民，物业未制止，要求物业加强管理。", 2),
        ("市民来电反映：楼上住户空调外机滴水到其阳台，物业协调无果，要求物业再次协调。", 1),
        ("市民来电反映：小区东门道闸经常抬杆失灵，车辆排队，要求物业维修。", 0),
        ("市民来电反映：物业前台工作人员态度差，办理门禁卡时推诿，要求物业整改。", 1),
        ("市民来电反映：小区绿化带多处杂草未修剪，蚊虫多，要求物业处理。", 3),
        ("市民来电反映：{b}栋单元门门禁损坏一周未修，陌生人随意进出，要求物业维修。", 0),
        ("市民来电反映：物业收取的装修押金退还时被无故扣款，要求物业说明并退还。", 1),
        ("市民来电反映：小区充电桩区域电动车乱停，消防通道被占，要求物业清理。", 2),
        ("市民来电反映：{b}栋地下室积水，存放物品受损，要求物业排水并查明原因。", 0),
        ("市民来电反映：小区游泳池开放时间未按公示执行，要求物业说明。", 1),
        ("市民来电反映：楼道内堆放杂物多日，物业未清理，存在消防隐患，要求处理。", 2),
    ]
    cols = [("序号", "seq"), ("工单号", "no"), ("受理时间", "recv"), ("派发时间", "fwd"), ("诉求人", "name"),
            ("联系电话", "phone"), ("诉求地址", "loc"), ("诉求内容", "content"), ("承办人", "owner"),
            ("办理时限", "promise"), ("回复时间", "reply"), ("处理情况", "result"), ("回访结果", "visit_res"),
            ("办结时间", "close")]
    styles = {"reply": ("num", "yyyy-mm-dd hh:mm"), "close": ("num", "yyyy-mm-dd hh:mm")}
    ts = [dt.datetime(2026, 10, d, h, m, s) for d, h, m, s in
          ((9, 10, 12, 44), (15, 16, 3, 8), (21, 9, 47, 31), (28, 14, 22, 5))] + \
        [dt.datetime(2026, 11, d, h, m, s) for d, h, m, s in
         ((2, 11, 5, 52), (4, 15, 38, 17), (6, 9, 21, 40), (9, 16, 44, 2), (11, 10, 30, 26), (12, 14, 7, 13),
          (16, 8, 55, 49), (17, 15, 16, 35), (18, 10, 2, 7), (19, 13, 48, 50), (20, 9, 33, 12),
          (23, 16, 20, 41), (24, 10, 8, 3))]
    recs = []
    for i, t in enumerate(ts):
        full, noted = pool.person()
        text, _ = gripes[i % len(gripes)]
        fwd = t + rng.randint(25, 140) * MIN
        promise = dt.datetime.combine((t + 3 * DAY).date(), dt.time(17, 30))
        reply = office(fwd + rng.randint(5, 40) * HOUR, rng)
        if reply > promise:
            reply = promise - rng.randint(30, 200) * MIN
        close = office(reply + rng.randint(20, 50) * HOUR, rng)
        rec = Rec(no=t.strftime("%y%m%d%H%M") + f"{rng.randint(100, 999)}", recv=t.strftime("%Y-%m-%d %H:%M:%S"),
                  fwd=fwd.strftime("%Y-%m-%d %H:%M:%S"), name=noted if rng.random() < 0.7 else full,
                  phone=pool.mobile(), loc=f"新城壹号{rng.randint(1, 18)}栋{rng.randint(1, 3)}单元{rng.randint(2, 30)}0{rng.randint(1, 4)}",
                  content=text.format(b=rng.randint(1, 18), f=rng.randint(2, 30)), owner=rng.choice(owners),
                  promise=promise.strftime("%Y-%m-%d %H:%M:%S"), reply=reply,
                  result="已联系诉求人说明情况并安排处理，诉求人表示认可。", visit_res=rng.choice(["满意", "满意", "基本满意"]),
                  close=close)
        rec["seq"] = i + 1
        rec["_t"] = (t, fwd, promise, reply, close)
        recs.append(rec)

    def unanswer(x):
        x.update(reply=None, result="", visit_res="", close=None)

    def unclose(x):
        x.update(visit_res="", close=None)
    # state as of 11-25 09:00: the latest are still open
    x = recs[16]  # 11-24 10:08: forwarded, deadline 11-27: open, unanswered, not yet due
    unanswer(x)
    x["result"] = "已转工程部核查"
    x.trap = "received 11-24, unanswered, 办理时限 11-27 17:30 not reached: clean"
    x = recs[15]  # 11-23: replied, hotline visit pending
    unclose(x)
    x["reply"] = min(x["reply"], dt.datetime(2026, 11, 24, 16, 10))
    x.trap = "replied 11-24, the hotline's call-back not done yet: open but answered"
    x = recs[3]  # received 10-28: replied, not closed, 28 days
    unclose(x)
    x.trap = "received 10-28, answered, still open after 27 days: under 30, not major"
    # planted
    x = recs[14]  # 11-20 -> deadline 11-23 17:30 passed, unanswered
    unanswer(x)
    x["result"] = "正在协调"
    x.defect = ("reply-overdue", "办理时限 2026-11-23 17:30 passed with no reply and no close", ["promise", "reply", "close"])
    x = recs[9]
    t, fwd, promise, _, _ = x["_t"]
    x["reply"] = promise + 20 * HOUR + 15 * MIN
    x["close"] = x["reply"] + 26 * HOUR
    x.defect = ("reply-late", "replied {0:%m-%d %H:%M}, after the 办理时限 {1:%m-%d %H:%M}".format(x["reply"], promise),
                ["promise", "reply"])
    x = recs[7]
    x["visit_res"] = "不满意"
    x["result"] = "已答复诉求人，诉求人不认可处理结果。"
    x.defect = ("closed-unsatisfied", "closed although the hotline's call-back found the caller 不满意", ["visit_res", "close"])
    x = recs[5]
    x["visit_res"] = ""
    x.defect = ("missing-visit", "办结时间 written, 回访结果 empty: closed without a return visit", ["visit_res", "close"])
    x = recs[12]  # 11-18: replied, not closed, names a journalist
    unclose(x)
    x["content"] = "市民来电反映：小区地库入口坡道破损多次报修未修，已有车辆托底，称已联系电视台记者准备曝光，要求物业立即维修。"
    x.defect = ("major-complaint", "open, and the content says the caller contacted a TV journalist to expose it (记者/曝光)",
                ["content", "close"])
    x = recs[10]
    x["phone"] = "139****6021"
    x.defect = ("bad-phone", "联系电话 masked by the hotline (139****6021): no number to call back", ["phone"])
    x = recs[8]
    x["owner"] = ""
    x.defect = ("missing-field", "承办人 empty: nobody owns the ticket", ["owner"])
    x = recs[13]  # 11-19, unanswered, no deadline copied
    unanswer(x)
    x["promise"] = ""
    x["result"] = "工程部已查看现场"
    x.defect = ("missing-reply-deadline", "unanswered and 办理时限 left empty", ["promise", "reply"])
    # traps
    x = recs[1]
    x["content"] = "市民来电反映：小区{b}栋外墙瓷砖脱落砸中楼下车辆，无人受伤，要求物业排查外墙安全隐患。".format(b=7)
    x.trap = "content says 无人受伤 (nobody hurt): negated, not major; closed after a satisfied visit"
    x = recs[2]
    x["phone"] = "0571-" + pool.landline()
    x.trap = "landline with area code"
    x = recs[4]
    t, fwd, promise, _, _ = x["_t"]
    x["reply"] = promise
    x["close"] = promise + 22 * HOUR
    x.trap = "replied exactly at the 办理时限: on time"
    x = recs[0]
    x.trap = "received 10-09, closed 10-1x after a satisfied visit: old but closed, not major"
    x = recs[6]
    x["visit_res"] = "基本满意"
    x.trap = "回访结果 基本满意: satisfied enough, closed"
    x = recs[11]
    x.trap = "工单号 jump by millions between tickets: hotline numbers, not a paper book"

    g = Grid("转办工单")
    g.widths = {0: 5, 1: 15, 2: 19, 3: 19, 4: 8, 5: 13, 6: 20, 7: 40, 8: 14, 9: 19, 10: 16, 11: 24, 12: 9, 13: 16}
    g.merge(1, 0, 1, len(cols) - 1, "新城壹号物业服务中心  12345市民服务热线转办工单处理登记表", "title")
    g.heights[1] = 32
    reg.structural(g.name, 1, "merged title row")
    g.merge(2, 0, 2, len(cols) - 1, "说明：街道转办的12345工单须在办理时限内回复诉求人并在系统反馈；回访由热线中心进行，"
            "回访满意后办结。统计至2026年11月24日。", "note")
    g.heights[2] = 30
    reg.structural(g.name, 2, "instruction note row")
    nxt = emit_table(reg, g, "complaints", 3, cols, recs, styles=styles,
                     extra={"numbering": "hotline ticket numbers: not a pre-printed book"})
    g.merge(nxt + 1, 0, nxt + 1, 7, "登记：许淑华    负责人：", "plain")
    reg.structural(g.name, nxt + 1, "signature footer")
    g.freeze = 4
    reg.grids.append(g)
    write_xlsx(os.path.join(out, reg.fname), reg.grids)
    return reg


# ---------------------------------------------------------------------------------------------
# 14: 维修 and 投诉 as two tables on one sheet, a 填表说明 block above, frozen panes
# ---------------------------------------------------------------------------------------------
def site_two_tables(out):
    reg = Register("14-滨江花苑-客服中心登记表-2026年11月.xlsx", "two_tables_one_sheet",
                   "ONE sheet (2026.11) holding two tables one under the other: 一、维修工作单登记 (header on "
                   "row 8) and 二、客户投诉登记 (its own header further down), with a four-row 填表说明 block "
                   "between the title and the first table and panes frozen under the first header; repair "
                   "times real date-times shown yyyy/m/d h:mm; complaints received by 投诉日期 (a date) + "
                   "时段 (上午/下午) only; 承诺答复时间 a date-time or a date alone (the end of that day); "
                   "首问责任人 and 责任人 both present.")
    rng = random.Random(1404)
    pool = Pool(14041)
    g = Grid("2026.11")
    g.widths = {0: 11, 1: 15, 2: 10, 3: 26, 4: 8, 5: 14, 6: 8, 7: 15, 8: 15, 9: 10, 10: 10, 11: 15,
                12: 9, 13: 8, 14: 14, 15: 15, 16: 9}
    g.merge(1, 0, 1, 16, "滨江花苑物业服务中心客服登记表（2026年11月）", "title")
    g.heights[1] = 30
    reg.structural(g.name, 1, "merged title row")
    notes = ["填表说明：",
             "1. 维修单接报后五分钟内交工程部，工程部签接单时间及接单人；返单时核对维修人员签字、客户签字、费用，返单签收人签名，不得代签。",
             "2. 超过24小时未完工须写明延误原因；有偿维修每周五将存根联交财务。",
             "3. 投诉须告知客户明确答复时间，按时答复并回访；回访满意方可结案。"]
    for i, t in enumerate(notes):
        g.merge(2 + i, 0, 2 + i, 16, t, "note")
        reg.structural(g.name, 2 + i, "填表说明 block above the tables")
    g.merge(6, 0, 6, 16, "", "plain")
    g.merge(7, 0, 7, 16, "一、维修工作单登记", "sub")
    reg.structural(g.name, 7, "section title of the repair table")
    wcols = [("单号", "no"), ("报修时间", "recv"), ("房号", "loc"), ("报修内容", "content"), ("客户", "name"),
             ("电话", "phone"), ("有偿/无偿", "paid"), ("派单时间", "disp"), ("接单时间", "acc"),
             ("接单人", "acc_by"), ("维修人员", "rep"), ("完工时间", "done"), ("客户签字", "cust_sig"),
             ("费用(元)", "fee"), ("延误原因", "delay"), ("返单时间", "ret"), ("返单签收人", "ret_by")]
    f = ("num", "yyyy/m/d h:mm")
    styles = {k: f for k in ("recv", "disp", "acc", "done", "ret")}
    used = set()
    ts = starts(rng, 16, 2, 24)
    ts[-1] = dt.datetime(2026, 11, 24, 16, 5)
    recs = []
    for i, t in enumerate(ts):
        o = clean_times(rng, t)
        full, noted = pool.person()
        paid = rng.random() < 0.35
        rep = rng.choice(["马德胜", "秦文斌", "江春生"])
        recs.append(Rec(no=f"No.0112{i + 1:02d}", recv=o["recv"], loc=f"{rng.randint(1, 8)}-{rng.randint(1, 3)}-{rng.randint(2, 18)}0{rng.randint(1, 4)}",
                        content=content(rng, used), name=noted, phone=pool.mobile("dash" if i % 3 == 0 else "plain"),
                        paid="有偿" if paid else "无偿", disp=o["disp"], acc=o["acc"], acc_by=rep if rng.random() < 0.7 else "工程-" + rng.choice(["侯", "龙"]),
                        rep=rep, done=o["done"], cust_sig=full, fee=rng.choice([25, 40, 60, 90, 150]) if paid else 0,
                        delay="", ret=o["ret"], ret_by=rng.choice(["客服钟雅琴", "客服韦晓梅"])))
    x = recs[-1]
    x.update(done=None, cust_sig="", ret=None, ret_by="", paid="无偿", fee="")
    x.trap = "received 11-24 16:05, signed in, not completed: in progress for 17 h"
    x = recs[3]
    x["paid"], x["fee"] = "有偿", ""
    x.defect = ("missing-fee", "有偿, completed and returned, 费用 empty", ["paid", "fee"])
    x = recs[6]
    x["ret_by"] = ""
    x.defect = ("missing-signature", "返单时间 written, 返单签收人 empty", ["ret", "ret_by"])
    x = recs[9]
    x["ret"] = x["done"] - 23 * HOUR
    x.defect = ("time-order", "返单时间 {0:%m-%d %H:%M} a day before 完工时间 {1:%m-%d %H:%M}".format(x["ret"], x["done"]),
                ["done", "ret"])
    x = recs[12]
    x["disp"] = None
    x["acc"] = x["recv"] + 4 * MIN
    x.defect = ("missing-time", "engineering signed in (接单时间, 接单人) but 派单时间 is empty", ["disp", "acc"])
    recs[1].trap = "客户 noted 先生/女士; 客户签字 has the full name"
    recs[2].trap = "接单人 is not the repairman (another engineer signed the order in)"
    for x in recs:
        if not x.defect and not x.trap and x["paid"] == "无偿":
            x.trap = "无偿 with 费用 0"
            break
    x = recs[5]
    if not x.defect:
        x["delay"] = "业主不在家，次日上门"
        o = clean_times(rng, x["recv"], dur=25 * 60 + 30)
        x.update(done=o["done"], ret=o["ret"])
        x.trap = "completed 25 h after dispatch with the delay reason written"
    nxt = emit_table(reg, g, "work_orders", 8, wcols, recs, styles=styles, extra={"table": "一、维修工作单登记"})
    g.freeze = 9
    reg.structural(g.name, nxt, "blank row between the tables")
    nxt += 1
    g.merge(nxt, 0, nxt, 16, "二、客户投诉登记", "sub")
    reg.structural(g.name, nxt, "section title of the complaint table")
    ccols = [("编号", "no"), ("投诉日期", "date"), ("时段", "period"), ("投诉人", "name"), ("电话", "phone"),
             ("房号", "loc"), ("投诉类别", "cat"), ("投诉内容", "content"), ("涉及人数", "people"),
             ("首问责任人", "first"), ("责任人", "owner"), ("承诺答复时间", "promise"), ("答复时间", "reply"),
             ("回访时间", "visit"), ("回访结果", "visit_res"), ("结案时间", "close")]
    cstyles = {"date": ("num", "yyyy/m/d"), "promise": f, "reply": f, "visit": f, "close": f}
    cats = [("设备设施", "{b}栋电梯运行时异响，乘坐时晃动明显"), ("管理服务", "保安巡逻不到位，单车棚电瓶被盗"),
            ("收费", "物业费账单多收了一个月的公摊电费"), ("设备设施", "地库排风机噪音太大，影响低层住户休息"),
            ("管理服务", "保洁员清扫楼道不及时，楼道有垃圾"), ("突发事件", "暴雨后地库进水，车辆被泡"),
            ("收费", "临时停车收费标准与公示不一致"), ("管理服务", "快递柜周边堆放杂物，无人管理"),
            ("设备设施", "{b}栋二次供水水压不足，高层出水小"), ("管理服务", "邻居长期在楼道堆放鞋柜，物业不管")]
    cts = starts(rng, 10, 3, 23, hours=(8, 18))
    crecs = []
    for i, t in enumerate(cts):
        full, noted = pool.person()
        cat, text = cats[i]
        promise = dt.datetime.combine((t + 2 * DAY).date(), dt.time(18, 0))
        reply = t + rng.randint(3, 30) * HOUR
        if reply.hour >= 20 or reply.hour < 8:
            reply = dt.datetime.combine(reply.date() + (DAY if reply.hour >= 20 else 0 * DAY), dt.time(9, 30))
        reply = min(reply, promise - 30 * MIN)
        visit = reply + rng.randint(20, 48) * HOUR
        visit = dt.datetime.combine(visit.date(), dt.time(rng.randint(9, 17), rng.randint(0, 59)))
        close = visit + rng.randint(10, 90) * MIN
        crecs.append(Rec(no=f"TS2611{i + 1:03d}", date=dt.datetime.combine(t.date(), dt.time()),
                         period="上午" if t.hour < 12 else "下午", name=noted, phone=pool.mobile(),
                         loc=f"{rng.randint(1, 8)}-{rng.randint(1, 3)}-{rng.randint(2, 18)}0{rng.randint(1, 4)}",
                         cat=cat, content=text.format(b=rng.randint(1, 8)), people=rng.choice([1, 1, 1, 2]),
                         first=rng.choice(["钟雅琴", "韦晓梅"]), owner=rng.choice(["工程部 秦文斌", "秩序部 莫少华", "环境部 付桂芳", "财务部 万倩"]),
                         promise=promise, reply=reply, visit=visit, visit_res="满意", close=close))
        crecs[-1]["_t"] = t
    # the latest are open
    x = crecs[9]
    x.update(reply=None, visit=None, visit_res="", close=None)
    x["promise"] = dt.datetime(2026, 11, 26)
    x.trap = "unanswered, promised 'by' 2026/11/26, a date alone (the end of that day, after the check): not due yet"
    x = crecs[8]
    x.update(visit=None, visit_res="", close=None)
    x["reply"] = dt.datetime.combine(x["_t"].date(), dt.time(17, 40)) if x["period"] == "下午" else x["reply"]
    x.trap = "answered, return visit not yet made: open, nothing overdue"
    # planted
    x = crecs[7]
    x.update(reply=None, visit=None, visit_res="", close=None, promise=None)
    x.defect = ("missing-reply-deadline", "unanswered and no 承诺答复时间 (the customer was given no reply time)",
                ["promise", "reply"])
    x = crecs[6]
    x.update(visit=None, visit_res="", close=None, people=12, cat="管理服务",
             content="12户业主联名反映{b}栋顶楼违建加盖，物业不制止".format(b=rng.randint(1, 8)))
    x.defect = ("major-complaint", "a group complaint of 12 households (涉及人数 12), still open", ["people", "close"])
    x = crecs[4]
    x["cat"] = "服务态度"
    x["content"] = "前台客服接电话态度生硬，不耐烦"
    x.defect = ("bad-category", "投诉类别 服务态度 is not one of the four classes (nearest: 管理服务)", ["cat"])
    # traps
    x = crecs[2]
    x["people"] = 8
    x.trap = "涉及人数 8: under 10, and closed"
    x = crecs[5]
    x["content"] = "暴雨后地库进水，两辆车被泡，无人受伤，要求物业赔偿"
    x.trap = "突发事件 with 无人受伤 (negated); closed after a satisfied visit"
    x = crecs[1]
    if x["period"] == "下午":
        x["reply"] = dt.datetime.combine(x["_t"].date(), dt.time(17, 30))
        x.trap = "received 下午, answered 17:30 the same day: order cannot be judged finer than the 时段, no finding"
    else:
        x["reply"] = dt.datetime.combine(x["_t"].date(), dt.time(11, 50))
        x.trap = "received 上午, answered 11:50 the same day: order cannot be judged finer than the 时段, no finding"
    # a duplicate complaint number on an extra row
    dup = Rec(crecs[3])
    dup.update(no=crecs[3]["no"], name=pool.person()[1], phone=pool.mobile(), cat="设备设施",
               content="{b}栋单元门闭门器坏了，门关不上".format(b=rng.randint(1, 8)))
    dup.defect = ("duplicate-number", f"{crecs[3]['no']} used for a second, different complaint", ["no"])
    crecs.insert(4, dup)
    start = nxt + 1
    nxt = emit_table(reg, g, "complaints", start, ccols, crecs, styles=cstyles, extra={"table": "二、客户投诉登记"})
    for d in reg.defects:
        if d["rule_id"] == "duplicate-number":
            d["alt_rows"] = [d["row"] - 1]
    g.merge(nxt + 1, 0, nxt + 1, 10, "制表人：钟雅琴        服务中心负责人：", "plain")
    reg.structural(g.name, nxt + 1, "signature footer")
    reg.grids.append(g)
    reg.grids.append(Grid("Sheet2"))
    write_xlsx(os.path.join(out, reg.fname), reg.grids)
    return reg


# ---------------------------------------------------------------------------------------------
# 15: one sheet per week, everything typed as text
# ---------------------------------------------------------------------------------------------
def cn_hm(t: dt.time, afternoon_style=False):
    if t.minute == 0 and t.hour == 12:
        return "12点整"
    if afternoon_style and t.hour > 12:
        return f"下午{t.hour - 12}点{t.minute:02d}分"
    return f"{t.hour}点{t.minute:02d}分"


def site_weekly(out):
    reg = Register("15-金地湾-维修登记本-2026年11月.xlsx", "weekly_sheets",
                   "one sheet per week (第1周(11.2-11.8) … 第4周(11.23-11.29)), 序号 restarting on each sheet, "
                   "the form numbers JD2611001… running on across the weeks; every value typed as text: "
                   "日期 '11.3', times '9点05分', '下午2点30分', '12点整', a completion or return on another "
                   "day '11.4 10点20分'; 金额 '￥35'; 是否完成 是/否 and 有偿/无偿 from data-validation lists; "
                   "a hidden 录入人 column; 财务签收 '11.13 赵'.")
    rng = random.Random(1505)
    pool = Pool(15051)
    used = set()
    weeks = [("第1周(11.2-11.8)", 2, 8), ("第2周(11.9-11.15)", 9, 15), ("第3周(11.16-11.22)", 16, 22),
             ("第4周(11.23-11.29)", 23, 24)]
    cols = [("序号", "seq"), ("单号", "no"), ("录入人", "clerk"), ("日期", "date"), ("报修时间", "recv"),
            ("房号", "loc"), ("报修人", "name"), ("联系电话", "phone"), ("报修内容", "content"),
            ("派单时间", "disp"), ("接单时间", "acc"), ("维修人员", "rep"), ("是否完成", "status"),
            ("完成时间", "done"), ("客户签名", "cust_sig"), ("有偿/无偿", "paid"), ("金额", "fee"),
            ("延误/未完成原因", "reason"), ("交回时间", "ret"), ("收单人", "ret_by"), ("财务签收", "fin")]
    allrecs = []
    num = 1
    for wname, d1, d2 in weeks:
        n = 7 if d2 - d1 > 3 else 4
        ts = starts(rng, n, d1, d2)
        if wname.startswith("第4周"):
            ts = [dt.datetime(2026, 11, 23, 9, 12), dt.datetime(2026, 11, 23, 14, 40),
                  dt.datetime(2026, 11, 24, 10, 25), dt.datetime(2026, 11, 24, 16, 50)]
        wk = []
        for t in ts:
            o = clean_times(rng, t)
            full, noted = pool.person()
            paid = rng.random() < 0.35
            fee = rng.choice([15, 35, 50, 80, 120]) if paid else 0
            wk.append({"o": o, "full": full, "noted": noted, "paid": paid, "fee": fee, "num": num,
                       "loc": f"{rng.randint(1, 20)}-{rng.randint(1, 2)}{rng.randint(0, 2)}{rng.randint(1, 4)}",
                       "phone": pool.mobile(), "content": content(rng, used), "rep": rng.choice(["薛师傅", "段师傅", "雷师傅"]),
                       "reason": "", "sig": full, "ret_by": rng.choice(["赵", "赵晓红", "小蔡"]), "defect": None, "trap": None,
                       "pm": rng.random() < 0.4, "fin": True})
            num += 1
        allrecs.append((wname, wk))
    flat = [x for _, wk in allrecs for x in wk]
    # week 4: in progress
    w4 = allrecs[3][1]
    w4[2]["o"] = clean_times(rng, w4[2]["o"]["recv"], stage="accepted")
    w4[2]["trap"] = "received 11-24 10:25, signed in, 是否完成 否: in progress under 24 h"
    w4[3]["o"] = clean_times(rng, w4[3]["o"]["recv"], stage="accepted")
    w4[3]["trap"] = "received 11-24 16:50, signed in, 是否完成 否: in progress for 16 h"
    for x in w4[2:]:
        x["paid"], x["fee"] = False, 0
    # week 3: an open order with its reason (clean) and one without (planted)
    w3 = allrecs[2][1]
    x = w3[1]
    x["o"] = clean_times(rng, x["o"]["recv"], stage="accepted")
    x["reason"] = "等厂家配件（热水器主板）"
    x["paid"], x["fee"] = False, 0
    x["trap"] = "not completed after days, with the reason written (等厂家配件): clean"
    x = w3[4]
    x["o"] = clean_times(rng, x["o"]["recv"], stage="accepted")
    x["paid"], x["fee"] = False, 0
    x["defect"] = ("missing-reason", "dispatched {d:%m-%d %H:%M}, 是否完成 否 at the check (over 24 h), no reason written",
                   ["disp", "status", "done", "reason"])
    # planted, week 1-3
    w1, w2 = allrecs[0][1], allrecs[1][1]
    x = w1[2]
    x["o"] = clean_times(rng, x["o"]["recv"], hand=16)
    x["defect"] = ("slow-handoff", "派单 {p}, 接单 {a}: 16 min, over 5", ["disp", "acc"])
    x = w1[5]
    x["phone"] = ""
    x["defect"] = ("missing-field", "联系电话 empty", ["phone"])
    x = w2[1]
    x["paid"], x["fee"], x["fin"] = True, 80, False
    x["defect"] = ("finance-unreceipted", "有偿 ￥80, completed {c:%m-%d}, more than 7 days before the check, 财务签收 empty",
                   ["paid", "done", "fin"])
    x = w2[3]
    x["sig"] = ""
    x["defect"] = ("missing-signature", "returned (交回时间, 收单人) without the customer's signature", ["cust_sig", "ret"])
    x = w2[5]
    x["bad_ret"] = True
    x["defect"] = ("bad-value", "交回时间 typed with a letter O for a zero ('9点3O分'): cannot be read", ["ret"])
    x = w3[2]
    x["no_ret_time"] = True
    x["defect"] = ("missing-time", "收单人 signed the return but 交回时间 is empty", ["ret", "ret_by"])
    # traps
    w1[0]["trap"] = "序号 1 on each week's sheet; the form numbers go on from the week before"
    for x in w1:
        if not x["defect"] and not x["trap"] and x["o"]["recv"].weekday() == 6:
            x["trap"] = "received on a Sunday"
    for x in flat:
        if not x["defect"] and not x["trap"] and x["o"]["done"] and x["o"]["ret"] and x["o"]["ret"].date() > x["o"]["done"].date():
            x["trap"] = "returned the next morning: 交回时间 written with its date '11.x 8点xx分'"
            break
    for x in flat:
        if not x["defect"] and not x["trap"] and x["pm"]:
            x["trap"] = "times typed 下午2点30分 style"
            break
    for x in flat:
        o = x["o"]
        if x["paid"] and not x["defect"] and not x["trap"] and o["done"] and o["done"] >= AS_OF - 7 * DAY:
            x["trap"] = "paid, completed within the last 7 days: not yet due at finance"
            break
    x = w2[0]
    if not x["defect"] and not x["trap"]:
        o = x["o"]
        r = dt.datetime.combine(o["recv"].date(), dt.time(11, 52))
        x["o"] = clean_times(rng, r)
        x["o"]["disp"] = dt.datetime.combine(r.date(), dt.time(11, 56))
        x["o"]["acc"] = dt.datetime.combine(r.date(), dt.time(12, 0))
        x["trap"] = "接单时间 typed '12点整'"

    def hm(t, x, base):
        """same day as 日期: time alone; another day: '11.4 10点20分'"""
        if t is None:
            return ""
        s = cn_hm(t.time(), x["pm"])
        return s if t.date() == base else f"{t.month}.{t.day} {s}"

    for wname, wk in allrecs:
        g = Grid(wname)
        g.widths = {0: 5, 1: 11, 2: 6, 3: 6, 4: 9, 5: 8, 6: 8, 7: 13, 8: 26, 9: 9, 10: 9, 11: 8, 12: 6,
                    13: 13, 14: 8, 15: 7, 16: 7, 17: 16, 18: 13, 19: 7, 20: 10}
        g.hidden_cols = {2}
        g.merge(1, 0, 1, len(cols) - 1, f"金地湾服务中心 维修登记本  2026年11月 {wname}", "title")
        reg.structural(wname, 1, "merged title row with the week")
        recs = []
        for k, x in enumerate(wk):
            o = x["o"]
            base = o["recv"].date()
            done = o["done"]
            rec = Rec(seq=k + 1, no=f"JD2611{x['num']:03d}", clerk=rng.choice(["赵", "蔡"]),
                      date=f"{base.month}.{base.day}", recv=hm(o["recv"], x, base), loc=x["loc"],
                      name=x["noted"], phone=x["phone"], content=x["content"], disp=hm(o["disp"], x, base),
                      acc=hm(o["acc"], x, base), rep=x["rep"], status="是" if done else "否",
                      done=hm(done, x, base), cust_sig=x["sig"] if done else "", paid="有偿" if x["paid"] else "无偿",
                      fee=(f"￥{x['fee']}" if x["paid"] else rng.choice(["0", ""])) if done else "",
                      reason=x["reason"], ret=hm(o["ret"], x, base), ret_by=x["ret_by"] if o["ret"] else "")
            if x.get("bad_ret"):
                rec["ret"] = rec["ret"].replace("分", "").rsplit("点", 1)[0] + "点3O分"
            if x.get("no_ret_time"):
                rec["ret"] = ""
            if x["paid"] and done and done < AS_OF - 7 * DAY and x["fin"]:
                fd = next_friday(done)
                rec["fin"] = f"{fd.month}.{fd.day} 赵"
            if x["defect"]:
                rule, why, show = x["defect"]
                why = why.format(d=o["disp"], p=rec["disp"], a=rec["acc"], c=done or o["recv"])
                rec.defect = (rule, why, show)
            rec.trap = x["trap"]
            recs.append(rec)
        nxt = emit_table(reg, g, "work_orders", 2, cols, recs,
                         extra={"hidden_columns": ["C"], "book": "one book JD2611… across the four week sheets"})
        g.validations.append((f"M3:M{nxt + 20}", {"validate": "list", "source": ["是", "否"]}))
        g.validations.append((f"P3:P{nxt + 20}", {"validate": "list", "source": ["有偿", "无偿"]}))
        g.put(nxt + 1, 0, f"本周共{len(recs)}单，完成{sum(1 for r in recs if r['status'] == '是')}单", "plain")
        reg.structural(wname, nxt + 1, "weekly count line under the table")
        g.freeze = 3
        reg.grids.append(g)
    write_xlsx(os.path.join(out, reg.fname), reg.grids)
    return reg


# ---------------------------------------------------------------------------------------------
# 16: engineering's dispatch register: serial numbers, 9:05AM, fee split
# ---------------------------------------------------------------------------------------------
def ampm(t: dt.datetime):
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d}{'AM' if t.hour < 12 else 'PM'}"


def site_engineering(out):
    reg = Register("16-海棠湾-工程部维修派工登记-2026-11.xlsx", "engineering_dispatch",
                   "engineering's own dispatch register (工程部维修派工登记), pasted as values from another "
                   "workbook: 报修日期 a bare Excel serial number (46329), 完工时间 and 回单时间 serial numbers "
                   "with a fraction (46331.604861) in General format; 报修/派单/接单时间 typed '9:05AM', "
                   "'2:30PM'; the fee split 材料费 / 人工费 / 合计 (合计 a formula =IF(COUNT(..)=0,\"\",..) with "
                   "cached values); a hidden 系统ID column; a 有偿/无偿 validation list.")
    rng = random.Random(1606)
    pool = Pool(16061)
    used = set()
    cols = [("派工单号", "no"), ("系统ID", "sysid"), ("报修日期", "date"), ("报修时间", "recv"), ("派单时间", "disp"),
            ("接单时间", "acc"), ("接单人", "acc_by"), ("地址", "loc"), ("业主", "name"), ("电话", "phone"),
            ("故障描述", "content"), ("维修人", "rep"), ("完工时间", "done"), ("业主签字", "cust_sig"),
            ("有偿/无偿", "paid"), ("材料费", "fee_mat"), ("人工费", "fee_lab"), ("合计", "fee"),
            ("超时原因", "delay"), ("回单时间", "ret"), ("客服签收", "ret_by"), ("财务签收", "fin")]
    ts = starts(rng, 20, 2, 24)
    ts[-1] = dt.datetime(2026, 11, 24, 17, 20)
    ts[-2] = dt.datetime(2026, 11, 23, 15, 5)
    reps = ["汤世杰", "顾建军", "孔德胜", "尹俊峰"]
    xs = []
    for i, t in enumerate(ts):
        o = clean_times(rng, t)
        full, noted = pool.person()
        paid = rng.random() < 0.4
        mat = rng.choice([None, 12, 25, 48, 85]) if paid else None
        lab = rng.choice([20, 30, 50]) if paid else None
        rep = rng.choice(reps)
        xs.append({"o": o, "full": full, "noted": noted, "paid": paid, "mat": mat, "lab": lab, "rep": rep,
                   "acc_by": rep if rng.random() < 0.6 else "班长" + rng.choice(["邵", "龚"]),
                   "phone": pool.mobile() if rng.random() < 0.8 else "0898-" + pool.landline(),
                   "loc": f"海棠湾{rng.randint(1, 12)}栋{rng.randint(1, 2)}单元{rng.randint(2, 11)}0{rng.randint(1, 2)}",
                   "content": content(rng, used), "delay": "", "sig": full, "ret_by": rng.choice(["客服严春燕", "客服覃琳"]),
                   "defect": None, "trap": None})
    x = xs[-1]
    x["o"] = clean_times(rng, x["o"]["recv"], stage="completed")
    x["paid"], x["mat"], x["lab"] = False, None, None
    x["done_future"] = True
    x["defect"] = ("time-order", "完工时间 46351.445139 = 2026-11-25 10:41, after the check time (11-25 09:00)", ["done"])
    x = xs[-2]
    x["o"] = clean_times(rng, x["o"]["recv"], stage="completed")
    x["trap"] = "completed 11-23, not yet returned"
    # planted
    x = xs[2]
    x["sig"] = x["rep"]
    x["defect"] = ("proxy-signature", "业主签字 is the repairman's own name", ["rep", "cust_sig"])
    x = xs[5]
    x["acc_by"] = ""
    x["defect"] = ("missing-signature", "接单时间 written, 接单人 empty: nobody in engineering signed for it", ["acc", "acc_by"])
    x = xs[8]
    x["paid"], x["mat"], x["lab"] = True, None, None
    x["defect"] = ("missing-fee", "有偿, completed and returned, 材料费 / 人工费 / 合计 all empty", ["paid", "fee"])
    x = xs[11]
    x["o"] = clean_times(rng, x["o"]["recv"], dur=26 * 60 + 20)
    x["paid"] = False
    x["defect"] = ("missing-reason", "completed 26 h after dispatch, 超时原因 empty", ["disp", "done", "delay"])
    x = xs[13]
    x["phone"] = "0898-663521"
    x["defect"] = ("bad-phone", "电话 0898-663521: a 6-digit local number", ["phone"])
    x = xs[15]
    x["no_acc"] = True
    x["defect"] = ("missing-time", "接单人 signed and the order completed, 接单时间 empty", ["acc", "acc_by"])
    # traps
    for x in xs:
        if not x["defect"] and not x["trap"] and x["paid"] and x["mat"] is None:
            x["trap"] = "有偿 with labour only (材料费 blank), 合计 = 人工费"
            break
    for x in xs:
        if not x["defect"] and not x["trap"] and x["acc_by"] != x["rep"]:
            x["trap"] = "接单人 a team leader, not the repairman"
            break
    for x in xs:
        if not x["defect"] and not x["trap"] and any(t and t.hour == 12 for t in (x["o"]["recv"], x["o"]["disp"], x["o"]["acc"])):
            x["trap"] = "a time between 12:00 and 12:59 typed 12:xxPM"
            break
    for x in xs:
        o = x["o"]
        if x["paid"] and not x["defect"] and not x["trap"] and o["done"] and o["done"] < AS_OF - 7 * DAY:
            x["trap"] = "paid, completed before 11-18, 财务签收 written"
            break
    xs[0]["trap"] = xs[0]["trap"] or "报修日期 a bare serial number, 完工时间 a serial with a fraction"
    g = Grid("派工登记")
    g.widths = {0: 12, 1: 8, 2: 9, 3: 9, 4: 9, 5: 9, 6: 8, 7: 18, 8: 8, 9: 14, 10: 26, 11: 8, 12: 12,
                13: 8, 14: 7, 15: 7, 16: 7, 17: 7, 18: 12, 19: 12, 20: 11, 21: 10}
    g.hidden_cols = {1}
    g.merge(1, 0, 1, len(cols) - 1, "海棠湾项目工程部维修派工登记（2026年11月）", "title")
    reg.structural(g.name, 1, "merged title row")
    recs = []
    for i, x in enumerate(xs):
        o = x["o"]
        done = o["done"]
        if x.get("done_future"):
            done = dt.datetime(2026, 11, 25, 10, 41)
        r = 3 + i
        has_fee = x["mat"] is not None or x["lab"] is not None
        rec = Rec(no=f"PG-2611-{i + 1:03d}", sysid=f"{9912400 + rng.randint(10, 99) * 7 + i}",
                  date=int(serial(dt.datetime.combine(o["recv"].date(), dt.time()))), recv=ampm(o["recv"]),
                  disp=ampm(o["disp"]), acc="" if x.get("no_acc") else ampm(o["acc"]),
                  acc_by=x["acc_by"], loc=x["loc"], name=x["noted"] if i % 2 else x["full"], phone=x["phone"],
                  content=x["content"], rep=x["rep"], done=serial(done) if done else None,
                  cust_sig=x["sig"] if done else "", paid="有偿" if x["paid"] else "无偿",
                  fee_mat=x["mat"] if x["paid"] else None, fee_lab=x["lab"] if x["paid"] else None,
                  fee=Formula(f"=IF(COUNT(P{r}:Q{r})=0,\"\",P{r}+Q{r})",
                              ((x["mat"] or 0) + (x["lab"] or 0)) if (x["paid"] and has_fee) else ""),
                  delay=x["delay"], ret=serial(o["ret"]) if o["ret"] else None,
                  ret_by=x["ret_by"] if o["ret"] else "")
        if x["paid"] and done and done < AS_OF - 7 * DAY:
            fd = next_friday(done)
            rec["fin"] = f"财务 {fd.month}.{fd.day}"
        if x["defect"]:
            rec.defect = x["defect"]
        rec.trap = x["trap"]
        recs.append(rec)
    nxt = emit_table(reg, g, "work_orders", 2, cols, recs,
                     styles={"date": ("num", "General"), "done": ("num", "General"), "ret": ("num", "General")},
                     extra={"hidden_columns": ["B"], "serial_columns": ["date", "done", "ret"]})
    g.validations.append((f"O3:O{nxt + 30}", {"validate": "list", "source": ["有偿", "无偿"]}))
    g.put(nxt, 0, "合计", "cell")
    total = sum(r["fee"].value for r in recs if isinstance(r["fee"].value, int))
    g.put(nxt, 17, Formula(f"=SUM(R3:R{nxt - 1})", total), "cell")
    reg.structural(g.name, nxt, "合计 row (SUM formula, cached value)")
    g.put(nxt + 2, 0, "工程部主管：          日期：", "plain")
    reg.structural(g.name, nxt + 2, "signature footer")
    g.freeze = 3
    reg.grids.append(g)
    write_xlsx(os.path.join(out, reg.fname), reg.grids)
    return reg


SITES = [site_per_engineer, site_old_xls, site_hotline, site_two_tables, site_weekly, site_engineering]


def main(argv):
    if len(argv) != 2:
        print("usage: make_more.py OUT_DIR", file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    regs = [f(out) for f in SITES]
    answers = {
        "as_of": AS_OF.strftime("%Y-%m-%d %H:%M"),
        "generated_by": "tests/sites/more/make_more.py",
        "written_blind": "from ../shared/DOMAIN.md, issue #19 and the README rule table only; the "
                         "reader's code and tests were not read, and the toolkit was not run before "
                         "the key was written",
        "matching": "a planted defect is found when a finding has the same file, sheet, row and rule "
                    "(rule_id null: any finding on that row); alt_rows lists other rows a finding for "
                    "the same defect may be reported on (number-gap, duplicate-number)",
        "registers": [r.answer() for r in regs],
    }
    with open(os.path.join(out, "answers.json"), "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for r in regs:
        rows = sum(1 for t in r.traps if not t.get("structural"))
        print(f"{r.fname}: {len(r.defects)} planted defects, {rows} trap rows "
              f"(+{len(r.traps) - rows} structural rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
