"""User-facing language: chosen by --lang, then the config's ``lang``, then the locale.

UI strings live here in both languages; rule messages live with their rules.
"""

from __future__ import annotations

import os

LANGS = ("zh", "en")


def resolve_lang(option: str | None = None, configured: str | None = None) -> str:
    for choice in (option, configured):
        if choice:
            return choice
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


# key -> (zh, en)
_TEXT: dict[str, tuple[str, str]] = {
    "kind.work_orders": ("维修工作单", "work orders"),
    "kind.complaints": ("投诉", "complaints"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "sheet.line": ("表头第 {header_row} 行，{records} 条记录", "header row {header_row}, {records} records"),
    "sheet.skipped_rows": ("，跳过 {n} 行（{reasons}）", ", {n} rows skipped ({reasons})"),
    "sheet.not_register": ("不是登记表，已跳过：{reason}", "not a register, skipped: {reason}"),
    "sheet.hidden": ("（隐藏工作表，已检查）", " (hidden sheet, checked)"),
    "sheet.rules_not_run": ("未运行的规则：{rules}", "rules not run: {rules}"),
    "skip.blank": ("空行", "blank"),
    "skip.total": ("合计行", "totals"),
    "skip.footer": ("签名栏", "signature footer"),
    "skip.note": ("说明行", "note"),
    "skip.header": ("重复表头", "repeated header"),
    "skip.number_only": ("只有单号", "number only"),
    "reason.empty_sheet": ("空表", "empty sheet"),
    "reason.no_header": ("找不到登记表表头", "no register header found"),
    "reason.chartsheet": ("图表工作表", "chart sheet"),
    "reason.findings_sheet": ("本工具生成的检查结果表", "findings sheet written by this toolkit"),
    "summary": (
        "共 {files} 个文件，{sheets} 个登记表，{records} 条记录：{errors} 个错误，{warnings} 个警告",
        "{files} files, {sheets} registers, {records} records: {errors} errors, {warnings} warnings",
    ),
    "summary.unusable": ("，{n} 个文件无法使用", ", {n} files could not be used"),
    "col.row": ("行", "row"),
    "col.cell": ("单元格", "cell"),
    "col.field": ("字段", "field"),
    "col.rule": ("规则", "rule"),
    "col.severity": ("级别", "severity"),
    "col.message": ("说明", "message"),
    "col.path": ("文件", "file"),
    "col.sheet": ("工作表", "sheet"),
    "col.column": ("列", "column"),
    "col.record": ("单号", "record"),
    "col.id": ("编号", "ID"),
    "col.checks": ("检查内容", "what it checks"),
    "col.source": ("依据", "source"),
    "col.needs": ("需要的列", "columns it needs"),
    "init.written": ("已写入 {path}", "wrote {path}"),
    "init.exists": ("{path} 已存在；用 --force 覆盖", "{path} exists; use --force to overwrite"),
    "output.written": ("已写入 {path}", "wrote {path}"),
    # input errors: one line each, saying what to do
    "err.not_found": ("文件不存在", "no such file"),
    "err.is_folder": ("是文件夹，不是文件", "is a folder, not a file"),
    "err.permission": ("无法读取：没有权限", "cannot be read: permission denied"),
    "err.os": ("无法读取：{detail}", "cannot be read: {detail}"),
    "err.empty": ("空文件（0 字节）", "empty file (0 bytes)"),
    "err.bad_zip": ("文件已损坏或不完整（不是有效的 .xlsx 包），请用 Excel 重新保存",
                    "damaged or incomplete file (not a valid .xlsx package); re-save it from Excel"),
    "err.zip_not_workbook": ("是 zip 压缩包，不是工作簿", "a zip archive, not a workbook"),
    "err.zip_bomb": ("拒绝读取：解压后将达 {mb} MB（压缩炸弹，或远大于任何登记表）",
                     "refused: the package would unpack to {mb} MB (a zip bomb, or far larger than any register)"),
    "err.html": ("是 HTML/XML 文件而非工作簿；请在 Excel 中打开并另存为 .xlsx",
                 "an HTML/XML file with a spreadsheet name; open it in Excel and save as .xlsx"),
    "err.csv": ("是文本（CSV）文件而非 Excel 工作簿；请在 Excel 中打开并另存为 .xlsx",
                "a text (CSV) file, not an Excel workbook; open it in Excel and save as .xlsx"),
    "err.unknown_format": ("不是 Excel 工作簿（无法识别的文件格式）", "not an Excel workbook (unknown file format)"),
    "err.encrypted": ("文件已加密（设有打开密码）：在 Excel 中打开，文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码后另存一份再检查",
                      "encrypted (password-protected): open it in Excel, File → Info → Protect Workbook → "
                      "Encrypt with Password, clear the password, and save a copy to check"),
    "err.old_container": ("已加密或不是真正的 .xlsx（旧格式容器）：请在 Excel 中打开，去掉密码后另存为 .xlsx",
                          "encrypted or not a real .xlsx (an old-format container): open it in Excel and save as .xlsx without a password"),
    "err.unreadable": ("无法读取的工作簿：{detail}", "unreadable workbook: {detail}"),
    "err.sheet_unreadable": ("工作表无法读取：{detail}", "sheet cannot be read: {detail}"),
    "err.no_register": ("没有找到登记表（没有工作表的表头符合维修工作单或投诉登记表）",
                        "no register found (no sheet has the header of a work-order or complaint register)"),
    "err.duplicate": ("与 {other} 内容相同，只检查一次", "same content as {other}; checked once"),
}


def has_text(key: str) -> bool:
    return key in _TEXT


def t(key: str, lang: str, **params) -> str:
    zh, en = _TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text
