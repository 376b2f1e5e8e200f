"""The weekly report as JSON (the contract):

    {"as_of", "week": {"label", "start", "end"},
     "sections": {"unfinished": [{"record", "path", "sheet", "row", "cell", …}], "overdue": […],
                  "finance_handover": […], "return_visits": […], "findings": […]},
     "stats": {"this_week": {…}, "last_week": {…} | null, "history": [{…}, …]},
     "unusable_files": [{"path", "error"}], "history_saved": bool,
     "calendar": {"2027": {"source", "confirmed"}}}  (render_job: each year of the working calendar in use)

Codes (kind, why, category) stay in English whatever the language; rates carry their
count and denominator, and "rate": null when nothing could be judged.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal

from toolkit.findings import Finding
from toolkit.followup.weekly import WeeklyReport


def _value(v):
    if isinstance(v, datetime):
        return v.isoformat(timespec="minutes")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, tuple):
        return [_value(x) for x in v]
    return v


def item(obj) -> dict:
    if isinstance(obj, Finding):
        return obj.as_dict()
    src = obj.source
    out = {"record": obj.record, "path": src.path, "sheet": src.sheet, "row": src.row, "cell": src.cell}
    for f in fields(obj):
        if f.name not in ("record", "source"):
            out[f.name] = _value(getattr(obj, f.name))
    return out


def as_dict(report: WeeklyReport) -> dict:
    s = report.sections
    last = report.last_week
    return {
        "as_of": report.as_of.isoformat(timespec="minutes"),
        "week": {"label": report.week.label, "start": report.week.start.isoformat(timespec="minutes"),
                 "end": report.week.end.isoformat(timespec="minutes")},
        "sections": {
            "unfinished": [item(x) for x in s.unfinished],
            "overdue": [item(x) for x in s.overdue],
            "finance_handover": [item(x) for x in s.finance_handover],
            "return_visits": [item(x) for x in s.return_visits],
            "findings": [item(x) for x in s.findings],
        },
        "stats": {
            "this_week": report.stats.as_dict(),
            "last_week": last.as_dict() if last is not None else None,
            "history": [row.stats.as_dict() for row in report.history],
            "settings": {"delay_hours": report.settings.delay_hours,
                         "handoff_minutes": report.settings.handoff_minutes},
        },
        # the files left out of the lists and counts (exit 2), each with the one-line reason
        "unusable_files": [{"path": path, "error": why} for path, why in report.unusable],
        # false for a preview (no --out, no --send: nothing stored), and when the store holds this
        # week from a later as-of time, kept instead of this run's counts
        "history_saved": report.history_saved,
    }


def render(report: WeeklyReport) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_job(job) -> str:
    """The report, plus what happened to each digest when --email was given."""
    from toolkit.outputs.calendar_text import notice_json
    from toolkit.outputs.weekly_text import mail_status
    from toolkit.workcalendar import status_json

    data = as_dict(job.report)
    # each year in use: {"2027": {"source": "holidays", "confirmed": false}}
    data["calendar"] = status_json(job.calendar)
    if job.email:
        data["email"] = [{"to": to, "status": status, "subject": subject, **({"reply": reply} if reply else {})}
                         for to, status, subject, reply in mail_status(job)]
        errors = [d.error.render("en") for d in (job.delivery, job.notices) if d is not None and d.error is not None]
        data["email_error"] = errors[0] if errors else None
        # --send on a day off: the next working day, when the scheduled run sends the digest
        data["send_waits_until"] = job.waits_until.isoformat() if job.waits_until else None
        data["calendar_notice"] = notice_json(job.notices)
        if job.robots is not None:  # the group robots' posts (issue #22): robot, platform, status, error
            data["robots"] = job.robots.as_json()
    if job.workbook is not None:
        data["workbook"] = str(job.workbook)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
