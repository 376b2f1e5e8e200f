"""One declaration of every setting (toolkit/config_schema.py) drives the validation of
toolkit.toml, `toolkit init` and docs/reference.md's configuration reference (make docs)."""

from __future__ import annotations

import dataclasses

import pytest

from helpers import run_cli
from toolkit import config_schema
from toolkit.config import load_config, parse_config
from toolkit.errors import ConfigError


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_written_by_init_loads_back_to_every_default(tmp_path, lang):
    from toolkit.mail.weekly_settings import WeeklySettings, weekly_settings
    from toolkit.mail.settings import MailSettings, mail_settings
    from toolkit.rules.catalog import Settings

    result = run_cli("init", "--lang", lang, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = load_config(tmp_path / "toolkit.toml")
    assert config.settings == Settings() and config.rules == {} and config.columns == {} and config.lang is None
    assert mail_settings(config) == MailSettings()
    assert weekly_settings(config) == WeeklySettings()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_init_writes_every_setting_explained_in_the_chosen_language(lang):
    text = config_schema.init_text(lang)
    for section in config_schema.SECTIONS:
        if section.name:
            assert f"[{section.name}" in text, section.name
        for setting in section.settings:
            description = (setting.zh if lang == "zh" else setting.en)[:12]
            assert description in text, (section.name, setting.key)
            if setting.kind != config_schema.STEPS:
                assert f"{setting.key} = " in text, (section.name, setting.key)
    assert ("派单后" in text) == (lang == "zh")


def test_the_schema_declares_what_the_readers_hold():
    """Each field of the settings dataclasses is a declared setting with the same default."""
    from toolkit.mail.weekly_settings import WeeklySettings
    from toolkit.mail.settings import ReminderSettings, SmtpSettings
    from toolkit.rules.catalog import SEVERITIES, Settings
    from toolkit.workcalendar import CalendarSettings

    def declared(section):
        return {s.key: s.default for s in config_schema.SECTION_BY_NAME[section].settings}

    thresholds = {**declared("validate"), **declared("complaints")}
    for cls, table in ((Settings, thresholds), (SmtpSettings, declared("smtp")),
                       (ReminderSettings, declared("reminders")), (WeeklySettings, declared("weekly"))):
        for f in dataclasses.fields(cls):
            if f.init:
                default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
                assert f.name in table, (cls.__name__, f.name)
                declared_default = table[f.name]
                assert (tuple(declared_default) if isinstance(declared_default, list) else declared_default) == default, \
                    (cls.__name__, f.name)
    reminders = declared("reminders")
    assert reminders["calendar"] == CalendarSettings().mode
    assert reminders["work_hours"] == "-".join(t.strftime("%H:%M") for t in CalendarSettings().work_hours)
    rules = config_schema.SECTION_BY_NAME["rules"]
    assert rules.setting("severity").choices == SEVERITIES


@pytest.mark.parametrize("text, said", [
    ('langs = "zh"\n', "unknown setting 'langs' (known: lang, ledger, validate"),
    ('[smtp]\nhots = "mail.example.com"\n', "unknown setting 'smtp.hots' (known: host, port"),
    ('[reminders]\nlead_hour = 12\n', "unknown setting 'reminders.lead_hour'"),
    ('[weekly]\nfinanse = []\n', "unknown setting 'weekly.finanse'"),
    ('[people."王丽"]\nmail = "wl@example.com"\n', "unknown setting 'people.\"王丽\".mail' (known: email)"),
    ('[people."王丽"]\n', '[people."王丽"] needs email = "…"'),
    ('[rules."slow-handoff"]\nseverty = "error"\n', "unknown setting 'rules.slow-handoff.severty'"),
    ('[smtp]\nport = "465"\n', 'smtp.port must be a port number (1–65535), not "465"'),
    ('[smtp]\nssl = "yes"\n', "smtp.ssl must be true or false"),
    ('[smtp]\nretry_delays = [2, -1]\n', "smtp.retry_delays must be a list of numbers ≥ 0"),
    ('[reminders]\nescalate_to = 3\n', "reminders.escalate_to must be a list of email addresses or names in [people]"),
    ('[reminders]\n[[reminders.ladder]]\nafter = 3\n', "[[reminders.ladder]] steps take one setting: after_hours"),
    ('[weekly]\nlang = "fr"\n', 'weekly.lang must be "zh" or "en", not "fr"'),
    ('lang = "fr"\n', 'lang must be "zh" or "en", not "fr"'),
    ('[rules."slow-handoff"]\nseverity = "fatal"\n', 'rules.slow-handoff.severity must be "error" or "warning"'),
    ('[validate]\ndelay_hours = 2000000\n', "validate.delay_hours must be less than 1,000,000, not 2000000"),
    ("smtp = 1\n", "[smtp] must be a table"),
    ('[smtp]\npassword = "hunter2"\n', "smtp.password: passwords never go in the config file"),
])
def test_a_setting_the_schema_does_not_allow_is_one_line_naming_it(text, said):
    import tomllib

    with pytest.raises(ConfigError) as caught:
        parse_config(tomllib.loads(text))
    assert said in caught.value.message
    assert "hunter2" not in caught.value.message


def test_a_store_section_is_refused_naming_the_setting_that_places_the_store(tmp_path):
    config = tmp_path / "toolkit.toml"
    config.write_text('[store]\npath = "x.sqlite"\n', encoding="utf-8")
    result = run_cli("rules", "--config", str(config), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.startswith(f"toolkit: {config}: unknown setting 'store'") and "ledger" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_config_error_is_said_in_the_chosen_language(tmp_path):
    config = tmp_path / "toolkit.toml"
    config.write_text("[smtp]\nssl = 1\n", encoding="utf-8")
    zh = run_cli("rules", "--config", str(config), "--lang", "zh")
    en = run_cli("rules", "--config", str(config), "--lang", "en")
    assert zh.returncode == en.returncode == 2
    assert zh.stderr.strip() == f"toolkit: {config}: smtp.ssl 必须是 true 或 false"
    assert en.stderr.strip() == f"toolkit: {config}: smtp.ssl must be true or false"


def test_a_typo_in_a_mail_section_stops_every_command_not_only_the_mail_ones(tmp_path):
    """Checked with the whole file: a mistyped [weekly] key is not discovered on the Monday the digest fails."""
    config = tmp_path / "toolkit.toml"
    config.write_text("[weekly]\nt0 = []\n", encoding="utf-8")
    result = run_cli("rules", "--config", str(config), "--lang", "en")
    assert result.returncode == 2 and "weekly.t0" in result.stderr
