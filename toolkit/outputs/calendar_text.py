"""The working calendar in words: the warnings of remind and weekly, and `toolkit calendar`."""

from __future__ import annotations

import json
import unicodedata

from toolkit.i18n import pick, t, weekday_name
from toolkit.workcalendar import WEEKDAYS, WEEKENDS, Arrangement, Day, WorkCalendar, toml_table


def describe_source(arrangement: Arrangement, lang: str) -> str:
    key = arrangement.source
    if key == WEEKDAYS and arrangement.confirmed:
        key = "weekdays_chosen"
    return t(f"calendar.source.{key}", lang, year=arrangement.year)


def unconfirmed_lines(arrangements, lang: str) -> list[str]:
    """One line per year in use whose official arrangement is not known."""
    return [t("calendar.unconfirmed", lang, year=a.year, source=describe_source(a, lang))
            for a in arrangements if not a.confirmed]


def day_name(day: Day, lang: str) -> str:
    if day.source == WEEKENDS:
        return t("calendar.weekend", lang)
    return pick((day.name_zh, day.name_en), lang) or day.name_zh or day.name_en


def day_off_text(calendar: WorkCalendar, moment, lang: str) -> str | None:
    """"2027-01-01 is a day off (New Year's Day, holidays-estimated)", or None on a working day."""
    day = calendar.day(moment.date() if hasattr(moment, "date") else moment)
    if day.working:
        return None
    why = day_name(day, lang)
    if day.source != WEEKENDS:
        why = t("calendar.why", lang, name=why, source=source_label(day.source, lang)) if why else \
            source_label(day.source, lang)
    return t("calendar.day_off", lang, day=day.day.isoformat(), why=why)


def source_label(source: str, lang: str) -> str:
    return t(f"calendar.from.{source}", lang)


def notice_lines(notices, lang: str) -> list[str]:
    """What happened to the calendar notice (a DeliveryResult, remind and weekly alike)."""
    if notices is None:
        return []
    lines = [t("calendar.notice.sent", lang, year=m.keys[0].record, to=m.to[0]) for m in notices.sent]
    key = "calendar.notice.pending" if notices.error else "calendar.notice.preview"
    lines += [t(key, lang, year=m.keys[0].record, to=m.to[0]) for m in notices.pending]
    return lines


def notice_json(notices) -> list[dict]:
    if notices is None:
        return []
    return ([{"to": m.to[0], "year": int(m.keys[0].record), "sent": True} for m in notices.sent]
            + [{"to": m.to[0], "year": int(m.keys[0].record), "sent": False} for m in notices.pending])


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(day: Day, lang: str, width: int) -> str:
    name = day_name(day, lang)
    name += " " * (width - _width(name))
    return f"    {day.day.isoformat()}  {weekday_name(day.day, lang)}  {name} {source_label(day.source, lang)}"


def render_text(calendar: WorkCalendar, years: list[int], lang: str) -> str:
    if calendar.off:
        return t("calendar.off", lang) + "\n"
    start, end = calendar.settings.work_hours
    blocks = []
    for year in years:
        a = calendar.arrangement(year)
        days = calendar.year_days(year)
        off = [d for d in days if not d.working and d.source != WEEKENDS]
        work = [d for d in days if d.working]
        weekends = sum(1 for d in days if d.source == WEEKENDS)
        lines = [t("calendar.title", lang, year=year, source=describe_source(a, lang)) + " — "
                 + t("calendar.confirmed" if a.confirmed else "calendar.not_confirmed", lang)]
        width = max((_width(day_name(d, lang)) for d in off + work), default=0) + 2
        lines.append("  " + t("calendar.days_off", lang, n=len(off)) + ("" if off else " " + t("calendar.none", lang)))
        lines += [_line(d, lang, width) for d in off]
        lines.append("  " + t("calendar.workdays", lang, n=len(work)) + ("" if work else " " + t("calendar.none", lang)))
        lines += [_line(d, lang, width) for d in work]
        lines.append("  " + t("calendar.weekends", lang, n=weekends))
        if not a.confirmed:
            lines.append("  " + t("calendar.draft", lang))
            lines += ["    " + x for x in toml_table(a).splitlines()]
        blocks.append("\n".join(lines))
    blocks.append(t("calendar.hours", lang, start=f"{start:%H:%M}", end=f"{end:%H:%M}"))
    return "\n\n".join(blocks) + "\n"


def render_json(calendar: WorkCalendar, years: list[int], lang: str) -> str:
    start, end = calendar.settings.work_hours
    data: dict = {"mode": calendar.settings.mode, "work_hours": [f"{start:%H:%M}", f"{end:%H:%M}"], "years": {}}
    if not calendar.off:
        for year in years:
            a = calendar.arrangement(year)
            days = calendar.year_days(year)

            def entry(d: Day) -> dict:
                return {"date": d.day.isoformat(), "name": day_name(d, lang) or None, "source": d.source}

            data["years"][str(year)] = {
                "source": a.source, "confirmed": a.confirmed,
                "days_off": [entry(d) for d in days if not d.working],
                "workdays": [entry(d) for d in days if d.working],
            }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

