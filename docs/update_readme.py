"""Regenerate the generated blocks of README.md: the rule tables (from the catalog), the demo
output (`toolkit validate workbooks/` as `make demo` runs it, in English), the Troubleshooting
tables (from toolkit.error_catalog.ERRORS) and the configuration reference (from toolkit.config_schema).

    python docs/update_readme.py        (or: make docs)
tests/test_docs.py fails when the README and the code drift apart.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.outputs.rules_doc import render  # noqa: E402


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for lang in ("en", "zh"):
        block = f"<!-- rules:{lang} -->\n{render(lang, 'markdown').strip()}\n<!-- /rules:{lang} -->"
        text, n = re.subn(rf"<!-- rules:{lang} -->.*?<!-- /rules:{lang} -->", lambda _: block, text, flags=re.S)
        if n != 1:
            raise SystemExit(f"README.md has no <!-- rules:{lang} --> block")
    for name, render_block in (("errors", troubleshooting), ("config", configuration)):
        block = f"<!-- {name}:en -->\n{render_block()}<!-- /{name}:en -->"
        text, n = re.subn(rf"<!-- {name}:en -->.*?<!-- /{name}:en -->", lambda _: block, text, flags=re.S)
        if n != 1:
            raise SystemExit(f"README.md has no <!-- {name}:en --> block")
    demo = "<!-- demo:en -->\n```text\n" + demo_output() + "```\n<!-- /demo:en -->"
    text, n = re.subn(r"<!-- demo:en -->.*?<!-- /demo:en -->", lambda _: demo, text, flags=re.S)
    if n != 1:
        raise SystemExit("README.md has no <!-- demo:en --> block")
    readme.write_text(text, encoding="utf-8")


def troubleshooting() -> str:
    """A table per group of errors: code, the message (details as …), what it means and what to do."""
    from toolkit.error_catalog import ERRORS, GROUPS
    from toolkit.i18n import t

    out = []
    for group, (title, what) in GROUPS.items():
        out += [f"#### {title}", "", what[0].upper() + what[1:], "",
                "| code | message | what it means, what to do |", "|---|---|---|"]
        for kind in ERRORS:
            if kind.group == group:
                message = re.sub(r"\{[^}]*\}", "…", t(kind.key, "en"))
                out.append(f"| `{kind.code}` | {_code_span(message)} | {kind.description.replace('|', chr(92) + '|')} |")
        out.append("")
    return "\n".join(out)


def _code_span(text: str) -> str:
    text = text.replace("|", "\\|")
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def configuration() -> str:
    from toolkit.config_schema import reference_markdown

    return reference_markdown("en")


def demo_output() -> str:
    import subprocess

    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", "workbooks/", "--as-of", "2026-11-25 09:00",
                             "--lang", "en"], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return result.stdout


if __name__ == "__main__":
    main()
