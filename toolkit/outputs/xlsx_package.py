"""Surgical edits of an .xlsx package's parts, as text: styles appended to, target cells
restyled in a worksheet, notes (legacy comments) added with their VML drawing.

The package itself (parts, relationships, content types, saving) is ``toolkit.ooxml``;
every part these edits do not change is copied byte for byte. Nothing here knows about
findings: see ``toolkit.outputs.annotate``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import unescape

from toolkit.ooxml.cells import cell_ref, column_number, split_ref
from toolkit.ooxml.package import CT_COMMENTS, CT_VML, NS_MAIN, NS_REL, REL_COMMENTS, REL_VML, Package, resolve
from toolkit.ooxml.xml import (
    XML_DECL, PackageError, attrs, decode, decode_lenient, del_attr, element_span, esc, insert_child, ns_prefix,
    root_prefix, set_attr,
)

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
        cells = "".join(f'<{p}c r="{cell_ref(row, c)}" s="{restyle(column_style(c), payload)}"/>'
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
        col = column_number(m.group(1)) if m.group(1) else prev_col + 1
        prev_col = col
        if col < wanted[i]:
            continue
        while i < len(wanted) and wanted[i] < col:
            pieces.append(inner[last:m.start()])
            pieces.append(f'<{p}c r="{cell_ref(number, wanted[i])}" s="{restyle(base_for_new(wanted[i]), cols[wanted[i]])}"/>')
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
        pieces.append(f'<{p}c r="{cell_ref(number, col)}" s="{restyle(base_for_new(col), cols[col])}"/>')
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
    new = f"{cell_ref(min(rows), min(cols))}:{cell_ref(max(rows), max(cols))}"
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
            by_cell[key] = (f'<{cp}comment ref="{cell_ref(*key)}" authorId="{author_id}"><{cp}text>'
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
