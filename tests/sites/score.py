#!/usr/bin/env python3
"""Score a reader's findings on the tests/sites registers against answers.json.

    toolkit validate OUT_DIR --as-of "2026-11-25 09:00" --format json --output report.json
    python tests/sites/score.py report.json [answers.json] [--markdown] [--strict]

A planted defect is *found* when a finding has the same file (by name), sheet, row and rule; a
defect whose rule_id is null (a DOMAIN.md rule the README gives no ID) is found by a finding of any
rule on its row; `alt_rows` are other rows the same defect may be reported on (the row before a
number gap, the first use of a duplicated number).

recall          = planted defects found / planted
false findings  = findings on rows where nothing is planted (title, header and footer rows and
                  trap rows included); `on traps` counts those that fall on listed trap rows
other-rule      = findings on a planted row whose rule is not the planted one (reported apart:
                  often a second symptom of the same mistake, sometimes a real miss in the key)

--strict exits 1 unless every defect is found and there is no false finding.
"""
from __future__ import annotations

import json
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def score(report: dict, answers: dict):
    by_file = defaultdict(list)
    for f in report.get("findings", []):
        by_file[os.path.basename(f.get("path", ""))].append(f)
    file_info = {os.path.basename(f.get("path", "")): f for f in report.get("files", [])}
    rows = []
    for reg in answers["registers"]:
        name = reg["file"]
        findings = by_file.get(name, [])
        info = file_info.get(name)
        planted_rows = set()
        for d in reg["defects"]:
            planted_rows.add((d["sheet"], d["row"]))
            for r in d.get("alt_rows", []):
                planted_rows.add((d["sheet"], r))
        trap_rows = {(t["sheet"], t["row"]) for t in reg["traps"]}
        found, missed = [], []
        for d in reg["defects"]:
            where = {d["row"], *d.get("alt_rows", [])}
            ok = any(f.get("sheet") == d["sheet"] and f.get("row") in where
                     and (d["rule_id"] is None or f.get("rule") == d["rule_id"]) for f in findings)
            (found if ok else missed).append(d)
        planted_rules = defaultdict(set)
        for d in reg["defects"]:
            for r in {d["row"], *d.get("alt_rows", [])}:
                planted_rules[(d["sheet"], r)].add(d["rule_id"])
        false, on_traps, other_rule = [], [], []
        for f in findings:
            key = (f.get("sheet"), f.get("row"))
            if key in planted_rows:
                rules = planted_rules[key]
                if None not in rules and f.get("rule") not in rules:
                    other_rule.append(f)
                continue
            false.append(f)
            if key in trap_rows:
                on_traps.append(f)
        status = "read"
        if info is None:
            status = "not in report"
        elif info.get("error"):
            status = "not read: " + str(info["error"])[:60]
        rows.append({
            "file": name, "layout": reg["layout"], "status": status,
            "planted": len(reg["defects"]), "found": len(found),
            "recall": len(found) / len(reg["defects"]) if reg["defects"] else 1.0,
            "false": len(false), "on_traps": len(on_traps), "other_rule": len(other_rule),
            "missed": [{"sheet": d["sheet"], "row": d["row"], "rule_id": d["rule_id"]} for d in missed],
            "false_findings": [{"sheet": f.get("sheet"), "row": f.get("row"), "rule": f.get("rule"),
                                "message": f.get("message")} for f in false],
        })
    return rows


def table(rows, markdown=False):
    out = []
    if markdown:
        out.append("| register | layout | planted | found | recall | false findings (on traps) | other-rule |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        if markdown:
            out.append(f"| `{r['file']}` | {r['layout']} | {r['planted']} | {r['found']} | "
                       f"{r['recall']:.0%} | {r['false']} ({r['on_traps']}) | {r['other_rule']} |")
        else:
            short = r["file"].split("-")[0] + " " + r["layout"]
            out.append(f"{short:<28} {r['found']:>2}/{r['planted']:<2} recall {r['recall']:>4.0%}  "
                       f"false {r['false']:>2} (traps {r['on_traps']})  other-rule {r['other_rule']}"
                       + ("" if r["status"] == "read" else f"  [{r['status']}]"))
    planted = sum(r["planted"] for r in rows)
    found = sum(r["found"] for r in rows)
    false = sum(r["false"] for r in rows)
    total = (f"total: {found}/{planted} planted defects found ({found / planted:.0%}), "
             f"{false} false findings, {sum(r['other_rule'] for r in rows)} other-rule findings on planted rows")
    out.append(("\n" if markdown else "") + total)
    return "\n".join(out)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    report = json.load(open(args[0], encoding="utf-8"))
    answers = json.load(open(args[1] if len(args) > 1 else os.path.join(HERE, "answers.json"),
                             encoding="utf-8"))
    rows = score(report, answers)
    print(table(rows, markdown="--markdown" in argv))
    if "--verbose" in argv:
        for r in rows:
            for m in r["missed"]:
                print(f"missed  {r['file']}  {m['sheet']} row {m['row']}: {m['rule_id']}")
            for f in r["false_findings"]:
                print(f"false   {r['file']}  {f['sheet']} row {f['row']}: {f['rule']}  {f['message']}")
    if "--strict" in argv:
        return 0 if all(r["found"] == r["planted"] and r["false"] == 0 for r in rows) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
