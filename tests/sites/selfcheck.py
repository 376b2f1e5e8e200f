#!/usr/bin/env python3
"""Check the answer key against the registers make_sites.py wrote, before anyone scores a reader.

    python tests/sites/selfcheck.py OUT_DIR

This is NOT a reader of registers and not the toolkit: it knows what every column means (the
generator records it in answers.json, `sheets[].columns`) and the handful of value spellings the
generator writes, and applies DOMAIN.md's rules to every record. It prints every rule it sees
break that the key does not list (an unplanned defect: the register is wrong) and every planted
defect it does not see (the key is wrong). Exit 1 on either.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections import defaultdict

import openpyxl

CN = {"〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
      "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
      "九": 9, "玖": 9}
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def cn_number(s: str):
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in CN:
            cur = CN[ch]
        elif ch in UNITS:
            total += (cur or 1) * UNITS[ch]
            cur = 0
        else:
            return None
    return total + cur


def parse_time(v, ref=None, year=2026):
    """-> (datetime, 'exact'|'day') or None for empty; raises ValueError when unreadable."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v
    s = str(v).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})", s)
    if m:
        return dt.datetime(*map(int, m.groups()))
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2})", s)
    if m:
        return dt.datetime(*map(int, m.groups()))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})", s)  # day first (HK)
    if m:
        d, mo, y, h, mi = map(int, m.groups())
        return dt.datetime(y, mo, d, h, mi)
    m = re.fullmatch(r"(\d{3})/(\d{2})/(\d{2}) (\d{2}):(\d{2})", s)  # ROC
    if m:
        y, mo, d, h, mi = map(int, m.groups())
        return dt.datetime(y + 1911, mo, d, h, mi)
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2}) (\d{2}):(\d{2})", s)
    if m:
        mo, d, h, mi = map(int, m.groups())
        return dt.datetime(year, mo, d, h, mi)
    m = re.fullmatch(r"(\d{4})年(\d+)月(\d+)日 (上午|下午)(\d+):(\d{2})", s)  # WPS
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        h = int(m[5]) + (12 if m[4] == "下午" and int(m[5]) != 12 else 0)
        return dt.datetime(y, mo, d, h, int(m[6]))
    m = re.fullmatch(r"(\S+)月(\S+)日 (\d{1,2}):(\d{2})", s)
    if m and cn_number(m[1]) and cn_number(m[2]):
        return dt.datetime(year, cn_number(m[1]), cn_number(m[2]), int(m[3]), int(m[4]))
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", s)
    if m and ref is not None:
        return dt.datetime.combine(ref.date(), dt.time(int(m[1]), int(m[2])))
    raise ValueError(f"unreadable time {s!r}")


def parse_date(s):
    s = str(s).strip()
    m = re.fullmatch(r"民國(\d+)年(\d+)月(\d+)日", s)
    if m:
        return dt.date(int(m[1]) + 1911, int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{3})/(\d{2})/(\d{2})", s)
    if m:
        return dt.date(int(m[1]) + 1911, int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\S+)月(\S+)日", s)
    if m:
        return dt.date(2026, cn_number(m[1]), cn_number(m[2]))
    raise ValueError(f"unreadable date {s!r}")


def parse_promise(v):
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v
    s = str(v)
    part = None
    for word, hour in (("中午前", 12), ("下午前", 18)):
        if s.endswith(word):
            s, part = s[: -len(word)], hour
    try:
        return parse_time(s)
    except ValueError:
        d = parse_date(s)
        return dt.datetime.combine(d, dt.time(part, 0) if part else dt.time(23, 59))


def parse_fee(v):
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).replace(",", "").replace("HK$", "").replace("NT$", "").replace("RMB", "").strip()
    s = s.removesuffix("整").removesuffix("元").strip()
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return float(s)
    n = cn_number(s)
    if n is None:
        raise ValueError(f"unreadable fee {v!r}")
    return float(n)


def parse_people(v):
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return int(v)
    s = str(v).rstrip("人户戶")
    return int(s) if s.isdigit() else cn_number(s)


PAID = {"有偿": True, "收費": True, "收费": True, "Y": True, "无偿": False, "免費": False, "免费": False, "N": False}


def phone_ok(p, region):
    digits = re.sub(r"[\s\-()]", "", p)
    if digits.startswith("+86"):
        digits = digits[3:]
    if region == "hong_kong":
        return bool(re.fullmatch(r"[23569]\d{7}", digits))
    if region == "macau":
        return bool(re.fullmatch(r"(6\d|28)\d{6}", digits))
    if region == "taiwan":
        return bool(re.fullmatch(r"09\d{8}|0[2-8]\d{7,8}", digits))
    return bool(re.fullmatch(r"1[3-9]\d{9}|0\d{2,3}\d{7,8}|[2-8]\d{7}", digits))


