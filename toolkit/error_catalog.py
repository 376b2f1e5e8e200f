"""Every error the toolkit says, as data (after frictionless-py's errors/): a stable code, a
title, the i18n key of its zh+en message template, and what it means and what to do. The
README's Troubleshooting tables are generated from ``ERRORS`` (docs/update_readme.py), and
tests/test_docs.py fails when an error the code raises is missing here.

Apart from toolkit.errors so that the exception classes load without the catalogue: every
command imports them, `toolkit --help` included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ErrorKind:
    """One kind of error. ``code`` never changes once released: scripts and bug reports quote it."""

    code: str
    key: str  # the i18n key of its zh+en message template (toolkit/i18n.py)
    title: str
    description: str  # what it means and what to do, in the README's words
    group: str  # input, config, usage, output, mail, internal: a heading of the Troubleshooting table


# What each group means for the run: the headings of the README's Troubleshooting table.
GROUPS = {
    "input": ("Input files", "one line naming the file (and the sheet where it applies), in the output and in the "
              "JSON `files[].error`; the other files are still checked, and the run exits 2. Nothing is ever "
              "written to an input."),
    "config": ("Settings (toolkit.toml)", "one line naming the file and the setting; exit 2, nothing is done."),
    "usage": ("Options, the keyring and the weekly job", "one line; exit 2, nothing is done."),
    "output": ("Outputs", "one line naming the output; exit 2. An input is never replaced."),
    "mail": ("Mail", "what the mail server did; exit 3, and what did not go stays pending for the next run "
             "(see [Reliability](#reliability))."),
    "internal": ("Internal errors", "a bug in the toolkit; exit 4."),
}

_K = ErrorKind
ERRORS: tuple[ErrorKind, ...] = (
    # ---- input files (InputError, exit 2) ----
    _K("not-found", "err.not_found", "File not found", "the path is wrong, or a shortcut points nowhere; check the path", "input"),
    _K("is-folder", "err.is_folder", "A folder, not a file", "name the folder itself without a file name, or the file inside it", "input"),
    _K("permission-denied", "err.permission", "Permission denied", "the account running the toolkit cannot read it; fix the share's permissions", "input"),
    _K("os-error", "err.os", "Cannot be read", "the system refused to read it, for the reason given; check the path and the share", "input"),
    _K("empty-file", "err.empty", "Empty file", "an interrupted copy or save; take the file again from where the clerk saved it", "input"),
    _K("not-regular-file", "err.not_regular", "Not a regular file", "something with a workbook's name that is not a file (a link to `/dev/zero`, a pipe): it is never opened; a link to a real file is read as the file", "input"),
    _K("too-large", "err.too_large", "File too large", "no register comes near it (300,000 rows are about 20 MB); it is not read, so it cannot exhaust the machine's memory", "input"),
    _K("bad-zip", "err.bad_zip", "Damaged package", "a truncated download or copy; open the original in Excel and save it again", "input"),
    _K("zip-not-workbook", "err.zip_not_workbook", "A zip archive", "a .zip renamed to .xlsx; unpack it and check the registers inside", "input"),
    _K("zip-bomb", "err.zip_bomb", "Package too large unpacked", "a zip bomb, or a file far larger than any register; it is not opened", "input"),
    _K("html-file", "err.html", "A web page", "a web page or an export saved with an .xls name; open it in Excel and save as .xlsx", "input"),
    _K("text-file", "err.csv", "A text file", "CSV or plain text renamed to a spreadsheet name", "input"),
    _K("damaged-xls", "err.damaged_xls", "Damaged .xls", "a broken .xls; let Excel repair it (File → Open → Open and Repair), save as .xlsx", "input"),
    _K("damaged-part", "err.damaged_part", "Damaged package part", "a corrupted .xlsx; let Excel repair it and save a copy", "input"),
    _K("damaged-package", "err.damaged_package", "Damaged package", "a corrupted .xlsx (a flipped bit, a broken zip directory); let Excel repair it (File → Open → Open and Repair) and save a copy. The other files of the folder are checked as usual", "input"),
    _K("too-many-cells", "err.too_many_cells", "Too many cells", "the file declares billions of cells (damaged or hostile); it is not read", "input"),
    _K("cell-past-limits", "err.cell_past_limits", "Cell past Excel's limits", "a cell beyond row 1,048,576 or column XFD: no Excel writes that; the file is damaged or was made to harm the reader. That sheet is not read (the engine would ask for hundreds of GB and abort); the others are", "input"),
    _K("dimension-past-limits", "err.dimension_past_limits", "Sheet size past Excel's limits", "the sheet's declared size is beyond row 1,048,576 or column XFD: the file is damaged. That sheet is not read; the others are", "input"),
    _K("sheet-span", "err.sheet_span", "Sheet spans too many cells", "a value far from the others (a stray entry in XFD1 or row 1,000,000): the engine lays out every cell between the first and the last, 32 bytes each. Ctrl+End in Excel goes to the last cell; delete what is stray and save. That sheet is not read; the others are", "input"),
    _K("unknown-format", "err.unknown_format", "Not a workbook", "random bytes or another format with a spreadsheet name", "input"),
    _K("encrypted", "err.encrypted", "Encrypted workbook", "the toolkit never asks for passwords; check a copy without one", "input"),
    _K("old-container", "err.old_container", "Old-format container", "an .xls renamed .xlsx, or an encrypted file; open in Excel, save as .xlsx without a password", "input"),
    _K("et-unknown", "err.et_unknown", "Not a WPS workbook", "a file with WPS's `.et` name that is no workbook WPS writes (text, a web page, random bytes); open it in WPS Spreadsheets and save as .xlsx", "input"),
    _K("et-unreadable", "err.et_unreadable", "Unreadable WPS file", "an old-format `.et` the engine cannot read (damaged, or a WPS-only variant); open it in WPS Spreadsheets and save as .xlsx", "input"),
    _K("unreadable", "err.unreadable", "Unreadable workbook", "the engine could not read it, for the reason given; re-save it from Excel", "input"),
    _K("sheet-unreadable", "err.sheet_unreadable", "Unreadable sheet", "one sheet is broken; the others were checked", "input"),
    _K("engine-panic-row", "err.engine_panic_row", "A value the engine fails on", "a number far outside any date (`-1e15`, `-inf`) stored in a date-formatted cell makes the engine give up on the sheet; correct the cell (the row is named) and check again. The other sheets and files were checked", "input"),
    _K("engine-panic", "err.engine_panic", "A value the engine fails on", "as above, where the engine does not say the row", "input"),
    _K("no-register-sheets", "err.no_register_sheets", "No register found", "no sheet has the header of a work-order or complaint register; the parenthesis says what the sheets are (instructions, empty, chart sheets). If it *is* a register, run with `--verbose` and map its headers in `[columns]`", "input"),
    _K("no-register", "err.no_register", "No register found", "as above, when the sheets cannot be described", "input"),
    _K("timeout", "err.timeout", "Reading took too long", "a worker spent over 300 s on one file (folder runs); the file is probably hostile or damaged", "input"),
    _K("crashed", "err.crashed", "Reading failed", "reading it raised an error the toolkit did not expect (the detail says which); the others were checked", "input"),
    _K("worker-oom", "err.worker_oom", "Reader out of memory", "the worker reading it was killed, most likely by the system for using too much memory (each worker may use 6 GB); the others were checked", "input"),
    _K("worker-killed", "err.worker_killed", "Reader killed", "the worker reading it died (SIGABRT: the engine could not allocate what the file asked for; SIGSEGV: a crash in the engine); the file is damaged or hostile, the others were checked", "input"),
    _K("worker-exited", "err.worker_exited", "Reader exited", "the worker reading it stopped on its own; the others were checked", "input"),
    _K("duplicate", "err.duplicate", "Same file twice", "the same register was given twice (or copied under another name)", "input"),
    _K("no-workbooks", "err.no_workbooks", "Folder without workbooks", "a folder named on the command line holds no workbook at any depth (Excel's `~$` owner files and the toolkit's own outputs do not count): check the path", "input"),
    _K("weekly-workbook", "err.weekly_workbook", "A weekly workbook", "the file is a `toolkit weekly --out` workbook (renamed or not); name the registers, or their folder, where it is skipped", "input"),
    # ---- toolkit.toml (ConfigError, exit 2) ----
    _K("config-not-found", "config.not_found", "Config file not found", "`--config` names a file that is not there; check the path", "config"),
    _K("config-not-toml", "config.not_toml", "Config not valid TOML", "a quote, bracket or `=` is missing where the detail says; `toolkit init` writes a valid file to compare with", "config"),
    _K("config-unreadable", "config.unreadable", "Config cannot be read", "the file cannot be opened or is not UTF-8 text; save it as UTF-8", "config"),
    _K("unknown-setting", "config.unknown_setting", "Unknown setting", "a typo, or a setting in the wrong section: the known ones are listed (and in [Configuration](#configuration-toolkit-init)); a typo never silently does nothing", "config"),
    _K("store-section", "config.store_removed", "No [store] section", "nothing ever read `[store]`; delete it, and set `ledger = \"…\"` at the top if the store should live elsewhere", "config"),
    _K("not-a-table", "config.not_table", "Section is not a table", "write the section as `[name]` with its settings on the lines below", "config"),
    _K("entry-not-a-table", "config.entry_not_table", "Entry is not a table", "a rule, a person or a year takes a table of its own, as shown", "config"),
    _K("calendar-not-a-table", "config.calendar_not_table", "[calendar] is not a table", "write one table per year, as shown", "config"),
    _K("calendar-year", "config.calendar_year", "Not a year", "the part after `calendar.` is a year of four digits", "config"),
    _K("required-setting", "config.required", "Setting missing", "the table needs that setting; see [Configuration](#configuration-toolkit-init)", "config"),
    _K("not-true-or-false", "config.bool", "Not true or false", "write `true` or `false`, without quotes", "config"),
    _K("not-a-number", "config.number", "Not a number ≥ 0", "write a number without quotes or units, 0 or more", "config"),
    _K("number-too-large", "config.too_large", "Number too large", "a typing slip: no threshold means that much", "config"),
    _K("not-whole", "config.whole", "Not a whole number", "characters, form numbers and people are counted in whole numbers", "config"),
    _K("too-small", "config.at_least", "Number too small", "`major_people = 0` would make every open complaint major", "config"),
    _K("not-a-port", "config.port", "Not a port", "465 (implicit TLS), 587 (STARTTLS) or 25 (a local relay)", "config"),
    _K("not-text", "config.text", "Not text", "write the value in double quotes", "config"),
    _K("not-a-choice", "config.choice", "Not one of the choices", "write one of the values listed, in double quotes", "config"),
    _K("not-addresses", "config.addresses", "Not a list of addresses", "write a list in brackets: `[\"张强\", \"kefu@example.com\"]`; a name needs its `[people.\"…\"]` table", "config"),
    _K("not-numbers", "config.numbers", "Not a list of numbers", "write a list in brackets: `[2, 10, 30]`", "config"),
    _K("not-dates", "config.dates", "Not a list of dates", "write a list in brackets: `[\"2027-01-01\", \"2027-02-11\"]`", "config"),
    _K("ladder-steps", "config.steps", "Bad reminder step", "each `[[reminders.ladder]]` step holds `after_hours = …` and nothing else", "config"),
    _K("password-in-config", "config.password", "Password in the config", "store it with `toolkit password set` (or `python -m keyring set toolkit <user>`), or set `TOOLKIT_SMTP_PASSWORD`, and delete the line", "config"),
    _K("ssl-and-starttls", "config.ssl_and_starttls", "Both TLS modes", "port 465 takes `ssl = true`, port 587 `starttls = true`: choose one", "config"),
    _K("smtp-cleartext", "err.smtp_cleartext", "Password in the clear", "set `ssl = true` (port 465) or `starttls = true` (port 587); a login without TLS is allowed only to this computer", "config"),
    _K("not-an-address", "config.not_address", "Not an email address", "correct the address (`name@example.com`)", "config"),
    _K("unknown-person", "config.unknown_person", "Unknown person", "give the address, or add the person as `[people.\"…\"] email = \"…\"`", "config"),
    _K("unknown-rule", "config.unknown_rule", "Unknown rule", "`toolkit rules` lists the IDs", "config"),
    _K("unknown-field", "config.unknown_field", "Unknown field", "the field names are listed under [What it reads](#what-it-reads); `\"ignore\"` leaves the column out", "config"),
    # ---- options, the keyring, the weekly job (UsageError, exit 2) ----
    _K("bad-as-of", "usage.as_of_forms", "Bad --as-of", "a date (and time) in a form the registers' own cells are read in, as shown; a date alone means 23:59 that day", "usage"),
    _K("owner-file-alone", "usage.owner_file", "Excel owner file named", "`~$…` files are Excel's note of who has a workbook open, never a register; name the workbook (or its folder) instead", "usage"),
    _K("bad-week", "weekly.bad_week", "Bad --week", "an ISO week (`2026-W47`) or `last`", "usage"),
    _K("week-not-started", "weekly.future_week", "Week not started", "the week begins after the moment the run looks from: give an earlier week or a later `--as-of`", "usage"),
    _K("no-weekly-recipients", "weekly.no_recipients", "Nobody to send to", "`--email` needs recipients: set `to` (and `finance`) in `[weekly]`", "usage"),
    _K("no-smtp-user", "password.no_user", "No SMTP user", "give `--user`, or set `user` in `[smtp]`", "usage"),
    _K("no-keyring", "password.no_backend", "No keyring", "set `TOOLKIT_SMTP_PASSWORD` instead", "usage"),
    _K("keyring-failed", "password.failed", "Keyring failed", "the system keyring answered with an error; set `TOOLKIT_SMTP_PASSWORD` instead, or ask IT", "usage"),
    _K("keyring-not-kept", "password.not_kept", "Keyring kept nothing", "the keyring accepted the password but does not return it; set `TOOLKIT_SMTP_PASSWORD` instead", "usage"),
    _K("empty-password", "password.empty", "Empty password", "nothing was typed (or the piped input was empty): nothing is stored", "usage"),
    _K("config-exists", "init.exists", "Config exists", "`toolkit init` never replaces a config: give `--force`, or another file name", "usage"),
    _K("template-exists", "template.exists", "Template exists", "give `--force` to replace it, or another file name", "usage"),
    _K("template-suffix", "template.suffix", "Template not .xlsx", "name the template `….xlsx`", "usage"),
    _K("bad-months", "template.bad_months", "Bad --months", "one month, a range or a list, as shown", "usage"),
    _K("too-many-months", "template.too_many_months", "Too many months", "write the registers of a longer span in several files", "usage"),
    _K("bad-rows", "template.bad_rows", "Bad --rows", "at least one row", "usage"),
    _K("schedule-cmd-exists", "schedule.cmd_exists", "Command file exists", "a `toolkit-remind.cmd` or `toolkit-weekly.cmd` not written by `toolkit schedule`; move it, or give `--force`", "usage"),
    # ---- outputs (OutputError, exit 2) ----
    _K("output-is-input", "err.output_is_input", "Output would replace an input", "`-o` or `--out` names a register being checked (also as `./name`, `../dir/name` or a link to it); nothing was written: choose another output file", "output"),
    _K("cannot-write-here", "output.cannot_write_here", "Cannot write here", "the folder does not exist or cannot be written by this account; choose another", "output"),
    _K("cannot-write", "output.cannot_write", "Cannot write", "the disk is full, or the file is open in Excel (which locks it); close it or choose another name", "output"),
    _K("log-not-writable", "log.cannot_write", "Log cannot be written", "`--log` names a file this account cannot append to; the run did not start", "output"),
    _K("store-cannot-open", "store.cannot_open", "Store cannot be opened", "`toolkit.sqlite` (or `ledger`) is damaged or in a folder that cannot be written", "output"),
    _K("store-busy", "store.busy", "Store busy", "another program holds the store, or it is read-only; try again, or check the file's permissions", "output"),
    _K("store-held", "store.held", "Store held", "another toolkit run (a scheduled job) still holds the run lock; it is released when that run ends", "output"),
    _K("annotate-unsupported", "annotate.unsupported", "Cannot annotate this format", "only .xlsx and .xlsm can be annotated; save the register as .xlsx and run again", "output"),
    _K("annotate-failed", "annotate.failed", "Annotated copy failed", "the package could not be edited (the detail says why); the report itself is complete", "output"),
    _K("annotate-same-file", "annotate.same_file", "Copy would replace the source", "give `--annotate` another folder", "output"),
    # ---- mail (SendError, exit 3) ----
    _K("no-smtp-password", "mail.no_password", "No SMTP password", "neither the keyring nor the environment has one (`toolkit password check` tells): store it with `toolkit password set`", "mail"),
    _K("smtp-failed", "mail.failed", "SMTP failed", "the server was unreachable, or refused the login, the sender or the messages to the last retry; the next run sends the rest. `CERTIFICATE_VERIFY_FAILED` in the detail: the server's certificate is not trusted; give your company CA as `smtp.ca_file`", "mail"),
    _K("tls-strict", "err.tls_strict", "CA fails the strict checks", "the CA is trusted, but its certificates lack extensions RFC 5280 asks for, which Python 3.13 and later check (`ssl.VERIFY_X509_STRICT`): ask IT to reissue them, or, until then, set `tls_strict = false` under `[smtp]` (the certificate is still verified against the CA, only those extension checks are off; `tls_strict = true` makes them on Python 3.11 and 3.12 too)", "mail"),
    _K("mail-refused", "mail.refused", "Refused by the server", "the server will not take mail for that address (the reply says why: unknown user, policy); correct the address in `[people]` or ask the mail administrator. The person's reminders went to `escalate_to`; the next run tries the address again", "mail"),
    _K("mail-unconfirmed", "mail.uncertain", "Not confirmed", "the server took the message but never confirmed it: it may have arrived; the next run sends it again with the same Message-ID. If it recurs, ask why the server answers so slowly (a content filter), or raise `data_timeout`", "mail"),
    _K("mail-unconfirmed-stopped", "mail.uncertain_stopped", "Not confirmed, server silent", "as above, and the server stopped answering: the other messages wait for the next run", "mail"),
    # ---- group robots (issue #22) ----
    _K("robot-failed", "robot.failed", "Group robot post failed", "the platform refused the post (a wrong key or signing secret: errcode 93000 or 310000; HTTP 4xx) or could not be reached to the last retry (5xx, connection refused, rate limited); check the key with `toolkit robot-key check NAME`. The mail and the other robots went ahead; the next run posts it", "mail"),
    _K("robot-unconfirmed", "robot.uncertain", "Group robot never answered", "the request went but no answer came within `timeout`: the message may have been posted; the next run posts it again", "mail"),
    _K("robot-no-key", "robot.no_key", "No robot key", "neither the keyring nor the environment holds it: `toolkit robot-key set NAME` (DingTalk: also `--secret`)", "mail"),
    _K("robot-bad-name", "robot.bad_name", "Robot name", "name the robot with letters, digits, _ and - (`[robots.kefu]`)", "config"),
    _K("robot-url-with-key", "robot.url_with_key", "Key in the robot's address", "give `url` without `key=` or `access_token=`, and keep the key with `toolkit robot-key set NAME`", "config"),
    _K("robot-bad-mobile", "robot.bad_mobile", "Not a mobile number", "`[mobiles]` takes 11-digit mainland mobile numbers", "config"),
    _K("robot-key-unknown", "robot_key.unknown", "No such robot", "`toolkit robot-key` takes a name of a `[robots.NAME]` table", "usage"),
    # ---- a bug (exit 4) ----
    _K("internal-error", "internal_error", "Internal error", "a bug in the toolkit, not in the files or settings. Send whoever maintains the toolkit the command you ran, this line (it holds the version), and the traceback that the same command prints with `TOOLKIT_DEBUG=1` set; a register that shows it helps most", "internal"),
)
del _K
ERRORS_BY_KEY: dict[str, ErrorKind] = {kind.key: kind for kind in ERRORS}
