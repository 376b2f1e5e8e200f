"""The OOXML container (.xlsx, .xlsm), read and edited as parts of a zip: its relationships,
the workbook's sheets and defined names, cell references, and the XML text of the parts.

One model of the package for everything that opens it: the pre-read scan of the registers
(toolkit.registers.package), the toolkit's marks (toolkit.ooxml.marks, read by the reader,
written by the annotated copy and the weekly workbook), and the annotated copy's edits
(toolkit.outputs.xlsx_package, toolkit.outputs.annotate). It knows no register, rule or
finding."""

from toolkit.ooxml.cells import (
    cell_ref, column_letters, column_number, quote_sheet, sheet_of, sheet_top_left, split_ref,
)
from toolkit.ooxml.package import (
    CT_COMMENTS, CT_STYLES, CT_TABLE, CT_VML, CT_WORKSHEET, NS_MAIN, NS_PKG_REL, NS_REL, REL_COMMENTS,
    REL_OFFICE_DOCUMENT, REL_SIGNATURE_ORIGIN, REL_STYLES, REL_TABLE, REL_VML, REL_WORKSHEET, STRICT_MARK, Package,
    Relationship, office_document, relationships, rels_part, relative, resolve,
)
from toolkit.ooxml.workbook import WorkbookSheet, defined_name, sheet_parts, workbook_sheets
from toolkit.ooxml.xml import (
    XML_DECL, PackageError, attrs, decode, decode_lenient, del_attr, element_span, esc, insert_child, ns_prefix,
    root_prefix, set_attr, tag_end, top_level_children,
)

__all__ = [
    "cell_ref", "column_letters", "column_number", "quote_sheet", "sheet_of", "sheet_top_left", "split_ref",
    "CT_COMMENTS", "CT_STYLES", "CT_TABLE", "CT_VML", "CT_WORKSHEET", "NS_MAIN", "NS_PKG_REL", "NS_REL", "REL_COMMENTS",
    "REL_OFFICE_DOCUMENT", "REL_SIGNATURE_ORIGIN", "REL_STYLES", "REL_TABLE", "REL_VML", "REL_WORKSHEET", "STRICT_MARK",
    "Package", "Relationship", "office_document", "relationships", "rels_part", "relative", "resolve",
    "WorkbookSheet", "defined_name", "sheet_parts", "workbook_sheets",
    "XML_DECL", "PackageError", "attrs", "decode", "decode_lenient", "del_attr", "element_span", "esc", "insert_child",
    "ns_prefix", "root_prefix", "set_attr", "tag_end", "top_level_children",
]
