"""`toolkit validate`: check the registers, and write the annotated copies when asked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from toolkit.findings import Report


def validate(paths: list[Path], as_of: datetime, config, lang: str, *, jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> Report:
    from toolkit.commands.paths import refuse_owner_files_alone
    from toolkit.validate import validate as check_paths

    refuse_owner_files_alone(paths)
    return check_paths(paths, as_of, config, lang, jobs=jobs, progress=progress)


def annotate(report: Report, folder: Path) -> list:
    """Write DIR/<name>.checked.xlsx for each file with findings: toolkit.outputs.annotate's
    account of each copy (its error, when one could not be written)."""
    from toolkit.outputs.annotate import annotate_report

    return annotate_report(report, folder)
