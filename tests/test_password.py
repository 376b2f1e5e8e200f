"""`toolkit password`: the SMTP password kept in a real keyring (keyrings.alt's file backend,
chosen with PYTHON_KEYRING_BACKEND as a user would), through the real CLI, and never shown."""

from __future__ import annotations

import datetime as dt
import os
import select
import subprocess
import sys
import time

import pytest

from helpers import OWNER_AND_HANDLER, REMIND_AS_OF, TOOLKIT, run_cli, short_complaint, short_complaints_file
from smtp_server import PASSWORD, Handler, SmtpServer, certificates, server_context, smtp_config

SECRET = "Kf-密码-2026!x"
USER = "kefu@example.com"


@pytest.fixture
def keyring_env(tmp_path):
    """A file keyring in tmp_path, and no password in the environment."""
    return {"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "TOOLKIT_SMTP_PASSWORD": ""}


@pytest.fixture
def site(tmp_path):
    (tmp_path / "toolkit.toml").write_text(f'[smtp]\nhost = "127.0.0.1"\nuser = "{USER}"\n', encoding="utf-8")
    return tmp_path


def _password(site, env, *args, input=None):
    result = run_cli("password", *args, cwd=site, env=env, input=input)
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    return result


def test_set_check_and_delete_with_the_config_user(site, keyring_env):
    stored = _password(site, keyring_env, "set", "--lang", "en", input=SECRET + "\n")
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout.strip() == (f"stored the SMTP password for {USER} in the system keyring "
                                     "(file PlaintextKeyring, service toolkit)")
    assert list((site / "data" / "python_keyring").iterdir()), "the keyring file is where XDG_DATA_HOME says"

    check = _password(site, keyring_env, "check", "--lang", "en")
    assert check.returncode == 0
    assert check.stdout.strip() == f"an SMTP password for {USER} is stored in the system keyring (file PlaintextKeyring)"

    # what the mail code reads back is exactly what was typed
    read = subprocess.run([sys.executable, "-c", "import keyring; print(keyring.get_password('toolkit', %r) == %r)"
                           % (USER, SECRET)], capture_output=True, text=True, env={**os.environ, **keyring_env})
    assert read.stdout.strip() == "True", read.stderr

    deleted = _password(site, keyring_env, "delete", "--lang", "zh")
    assert deleted.returncode == 0
    assert deleted.stdout.strip() == f"已从系统密钥环（file PlaintextKeyring）删除 {USER} 的 SMTP 密码"
    after = _password(site, keyring_env, "check", "--lang", "en")
    assert after.returncode == 1
    assert "no SMTP password for kefu@example.com in the system keyring" in after.stdout
    again = _password(site, keyring_env, "delete", "--lang", "en")
    assert again.returncode == 0 and "nothing to delete" in again.stdout


def test_user_option_and_a_password_in_the_environment_are_said(site, keyring_env):
    result = _password(site, keyring_env, "set", "--user", "other@example.com", "--lang", "en", input=SECRET + "\r\n")
    assert result.returncode == 0 and "for other@example.com" in result.stdout
    assert _password(site, keyring_env, "check", "--lang", "en").returncode == 1  # the config's user has none
    check = _password(site, {**keyring_env, "TOOLKIT_SMTP_PASSWORD": SECRET}, "check", "-u", "other@example.com",
                      "--lang", "en")
    assert check.returncode == 0
    assert check.stdout.splitlines()[-1] == "TOOLKIT_SMTP_PASSWORD is set here, and is used before the keyring"


def test_no_user_and_an_empty_input_are_one_line_each_exit_2(tmp_path, keyring_env):
    result = _password(tmp_path, keyring_env, "set", "--lang", "en", input=SECRET + "\n")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == "toolkit: no SMTP user: give --user, or set user in [smtp] of toolkit.toml"
    empty = _password(tmp_path, keyring_env, "set", "--user", USER, "--lang", "en", input="")
    assert empty.returncode == 2
    assert empty.stderr.strip() == "toolkit: no password given (the input is empty); nothing stored"


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring",
                                     "no_such_module.Keyring"])
