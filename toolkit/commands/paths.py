"""What the paths a command names are, before any is read."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError


def refuse_owner_files_alone(paths) -> None:
    """Excel's ``~$name`` owner files are skipped as not workbooks; named alone, the run would
    check nothing and say "0 files" without a word why: a usage error (exit 2) that names the
    workbook it belongs to instead."""
    from toolkit.registers.discover import LOCK_PREFIX

    named = [Path(p) for p in paths]
    if not named or not all(p.name.startswith(LOCK_PREFIX) and not p.is_dir() for p in named):
        return
    owner = named[0]
    # Excel names it ~$ + the workbook's name, a long name losing its first two characters for it
    rest = owner.name[len(LOCK_PREFIX):]
    try:
        siblings = sorted(p.name for p in owner.parent.iterdir() if rest and p.name.endswith(rest))
    except OSError:
        siblings = []
    workbook = rest if rest in siblings else next(
        (name for name in siblings if len(name) == len(rest) + 2 and not name.startswith(LOCK_PREFIX)), rest)
    raise UsageError("usage.owner_file", owner=str(owner), workbook=str(owner.with_name(workbook)))
