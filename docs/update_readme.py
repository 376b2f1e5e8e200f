"""Regenerate the generated blocks of README.md: the rule tables (from the catalog) and the
demo output (`toolkit validate workbooks/` as `make demo` runs it, in English).

    python docs/update_readme.py        (or: make docs)
tests/test_cli.py fails when the README and the catalog drift apart.
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
    demo = "<!-- demo:en -->\n```text\n" + demo_output() + "```\n<!-- /demo:en -->"
    text, n = re.subn(r"<!-- demo:en -->.*?<!-- /demo:en -->", lambda _: demo, text, flags=re.S)
    if n != 1:
        raise SystemExit("README.md has no <!-- demo:en --> block")
    readme.write_text(text, encoding="utf-8")


def demo_output() -> str:
    import subprocess

    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", "workbooks/", "--as-of", "2026-11-25 09:00",
                             "--lang", "en"], cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return result.stdout


if __name__ == "__main__":
    main()
