"""XML text of a package's parts, read and edited as text: escaping, attributes, the prefix a
part's elements are written with, an element's span. Edits leave namespace prefixes,
``mc:Ignorable`` lists and whatever else the toolkit does not understand as they were."""

from __future__ import annotations

import re
from html import unescape

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


class PackageError(Exception):
    """The package cannot be edited (damaged, not a workbook, Strict Open XML)."""


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


def decode_lenient(data: bytes) -> str:
    """VML parts are not always well-formed or even UTF-8: read them without failing."""
    try:
        return decode(data)
    except UnicodeDecodeError:
        return data.decode("latin-1")
