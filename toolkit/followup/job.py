"""What a `toolkit weekly` run did: the report, the workbook written, the digest and its delivery
(the run itself is toolkit.commands.weekly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from toolkit.errors import EXIT_INPUT, EXIT_OK, EXIT_SEND
from toolkit.followup.weekly import WeeklyReport


@dataclass
class WeeklyJob:
    report: WeeklyReport
    lang: str
    workbook: Path | None = None
    email: bool = False
    send: bool = False
    messages: list = field(default_factory=list)
    delivery: object | None = None  # toolkit.mail.outgoing.DeliveryResult
    calendar: list = field(default_factory=list)  # toolkit.workcalendar.Arrangement of each year in use
    waits_until: date | None = None  # --send on a day off: the next working day, when a run will send
    day_off: str | None = None  # "2027-01-01 is a day off (…)" when the digest waits
    notices: object | None = None  # the calendar notice to escalate_to (a year not confirmed)
    robots: object | None = None  # toolkit.mail.robots.RobotDelivery: the digest to the group robots

    def exit_code(self) -> int:
        if any(d is not None and d.error is not None for d in (self.delivery, self.notices, self.robots)):
            return EXIT_SEND
        if self.report.unusable or (self.delivery is not None and self.delivery.invalid):
            return EXIT_INPUT
        return EXIT_OK
