"""The command line: parse options, call a command (toolkit.commands), print. No rules and no I/O logic here.

Heavy libraries are imported inside the commands that need them, so `toolkit --help`
starts fast.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from toolkit import __version__
from toolkit.errors import EXIT_INPUT, EXIT_INTERNAL, ToolkitError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},  # the commands inherit it
    help="Check repair work-order and complaint registers kept in Excel; follow up by email.\n\n"
         "检查 Excel 维修工作单和投诉登记表，生成跟进清单和提醒邮件。",
)


class Format(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class By(str, Enum):
    person = "person"  # the text report grouped by who must fix each finding


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[Optional[Lang], typer.Option("--lang", metavar="LANG", help="Language of messages: zh or en (default: config, then locale).")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", "-c", metavar="FILE", help="toolkit.toml to use (default: ./toolkit.toml if present).")]
LogOption = Annotated[Optional[Path], typer.Option("--log", metavar="FILE", help="Also append this run's output to FILE (UTF-8), after a line with the time and the command: for Task Scheduler and cron.")]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", metavar="WHEN", help='Check as of this time, written as in the registers: "2026-11-25 09:00", 2026/11/25, 2026.11.25, 11/25, "2026年11月25日 9:00" (a date alone means 23:59 that day). Default: now.')]


class _Command(typer.core.TyperCommand):
    """A command whose usage line names its arguments plainly (PATH..., KIND FILE), as its
    argument list does: Typer writes {paths}... and {kind}:<work-orders|complaints>."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.make_metavar(ctx)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


def _example(*lines: str) -> str:
    """A command's example, after its options in --help; kept as written (\\b: no rewrapping)."""
    return "\b\n" + "\n".join(lines)


def parse_as_of(value: str | None) -> datetime:
    """--as-of in the forms a register's cells are read in (the cells' own parser): a date and
    time, or a date alone (23:59 that day); a year left out is the one nearest today."""
    if not value:
        return datetime.now().replace(second=0, microsecond=0)
    import re
    from datetime import date, time

    from toolkit.registers.values import parse_datetime

    text = value.strip()
    # a bare number is an Excel serial to a cell's reader, never what a person means by a day
    moment = None if re.fullmatch(r"\d{1,7}(?:\.\d*)?", text) else parse_datetime(text, date.today())
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None)
    if isinstance(moment, date):
        return datetime.combine(moment, time(23, 59))
    raise UsageError("usage.as_of_forms", value=value)


def _start_log(log: Path | None) -> None:
    if log is not None:
        from toolkit.runlog import start_log

        start_log(log)


def _version(value: bool):
    if value:
        typer.echo(f"toolkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
):
    """Check repair work-order and complaint registers kept in Excel."""


def _setup(config_path, lang_option):
    from toolkit.config import load_config
    from toolkit.i18n import resolve_lang
    from toolkit.rules.catalog import rule_ids

    config = load_config(config_path, known_rules=rule_ids)
    return config, resolve_lang(lang_option.value if lang_option else None, config.lang)


@app.command(cls=_Command, epilog=_example(
    "Example: check the registers in a folder as of 25 November 2026, and mark each cell found in a copy",
    "  toolkit validate 登记表/ --as-of 2026/11/25 --annotate 标注/"))
def validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Register files or folders (folders are searched recursively).")],
    as_of: AsOfOption = None,
    config_path: ConfigOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", help="text (default), json or csv.")] = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file instead of the terminal.")] = None,
    lang: LangOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also show every sheet, its column mapping and skipped sheets.")] = False,
    annotate: Annotated[Optional[Path], typer.Option("--annotate", metavar="DIR", help="Also write DIR/<name>.checked.xlsx for each file with findings: cells filled and noted, a findings sheet first.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Files read at once, each in its own process (default: the number of cores).")] = None,
    by: Annotated[Optional[By], typer.Option("--by", metavar="person", help="person: the text report grouped by who must fix each finding (person and role; the JSON and CSV always name them).")] = None,
):
    """Check registers against the work-order and complaint rules; one line per finding.

    Exit codes: 0 no errors, 1 errors found, 2 a file or option could not be used (an Excel
    ~$ owner file named alone too).
    """
    from toolkit.commands.validate import validate as run_validate

    from toolkit.outputs.progress import Progress
    from toolkit.registers.discover import refuse_overwriting

    config, lang_code = _setup(config_path, lang)
    refuse_overwriting(output, paths)
    progress = Progress("validate", enabled=fmt != Format.json)
    try:
        report = run_validate(paths, parse_as_of(as_of), config, lang_code, jobs=jobs, progress=progress)
    finally:
        progress.close()
    if fmt == Format.json:
        from toolkit.outputs.json_report import write
        _emit_stream(lambda fh: write(report, fh), output, lang_code)
    else:
        if fmt == Format.csv:
            from toolkit.outputs.csv_report import render
            text = render(report)
        elif by == By.person:
            from toolkit.outputs.by_person import render
            text = render(report)
        else:
            from toolkit.outputs.text import render, use_colour
            text = render(report, colour=output is None and use_colour(sys.stdout), verbose=verbose)
        _emit(text, output, lang_code, encoding="utf-8")
    code = report.exit_code()
    if annotate is not None:
        from toolkit.commands.validate import annotate as write_copies
        from toolkit.outputs.annotate import render_lines

        copies = write_copies(report, annotate)
        typer.echo(render_lines(copies, lang_code), nl=False, err=fmt != Format.text or output is not None)
        code = EXIT_INPUT if any(c.error for c in copies) else code
    raise typer.Exit(code)


def _emit_stream(write, output: Path | None, lang: str) -> None:
    """Stream a large report to stdout, or atomically to a file."""
    if output is None:
        write(sys.stdout)
        sys.stdout.flush()
        return
    from toolkit.fileio import atomic_open
    from toolkit.i18n import t

    with atomic_open(output, "w", encoding="utf-8", newline="") as fh:
        write(fh)
    typer.echo(t("output.written", lang, path=output), err=True)


