"""Command-line paths → the workbook files to read.

Folders are searched recursively for every format the engine reads, WPS Office's ``.et``
included (the reader goes by a file's content, not its name). Excel's ``~$…``
owner files are skipped (and tell us the workbook is open in Excel); the toolkit's own
annotated copies (``*.checked.xlsx``, ``*.checked.xlsm``) are skipped inside folders so a run is not doubled,
and so is its weekly workbook (``toolkit weekly --out``, known by its hidden mark), whose lists
would otherwise read as registers.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

# .et: WPS Office's spreadsheet, an old-format (OLE) or a new-format (zip) workbook inside
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et")
LOCK_PREFIX = "~$"
CHECKED_SUFFIXES = (".checked.xlsx", ".checked.xlsm")


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    given: bool  # named on the command line (not found inside a folder)


@dataclass(frozen=True, slots=True)
class Skipped:
    path: Path
    reason: str  # annotated_copy, weekly_workbook


def discover(paths: list[str | Path], skipped: list[Skipped] | None = None,
             empty: list[Path] | None = None) -> list[Candidate]:
    """Files in the order given, folders expanded in sorted order, each file once. The toolkit's
    own outputs found inside folders are left out (and appended to ``skipped`` when given);
    folders holding no workbook at all are appended to ``empty``."""
    from toolkit.registers.files import usable_size
    from toolkit.ooxml.marks import toolkit_marks

    found: list[Candidate] = []
    seen: set[Path] = set()

    def add(p: Path, given: bool):
        key = p.resolve() if p.exists() else p.absolute()
        if key not in seen:
            seen.add(key)
            found.append(Candidate(p, given))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            before = (len(found), len(skipped) if skipped is not None else 0)
            for child in sorted(p.rglob("*")):
                name = child.name
                # anything with a workbook's name but a folder: a pipe or a device is reported, never opened
                if not ((child.is_symlink() or not child.is_dir()) and child.suffix.lower() in WORKBOOK_SUFFIXES
                        and not name.startswith((LOCK_PREFIX, "."))):
                    continue
                if name.lower().endswith(CHECKED_SUFFIXES):
                    reason = "annotated_copy"
                elif (child.suffix.lower() in (".xlsx", ".xlsm", ".et") and usable_size(child) is not None
                      and toolkit_marks(child).weekly):
                    reason = "weekly_workbook"
                else:
                    add(child, False)
                    continue
                if skipped is not None:
                    skipped.append(Skipped(child, reason))
            if empty is not None and before == (len(found), len(skipped) if skipped is not None else 0):
                empty.append(p)
        elif p.name.startswith(LOCK_PREFIX):
            continue  # an owner file, not a workbook
        else:
            add(p, True)
    return found


def refuse_overwriting(output: str | Path | None, paths: list[str | Path]) -> None:
    """Stop before an output (-o, --out) would replace one of the files being checked, however
    it is named (./, ../, a link): a register is never written."""
    if output is None:
        return
    target = Path(output)
    if not target.exists():
        return
    from toolkit.errors import UsageError

    for candidate in discover(paths):
        try:
            same = candidate.path.exists() and os.path.samefile(candidate.path, target)
        except OSError:
            continue
        if same:
            raise UsageError("err.output_is_input", path=str(output))


def open_in_excel_by(path: Path) -> str | None:
    """Who has the workbook open, from Excel's ``~$name`` owner file beside it (or None)."""
    from toolkit.registers.files import read_head

    for lock in (path.with_name(LOCK_PREFIX + path.name), path.with_name(LOCK_PREFIX + path.name[2:])):
        data = read_head(lock, 165)  # 165 bytes of a regular file: never a pipe, never to a device's end
        if data is None:
            continue
        if not data:
            return ""
        length = data[0]
        name = data[1:1 + length].decode("latin-1", "replace").strip()
        # Newer Excel writes the name again as UTF-16 at offset 54
        if len(data) >= 56:
            wide_len = data[54]
            wide = data[56:56 + 2 * wide_len]
            try:
                name = wide.decode("utf-16-le").strip() or name
            except UnicodeDecodeError:
                pass
        return name
    return None


def content_digest(path: Path) -> str | None:
    try:
        h = hashlib.blake2b(digest_size=16)
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None
