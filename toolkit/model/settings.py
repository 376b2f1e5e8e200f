"""Thresholds the rules, the follow-up lists and the reminders use: defaults here, overridden in
toolkit.toml ([validate], [complaints])."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds the rules use; defaults here, overridden in toolkit.toml."""

    delay_hours: float = 24
    handoff_minutes: float = 5
    min_content_chars: int = 4
    finance_days: float = 7
    number_gap_max: int = 20
    # whether a gap in the numbers is a lost form: "auto" (in registers of pre-printed forms, not
    # in a software's numbers: the reader tells them apart), "always" or "never"
    number_gaps: str = "auto"
    major_people: int = 10
    major_open_days: float = 30
    # the thresholds as spans of time, made once rather than once per record
    delay: timedelta = field(init=False, repr=False, compare=False)
    handoff: timedelta = field(init=False, repr=False, compare=False)
    finance: timedelta = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "delay", timedelta(hours=self.delay_hours))
        object.__setattr__(self, "handoff", timedelta(minutes=self.handoff_minutes))
        object.__setattr__(self, "finance", timedelta(days=self.finance_days))
