"""What each recipient of the weekly digest gets: one filter over the week's lists, used by the
workbook (its sheets and columns) and the digest (its text), never a copy of either.

Minimum necessary (China's Personal Information Protection Law, art. 6): each recipient gets the
lists their job needs and no customer data beyond them. The supervisor ([weekly] to) gets
everything; finance the hand-over list (the order, the room, the fee; not the customer);
engineering the unfinished orders (not the customer's name or phone: dispatch goes through the
centre). Customers' phones stay on the lists someone calls from (the return visits, the owner's
complaint reminders).
"""

from __future__ import annotations

import ntpath
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from toolkit.outputs.weekly_tables import Table

FULL, FINANCE, ENGINEERING = "full", "finance", "engineering"


@dataclass(frozen=True, slots=True)
class Part:
    audience: str
    sections: tuple[str, ...] | None  # the lists it gets; None: all, with the summary and statistics
    hidden: frozenset[str] = frozenset()  # columns left out of those lists

    @property
    def whole(self) -> bool:
        return self.sections is None and not self.hidden


PARTS = {
    FULL: Part(FULL, None),
    FINANCE: Part(FINANCE, ("finance_handover",), frozenset({"customer"})),
    ENGINEERING: Part(ENGINEERING, ("unfinished",), frozenset({"customer", "phone"})),
}


def part_tables(tables: list[Table], part: Part) -> list[Table]:
    """The lists ``part`` gets, without its hidden columns (the whole list objects when nothing is hidden)."""
    if part.whole:
        return tables
    out = []
    for tb in tables:
        if part.sections is not None and tb.key not in part.sections:
            continue
        keep = [i for i, c in enumerate(tb.columns) if c.key not in part.hidden]
        if len(keep) == len(tb.columns):
            out.append(tb)
            continue
        rows = [[row[i] for i in keep] for row in tb.rows]
        out.append(Table(tb.key, tb.title, [tb.columns[i] for i in keep], rows, list(tb.sources)))
    return out


# ---- where the rows link to, from a mailed workbook ------------------------------------------

@dataclass(frozen=True, slots=True)
class LinkReach:
    """Where the registers the rows link to live, as seen from a recipient's computer."""

    folder: str  # the registers' folder (their common parent), as the links name it
    shared: bool  # on a network share (a UNC path): the links open from any computer on the network


def is_network_path(path: str) -> bool:
    r"""A UNC path (\\server\share\…): on Windows a mapped drive resolves to one."""
    return path.startswith(("\\\\", "//"))


def link_reach(paths) -> LinkReach | None:
    """None when no row links anywhere; else the registers' folder and whether others reach it."""
    # as the links name them: absolute (a path typed relative resolves from here, as the links do)
    paths = sorted({str(p) if is_network_path(str(p)) else str(Path(p).resolve()) for p in paths})
    if not paths:
        return None
    flavour = ntpath if os.name == "nt" or any(is_network_path(p) for p in paths) else posixpath
    parents = list(dict.fromkeys(flavour.dirname(p) for p in paths))
    try:
        folder = flavour.commonpath(parents) if len(parents) > 1 else parents[0]
    except ValueError:  # registers on several drives
        folder = "; ".join(parents)
    return LinkReach(folder, all(is_network_path(p) for p in paths))


def absolute_target(path: str) -> str:
    r"""A hyperlink target that works wherever the workbook is opened from (a mail attachment): a
    file URI of the register's absolute path. Windows paths are written as Excel writes them,
    file:///C:\…\x.xlsx and file:///\\server\share\…\x.xlsx (Office resolves a mapped drive to
    its UNC path too); elsewhere a percent-encoded file:///srv/… URI."""
    if is_network_path(path) and os.name != "nt":  # a UNC path named on another system: as it is
        text = path
    else:
        src = Path(path).resolve()
        if os.name != "nt":
            return src.as_uri()
        text = str(src)
    return "file:///" + text.replace("%", "%25").replace("#", "%23").replace(" ", "%20")
