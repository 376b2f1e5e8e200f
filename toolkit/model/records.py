"""What a record's cell holds, whatever the register kind."""

from __future__ import annotations


def filled(record, name: str) -> bool:
    """The cell holds something: a value, or something unreadable (reported by bad-value)."""
    if getattr(record, name) is not None:
        return True
    problems = record.problems
    return bool(problems) and any(p.field == name for p in problems)
