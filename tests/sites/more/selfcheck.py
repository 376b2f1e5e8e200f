#!/usr/bin/env python3
"""Check the answer key against the registers make_more.py wrote, before anyone scores a reader.

    python tests/sites/more/selfcheck.py OUT_DIR

Not a reader of registers and not the toolkit: it re-reads the generated files (openpyxl for
.xlsx, python-calamine for the old-format .xls, which openpyxl cannot open), knows what each
column means from the key (`sheets[].columns`) and the handful of spellings the generator writes,
and applies DOMAIN.md's rules (README defaults, as of 2026-11-25 09:00) to every record. It fails
when a planted row is missing or its cells differ from the key's `cells`, when a planted defect
does not break its rule, or when a record breaks a rule the key does not list.

Times are intervals: an exact time is one instant, a date alone or a date + 时段 (上午/下午) spans
its day or half-day; a rule fires only when it fires for every instant in the interval (a time
known only to the day never makes a rule fire on a guess).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections import defaultdict

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_more import canon  # noqa: E402  (the one text form for a cell value)

AS_OF = dt.datetime(2026, 11, 25, 9, 0)
HANDOFF = dt.timedelta(minutes=5)
DELAY = dt.timedelta(hours=24)
FINANCE = dt.timedelta(days=7)
MIN_CONTENT = 4
GAP_MAX = 20
MAJOR_PEOPLE = 10
MAJOR_DAYS = dt.timedelta(days=30)
EPOCH = dt.datetime(1899, 12, 30)
CATEGORIES = {"设备设施", "管理服务", "收费", "突发事件"}
MEDIA = ["曝光", "媒体", "记者", "起诉", "诉讼", "律师函", "法院", "12345", "信访", "受伤"]
NEGATION = ["无人", "没有", "未", "无"]
BAD = "BAD"


def read_book(path):
    """sheet name -> {(row, column letter): value}, merged ranges filled with their top-left value"""
    out = {}
    if path.endswith(".xls"):
        from python_calamine import CalamineWorkbook
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            cells = {}
            for r, row in enumerate(rows, 1):
                for c, v in enumerate(row):
                    if v != "":
                        cells[(r, openpyxl.utils.get_column_letter(c + 1))] = v
            out[name] = cells
        return out
    wb = openpyxl.load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[(cell.row, cell.column_letter)] = cell.value
        for mr in ws.merged_cells.ranges:
            v = ws.cell(mr.min_row, mr.min_col).value
            for r in range(mr.min_row, mr.max_row + 1):
                for c in range(mr.min_col, mr.max_col + 1):
                    cells[(r, openpyxl.utils.get_column_letter(c))] = v
        out[ws.title] = cells
    return out


def empty(v):
    return v is None or (isinstance(v, str) and v.strip() == "")


def day(d):
    lo = dt.datetime.combine(d, dt.time())
    return (lo, lo + dt.timedelta(days=1) - dt.timedelta(seconds=1))


def exact(t):
    t = (t + dt.timedelta(seconds=30)).replace(second=0, microsecond=0) if t.second or t.microsecond else t
    return (t, t)


def when(v, base):
    """-> None (empty), BAD (unreadable) or (lo, hi)"""
    if empty(v):
        return None
    if isinstance(v, dt.datetime):
        return day(v.date()) if (v.hour, v.minute, v.second) == (0, 0, 0) else exact(v)
    if isinstance(v, dt.date):
        return day(v)
    if isinstance(v, dt.time):
        return exact(dt.datetime.combine(base, v)) if base else BAD
    if isinstance(v, (int, float)):
        if float(v) == int(v):
            return day((EPOCH + dt.timedelta(days=int(v))).date())
        return exact(EPOCH + dt.timedelta(days=float(v)))
    s = str(v).strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?", s)
    if m:
        return exact(dt.datetime(*[int(x) for x in m.groups() if x is not None]))
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", s)
    if m:
        return day(dt.date(2026, int(m[1]), int(m[2])))
    m = re.fullmatch(r"(?:(\d{1,2})\.(\d{1,2}) )?(下午)?(\d{1,2})点(?:(\d{2})分|整)", s)
    if m:
        d = dt.date(2026, int(m[1]), int(m[2])) if m[1] else base
        if d is None:
            return BAD
        h = int(m[4]) + (12 if m[3] and int(m[4]) < 12 else 0)
        return exact(dt.datetime.combine(d, dt.time(h, int(m[5] or 0))))
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(AM|PM)", s)
    if m and base:
        h = int(m[1]) % 12 + (12 if m[3] == "PM" else 0)
        return exact(dt.datetime.combine(base, dt.time(h, int(m[2]))))
    return BAD


def money(v):
    if empty(v):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    m = re.fullmatch(r"[￥¥]?\s*(\d+(?:\.\d+)?)\s*元?", str(v).strip())
    return float(m[1]) if m else BAD


def paid_of(v):
    if empty(v):
        return None
    s = str(v).strip()
    if s in ("有偿", "收费", "是"):
        return True
    if s in ("无偿", "免费", "否"):
        return False
    return BAD


def phone_ok(v):
    s = re.sub(r"[\s\-()]", "", str(v))
    if s.startswith("+86"):
        s = s[3:]
    # mobiles; 010/02x area codes with 8-digit locals, 0xxx codes with 7- or 8-digit locals; a
    # local number alone (7-8 digits)
    return bool(re.fullmatch(r"1[3-9]\d{9}", s) or re.fullmatch(r"(010|02\d)[2-9]\d{7}", s)
                or re.fullmatch(r"0[3-9]\d{2}[2-9]\d{6,7}", s) or re.fullmatch(r"[2-9]\d{6,7}", s))


def names_media(text):
    for w in MEDIA:
        for m in re.finditer(re.escape(w), text):
            before = text[max(0, m.start() - 2):m.start()]
            if not any(before.endswith(n) for n in NEGATION):
                return True
    return False


def before(a, b):
    """a definitely after b (out of order) for every reading"""
    return a is not None and b is not None and a != BAD and b != BAD and a[0] > b[1]


def work_order_rules(r, has):
    """r: key -> raw value. Returns the set of rules broken."""
    out = set()
    base = None
    if "date" in has:
        d = when(r.get("date"), None)
        if d not in (None, BAD):
            base = d[0].date()
    t = {}
    for k in ("recv", "disp", "acc", "done", "ret"):
        if k in has:
            t[k] = when(r.get(k), base)
            if k == "recv" and base is None and t[k] not in (None, BAD):
                base = t[k][0].date()
    for k in ("disp", "acc", "done", "ret"):  # times alone need the receipt's date
        if k in has and t[k] == BAD and base and not empty(r.get(k)):
            t[k] = when(r.get(k), base)
    for k, v in t.items():
        if v == BAD:
            out.add("bad-value")
    fee = money(r.get("fee")) if "fee" in has else None
    paid = paid_of(r.get("paid")) if "paid" in has else None
    if BAD in (fee, paid):
        out.add("bad-value")
    for k in ("fee_mat", "fee_lab"):
        if k in has and money(r.get(k)) == BAD:
            out.add("bad-value")
    # missing-field
    for k in ("no", "content", "name", "phone", "paid"):
        if k in has and empty(r.get(k)):
            out.add("missing-field")
    if "loc" in has and empty(r.get("loc")):
        out.add("missing-field")
    for k in ("bldg", "unit", "room"):
        if k in has and empty(r.get(k)):
            out.add("missing-field")
    g = lambda k: t.get(k)  # noqa: E731
    returned = g("ret") is not None or ("ret_by" in has and not empty(r.get("ret_by")))
    completed = g("done") is not None
    accepted = g("acc") is not None or ("acc_by" in has and not empty(r.get("acc_by"))) or completed or returned
    dispatched = g("disp") is not None or accepted
    # missing-time
    if "recv" in has and g("recv") is None:
        out.add("missing-time")
    if "disp" in has and dispatched and g("disp") is None:
        out.add("missing-time")
    if "acc" in has and accepted and g("acc") is None:
        out.add("missing-time")
    if "ret" in has and returned and g("ret") is None:
        out.add("missing-time")
    # missing-signature
    if returned:
        for k in ("rep", "cust_sig", "ret_by"):
            if k in has and empty(r.get(k)):
                out.add("missing-signature")
    if "acc_by" in has and g("acc") not in (None, BAD) and empty(r.get("acc_by")):
        out.add("missing-signature")
    # missing-fee
    if paid is True and (completed or returned) and "fee" in has and fee is None:
        out.add("missing-fee")
    # missing-reason
    reason = any(not empty(r.get(k)) for k in ("reason", "delay", "incomplete") if k in has)
    start = g("disp") if g("disp") not in (None, BAD) else g("recv")
    if start not in (None, BAD) and not reason:
        if completed and g("done") != BAD and g("done")[0] - start[1] > DELAY:
            out.add("missing-reason")
        if not completed and not returned and AS_OF - start[1] > DELAY:
            out.add("missing-reason")
    if returned and not completed and not reason and "done" in has:
        out.add("missing-reason")
    # not-completed
    if returned and not completed and "done" in has:
        out.add("not-completed")
    # slow-handoff
    if g("acc") not in (None, BAD) and start not in (None, BAD) and g("acc")[0] - start[1] > HANDOFF:
        out.add("slow-handoff")
    # time-order
    seq = [g(k) for k in ("recv", "disp", "acc", "done", "ret") if g(k) not in (None, BAD)]
    if any(before(seq[i], seq[j]) for i in range(len(seq)) for j in range(i + 1, len(seq))):
        out.add("time-order")
    if any(x[0] > AS_OF for x in seq):
        out.add("time-order")
    # proxy-signature
    rep = r.get("rep")
    if not empty(rep) and any(not empty(r.get(k)) and str(r.get(k)).strip() == str(rep).strip()
                              for k in ("ret_by", "cust_sig") if k in has):
        out.add("proxy-signature")
    if "content" in has and not empty(r.get("content")) and len(str(r["content"]).strip()) < MIN_CONTENT:
        out.add("content-too-brief")
    if "phone" in has and not empty(r.get("phone")) and not phone_ok(r["phone"]):
        out.add("bad-phone")
    if "fin" in has and paid is True and completed and g("done") != BAD and g("done")[1] < AS_OF - FINANCE \
            and empty(r.get("fin")):
        out.add("finance-unreceipted")
    return out


def complaint_rules(r, has):
    out = set()
    base = None
    if "date" in has:
        d = when(r.get("date"), None)
        if d not in (None, BAD):
            base = d[0].date()
            p = r.get("period")
            if p == "上午":
                recv = (d[0], d[0] + dt.timedelta(hours=12) - dt.timedelta(seconds=1))
            elif p == "下午":
                recv = (d[0] + dt.timedelta(hours=12), d[1])
            else:
                recv = d
        else:
            recv = d
    else:
        recv = when(r.get("recv"), None)
    t = {"recv": recv}
    for k in ("reply", "visit", "close", "promise"):
        if k in has:
            t[k] = when(r.get(k), base)
    if BAD in t.values():
        out.add("bad-value")
    people = r.get("people")
    if not empty(people) and not isinstance(people, (int, float)):
        out.add("bad-value")
    for k in ("no", "name", "phone", "content", "owner"):
        if k in has and empty(r.get(k)):
            out.add("missing-field")
    if recv is None:
        out.add("missing-field")
    g = lambda k: t.get(k) if t.get(k) != BAD else None  # noqa: E731
    res = "" if empty(r.get("visit_res")) else str(r["visit_res"])
    visited = g("visit") is not None or bool(res)
    answered = g("reply") is not None or g("close") is not None or (visited and not re.search("联系不上|无人接听", res))
    closed = g("close") is not None
    if "promise" in has and not answered and g("promise") is None:
        out.add("missing-reply-deadline")
    if g("promise") and not answered and AS_OF > g("promise")[1]:
        out.add("reply-overdue")
    if g("promise") and g("reply") and g("reply")[0] > g("promise")[1]:
        out.add("reply-late")
    satisfied = bool(res) and "不满意" not in res and "满意" in res
    if not closed:
        if isinstance(people, (int, float)) and people >= MAJOR_PEOPLE:
            out.add("major-complaint")
        if recv not in (None, BAD) and AS_OF - recv[1] >= MAJOR_DAYS and not satisfied:
            out.add("major-complaint")
        if not empty(r.get("content")) and names_media(str(r["content"])):
            out.add("major-complaint")
    if closed and "不满意" in res:
        out.add("closed-unsatisfied")
    if closed and not visited:
        out.add("missing-visit")
    seq = [g(k) for k in ("recv", "reply", "visit", "close") if g(k)]
    if any(before(seq[i], seq[j]) for i in range(len(seq)) for j in range(i + 1, len(seq))):
        out.add("time-order")
    if any(x[0] > AS_OF for x in seq):
        out.add("time-order")
    if g("promise") and recv not in (None, BAD) and before(recv, g("promise")):
        out.add("time-order")
    if "phone" in has and not empty(r.get("phone")) and not phone_ok(r["phone"]):
        out.add("bad-phone")
    if "cat" in has and not empty(r.get("cat")) and str(r["cat"]).strip() not in CATEGORIES:
        out.add("bad-category")
    return out


def split_no(s):
    m = re.fullmatch(r"(.*?)(\d+)", str(s).strip())
    return (m[1], int(m[2])) if m else (str(s), None)


def check(out_dir):
    answers = json.load(open(os.path.join(out_dir, "answers.json"), encoding="utf-8"))
    problems = []
    n_rows = n_def = 0
    for reg in answers["registers"]:
        path = os.path.join(out_dir, reg["file"])
        if not os.path.exists(path):
            problems.append(f"{reg['file']}: missing")
            continue
        book = read_book(path)
        broken = defaultdict(set)           # (sheet, row) -> rules
        numbers = defaultdict(list)         # (kind, prefix) -> [(n, sheet, row)]
        records = {}
        for sh in reg["sheets"]:
            cells = book.get(sh["name"])
            if cells is None:
                problems.append(f"{reg['file']}: sheet {sh['name']} missing")
                continue
            cols = {k: letter for letter, _, k in sh["columns"]}
            for letter, head, _ in sh["columns"]:
                got = cells.get((sh["header_rows"][0], letter))
                if str(got).strip() != head:
                    problems.append(f"{reg['file']} {sh['name']}: header {letter} is {got!r}, key says {head!r}")
            for row in sh["record_rows"]:
                r = {k: cells.get((row, letter)) for k, letter in cols.items()}
                records[(sh["name"], row)] = (r, sh["columns"])
                n_rows += 1
                fn = work_order_rules if sh["kind"] == "work_orders" else complaint_rules
                broken[(sh["name"], row)] |= fn(r, set(cols))
                if not empty(r.get("no")):
                    pre, n = split_no(r["no"])
                    numbers[(sh["kind"], pre)].append((n, str(r["no"]).strip(), sh["name"], row, sh))
        # numbers: duplicates per kind, gaps in pre-numbered work-order books (across the sheets)
        for (kind, pre), lst in numbers.items():
            seen = {}
            for n, raw, sheet, row, sh in sorted(lst, key=lambda x: (x[2] != lst[0][2], x[3])):
                pass
            order = [(sh_i, x) for sh_i, x in enumerate(lst)]
            seen = {}
            for _, (n, raw, sheet, row, sh) in order:
                if raw in seen:
                    broken[(sheet, row)].add("duplicate-number")
                seen.setdefault(raw, (sheet, row))
            if kind != "work_orders" or "numbering" in lst[0][4]:
                continue
            uniq = sorted({n: (sheet, row) for n, raw, sheet, row, _ in reversed(lst)}.items())
            for (a, _), (b, where) in zip(uniq, uniq[1:]):
                if 1 < b - a <= GAP_MAX + 1:
                    broken[where].add("number-gap")
        planted = defaultdict(set)
        for d in reg["defects"]:
            n_def += 1
            key = (d["sheet"], d["row"])
            planted[key].add(d["rule_id"])
            if key not in records:
                problems.append(f"{reg['file']} {key}: planted row is not a record row of the key")
                continue
            r, columns = records[key]
            for head, want in d.get("cells", {}).items():
                k = [k for _, h, k in columns if h == head][0]
                got = canon(r.get(k))
                if got != want:
                    problems.append(f"{reg['file']} {key}: {head} reads {got!r}, key says {want!r}")
            if d["rule_id"] is not None and d["rule_id"] not in broken[key]:
                problems.append(f"{reg['file']} {key}: planted {d['rule_id']} is not broken ({d['why']})")
        for key, rules in sorted(broken.items()):
            extra = rules - planted.get(key, set())
            if None in planted.get(key, set()):
                extra = set()
            if extra:
                problems.append(f"{reg['file']} {key}: breaks {sorted(extra)}, not in the key")
        trap_rows = {(t["sheet"], t["row"]) for t in reg["traps"]}
        for key in trap_rows & set(planted):
            problems.append(f"{reg['file']} {key}: both a trap and a planted row")
        for t in reg["traps"]:
            if not t.get("structural") and (t["sheet"], t["row"]) not in records:
                problems.append(f"{reg['file']} {t['sheet']} row {t['row']}: trap is not a record row")
    for p in problems:
        print("FAIL", p)
    print(f"{len(answers['registers'])} registers, {n_rows} records, {n_def} planted defects: "
          + ("key OK" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(check(sys.argv[1]))