MAJOR_WORDS = ["12345", "媒体", "媒體", "记者", "記者", "曝光", "起诉", "起訴", "诉讼", "訴訟", "律师", "律師",
               "法院", "信访", "信訪", "受伤", "受傷"]
CATEGORIES = {"设备设施", "設備設施", "管理服务", "管理服務", "收费", "收費", "突发事件", "突發事件"}
REPAIR_TYPES = {"报修", "維修", "维修", "报事"}
COMPLAINT_TYPES = {"投诉", "投訴", "投诉建议"}


def check(out_dir):
    key = json.load(open(os.path.join(out_dir, "answers.json"), encoding="utf-8"))
    as_of = dt.datetime.strptime(key["as_of"], "%Y-%m-%d %H:%M")
    problems = 0
    for reg in key["registers"]:
        wb = openpyxl.load_workbook(os.path.join(out_dir, reg["file"]))
        seen = set()
        numbers = defaultdict(list)  # (kind, prefix) -> [(n, width, sheet, row)]
        region = reg["region"]
        for sh in reg["sheets"]:
            if not sh.get("kind"):
                continue
            ws = wb[sh["name"]]
            cols = {k: letter for letter, _h, k in sh["columns"]}
            for row in sh["record_rows"]:
                v = {k: ws[f"{letter}{row}"].value for k, letter in cols.items()}
                v = {k: (None if x in ("", None) else x) for k, x in v.items()}

                def hit(rule, sheet=sh["name"], row=row):
                    seen.add((sheet, row, rule))

                kind = sh["kind"]
                if kind == "call_log":
                    t = v.get("type")
                    kind = "work_orders" if t in REPAIR_TYPES else "complaints" if t in COMPLAINT_TYPES else "other"
                if "date" in v and "time" in v:
                    d = parse_date(v["date"])
                    hh, mm = map(int, v["time"].split(":"))
                    v["recv"] = dt.datetime.combine(d, dt.time(hh, mm))
                    year = d.year
                else:
                    year = 2026
                if kind == "other":
                    for k in ("recv", "name", "content", "taker"):
                        if k in cols and v.get(k) is None:
                            hit(None)
                    continue
                if kind == "work_orders":
                    status = v.get("status")
                    recv = parse_time(v.get("recv"), year=year)
                    disp = parse_time(v.get("disp"), recv, year)
                    acc = parse_time(v.get("acc"), disp or recv, year)
                    done = parse_time(v.get("done"), acc or disp or recv, year)
                    ret = parse_time(v.get("ret"), done or acc or disp, year)
                    visit = parse_time(v.get("visit"), ret or done, year)
                    paid = PAID.get(v.get("paid")) if v.get("paid") else None
                    fee = parse_fee(v.get("fee"))
                    reason = v.get("reason") or v.get("delay") or v.get("incomplete")
                    for k in ("no", "loc", "content", "name", "phone"):
                        if k in cols and v.get(k) is None:
                            hit("missing-field")
                    if "paid" in cols and v.get("paid") is None and status not in ("待派单", "已取消"):
                        hit("missing-field")
                    returned = ret is not None or v.get("ret_by") is not None
                    accepted = acc is not None or v.get("acc_by") is not None or done is not None
                    if recv is None and "recv" in cols:
                        hit("missing-time")
                    if disp is None and "disp" in cols and accepted:
                        hit("missing-time")
                    if acc is None and "acc" in cols and (done is not None or v.get("acc_by")):
                        hit("missing-time")
                    if ret is None and "ret" in cols and v.get("ret_by"):
                        hit("missing-time")
                    if returned:
                        for k in ("rep", "cust_sig", "ret_by"):
                            if k in cols and v.get(k) is None:
                                hit("missing-signature")
                    if acc is not None and "acc_by" in cols and v.get("acc_by") is None:
                        hit("missing-signature")
                    if paid and (done or returned) and fee is None:
                        hit("missing-fee")
                    start = disp or recv
                    if status not in ("已取消", "待派单"):
                        if done and start and done - start > dt.timedelta(hours=24) and not reason:
                            hit("missing-reason")
                        if not done and returned and not reason:
                            hit("missing-reason")
                        if not done and not returned and start and as_of - start > dt.timedelta(hours=24) \
                                and not reason:
                            hit("missing-reason")
                    if returned and not done and "done" in cols:
                        hit("not-completed")
                    if acc and (disp or recv) and acc - (disp or recv) > dt.timedelta(minutes=5):
                        hit("slow-handoff")
                    chain = [x for x in (recv, disp, acc, done, ret, visit) if x]
                    if any(a > b for a, b in zip(chain, chain[1:])) or any(x > as_of for x in chain):
                        hit("time-order")
                    if v.get("rep") and (v.get("ret_by") == v["rep"] or v.get("cust_sig") == v["rep"]):
                        hit("proxy-signature")
                    if v.get("content") and len(str(v["content"])) < 4:
                        hit("content-too-brief")
                    if v.get("phone") and not phone_ok(str(v["phone"]), region):
                        hit("bad-phone")
                    if "fin" in cols and paid and done and as_of - done > dt.timedelta(days=7) \
                            and not v.get("fin"):
                        hit("finance-unreceipted")
                    if v.get("no"):
                        m = re.fullmatch(r"(.*?)(\d+)", str(v["no"]))
                        numbers[("wo", m[1], reg["layout"] == "system_export")].append(
                            (int(m[2]), sh["name"], row))
                else:  # complaints
                    recv = parse_time(v.get("recv"), year=year) if not isinstance(v.get("recv"), dt.datetime) \
                        else v["recv"]
                    reply = parse_time(v.get("reply"), recv, year)
                    visit = parse_time(v.get("visit"), reply or recv, year)
                    close = parse_time(v.get("close"), visit or reply or recv, year)
                    promise = parse_promise(v.get("promise"))
                    owner_key = "owner"
                    for k in ("no", "name", "phone", "content", owner_key):
                        if k in cols and v.get(k) is None:
                            hit("missing-field")
                    answered = reply or visit or close
                    if not answered and "promise" in cols and promise is None:
                        hit("missing-reply-deadline")
                    if not answered and promise and promise < as_of:
                        hit("reply-overdue")
                    if reply and promise and reply > promise:
                        hit("reply-late")
                    unsatisfied = v.get("visit_res") and "不满意" in v["visit_res"].replace("滿", "满")
                    satisfied = v.get("visit_res") and not unsatisfied
                    if not close:
                        people = parse_people(v.get("people"))
                        content = str(v.get("content") or "")
                        if (people and people >= 10) or any(w in content for w in MAJOR_WORDS if
                                                            not content.count("無人" + w[-2:]) and
                                                            not content.count("无人" + w[-2:])) \
                                or (as_of - recv > dt.timedelta(days=30) and not satisfied):
                            hit("major-complaint")
                    if close and unsatisfied:
                        hit("closed-unsatisfied")
                    if close and not visit and not v.get("visit_res"):
                        hit("missing-visit")
                    chain = [x for x in (recv, reply, visit, close) if x]
                    if any(a > b for a, b in zip(chain, chain[1:])) or any(x > as_of for x in chain) \
                            or (promise and promise < recv):
                        hit("time-order")
                    if v.get("cat") and v["cat"] not in CATEGORIES:
                        hit("bad-category")
                    if v.get("phone") and not phone_ok(str(v["phone"]), region):
                        hit("bad-phone")
                    if v.get("no"):
                        m = re.fullmatch(r"(.*?)(\d+)", str(v["no"]))
                        numbers[("ts", m[1][:6] if m[1].startswith("TS") else m[1], False)].append(
                            (int(m[2]), sh["name"], row))
        # numbers: duplicates and gaps per book (a prefix; WX2611 and WX2610 are two months)
        for (kind, prefix, system), items in numbers.items():
            books = defaultdict(list)
            for n, sheet, row in items:
                books[(prefix, n // 1000 if len(str(n)) > 4 else 0)].append((n, sheet, row))
            for book in books.values():
                firsts = {}
                for n, sheet, row in book:
                    if n in firsts:
                        seen.add((sheet, row, "duplicate-number"))
                    firsts.setdefault(n, (sheet, row))
                if system:
                    continue
                ordered = sorted(firsts.items())
                for (a, _), (b, where) in zip(ordered, ordered[1:]):
                    if 1 < b - a <= 20:
                        seen.add((where[0], where[1], "number-gap"))
        planted = {(d["sheet"], d["row"], d["rule_id"]) for d in reg["defects"]}
        # a null-rule defect is a finding of any rule on its row
        for s_, r_, rule in sorted(seen - planted, key=str):
            print(f"UNPLANTED  {reg['file']}  {s_} row {r_}: {rule}")
            problems += 1
        for s_, r_, rule in sorted(planted - seen, key=str):
            print(f"NOT SEEN   {reg['file']}  {s_} row {r_}: {rule}")
            problems += 1
        traps = {(t["sheet"], t["row"]) for t in reg["traps"]}
        for s_, r_, rule in seen:
            if (s_, r_) in traps:
                print(f"TRAP HIT   {reg['file']}  {s_} row {r_}: {rule}")
                problems += 1
        print(f"{reg['file']}: {len(planted)} planted, {len(seen & planted)} seen, "
              f"{len(seen - planted)} unplanted")
    return problems


if __name__ == "__main__":
    sys.exit(1 if check(sys.argv[1]) else 0)