def _emit(text: str, output: Path | None, lang: str, encoding: str = "utf-8") -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from toolkit.fileio import atomic_open
    from toolkit.i18n import t

    with atomic_open(output, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
    typer.echo(t("output.written", lang, path=output), err=True)


class RulesFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command(cls=_Command, epilog=_example(
    "Example: the rules in force with your config's switches and thresholds, in English",
    "  toolkit rules --config toolkit.toml --lang en"))
def rules(
    lang: LangOption = None,
    fmt: Annotated[RulesFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text (default), markdown (the table of docs/reference.md) or json.")] = RulesFormat.text,
    config_path: ConfigOption = None,
):
    """List the rule catalog: ID, severity, what it checks, the seed rule it comes from."""
    from toolkit.outputs.rules_doc import render

    config, lang_code = _setup(config_path, lang)
    sys.stdout.write(render(lang_code, fmt.value, config))


@app.command(cls=_Command, epilog=_example(
    "Example: write toolkit.toml here, each setting explained in Chinese",
    "  toolkit init --lang zh"))
def init(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the config (default: toolkit.toml).")] = Path("toolkit.toml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOption = None,
):
    """Write toolkit.toml with every setting: its default, or an example commented out, each explained in --lang."""
    from toolkit.config import init_text
    from toolkit.fileio import atomic_open
    from toolkit.i18n import resolve_lang, t

    lang_code = resolve_lang(lang.value if lang else None)
    if path.exists() and not force:
        raise UsageError("init.exists", file=str(path))
    with atomic_open(path, "w", encoding="utf-8") as fh:
        fh.write(init_text(lang_code))
    typer.echo(t("init.written", lang_code, path=path))


@app.command(cls=_Command, epilog=_example(
    "Example: see which reminders would go out, then send them (--send)",
    "  toolkit remind 登记表/ --config toolkit.toml",
    "  toolkit remind 登记表/ --config toolkit.toml --send"))
def remind(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Complaint registers (files or folders).")],
    as_of: AsOfOption = None,
    config_path: ConfigOption = None,
    send: Annotated[bool, typer.Option("--send", help="Really send (default: preview only).")] = False,
    outbox: Annotated[Optional[Path], typer.Option("--outbox", metavar="DIR", help="Also write each message as an .eml file in this folder.")] = None,
    now: Annotated[bool, typer.Option("--now", help="Send even outside working hours and working days.")] = False,
    lang: LangOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", metavar="FORMAT", help="text (default) or json.")] = Format.text,
    log: LogOption = None,
):
    """Email reply-time reminders for complaints: due soon, overdue (escalated), major, no reply time.

    Preview unless --send; a preview writes nothing. Each item is sent once: the ledger remembers
    (in the store: where `ledger` in the config says, else beside the config).
    Exit codes: 0 done, 2 a file or setting could not be used (an Excel ~$ owner file named
    alone too), 3 sending failed, by mail or to a group robot (items stay pending).
    """
    from toolkit.commands.remind import remind as run_remind
    from toolkit.mail.run import render_json, render_text

    _start_log(log)
    config, lang_code = _setup(config_path, lang)
    result = run_remind(paths, parse_as_of(as_of), config, lang_code, send=send, outbox=outbox, force_now=now)
    _mail_warnings(result.delivery, lang_code)
    from toolkit.outputs.safe import visible

    sys.stdout.write(render_json(result) if fmt == Format.json else visible(render_text(result, lang_code)))
    _say_calendar(result.calendar, lang_code)
    raise typer.Exit(result.exit_code())


def _say_calendar(arrangements, lang: str) -> None:
    """A year in use with no confirmed arrangement, on stderr: what a scheduled run's log keeps."""
    from toolkit.outputs.calendar_text import unconfirmed_lines

    sys.stdout.flush()
    for line in unconfirmed_lines(arrangements, lang):
        typer.echo(f"toolkit: {line}", err=True)


def _mail_warnings(delivery, lang: str) -> None:
    """What sending did that the user should know of, on stderr (a password sent unencrypted)."""
    from toolkit.i18n import t

    for key, params in (delivery.warnings if delivery is not None else ()):
        typer.echo(f"toolkit: {t(key, lang, **params)}", err=True)


@app.command(cls=_Command, epilog=_example(
    "Example: the lines for a daily reminder run and a weekly digest over one folder",
    "  toolkit schedule 登记表/ --config toolkit.toml"))
def schedule(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH...", help="The registers the scheduled runs should read.")] = None,
    config_path: ConfigOption = None,
    weekly_out: Annotated[str, typer.Option("--weekly-out", metavar="FILE", help="Where the weekly job writes its workbook (relative to this folder).")] = "weekly.xlsx",
    force: Annotated[bool, typer.Option("--force", help="Replace toolkit-remind.cmd / toolkit-weekly.cmd even if toolkit did not write them.")] = False,
    lang: LangOption = None,
):
    """Print ready lines for this machine's scheduler: Task Scheduler on Windows, cron elsewhere.

    Every path is absolute and each run appends to a log beside the config. A Windows command
    over the 261 characters schtasks accepts is written to toolkit-remind.cmd / toolkit-weekly.cmd
    beside the config, and the task runs that. Warns about paths that do not exist.
    """
    from toolkit.i18n import resolve_lang, t
    from toolkit.mail.schedule import plan_schedule, write_cmd_files

    lang_code = resolve_lang(lang.value if lang else None)
    plan = plan_schedule([str(p) for p in (paths or [])], str(config_path) if config_path else None,
                         weekly_out, lang_code)
    written = write_cmd_files(plan.cmd_files, force=force)
    for warning in plan.warnings:
        typer.echo(f"toolkit: {warning}", err=True)
    for path in written:
        typer.echo(t("output.written", lang_code, path=path), err=True)
    typer.echo("\n".join(plan.lines))


class PasswordAction(str, Enum):
    set = "set"
    check = "check"
    delete = "delete"


@app.command(cls=_Command, epilog=_example(
    "Example: keep the password of [smtp] user in Windows Credential Manager (it asks for it)",
    "  toolkit password set --config toolkit.toml"))
def password(
    action: Annotated[PasswordAction, typer.Argument(metavar="ACTION", help="set, check or delete.")],
    user: Annotated[Optional[str], typer.Option("--user", "-u", metavar="USER", help="The SMTP user (default: user in [smtp] of the config).")] = None,
    config_path: ConfigOption = None,
    lang: LangOption = None,
):
    """Store, check or delete the SMTP password in the system keyring (Windows Credential Manager).

    set prompts for it without echo (or reads one line from standard input when that is not a
    terminal); check says whether one is stored, never what it is. Exit codes: 0 done (check:
    one is stored), 1 check: none is stored, 2 no SMTP user, or no usable keyring.
    """
    from toolkit.i18n import t
    from toolkit.mail.password import delete_password, password_stored, smtp_user, store_password
    from toolkit.mail.settings import PASSWORD_ENV

    config, lang_code = _setup(config_path, lang)
    name = smtp_user(config, user)
    if action == PasswordAction.set:
        if sys.stdin is not None and sys.stdin.isatty():
            secret = typer.prompt(t("password.prompt", lang_code, user=name), hide_input=True,
                                  confirmation_prompt=t("password.confirm", lang_code))
        else:
            secret = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
        backend = store_password(name, secret)
        typer.echo(t("password.stored", lang_code, user=name, backend=backend))
        return
    if action == PasswordAction.check:
        stored, backend = password_stored(name)
        typer.echo(t("password.present" if stored else "password.absent", lang_code, user=name, backend=backend))
        if os.environ.get(PASSWORD_ENV):
            typer.echo(t("password.env_set", lang_code))
        raise typer.Exit(0 if stored else 1)
    deleted, backend = delete_password(name)
    typer.echo(t("password.deleted" if deleted else "password.nothing_to_delete", lang_code, user=name,
                 backend=backend))


@app.command("robot-key")
def robot_key(
    action: Annotated[PasswordAction, typer.Argument(help="set, check or delete.")],
    name: Annotated[str, typer.Argument(help="The robot: NAME of a [robots.NAME] table.")],
    secret_option: Annotated[bool, typer.Option("--secret", help="DingTalk's signing secret (SEC…) instead of the webhook key.")] = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
):
    """Store, check or delete a group robot's webhook key (or DingTalk signing secret) in the system keyring.

    The key is the key= (WeCom) or access_token= (DingTalk) of the webhook address; the config
    holds the address without it. TOOLKIT_ROBOT_KEY_NAME / TOOLKIT_ROBOT_SECRET_NAME in the
    environment are used first. Exit codes: 0 done (check: one is stored), 1 check: none is
    stored, 2 no such robot, or no usable keyring.
    """
    from toolkit.errors import UsageError
    from toolkit.i18n import t
    from toolkit.mail.password import delete_password, password_stored, store_password
    from toolkit.mail.robots import KEY_ENV, KEY_SERVICE, SECRET_ENV, SECRET_SERVICE, _env_name, robot_settings

    config, lang_code = _setup(config_path, lang)
    robot = robot_settings(config).robots.get(name)
    if robot is None:
        raise UsageError("robot_key.unknown", robot=name)
    service, env = (SECRET_SERVICE, _env_name(SECRET_ENV, robot)) if secret_option else (KEY_SERVICE, _env_name(KEY_ENV, robot))
    what = t("robot_key.what.secret" if secret_option else "robot_key.what.key", lang_code)
    if action == PasswordAction.set:
        if sys.stdin is not None and sys.stdin.isatty():
            value = typer.prompt(t("robot_key.prompt", lang_code, robot=name, what=what), hide_input=True,
                                 confirmation_prompt=t("password.confirm", lang_code))
        else:
            value = sys.stdin.readline().strip() if sys.stdin is not None else ""
        backend = store_password(name, value, service=service)
        typer.echo(t("robot_key.stored", lang_code, robot=name, what=what, backend=backend))
        return
    if action == PasswordAction.check:
        stored, backend = password_stored(name, service=service)
        typer.echo(t("robot_key.present" if stored else "robot_key.absent", lang_code, robot=name, what=what,
                     backend=backend))
        if os.environ.get(env):
            typer.echo(t("robot_key.env_set", lang_code, env=env))
        raise typer.Exit(0 if stored else 1)
    deleted, backend = delete_password(name, service=service)
    typer.echo(t("robot_key.deleted" if deleted else "robot_key.nothing_to_delete", lang_code, robot=name,
                 what=what, backend=backend))


class TemplateKind(str, Enum):
    work_orders = "work-orders"
    complaints = "complaints"


@app.command(cls=_Command, epilog=_example(
    "Example: a complaint register for the whole of 2027, one sheet a month",
    "  toolkit template complaints 投诉登记表-2027.xlsx --site 阳光花园物业服务中心 --months 2027-01..2027-12"))
def template(
    kind: Annotated[TemplateKind, typer.Argument(metavar="KIND", help="work-orders or complaints.")],
    output: Annotated[Path, typer.Argument(metavar="FILE", help="The .xlsx file to write.")],
    months: Annotated[Optional[str], typer.Option("--months", metavar="MONTHS", help='One sheet per month: "2026-11", "2026-01..2026-12" or "2026-01,2026-03" (default: this month).')] = None,
    site: Annotated[Optional[str], typer.Option("--site", metavar="NAME", help='Service centre named in the title, e.g. "阳光花园物业服务中心".')] = None,
    title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The whole title before the month (replaces site + register name).")] = None,
    rows: Annotated[int, typer.Option("--rows", min=1, max=100_000, metavar="N", help="Rows pre-formatted on each month sheet.")] = 500,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
):
    """Write an empty register for clerks: Chinese headers, drop-downs, rule prompts, red/amber highlights."""
    from datetime import date

    from toolkit.i18n import t
    from toolkit.outputs.template import build_template, parse_months

    config, lang_code = _setup(config_path, lang)
    summary = build_template(output, kind.value.replace("-", "_"), parse_months(months, date.today()),
                             site=site, title=title, rows=rows, config=config, force=force)
    sheets = summary.sheets[0] if len(summary.sheets) == 1 else f"{summary.sheets[0]} … {summary.sheets[-1]}"
    typer.echo(t("template.written", lang_code, path=summary.path, kind=t(f"kind.{summary.kind}", lang_code),
                 count=len(summary.sheets), sheets=sheets, rows=summary.rows))


class WeeklyFormat(str, Enum):
    text = "text"
    json = "json"


@app.command(cls=_Command, epilog=_example(
    "Example: last week's lists and statistics as a workbook (and the week kept for next week's comparison)",
    "  toolkit weekly 登记表/ --week last --out 周报.xlsx"))
def weekly(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Work-order and complaint registers (files or folders).")],
    as_of: AsOfOption = None,
    week: Annotated[Optional[str], typer.Option("--week", metavar="WEEK", help='ISO week such as "2026-W47", or "last" (default: the week containing --as-of).')] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Write the workbook (.xlsx): a summary with charts, one sheet per list.")] = None,
    fmt: Annotated[WeeklyFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text (default) or json.")] = WeeklyFormat.text,
    email: Annotated[bool, typer.Option("--email", help="Email the digest to [weekly] to and finance (a preview unless --send).")] = False,
    send: Annotated[bool, typer.Option("--send", help="Really send the digest (once per week per recipient).")] = False,
    outbox: Annotated[Optional[Path], typer.Option("--outbox", metavar="DIR", help="Also write each digest as an .eml file in this folder.")] = None,
    now: Annotated[bool, typer.Option("--now", help="Send even on a day off (else --send waits for the next working day).")] = False,
    config_path: ConfigOption = None,
    lang: LangOption = None,
    log: LogOption = None,
):
    """Weekly follow-up: unfinished and overdue orders, finance hand-over, return visits, findings, statistics.

    A run with --out or --send keeps the week's counts for trends and "compared with last week",
    per set of registers named (a site), in the store: where `ledger` in the config says, else
    beside the config, else in your data folder. Without them it is a preview: it writes nothing.
    Exit codes: 0 done, 2 a file or setting could not be used (an Excel ~$ owner file named
    alone too), 3 the digest could not be sent, by mail or to a group robot.
    """
    from toolkit.commands.weekly import weekly as weekly_job
    from toolkit.followup.week import parse_week
    from toolkit.i18n import t

    _start_log(log)
    config, lang_code = _setup(config_path, lang)
    moment = parse_as_of(as_of)
    job = weekly_job(paths, moment, parse_week(week, moment), config, lang_code, out=out, email=email, send=send,
                     outbox=outbox, now=now)
    _mail_warnings(job.delivery, lang_code)
    from toolkit.parallel import gc_paused

    with gc_paused():  # as in the command: a line per row, over millions of objects
        if fmt == WeeklyFormat.json:
            from toolkit.outputs.weekly_json import render_job
            sys.stdout.write(render_job(job))
        else:
            from toolkit.outputs.weekly_text import render, render_mail
            from toolkit.outputs.safe import visible

            sys.stdout.write(visible(render(job.report, lang_code) + ("\n" + render_mail(job, lang_code) if job.email else "")))
            if job.robots is not None:  # the group robots (issue #22)
                from toolkit.mail.robots import robot_lines

                sys.stdout.write(visible("".join(line + "\n" for line in robot_lines(job.robots, lang_code))))
    if job.workbook is not None:
        typer.echo(t("output.written", lang_code, path=job.workbook), err=True)
    _say_calendar(job.calendar, lang_code)
    raise typer.Exit(job.exit_code())


@app.command(cls=_Command, epilog=_example(
    "Example: the days off and make-up working days of 2027 the reminders will keep to",
    "  toolkit calendar 2027"))
def calendar(
    year: Annotated[Optional[int], typer.Argument(min=1900, max=2999, metavar="YEAR", help="The year to show (default: this year, and the next one from 1 November).")] = None,
    as_of: AsOfOption = None,
    config_path: ConfigOption = None,
    fmt: Annotated[WeeklyFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text (default) or json.")] = WeeklyFormat.text,
    lang: LangOption = None,
):
    """Show the working calendar in use: days off and make-up working days, and where each comes from.

    Sources, the first that knows the year: [calendar.YYYY] in the config, chinesecalendar,
    the holidays package (estimated), Monday–Friday. Reminders and the weekly job keep to it.
    """
    from toolkit.outputs.calendar_text import render_json, render_text
    from toolkit.workcalendar import WorkCalendar, calendar_settings, current_years

    config, lang_code = _setup(config_path, lang)
    work_calendar = WorkCalendar(calendar_settings(config))
    years = [year] if year else current_years(parse_as_of(as_of))
    sys.stdout.write(render_json(work_calendar, years, lang_code) if fmt == WeeklyFormat.json
                     else render_text(work_calendar, years, lang_code))


def prepare_streams() -> None:
    """Output that never fails on a character. A file or a pipe gets UTF-8 whatever the locale
    (Windows would write its ANSI code page, cp936, which has no BOM, ›, ✓ and many names);
    a console keeps its own encoding and shows what it cannot as "?". No stream at all
    (pythonw under Task Scheduler) writes to nowhere instead of failing."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            continue
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (OSError, ValueError):  # a closed stream: nothing will be written there
            pass


def main() -> None:
    """Entry point: every failure the user can act on is one line and an exit code."""
    prepare_streams()
    try:
        _main()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except ValueError:  # closed: nothing was to be written there
                pass
            except OSError:  # a closed pipe (| head): nothing more to say, nor a complaint at exit
                _to_devnull(stream)


def _to_devnull(stream) -> None:
    """Send what is left in ``stream`` nowhere: the interpreter flushes it again on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _main() -> None:
    debug = os.environ.get("TOOLKIT_DEBUG") == "1"
    try:
        _run_app()
    except ToolkitError as exc:
        print(f"toolkit: {exc.render(_run_lang(sys.argv))}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        from toolkit.i18n import t

        print(f"toolkit: {t('interrupted', _run_lang(sys.argv))}", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException as exc:  # the last line of defence, a panic of the engine (a BaseException) too:
        if debug:  # no traceback unless asked for, and never exit 1 ("errors found")
            raise
        from toolkit.i18n import t

        lang = _run_lang(sys.argv)
        print(f"toolkit: {t('internal_error', lang, error=f'{type(exc).__name__}: {exc}'[:500], version=__version__)}",
              file=sys.stderr)
        sys.exit(EXIT_INTERNAL)


def _lang_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# ---- the run's language before the options are parsed, and usage errors said in it ---------------
# typer's parser (its own copy of click) writes its usage errors in English text, with no gettext to
# hook; so the app runs outside click's standalone mode and its usage errors are said here, from
# what each error carries (the option, the parameter, the value), in the language the run will use.

def _run_app() -> None:
    """Run the app as click's standalone mode does, its usage errors said in the run's language."""
    from typer import Abort
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer._click.exceptions import UsageError as ParserUsageError

    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:  # `toolkit` alone: the help, as it is
        exc.show()
        sys.exit(exc.exit_code)
    except ParserUsageError as exc:
        print(usage_error_text(exc, _run_lang(sys.argv)), file=sys.stderr)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Abort:
        from toolkit.i18n import t

        print(t("usage.aborted", _run_lang(sys.argv)), file=sys.stderr)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _run_lang(argv: list[str]) -> str:
    """The language of this run as its options will say it: --lang, else lang in the config, else
    the system's. Worked out without the parser, so that an option the parser refuses, or a config
    whose other settings are wrong, is still complained of in it. Never fails."""
    from toolkit.i18n import LANGS, resolve_lang

    option = _lang_from_argv(argv)
    return resolve_lang(option if option in LANGS else None, _configured_lang(argv))


def _configured_lang(argv: list[str]) -> str | None:
    """``lang`` in the config this run reads (--config, else ./toolkit.toml), read on its own."""
    import tomllib

    from toolkit.config import find_config
    from toolkit.i18n import LANGS

    try:
        path = find_config(_option_from_argv(argv, "--config", "-c"))
        if path is None:
            return None
        lang = tomllib.loads(path.read_text(encoding="utf-8-sig")).get("lang")
    except (ToolkitError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return lang if lang in LANGS else None


def _option_from_argv(argv: list[str], *names: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg in names and i + 1 < len(argv):
            return argv[i + 1]
        for name in names:
            if name.startswith("--") and arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return None


def usage_error_text(exc, lang: str) -> str:
    """What click's standalone mode prints for a usage error (the usage line, where to find help,
    the error), in ``lang``."""
    from toolkit.i18n import t

    lines = []
    ctx = exc.ctx
    if ctx is not None:
        _, _, usage = ctx.get_usage().partition(":")  # "Usage: toolkit validate [OPTIONS] PATH..."
        lines.append(t("usage.line", lang, usage=usage.strip()))
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(t("usage.try_help", lang, command=ctx.command_path, option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(t("usage.error", lang, message=_usage_message(exc, lang)))
    return "\n".join(lines)


def _usage_message(exc, lang: str) -> str:
    from typer._click import exceptions as parser_errors

    from toolkit.i18n import join, t

    if isinstance(exc, parser_errors.NoSuchOption):
        text = t("usage.no_such_option", lang, option=exc.option_name)
        if exc.possibilities:
            text += t("usage.possible_options", lang, options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, parser_errors.MissingParameter):
        param_type = exc.param_type or (exc.param.param_type_name if exc.param is not None else None)
        text = t("usage.missing_option" if param_type == "option" else "usage.missing_argument", lang,
                 name=_param_hint(exc))
        choices = getattr(getattr(exc.param, "type", None), "choices", None)
        if choices:
            text += t("usage.choose_from", lang, choices=join(map(_choice_text, choices), lang, "enumeration"))
        return text
    if isinstance(exc, parser_errors.BadParameter):
        detail = _usage_detail(exc.message, lang)
        hint = _param_hint(exc)
        return t("usage.invalid_value", lang, name=hint, detail=detail) if hint else t("usage.invalid", lang, detail=detail)
    return _usage_detail(exc.message, lang)


def _param_hint(exc) -> str:
    hint = exc.param_hint if exc.param_hint is not None else (
        exc.param.get_error_hint(exc.ctx) if exc.param is not None else "")
    return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)


def _choice_text(choice) -> str:
    return str(getattr(choice, "value", choice))


def _usage_detail(message: str, lang: str) -> str:
    """The parser's English detail of a usage error, in ``lang`` where it is one the parser writes;
    any other text (a message of the toolkit's own) as it is."""
    from toolkit.i18n import t

    for pattern, key in _USAGE_DETAILS:
        m = pattern.match(message)
        if m:
            params = m.groupdict()
            if "kind" in params:
                params["kind"] = t(f"usage.kind.{params['kind']}", lang)
            if key == "usage.extra_arguments":
                return t(key, lang, count=len(params["args"].split()), **params)
            return t(key, lang, **params)
    return message


def _usage_patterns():
    import re

    return [(re.compile(pattern), key) for pattern, key in (
        (r"^(?P<value>'.*') is not one of (?P<choices>.+)\.$", "usage.not_a_choice"),
        (r"^(?P<value>.+) is not in the range (?P<range>.+)\.$", "usage.out_of_range"),
        (r"^(?P<value>'.*') is not a valid (?P<kind>integer|int|float)(?: range)?\.$", "usage.not_a_number"),
        (r"^Option (?P<option>'.*') requires an argument\.$", "usage.needs_value"),
        (r"^Option (?P<option>'.*') does not take a value\.$", "usage.takes_no_value"),
        (r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", "usage.extra_arguments"),
        (r"^No such command (?P<name>'.*')\.$", "usage.no_such_command"),
        (r"^Missing command\.$", "usage.missing_command"),
    )]


_USAGE_DETAILS = _usage_patterns()
