"""A newcomer's clone has no ../shared beside it and may have no LibreOffice: the tests that
need them skip with their reason there, and fail under CI=true, where both must be present."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT

NEEDS_BOTH = '''
import pytest

@pytest.mark.requires_corpus
def test_needs_the_corpus():
    pass

@pytest.mark.requires_soffice
def test_needs_libreoffice():
    pass

def test_needs_nothing():
    pass
'''


@pytest.fixture
def clone(tmp_path):
    """The tests folder of a clone with nothing beside it and no LibreOffice on PATH."""
    tests = tmp_path / "clone" / "tests"
    tests.mkdir(parents=True)
    for support in ("conftest.py", "helpers.py", "smtp_server.py"):  # conftest.py imports the other two
        shutil.copy(ROOT / "tests" / support, tests / support)
    (tests / "test_needs.py").write_text(NEEDS_BOTH, encoding="utf-8")
    return tests


@pytest.fixture
def whole_clone(tmp_path):
    """The suite as it is in the repository, in a clone with nothing beside it."""
    tests = tmp_path / "clone" / "tests"
    shutil.copytree(ROOT / "tests", tests, ignore=shutil.ignore_patterns("__pycache__"))
    return tests


def _pytest(tests, ci: bool, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = os.path.dirname(sys.executable)  # python, but no soffice
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args, str(tests)],
                          capture_output=True, text=True, cwd=tests.parent, env=env, timeout=120)


def test_on_a_developers_clone_they_skip_with_their_reason(clone):
    result = _pytest(clone, ci=False)
    assert result.returncode == 0, result.stdout
    assert "1 passed, 2 skipped" in result.stdout
    assert "../shared/corpus is not beside this checkout" in result.stdout
    assert "LibreOffice (soffice) is not installed" in result.stdout


def test_under_ci_a_missing_corpus_or_libreoffice_fails(clone):
    result = _pytest(clone, ci=True)
    assert result.returncode == 1
    assert "1 passed, 2 errors" in result.stdout  # failed in set-up: reported as errors
    assert "under CI=true this is a failure, not a skip" in result.stdout


MARKED = ("-m", "requires_corpus or requires_soffice")


def test_every_corpus_and_libreoffice_test_of_the_suite_skips_there_and_fails_under_ci(whole_clone):
    """The suite's own marked tests: on the clone every one skips with its reason (none fails,
    none passes, the suite still collects); under CI=true every one fails."""
    here = _pytest(whole_clone, False, *MARKED)
    assert here.returncode == 0, here.stdout
    summary = here.stdout.strip().splitlines()[-1]
    assert " skipped" in summary and "passed" not in summary and "failed" not in summary and "error" not in summary, \
        here.stdout
    assert "../shared/corpus is not beside this checkout" in here.stdout
    assert "LibreOffice (soffice) is not installed" in here.stdout
    ci = _pytest(whole_clone, True, *MARKED)
    assert ci.returncode == 1, ci.stdout
    summary = ci.stdout.strip().splitlines()[-1]
    assert " error" in summary and "passed" not in summary and "skipped" not in summary, ci.stdout
