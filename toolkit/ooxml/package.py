"""The .xlsx container: a zip of parts tied together by relationships.

``Package`` reads a whole package into memory for editing (the annotated copy); the
functions beside it read a relationships part, resolve a relationship's target and name a
part's relationships part, for any reader of the package (the pre-read scan, the marks)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.ooxml.xml import XML_DECL, PackageError, attrs, decode, esc, root_prefix

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


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool = False


_RELATIONSHIP = re.compile(r"<(?:[\w.\-]+:)?Relationship\b[^>]*>")


def relationships(xml: str) -> list[Relationship]:
    """The relationships a ``.rels`` part lists, in order."""
    out = []
    for tag in _RELATIONSHIP.findall(xml):
        a = attrs(tag)
        out.append(Relationship(a.get("Id", ""), a.get("Type", ""), a.get("Target", ""),
                                a.get("TargetMode", "").lower() == "external"))
    return out


def rels_part(part: str) -> str:
    """The part listing ``part``'s relationships ('' for the package's own: _rels/.rels)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    """The part name a relationship of ``source_part`` points to."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def office_document(package_rels: list[Relationship]) -> Relationship | None:
    """The package's relationship to its workbook part (None when it has none)."""
    return next((r for r in package_rels if r.type.endswith("/officeDocument")), None)


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
        office = office_document(self.rels(""))
        if office is None:
            raise PackageError("no workbook part in the package")
        if office.type.startswith(STRICT_MARK):
            raise PackageError("Strict Open XML workbook")
        self.workbook = resolve("", office.target)
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
    def rels(self, part: str) -> list[Relationship]:
        name = rels_part(part)
        if name not in self.parts:
            return []
        return relationships(self.text(name))

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
        name = rels_part(part)
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

