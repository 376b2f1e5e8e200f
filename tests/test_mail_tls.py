"""TLS is verified (implicit TLS and STARTTLS, with a company CA given by smtp.ca_file), and the
SMTP password comes only from the environment and never shows in any output."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from helpers import OWNER_AND_HANDLER, REMIND_AS_OF, run_cli, short_complaint, short_complaints_file
from smtp_server import DEFECTS, PASSWORD, Handler, SmtpServer, certificates, server_context, smtp_config


@pytest.fixture
def register_path(tmp_path):
    return short_complaints_file(tmp_path, [short_complaint("TS2611001", dt.datetime(2026, 11, 25, 16, 0))],
                                 "投诉.xlsx", title=None)


def _config(tmp_path, port, *, ca: Path | None, ssl_on: bool, starttls: bool, **kw) -> None:
    text = smtp_config(port, people=OWNER_AND_HANDLER, ssl=ssl_on, starttls=starttls, ca_file=ca, **kw)
    (tmp_path / "toolkit.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("tls_strict", [None, True], ids=["python-default", "tls-strict"])
@pytest.mark.parametrize("implicit", [True, False], ids=["implicit-tls", "starttls"])
def test_mail_goes_over_tls_verified_against_the_configured_ca(tmp_path, register_path, implicit, tls_strict):
    ca, cert, key = certificates(tmp_path)
    with SmtpServer(Handler(), tls_context=server_context(cert, key), implicit_tls=implicit) as server:
        _config(tmp_path, server.port, ca=ca, ssl_on=implicit, starttls=not implicit, tls_strict=tls_strict)
        result = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, "--send", cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(server.received) == 2


@pytest.mark.parametrize("implicit", [True, False], ids=["implicit-tls", "starttls"])
def test_a_certificate_from_an_unknown_ca_is_refused(tmp_path, register_path, implicit):
    _, cert, key = certificates(tmp_path)
    with SmtpServer(Handler(), tls_context=server_context(cert, key), implicit_tls=implicit) as server:
        _config(tmp_path, server.port, ca=None, ssl_on=implicit, starttls=not implicit)
        result = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, "--send", "--lang", "en",
                         cwd=tmp_path)
        assert result.returncode == 3
        assert "CERTIFICATE_VERIFY_FAILED" in result.stdout or "certificate verify failed" in result.stdout
        assert "tls_strict" not in result.stdout  # an untrusted CA is no matter of the strict checks
        assert server.received == []


def _send_through(tmp_path, register_path, ca, cert, key, *, implicit=False, tls_strict=None, lang="en"):
    """One reminder run with --send against a real TLS server: (the CLI's result, the messages received)."""
    with SmtpServer(Handler(), tls_context=server_context(cert, key), implicit_tls=implicit) as server:
        _config(tmp_path, server.port, ca=ca, ssl_on=implicit, starttls=not implicit, tls_strict=tls_strict)
        result = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, "--send", "--lang", lang,
                         cwd=tmp_path)
        return result, list(server.received)


def _strict_lines(result) -> list[str]:
    assert "Traceback" not in result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if "Python 3.13" in line]


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_company_ca_short_of_the_strict_checks_is_named_in_one_line_with_what_to_do(tmp_path, register_path,
                                                                                       defect):
    result, received = _send_through(tmp_path, register_path, *certificates(tmp_path, defect), tls_strict=True)
    assert result.returncode == 3 and received == [], result.stdout + result.stderr
    lines = _strict_lines(result)
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("toolkit: SMTP 127.0.0.1:")
    assert f"({DEFECTS[defect]})" in lines[0]
    assert "ask IT to reissue them" in lines[0] and "set tls_strict = false under [smtp]" in lines[0]
    assert lines[0].endswith("messages left for the next run: 2")


