"""Chinese throughout when the language is zh (#20.4), whichever way it was chosen: --lang zh, the
config's lang, or the system's locale. What a person reads has no English words in it but the
rule IDs (stable names, kept beside their Chinese names), paths and cell addresses: the report,
the CSV, the rule list, usage errors, config and SMTP errors, reminder stages, init's comments.
And the thresholds in force, not setting names, in what a rule says it checks."""

from __future__ import annotations

import csv
import io
import re
import shutil
import socket
from pathlib import Path

import openpyxl
import pytest

from helpers import AS_OF_ARGS, REMIND_AS_OF, ROOT, run_cli
from toolkit.rules.catalog import all_rules, rule_ids

_CELL = re.compile(r"\b[A-Z]{1,3}\d+\b")
_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# what the words of a line may be besides Chinese: a rule ID and the word Excel, a product's name
_ALLOWED = sorted(rule_ids(), key=len, reverse=True) + ["Excel"]

# the system's locale says nothing: English unless the run is told otherwise
ENGLISH_SYSTEM = {"LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "en_US.UTF-8"}
CHINESE_SYSTEM = {**ENGLISH_SYSTEM, "LANG": "zh_CN.UTF-8"}


def english_words(text: str, *also: str) -> list[str]:
    """The English words left in ``text`` once its paths, rule IDs and cell addresses are taken out."""
    for allowed in [*also, *_ALLOWED]:
        text = text.replace(allowed, " ")
    return _WORD.findall(_CELL.sub(" ", text))


@pytest.fixture
def site(tmp_path) -> Path:
    """The sample registers (work orders, complaints: findings of most rules), in a folder of their own."""
    folder = tmp_path / "登记表"
    shutil.copytree(ROOT / "workbooks", folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


# The three ways of choosing Chinese: each gives the arguments and the environment of a run in `cwd`
def _by_option(cwd: Path):
    return ["--lang", "zh"], ENGLISH_SYSTEM


def _by_system(cwd: Path):
    return [], CHINESE_SYSTEM


def _by_config(cwd: Path):
    (cwd / "toolkit.toml").write_text('lang = "zh"\n', encoding="utf-8")
    return [], ENGLISH_SYSTEM


CHOSEN = pytest.mark.parametrize("chosen", [_by_option, _by_system, _by_config], ids=["option", "system", "config"])


@CHOSEN
def test_the_report_has_no_english_word_but_rule_ids_and_paths(site, tmp_path, chosen):
    args, env = chosen(tmp_path)
    result = run_cli("validate", str(site), *AS_OF_ARGS, "--verbose", *args, cwd=tmp_path, env=env)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any("代签（proxy-signature）" in line for line in lines)  # the rule's name beside its ID
    sheets = [name for p in site.iterdir() for name in openpyxl.load_workbook(p, read_only=True).sheetnames]
    paths = sorted((str(p) for p in [site, *site.iterdir()]), key=len, reverse=True) + sheets  # the registers' own words
    for line in lines:
        assert not english_words(line, *paths), line
    assert "共 3 个文件，5 个登记表" in lines[-1]


@CHOSEN
def test_the_csv_says_field_severity_and_rule_in_chinese(site, tmp_path, chosen):
    args, env = chosen(tmp_path)
    result = run_cli("validate", str(site), *AS_OF_ARGS, "--format", "csv", *args, cwd=tmp_path, env=env)
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    head = rows[0]
    assert head == ["文件", "工作表", "行", "单元格", "列", "字段", "单号", "规则", "级别", "说明", "规则名称", "字段代码", "应由谁改"]
    proxy = next(r for r in rows[1:] if r[7] == "proxy-signature")
    assert proxy[5] == "客户签字" and proxy[8] == "错误" and proxy[10] == "代签" and proxy[11] == "customer_signature"
    for row in rows[1:]:
        people_read = [row[i] for i in (4, 5, 8, 9, 10)]  # the column, field, severity, message and rule name
        assert not english_words(" ".join(people_read)), row


@CHOSEN
def test_a_usage_error_is_said_in_chinese(tmp_path, chosen):
    args, env = chosen(tmp_path)
    result = run_cli("validate", "x.xlsx", "--nope", *args, cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "错误：没有 --nope 这个选项" in result.stderr and "用法：" in result.stderr
    assert "toolkit validate [OPTIONS]" in result.stderr and "toolkit validate -h 查看帮助。" in result.stderr
    assert "Error" not in result.stderr and "No such option" not in result.stderr

    bad_value = run_cli("validate", "x.xlsx", "--format", "xml", *args, cwd=tmp_path, env=env)
    assert bad_value.returncode == 2
    assert "'--format' / '-f' 的值无效：'xml' 不是可选的值" in bad_value.stderr, bad_value.stderr
    missing = run_cli("validate", *args, cwd=tmp_path, env=env)
    assert missing.returncode == 2 and "错误：缺少参数" in missing.stderr, missing.stderr


def test_a_usage_error_stays_english_in_english(tmp_path):
    result = run_cli("validate", "x.xlsx", "--nope", cwd=tmp_path, env=ENGLISH_SYSTEM)
    assert result.returncode == 2
    assert "Error: No such option: --nope (Possible options: --annotate)" in result.stderr
    assert "Usage: " in result.stderr and "toolkit validate -h' for help." in result.stderr


def test_a_config_error_is_said_in_the_configs_language(tmp_path):
    (tmp_path / "toolkit.toml").write_text('lang = "zh"\n[smtp]\nssl = 3\n', encoding="utf-8")
    result = run_cli("validate", "x.xlsx", cwd=tmp_path, env=ENGLISH_SYSTEM)
    assert result.returncode == 2
    assert "smtp.ssl 必须是 true 或 false" in result.stderr, result.stderr


@CHOSEN
def test_the_rule_list_names_each_rule_in_chinese(tmp_path, chosen):
    args, env = chosen(tmp_path)
    result = run_cli("rules", *args, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    for rule in all_rules():
        assert rule.id in result.stdout and rule.name("zh") in result.stdout
    for line in result.stdout.splitlines():
        assert not english_words(line, "Excel", "HK", "US"), line


def test_every_rule_has_one_short_name_in_both_languages():
    names: dict[str, tuple[str, str]] = {}
    for rule in all_rules():
        zh, en = rule.names
        assert _CJK.search(zh) and not _CJK.search(en) and len(zh) <= 8, rule.id
        assert names.setdefault(rule.id, rule.names) == rule.names, f"{rule.id}: one name whatever the register"


def test_a_rule_says_the_threshold_in_force(site, tmp_path):
    (tmp_path / "toolkit.toml").write_text('lang = "zh"\n[validate]\ndelay_hours = 36\nmin_content_chars = 3\n',
                                           encoding="utf-8")
    report = run_cli("validate", str(site), *AS_OF_ARGS, "--annotate", str(tmp_path / "copies"), cwd=tmp_path,
                     env=ENGLISH_SYSTEM)
    line = next(l for l in report.stdout.splitlines() if "P15" in l)
    assert "超过 36 小时" in line and "delay_hours" not in report.stdout

    rules = run_cli("rules", cwd=tmp_path, env=ENGLISH_SYSTEM).stdout
    assert "超过 36 小时完工须写延误原因" in rules and "不少于 3 个字" in rules
    assert "delay_hours" not in rules and "min_content_chars" not in rules

    copy = next((tmp_path / "copies").glob("*维修工作单*.checked.xlsx"))
    findings = openpyxl.load_workbook(copy)["检查结果"]
    said = {findings.cell(r, 10).value: findings.cell(r, 12).value for r in range(3, findings.max_row + 1)}
    assert said["未写原因（missing-reason）"].startswith("未写原因：超过 36 小时完工须写延误原因")


def test_the_readme_table_says_each_threshold_by_its_setting_and_default():
    text = next(r for r in all_rules() if r.id == "missing-reason").describe("zh")
    assert text.startswith("超过 delay_hours（默认 24） 小时")


def test_init_in_chinese_writes_chinese_comments(tmp_path):
    result = run_cli("init", "--lang", "zh", cwd=tmp_path, env=ENGLISH_SYSTEM)
    assert result.returncode == 0 and "已写入" in result.stdout
    for line in (tmp_path / "toolkit.toml").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            continue
        prose = line.lstrip("# ")
        if re.match(r"^\[|^[\w.\-\"]+ = ", prose) or re.fullmatch(r"[A-Z_]+", prose):
            continue  # a setting or a table commented out, or a setting's name carried onto its own line
        assert _CJK.search(prose), line


def test_init_takes_the_systems_language(tmp_path):
    run_cli("init", cwd=tmp_path, env=CHINESE_SYSTEM)
    assert (tmp_path / "toolkit.toml").read_text(encoding="utf-8").startswith("# toolkit.toml：toolkit 的设置")


def _remind_config(folder: Path, port: int) -> None:
    (folder / "toolkit.toml").write_text(
        'lang = "zh"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nssl = false\nsender = "kefu@example.com"\nretry_delays = []\n'
        '[reminders]\nescalate_to = ["head@example.com"]\n', encoding="utf-8")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_reminder_stages_and_a_refused_connection_are_said_in_chinese(site, tmp_path):
    _remind_config(tmp_path, _closed_port())
    preview = run_cli("remind", str(site), "--as-of", REMIND_AS_OF, "--now", cwd=tmp_path, env=ENGLISH_SYSTEM)
    items = [l for l in preview.stdout.splitlines() if l.startswith("    TS")]
    assert items and any("已超时" in l for l in items) and any("重大投诉" in l for l in items)
    for line in items:
        assert not re.search(r"overdue|due_soon|major|no_deadline", line), line

    sent = run_cli("remind", str(site), "--as-of", REMIND_AS_OF, "--now", "--send", cwd=tmp_path, env=ENGLISH_SYSTEM)
    assert sent.returncode == 3
    failed = next(l for l in sent.stdout.splitlines() if "SMTP" in l)
    assert "连接被拒绝" in failed and "请核对 host 和 port" in failed


def test_the_weekly_findings_name_each_rule_in_chinese(site, tmp_path):
    result = run_cli("weekly", str(site), *AS_OF_ARGS, "--lang", "zh", cwd=tmp_path, env=ENGLISH_SYSTEM)
    assert result.returncode == 0, result.stderr
    assert "代签（proxy-signature）" in result.stdout
