"""Jinja2 templates for mails and reports: one loader for every command.

Templates live in the top-level templates/ folder of a source checkout and are installed
as toolkit/templates. Autoescape is on for every template but the plain-text alternatives
(``*.txt.j2``): names and content come from spreadsheets, and a text/plain part showing
"&amp;" for "&" would be wrong without being any safer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("templates folder not found (broken install?)")


def escapes(name: str | None) -> bool:
    return not (name or "").endswith(".txt.j2")


def _shown(value):
    if isinstance(value, str):
        from toolkit.outputs.safe import visible

        return visible(value)
    return value


@lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=escapes,  # cell content is untrusted: HTML (and anything unknown) is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,  # a control character from a cell is shown escaped, in HTML and plain text alike
    )
    return env


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