def test_no_usable_keyring_is_one_clear_line_and_exit_2(site, keyring_env, backend):
    env = {**keyring_env, "PYTHON_KEYRING_BACKEND": backend}
    for action in ("set", "check", "delete"):
        result = _password(site, env, action, "--lang", "en", input=SECRET + "\n")
        assert result.returncode == 2, (action, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("toolkit: no usable system keyring on this machine (")
        assert lines[0].endswith("set the environment variable TOOLKIT_SMTP_PASSWORD instead")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_on_a_terminal_it_prompts_twice_without_echo(site, keyring_env):
    import fcntl
    import termios

    master, slave = os.openpty()

    def controlling_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = {**os.environ, **keyring_env, "NO_COLOR": "1"}
    proc = subprocess.Popen([*TOOLKIT, "password", "set", "--lang", "en"], cwd=site, env=env,
                            stdin=slave, stdout=slave, stderr=slave, preexec_fn=controlling_terminal)
    os.close(slave)
    seen = b""

    def read_until(marker: bytes, timeout: float = 30) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while marker not in seen and time.monotonic() < deadline:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        assert marker in seen, seen

    try:
        # the prompt's last space comes from getpass, once it has turned the echo off
        read_until(b"SMTP password for kefu@example.com: ")
        os.write(master, SECRET.encode() + b"\n")
        read_until(b"Repeat it: ")
        os.write(master, SECRET.encode() + b"\n")
        read_until(b"stored the SMTP password")
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        os.close(master)
    assert SECRET.encode() not in seen, "typed without echo"
    assert _password(site, keyring_env, "check").returncode == 0


def test_remind_logs_in_with_the_password_the_command_stored(tmp_path, keyring_env):
    """After `toolkit password set`, a run with no password in its environment sends."""
    register = short_complaints_file(tmp_path, [short_complaint("TS2611001", dt.datetime(2026, 11, 25, 16, 0))],
                                     "投诉.xlsx", title=None)
    ca, cert, key = certificates(tmp_path)
    handler = Handler()
    with SmtpServer(handler, tls_context=server_context(cert, key), login=True) as server:
        (tmp_path / "toolkit.toml").write_text(
            smtp_config(server.port, people=OWNER_AND_HANDLER, starttls=True, ca_file=ca, user=USER), encoding="utf-8")
        stored = run_cli("password", "set", cwd=tmp_path, env=keyring_env, input=PASSWORD + "\n")
        assert stored.returncode == 0, stored.stderr
        sent = run_cli("remind", str(register), "--as-of", REMIND_AS_OF, "--send", "--lang", "en",
                       cwd=tmp_path, env=keyring_env)
        assert sent.returncode == 0, sent.stdout + sent.stderr
        assert len(handler.received) == 2
        for result in (stored, sent):
            assert PASSWORD not in result.stdout + result.stderr


def test_the_messages_about_a_missing_password_name_the_command(tmp_path, keyring_env):
    register = short_complaints_file(tmp_path, [short_complaint("TS2611001", dt.datetime(2026, 11, 25, 16, 0))],
                                     "投诉.xlsx", title=None)
    (tmp_path / "toolkit.toml").write_text(smtp_config(2525, people=OWNER_AND_HANDLER, user=USER), encoding="utf-8")
    missing = run_cli("remind", str(register), "--as-of", REMIND_AS_OF, "--send", "--lang", "en",
                      cwd=tmp_path, env=keyring_env)
    assert missing.returncode == 3
    assert (f"no SMTP password for {USER}: store it with `toolkit password set` "
            f"(or `python -m keyring set toolkit {USER}`), or set TOOLKIT_SMTP_PASSWORD") in missing.stdout
    (tmp_path / "toolkit.toml").write_text('[smtp]\nhost = "127.0.0.1"\npassword = "hunter2"\n', encoding="utf-8")
    refused = run_cli("remind", str(register), "--as-of", REMIND_AS_OF, cwd=tmp_path, env=keyring_env)
    assert refused.returncode == 2 and "hunter2" not in refused.stderr
    assert "passwords never go in the config file; store it with `toolkit password set`" in refused.stderr