def test_the_strict_checks_line_is_in_chinese_too(tmp_path, register_path):
    result, received = _send_through(tmp_path, register_path, *certificates(tmp_path, "server-cert-without-aki"),
                                     implicit=True, tls_strict=True, lang="zh")
    assert result.returncode == 3 and received == []
    lines = _strict_lines(result)
    assert len(lines) == 1, result.stdout
    assert "公司 CA 的证书不符合 Python 3.13 起默认的严格校验（Missing Authority Key Identifier）" in lines[0]
    assert "请 IT 重新签发" in lines[0] and "tls_strict = false" in lines[0] and "2 封邮件留待下次发送" in lines[0]


def test_tls_strict_false_lets_such_a_ca_through_and_still_verifies(tmp_path, register_path):
    ca, cert, key = certificates(tmp_path, "server-cert-without-aki")
    result, received = _send_through(tmp_path, register_path, ca, cert, key, tls_strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(received) == 2
    elsewhere = tmp_path / "no-ca-given"  # a ledger of its own: the reminders above are sent
    elsewhere.mkdir()
    untrusted, received = _send_through(elsewhere, register_path, None, cert, key, tls_strict=False)
    assert untrusted.returncode == 3 and received == []
    assert "CERTIFICATE_VERIFY_FAILED" in untrusted.stdout or "certificate verify failed" in untrusted.stdout


def test_by_default_the_checks_are_pythons_own_strict_from_313(tmp_path, register_path):
    result, received = _send_through(tmp_path, register_path, *certificates(tmp_path, "server-cert-without-aki"))
    if sys.version_info >= (3, 13):
        assert result.returncode == 3 and received == []
        assert len(_strict_lines(result)) == 1, result.stdout
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(received) == 2


def test_tls_strict_must_be_true_or_false(tmp_path, register_path):
    (tmp_path / "toolkit.toml").write_text('[smtp]\nhost = "127.0.0.1"\ntls_strict = "no"\n', encoding="utf-8")
    result = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, cwd=tmp_path)
    assert result.returncode == 2
    assert "smtp.tls_strict must be true or false" in result.stderr


def test_the_password_comes_from_the_environment_and_never_shows(tmp_path, register_path):
    ca, cert, key = certificates(tmp_path)
    handler = Handler()
    server = SmtpServer(handler, tls_context=server_context(cert, key), implicit_tls=False, login=True)
    with server:
        # aiosmtpd answers a failed LOGIN by going quiet: time out fast
        _config(tmp_path, server.port, ca=ca, ssl_on=False, starttls=True, user="kefu@example.com",
                smtp_extra="timeout = 2")
        wrong = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, "--send", "--lang", "en",
                        cwd=tmp_path, env={"TOOLKIT_SMTP_PASSWORD": "wrong-" + PASSWORD})
        assert wrong.returncode == 3 and handler.received == []
        assert PASSWORD not in wrong.stdout + wrong.stderr
        right = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, "--send",
                        cwd=tmp_path, env={"TOOLKIT_SMTP_PASSWORD": PASSWORD})
        assert right.returncode == 0, right.stdout + right.stderr
        assert len(handler.received) == 2
        assert PASSWORD not in right.stdout + right.stderr


def test_a_password_in_the_config_file_is_refused(tmp_path, register_path):
    (tmp_path / "toolkit.toml").write_text('[smtp]\nhost = "127.0.0.1"\npassword = "hunter2"\n', encoding="utf-8")
    result = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, cwd=tmp_path)
    assert result.returncode == 2
    assert "passwords never go in the config file" in result.stderr and "hunter2" not in result.stderr


def test_a_login_without_any_password_says_where_to_put_it(tmp_path, register_path):
    _config(tmp_path, 2525, ca=None, ssl_on=False, starttls=False, user="kefu@example.com")
    result = run_cli("remind", str(register_path), "--as-of", REMIND_AS_OF, "--send", "--lang", "en",
                     cwd=tmp_path, env={"TOOLKIT_SMTP_PASSWORD": "", "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"})
    assert result.returncode == 3
    assert "TOOLKIT_SMTP_PASSWORD" in result.stdout
