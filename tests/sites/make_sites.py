#!/usr/bin/env python3
"""Registers as real sites keep them (issue #19), written blind: from ../shared/DOMAIN.md,
the issue text and the README's rule table only, without looking at the reader's code.

    python tests/sites/make_sites.py OUT_DIR

writes one .xlsx per site into OUT_DIR and answers.json beside them (the same answers.json is
committed in tests/sites/). Everything is fixed: the seeds, the dates (November 2026) and the
as-of time the answers assume, 2026-11-25 09:00. Running it twice gives the same bytes.

Each register carries planted defects (each on a row that is otherwise clean) and traps (rows
that look suspicious but break no rule). The answer key lists both, by sheet and Excel row.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys

import xlsxwriter

AS_OF = dt.datetime(2026, 11, 25, 9, 0)
CREATED = dt.datetime(2026, 11, 25, 8, 30)
MIN = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


def T(s: str, year: int = 2026) -> dt.datetime:
    """'11-06 14:05' or '11-06 14:05:33' -> datetime in 2026."""
    date, hm = s.split()
    m, d = (int(x) for x in date.split("-"))
    parts = [int(x) for x in hm.split(":")]
    return dt.datetime(year, m, d, parts[0], parts[1], parts[2] if len(parts) > 2 else 0)


def mins(a, b):
    """whole minutes from a to b"""
    return int((b - a).total_seconds() // 60)


# ---------------------------------------------------------------------------------------
# people, phones, places
# ---------------------------------------------------------------------------------------
SURN_S = "王李张刘陈杨黄赵周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭汪范金石廖贾夏方白邹孟熊秦邱江尹薛段雷侯史陶贺顾毛郝龚邵严覃武戴孔汤"
GIVEN_S = ["建华", "秀英", "伟", "芳", "丽娟", "静", "志强", "磊", "军", "海洋", "勇", "艳", "俊杰",
           "娟", "国涛", "明辉", "超", "秀兰", "晓霞", "平", "桂英", "海燕", "建国", "晓燕", "文博",
           "子涵", "雨桐", "丹", "宇航", "鑫", "欣怡", "浩然", "国庆", "玉兰", "春梅", "德明", "永平",
           "淑珍", "立新", "卫东", "红梅", "雪莲", "志远", "佳怡", "振宇", "美华", "金凤", "家乐"]
FEMALE_S = {"秀英", "芳", "丽娟", "静", "艳", "娟", "秀兰", "晓霞", "桂英", "海燕", "晓燕", "子涵",
            "雨桐", "丹", "欣怡", "玉兰", "春梅", "淑珍", "红梅", "雪莲", "佳怡", "美华", "金凤"}
SURN_T = "陳黃李張梁林吳何鄭王劉葉蔡楊許謝郭馮曾鄧羅蕭盧周徐朱胡高麥鍾蘇潘譚區"
GIVEN_T = ["志明", "美玲", "家豪", "淑芬", "嘉欣", "俊傑", "詠詩", "國強", "慧敏", "偉倫", "淑儀",
           "家輝", "建華", "麗珍", "子軒", "浩然", "婉婷", "志偉", "雅婷", "冠宇", "文雄", "秀蘭",
           "錦輝", "美儀", "振邦", "佩珊", "永健", "寶儀", "啟明", "月娥", "宗翰", "怡君", "承恩"]
FEMALE_T = {"美玲", "淑芬", "嘉欣", "詠詩", "慧敏", "淑儀", "麗珍", "婉婷", "雅婷", "秀蘭", "美儀",
            "佩珊", "寶儀", "月娥", "怡君"}

CN_MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                      "152", "153", "155", "156", "158", "159", "177", "180", "181", "182", "183",
                      "185", "186", "187", "188", "189", "199"]


class Pool:
    """Deterministic names, phones and places for one register (one seed each)."""

    def __init__(self, seed: int, trad: bool = False, avoid: tuple = ()):
        self.rng = random.Random(seed)
        self.trad = trad
        self.used = set(avoid)

    def person(self):
        """(full name, how the clerk notes the caller: 刘先生 / 王女士)."""
        surn, given, fem = (SURN_T, GIVEN_T, FEMALE_T) if self.trad else (SURN_S, GIVEN_S, FEMALE_S)
        while True:
            s = self.rng.choice(surn)
            g = self.rng.choice(given)
            if s + g not in self.used:
                self.used.add(s + g)
                break
        if self.trad:
            title = s + ("小姐" if g in fem else "先生")
        else:
            title = s + ("女士" if g in fem else "先生")
        return s + g, title

    def digits(self, n):
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def cn_mobile(self, style="plain"):
        p = self.rng.choice(CN_MOBILE_PREFIXES)
        rest = self.digits(8)
        if style == "space":
            return f"{p} {rest[:4]} {rest[4:]}"
        if style == "dash":
            return f"{p}-{rest[:4]}-{rest[4:]}"
        return p + rest

    def hk_phone(self, first=None):
        first = first or self.rng.choice("569")
        d = first + self.digits(7)
        return f"{d[:4]} {d[4:]}"

    def mo_phone(self, landline=False):
        d = ("28" + self.digits(6)) if landline else ("6" + self.rng.choice("2356") + self.digits(6))
        return f"{d[:4]} {d[4:]}"

    def tw_mobile(self):
        d = "09" + self.rng.choice("1235678") + self.digits(7)
        return f"{d[:4]}-{d[4:7]}-{d[7:]}"

    def cn_room(self, buildings=12, floors=18):
        b = self.rng.randint(1, buildings)
        u = self.rng.randint(1, 3)
        f = self.rng.randint(2, floors)
        r = self.rng.randint(1, 4)
        return f"{b}栋{u}单元{f}{r:02d}"

    def hk_flat(self):
        return f"{self.rng.randint(1, 3)}座{self.rng.randint(2, 28)}樓{self.rng.choice('ABCDEFGH')}室"

    def mo_flat(self):
        return f"第{self.rng.randint(1, 4)}座{self.rng.randint(2, 30)}樓{self.rng.choice('ABCDEFGH')}"

    def tw_unit(self):
        return f"{self.rng.choice('ABC')}棟{self.rng.randint(2, 15)}樓之{self.rng.randint(1, 4)}"


def order(rng, start, d_disp=None, d_acc=None, dur=None, d_ret=None, stage="returned", **kw):
    """A clean order's times: received → dispatched (2-6 min) → engineering sign-in (1-4 min)
    → completed (50-240 min) → returned (20-150 min). `stage` trims what has not happened yet."""
    d_disp = rng.randint(2, 6) if d_disp is None else d_disp
    d_acc = rng.randint(1, 4) if d_acc is None else d_acc
    dur = rng.randint(50, 240) if dur is None else dur
    d_ret = rng.randint(20, 150) if d_ret is None else d_ret
    o = {"recv": start}
    o["disp"] = start + d_disp * MIN
    o["acc"] = o["disp"] + d_acc * MIN
    o["done"] = o["acc"] + dur * MIN
    o["ret"] = o["done"] + d_ret * MIN
    if o["ret"].hour >= 19 or o["ret"].date() > o["done"].date():
        # customer service has gone home: the order comes back the next morning
        o["ret"] = dt.datetime.combine(o["done"].date() + dt.timedelta(days=1),
                                       dt.time(8, 30)) + rng.randint(5, 25) * MIN
    order_ = ["recv", "disp", "acc", "done", "ret"]
    cut = {"received": 1, "dispatched": 2, "accepted": 3, "completed": 4, "returned": 5}[stage]
    for k in order_[cut:]:
        o[k] = None
    o["stage"] = stage
    o.update(kw)
    return o


# ---------------------------------------------------------------------------------------
# the sheet writer and the answer key
# ---------------------------------------------------------------------------------------
class Register:
    def __init__(self, fname, layout, description, region="mainland"):
        self.fname = fname
        self.layout = layout
        self.description = description
        self.region = region
        self.defects = []
        self.traps = []
        self.sheets = []

    def answer(self):
        return {
            "file": self.fname,
            "layout": self.layout,
            "description": self.description,
            "region": self.region,
            "sheets": self.sheets,
            "defects": self.defects,
            "traps": self.traps,
        }


class Sheet:
    """cols: [(header, key)] or, for a two-level header, [(group or None, header, key)]."""

    def __init__(self, name, cols, dt_fmt="yyyy-mm-dd hh:mm", widths=None, fmts=None, kind=None,
                 header_note=None):
        self.name = name
        self.cols = cols
        self.two_level = len(cols[0]) == 3
        self.dt_fmt = dt_fmt
        self.widths = widths or {}
        self.fmts = fmts or {}
        self.items = []
        self.kind = kind
        self.header_note = header_note

    @property
    def keys(self):
        return [c[-1] for c in self.cols]

    def title(self, text, height=28):
        self.items.append(("title", text, height))

    def note(self, text):
        self.items.append(("note", text))

    def header(self):
        self.items.append(("header",))

    def rec(self, values, defects=(), trap=None):
        """values: key -> cell value. defects: [(rule_id, why)]; trap: why it is clean."""
        self.items.append(("rec", values, list(defects), trap))

    def raw(self, cells, what):
        self.items.append(("raw", cells, what))

    def blank(self):
        self.items.append(("blank",))


def write_book(reg: Register, sheets, out_dir, extra=None):
    path = os.path.join(out_dir, reg.fname)
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    wb.set_properties({"created": CREATED, "author": "客服中心", "company": ""})
    title_f = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    note_f = wb.add_format({"font_size": 9, "text_wrap": True, "valign": "vcenter", "font_color": "#595959"})
    head_f = wb.add_format({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter",
                            "border": 1, "bg_color": "#DDEBF7"})
    cell_f = wb.add_format({"border": 1, "valign": "vcenter"})
    wrap_f = wb.add_format({"border": 1, "valign": "vcenter", "text_wrap": True})
    fmt_cache = {}

    def num_fmt(f):
        if f not in fmt_cache:
            fmt_cache[f] = wb.add_format({"border": 1, "num_format": f, "valign": "vcenter"})
        return fmt_cache[f]

    for sh in sheets:
        if callable(sh):  # a free-form sheet (instructions, statistics, blank)
            sh(wb)
            continue
        ws = wb.add_worksheet(sh.name)

        def structural(row, why, sheet=sh.name):
            reg.traps.append({"sheet": sheet, "row": row, "why": why, "structural": True})

        info = {"name": sh.name, "kind": sh.kind, "header_rows": [], "records": 0,
                "record_rows": [],
                "columns": [[xl_col(c), " / ".join(x for x in col[:-1] if x), col[-1]]
                            for c, col in enumerate(sh.cols)]}
        ncol = len(sh.cols)
        r = 0
        for c in range(ncol):
            ws.set_column(c, c, sh.widths.get(sh.keys[c], 12))
        for item in sh.items:
            kind = item[0]
            if kind == "title":
                ws.merge_range(r, 0, r, ncol - 1, item[1], title_f)
                ws.set_row(r, item[2])
                structural(r + 1, "a merged title row, not an order")
                r += 1
            elif kind == "note":
                ws.merge_range(r, 0, r, ncol - 1, item[1], note_f)
                ws.set_row(r, 30)
                structural(r + 1, "a note row between the title and the header (it names rules and "
                                  "numbers, e.g. 5分钟 / 3-2-501): not an order")
                r += 1
            elif kind == "header":
                if not sh.two_level:
                    for c, (h, _k) in enumerate(sh.cols):
                        ws.write_string(r, c, h, head_f)
                    ws.set_row(r, 36)
                    info["header_rows"] = [r + 1]
                    structural(r + 1, "the header row" + (sh.header_note or ""))
                    r += 1
                else:
                    c = 0
                    while c < ncol:
                        g = sh.cols[c][0]
                        if g is None:
                            ws.merge_range(r, c, r + 1, c, sh.cols[c][1], head_f)
                            c += 1
                            continue
                        c1 = c
                        while c1 + 1 < ncol and sh.cols[c1 + 1][0] == g:
                            c1 += 1
                        if c1 > c:
                            ws.merge_range(r, c, r, c1, g, head_f)
                        else:
                            ws.write_string(r, c, g, head_f)
                        for cc in range(c, c1 + 1):
                            ws.write_string(r + 1, cc, sh.cols[cc][1], head_f)
                        c = c1 + 1
                    info["header_rows"] = [r + 1, r + 2]
                    structural(r + 1, "the group row of a two-level header (报修登记 / 派单 / 工程部 / 完工 / "
                                      "返单 merged over the names below)")
                    structural(r + 2, "the second header row: 签收时间 / 签收人 appear under both 工程部 "
                                      "(engineering sign-in) and 返单 (the return)")
                    r += 2
            elif kind == "rec":
                _, vals, defects, trap = item
                for c, key in enumerate(sh.keys):
                    v = vals.get(key)
                    if v is None:
                        ws.write_blank(r, c, None, cell_f)
                    elif isinstance(v, dt.datetime):
                        ws.write_datetime(r, c, v, num_fmt(sh.fmts.get(key, sh.dt_fmt)))
                    elif isinstance(v, (int, float)) and not isinstance(v, bool):
                        ws.write_number(r, c, v, num_fmt(sh.fmts.get(key, "General")))
                    else:
                        ws.write_string(r, c, str(v), wrap_f if len(str(v)) > 14 else cell_f)
                info["records"] += 1
                info["record_rows"].append(r + 1)
                for d in defects:
                    rule, why = d[0], d[1]
                    entry = {"sheet": sh.name, "row": r + 1, "rule_id": rule, "why": why}
                    if len(d) > 2:
                        entry.update(d[2])
                    reg.defects.append(entry)
                if trap:
                    reg.traps.append({"sheet": sh.name, "row": r + 1, "why": trap})
                r += 1
            elif kind == "raw":
                _, cells, what = item
                for c, v in enumerate(cells):
                    if v is None:
                        continue
                    if isinstance(v, (int, float)):
                        ws.write_number(r, c, v)
                    else:
                        ws.write_string(r, c, v)
                info.setdefault("other_rows", []).append({"row": r + 1, "what": what})
                structural(r + 1, {"subtotal": "a subtotal row (上半月小计) in the middle of the data: "
                                               "not an order, numbering continues after it",
                                   "total": "a totals row (合计): not an order",
                                   "signature footer": "the signature footer (制表人 … 审核): not an order"
                                   }.get(what, what))
                r += 1
            elif kind == "blank":
                r += 1
        ws.freeze_panes(info["header_rows"][-1], 0)
        reg.sheets.append(info)
    if extra:
        extra(wb)
    wb.close()


def xl_col(c: int) -> str:
    """0 -> A, 26 -> AA"""
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def yn(paid, yes="有偿", no="无偿"):
    return None if paid is None else (yes if paid else no)


# ---------------------------------------------------------------------------------------
# (a) 客服来电登记表: one call log for every kind of call
# ---------------------------------------------------------------------------------------
def site_call_log(out):
    reg = Register("01-锦绣花园-客服来电登记表-2026年11月.xlsx", "call_log",
                   "(a) one combined call log 客服来电登记表: a 来电类型 column mixing 报修/投诉/咨询/建议/"
                   "表扬/求助, repair columns (派单…返单) and complaint columns (责任部门, 承诺答复时间…结案时间) "
                   "side by side, blank where they do not apply; 编号 holds WX… repair-form numbers and TS… "
                   "complaint numbers in one column (two books); a 序号 counter; real Excel dates.")
    p = Pool(101, avoid={"吴刚", "李明", "赵建国", "刘志强", "何伟", "张敏", "王丽"})
    rng = p.rng
    cols = [("序号", "seq"), ("来电时间", "recv"), ("来电类型", "type"), ("来电人", "name"),
            ("联系电话", "phone"), ("房号", "loc"), ("来电内容", "content"), ("接听人", "taker"),
            ("编号", "no"), ("派单时间", "disp"), ("工程部接单时间", "acc"), ("接单人", "acc_by"),
            ("维修人员", "rep"), ("完工时间", "done"), ("客户签字", "cust_sig"),
            ("有偿/无偿", "paid"), ("费用(元)", "fee"), ("延误/未完成原因", "reason"),
            ("返单时间", "ret"), ("返单签收人", "ret_by"), ("责任部门", "owner"),
            ("承诺答复时间", "promise"), ("答复时间", "reply"), ("回访时间", "visit"),
            ("回访结果", "visit_res"), ("结案时间", "close"), ("备注", "remarks")]
    sh = Sheet("11月", cols, dt_fmt="yyyy/m/d hh:mm", kind="call_log",
               widths={"recv": 15, "content": 30, "loc": 13, "phone": 13, "no": 11, "disp": 15,
                       "acc": 15, "done": 15, "ret": 15, "promise": 15, "reply": 15, "visit": 15,
                       "close": 15, "reason": 16, "visit_res": 16})
    sh.title("锦绣花园物业服务中心 客服来电登记表（2026年11月）")
    sh.header()
    seq = [0]

    def base(t, kind, taker):
        seq[0] += 1
        full, title = p.person()
        return full, {"seq": seq[0], "recv": t, "type": kind, "name": title, "phone": p.cn_mobile(),
                      "loc": p.cn_room(), "taker": taker}

    def repair(no, t, content, paid, fee, rep, stage="returned", defects=(), trap=None, **kw):
        full, v = base(t, "报修", kw.pop("taker", "张敏"))
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        v.update({"content": content, "no": no, "disp": o["disp"], "acc": o["acc"],
                  "acc_by": "刘志强" if o["acc"] else None, "rep": rep if o["acc"] else None,
                  "done": o["done"], "cust_sig": full if o["done"] else None, "paid": yn(paid),
                  "fee": fee if o["done"] else None, "ret": o["ret"],
                  "ret_by": "王丽" if o["ret"] else None})
        v.update(kw)
        sh.rec(v, defects, trap)

    def complaint(no, t, content, owner, promise, reply=None, visit=None, visit_res=None,
                  close=None, defects=(), trap=None, **kw):
        full, v = base(t, "投诉", kw.pop("taker", "王丽"))
        v.update({"content": content, "no": no, "owner": owner, "promise": promise,
                  "reply": reply, "visit": visit, "visit_res": visit_res, "close": close})
        v.update(kw)
        sh.rec(v, defects, trap)

    def other(t, kind, content, taker="张敏", defects=(), trap=None, **kw):
        full, v = base(t, kind, taker)
        v.update({"content": content})
        v.update(kw)
        sh.rec(v, defects, trap)

    repair("WX2611001", T("11-02 08:47"), "厨房水龙头根部漏水，关闭后仍滴水", True, 35, "吴刚",
           trap="caller noted as a title (x先生) while the customer signs with the full name")
    other(T("11-02 09:30"), "咨询", "咨询物业费能否微信缴纳，已告知缴费流程",
          trap="a consultation: complete with time, caller, content and who took it; repair and "
               "complaint columns rightly blank")
    repair("WX2611002", T("11-03 10:02"), "卫生间地漏堵塞，洗澡时积水", True, 50, "李明",
           d_disp=2, d_acc=13,
           defects=[("slow-handoff", "dispatched 10:04, engineering signed in 10:17: 13 min, over 5")])
    complaint("TS2611001", T("11-03 14:20"), "楼上住户晚上11点后仍拖动家具，噪音影响休息", "秩序维护部",
              T("11-04 18:00"), T("11-04 16:30"), T("11-05 10:00"), "满意", T("11-05 10:30"),
              trap="a complaint row between repair rows: TS2611001 starts the complaint book, "
                   "not a gap or a clash with the WX numbers; answered in time, visited, satisfied, closed")
    repair("WX2611003", T("11-04 08:15"), "6栋2单元3楼楼道声控灯不亮", False, 0, "赵建国",
           loc="6栋2单元3楼楼道", trap="a free repair (无偿) with fee 0")
    other(T("11-05 11:40"), "表扬", "表扬维修师傅吴刚上门及时，服务态度好",
          trap="a praise call: no repair or complaint columns needed; names a repairer in the content")
    repair("WX2611004", T("11-06 09:10"), "入户门门锁转动不灵，钥匙拧不动", True, 40, "吴刚",
           cust_sig=None,
           defects=[("missing-signature", "returned (返单时间 and 返单签收人 written) without the "
                                          "customer's signature")])
    other(T("11-06 15:25"), "建议", "建议小区东门增设电动车充电桩，方便业主充电",
          trap="a suggestion: a call record, not a complaint")
    complaint("TS2611002", T("11-09 10:05"), "地下车库B区车位长期被外来车辆占用", "秩序维护部",
              T("11-10 17:00"), T("11-10 15:00"), T("11-11 09:30"), "不满意，仍有外来车辆停放",
              T("11-11 10:00"),
              defects=[("closed-unsatisfied", "closed although the return visit says 不满意")])
    repair("WX2611005", T("11-10 13:30"), "卫生间马桶水箱进水阀损坏，需更换配件", True, None, "李明",
           defects=[("missing-fee", "有偿 order completed and returned with no fee")])
    repair("WX2611006", T("11-12 16:40"), "客厅吸顶灯不亮，换灯泡后仍不亮", False, 0, "赵建国",
           d_disp=3, d_acc=3, dur=mins(T("11-12 16:46"), T("11-13 09:30")), d_ret=90,
           trap="completed the next morning (11-13 09:30, written with its date), 16.8 h after "
                "dispatch: under 24 h, no delay reason needed")
    other(T("11-13 19:20"), "咨询", "咨询装修申请需准备哪些材料，已告知携带房产证及装修方案", taker=None,
          defects=[(None, "DOMAIN.md (call logs): a consultation is complete with its time, caller, "
                          "content and who took it; 接听人 is empty. README has no rule ID for call "
                          "records (missing-field is the nearest)")])
    other(T("11-16 10:45"), "求助", "钥匙反锁在屋内，请求提供开锁公司电话，已提供",
          trap="a help request (求助): a call record, no work order")
    complaint("TS2611003", T("11-18 14:10"), "物业费账单多收了一个月的车位管理费", "财务部",
              T("11-20 17:00"), T("11-20 11:00"), T("11-21 10:00"), "满意", T("11-21 10:20"),
              trap="clean complaint")
    repair("WX2611007", T("11-19 08:50"), "入户门锁芯损坏，钥匙插不进，需更换锁芯", True, 120, "吴刚",
           trap="clean paid repair (no finance column in a call log)")
    complaint("TS2611004", T("11-20 09:15"), "11月15日报修的阳台漏水至今无人上门处理", "工程部",
              T("11-22 17:00"),
              defects=[("reply-overdue", "promised a reply by 11-22 17:00, unanswered at the as-of time")])
    repair("WX2611008", T("11-21 15:30"), "阳台晾衣架升降器钢丝绳断裂，需更换", True, None, "李明",
           stage="accepted", d_disp=4, d_acc=3, reason="等配件（钢丝绳），厂家预计11月26日到货",
           trap="open for over 24 h but with its reason written")
    complaint("TS2611005", T("11-23 10:00"), "电梯一周内两次困人，业主已拨打12345市民热线反映", "工程部",
              T("11-26 17:00"),
              defects=[("major-complaint", "open complaint whose content names the 12345 hotline")])
    repair("WX2611009", T("11-24 10:30"), "厨房下水管接口渗水，橱柜底板泡湿", True, None, "赵建国",
           stage="accepted", d_disp=3, d_acc=3,
           trap="in progress, open 22.4 h after dispatch at the as-of time: no reason due yet, "
                "no signatures due yet")
    other(T("11-24 14:05"), "咨询", "咨询快递柜位置及取件时间，已告知在北门岗亭旁",
          trap="a consultation")
    write_book(reg, [sh], out)
    return reg


# ---------------------------------------------------------------------------------------
# (b) 維修工作單登記表: Hong Kong, Traditional Chinese, HK$ and 8-digit phones
# ---------------------------------------------------------------------------------------
def site_hong_kong(out):
    reg = Register("02-海濱花園-維修工作單登記表-2026年11月.xlsx", "traditional_hong_kong",
                   "(b) a Hong Kong estate's work-order register in Traditional Chinese: 單號 (pre-printed, "
                   "text with leading zeros), 報修時間, 戶別 (2座15樓C室), 聯絡電話 with 8-digit HK "
                   "numbers, 收費/免費, 簽名 columns, 費用（HK$）, 財務簽收; dates as real Excel dates shown "
                   "day first (dd/mm/yyyy), one typed as text day first.", region="hong_kong")
    staff = {"黃淑儀", "梁嘉欣", "何國強", "陳志偉", "李俊傑", "張家輝", "吳美華"}
    p = Pool(202, trad=True, avoid=staff)
    rng = p.rng
    cols = [("單號", "no"), ("報修時間", "recv"), ("戶別", "loc"), ("報修內容", "content"),
            ("住戶姓名", "name"), ("聯絡電話", "phone"), ("收費/免費", "paid"), ("派單時間", "disp"),
            ("工程部接單時間", "acc"), ("接單人", "acc_by"), ("維修人員簽名", "rep"),
            ("完工時間", "done"), ("住戶簽名", "cust_sig"), ("費用（HK$）", "fee"),
            ("延誤原因", "delay"), ("未完成原因", "incomplete"), ("交回時間", "ret"),
            ("收單人簽名", "ret_by"), ("財務簽收", "fin")]
    sh = Sheet("2026年11月", cols, dt_fmt="dd/mm/yyyy hh:mm", kind="work_orders",
               widths={"recv": 16, "content": 28, "loc": 12, "phone": 11, "disp": 16, "acc": 16,
                       "done": 16, "ret": 16, "incomplete": 20, "fin": 14})
    sh.title("海濱花園管理處　維修工作單登記表（2026年11月）")
    sh.header()

    def row(no, t, content, paid, fee, rep, stage="returned", fin=None, defects=(), trap=None,
            sign=False, **kw):
        full, title = p.person()
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        v = {"no": no, "recv": t, "loc": p.hk_flat(), "content": content, "name": title,
             "phone": p.hk_phone(), "paid": yn(paid, "收費", "免費"), "disp": o["disp"],
             "acc": o["acc"], "acc_by": "何國強" if o["acc"] else None,
             "rep": rep if (o["done"] or sign) else None,
             "done": o["done"], "cust_sig": full if (o["done"] or sign) else None,
             "fee": fee if o["done"] else None, "ret": o["ret"],
             "ret_by": rng.choice(["黃淑儀", "梁嘉欣"]) if o["ret"] else None, "fin": fin}
        v.update(kw)
        sh.rec(v, defects, trap)

    row("004501", T("11-02 09:15"), "廚房洗碗盆去水位淤塞，積水不退", True, "HK$350", "陳志偉",
        fin="吳美華 9/11", trap="paid order handed to finance (HK$ amount, 8-digit mobile)")
    row("004502", T("11-03 10:40"), "浴室抽氣扇不轉，有異聲", False, 0, "李俊傑",
        trap="a free repair (免費) with fee 0")
    row("004503", T("11-04 14:05"), "客廳電綫插座燒焦，有膠味", True, "HK$480", "張家輝",
        fin="吳美華 9/11", trap="綫 is the Hong Kong variant of 線 (wire); clean paid order")
    row("004504", T("11-05 11:20"), "大門門鎖損壞，無法上鎖", True, "HK$650", "陳志偉",
        fin="吳美華 16/11", phone="9123 456",
        defects=[("bad-phone", "7 digits: a Hong Kong number has 8")])
    row("004505", T("11-06 16:30"), "睡房冷氣機滴水，滴到地板", False, 0, "李俊傑",
        d_disp=3, d_acc=3, dur=mins(T("11-06 16:36"), T("11-07 10:15")), d_ret=60,
        trap="completed the next morning, written with its date (07/11/2026 10:15), 17.7 h "
             "after dispatch: no delay reason needed")
    row("004506", T("11-09 09:50"), "廁所水箱不停入水，需更換浮波", True, "HK$280", "李俊傑",
        fin="吳美華 16/11", cust_sig="李俊傑",
        defects=[("proxy-signature", "住戶簽名 is the repairer's name 李俊傑")])
    row("004507", T("11-10 15:10"), "露台去水口淤塞，落雨時積水", True, "HK$300", "張家輝",
        defects=[("finance-unreceipted", "收費 order completed 10/11, over 7 days before the as-of "
                                         "time, not signed for by finance")])
    row("004508", T("11-11 10:00"), "廚房抽油煙機開關失靈", False, 0, "陳志偉", acc=None,
        defects=[("missing-time", "accepted (接單人 何國強, completed) with no 工程部接單時間")])
    row("004510", T("11-13 11:30"), "浴室花灑龍頭漏水，關不緊", False, 0, "李俊傑", phone="2345 6789",
        defects=[("number-gap", "pre-printed form 004509 is missing between 004508 and 004510 "
                                "(a lost form)", {"missing_numbers": ["004509"]})])
    row("004511", T("11-18 10:20"), "窗框膠邊老化，落雨時滲水", False, 0, "陳志偉",
        recv="18/11/2026 10:20",
        trap="receipt typed as text, day first: 18/11/2026 10:20 can only be 18 November")
    row("004512", T("11-19 13:45"), "走廊光管閃爍，需更換", True, None, "張家輝",
        defects=[("missing-fee", "收費 order completed and returned with no fee")])
    row("004513", T("11-20 09:30"), "水錶房水泵異響，高層水壓不足", False, None, "張家輝",
        stage="accepted", ret=T("11-20 17:00"), ret_by="梁嘉欣", sign=True,
        incomplete="需更換水泵，待供應商報價",
        defects=[("not-completed", "returned (交回時間, 收單人) without a completion time; no "
                                   "special-approval column, so it is refused (reason is given)")])
    row("004514", T("11-23 14:00"), "浴室熱水爐（業主自購）安裝及接駁", True, "HK$1,200", "陳志偉",
        trap="paid order completed 2 days before the as-of time: finance not due yet; HK$1,200")
    row("004515", T("11-24 10:15"), "客廳天花燈不亮，已換燈泡仍不亮", False, None, "李俊傑",
        stage="accepted", trap="in progress, 22.7 h after dispatch: nothing due yet")
    row("004516", T("11-24 16:00"), "鞋櫃門鉸鬆脫，門關不上", True, None, "張家輝",
        stage="accepted", trap="in progress (收費, no fee yet: not completed)")
    sh.blank()
    sh.raw(["製表：黃淑儀", None, None, None, None, None, None, None, None, None, "覆核：", None],
           "signature footer")
    write_book(reg, [sh], out)
    return reg


# ---------------------------------------------------------------------------------------
# (c) 報修登記簿: Taiwan, ROC dates (民國115年 = 2026), 09xx-xxx-xxx mobiles, NT$
# ---------------------------------------------------------------------------------------
def roc(d: dt.datetime, long=False) -> str:
    if long:
        return f"民國{d.year - 1911}年{d.month}月{d.day}日"
    return f"{d.year - 1911}/{d.month:02d}/{d.day:02d}"


def roc_dt(d):
    return None if d is None else f"{roc(d)} {d:%H:%M}"


def hm(d):
    return None if d is None else f"{d:%H:%M}"


def site_taiwan(out):
    reg = Register("03-翠峰大廈-報修登記簿-115年11月.xlsx", "traditional_taiwan",
                   "(c) a Taipei building's repair register (管理委員會 報修登記簿) in Traditional Chinese: "
                   "ROC dates (民國115年11月6日 and 115/11/06 = 2026), receipt date and time in two columns, "
                   "派工/接單 times written alone (same day), completion and return as '115/11/06 16:30', "
                   "09xx-xxx-xxx mobiles and (02) landlines, NT$ fees; sheet named 115年11月.",
                   region="taiwan")
    staff = {"林雅婷", "陳怡君", "黃俊宏", "王建民", "張志豪", "李文雄"}
    p = Pool(303, trad=True, avoid=staff)
    rng = p.rng
    cols = [("編號", "no"), ("報修日期", "date"), ("報修時間", "time"), ("戶號", "loc"),
            ("報修人", "name"), ("聯絡電話", "phone"), ("報修事項", "content"), ("派工時間", "disp"),
            ("接單時間", "acc"), ("接單人", "acc_by"), ("維修人員簽名", "rep"), ("完工時間", "done"),
            ("住戶簽名", "cust_sig"), ("收費/免費", "paid"), ("費用(NT$)", "fee"), ("延誤原因", "delay"),
            ("單據交回時間", "ret"), ("交回簽收人", "ret_by")]
    sh = Sheet("115年11月", cols, kind="work_orders",
               widths={"date": 17, "content": 28, "phone": 14, "done": 16, "ret": 16, "delay": 18})
    sh.title("翠峰大廈管理委員會　報修登記簿（民國115年11月）")
    sh.note("服務中心電話：(02)2771-2345　　派工後請於5分鐘內由機電簽收；完工單據須有維修人員及住戶簽名方可交回。")
    sh.header()

    def row(no, t, content, paid, fee, rep, stage="returned", long_date=False, defects=(), trap=None,
            **kw):
        full, title = p.person()
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        v = {"no": no, "date": roc(t, long_date), "time": hm(t), "loc": p.tw_unit(), "name": title,
             "phone": p.tw_mobile(), "content": content, "disp": hm(o["disp"]), "acc": hm(o["acc"]),
             "acc_by": "黃俊宏" if o["acc"] else None, "rep": rep if o["done"] else None,
             "done": roc_dt(o["done"]), "cust_sig": full if o["done"] else None,
             "paid": yn(paid, "收費", "免費"), "fee": fee if o["done"] else None,
             "ret": roc_dt(o["ret"]), "ret_by": rng.choice(["林雅婷", "陳怡君"]) if o["ret"] else None}
        v.update(kw)
        sh.rec(v, defects, trap)

    row("115-11-001", T("11-02 09:10"), "浴室排水孔堵塞，洗澡時積水", True, "NT$800", "王建民",
        long_date=True, trap="ROC long date 民國115年11月2日 (= 2026-11-02); the caller noted as x先生, "
                              "the resident signs with the full name")
    row("115-11-002", T("11-03 14:20"), "B棟電梯5樓按鍵失靈，按了沒有反應", False, "0", "張志豪",
        phone="(02)2771-3456", trap="a Taipei landline (02)2771-3456; a free repair (免費) with fee 0")
    row("115-11-003", T("11-04 10:05"), "廚房水龍頭漏水，關不緊", True, "NT$650", "李文雄",
        phone="0912-345-67", defects=[("bad-phone", "0912-345-67 has 9 digits: a Taiwan mobile has 10")])
    row("115-11-004", T("11-05 10:15"), "大門電子鎖電池沒電，無法開啟", True, "NT$300", "王建民",
        d_disp=5, d_acc=11, defects=[("slow-handoff", "派工 10:20, 接單 10:31: 11 min, over 5")])
    row("115-11-005", T("11-06 17:05"), "客廳電燈開關故障，按了燈不亮", False, "0", "張志豪",
        long_date=True, d_disp=5, d_acc=3,
        dur=mins(T("11-06 17:13"), T("11-07 09:30")), d_ret=40,
        trap="民國115年11月6日 long date; completed the next morning written with its date "
             "(115/11/07 09:30), 16.3 h after dispatch: no delay reason needed")
    row("115-11-006", T("11-09 13:40"), "漏水", True, "NT$500", "李文雄",
        defects=[("content-too-brief", "報修事項 is 漏水, 2 characters (under 4)")])
    row("115-11-007", T("11-10 09:25"), "陽台落地窗滑輪損壞，推拉卡住", True, "NT$1,200", "王建民",
        d_disp=5, d_acc=3, dur=mins(T("11-10 09:33"), T("11-11 15:00")),
        defects=[("missing-reason", "dispatched 115/11/10 09:30, completed 115/11/11 15:00 (29.5 h, over 24) "
                                    "with no 延誤原因")])
    row("115-11-007", T("11-11 10:10"), "馬桶水箱一直進水不停", True, "NT$450", "張志豪",
        defects=[("duplicate-number", "115-11-007 is used twice (first on the row above)")])
    row("115-11-008", T("11-12 14:30"), "冷氣排水管漏水，滴到樓下陽台", True, "NT$900", None,
        defects=[("missing-signature", "returned (交回時間, 交回簽收人) without the repairer's signature")])
    row("115-11-009", T("11-13 09:45"), "後陽台水管接頭滲水，需更換接頭", True, "NT$1,500", "李文雄",
        trap="NT$1,500 with a thousands separator")
    row("115-11-010", T("11-14 11:05"), "廁所抽風機不轉，有焦味", True, "NT$700", "王建民",
        d_disp=3, d_acc=2, done="115/11/14 10:40", ret="115/11/14 15:00",
        defects=[("time-order", "completed 115/11/14 10:40, before the receipt (11:05), 派工 (11:08) "
                                "and 接單 (11:10)")])
    row("115-11-011", T("11-16 10:00"), "門鈴對講機沒有聲音，無法開樓下大門", True, "NT$1,100", "張志豪",
        d_disp=4, d_acc=2, dur=mins(T("11-16 10:06"), T("11-17 14:00")),
        delay="需向廠商訂購對講機主機板，11/17到貨",
        trap="completed 28 h after dispatch, with its delay reason written")
    row("115-11-012", T("11-18 15:20"), "廚房排油煙機開關失靈", True, "NT$600", "李文雄",
        trap="clean paid order")
    row("115-11-013", T("11-20 08:50"), "地下室B2停車場照明燈三盞不亮", False, "0", "王建民",
        trap="clean free public-area repair")
    row("115-11-014", T("11-24 09:40"), "浴室門把手鬆脫，門關不緊", True, None, "張志豪",
        stage="accepted", d_disp=3, d_acc=2,
        trap="in progress, 23.3 h after dispatch at the as-of time: no reason due yet")
    row("115-11-015", T("11-24 14:30"), "熱水器無法點火，需檢查瓦斯開關", True, None, "李文雄",
        stage="accepted", trap="in progress, under 19 h after dispatch: nothing due yet")
    write_book(reg, [sh], out)
    return reg


# ---------------------------------------------------------------------------------------
# (d) Chinese numerals: 叁拾元, 壹佰贰拾元整, 一百二十户, dates 十一月五日
# ---------------------------------------------------------------------------------------
_D = "〇一二三四五六七八九"


def cn_int(n: int) -> str:
    if n < 10:
        return _D[n]
    t, u = divmod(n, 10)
    return ("" if t == 1 else _D[t]) + "十" + ("" if u == 0 else _D[u])


def cn_md(d) -> str:
    return f"{cn_int(d.month)}月{cn_int(d.day)}日"


def h_m(d) -> str:
    return f"{d.hour}:{d.minute:02d}"


def cn_rel(d, ref):
    """a time written alone when it is on the day of the event before it, else with its date"""
    if d is None:
        return None
    return h_m(d) if ref is not None and d.date() == ref.date() else f"{cn_md(d)} {h_m(d)}"


def site_numerals(out):
    reg = Register("04-金桂苑-维修投诉登记-二〇二六年十一月.xlsx", "chinese_numerals",
                   "(d) a hand-kept register typed up by a clerk who writes Chinese numerals: fees as "
                   "叁拾元 / 壹佰贰拾元整 / 零, dates as 十一月五日 with the time in its own column, later "
                   "times written alone on the same day and with their date (十一月十一日 9:30) on another; "
                   "a second sheet of complaints with 涉及人数 as 两户 / 一百二十户 and reply dates "
                   "十一月五日; titles dated 二〇二六年十一月; sheet names carry no month.")
    staff = {"曹建军", "马德福", "杨春生", "钱芳", "孔丽"}
    p = Pool(404, avoid=staff)
    rng = p.rng
    cols = [("单号", "no"), ("日期", "date"), ("时间", "time"), ("地址", "loc"), ("报修内容", "content"),
            ("业主", "name"), ("电话", "phone"), ("有偿/无偿", "paid"), ("派工时间", "disp"),
            ("工程签收时间", "acc"), ("签收人", "acc_by"), ("维修工签名", "rep"), ("完工时间", "done"),
            ("业主签字", "cust_sig"), ("金额", "fee"), ("延误原因", "delay"), ("返单时间", "ret"),
            ("返单签收人", "ret_by")]
    sh = Sheet("维修登记", cols, kind="work_orders",
               widths={"date": 12, "content": 28, "phone": 13, "done": 15, "ret": 15, "fee": 13, "loc": 13})
    sh.title("金桂苑物业服务中心　维修登记（二〇二六年十一月）")
    sh.header()

    def row(no, t, content, paid, fee, rep, stage="returned", defects=(), trap=None, **kw):
        full, title = p.person()
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        v = {"no": no, "date": cn_md(t), "time": h_m(t), "loc": p.cn_room(), "content": content,
             "name": title, "phone": p.cn_mobile(), "paid": yn(paid),
             "disp": cn_rel(o["disp"], t), "acc": cn_rel(o["acc"], o["disp"]),
             "acc_by": "曹建军" if o["acc"] else None, "rep": rep if o["done"] else None,
             "done": cn_rel(o["done"], o["acc"]), "cust_sig": full if o["done"] else None,
             "fee": fee if o["done"] else None, "ret": cn_rel(o["ret"], o["done"]),
             "ret_by": rng.choice(["钱芳", "孔丽"]) if o["ret"] else None}
        v.update(kw)
        sh.rec(v, defects, trap)

    row("012301", T("11-02 08:40"), "厨房下水管堵塞，水槽不下水", True, "叁拾元", "马德福",
        trap="fee 叁拾元 = 30 yuan; date 十一月二日")
    row("012302", T("11-03 10:10"), "3栋电梯厅顶灯两盏不亮", False, "零", "杨春生",
        trap="a free repair (无偿) with fee 零 (0)")
    row("012303", T("11-04 14:30"), "更换卫生间面盆水龙头及进水软管", True, "壹佰贰拾元整", "马德福",
        trap="fee 壹佰贰拾元整 = 120 yuan")
    row("012304", T("11-05 09:20"), "阳台地漏返水，需疏通下水管", True, None, "杨春生",
        defects=[("missing-fee", "有偿 order completed and returned with no 金额")])
    row("012305", T("11-06 14:00"), "客厅插座没电，空开没有跳闸", True, "伍拾元", "马德福",
        d_disp=2, d_acc=9, defects=[("slow-handoff", "派工 14:02, 工程签收 14:11: 9 min, over 5")])
    row("012306", T("11-09 10:30"), "卧室窗户合页松动，关不严漏风", True, "捌拾元", "杨春生",
        cust_sig=None, defects=[("missing-signature", "returned without the owner's signature (业主签字)")])
    row("012307", T("11-10 16:50"), "卫生间顶部排气扇不转", False, "零", "马德福", d_disp=3, d_acc=3,
        dur=mins(T("11-10 16:56"), T("11-11 09:30")), d_ret=50,
        trap="completed the next morning, written with its date (十一月十一日 9:30), 16.6 h after "
             "dispatch: no delay reason needed")
    row("012308", T("11-12 09:00"), "厨房吊柜门铰链脱落，柜门掉下", True, "陆拾元", "杨春生", ret=None,
        defects=[("missing-time", "returned (返单签收人 written) with no 返单时间")])
    row("012309", T("11-16 13:15"), "马桶冲水按钮失灵，需更换配件", True, "捌拾元整", "马德福",
        trap="fee 捌拾元整 = 80 yuan")
    row("012310", T("11-20 10:40"), "入户门锁芯损坏，更换锁芯", True, "贰佰伍拾元", "杨春生",
        trap="fee 贰佰伍拾元 = 250 yuan; date 十一月二十日")
    row("012311", T("11-23 15:00"), "单元门禁刷卡无反应", False, "零", "马德福", trap="clean free repair")
    row("012312", T("11-24 10:20"), "阳台晾衣杆固定座松脱", True, None, "杨春生", stage="accepted",
        trap="in progress, under 23 h after dispatch: nothing due yet")

    ccols = [("编号", "no"), ("日期", "date"), ("时间", "time"), ("投诉人", "name"), ("电话", "phone"),
             ("房号", "loc"), ("投诉内容", "content"), ("投诉类别", "cat"), ("涉及人数", "people"),
             ("受理人", "first"), ("责任部门", "owner"), ("承诺答复日期", "promise"),
             ("答复时间", "reply"), ("回访时间", "visit"), ("回访结果", "visit_res"),
             ("结案时间", "close")]
    ch = Sheet("投诉登记", ccols, kind="complaints",
               widths={"content": 32, "phone": 13, "promise": 14, "reply": 15, "visit": 15, "close": 15})
    ch.title("金桂苑物业服务中心　投诉登记（二〇二六年十一月）")
    ch.header()

    def comp(no, t, content, cat, people, owner, promise, reply=None, visit=None, visit_res=None,
             close=None, defects=(), trap=None, **kw):
        full, title = p.person()
        v = {"no": no, "date": cn_md(t), "time": h_m(t), "name": full, "phone": p.cn_mobile(),
             "loc": p.cn_room(), "content": content, "cat": cat, "people": people,
             "first": rng.choice(["钱芳", "孔丽"]), "owner": owner, "promise": promise,
             "reply": reply and f"{cn_md(reply)} {h_m(reply)}",
             "visit": visit and f"{cn_md(visit)} {h_m(visit)}", "visit_res": visit_res,
             "close": close and f"{cn_md(close)} {h_m(close)}"}
        v.update(kw)
        ch.rec(v, defects, trap)

    comp("TS2611001", T("11-03 10:15"), "楼下餐馆油烟直排，晚饭时段窗户无法打开", "管理服务", "两户", "客服部",
         "十一月五日", T("11-04 15:30"), T("11-05 10:00"), "满意", T("11-05 10:30"),
         trap="涉及人数 两户 (2): not a major complaint; promise 十一月五日 (a date alone: end of day)")
    comp("TS2611002", T("11-04 09:00"), "12栋二次供水水泵故障，全楼停水两天且未提前通知", "设备设施",
         "一百二十户", "工程部", "十一月五日", T("11-05 16:00"),
         defects=[("major-complaint", "open complaint involving 一百二十户 (120 households, 10 or more)")])
    comp("TS2611003", T("11-06 14:20"), "小区垃圾桶清运不及时，单元门口异味大", "管理服务", "一户", "环境部",
         "十一月八日", T("11-07 11:00"), None, None, T("11-09 10:00"),
         defects=[("missing-visit", "closed 十一月九日 with no return visit")])
    comp("TS2611004", T("11-08 09:40"), "物业费催缴通知上的金额与账单不符", "收费", "一户", "财务部",
         "十一月十日", T("11-11 10:00"), T("11-12 09:30"), "满意", T("11-12 10:00"),
         defects=[("reply-late", "promised by 十一月十日 (end of that day), answered 十一月十一日 10:00")])
    comp("TS2611005", T("11-12 16:00"), "南门道闸抬杆太慢，早高峰车辆排队", "设备设施", "三户", "工程部",
         "十一月十四日", T("11-13 17:00"), T("11-14 10:00"), "满意", T("11-14 10:20"),
         trap="涉及人数 三户 (3); clean closed complaint")
    comp("TS2611006", T("11-17 11:20"), "对电梯运行费分摊方式有疑问，要求公示明细", "收费", "一人", "财务部",
         "十一月十九日", T("11-18 16:00"), T("11-19 10:00"), "满意", T("11-19 10:30"),
         phone="6523 8890",
         trap="a local landline without area code (8 digits); clean closed complaint")
    comp("TS2611007", T("11-23 09:30"), "楼上空调外机噪音大，夜间影响休息", "管理服务", "一户", "秩序维护部",
         "十一月二十六日", trap="open, unanswered, reply promised for 十一月二十六日: not due yet")
    comp("TS2611008", T("11-24 15:10"), "地下车库入口积水，车辆进出溅水", "设备设施", "一人", "工程部",
         "十一月二十五日下午前",
         trap="open, reply promised 十一月二十五日下午前 (by 18:00 on 11-25): not due at 09:00")
    write_book(reg, [sh, ch], out)
    return reg


# ---------------------------------------------------------------------------------------
# (e) headers carrying notes: 报修位置（楼栋-单元-房号）, 费用（元，无偿填0） ...
# ---------------------------------------------------------------------------------------
def site_noted_headers(out):
    reg = Register("05-丽景湾-维修工作单登记表-2026年11月.xlsx", "noted_headers",
                   "(e) every header carries a note in full-width brackets (报修位置（楼栋-单元-房号）, "
                   "报修内容（请写清部位和现象）, 费用（元，无偿填0）, 工程部接单时间（须5分钟内）…); a note row "
                   "between the title and the header; locations written 3-2-501; receipt typed as text "
                   "'11/3 14:05' (月/日 时:分, as its header says), other times real Excel dates.")
    staff = {"龚建平", "彭海", "潘立军", "段文斌", "严晓梅", "戴琳", "孟玲"}
    p = Pool(505, avoid=staff)
    rng = p.rng
    cols = [("序号", "seq"), ("单号", "no"), ("报修时间（月/日 时:分）", "recv"),
            ("报修位置（楼栋-单元-房号）", "loc"), ("报修内容（请写清部位和现象）", "content"),
            ("报修人", "name"), ("联系电话（手机或座机）", "phone"), ("有偿/无偿", "paid"),
            ("派单时间", "disp"), ("工程部接单时间（须5分钟内）", "acc"), ("接单人", "acc_by"),
            ("维修人员签字", "rep"), ("完工时间", "done"), ("客户签字（有偿无偿均须签）", "cust_sig"),
            ("费用（元，无偿填0）", "fee"), ("延误/未完成原因（超24小时必填）", "reason"),
            ("返单时间", "ret"), ("返单签收人（不得代签）", "ret_by"), ("财务签收（有偿单每周交财务）", "fin")]
    sh = Sheet("11月", cols, dt_fmt="m/d hh:mm", kind="work_orders",
               header_note=": every header carries a note in full-width brackets; the note does not "
                           "change what the column is (报修位置（楼栋-单元-房号） is one location column, "
                           "报修内容（请写清部位和现象） the content)",
               widths={"recv": 13, "loc": 13, "content": 30, "phone": 15, "reason": 20, "fin": 14})
    sh.title("丽景湾物业服务中心维修工作单登记表（2026年11月）")
    sh.note("注：1. 工作单须于派单后五分钟内交工程部签收；2. 返单签收不得代签；3. 位置按“楼栋-单元-房号”"
            "填写，如3-2-501；4. 有偿单复印件每周五交财务签收。")
    sh.header()
    seq = [0]

    def row(no, t, content, paid, fee, rep, stage="returned", fin=None, defects=(), trap=None, **kw):
        seq[0] += 1
        full, title = p.person()
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        b, u = rng.randint(1, 12), rng.randint(1, 3)
        v = {"seq": seq[0], "no": no, "recv": f"{t.month}/{t.day} {t:%H:%M}",
             "loc": f"{b}-{u}-{rng.randint(2, 18)}{rng.randint(1, 4):02d}", "content": content,
             "name": title, "phone": p.cn_mobile("space"), "paid": yn(paid), "disp": o["disp"],
             "acc": o["acc"], "acc_by": "龚建平" if o["acc"] else None,
             "rep": rep if o["done"] else None, "done": o["done"],
             "cust_sig": full if o["done"] else None, "fee": fee if o["done"] else None,
             "ret": o["ret"], "ret_by": rng.choice(["严晓梅", "戴琳"]) if o["ret"] else None, "fin": fin}
        v.update(kw)
        sh.rec(v, defects, trap)

    row("LJ2611001", T("11-02 09:05"), "卫生间洗手盆下水管漏水，柜子里积水", True, 80, "彭海", fin="孟玲 11.6",
        trap="location 3-part 楼栋-单元-房号 as the header asks; paid order signed for by finance")
    row("LJ2611002", T("11-03 10:30"), "5栋1单元楼道2层至4层声控灯不亮", False, 0, "潘立军",
        trap="a free repair with fee 0, as the header says (无偿填0)")
    row("LJ2611003", T("11-04 15:20"), "灯不亮", False, 0, "段文斌",
        defects=[("content-too-brief", "报修内容 is 灯不亮, 3 characters (under 4): the content column "
                                       "is the one whose header carries a note")])
    row("LJ2611004", T("11-05 08:45"), "厨房燃气灶旁插座松动，插头插不牢", True, 60, "彭海", fin="孟玲 11.6",
        loc="11-5-602", trap="location 11-5-602 (building 11, unit 5, room 602), not a date")
    row("LJ2611005", T("11-06 13:10"), "阳台推拉门锁扣损坏，门关不上", False, 0, "潘立军", disp=None,
        d_disp=2, d_acc=2,
        defects=[("missing-time", "accepted by engineering (接单人 龚建平, 接单时间 written) with no 派单时间")])
    row("LJ2611006", T("11-09 09:30"), "主卧空调冷凝水管脱落，墙面渗水", True, 150, "段文斌", fin="孟玲 11.13",
        ret_by="段文斌", defects=[("proxy-signature", "返单签收人 is the repairer 段文斌 (no proxy signing)")])
    row("LJ2611007", T("11-09 14:00"), "入户门闭门器漏油，门关得太快", True, 200, "彭海",
        defects=[("finance-unreceipted", "有偿 order completed 11-09, over 7 days before the as-of time, "
                                         "not signed for by finance")])
    row("LJ2611008", T("11-10 10:15"), "次卧木地板起拱，踩上去有响声", False, 0, "潘立军", dur=180, d_ret=-90,
        defects=[("time-order", "返单时间 is 90 min before 完工时间")])
    row("LJ2611009", T("11-12 11:00"), "卫生间花洒软管破裂漏水", True, 45, "段文斌", fin="孟玲 11.20",
        phone="0571-8876 5432", trap="a Hangzhou landline with area code 0571-8876 5432")
    row("LJ2611010", T("11-13 16:20"), "厨房水槽下水返臭，需加装存水弯", True, 90, "彭海", fin="孟玲 11.20",
        d_disp=4, d_acc=3, dur=mins(T("11-13 16:27"), T("11-14 09:10")), d_ret=70,
        trap="completed the next morning (11/14 09:10, a real date), 16.7 h after dispatch")
    row("LJ2611011", T("11-16 09:00"), "8栋2单元电梯门关闭时有异响", False, 0, "潘立军", d_disp=4, d_acc=5,
        trap="engineering signed in exactly 5 min after dispatch: on time")
    row("LJ2611012", T("11-20 10:00"), "客厅顶部石膏线开裂，有掉落风险", False, None, "段文斌",
        stage="accepted", d_disp=5, d_acc=3,
        defects=[("missing-reason", "open since 11-20 10:05 (over 24 h after dispatch) with no reason")])
    row("LJ2611013", T("11-21 14:00"), "阳台推拉门滑轮损坏，门推不动", True, None, "彭海", stage="accepted",
        reason="待购配件（推拉门滑轮），已向厂家订货",
        trap="open over 24 h with its reason written")
    row("LJ2611014", T("11-23 09:40"), "卫生间门锁舌卡住，门打不开", True, 35, "潘立军",
        trap="paid order completed 11-23: finance not due yet")
    row("LJ2611015", T("11-24 15:30"), "厨房吊顶扣板脱落一块", False, None, "段文斌", stage="accepted",
        trap="in progress")
    sh.blank()
    sh.raw(["制表人：严晓梅", None, None, None, None, None, None, None, "审核：", None], "signature footer")
    write_book(reg, [sh], out)
    return reg


# ---------------------------------------------------------------------------------------
# (f) an export of property-management software (工单系统)
# ---------------------------------------------------------------------------------------
def site_system_export(out):
    reg = Register("06-云栖府-工单导出_20261125085531.xlsx", "system_export",
                   "(f) the Excel list a 工单系统 exports: header on row 1, no title, 工单编号 numbered by "
                   "the system across all projects (gaps everywhere, not paper forms), 项目名称 before the "
                   "real 报修内容, 工单状态 待派单/处理中/已完成/已关闭/已取消, 创建时间/派单时间/接单时间/完成时间/"
                   "关闭时间 as text with seconds, 处理人, 回访满意度, 超时原因, no signature columns, newest "
                   "first.")
    p = Pool(606, avoid={"何建", "许军", "邵磊"})
    cols = [("工单编号", "no"), ("项目名称", "project"), ("工单来源", "source"), ("工单类型", "type"),
            ("工单状态", "status"), ("报事人", "name"), ("联系电话", "phone"), ("房屋", "loc"),
            ("报修内容", "content"), ("创建时间", "recv"), ("派单时间", "disp"), ("接单时间", "acc"),
            ("完成时间", "done"), ("处理人", "rep"), ("是否有偿", "paid"), ("费用（元）", "fee"),
            ("超时原因", "delay"), ("回访时间", "visit"), ("回访满意度", "visit_res"), ("关闭时间", "close"),
            ("备注", "remarks")]
    sh = Sheet("工单列表", cols, kind="work_orders",
               header_note=" on row 1 (no title): 项目名称 is the estate, 报修内容 the content; 关闭时间 "
                           "is the close after the return visit, not a return",
               widths={"no": 17, "content": 30, "recv": 19, "disp": 19, "acc": 19, "done": 19,
                       "visit": 19, "close": 19, "loc": 13, "phone": 13, "delay": 20, "remarks": 20})
    sh.header()

    def ts(s):
        return None if s is None else "2026-" + s

    rows = []

    def row(no, recv, status, typ, paid, fee, content, disp=None, acc=None, done=None, rep=None,
            visit=None, visit_res=None, close=None, delay=None, source="APP", defects=(), trap=None, **kw):
        full, title = p.person()
        b, u = p.rng.randint(1, 9), p.rng.randint(1, 2)
        v = {"no": no, "project": "云栖府", "source": source, "type": typ, "status": status,
             "name": full, "phone": p.cn_mobile(), "loc": f"{b}幢{u}单元{p.rng.randint(2, 26)}{p.rng.randint(1, 2):02d}",
             "content": content, "recv": ts(recv), "disp": ts(disp), "acc": ts(acc), "done": ts(done),
             "rep": rep, "paid": yn(paid), "fee": fee, "delay": delay, "visit": ts(visit),
             "visit_res": visit_res, "close": ts(close)}
        v.update(kw)
        rows.append((v, defects, trap))

    row("GD202611020004", "11-02 09:12:33", "已关闭", "户内维修", True, "60.00", "卫生间地漏返臭，更换防臭地漏芯",
        "11-02 09:15:02", "11-02 09:17:45", "11-02 11:06:20", "何建", "11-03 10:12:05", "非常满意",
        "11-03 10:12:40",
        trap="关闭时间 after 回访时间: the close follows the visit, it is not a return to customer "
             "service; 项目名称 云栖府 is the estate, not the repair content")
    row("GD202611030011", "11-03 14:25:10", "已关闭", "公区维修", False, "0.00", "3幢地下车库B2层照明灯约6盏不亮",
        "11-03 14:27:48", "11-03 14:30:05", "11-03 16:42:10", "许军", "11-04 09:30:21", "满意",
        "11-04 09:31:02", source="电话",
        trap="system number GD202611030011 after GD202611020004: the system numbers every project "
             "and type, gaps are not lost paper forms")
    row("GD202611040002", "11-04 08:50:41", "已关闭", "户内维修", True, None, "厨房水槽下水管堵塞，需疏通",
        "11-04 08:53:10", "11-04 08:55:29", "11-04 10:20:44", "何建", "11-05 14:02:11", "满意",
        "11-05 14:03:00", defects=[("missing-fee", "有偿 order completed and closed with no fee")])
    row("GD202611050007", "11-05 10:30:06", "已关闭", "户内维修", False, "0.00", "门锁坏",
        "11-05 10:32:15", "11-05 10:34:50", "11-05 11:40:02", "许军", "11-06 10:00:45", "满意",
        "11-06 10:01:30",
        defects=[("content-too-brief", "报修内容 is 门锁坏, 3 characters (under 4); 项目名称 is not the content")])
    row("GD202611060015", "11-06 16:05:12", "已关闭", "户内维修", False, "0.00", "主卧空调插座没电，其他插座正常",
        "11-06 16:08:40", "11-06 16:11:02", "11-07 09:40:18", "邵磊", "11-08 10:20:00", "满意",
        "11-08 10:20:31", trap="completed the next morning, 17.5 h after dispatch: no reason needed")
    row("GD202611090003", "11-09 09:00:05", "已关闭", "户内维修", True, "85.00", "卫生间花洒龙头漏水，需更换阀芯",
        "11-09 09:01:12", "11-09 09:14:40", "11-09 10:35:09", "何建", "11-10 15:11:40", "满意",
        "11-10 15:12:02",
        defects=[("slow-handoff", "派单 09:01:12, 接单 09:14:40: 13.5 min, over 5")])
    row("GD202611100010", "11-10 13:22:47", "已取消", "户内维修", True, None, "阳台晾衣架摇杆断裂，无法升降",
        "11-10 13:25:30", None, None, "邵磊", remarks="业主来电取消，自行更换",
        trap="a cancelled order (已取消): never accepted or completed, needs no times, fee or reason")
    row("GD202611120006", "11-12 10:10:26", "已关闭", "公区维修", False, "0.00", "单元门禁对讲主机屏幕不亮",
        "11-12 10:12:40", "11-12 10:15:03", "11-12 14:20:51", "许军", "11-13 09:45:10", "满意",
        "11-13 09:45:52", source="前台", phone=None,
        defects=[("missing-field", "联系电话 is empty (a walk-in order entered at the front desk)")])
    row("GD202611130012", "11-13 15:45:07", "已关闭", "户内维修", True, "120.00", "入户门锁芯卡滞，更换锁芯",
        "11-13 15:47:33", "11-13 15:50:10", "11-13 17:02:55", "许军", "11-14 11:20:08", "满意",
        "11-14 11:21:00", trap="clean paid order, closed after a satisfied visit")
    row("GD202611170004", "11-17 09:58:21", "已完成", "户内维修", True, "260.00", "客厅吊灯不亮，更换灯具驱动电源",
        "11-17 10:02:30", "11-17 10:04:51", "11-18 15:30:12", "邵磊",
        defects=[("missing-reason", "派单 11-17 10:02, 完成 11-18 15:30 (29.5 h, over 24) with no 超时原因")])
    row("GD202611180009", "11-18 11:02:37", "已完成", "公区维修", False, "0.00", "7幢消防通道安全出口指示灯不亮",
        "11-18 11:05:02", "11-18 11:08:40", "11-18 11:06:15", "何建",
        defects=[("time-order", "完成时间 11:06:15 is before 接单时间 11:08:40")])
    row("GD202611190001", "11-19 09:30:45", "已关闭", "户内维修", True, "180.00", "热水器出水口阀门漏水，更换阀门",
        "11-19 09:33:02", "11-19 09:35:40", "11-19 11:10:03", "何建", "11-20 10:05:00", "满意",
        "11-20 10:05:42", trap="clean paid order")
    row("GD202611200008", "11-20 14:12:09", "处理中", "公区维修", False, None, "2幢2号电梯轿厢照明不亮",
        "11-20 14:15:20", "11-20 14:18:02", None, "许军", delay="等待电梯厂家配件，预计11月27日到货",
        trap="处理中 for over 24 h with its reason (超时原因) written")
    row("GD202611220005", "11-22 10:05:33", "处理中", "户内维修", True, None, "阳台顶部渗水，墙皮起泡脱落",
        "11-22 10:08:01", "11-22 10:11:47", None, "邵磊",
        defects=[("missing-reason", "处理中 since 11-22 10:08 (70.9 h after dispatch) with no reason")])
    row("GD202611230013", "11-23 16:40:52", "已完成", "公区维修", False, "0.00", "地下车库入口减速带螺丝松动",
        "11-23 16:43:10", "11-23 16:45:33", "11-23 18:02:47", "何建",
        trap="已完成, no return visit yet: a visit is not due for work orders")
    row("GD202611240002", "11-24 09:20:18", "处理中", "户内维修", False, None, "厨房水龙头出水很小，需清洗起泡器",
        "11-24 09:22:40", "11-24 09:25:11", None, "许军",
        trap="处理中, 23.6 h after dispatch at the as-of time: under 24 h")
    row("GD202611240019", "11-24 17:45:51", "已完成", "公区维修", False, "0.00", "9幢1单元门闭门器脱落",
        "11-24 17:48:03", "11-24 17:50:29", "11-24 18:40:10", "邵磊", trap="clean")
    row("GD202611250001", "11-25 08:41:27", "待派单", "户内维修", None, None, "卫生间吊顶有水渍，疑似楼上漏水",
        trap="待派单, created 19 min before the as-of time: not dispatched yet, nothing else due")
    for v, d, t in reversed(rows):  # newest first, as the system exports
        sh.rec(v, d, t)
    write_book(reg, [sh], out)
    return reg


# ---------------------------------------------------------------------------------------
# (g) English / mixed headers
# ---------------------------------------------------------------------------------------
def site_english(out):
    reg = Register("07-JingAn-Garden-Work-Order-Register-Nov-2026.xlsx", "english_headers",
                   "(g) a serviced-apartment estate run for an international owner: English headers "
                   "(Work Order No., Received, Unit, Description, Customer, Tel., Chargeable (Y/N), "
                   "Dispatched, Eng. Sign-in Time, Eng. Signed By, Technician Signature, Completed, "
                   "Customer Signature, Amount (RMB), Returned to CS, CS Received By, Finance Signed), a "
                   "running No. beside the form number, a bilingual title over a month line, dates as "
                   "real Excel dates shown dd-mmm-yyyy hh:mm, Y/N for chargeable.")
    staff = {"陈浩", "张伟", "陆海峰", "顾俊", "孙静"}
    p = Pool(707, avoid=staff)
    rng = p.rng
    expats = ["David Miller", "Sarah Johnson", "Kenji Sato", "Kim Min-jun", "Thomas Weber",
              "Emma Laurent", "James O'Brien"]
    cols = [("No.", "seq"), ("Work Order No.", "no"), ("Received", "recv"), ("Unit", "loc"),
            ("Description", "content"), ("Customer", "name"), ("Tel.", "phone"),
            ("Chargeable (Y/N)", "paid"), ("Dispatched", "disp"), ("Eng. Sign-in Time", "acc"),
            ("Eng. Signed By", "acc_by"), ("Technician Signature", "rep"), ("Completed", "done"),
            ("Customer Signature", "cust_sig"), ("Amount (RMB)", "fee"),
            ("Delay / Incomplete Reason", "reason"), ("Returned to CS", "ret"),
            ("CS Received By", "ret_by"), ("Finance Signed", "fin")]
    sh = Sheet("Nov 2026", cols, dt_fmt="dd-mmm-yyyy hh:mm", kind="work_orders",
               header_note=" in English: No. is a row counter, Work Order No. the form number, Customer "
                           "Signature the customer's signature (not the customer)",
               fmts={"fee": "#,##0.00"},
               widths={"recv": 17, "disp": 17, "acc": 17, "done": 17, "ret": 17, "content": 32,
                       "phone": 17, "name": 15, "cust_sig": 15, "reason": 20, "fin": 14})
    sh.title("Jing'an Garden Residences — Work Order Register　静安花园公寓 维修工作单登记表")
    sh.note("Month: November 2026　　Engineering signs in within 5 minutes of dispatch. No proxy signing on return.")
    sh.header()
    seq = [0]
    ex = iter(expats)

    def row(no, t, content, paid, fee, rep, stage="returned", fin=None, expat=False, defects=(),
            trap=None, **kw):
        seq[0] += 1
        if expat:
            full = next(ex)
            sig = full
        else:
            full, _ = p.person()
            sig = full
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        v = {"seq": seq[0], "no": no, "recv": t, "loc": f"T{rng.randint(1, 3)}-{rng.randint(3, 32)}{rng.randint(1, 8):02d}",
             "content": content, "name": full, "phone": p.cn_mobile("dash"), "paid": "Y" if paid else "N",
             "disp": o["disp"], "acc": o["acc"], "acc_by": "陈浩" if o["acc"] else None,
             "rep": rep if o["done"] else None, "done": o["done"], "cust_sig": sig if o["done"] else None,
             "fee": fee if o["done"] else None, "ret": o["ret"],
             "ret_by": rng.choice(["Lily Wang", "Amy Zhou"]) if o["ret"] else None, "fin": fin}
        v.update(kw)
        sh.rec(v, defects, trap)

    row("WO-0231", T("11-02 09:20"), "主卧空调不制冷 AC not cooling, 需加氟", True, 150, "张伟", fin="孙静 11/6",
        expat=True, trap="No. (1, 2, 3 …) is a row counter, Work Order No. is the form number; "
                         "Customer Signature holds the customer's name (a signature, not the customer field)")
    row("WO-0232", T("11-03 11:05"), "Kitchen faucet dripping 厨房龙头滴水", False, None, "陆海峰",
        trap="Chargeable N, Amount left blank: a free repair needs no fee")
    row("WO-0233", T("11-04 14:40"), "Bathroom floor drain blocked 卫生间地漏堵塞", False, None, "顾俊",
        expat=True, cust_sig=None,
        defects=[("missing-signature", "returned (Returned to CS, CS Received By) with no Customer Signature")])
    row("WO-0234", T("11-05 10:10"), "入户门猫眼松动，需重新固定", True, 80, "陆海峰", fin="孙静 11/13",
        ret_by="陆海峰", defects=[("proxy-signature", "CS Received By is the technician 陆海峰")])
    row("WO-0235", T("11-06 09:30"), "Living room ceiling light flickering 客厅吊灯闪烁", False, None, "张伟",
        d_disp=3, d_acc=12, expat=True,
        defects=[("slow-handoff", "Dispatched 09:33, Eng. Sign-in 09:45: 12 min, over 5")])
    row("WO-0236", T("11-09 15:00"), "Replace washing machine inlet hose 更换洗衣机进水管", True, 220, "顾俊",
        defects=[("finance-unreceipted", "chargeable order completed 09-Nov, over 7 days before the as-of "
                                         "time, Finance Signed empty")])
    row("WO-0237", T("11-10 10:25"), "阳台推拉门滑轨清理及调整", True, 60, "张伟", fin="孙静 11/13",
        phone="+86 139 1688 2345", trap="a mobile written +86 139 1688 2345")
    row("WO-0238", T("11-11 13:50"), "Bedroom window handle loose 卧室窗把手松动", False, None, "陆海峰",
        expat=True, trap="clean (the first WO-0238)")
    row("WO-0238", T("11-12 16:15"), "书房网线面板无信号，需重新压接", False, None, "顾俊",
        defects=[("duplicate-number", "Work Order No. WO-0238 used twice (first on the row above)")])
    row("WO-0239", T("11-13 08:55"), "Smoke detector beeping 烟感报警器间歇鸣叫", False, None, "张伟",
        expat=True, acc_by=None,
        defects=[("missing-signature", "Eng. Sign-in Time written but Eng. Signed By empty (who accepted it)")])
    row("WO-0240", T("11-16 10:30"), "更换卫生间浴霸灯泡及开关面板", True, "RMB 300", "陆海峰", fin="孙静 11/20",
        phone="021-6288 1234", trap="Shanghai landline 021-6288 1234; amount written RMB 300")
    row("WO-0241", T("11-17 16:45"), "Fridge socket no power 冰箱插座没电", False, None, "顾俊", expat=True,
        d_disp=3, d_acc=2, dur=mins(T("11-17 16:50"), T("11-18 09:40")), d_ret=45,
        trap="completed next morning (18-Nov-2026 09:40), 16.8 h after dispatch")
    row("WO-0242", T("11-19 14:20"), "更换厨房水槽下水软管", True, None, "张伟",
        defects=[("missing-fee", "Chargeable Y, completed and returned, Amount empty")])
    row("WO-0243", T("11-23 10:00"), "Balcony door lock stuck 阳台门锁卡住", True, 95, "陆海峰", expat=True,
        trap="chargeable, completed 23-Nov: finance not due yet")
    row("WO-0244", T("11-24 11:15"), "卫生间吊顶检修口盖板脱落", False, None, "顾俊", stage="accepted",
        trap="in progress")
    write_book(reg, [sh], out)
    return reg


# ---------------------------------------------------------------------------------------
# (h) a complaint register in Traditional Chinese (Macau), a month per sheet
# ---------------------------------------------------------------------------------------
def site_macau_complaints(out):
    reg = Register("08-濠江雅苑-客戶投訴登記表-2026.xlsx", "traditional_complaints",
                   "(h) a Macau estate's complaint register in Traditional Chinese (投訴編號, 投訴時間, "
                   "聯絡電話 with 8-digit Macau numbers, 投訴內容, 投訴類別, 涉及人數, 首問責任人, 責任部門, "
                   "承諾答覆時間, 答覆時間, 處理結果, 回訪時間, 回訪結果, 結案時間), one sheet per month "
                   "(10月, 11月), a 序號 counter, real Excel dates.", region="macau")
    p = Pool(808, trad=True, avoid={"梁詠詩", "陳慧敏"})
    rng = p.rng
    cols = [("序號", "seq"), ("投訴編號", "no"), ("投訴時間", "recv"), ("投訴人", "name"),
            ("聯絡電話", "phone"), ("單位", "loc"), ("投訴內容", "content"), ("投訴類別", "cat"),
            ("涉及人數", "people"), ("首問責任人", "first"), ("責任部門", "owner"),
            ("承諾答覆時間", "promise"), ("答覆時間", "reply"), ("處理結果", "result"),
            ("回訪時間", "visit"), ("回訪結果", "visit_res"), ("結案時間", "close")]
    widths = {"recv": 16, "content": 34, "promise": 16, "reply": 16, "visit": 16, "close": 16,
              "result": 24, "visit_res": 18, "loc": 12}

    def sheet(name, month):
        s = Sheet(name, cols, dt_fmt="yyyy/mm/dd hh:mm", kind="complaints", widths=widths)
        s.title(f"濠江雅苑物業管理處　客戶投訴登記表（2026年{month}月）")
        s.header()
        return s

    oct_, nov = sheet("10月", 10), sheet("11月", 11)
    seqs = {id(oct_): 0, id(nov): 0}

    def comp(sh, no, t, content, cat, people, owner, promise, reply=None, result=None, visit=None,
             visit_res=None, close=None, defects=(), trap=None, **kw):
        seqs[id(sh)] += 1
        full, _ = p.person()
        v = {"seq": seqs[id(sh)], "no": no, "recv": t, "name": full, "phone": p.mo_phone(),
             "loc": p.mo_flat(), "content": content, "cat": cat, "people": people,
             "first": rng.choice(["梁詠詩", "陳慧敏"]), "owner": owner, "promise": promise,
             "reply": reply, "result": result, "visit": visit, "visit_res": visit_res, "close": close}
        v.update(kw)
        sh.rec(v, defects, trap)

    comp(oct_, "TS2610001", T("10-08 10:20"), "會所泳池開放時間未經通知更改", "管理服務", 1, "客戶服務部",
         T("10-09 18:00"), T("10-09 11:00"), "已張貼通告並向業主致歉", T("10-10 10:00"), "滿意",
         T("10-10 10:30"), trap="clean closed complaint")
    comp(oct_, "TS2610002", T("10-15 15:40"), "月租車位收費調整未有提前通知", "收費", 3, "財務部",
         T("10-17 18:00"), T("10-16 16:30"), "已解釋調整依據並補發通知", T("10-18 11:00"), "滿意",
         T("10-18 11:20"), trap="clean closed complaint")
    comp(oct_, "TS2610003", T("10-21 10:30"), "平台花園水池漏水滲入地下停車場，車輛被滴污", "設備設施", 2,
         "工程部", T("10-23 18:00"), T("10-23 16:00"), "已安排防水工程，待施工", T("10-30 11:00"),
         "不滿意，仍有滲水",
         defects=[("major-complaint", "still open 35 days after receipt (over 30) without a satisfied "
                                      "return visit: a major complaint")])
    comp(oct_, "TS2610004", T("10-27 09:15"), "垃圾房臭味嚴重，清運不及時", "管理服務", 1, "清潔部",
         T("10-28 18:00"), T("10-28 10:00"), "已增加清運次數", T("10-29 15:00"), "滿意", T("10-29 15:10"),
         trap="clean closed complaint")

    comp(nov, "TS2611001", T("11-02 09:40"), "樓上單位裝修噪音，晚上九點後仍在鑽牆", "管理服務", 1, "保安部",
         T("11-03 17:00"), T("11-03 17:00"), "已勸喻裝修單位遵守時間", T("11-04 10:00"), "滿意",
         T("11-04 10:20"),
         trap="答覆時間 equals the promised time (17:00): kept, not late; TS2611001 starts November's "
              "book after TS2610004")
    comp(nov, "TS2611002", T("11-03 14:00"), "停車場入口閘機經常故障，出入要等很久", "設備設施", 1, "工程部",
         T("11-05 18:00"), T("11-05 11:00"), "已更換閘機感應器", T("11-12 10:00"), "不滿意，閘機上週仍故障兩次",
         T("11-12 10:30"),
         defects=[("closed-unsatisfied", "closed although the return visit says 不滿意")])
    comp(nov, "TS2611003", T("11-05 11:15"), "走廊燈長期不亮，晚上出入不安全", "設備設施", 1, "工程部",
         T("11-06 18:00"), T("11-06 15:00"), "已更換走廊燈管", None, None, T("11-07 09:00"),
         defects=[("missing-visit", "closed with no return visit")])
    comp(nov, "TS2611004", T("11-06 19:20"), "電梯困人約20分鐘，無人受傷", "突發事件", 2, "工程部",
         T("11-07 18:00"), T("11-07 10:00"), "已聯絡電梯公司檢修並加強保養", T("11-08 11:00"), "滿意",
         T("11-08 11:30"),
         trap="an emergency with 無人受傷 (nobody hurt): the negation is not an injury; closed satisfied")
    comp(nov, "TS2611005", T("11-09 10:00"), "保安員態度差，訪客登記時言語不禮貌", "服務態度", 1, "保安部",
         T("11-10 18:00"), T("11-10 14:00"), "已對當值保安員進行培訓", T("11-11 10:00"), "滿意",
         T("11-11 10:15"),
         defects=[("bad-category", "投訴類別 服務態度 is not one of the four classes (管理服務)")])
    comp(nov, "TS2611006", T("11-10 16:30"), "外判清潔工清潔不乾淨，大堂地面經常濕滑", "管理服務", 1, "清潔部",
         T("11-12 18:00"), T("11-11 15:00"), "已要求清潔公司加派人手", T("11-13 10:00"), "滿意",
         T("11-13 10:20"), phone="6612 345",
         defects=[("bad-phone", "6612 345 has 7 digits: a Macau number has 8")])
    comp(nov, "TS2611007", T("11-12 09:00"), "大廈食水有鐵鏽味，已持續三天", "設備設施", 15, "工程部",
         T("11-13 18:00"), T("11-13 16:00"), "已清洗水缸，待化驗結果",
         defects=[("major-complaint", "open complaint with 涉及人數 15 (10 or more)")])
    comp(nov, "TS2611008", T("11-13 14:10"), "寵物狗在平台花園隨處便溺，管理處未有跟進", "管理服務", 1, "保安部",
         T("11-15 18:00"), T("11-14 17:00"), "已張貼告示並加強巡查", T("11-16 10:00"), "基本滿意",
         T("11-16 10:30"), trap="closed after a 基本滿意 (fairly satisfied) visit: not 不滿意")
    comp(nov, "TS2611009", T("11-16 10:45"), "外牆紙皮石剝落，業主稱已聯絡報社記者及媒體，要求儘快維修",
         "設備設施", 1, "工程部", T("11-18 18:00"), T("11-17 15:00"), "已圍封並安排維修",
         defects=[("major-complaint", "open complaint whose content names 記者 and 媒體 (the press, in "
                                      "Traditional characters)")])
    comp(nov, "TS2611010", T("11-18 10:20"), "月結單管理費計算有誤，多收兩個月", "收費", 1, "財務部",
         T("11-20 17:00"),
         defects=[("reply-overdue", "promised a reply by 11-20 17:00, unanswered at the as-of time")])
    comp(nov, "TS2611011", T("11-20 15:30"), "會所健身室跑步機故障兩週仍未維修", "設備設施", 1, "工程部", None,
         defects=[("missing-reply-deadline", "unanswered and no 承諾答覆時間")])
    comp(nov, "TS2611012", T("11-23 11:00"), "晚間保安巡邏次數減少，業主擔心安全", "管理服務", 1, "保安部",
         T("11-26 12:00"), trap="open, reply promised 11-26 12:00: not due yet")
    comp(nov, "TS2611013", T("11-24 09:30"), "地下停車場B1車位地面油漬未清理", "管理服務", 1, "清潔部",
         T("11-25 18:00"), trap="open, reply promised 11-25 18:00, after the as-of time")
    comp(nov, "TS2611014", T("11-24 14:00"), "大堂信箱鎖被撬，信件遺失", "突發事件", 1, "保安部",
         T("11-24 18:00"), T("11-24 15:00"), "已報警並更換信箱鎖", T("11-24 17:30"), "滿意", T("11-24 17:40"),
         phone=p.mo_phone(landline=True), trap="a Macau landline 28xx xxxx; clean closed complaint")
    write_book(reg, [oct_, nov], out)
    return reg


# ---------------------------------------------------------------------------------------
# (i) two header rows under merged groups, a month per sheet, subtotal rows
# ---------------------------------------------------------------------------------------
def site_two_level(out):
    reg = Register("09-碧水湾-维修工作单登记表-2026.xlsx", "two_level_monthly",
                   "(i) the classic paper-form register: a merged title, two header rows (groups 报修登记 / "
                   "派单 / 工程部 / 完工 / 返单 over the column names, 序号, 延误/未完成原因, 财务签收 and 备注 merged "
                   "down both rows; 签收时间 and 签收人 appear under both 工程部 and 返单), a sheet per month "
                   "(2026年10月, 2026年11月) each numbering its forms afresh (WX2610…, WX2611…), a 上半月小计 "
                   "subtotal row in the middle of November, 合计 rows and a 制表人 footer, an instructions "
                   "sheet, a statistics sheet and a blank Sheet3; dates real and typed as text.")
    staff = {"林晓", "苏倩", "邹国平", "韦大勇", "熊立", "谭志刚", "方芳"}
    p = Pool(909, avoid=staff)
    rng = p.rng
    cols = [(None, "序号", "seq"),
            ("报修登记", "单号", "no"), ("报修登记", "报修时间", "recv"), ("报修登记", "地点", "loc"),
            ("报修登记", "报修内容", "content"), ("报修登记", "客户", "name"), ("报修登记", "联系电话", "phone"),
            ("报修登记", "有偿/无偿", "paid"),
            ("派单", "派单时间", "disp"), ("派单", "派单人", "disp_by"),
            ("工程部", "签收时间", "acc"), ("工程部", "签收人", "acc_by"),
            ("完工", "维修人员", "rep"), ("完工", "完工时间", "done"), ("完工", "客户签字", "cust_sig"),
            ("完工", "金额(元)", "fee"),
            (None, "延误/未完成原因", "reason"),
            ("返单", "签收时间", "ret"), ("返单", "签收人", "ret_by"),
            (None, "财务签收", "fin"), (None, "备注", "remarks")]
    widths = {"recv": 16, "content": 28, "phone": 13, "disp": 16, "acc": 16, "done": 16, "ret": 16,
              "reason": 18, "fin": 13, "loc": 13}

    def sheet(name, month):
        s = Sheet(name, cols, dt_fmt="yyyy/m/d h:mm", kind="work_orders", widths=widths)
        s.title(f"碧水湾物业服务中心维修工作单登记表（2026年{month}月）")
        s.header()
        return s

    octs, novs = sheet("2026年10月", 10), sheet("2026年11月", 11)
    seqs = {id(octs): 0, id(novs): 0}
    fees = {id(octs): [0.0, 0.0], id(novs): [0.0, 0.0]}

    def row(sh, no, t, content, paid, fee, rep, stage="returned", fin=None, text_recv=False,
            defects=(), trap=None, sign=False, **kw):
        seqs[id(sh)] += 1
        full, title = p.person()
        o = order(rng, t, stage=stage, **{k: kw.pop(k) for k in list(kw) if k in
                                          ("d_disp", "d_acc", "dur", "d_ret")})
        clerk = rng.choice(["林晓", "苏倩"])
        v = {"seq": seqs[id(sh)], "no": no, "recv": f"{t:%Y/%m/%d %H:%M}" if text_recv else t,
             "loc": p.cn_room(16, 26), "content": content, "name": title, "phone": p.cn_mobile(),
             "paid": yn(paid), "disp": o["disp"], "disp_by": clerk if o["disp"] else None,
             "acc": o["acc"], "acc_by": "邹国平" if o["acc"] else None,
             "rep": rep if (o["done"] or sign) else None, "done": o["done"],
             "cust_sig": full if (o["done"] or sign) else None,
             "fee": fee if o["done"] else None, "ret": o["ret"],
             "ret_by": clerk if o["ret"] else None, "fin": fin}
        v.update(kw)
        if isinstance(v["fee"], (int, float)):
            fees[id(sh)][0] += v["fee"]
            fees[id(sh)][1] += v["fee"]
        sh.rec(v, defects, trap)

    def total(sh, label, which):
        cells = [None] * len(cols)
        cells[0] = label
        cells[15] = fees[id(sh)][which]
        if which == 0:
            fees[id(sh)][0] = 0.0
        sh.raw(cells, "subtotal" if which == 0 else "total")

    def footer(sh):
        sh.blank()
        cells = [None] * len(cols)
        cells[0], cells[4], cells[12] = "制表人：林晓", "审核：", "服务中心负责人："
        sh.raw(cells, "signature footer")

    row(octs, "WX2610001", T("10-08 09:10"), "卫生间防水层渗漏，楼下天花有水印", True, 80, "韦大勇", fin="方芳 10/9",
        trap="clean paid order signed for by finance")
    row(octs, "WX2610002", T("10-12 14:30"), "地下车库B区照明灯不亮", False, 0, "熊立", trap="clean free order")
    row(octs, "WX2610003", T("10-16 10:00"), "更换厨房水槽龙头及角阀", True, 150, "谭志刚",
        defects=[("finance-unreceipted", "有偿 order completed 10-16, over a month before the as-of time, "
                                         "财务签收 empty")])
    row(octs, "WX2610004", T("10-21 08:50"), "单元门闭门器漏油", False, 0, "韦大勇", trap="clean free order")
    row(octs, "WX2610005", T("10-27 15:20"), "入户门锁芯更换", True, 260, "熊立", fin="方芳 11/6",
        trap="clean paid order, signed for by finance in November")
    row(octs, "WX2610006", T("10-30 11:00"), "阳台雨水管接口渗水", False, 0, "谭志刚", trap="clean free order")
    total(octs, "合计", 1)
    footer(octs)

    row(novs, "WX2611001", T("11-02 09:00"), "卫生间马桶水箱漏水，需更换进水阀", True, 70, "韦大勇",
        fin="方芳 11/6",
        trap="WX2611001 after WX2610006: a new month's book, not 995 lost forms")
    row(novs, "WX2611002", T("11-03 14:05"), "客厅插座跳闸，开关合不上", False, 0, "熊立", text_recv=True,
        d_disp=3, d_acc=5, trap="engineering (工程部 签收时间) 5 min after dispatch exactly: on time; "
                                "receipt typed as text 2026/11/03 14:05")
    row(novs, "WX2611003", T("11-04 10:20"), "厨房排烟管道脱落，油烟倒灌", True, 90, "谭志刚", fin="方芳 11/6",
        d_disp=3, d_acc=8,
        defects=[("slow-handoff", "派单 10:23, 工程部签收 10:31: 8 min, over 5")])
    row(novs, "WX2611004", T("11-05 15:40"), "次卧门锁把手松脱", True, 40, "韦大勇", fin="方芳 11/13",
        text_recv=True, trap="clean paid order")
    row(novs, "WX2611005", T("11-06 09:25"), "阳台地漏返水，需疏通", True, 60, "熊立", fin="方芳 11/13",
        ret_by="熊立", defects=[("proxy-signature", "返单 签收人 is the repairer 熊立")])
    row(novs, "WX2611006", T("11-09 13:30"), "卫生间吊顶扣板掉落", False, 0, "谭志刚", ret=None,
        defects=[("missing-time", "returned (返单 签收人 written) with no 返单 签收时间")])
    row(novs, "WX2611007", T("11-11 10:50"), "楼道消防栓箱门锁损坏", False, 0, "韦大勇", text_recv=True,
        trap="clean free order")
    total(novs, "上半月小计", 0)
    row(novs, "WX2611008", T("11-16 08:30"), "主卫淋浴房玻璃门滑轮脱落", False, 0, "熊立", d_disp=4, d_acc=3,
        dur=mins(T("11-16 08:37"), T("11-17 16:00")), d_ret=60,
        defects=[("missing-reason", "派单 11-16 08:34, completed 11-17 16:00 (31.4 h, over 24) with no "
                                    "reason")])
    row(novs, "WX2611009", T("11-17 09:10"), "厨房吊柜层板托损坏，更换托架", True, 30, "谭志刚", fin="方芳 11/20",
        trap="row after the 上半月小计 subtotal row: numbering continues, the subtotal is not an order")
    row(novs, "WX2611011", T("11-18 14:00"), "车库入口道闸抬杆缓慢", False, 0, "韦大勇",
        defects=[("number-gap", "pre-printed form WX2611010 is missing between WX2611009 and WX2611011 "
                                "(a lost form)", {"missing_numbers": ["WX2611010"]})])
    row(novs, "WX2611012", T("11-19 10:15"), "卫生间进户总阀关不死，阀门处滴水", False, None, "熊立",
        stage="accepted", ret=T("11-19 17:30"), ret_by="苏倩", sign=True,
        reason="需更换整个阀门，待物业采购到货",
        defects=[("not-completed", "returned (返单 签收时间, 签收人) without a completion time; no special-"
                                   "approval column, so it is refused (reason is given)")])
    row(novs, "WX2611013", T("11-20 16:00"), "更换卫生间浴霸开关", True, 55, "谭志刚",
        trap="paid, completed 11-20: finance not due yet")
    row(novs, "WX2611014", T("11-22 09:30"), "外墙空调孔封堵脱落，雨水渗入", False, None, "韦大勇", stage="accepted",
        reason="需高空作业，待外墙施工队排期", trap="open over 24 h, reason written")
    row(novs, "WX2611015", T("11-24 10:10"), "客厅开关面板烧焦，有焦味", True, None, "熊立", stage="accepted",
        trap="in progress, under 23 h after dispatch")
    row(novs, "WX2611016", T("11-24 15:00"), "入户门门铃不响", True, None, "谭志刚", stage="accepted",
        trap="in progress, under 18 h after dispatch")
    total(novs, "合计", 1)
    footer(novs)

    def instructions(wb):
        ws = wb.add_worksheet("填表说明")
        lines = ["填表说明", "1. 接报修后及时填写三联维修工作单，单号按预印编号顺序使用，作废单须保留。",
                 "2. 工作单应于五分钟内交工程部签收，签收人须写明签收时间。",
                 "3. 返单须有维修人员签字、客户签字，有偿服务须填写金额；返单签收不得代签。",
                 "4. 超过24小时未完工的，须在“延误/未完成原因”栏注明原因。",
                 "5. 每周五将有偿维修单复印件交财务部签收。"]
        for i, t in enumerate(lines):
            ws.write_string(i, 0, t)
        ws.set_column(0, 0, 80)

    def stats(wb):
        ws = wb.add_worksheet("统计")
        for c, h in enumerate(["月份", "报修数量", "完成数量", "完成率", "有偿金额(元)"]):
            ws.write_string(0, c, h)
        ws.write_row(1, 0, ["2026年10月", 6, 6, "100%", 490])
        ws.write_row(2, 0, ["2026年11月", 15, 11, "73%", 345])

    def blank_sheet(wb):
        wb.add_worksheet("Sheet3")

    write_book(reg, [instructions, octs, novs, stats, blank_sheet], out)
    return reg


# ---------------------------------------------------------------------------------------
# (j) 服务台登记表 (来电来访): 事项类型, WPS-style dates 2026年11月3日 下午2:05
# ---------------------------------------------------------------------------------------
def wps(d):
    if d is None:
        return None
    half = "上午" if d.hour < 12 else "下午"
    h = d.hour if d.hour <= 12 else d.hour - 12
    return f"{d.year}年{d.month}月{d.day}日 {half}{h}:{d.minute:02d}"


def site_front_desk(out):
    reg = Register("10-悦澜山-服务台来电来访登记表-2026年11月.xlsx", "front_desk_log",
                   "(j) a front-desk log of calls and visits (服务台登记表: 方式 来电/来访) kept in WPS: 事项类型 "
                   "维修 / 报事 / 投诉 / 投诉建议 / 咨询 / 建议 / 表扬 / 求助, one 单号 column holding BX… repair "
                   "numbers and TS… complaint numbers, repair columns (派工时间, 维修人, 完成时间, 有偿/无偿, 金额) "
                   "and complaint columns (处理部门, 承诺回复时间, 回复时间, 回访情况, 回访时间, 结案时间) side by "
                   "side, every time typed as WPS shows it: 2026年11月3日 下午2:05.")
    p = Pool(1010, avoid={"宋佳", "唐敏", "蔡永军", "任志明"})
    rng = p.rng
    cols = [("序号", "seq"), ("登记时间", "recv"), ("方式", "mode"), ("事项类型", "type"), ("客户", "name"),
            ("房号", "loc"), ("电话", "phone"), ("事项内容", "content"), ("受理人", "taker"), ("单号", "no"),
            ("派工时间", "disp"), ("维修人", "rep"), ("完成时间", "done"), ("有偿/无偿", "paid"),
            ("金额", "fee"), ("延误/未完成原因", "reason"), ("处理部门", "owner"),
            ("承诺回复时间", "promise"), ("回复时间", "reply"), ("回访情况", "visit_res"),
            ("回访时间", "visit"), ("结案时间", "close")]
    sh = Sheet("2026.11", cols, kind="call_log",
               widths={"recv": 22, "content": 32, "disp": 22, "done": 22, "promise": 22, "reply": 22,
                       "visit": 22, "close": 22, "phone": 13, "loc": 13, "reason": 16})
    sh.title("悦澜山服务中心　服务台登记表（来电来访）　2026年11月")
    sh.header()
    seq = [0]

    def base(t, mode, kind, taker):
        seq[0] += 1
        full, title = p.person()
        return {"seq": seq[0], "recv": wps(t), "mode": mode, "type": kind, "name": title,
                "loc": p.cn_room(), "phone": p.cn_mobile(), "taker": taker}

    def repair(no, t, kind, content, paid, fee, rep, d_disp=4, dur=90, open_=False, defects=(),
               trap=None, **kw):
        v = base(t, kw.pop("mode", "来电"), kind, rng.choice(["宋佳", "唐敏"]))
        disp = t + d_disp * MIN
        done = None if open_ else disp + dur * MIN
        v.update({"content": content, "no": no, "disp": wps(disp), "rep": rep, "done": wps(done),
                  "paid": yn(paid), "fee": fee if done else None})
        v.update(kw)
        sh.rec(v, defects, trap)

    def complaint(no, t, kind, content, owner, promise, reply=None, visit_res=None, visit=None,
                  close=None, defects=(), trap=None, **kw):
        v = base(t, kw.pop("mode", "来电"), kind, rng.choice(["宋佳", "唐敏"]))
        v.update({"content": content, "no": no, "owner": owner, "promise": wps(promise),
                  "reply": wps(reply), "visit_res": visit_res, "visit": wps(visit), "close": wps(close)})
        v.update(kw)
        sh.rec(v, defects, trap)

    def other(t, mode, kind, content, defects=(), trap=None, **kw):
        v = base(t, mode, kind, rng.choice(["宋佳", "唐敏"]))
        v.update({"content": content})
        v.update(kw)
        sh.rec(v, defects, trap)

    repair("BX2611001", T("11-02 08:55"), "维修", "卫生间马桶堵塞，冲水不下", True, 60, "蔡永军",
           trap="WPS-style times (2026年11月2日 上午8:55); clean paid repair")
    other(T("11-02 10:20"), "来访", "咨询", "咨询装修押金退还流程，已告知装修验收合格后凭收据办理",
          trap="a walk-in consultation (来访): a call record, no work-order columns")
    repair("BX2611002", T("11-03 14:05"), "报事", "5栋一楼大堂感应门无法自动打开", False, 0, "任志明",
           trap="报事 (a report of a public-area fault) carried through as a repair, complete")
    repair("BX2611003", T("11-04 09:30"), "维修", "厨房水槽下水慢，疑似堵塞", True, 45, "蔡永军",
           phone="1391234567", defects=[("bad-phone", "1391234567 has 10 digits: not a mainland mobile")])
    complaint("TS2611001", T("11-05 20:15"), "投诉建议", "周末上午8点前就有装修噪音，影响休息", "秩序维护部", None,
              defects=[("missing-reply-deadline", "a complaint (投诉建议 with a TS number), unanswered, "
                                                  "no 承诺回复时间")])
    other(T("11-06 16:00"), "来电", "表扬", "表扬保洁阿姨每天把楼道清理得非常干净", phone=None,
          trap="a praise call without a phone number: a call record needs time, caller, content and "
               "who took it, not a phone")
    repair("BX2611004", T("11-09 10:40"), "维修", "卧室空调遥控无反应，空调不启动", False, 0, "任志明",
           disp=None, defects=[("missing-time", "completed (维修人, 完成时间) with no 派工时间")])
    complaint("TS2611002", T("11-10 11:10"), "投诉", "楼下商铺空调外机噪音扰民，夜间尤其明显", "工程部",
              T("11-12 17:00"), T("11-12 15:00"), None, None, T("11-13 10:00"),
              defects=[("missing-visit", "closed with no return visit")])
    other(T("11-11 18:30"), "来访", "求助", "老人忘带门禁卡，请求帮助开单元门，已由秩序维护员协助",
          trap="a walk-in help request (求助)")
    other(T("11-12 09:15"), "来电", "咨询", None,
          defects=[(None, "DOMAIN.md (call logs): a call record is complete with its time, caller, "
                          "content and who took it; 事项内容 is empty. README has no rule ID for call "
                          "records (missing-field is the nearest)")])
    repair("BX2611005", T("11-13 15:20"), "维修", "入户门猫眼松动脱落，需重新安装", True, 150, "蔡永军",
           trap="clean paid repair")
    complaint("TS2611003", T("11-16 14:40"), "投诉", "小区儿童游乐设施螺丝松动，存在安全隐患", "工程部",
              T("11-18 17:00"), T("11-17 16:00"), "满意", T("11-19 10:00"), T("11-18 17:30"),
              defects=[("time-order", "结案时间 11-18 17:30 is before the 回访时间 11-19 10:00")])
    repair("BX2611006", T("11-17 16:30"), "维修", "厨房灯管闪烁，启动困难", False, 0, "任志明", d_disp=5,
           dur=mins(T("11-17 16:35"), T("11-18 09:20")),
           trap="completed the next morning (2026年11月18日 上午9:20), 16.75 h after dispatch")
    repair("BX2611007", T("11-19 09:50"), "维修", "阳台窗户关不严，漏风", True, None, "蔡永军", open_=True,
           defects=[("missing-reason", "dispatched 11-19 09:54, not completed at the as-of time (143 h), "
                                       "no reason")])
    other(T("11-20 11:30"), "来电", "建议", "建议在小区北门增设快递柜，方便取件", trap="a suggestion")
    complaint("TS2611004", T("11-23 10:05"), "投诉", "地下车库有车辆长期占用消防通道", "秩序维护部",
              T("11-26 17:00"), trap="open, reply promised 11-26: not due yet; TS2611004 shares its digits with "
                   "BX2611004: the BX… and TS… numbers in one 单号 column are two books")
    repair("BX2611008", T("11-24 13:20"), "维修", "卫生间排风扇异响", False, None, "任志明", open_=True,
           trap="dispatched 11-24 13:24, open 19.6 h: nothing due yet")
    write_book(reg, [sh], out)
    return reg


SITES = [site_call_log, site_hong_kong, site_taiwan, site_numerals, site_noted_headers,
         site_system_export, site_english, site_macau_complaints, site_two_level, site_front_desk]


def main(argv):
    if len(argv) != 2:
        print("usage: make_sites.py OUT_DIR", file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    regs = [f(out) for f in SITES]
    answers = {
        "as_of": AS_OF.strftime("%Y-%m-%d %H:%M"),
        "generated_by": "tests/sites/make_sites.py",
        "written_blind": "from ../shared/DOMAIN.md, issue #19 and the README rule table only; the "
                         "reader's code and tests were not read",
        "matching": "a planted defect is found when a finding has the same file, sheet, row and rule "
                    "(rule_id null: any finding on that row); alt_rows lists other rows a finding for "
                    "the same defect may be reported on (number-gap, duplicate-number)",
        "registers": [r.answer() for r in regs],
    }
    for r in answers["registers"]:
        for d in r["defects"]:
            if d["rule_id"] == "duplicate-number":
                d.setdefault("alt_rows", [d["row"] - 1])
            if d["rule_id"] == "number-gap":
                d.setdefault("alt_rows", [d["row"] - 1])
    with open(os.path.join(out, "answers.json"), "w", encoding="utf-8") as f:
        json.dump(answers, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for r in regs:
        rows = sum(1 for t in r.traps if not t.get("structural"))
        print(f"{r.fname}: {len(r.defects)} planted defects, {rows} trap rows "
              f"(+{len(r.traps) - rows} title/note/header/total/footer rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
