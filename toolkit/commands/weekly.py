"""`toolkit weekly`: the week's lists and statistics, the history in the store, the workbook,
and the digest email (a preview unless ``send``)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from toolkit.errors import UsageError
from toolkit.followup.job import WeeklyJob
from toolkit.followup.week import Week
from toolkit.i18n import t


def weekly(paths, as_of: datetime, week: Week, config, lang: str, *, out: Path | None = None,
           email: bool = False, send: bool = False, outbox: Path | None = None, now: bool = False) -> WeeklyJob:
    from toolkit.parallel import gc_paused

    # The lists and the workbook make an object per row over the registers' records and findings
    # (millions of objects, none of them cycles): each full collection would walk them all again.
    with gc_paused():
        return _weekly(paths, as_of, week, config, lang, out=out, email=email, send=send, outbox=outbox, now=now)


def _weekly(paths, as_of: datetime, week: Week, config, lang: str, *, out: Path | None, email: bool, send: bool,
            outbox: Path | None, now: bool) -> WeeklyJob:
    from toolkit.mail.weekly_settings import weekly_settings
    from toolkit.followup.weekly import run_weekly
    from toolkit.registers.discover import refuse_overwriting
    from toolkit.store import Store, store_path
    from toolkit.workcalendar import WorkCalendar, calendar_settings

    from toolkit.commands.paths import refuse_owner_files_alone

    refuse_owner_files_alone(paths)
    refuse_overwriting(out, paths)
    if week.start > as_of:
        raise UsageError("weekly.future_week", week=week.label, as_of=f"{as_of:%Y-%m-%d %H:%M}")
    email = email or send
    recipients = weekly_settings(config)  # a typo in [weekly] is an error even without --email
    calendar = WorkCalendar(calendar_settings(config))
    # on a day off the digest waits for the run on the next working day (the ledger keeps it once a week)
    hold = send and not now and not calendar.is_working_day(as_of.date())
    if email:  # check the mail settings before the registers are read
        from toolkit.mail.settings import mail_settings

        from toolkit.mail.robots import WEEKLY_OFF, robot_settings

        smtp = mail_settings(config)
        robots = robot_settings(config)
        if not recipients.recipients and all(r.weekly == WEEKLY_OFF for r in robots.robots.values()):
            raise UsageError("weekly.no_recipients")
        mail_lang = recipients.lang or lang

    # Only a run that keeps something (the workbook, the sent digest) records the week and opens
    # or makes the store; a preview reads an existing store's history and writes nothing.
    record = out is not None or send
    path = store_path(config)
    store = Store(path) if record else Store(path, read_only=True) if path.is_file() else None
    try:
        report = run_weekly(paths, as_of, week, config, lang, store, record=record)
        report.store = str(path)
        job = WeeklyJob(report, lang, email=email, send=send, calendar=calendar.status(as_of))
        if hold:
            from toolkit.outputs.calendar_text import day_off_text

            job.waits_until = calendar.next_working_day(as_of.date())
            job.day_off = day_off_text(calendar, as_of, lang)
        if out is not None:
            from toolkit.outputs.weekly_workbook import write_workbook

            job.workbook = write_workbook(report, out, lang)
        if not email:
            return job

        from toolkit.mail.outgoing import deliver
        from toolkit.mail.digest import digest_messages

        from toolkit.outputs.recipients import ENGINEERING, FINANCE, FULL, PARTS
        from toolkit.outputs.weekly_workbook import write_workbook

        scratch = Path(tempfile.mkdtemp(prefix="toolkit-weekly-"))
        try:
            # Each audience gets a workbook of its own part, its rows linking to the registers by
            # absolute path: the --out workbook's relative links point nowhere from a mail.
            name = out.name if out is not None and mail_lang == lang else t("weekly.attachment_name", mail_lang,
                                                                             week=week.label)
            wanted = {FULL: recipients.to, FINANCE: [a for a in recipients.finance if a not in recipients.to],
                      ENGINEERING: [a for a in recipients.engineering if a not in recipients.to]}
            attachments = {}
            for audience, addresses in wanted.items():
                if addresses:
                    (scratch / audience).mkdir()
                    attachments[audience] = write_workbook(report, scratch / audience / name, mail_lang,
                                                           part=PARTS[audience], absolute_links=True)
            job.messages = digest_messages(report, recipients.to, recipients.finance, mail_lang, attachments,
                                           recipients.engineering)
            if ((config.raw or {}).get("weekly") or {}).get("people_lists"):
                from toolkit.mail.person_lists import people_of, person_messages

                job.messages += person_messages(report, report.findings, people_of(config), mail_lang)
            with store.run_lock() if send else contextlib.nullcontext():  # a preview leaves no lock file
                job.delivery = deliver(job.messages, smtp, store, send=send and not hold, outbox=outbox)
                from toolkit.mail.robots import weekly_robots

                # the group robots: whatever became of the mail (one channel never stops another)
                job.robots = weekly_robots(report, robots, store, send=send and not hold, outbox=outbox,
                                           lang=mail_lang)
                if not job.delivery.error:
                    from toolkit.mail.calendar_notice import notice_messages

                    notices = notice_messages(job.calendar, smtp, store, mail_lang, config.path)
                    job.notices = deliver(notices, smtp, store, send=send and not hold, outbox=outbox)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return job
    finally:
        if store is not None:
            store.close()
