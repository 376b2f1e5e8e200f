"""The documents say what the code does (after sqlite-utils' test_docs.py): the generated blocks of
docs/reference.md (the README's reference) are what docs/update_readme.py would write now, and
every error the code raises is catalogued."""

from __future__ import annotations

import importlib.util
import re
import string

import pytest

from helpers import ROOT

REFERENCE = ROOT / "docs" / "reference.md"
from toolkit.error_catalog import ERRORS, ERRORS_BY_KEY, GROUPS
from toolkit.errors import ConfigError, InputError
from toolkit.i18n import _TEXT


def _update_readme():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "docs" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("block", ["errors", "config"])
def test_readme_generated_blocks_are_what_the_code_says(block):
    module = _update_readme()
    render = {"errors": module.troubleshooting, "config": module.configuration}[block]
    readme = REFERENCE.read_text(encoding="utf-8")
    expected = f"<!-- {block}:en -->\n{render()}<!-- /{block}:en -->"
    assert expected in readme, f"docs/reference.md's <!-- {block}:en --> block is stale: run `make docs`"


def test_every_error_key_the_code_raises_is_catalogued():
    """A new error message without a code, a title and a description fails here."""
    raised = set()
    for path in (ROOT / "toolkit").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'\b(?:Toolkit|Usage|Config|Input|Output|Send|Store)Error\(\s*"([a-z_]+\.[a-z_.]+)"', text))
    assert raised, "the pattern finds nothing: the error classes were renamed"
    missing = sorted(key for key in raised if key not in ERRORS_BY_KEY)
    assert not missing, f"errors without an entry in toolkit.errors.ERRORS: {missing}"


def test_each_error_has_a_stable_code_a_title_both_templates_and_what_to_do():
    codes = [kind.code for kind in ERRORS]
    assert len(codes) == len(set(codes)), "two errors share a code"
    for kind in ERRORS:
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", kind.code), kind.code
        assert kind.title and kind.description and kind.group in GROUPS, kind
        zh, en = _TEXT[kind.key]
        fields = {name for _, name, _, _ in string.Formatter().parse(en) if name}
        assert fields == {name for _, name, _, _ in string.Formatter().parse(zh) if name}, \
            f"{kind.key}: the zh and en templates take different values"


def test_an_error_carries_its_code():
    assert InputError("err.encrypted", path="x.xlsx").code == "encrypted"
    assert ConfigError("config.bool", path="toolkit.toml", name="smtp.ssl").code == "not-true-or-false"
    assert ConfigError("a literal message").code == "config-error"  # a message given as text: the class's code


def test_every_input_error_template_is_in_the_troubleshooting_table():
    readme = REFERENCE.read_text(encoding="utf-8")
    start = readme.index("## Troubleshooting")
    end = readme.find("\n## ", start)
    table = readme[start:end if end > 0 else None]
    for key, (_, en) in _TEXT.items():
        if key.startswith(("err.", "config.")):
            assert re.sub(r"\{[^}]*\}", "…", en) in table, key
