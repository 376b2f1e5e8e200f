"""Regenerate the generated blocks of the documentation: in docs/reference.md the rule tables
(from the catalog), the Troubleshooting tables (from toolkit.error_catalog.ERRORS) and the
configuration reference (from toolkit.config_schema); in README.md the demo output (`toolkit
validate workbooks/` as `make demo` runs it, in English).

    python docs/update_readme.py        (or: make docs)
tests/test_docs.py and tests/test_cli.py fail when the documents and the code drift apart.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
REFERENCE = ROOT / "docs" / "reference.md"  # the user reference: every generated table lives here
sys.path.insert(0, str(ROOT))

from toolkit.outputs.rules_doc import render  # noqa: E402


def main() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for lang in ("en", "zh"):
        text = _replace(text, f"rules:{lang}", render(lang, "markdown").strip() + "\n", REFERENCE)
    for name, render_block in (("errors", troubleshooting), ("config", configuration)):
        text = _replace(text, f"{name}:en", render_block(), REFERENCE)
    REFERENCE.write_text(text, encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    readme = _replace(readme, "demo:en", "```text\n" + demo_output() + "```\n", README)
    README.write_text(readme, encoding="utf-8")


def _replace(text: str, name: str, body: str, path: Path) -> str:
    """The block between <!-- name --> and <!-- /name --> becomes body; a missing block is an error."""
    block = f"<!-- {name} -->\n{body}<!-- /{name} -->"
    text, n = re.subn(rf"<!-- {name} -->.*?<!-- /{name} -->", lambda _: block, text, flags=re.S)
    if n != 1:
        raise SystemExit(f"{path.relative_to(ROOT)} has no <!-- {name} --> block")
    return text


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
