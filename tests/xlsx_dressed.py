"""Registers written the way Excel writes them (XlsxWriter builds packages as Excel does),
dressed with what clerks' workbooks carry: a chart, a picture, a text box, a form button, a
header image, an in-cell picture, the clerk's own notes, drop-downs, conditional formats,
a defined name, a formula, frozen panes, merged title, a chart sheet, and macros (.xlsm).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import xlsxwriter

from helpers import CORPUS, WORK_ORDER_HEADER, good_order

CORPUS_EXCEL = CORPUS / "excel"


def png(width: int = 24, height: int = 16, rgb: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A small solid-colour PNG, made without any imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def vba_project(tmp_path: Path) -> Path:
    """vbaProject.bin taken out of an Excel-saved .xlsm of the corpus (never copied into the repo)."""
    out = tmp_path / "vbaProject.bin"
    with zipfile.ZipFile(CORPUS_EXCEL / "macro02.xlsm") as zf:
        out.write_bytes(zf.read("xl/vbaProject.bin"))
    return out


# Rows 3.. of the register: row 4 lacks the customer's signature (M4, an error, where the clerk
# also left a note), row 5 was handed to engineering 12 minutes after dispatch (I5, a warning).
ROWS = [
    good_order(单号="WX2611001"),
    good_order(单号="WX2611002", 客户签字=None),
    good_order(单号="WX2611003", 工程部接单时间=good_order()["派单时间"].replace(minute=14)),
    good_order(单号="WX2611004"),
]
FINDING_CELLS = {"M4": "error", "I5": "warning"}
SHEET = "2026年11月"


def dressed_register(path: Path, vba: Path | None = None) -> Path:
    """Write the dressed register (an .xlsm with macros when ``vba`` is given)."""
    wb = xlsxwriter.Workbook(str(path))
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center", "font_name": "宋体"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm", "border": 1})
    money = wb.add_format({"num_format": "#,##0.00", "border": 1, "font_color": "#1F4E78"})
    plain = wb.add_format({"border": 1})
    red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})

    ws = wb.add_worksheet(SHEET)
    ws.merge_range(0, 0, 0, len(WORK_ORDER_HEADER) - 1, "××物业服务中心维修工作单登记表（2026年11月）", title)
    ws.write_row(1, 0, WORK_ORDER_HEADER, head)
    for r, order in enumerate(ROWS, start=2):
        for c, name in enumerate(WORK_ORDER_HEADER):
            value = order.get(name)
            if hasattr(value, "year"):
                ws.write_datetime(r, c, value, when)
            elif name == "费用(元)" and value is not None:
                ws.write_number(r, c, value, money)
            elif value is None:
                ws.write_blank(r, c, None, plain)
            else:
                ws.write(r, c, value, plain)
    total_row = 2 + len(ROWS)
    ws.write(total_row, 0, "合计", plain)
    ws.write_formula(total_row, 13, f"=SUM(N3:N{total_row})", money, 480)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 2, 17)
    ws.set_column(4, 4, 22)
    ws.freeze_panes(2, 1)
    ws.data_validation(2, 7, 200, 7, {"validate": "list", "source": ["有偿", "无偿"]})
    ws.conditional_format(2, 13, 200, 13, {"type": "cell", "criteria": ">", "value": 400, "format": red})
    ws.write_comment("M4", "客户说下午再来签字", {"author": "王丽"})
    ws.write_comment("E3", "已电话确认", {"author": "王丽"})
    image = png()
    ws.insert_image("W3", "logo.png", {"image_data": io.BytesIO(image)})
    ws.embed_image("V3", "inline.png", {"image_data": io.BytesIO(png(rgb=(40, 120, 200)))})
    ws.insert_textbox("W12", "每周一交财务签收", {"width": 160, "height": 40})
    ws.insert_button("W16", {"macro": "refresh", "caption": "刷新", "width": 80, "height": 24})
    ws.set_header("&L&G&C维修登记", {"image_left": "logo.png", "image_data_left": io.BytesIO(image)})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"name": "费用", "values": f"='{SHEET}'!$N$3:$N${total_row}"})
    ws.insert_chart("W20", chart)
    wb.define_name("费用合计", f"='{SHEET}'!$N${total_row + 1}")

    stats = wb.add_worksheet("统计")
    stats.write_row(0, 0, ["月份", "报修数量"])
    stats.write_row(1, 0, ["2026年11月", len(ROWS)])
    sheet_chart = wb.add_chartsheet("费用图")
    pie = wb.add_chart({"type": "pie"})
    pie.add_series({"values": f"='{SHEET}'!$N$3:$N${total_row}"})
    sheet_chart.set_chart(pie)
    if vba is not None:
        wb.add_vba_project(str(vba))
    ws.activate()
    wb.close()
    return path


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


def well_formed(name: str, data: bytes) -> bool:
    if name.lower().endswith(".vml"):
        return True  # legacy VML is not always well-formed XML, in Excel's own files either
    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return False
    return True


def big_register(path: Path, rows: int) -> Path:
    """A register of ``rows`` orders, fast: XlsxWriter writes the header and one order, and
    that order's row is repeated in the sheet XML (writing 100,000 cells one by one takes seconds)."""
    import re

    small = path.with_name(path.stem + ".seed.xlsx")
    wb = xlsxwriter.Workbook(str(small))
    ws = wb.add_worksheet(SHEET)
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm", "border": 1})
    ws.write_row(0, 0, WORK_ORDER_HEADER, wb.add_format({"bold": True}))
    order = good_order()
    for c, name in enumerate(WORK_ORDER_HEADER):
        value = order[name]
        if hasattr(value, "year"):
            ws.write_datetime(1, c, value, when)
        elif value is not None:
            ws.write(1, c, value)
    ws.set_column(0, 19, 14)
    wb.close()
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                row = re.search(r'<row r="2".*?</row>', text).group(0)
                body = "".join(re.sub(r'(r="[A-Z]*)2"', rf'\g<1>{n}"', row) for n in range(2, rows + 2))
                text = text.replace(row, body).replace('<dimension ref="A1:T2"/>', f'<dimension ref="A1:T{rows + 1}"/>')
                data = text.encode()
            zout.writestr(info, data)
    small.unlink()
    return path
