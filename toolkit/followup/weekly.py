"""`toolkit weekly` as a library call: registers in, a WeeklyReport out; the week's counts
go into the store's history. No printing, no exit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.findings import Finding
from toolkit.followup.history import HistoryRow, RegisterPaths, load_week, load_weeks, save_week, site_of
from toolkit.followup.repeats import repeat_rates, repeat_repairs
from toolkit.followup.sections import Sections, build_sections
from toolkit.followup.stats import WeekStats, split_person_key, week_stats
from toolkit.model.people import person_name
from toolkit.followup.week import Week
from toolkit.registers.records import Register
from toolkit.model.settings import Settings

TREND_WEEKS = 8


@dataclass(slots=True)
class WeeklyReport:
    as_of: datetime
    week: Week
    sections: Sections
    stats: WeekStats
    settings: Settings
    history: list[HistoryRow] = field(default_factory=list)  # stored weeks before this one, oldest first
    unusable: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of files not read
    history_kept: str | None = None  # the as-of of the stored run of this week that this earlier one did not replace
    site: str = ""  # whose history: the registers named, absolute paths one a line
    store: str | None = None  # where the history is kept (a preview makes no store: where it would be)
    store_exists: bool = False  # the history was read from that store
    recorded: bool = False  # this week's counts went into the store (a preview records nothing)
    repeats: list = field(default_factory=list)  # RepeatRepair: the week's repeat repairs (返修)
    repeat_rates: dict = field(default_factory=dict)  # repairer → Rate: repeats of the repairs completed within repeat_days
    repeat_days: int = 30
    known_people: frozenset = frozenset()  # the names under [people], as person_name() reads them
    # the weekly job shows who must fix what and the repeat repairs (a sheet, a text part); a report
    # built by a library caller keeps the layout it had
    responsibility: bool = False
    findings: list = field(default_factory=list, repr=False)  # the week's findings (each person's own list)

    @property
    def history_saved(self) -> bool:
        return self.recorded and self.history_kept is None

    @property
    def unknown_people(self) -> list[str]:
        """Names the week's findings hold that [people] does not list (none when it lists nobody):
        never matched onto a listed name, only shown."""
        if not self.known_people:
            return []
        named = {split_person_key(k)[0] for k in self.stats.findings_by_person}
        return sorted(n for n in named if n is not None and n not in self.known_people)

    @property
    def last_week(self) -> WeekStats | None:
        label = self.week.shift(-1).label
        return next((row.stats for row in self.history if row.week == label), None)

    def trend(self, weeks: int = TREND_WEEKS) -> list[tuple[str, WeekStats | None]]:
        """The last ``weeks`` weeks up to this one; None for a week no run stored."""
        stored = {row.week: row.stats for row in self.history}
        labels = [self.week.shift(-n).label for n in range(weeks - 1, 0, -1)]
        return [(label, stored.get(label)) for label in labels] + [(self.week.label, self.stats)]


def build_weekly(registers: list[Register], findings: list[Finding], as_of: datetime, week: Week,
                 settings: Settings, history: list[HistoryRow] = (), repeat_days: int = 30) -> WeeklyReport:
    """Pure: the sections and statistics of ``week`` as of ``as_of``."""
    from toolkit.rules.catalog import all_rules

    order = {}
    for rule in all_rules():
        order.setdefault(rule.id, len(order))
    sections = build_sections(registers, findings, as_of, week, settings, order)
    stats = week_stats(registers, findings, sections, as_of, week, settings)
    report = WeeklyReport(as_of, week, sections, stats, settings, list(history), repeat_days=repeat_days)
    report.repeats = repeat_repairs(registers, as_of, week, repeat_days)
    report.repeat_rates = repeat_rates(registers, report.repeats, as_of, repeat_days)
    stats.repeat_repairs = len(report.repeats)
    return report


def run_weekly(paths: list[str | Path], as_of: datetime, week: Week, config, lang: str, store=None, *,
               record: bool = True) -> WeeklyReport:
    """Read and check the registers, build the week's lists and statistics, and (``record``) store
    the week's counts under the site the paths name; the earlier weeks are that site's."""
    from toolkit.validate import check, read_registers

    read = read_registers(paths, as_of, config, lang)
    findings = check(read.registers, config, as_of, lang)
    typed = RegisterPaths.of(f.path for f in read.files)
    site = site_of(paths)
    history = load_weeks(store, week, TREND_WEEKS - 1, typed, site) if store is not None else []
    days = ((getattr(config, "raw", None) or {}).get("weekly") or {}).get("repeat_days", 30)
    weekly = build_weekly(read.registers, findings, as_of, week, config.settings, history, days)
    weekly.responsibility = True
    weekly.findings = findings
    weekly.known_people = frozenset(filter(None, map(person_name, ((getattr(config, "raw", None) or {}).get("people") or {}))))
    weekly.unusable = [(f.path, f.error or next(s.error for s in f.sheets if s.error)) for f in read.unusable_files]
    weekly.site = site
    if store is not None:
        weekly.store, weekly.store_exists = str(store.path), True
    if store is not None and record:
        weekly.recorded = True
        if not save_week(store, weekly.stats, as_of, typed, site):
            kept = load_week(store, week, site)
            weekly.history_kept = kept.as_of if kept is not None else None
    return weekly
