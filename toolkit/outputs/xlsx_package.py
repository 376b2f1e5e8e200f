"""Surgical edits of an .xlsx package (a zip of XML parts), as text.

Every part the annotator does not need to change is copied byte for byte; the parts it
changes (workbook, relationships, content types, styles, the touched worksheets, comments
and VML drawings) are edited as text, so namespace prefixes, ``mc:Ignorable`` lists,
extension lists and everything else the toolkit does not understand stay as they were.
Nothing here knows about findings: see ``toolkit.outputs.annotate``.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MARK = "http://purl.oclc.org/ooxml/"

REL_OFFICE_DOCUMENT = NS_REL + "/officeDocument"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_STYLES = NS_REL + "/styles"
REL_COMMENTS = NS_REL + "/comments"
REL_VML = NS_REL + "/vmlDrawing"
REL_TABLE = NS_REL + "/table"
REL_SIGNATURE_ORIGIN = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


class PackageError(Exception):
    """The package cannot be edited (damaged, not a workbook, Strict Open XML)."""


# ---------------------------------------------------------------- text helpers

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"}
_NEEDS_ESCAPE = re.compile("[&<>\"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    """Escape text for element content or a double-quoted attribute; drop characters XML forbids."""
    text = str(text)
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _ILLEGAL_XML.sub("", text).translate(_ESCAPES)


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # written back as UTF-8: say so in the declaration
        return re.sub(r"""^(<\?xml[^>]*encoding\s*=\s*["'])[Uu][Tt][Ff]-?16""", r"\1UTF-8", data.decode("utf-16"))
    return data.decode("utf-8")


def root_prefix(xml: str, local: str) -> str:
    """'' or 'x:' — the prefix the part's root element ``local`` is written with."""
    m = re.search(rf"<(?:([A-Za-z_][\w.\-]*):)?{local}[\s/>]", xml)
    if not m:
        raise PackageError(f"no <{local}> element")
    return f"{m.group(1)}:" if m.group(1) else ""


def ns_prefix(xml: str, uri: str) -> str | None:
    """The prefix bound to ``uri`` in the part's root start tag, or None."""
    first = re.search(r"<[A-Za-z_][^>]*>", xml)
    head = first.group(0) if first else ""
    m = re.search(r'xmlns:([A-Za-z_][\w.\-]*)\s*=\s*["\']' + re.escape(uri) + r'["\']', head)
    return m.group(1) if m else None


_ATTR = re.compile(r'([A-Za-z_][\w.\-:]*)\s*=\s*("[^"]*"|\'[^\']*\')')


def attrs(tag: str) -> dict[str, str]:
    """Attributes of a start tag, unescaped."""
    return {k: unescape(v[1:-1]) for k, v in _ATTR.findall(tag)}


def set_attr(tag: str, name: str, value: str) -> str:
    """The start tag with attribute ``name`` set (replaced in place, or added at the end)."""
    pattern = re.compile(r'(?<=\s)' + re.escape(name) + r'\s*=\s*("[^"]*"|\'[^\']*\')')
    if pattern.search(tag):
        return pattern.sub(f'{name}="{esc(value)}"', tag, count=1)
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return f'{tag[:end].rstrip()} {name}="{esc(value)}"{tag[end:]}'


def del_attr(tag: str, name: str) -> str:
    return re.sub(r'\s+' + re.escape(name) + r'\s*=\s*("[^"]*"|\'[^\']*\')', "", tag, count=1)


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def split_ref(ref: str) -> tuple[int, int]:
    """'M6' → (6, 13): row and column, 1-based."""
    m = _REF.fullmatch(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_index(m.group(1))


def ref(row: int, col: int) -> str:
    return f"{col_letters(col)}{row}"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


_TAG_REST = re.compile(r"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")


def tag_end(xml: str, pos: int) -> int:
    """The index just past the start tag whose name ends at ``pos`` (attribute values may hold '>')."""
    m = _TAG_REST.match(xml, pos)
    return m.end() if m else xml.find(">", pos) + 1


def element_span(xml: str, prefix: str, local: str, start: int = 0, end: int | None = None) -> tuple[int, int, int] | None:
    """(start of the start tag, end of the start tag, end of the element) of the first
    ``<prefix:local>`` at or after ``start``; the element may be self-closing."""
    m = re.compile(rf"<{re.escape(prefix)}{local}(?=[\s/>])").search(xml, start, len(xml) if end is None else end)
    if not m:
        return None
    gt = tag_end(xml, m.end())
    if xml[gt - 2] == "/":
        return m.start(), gt, gt
    close = xml.find(f"</{prefix}{local}>", gt)
    if close < 0:
        raise PackageError(f"<{local}> is not closed")
    return m.start(), gt, close + len(f"</{prefix}{local}>")


def top_level_children(xml: str, prefix: str, root: str) -> list[tuple[str, int, int]]:
    """(local name, start, end) of each child of the root element, in order. Content of
    ``sheetData`` is skipped without scanning it (it can be tens of megabytes)."""
    root_span = element_span(xml, prefix, root)
    if root_span is None:
        raise PackageError(f"no <{root}> element")
    pos, stop = root_span[1], xml.rfind("</")
    children = []
    tag = re.compile(r"<(/?)([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)|<!--|<\?|<!\[CDATA\[")
    depth, current = 0, None
    while True:
        m = tag.search(xml, pos, stop)
        if not m:
            break
        text = m.group(0)
        if text == "<!--":
            pos = xml.index("-->", m.end()) + 3
            continue
        if text == "<?":
            pos = xml.index("?>", m.end()) + 2
            continue
        if text == "<![CDATA[":
            pos = xml.index("]]>", m.end()) + 3
            continue
        gt = tag_end(xml, m.end()) - 1
        closing, local = m.group(1) == "/", m.group(3)
        selfclosing = xml[gt - 1] == "/"
        if depth == 0 and not closing:
            if local == "sheetData" and not selfclosing:
                end = xml.index(f"</{m.group(2) or ''}sheetData>", gt) + len(f"</{m.group(2) or ''}sheetData>")
                children.append((local, m.start(), end))
                pos = end
                continue
            current = (local, m.start())
            if selfclosing:
                children.append((local, m.start(), gt + 1))
                current = None
            else:
                depth = 1
        elif closing:
            depth -= 1
            if depth == 0 and current:
                children.append((current[0], current[1], gt + 1))
                current = None
        elif not selfclosing:
            depth += 1
        pos = gt + 1
    return children


def insert_child(xml: str, prefix: str, root: str, element: str, before: tuple[str, ...]) -> str:
    """Insert ``element`` as a child of the root, before the first child named in ``before``
    (the schema's order), or at the end."""
    for local, start, _ in top_level_children(xml, prefix, root):
        if local in before:
            return xml[:start] + element + xml[start:]
        if local == "AlternateContent" and _alternate_holds(xml[start:_], before):
            return xml[:start] + element + xml[start:]
    close = xml.rfind(f"</{prefix}{root}>")
    return xml[:close] + element + xml[close:]


def _alternate_holds(fragment: str, names: tuple[str, ...]) -> bool:
    m = re.search(r"<mc:Choice[^>]*>\s*<(?:[\w.\-]+:)?([\w.\-]+)", fragment)
    return bool(m and m.group(1) in names)


# ---------------------------------------------------------------- the package

@dataclass(slots=True)
class Rel:
    id: str
    type: str
    target: str
    external: bool = False


def rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    """The part name a relationship of ``source_part`` points to."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def relative(source_part: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source_part) or ".")


class Package:
    """An .xlsx read into memory: parts by name, in their original order."""

    def __init__(self, path: str | Path):
        try:
            with zipfile.ZipFile(path) as zf:
                self.infos = zf.infolist()
                self.parts: dict[str, bytes] = {i.filename: zf.read(i) for i in self.infos if not i.is_dir()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError) as exc:
            raise PackageError(f"damaged package ({exc})") from None
        self.changed: set[str] = set()
        self.removed: set[str] = set()
        if "[Content_Types].xml" not in self.parts:
            raise PackageError("no [Content_Types].xml: not an Office package")
        root_rels = self.rels("")
        office = [r for r in root_rels if r.type.endswith("/officeDocument")]
        if not office:
            raise PackageError("no workbook part in the package")
        if office[0].type.startswith(STRICT_MARK):
            raise PackageError("Strict Open XML workbook")
        self.workbook = resolve("", office[0].target)
        if self.workbook not in self.parts:
            raise PackageError(f"the workbook part {self.workbook} is missing")

    # -- parts
    def text(self, name: str) -> str:
        return decode(self.parts[name])

    def set_text(self, name: str, xml: str) -> None:
        self.parts[name] = xml.encode("utf-8")
        self.changed.add(name)

    def remove(self, name: str) -> None:
        if self.parts.pop(name, None) is not None:
            self.removed.add(name)

    def unique_name(self, pattern: str) -> str:
        """The first free part name of ``pattern`` ('xl/comments{}.xml'), numbered from 1."""
        n = 1
        taken = {p.lower() for p in self.parts}
        while pattern.format(n).lower() in taken:
            n += 1
        return pattern.format(n)

    # -- relationships
    def rels(self, part: str) -> list[Rel]:
        name = "_rels/.rels" if part == "" else rels_part(part)
        if name not in self.parts:
            return []
        out = []
        for tag in re.findall(r"<(?:[\w.\-]+:)?Relationship\b[^>]*>", self.text(name)):
            a = attrs(tag)
            out.append(Rel(a.get("Id", ""), a.get("Type", ""), a.get("Target", ""),
                           a.get("TargetMode", "").lower() == "external"))
        return out

    def add_rel(self, part: str, rel_type: str, target_part: str) -> str:
        """Add a relationship from ``part`` to ``target_part``; return its new Id."""
        name = rels_part(part)
        ids = {r.id for r in self.rels(part)}
        n = len(ids) + 1
        while f"rId{n}" in ids:
            n += 1
        rid = f"rId{n}"
        element = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{esc(relative(part, target_part))}"/>'
        if name in self.parts:
            xml = self.text(name)
            prefix = root_prefix(xml, "Relationships")
            if prefix:
                element = element.replace("<Relationship ", f"<{prefix}Relationship ")
            if re.search(rf"<{re.escape(prefix)}Relationships\b[^>]*/>", xml):
                xml = re.sub(rf"(<{re.escape(prefix)}Relationships\b[^>]*?)\s*/>",
                             lambda m: f"{m.group(1)}>{element}</{prefix}Relationships>", xml, count=1)
            else:
                close = xml.rfind(f"</{prefix}Relationships>")
                xml = xml[:close] + element + xml[close:]
        else:
            xml = f'{XML_DECL}<Relationships xmlns="{NS_PKG_REL}">{element}</Relationships>'
        self.set_text(name, xml)
        return rid

    def remove_rel(self, part: str, rel_id: str) -> None:
        name = "_rels/.rels" if part == "" else rels_part(part)
        xml = self.text(name)
        xml = re.sub(r'<(?:[\w.\-]+:)?Relationship\b[^>]*\bId\s*=\s*["\']' + re.escape(rel_id) + r'["\'][^>]*>', "", xml)
        self.set_text(name, xml)

    def rel_target(self, part: str, rel_id: str) -> str | None:
        for r in self.rels(part):
            if r.id == rel_id and not r.external:
                return resolve(part, r.target)
        return None

    # -- content types
    def add_override(self, part: str, content_type: str) -> None:
        xml = self.text("[Content_Types].xml")
        if re.search(r'PartName\s*=\s*["\']/' + re.escape(part) + r'["\']', xml, re.IGNORECASE):
            return
        self._add_type(f'<Override PartName="/{esc(part)}" ContentType="{content_type}"/>')

    def add_default(self, extension: str, content_type: str) -> None:
        xml = self.text("[Content_Types].xml")
        if re.search(r'Extension\s*=\s*["\']' + re.escape(extension) + r'["\']', xml, re.IGNORECASE):
            return
        self._add_type(f'<Default Extension="{extension}" ContentType="{content_type}"/>')

    def remove_override(self, part: str) -> None:
        xml = self.text("[Content_Types].xml")
        xml = re.sub(r'<(?:[\w.\-]+:)?Override\b[^>]*PartName\s*=\s*["\']/' + re.escape(part) + r'["\'][^>]*>', "", xml,
                     flags=re.IGNORECASE)
        self.set_text("[Content_Types].xml", xml)

    def _add_type(self, element: str) -> None:
        xml = self.text("[Content_Types].xml")
        prefix = root_prefix(xml, "Types")
        if prefix:
            element = element.replace("<", f"<{prefix}", 1)
        close = xml.rfind(f"</{prefix}Types>")
        self.set_text("[Content_Types].xml", xml[:close] + element + xml[close:])

    # -- writing
    def save(self, path: str | Path) -> None:
        """Write the package: original parts in their original order (unchanged bytes for
        the parts nobody touched), then the new parts."""
        written = set()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for info in self.infos:
                name = info.filename
                if info.is_dir() or name not in self.parts:
                    continue
                out = zipfile.ZipInfo(name, info.date_time)
                out.compress_type = info.compress_type if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) else zipfile.ZIP_DEFLATED
                out.external_attr = info.external_attr
                zf.writestr(out, self.parts[name], compresslevel=1 if len(self.parts[name]) > 4_000_000 else 6)
                written.add(name)
            for name in self.parts:
                if name in written:
                    continue
                out = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                out.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(out, self.parts[name])
                written.add(name)


# ---------------------------------------------------------------- styles

_STYLE_SECTIONS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                   "tableStyles", "colors", "extLst")
_ITEMS = {"fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"}

MINIMAL_STYLES = (
    f'{XML_DECL}<styleSheet xmlns="{NS_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


class Styles:
    """styles.xml edited by appending: the clerk's fonts, fills, borders and cell formats keep
    their indexes; new ones go at the end (an identical one already there is reused)."""

    def __init__(self, xml: str):
        self.xml = xml
        self.p = root_prefix(xml, "styleSheet")
        self.items: dict[str, list[str]] = {}
        self.grown: set[str] = set()
        for section, item in _ITEMS.items():
            span = element_span(xml, self.p, section)
            if span is None or span[1] == span[2]:
                self.items[section] = []
                continue
            inner = xml[span[1]: span[2] - len(f"</{self.p}{section}>")]
            self.items[section] = re.findall(
                rf"<{re.escape(self.p)}{item}(?=[\s/>])(?:[^>]*?/>|.*?</{re.escape(self.p)}{item}>)", inner, re.S)

    def add(self, section: str, item: str) -> int:
        items = self.items[section]
        if item in items:
            return items.index(item)
        items.append(item)
        self.grown.add(section)
        return len(items) - 1

    # -- building blocks, in the part's own prefix
    def _el(self, text: str) -> str:
        return re.sub(r"<(/?)(?=[A-Za-z])", lambda m: f"<{m.group(1)}{self.p}", text) if self.p else text

    def fill(self, rgb: str) -> int:
        return self.add("fills", self._el(
            f'<fill><patternFill patternType="solid"><fgColor rgb="{rgb}"/><bgColor indexed="64"/></patternFill></fill>'))

    def font(self, *, bold: bool = False, underline: bool = False, rgb: str | None = None, size: float | None = None) -> int:
        base = self.items["fonts"][0] if self.items["fonts"] else ""

        def val(name):
            m = re.search(rf"<{re.escape(self.p)}{name}\b[^>]*\bval\s*=\s*[\"']([^\"']*)", base)
            return m.group(1) if m else None

        parts = []
        if bold:
            parts.append("<b/>")
        if underline:
            parts.append('<u/>')
        parts.append(f'<sz val="{size or val("sz") or 11}"/>')
        parts.append(f'<color rgb="{rgb}"/>' if rgb else '<color theme="1"/>')
        parts.append(f'<name val="{esc(val("name") or "Calibri")}"/>')
        for name in ("family", "charset", "scheme"):
            if val(name):
                parts.append(f'<{name} val="{esc(val(name))}"/>')
        return self.add("fonts", self._el("<font>" + "".join(parts) + "</font>"))

    def border(self, rgb: str) -> int:
        side = "".join(f'<{s} style="thin"><color rgb="{rgb}"/></{s}>' for s in ("left", "right", "top", "bottom"))
        return self.add("borders", self._el(f"<border>{side}<diagonal/></border>"))

    def xf(self, *, font: int = 0, fill: int = 0, border: int = 0, num_fmt: int = 0, wrap: bool = False,
           vertical: str | None = "top", horizontal: str | None = None) -> int:
        align = ""
        if wrap or vertical or horizontal:
            align = "<alignment" + (f' horizontal="{horizontal}"' if horizontal else "") + (
                f' vertical="{vertical}"' if vertical else "") + (' wrapText="1"' if wrap else "") + "/>"
        tag = (f'<xf numFmtId="{num_fmt}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
               + (' applyNumberFormat="1"' if num_fmt else "") + (' applyFont="1"' if font else "")
               + (' applyFill="1"' if fill else "") + (' applyBorder="1"' if border else "")
               + (' applyAlignment="1"' if align else ""))
        return self.add("cellXfs", self._el(tag + (f">{align}</xf>" if align else "/>")))

    def with_fill(self, base: int, fill: int) -> int:
        """A copy of cell format ``base`` (number format, font, border, alignment, protection)
        with ``fill`` as its fill."""
        xfs = self.items["cellXfs"]
        if not xfs:
            self.xf()
        src = xfs[base] if 0 <= base < len(xfs) else xfs[0]
        m = re.search(r"\bfillId\s*=\s*[\"'](\d+)", src[: src.find(">") + 1])
        if m and int(m.group(1)) == fill:
            return base if 0 <= base < len(xfs) else 0
        end = src.find(">") + 1
        if src[end - 2] == "/":
            tag, rest = src[: end], ""
        else:
            tag, rest = src[:end], src[end:]
        tag = set_attr(set_attr(tag, "fillId", str(fill)), "applyFill", "1")
        return self.add("cellXfs", tag + rest)

    def render(self) -> str:
        xml = self.xml
        spans = []
        for section in self.grown:
            span = element_span(xml, self.p, section)
            spans.append((section, span))
        # replace from the end so earlier offsets stay valid; missing sections are inserted
        for section, span in sorted(spans, key=lambda s: -(s[1][0] if s[1] else _missing_at(xml, self.p, s[0]))):
            items = self.items[section]
            body = "".join(items)
            if span is None:
                at = _missing_at(xml, self.p, section)
                xml = xml[:at] + f'<{self.p}{section} count="{len(items)}">{body}</{self.p}{section}>' + xml[at:]
                continue
            start, gt, end = span
            tag = xml[start:gt]
            if tag.endswith("/>"):
                tag = tag[:-2].rstrip() + ">"
            tag = set_attr(tag, "count", str(len(items)))
            xml = xml[:start] + tag + body + f"</{self.p}{section}>" + xml[end:]
        return xml


def _missing_at(xml: str, p: str, section: str) -> int:
    later = _STYLE_SECTIONS[_STYLE_SECTIONS.index(section) + 1:]
    for name in later:
        span = element_span(xml, p, name)
        if span:
            return span[0]
    return xml.rfind(f"</{p}styleSheet>")


# ---------------------------------------------------------------- worksheet cells

_R_ATTR = re.compile(r"""\sr\s*=\s*["']\$?([A-Za-z]*)\$?(\d*)""")
_S_ATTR = re.compile(r"""\ss\s*=\s*["'](\d+)""")


def _column_styles(xml: str, p: str, before: int) -> list[tuple[int, int, int]]:
    span = element_span(xml, p, "cols", 0, before)
    if span is None:
        return []
    out = []
    for tag in re.findall(rf"<{re.escape(p)}col(?=[\s/>])[^>]*>", xml[span[0]:span[2]]):
        a = attrs(tag)
        if "style" in a:
            try:
                out.append((int(a.get("min", 0)), int(a.get("max", 0)), int(a["style"])))
            except ValueError:
                pass
    return out


def edit_worksheet(raw: bytes, targets: dict[int, dict[int, object]], restyle, finish=None) -> bytes:
    """Give each target cell (row → column → payload) the format ``restyle(current xf, payload)``,
    then let ``finish(skeleton)`` edit the rest of the sheet.

    Only the start tags of the target cells change (their ``s``); a target cell that is not
    in the sheet yet is inserted in column order, in a new row where the row is missing.
    The cell data (tens of megabytes for a big register) stays bytes: only the target rows
    are decoded. ``finish`` gets the sheet as text with an empty ``<sheetData/>`` standing
    for the data (small, whatever the register's size) and returns it edited."""
    if not raw.startswith(b"<") or raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        raw = decode(raw).encode("utf-8")
    m = re.search(rb"<(?:([A-Za-z_][\w.\-]*):)?sheetData(?=[\s/>])", raw)
    if m is None:
        raise PackageError("a worksheet without sheetData")
    p = (m.group(1).decode() + ":") if m.group(1) else ""
    gt = raw.index(b">", m.end()) + 1
    selfclosing = raw[gt - 2:gt] == b"/>"
    close_tag = f"</{p}sheetData>".encode()
    if selfclosing:
        body, after = b"", gt
    else:
        close = raw.rindex(close_tag)
        body, after = raw[gt:close], close + len(close_tag)
    placeholder = f"<{p}sheetData/>"
    skeleton = raw[:m.start()].decode("utf-8") + placeholder + raw[after:].decode("utf-8")
    col_styles = _column_styles(skeleton, p, len(raw[:m.start()].decode("utf-8")))

    def column_style(col: int) -> int:
        for lo, hi, style in col_styles:
            if lo <= col <= hi:
                return style
        return 0

    def new_row(row: int) -> bytes:
        cells = "".join(f'<{p}c r="{ref(row, c)}" s="{restyle(column_style(c), payload)}"/>'
                        for c, payload in sorted(targets[row].items()))
        return f'<{p}row r="{row}">{cells}</{p}row>'.encode()

    rows_wanted = sorted(targets)
    out: list[bytes] = []
    i = 0
    if rows_wanted:
        close_row = f"</{p}row>".encode()
        last = 0
        prev_row = 0
        wanted_set = set(rows_wanted)
        first_wanted = rows_wanted[0]
        for rm in _row_start(p).finditer(body):
            number = int(rm.group(1)) if rm.group(1) else prev_row + 1
            prev_row = number
            if number < first_wanted:
                continue
            while i < len(rows_wanted) and rows_wanted[i] < number:
                out.append(body[last:rm.start()])
                out.append(new_row(rows_wanted[i]))
                last = rm.start()
                i += 1
            if number in wanted_set and i < len(rows_wanted) and rows_wanted[i] == number:
                tag = rm.group(0).decode("utf-8")
                row_end = rm.end() if tag.endswith("/>") else body.index(close_row, rm.end()) + len(close_row)
                inner = "" if tag.endswith("/>") else body[rm.end():row_end - len(close_row)].decode("utf-8")
                out.append(body[last:rm.start()])
                out.append(_edit_row(p, tag, inner, number, targets[number], restyle, column_style).encode("utf-8"))
                last = row_end
                i += 1
            if i == len(rows_wanted):
                break
            first_wanted = rows_wanted[i]
        out.append(body[last:])
    else:
        out.append(body)
    out.extend(new_row(r) for r in rows_wanted[i:])
    skeleton = _grow_dimension(skeleton, p, targets)
    if finish is not None:
        skeleton = finish(skeleton)
    before, _, rest = skeleton.partition(placeholder)
    return b"".join([before.encode("utf-8"), f"<{p}sheetData>".encode(), *out, close_tag, rest.encode("utf-8")])


@functools.lru_cache(maxsize=16)
def _row_start(p: str) -> re.Pattern:
    """A row's start tag, its number (when written) in group 1."""
    return re.compile(rf"""<{re.escape(p)}row(?=[\s/>])(?:[^>]*?\sr\s*=\s*["'](\d+)["'])?[^>]*>""".encode())


@functools.lru_cache(maxsize=16)
def _cell_tag(p: str) -> re.Pattern:
    """A cell's start tag (cells hold no elements named c), its column letters in group 1."""
    return re.compile(rf"""<{re.escape(p)}c(?=[\s/>])(?:[^>]*?\sr\s*=\s*["']\$?([A-Za-z]+))?[^>]*>""")


def _edit_row(p, tag, inner, number, cols, restyle, column_style) -> str:
    a = attrs(tag)
    row_style = int(a["s"]) if a.get("customFormat") in ("1", "true") and a.get("s", "").isdigit() else None

    def base_for_new(col):
        return row_style if row_style is not None else column_style(col)

    wanted = sorted(cols)
    pieces: list[str] = []
    last = 0
    prev_col = 0
    i = 0
    added = []
    for m in _cell_tag(p).finditer(inner):
        col = col_index(m.group(1)) if m.group(1) else prev_col + 1
        prev_col = col
        if col < wanted[i]:
            continue
        while i < len(wanted) and wanted[i] < col:
            pieces.append(inner[last:m.start()])
            pieces.append(f'<{p}c r="{ref(number, wanted[i])}" s="{restyle(base_for_new(wanted[i]), cols[wanted[i]])}"/>')
            added.append(wanted[i])
            last = m.start()
            i += 1
        if i < len(wanted) and wanted[i] == col:
            ctag = m.group(0)
            sm = _S_ATTR.search(ctag)
            base = int(sm.group(1)) if sm else 0
            pieces.append(inner[last:m.start()])
            pieces.append(set_attr(ctag, "s", str(restyle(base, cols[col]))))
            last = m.end()
            i += 1
        if i == len(wanted):
            break
    pieces.append(inner[last:])
    for col in wanted[i:]:
        pieces.append(f'<{p}c r="{ref(number, col)}" s="{restyle(base_for_new(col), cols[col])}"/>')
        added.append(col)
    if added and "spans" in a:
        try:
            bounds = [int(x) for part in a["spans"].split() for x in part.split(":")]
            tag = set_attr(tag, "spans", f"{min(bounds + added)}:{max(bounds + added)}")
        except ValueError:
            tag = del_attr(tag, "spans")
    if tag.endswith("/>"):
        tag = tag[:-2].rstrip() + ">"
    return tag + "".join(pieces) + f"</{p}row>"


def _grow_dimension(xml: str, p: str, targets: dict[int, dict[int, object]]) -> str:
    m = re.search(rf"<{re.escape(p)}dimension\b[^>]*>", xml)
    if not m or not targets:
        return xml
    value = attrs(m.group(0)).get("ref", "")
    try:
        corners = [split_ref(x) for x in value.split(":")] if value else []
    except ValueError:
        return xml
    rows = [r for r, _ in corners] + list(targets)
    cols = [c for _, c in corners] + [c for cs in targets.values() for c in cs]
    new = f"{ref(min(rows), min(cols))}:{ref(max(rows), max(cols))}"
    if new == value or (len(corners) == 1 and new == f"{value}:{value}"):
        return xml
    return xml[:m.start()] + set_attr(m.group(0), "ref", new) + xml[m.end():]


def untab(xml: str, p: str) -> str:
    """The sheet with ``tabSelected`` removed from its sheet views (another sheet becomes active)."""
    span = element_span(xml, p, "sheetViews")
    if span is None:
        return xml
    views = xml[span[0]:span[2]]
    new = re.sub(r"""\s+tabSelected\s*=\s*["'](?:1|true)["']""", "", views)
    return xml if new == views else xml[:span[0]] + new + xml[span[2]:]


# ---------------------------------------------------------------- cell notes (comments)

_VML_NS = {"v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office",
           "x": "urn:schemas-microsoft-com:office:excel"}
_NOTE_SHAPETYPE = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
                   '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')
_LEGACY_AFTER = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst")


@dataclass(slots=True)
class Note:
    head: str  # bold first line
    body: str
    lines: int = 4  # how tall the note box is, in rows


def _runs(p: str, head: str, body: str, lead: str = "") -> str:
    font = f'<{p}sz val="9"/><{p}color indexed="81"/><{p}rFont val="Tahoma"/><{p}family val="2"/>'
    return (f'<{p}r><{p}rPr><{p}b/>{font}</{p}rPr><{p}t xml:space="preserve">{esc(lead + head)}</{p}t></{p}r>'
            f'<{p}r><{p}rPr>{font}</{p}rPr><{p}t xml:space="preserve">{esc(chr(10) + body)}</{p}t></{p}r>')


def add_notes(pkg: Package, sheet_part: str, notes: dict[tuple[int, int], Note], author: str,
              xml: str | None = None) -> str:
    """Put a note (legacy comment) on each cell of ``notes``; return the new sheet XML.

    A cell that already has the clerk's note keeps it: the new text is added below it.
    A note written earlier by ``author`` is replaced. The sheet's comments part and VML
    drawing are extended, or created when the sheet has none. ``xml`` is the sheet as
    edited so far (default: as stored)."""
    xml = pkg.text(sheet_part) if xml is None else xml
    p = root_prefix(xml, "worksheet")
    rels = pkg.rels(sheet_part)
    comments_part = next((resolve(sheet_part, r.target) for r in rels if r.type.endswith("/comments") and not r.external), None)
    vml_part = None
    ld = re.search(rf"<{re.escape(p)}legacyDrawing\b[^>]*>", xml)
    if ld:
        rid = next((v for k, v in attrs(ld.group(0)).items() if k.endswith(":id") or k == "id"), None)
        vml_part = pkg.rel_target(sheet_part, rid) if rid else None
        if vml_part not in pkg.parts:
            vml_part = None

    # -- the comments part
    if comments_part is None or comments_part not in pkg.parts:
        comments_part = pkg.unique_name("xl/comments{}.xml")
        pkg.set_text(comments_part, f'{XML_DECL}<comments xmlns="{NS_MAIN}"><authors></authors><commentList></commentList></comments>')
        pkg.add_rel(sheet_part, REL_COMMENTS, comments_part)
        pkg.add_override(comments_part, CT_COMMENTS)
    cxml = pkg.text(comments_part)
    cp = root_prefix(cxml, "comments")
    authors_span = element_span(cxml, cp, "authors")
    authors = [] if authors_span is None or authors_span[1] == authors_span[2] else [
        unescape(a) for a in re.findall(rf"<{re.escape(cp)}author(?:\s[^>]*)?>(.*?)</{re.escape(cp)}author>",
                                         cxml[authors_span[1]:authors_span[2]], re.S)]
    if author in authors:
        author_id = authors.index(author)
    else:
        author_id = len(authors)
        authors.append(author)
    author_block = f"<{cp}authors>" + "".join(f"<{cp}author>{esc(a)}</{cp}author>" for a in authors) + f"</{cp}authors>"
    list_span = element_span(cxml, cp, "commentList")
    existing = [] if list_span is None or list_span[1] == list_span[2] else re.findall(
        rf"<{re.escape(cp)}comment(?=[\s/>]).*?</{re.escape(cp)}comment>", cxml[list_span[1]:list_span[2]], re.S)
    by_cell: dict[tuple[int, int], str] = {}
    order: list[tuple[int, int]] = []
    for item in existing:
        a = attrs(item[: item.find(">") + 1])
        try:
            key = split_ref(a.get("ref", ""))
        except ValueError:
            key = (0, len(order))
        by_cell[key] = item
        order.append(key)
    new_shapes = []
    for key, note in notes.items():
        item = by_cell.get(key)
        if item is None:
            by_cell[key] = (f'<{cp}comment ref="{ref(*key)}" authorId="{author_id}"><{cp}text>'
                            f'{_runs(cp, note.head, note.body)}</{cp}text></{cp}comment>')
            order.append(key)
            new_shapes.append((key, note))
            continue
        tag = item[: item.find(">") + 1]
        if attrs(tag).get("authorId") == str(author_id):
            by_cell[key] = f"{tag}<{cp}text>{_runs(cp, note.head, note.body)}</{cp}text></{cp}comment>"
            continue
        tspan = element_span(item, cp, "text")
        if tspan is None or tspan[1] == tspan[2]:
            by_cell[key] = f"{tag}<{cp}text>{_runs(cp, note.head, note.body)}</{cp}text></{cp}comment>"
            continue
        inner = item[tspan[1]: tspan[2] - len(f"</{cp}text>")]
        bare = re.match(rf"\s*(<{re.escape(cp)}t(?=[\s>])[^>]*>.*?</{re.escape(cp)}t>|<{re.escape(cp)}t\s*/>)", inner, re.S)
        if bare:  # a plain <t> cannot sit beside runs: make it the first run
            inner = f"<{cp}r>{bare.group(1)}</{cp}r>" + inner[bare.end():]
        by_cell[key] = (item[:tspan[1]] + inner + _runs(cp, note.head, note.body, lead="\n\n")
                        + item[tspan[2] - len(f"</{cp}text>"):])
    body = "".join(by_cell[k] for k in sorted(dict.fromkeys(order)))
    comment_list = f"<{cp}commentList>{body}</{cp}commentList>"
    if list_span is None:
        close = cxml.rfind(f"</{cp}comments>")
        cxml = cxml[:close] + comment_list + cxml[close:]
    else:
        cxml = cxml[:list_span[0]] + comment_list + cxml[list_span[2]:]
    authors_span = element_span(cxml, cp, "authors")
    if authors_span is None:
        at = cxml.find(">", cxml.find(f"<{cp}comments")) + 1
        cxml = cxml[:at] + author_block + cxml[at:]
    else:
        cxml = cxml[:authors_span[0]] + author_block + cxml[authors_span[2]:]
    pkg.set_text(comments_part, cxml)

    # -- the VML drawing that shows them
    if not new_shapes and vml_part is not None:
        return xml
    blocks_used = set()
    for name in pkg.parts:
        if name.lower().endswith(".vml"):
            for data in re.findall(r"""<o:idmap\b[^>]*\bdata\s*=\s*["']([^"']*)""", decode_lenient(pkg.parts[name])):
                blocks_used.update(int(x) for x in re.findall(r"\d+", data))
    first = max(blocks_used, default=0) + 1
    blocks = list(range(first, first + max(1, (len(new_shapes) + 1022) // 1023)))
    shapes = []
    for i, (key, note) in enumerate(new_shapes):
        block = blocks[i // 1023]
        shapes.append(_note_shape(block * 1024 + 1 + i % 1023, i + 1, key, note))
    if vml_part is None:
        vml_part = pkg.unique_name("xl/drawings/vmlDrawing{}.vml")
        vml = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
               'xmlns:x="urn:schemas-microsoft-com:office:excel">'
               f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{",".join(map(str, blocks))}"/></o:shapelayout>'
               + _NOTE_SHAPETYPE + "".join(shapes) + "</xml>")
        pkg.set_text(vml_part, vml)
        pkg.add_default("vml", CT_VML)
        rid = pkg.add_rel(sheet_part, REL_VML, vml_part)
        r = ns_prefix(xml, NS_REL)
        element = (f'<{p}legacyDrawing {r}:id="{rid}"/>' if r else
                   f'<{p}legacyDrawing xmlns:r="{NS_REL}" r:id="{rid}"/>')
        return insert_child(xml, p, "worksheet", element, _LEGACY_AFTER)
    vml = decode_lenient(pkg.parts[vml_part])
    root = re.search(r"<xml\b[^>]*>", vml)
    if root is None:
        raise PackageError(f"{vml_part} is not a VML drawing")
    tag = root.group(0)
    for prefix, uri in _VML_NS.items():
        if f"xmlns:{prefix}=" not in tag:
            tag = set_attr(tag, f"xmlns:{prefix}", uri)
    vml = vml[:root.start()] + tag + vml[root.end():]
    idmap = re.search(r"""(<o:idmap\b[^>]*\bdata\s*=\s*["'])([^"']*)""", vml)
    if idmap:
        vml = vml[:idmap.end()] + "," + ",".join(map(str, blocks)) + vml[idmap.end():]
    else:
        at = vml.find(">", root.start()) + 1
        vml = (vml[:at] + f'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{",".join(map(str, blocks))}"/>'
               '</o:shapelayout>' + vml[at:])
    extra = "" if re.search(r"""id\s*=\s*["']_x0000_t202["']""", vml) else _NOTE_SHAPETYPE
    close = vml.rfind("</xml>")
    if close < 0:
        raise PackageError(f"{vml_part} is not a VML drawing")
    pkg.parts[vml_part] = (vml[:close] + extra + "".join(shapes) + vml[close:]).encode("utf-8")
    pkg.changed.add(vml_part)
    return xml


def decode_lenient(data: bytes) -> str:
    """VML parts are not always well-formed or even UTF-8: read them without failing."""
    try:
        return decode(data)
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _note_shape(number: int, z: int, key: tuple[int, int], note: Note) -> str:
    row, col = key
    top = max(row - 2, 0)
    height = max(3, min(note.lines, 16))
    anchor = f"{col}, 15, {top}, 10, {col + 4}, 15, {top + height}, 4"
    return (f'<v:shape id="_x0000_s{number}" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;'
            f'width:220pt;height:{height * 15}pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
            '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f'<x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>'
            f'<x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData></v:shape>')
