"""`toolkit remind`: read the complaint registers, plan the reminders, send them (a preview
unless ``send``) and keep the ledger of what was sent."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from toolkit.mail.run import RemindResult


def remind(paths, as_of: datetime, config, lang: str, *, send: bool = False, outbox: Path | None = None,
           force_now: bool = False) -> RemindResult:
    from toolkit.mail.calendar_notice import notice_messages
    from toolkit.mail.outgoing import deliver
    from toolkit.mail.reminders import escalate_refused, plan_reminders
    from toolkit.mail.robots import remind_robots, robot_settings
    from toolkit.mail.settings import mail_settings
    from toolkit.outputs.calendar_text import day_off_text
    from toolkit.registers.fields import COMPLAINTS
    from toolkit.store import Store, store_path
    from toolkit.validate import read_registers
    from toolkit.workcalendar import WorkCalendar

    from toolkit.commands.paths import refuse_owner_files_alone

    refuse_owner_files_alone(paths)
    settings = mail_settings(config)
    robots = robot_settings(config)
    read = read_registers(paths, as_of, config, lang, kinds=(COMPLAINTS,))
    path = store_path(config)
    # a preview reads the ledger if there is one, but never creates one, nor its lock file
    store = Store(path) if send else Store(path, read_only=True) if path.is_file() else None
    try:
        with (store.run_lock() if send else contextlib.nullcontext()):
            plan = plan_reminders(read.registers, as_of, settings, config.settings, store, lang)
            result = RemindResult(as_of, plan, send=send,
                                  file_errors=[f"{f.path}: {f.error}" for f in read.files if f.error],
                                  complaints=sum(len(r.records) for r in read.registers),
                                  configured=config.path is not None)
            calendar = WorkCalendar(settings.calendar)
            really_send = send and (force_now or calendar.in_working_time(as_of))
            if send and not really_send:
                result.outside_hours = calendar.next_window(as_of)
                result.day_off = day_off_text(calendar, as_of, lang)
            result.calendar = calendar.status(as_of, result.outside_hours)
            result.delivery = deliver(plan.messages, settings, store, send=really_send, outbox=outbox)
            refused = list(dict.fromkeys(r.address for r in result.delivery.refused if r.permanent))
            if refused:  # their items go to escalate_to, as those of a person with no address
                extra = escalate_refused(plan, refused, settings, store, lang)
                if extra and result.delivery.stop_error is None:
                    result.delivery.merge(deliver(extra, settings, store, send=True))
            if result.delivery.stop_error is None and not result.delivery.uncertain:  # the server still answers
                notices = notice_messages(result.calendar, settings, store, lang, config.path)
                result.notices = deliver(notices, settings, store, send=really_send, outbox=outbox)
            # the group robots: after the mail, whatever became of it (one channel never stops another)
            result.robots = remind_robots(plan, robots, settings.reminders.escalate_to, store, send=really_send,
                                          outbox=outbox, lang=lang)
            return result
    finally:
        if store:
            store.close()
