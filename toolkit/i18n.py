"""User-facing language: chosen by --lang, then the config's ``lang``, then the locale.

UI strings live here in both languages; rule messages and field labels live with their rules and
fields as (zh, en) pairs, chosen by ``pick``. This module is the only place that tells the
languages apart (tests/test_i18n.py holds that): elsewhere, text comes from ``t``, ``pick`` and
the punctuation of ``conventions``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

LANGS = ("zh", "en")


def resolve_lang(option: str | None = None, configured: str | None = None) -> str:
    for choice in (option, configured):
        if choice:
            return choice
    return system_lang()


def system_lang() -> str:
    """The user's language: the locale variables where they are set (Linux, macOS, Git Bash),
    else on Windows, which sets none of them, the language of the user's Windows."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    if sys.platform == "win32":
        return "zh" if _windows_language_is_chinese() else "en"
    return "en"


_LANG_CHINESE = 0x04  # the primary language of a Windows LANGID (zh-CN 0x0804, zh-TW 0x0404, zh-HK 0x0C04…)


def _windows_language_is_chinese() -> bool:
    """The display language of the user's Windows, then the language of its regional format."""
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        for ask in (kernel32.GetUserDefaultUILanguage, kernel32.GetUserDefaultLangID):
            langid = ask()
            if langid:
                return langid & 0x3FF == _LANG_CHINESE
    except (AttributeError, OSError):  # no Windows API after all
        pass
    import locale

    name = (locale.getlocale()[0] or "").lower()  # "Chinese (Simplified)_China" or "zh_CN"
    return name.startswith(("zh", "chinese"))


# One language's text for a key: a template, or for a text that counts something, one template per
# plural category ({"one": ..., "other": ...} in English; Chinese has the one form) chosen by ``count``.
Text = str | dict[str, str]

# key -> (zh, en)
_TEXT: dict[str, tuple[Text, Text]] = {
    "kind.work_orders": ("维修工作单", "work orders"),
    "kind.complaints": ("投诉", "complaints"),
    "kind.calls": ("其他来电", "other calls"),
    "call_log.line": ("来电登记表（按 {column} 列“{header}”分类：{kinds}）· 表头第 {header_row} 行，共 {records}",
                      "call log (split by column {column} \"{header}\": {kinds}) · header row {header_row}, "
                      "{records}"),
    "call_log.count.work_orders": ("维修工作单 {count} 条", {"one": "{count} work order", "other": "{count} work orders"}),
    "call_log.count.complaints": ("投诉 {count} 条", {"one": "{count} complaint", "other": "{count} complaints"}),
    "call_log.count.calls": ("其他来电 {count} 条", {"one": "{count} other call", "other": "{count} other calls"}),
    "call_log.guessed": ("{count} 行未写“{column}”或写法不认识，按所填内容判断类别：第 {rows} 行",
                         {"one": "{count} row with no known \"{column}\": its kind judged by what it holds (row {rows})",
                          "other": "{count} rows with no known \"{column}\": their kind judged by what they hold "
                                   "(rows {rows})"}),
    "guessed": ("推测", "guessed"),
    "guess.columns": ("依据不足的列：{items}", "columns taken on weak evidence: {items}"),
    "guess.column": ("{letter} 列“{header}”作{field}（{how}）", "{letter} \"{header}\" as {field} ({how})"),
    "guess.how.position": ("按其所在位置", "by where it stands"),
    "guess.how.part": ("没有更明确的列", "no column names it better"),
    "guess.how.bare": ("表头只写了日期或时间，未写是哪个环节", "the header names no event"),
    "guess.row_field": ("第 {row} 行{field}", "row {row} {field}"),
    "guess.next_day": ("{count} 处单独写的时间早于同一行的上一环节，已按次日读取，请核对是否笔误：{items}",
                       {"one": "{count} time written alone, earlier than the event before it on its row, was read as "
                               "the next day (check it is not a slip): {items}",
                        "other": "{count} times written alone, earlier than the event before them on their row, "
                                 "were read as the next day (check they are not slips): {items}"}),
    "guess.system_numbers": ("编号按软件系统生成的编号看待，不是预印的纸质单据（依据：{signs}），编号中断不报遗失单据；"
                             "如需报告，在配置中设 [validate] number_gaps = \"always\"",
                             "numbers taken for a software's, not pre-printed forms ({signs}): gaps are not reported "
                             "as lost forms; [validate] number_gaps = \"always\" reports them"),
    "guess.sign.status_column": ("有状态列", "a status column"),
    "guess.sign.dated_numbers": ("编号含建单日期", "numbers carrying the day they were created"),
    "guess.sign.seconds": ("时间精确到秒", "times to the second"),
    "rules_not_run.here": ("因缺少列未运行的规则", "rules not run for lack of columns"),
    "call_log.unknown": ("（不认识的写法：{words}）", " (words not known: {words})"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "sheet.line": ("表头第 {header_row} 行，{records}", "header row {header_row}, {records}"),
    "sheet.skipped_rows": ("，跳过 {count} 行（{reasons}）", {"one": ", {count} row skipped ({reasons})",
                                                     "other": ", {count} rows skipped ({reasons})"}),
    "sheet.not_register": ("不是登记表，已跳过：{reason}", "not a register, skipped: {reason}"),
    "sheet.hidden": ("（隐藏工作表，已检查）", " (hidden sheet, checked)"),
    "sheet.hidden_rows": ("（隐藏行 {rows}，已检查）", " (hidden rows {rows}, checked)"),
    "rules_not_run": ("因缺少列未运行的规则", "rules not run for lack of columns"),
    "rules_not_run.some": ("{total} 个表中的 {n} 个", "on {n} of {total} registers"),
    # a duration in a rule message, as a clerk would say it: hours under two days, whole days after
    "span.hours": ("{hours:.1f} 小时", "{hours:.1f} h"),
    "span.days": ("{count} 天", {"one": "{count} day", "other": "{count} days"}),
    "rules.any_of": ("其一：{fields}", "any of: {fields}"),
    "rules.disabled": (" [已关闭]", " [disabled]"),
    # a threshold in what a rule checks, where no config is in force (the README's table)
    "rules.setting_default": ("{name}（默认 {value}）", "{name} (default {value})"),
    "unmapped_columns": ("未识别的列", "unmapped columns"),
    # validate --verbose: the region a register's phones, money and dates were read by, and why
    "region.line": ("地区：{region}（{how}）{day_first}", "region: {region} ({how}){day_first}"),
    "region.mainland": ("内地", "mainland"),
    "region.hong_kong": ("香港", "Hong Kong"),
    "region.macau": ("澳门", "Macau"),
    "region.taiwan": ("台湾", "Taiwan"),
    "region.config": ("toolkit.toml 中设定", "set in toolkit.toml"),
    "region.default": ("默认：表中没有可判断的电话、货币或日期", "default: no phone, currency or date in it tells"),
    "region.guessed": ("推测自{clues}", "guessed from {clues}"),
    "region.clue.traditional": ("繁体字", "Traditional script"),
    "region.clue.phones": ("{count} 个电话号码", {"one": "{count} phone number", "other": "{count} phone numbers"}),
    "region.clue.currency": ("{count} 个带货币符号的金额", {"one": "{count} amount with a currency mark",
                                                    "other": "{count} amounts with a currency mark"}),
    "region.clue.roc_dates": ("{count} 个民国纪年日期", {"one": "{count} ROC-year date", "other": "{count} ROC-year dates"}),
    "region.day_first": ("；斜线日期按日在前读（18/11/2026 为 11 月 18 日）",
                         "; slashed dates read day first (18/11/2026 is 18 November)"),
    "skip.blank": ("空行", "blank"),
    "skip.total": ("合计行", "totals"),
    "skip.footer": ("签名栏", "signature footer"),
    "skip.note": ("说明行", "note"),
    "skip.header": ("重复表头", "repeated header"),
    "skip.number_only": ("只有单号", "number only"),
    "skip.continued": ("同一单号的续行", "continuation of the order above"),
    "reason.empty_sheet": ("空表", "empty sheet"),
    "reason.no_header": ("找不到登记表表头", "no register header found"),
    "reason.chartsheet": ("图表工作表", "chart sheet"),
    "reason.findings_sheet": ("本工具生成的检查结果表", "findings sheet written by this toolkit"),
    "reason.same_part": ("与前面的工作表是同一份数据，只检查一次", "the same sheet data as an earlier sheet; checked once"),
    "skipped_file.line": ("已跳过 {path}：{reason}", "skipped {path}: {reason}"),
    "skipped_file.weekly_workbook": ("toolkit weekly 生成的周报工作簿", "weekly workbook written by toolkit weekly"),
    "skipped_file.annotated_copy": ("toolkit 生成的批注副本", "annotated copy written by toolkit"),
    # the last line of validate: "1 file, 2 registers, 80 records: 0 errors, 3 warnings", each part counted
    "summary": ("共 {files}，{registers}，{records}：{errors}，{warnings}", "{files}, {registers}, {records}: {errors}, {warnings}"),
    "summary.files": ("{count} 个文件", {"one": "{count} file", "other": "{count} files"}),
    "summary.registers": ("{count} 个登记表", {"one": "{count} register", "other": "{count} registers"}),
    "summary.records": ("{count} 条记录", {"one": "{count} record", "other": "{count} records"}),
    "summary.errors": ("{count} 个错误", {"one": "{count} error", "other": "{count} errors"}),
    "summary.warnings": ("{count} 个警告", {"one": "{count} warning", "other": "{count} warnings"}),
    "summary.unusable": ("，{count} 个文件无法使用",
                         {"one": ", {count} file could not be used", "other": ", {count} files could not be used"}),
    "file.open_in_excel": ("此文件正在 Excel 中打开，按最后保存的内容检查", "open in Excel; checked as last saved"),
    "file.open_in_excel_by": ("此文件正在 Excel 中打开（{who}），按最后保存的内容检查", "open in Excel by {who}; checked as last saved"),
    "col.row": ("行", "row"),
    "col.cell": ("单元格", "cell"),
    "col.field": ("字段", "field"),
    "col.rule": ("规则", "rule"),
    "col.rule_name": ("规则名称", "rule name"),
    "col.field_key": ("字段代码", "field key"),
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
    "usage.bad_as_of": ('--as-of 应写作 "2026-11-25 09:00" 或 "2026-11-25"，而不是“{value}”',
                        '--as-of must look like "2026-11-25 09:00" or "2026-11-25", not "{value}"'),
    "init.written": ("已写入 {path}", "wrote {path}"),
    "init.exists": ("{file} 已存在；用 --force 覆盖", "{file} exists; use --force to overwrite"),
    "output.written": ("已写入 {path}", "wrote {path}"),
    # the annotated copy (validate --annotate DIR)
    "annotate.written": ("已写入标注副本 {path}（{cells}，{findings}）", "wrote annotated copy {path} ({cells}, {findings})"),
    "annotate.cells": ("{count} 个单元格已标色并加批注", {"one": "{count} cell filled and noted",
                                                "other": "{count} cells filled and noted"}),
    "annotate.findings": ("{count} 条检查结果", {"one": "{count} finding", "other": "{count} findings"}),
    "annotate.not_kept": ("  副本未能保留：{parts}", "  not kept in the copy: {parts}"),
    "annotate.none": ("没有检查结果，无需标注副本", "no findings: no annotated copy written"),
    "annotate.no_copy": ("{path}：未生成标注副本：{reason}", "{path}: no annotated copy: {reason}"),
    "annotate.unsupported": ("{fmt} 文件无法直接标注（只能标注 .xlsx / .xlsm）；请在 Excel 中另存为 .xlsx 后再运行",
                             "a {fmt} file cannot be annotated (only .xlsx and .xlsm can); save it as .xlsx in Excel and run again"),
    "annotate.failed": ("文件无法编辑：{detail}", "the file cannot be edited: {detail}"),
    "annotate.same_file": ("副本会覆盖原文件；请用 --annotate 指定另一个文件夹",
                           "the copy would overwrite the source; give --annotate another folder"),
    "annotate.part.signature": ("数字签名（任何修改都会使签名失效，已去掉）",
                                "the digital signature (any change invalidates it; removed)"),
    "annotate.sheet_name": ("检查结果", "Findings"),
    "annotate.title": ("检查结果：{file}，{errors}，{warnings}", "Findings: {file}, {errors}, {warnings}"),
    "annotate.as_of": ("（检查时间 {as_of}）", " (as of {as_of})"),
    "annotate.hint": ("有问题的单元格已按级别标色（红色：错误，黄色：警告）并附批注；点击“单元格”列可跳转到该单元格。",
                      "Cells with findings are filled by severity (red: error, yellow: warning) and carry a note; "
                      "click a cell address to go there."),
    "annotate.not_kept_line": ("注意：原文件中以下内容未能保留在副本中：{parts}", "Note: not kept from the original: {parts}"),
    "annotate.note_head": ("检查结果：", "Findings:"),
    "annotate.by_rule": ("按规则", "by rule"),
    "annotate.by_column": ("按列", "by column"),
    "annotate.count": ("数量", "count"),
    "template.written": ("已写入 {path}：{kind}登记表，{count} 张月份工作表（{sheets}），每张预设 {rows} 行",
                         {"one": "wrote {path}: {kind} register, {count} month sheet ({sheets}), {rows} rows formatted",
                          "other": "wrote {path}: {kind} register, {count} month sheets ({sheets}), {rows} rows "
                                   "formatted on each"}),
    "template.exists": ("文件已存在；用 --force 覆盖", "already exists; use --force to overwrite"),
    "template.suffix": ("登记表模板须保存为 .xlsx 文件", "the template must be an .xlsx file"),
    "template.bad_months": ("--months 应写作 2026-11、2026-01..2026-12 或 2026-01,2026-03，而不是“{value}”",
                            '--months must look like 2026-11, 2026-01..2026-12 or 2026-01,2026-03, not "{value}"'),
    "template.too_many_months": ("--months 最多 {max} 个月", "--months covers at most {max} months"),
    "template.bad_rows": ("--rows 至少为 1，而不是 {rows}", "--rows must be at least 1, not {rows}"),
    # input errors: one line each, saying what to do
    "err.not_found": ("文件不存在", "no such file"),
    "err.is_folder": ("是文件夹，不是文件", "is a folder, not a file"),
    "err.permission": ("无法读取：没有权限", "cannot be read: permission denied"),
    "err.os": ("无法读取：{detail}", "cannot be read: {detail}"),
    "err.empty": ("空文件（0 字节）", "empty file (0 bytes)"),
    "err.not_regular": ("不是普通文件（是设备、命名管道或套接字），不读取", "not a regular file (a device, a named pipe or a socket); not read"),
    "err.too_large": ("文件有 {mb} MB，超过 {max_mb} MB 的上限（远大于任何登记表），不读取",
                      "larger than the {max_mb} MB limit ({mb} MB; far larger than any register); not read"),
    "err.bad_zip": ("文件已损坏或不完整（不是有效的 .xlsx 包），请用 Excel 重新保存",
                    "damaged or incomplete file (not a valid .xlsx package); re-save it from Excel"),
    "err.zip_not_workbook": ("是 zip 压缩包，不是工作簿", "a zip archive, not a workbook"),
    "err.zip_bomb": ("拒绝读取：解压后将达 {mb} MB（压缩炸弹，或远大于任何登记表）",
                     "refused: the package would unpack to {mb} MB (a zip bomb, or far larger than any register)"),
    "err.html": ("是 HTML/XML 文件而非工作簿；请在 Excel 中打开并另存为 .xlsx",
                 "an HTML/XML file with a spreadsheet name; open it in Excel and save as .xlsx"),
    "err.csv": ("是文本（CSV 或纯文本）文件而非 Excel 工作簿；如果是表格，请在 Excel 中打开并另存为 .xlsx",
                "a text (CSV) file, not an Excel workbook; if it is a table, open it in Excel and save as .xlsx"),
    "err.damaged_xls": ("文件已损坏（旧版 .xls 的内部结构指向文件之外）：{detail}；请用 Excel 打开修复后另存为 .xlsx",
                        "damaged old-format file (its internal structure points outside the file): {detail}; "
                        "let Excel repair it and save as .xlsx"),
    "err.damaged_part": ("文件已损坏（包内某部分与声明的大小不符）；请用 Excel 打开修复后另存",
                         "damaged package (a part does not match its declared size); let Excel repair it and save a copy"),
    "err.damaged_package": ("文件已损坏（包内某部分无法解压：{detail}）；请用 Excel 打开修复（文件 → 打开 → 打开并修复）后另存",
                            "damaged package (a part cannot be unpacked: {detail}); let Excel repair it "
                            "(File → Open → Open and Repair) and save a copy"),
    "err.too_many_cells": ("拒绝读取：文件要求 {cells} 个单元格（远超任何登记表，文件已损坏或有意构造）",
                           "refused: the file asks for {cells} cells (far more than any register; damaged or hostile)"),
    "err.unknown_format": ("不是 Excel 工作簿（无法识别的文件格式）", "not an Excel workbook (unknown file format)"),
    "err.encrypted": ("文件已加密（设有打开密码）：在 Excel 中打开，文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码后另存一份再检查",
                      "encrypted (password-protected): open it in Excel, File → Info → Protect Workbook → "
                      "Encrypt with Password, clear the password, and save a copy to check"),
    "err.old_container": ("已加密或不是真正的 .xlsx（旧格式容器）：请在 Excel 中打开，去掉密码后另存为 .xlsx",
                          "encrypted or not a real .xlsx (an old-format container): open it in Excel and save as .xlsx without a password"),
    "err.unreadable": ("无法读取的工作簿：{detail}", "unreadable workbook: {detail}"),
    "err.engine_panic": ("读取引擎在一个值上出错（{detail}）：多半是日期列里有一个远超任何日期的数字（如 -1e15）；请在 Excel 中改正该单元格后再检查",
                         "the reading engine failed on a value ({detail}): most likely a number far outside any date "
                         "in a date column (such as -1e15); correct that cell in Excel and check again"),
    "err.engine_panic_row": ("第 {row} 行的一个值使读取引擎出错（{detail}）：多半是日期列里有一个远超任何日期的数字（如 -1e15）；请在 Excel 中改正后再检查",
                             "a value in row {row} made the reading engine fail ({detail}): most likely a number far "
                             "outside any date in a date column (such as -1e15); correct it in Excel and check again"),
    "err.cell_past_limits": ("单元格 {ref} 超出 Excel 的最大行列（1,048,576 行、16,384 列即 XFD 列）：文件已损坏或被人为构造，此表未读取",
                             "cell {ref} lies past Excel's last row or column (1,048,576 rows, 16,384 columns = XFD): "
                             "the file is damaged or made to harm; this sheet was not read"),
    "err.dimension_past_limits": ("工作表声明的范围 {ref} 超出 Excel 的最大行列（1,048,576 行、16,384 列即 XFD 列）：文件已损坏，此表未读取",
                                  "the sheet declares its size as {ref}, past Excel's last row or column "
                                  "(1,048,576 rows, 16,384 columns = XFD): damaged; this sheet was not read"),
    "err.sheet_span": ("单元格分布在 {span}，共 {cells} 个单元格（上限 {max}）：远处有多余的值，或文件已损坏；"
                       "在 Excel 中按 Ctrl+End 找到最后一个单元格，删除多余内容后保存，此表未读取",
                       "its cells span {span}, {cells} cells (more than the {max} a sheet may span): a stray value "
                       "far from the others, or damage; Ctrl+End in Excel finds the last cell: delete it and save. "
                       "This sheet was not read"),
    "err.sheet_unreadable": ("工作表无法读取：{detail}", "sheet cannot be read: {detail}"),
    "err.no_register_sheets": ("没有找到登记表（{sheets}）", "no register found ({sheets})"),
    # what a workbook holds instead of a register, said inside err.no_register_sheets
    "sheets.no_header": ("{count} 个工作表没有登记表表头", {"one": "{count} sheet without a register header",
                                                  "other": "{count} sheets without a register header"}),
    "sheets.empty_sheet": ("{count} 个空工作表", {"one": "{count} empty sheet", "other": "{count} empty sheets"}),
    "sheets.chartsheet": ("{count} 个图表工作表", {"one": "{count} chart sheet", "other": "{count} chart sheets"}),
    "sheets.findings_sheet": ("{count} 个检查结果表",
                              {"one": "{count} findings sheet", "other": "{count} findings sheets"}),
    "sheets.same_part": ("{count} 个与前表数据相同的工作表", {"one": "{count} sheet repeating an earlier one's data",
                                                      "other": "{count} sheets repeating an earlier one's data"}),
    "sheets.not_worksheet": ("{count} 个其他类型的表", {"one": "{count} other sheet", "other": "{count} other sheets"}),
    "sheets.other": ("{count} 个工作表", {"one": "{count} sheet", "other": "{count} sheets"}),
    "sheets.only_charts": ("只有图表工作表", "only chart sheets"),
    "err.no_register": ("没有找到登记表（没有工作表的表头符合维修工作单或投诉登记表）",
                        "no register found (no sheet has the header of a work-order or complaint register)"),
    "err.timeout": ("读取超时（超过 {detail}），已跳过；文件可能异常庞大或已损坏", "took longer than {detail} to read and was stopped; the file may be hostile or damaged"),
    "err.crashed": ("读取失败：{detail}", "could not be read: {detail}"),
    "err.worker_killed": ("读取它的进程被信号 {signal}（{name}）终止：文件可能已损坏或有害，其他文件已照常检查",
                          "the process reading it was killed by signal {signal} ({name}): the file may be damaged or "
                          "hostile; the others were checked"),
    "err.worker_oom": ("读取它的进程被信号 {signal}（SIGKILL：可能是内存不足）终止，其他文件已照常检查",
                       "the process reading it was killed by signal {signal} (SIGKILL: possibly out of memory); "
                       "the others were checked"),
    "err.worker_exited": ("读取它的进程意外退出（退出码 {code}），其他文件已照常检查",
                          "the process reading it exited with code {code}; the others were checked"),
    "err.duplicate": ("与 {other} 内容相同，只检查一次", "same content as {other}; checked once"),
    "err.weekly_workbook": ("是 toolkit weekly 生成的周报工作簿，不是登记表；不检查（请指定登记表本身）",
                            "a weekly workbook written by toolkit weekly, not a register; not checked (name the registers themselves)"),
    "err.no_workbooks": ("文件夹里没有工作簿（.xlsx、.xlsm、.xlsb、.xls、.ods、.et）",
                         "no workbook (.xlsx, .xlsm, .xlsb, .xls, .ods, .et) in this folder"),
    "err.et_unknown": ("WPS 表格文件（.et）的内容既不是旧版 .xls 格式，也不是 .xlsx 格式，无法读取；请在 WPS 表格中打开并另存为 .xlsx",
                       "a WPS .et file holding neither an old-format (.xls) nor a new-format (.xlsx) workbook; "
                       "open it in WPS Spreadsheets and save as .xlsx"),
    "err.et_unreadable": ("WPS 表格文件无法读取：{detail}；请在 WPS 表格中打开并另存为 .xlsx",
                          "unreadable WPS .et file: {detail}; open it in WPS Spreadsheets and save as .xlsx"),
    "err.output_is_input": ("是正在检查的文件，输出不能写到它上面；请换一个输出文件名",
                            "is one of the files being checked; an output never replaces it (choose another output file)"),
    "err.tls_strict": ("SMTP {host}:{port}：公司 CA 的证书不符合 Python 3.13 起默认的严格校验（{reason}）；"
                       "请 IT 重新签发（服务器证书带授权密钥标识符 AKI；CA 证书带主题密钥标识符 SKI、keyUsage，"
                       "basicConstraints 标为关键），或在 toolkit.toml 的 [smtp] 中设置 tls_strict = false；"
                       "{pending} 封邮件留待下次发送",
                       "SMTP {host}:{port}: the company CA's certificates fail the strict checks Python 3.13+ makes "
                       "by default ({reason}); ask IT to reissue them (the server certificate with an Authority Key "
                       "Identifier; the CA certificate with a Subject Key Identifier, keyUsage, and basicConstraints "
                       "marked critical), or set tls_strict = false under [smtp] in toolkit.toml; "
                       "messages left for the next run: {pending}"),
}


def has_text(key: str) -> bool:
    return key in _TEXT


def _index(lang: str) -> int:
    """0 for Chinese, 1 for English: the place of a language in a (zh, en) pair. Any other code
    reads English, as it always has."""
    return 0 if lang == "zh" else 1


def pick(texts: tuple[str, str], lang: str) -> str:
    """The text in ``lang`` of a (zh, en) pair: rule messages, field labels, category names."""
    return texts[_index(lang)]


def rule_label(rule_id: str, names: tuple[str, str], lang: str) -> str:
    """A rule as a person reads it: its ID is English words, so an English reader reads the ID
    alone; a Chinese reader reads the name, with the ID beside it (what `toolkit rules` lists and
    [rules] in toolkit.toml names)."""
    return f"{names[0]}（{rule_id}）" if _index(lang) == 0 else rule_id


def plural_category(count: int, lang: str) -> str:
    """The CLDR plural category of ``count``: English says "1 file" and "0 files", "2 files";
    Chinese has one form."""
    if _index(lang) == 0:
        return "other"
    return "one" if count == 1 else "other"


def t(key: str, lang: str, count: int | None = None, **params) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in. A counted text takes ``count``,
    which chooses its plural form and fills ``{count}``."""
    text = pick(_TEXT[key], lang)
    if isinstance(text, dict):
        if count is None:
            raise TypeError(f"{key} has plural forms: give count")
        text = text.get(plural_category(count, lang), text["other"])
    if count is not None:
        params["count"] = count
    return text.format(**params) if params else text


@dataclass(frozen=True)
class Conventions:
    """What differs by language besides words: punctuation, and how wide its characters are."""
    comma: str  # between the parts of a sentence
    semicolon: str  # between clauses, or items that hold commas themselves
    enumeration: str  # between the items of a short list of names (、 in Chinese)
    colon: str
    open_quote: str
    close_quote: str
    chars_per_line: int  # how many fit a line of a cell note: a Chinese character is about two letters wide

    def join(self, items, by: str = "comma") -> str:
        return getattr(self, by).join(items)

    def quote(self, text: str) -> str:
        return f"{self.open_quote}{text}{self.close_quote}"


_CONVENTIONS = (Conventions("，", "；", "、", "：", "“", "”", 20),
                Conventions(", ", "; ", ", ", ": ", '"', '"', 42))


def conventions(lang: str) -> Conventions:
    return _CONVENTIONS[_index(lang)]


def join(items, lang: str, by: str = "comma") -> str:
    """``items`` joined as ``lang`` writes a list: by "comma", "semicolon" or "enumeration"."""
    return conventions(lang).join(items, by)


def weekday_name(day, lang: str) -> str:
    """"周一" or "Mon" for a date."""
    return WEEKDAY_NAMES[LANGS[_index(lang)]][day.weekday()]


# ---- toolkit weekly: the follow-up lists, the workbook and the digest ------------------------
_TEXT.update({
    "weekly.history_kept": ("未更新 {week} 的历史记录：已存有截至 {kept} 的统计，晚于本次的截至时间；回看过去时刻时，登记表中此后写入的内容也会被计入",
                            "history of {week} not replaced: it holds the counts as of {kept}, later than this run's; "
                            "a look back at a past moment also sees what was written in the registers since"),
    "weekly.title": ("维修与投诉周报 {week}（{start} 至 {end}）", "Weekly follow-up {week} ({start} – {end})"),
    "weekly.as_of": ("截至 {as_of}", "as of {as_of}"),
    "weekly.section.summary": ("汇总", "Summary"),
    "weekly.section.unfinished": ("未完成工单", "Unfinished orders"),
    "weekly.section.overdue": ("超时事项", "Overdue"),
    "weekly.section.finance_handover": ("交财务有偿单", "Finance hand-over"),
    "weekly.section.return_visits": ("回访清单", "Return visits"),
    "weekly.section.findings": ("待整改检查结果", "Findings to fix"),
    "weekly.section.stats": ("统计", "Statistics"),
    "weekly.none": ("无", "none"),
    "weekly.no_reason": ("未写原因", "no reason"),
    "weekly.unassigned": ("未接单", "not signed in"),
    "weekly.na": ("无数据", "n/a"),
    "weekly.yes": ("是", "yes"),
    "weekly.no": ("否", "no"),
    "weekly.kind.work_order": ("工单", "work order"),
    "weekly.kind.complaint": ("投诉", "complaint"),
    "weekly.why.open_past_delay": ("超过 {hours} 小时未完工", "open over {hours} h"),
    "weekly.why.reply_overdue": ("已过承诺答复时间", "past the promised reply time"),
    "weekly.why.major": ("重大投诉未结案", "open major complaint"),
    "weekly.visit.completed": ("维修完工", "repair completed"),
    "weekly.visit.answered": ("投诉已答复", "complaint answered"),
    "weekly.visit.unsatisfied": ("回访不满意，需再处理", "unsatisfied: handle again"),
    "weekly.returned_uncompleted": ("（已返单未完工）", " (returned uncompleted)"),
    "weekly.col.record": ("单号", "no."),
    "weekly.col.source": ("来源（文件 › 工作表!单元格）", "source (file › sheet!cell)"),
    "weekly.col.received": ("报修时间", "received"),
    "weekly.col.started": ("派单/报修时间", "dispatched (or received)"),
    "weekly.col.age": ("已开单（小时）", "open (h)"),
    "weekly.col.engineer": ("工程人员", "engineer"),
    "weekly.col.reason": ("未完成原因", "reason"),
    "weekly.col.past_delay": ("超时", "past limit"),
    "weekly.col.location": ("地点/房号", "location"),
    "weekly.col.content": ("内容", "content"),
    "weekly.col.category": ("类别", "category"),
    "weekly.col.customer": ("客户", "customer"),
    "weekly.col.phone": ("电话", "phone"),
    "weekly.col.kind": ("类型", "kind"),
    "weekly.col.why": ("超时原因", "why"),
    "weekly.col.since": ("起算/承诺时间", "since (or promised)"),
    "weekly.col.hours_over": ("超出（小时）", "over by (h)"),
    "weekly.col.who": ("负责人", "who"),
    "weekly.col.note": ("说明", "note"),
    "weekly.col.completed": ("完工日期", "completed"),
    "weekly.col.fee": ("费用（元）", "fee (yuan)"),
    "weekly.col.repairer": ("维修人员", "repairer"),
    "weekly.col.finance_sign": ("财务签收", "finance signature"),
    "weekly.col.visit_why": ("回访事由", "reason to call"),
    "weekly.col.call": ("联系人", "who to call"),
    "weekly.col.done": ("处理内容", "what was done"),
    "weekly.col.date": ("日期", "date"),
    "weekly.col.visit_result": ("回访结果", "visit result"),
    "weekly.col.metric": ("指标", "measure"),
    "weekly.col.this_week": ("本周", "this week"),
    "weekly.col.last_week": ("上周", "last week"),
    "weekly.col.change": ("变化", "change"),
    "weekly.col.week": ("周", "week"),
    "weekly.col.count": ("数量", "count"),
    "weekly.col.register": ("登记表", "register"),
    "weekly.total": ("合计", "total"),
    "weekly.fee_unreadable": ("{raw}（未计入合计）", "{raw} (not in the total)"),
    "weekly.stat.received": ("本周报修", "orders received"),
    "weekly.stat.completed": ("本周完工", "orders completed"),
    "weekly.stat.open": ("未完成（截至检查时间）", "open (as of)"),
    "weekly.stat.handover": ("{minutes} 分钟内交工程部接单率", "signed in by engineering ≤ {minutes} min"),
    "weekly.stat.completion": ("{hours} 小时内完工率", "completed ≤ {hours} h after dispatch"),
    "weekly.stat.median": ("完工时长中位数（小时）", "median hours to complete"),
    "weekly.stat.order_satisfaction": ("维修回访满意率", "repair visits satisfied"),
    "weekly.stat.complaints": ("本周投诉", "complaints received"),
    "weekly.stat.replied": ("本周已答复", "complaints answered"),
    "weekly.stat.reply_on_time": ("按承诺时间答复率", "answered by the promised time"),
    "weekly.stat.satisfaction": ("投诉回访满意率", "complaint visits satisfied"),
    "weekly.stat.unfinished": ("未完成工单", "unfinished orders"),
    "weekly.stat.overdue": ("超时事项", "overdue items"),
    "weekly.stat.finance": ("待交财务（张 / 元）", "to hand to finance (orders / yuan)"),
    "weekly.stat.return_visits": ("待回访", "return visits to make"),
    "weekly.stat.findings": ("检查结果（错误 / 警告）", "findings (errors / warnings)"),
    "weekly.by_engineer": ("按工程人员", "By engineer"),
    "weekly.by_category": ("按维修类别（按内容关键词估计）", "By repair category (estimated from the content's keywords)"),
    "weekly.complaints_by_category": ("投诉类别", "Complaints by category"),
    "weekly.findings_by_rule": ("检查结果按规则（与上周比较）", "Findings by rule, compared with last week"),
    "weekly.findings_by_register": ("检查结果按登记表（与上周比较）", "Findings by register, compared with last week"),
    "weekly.trend": ("近 8 周趋势", "The last 8 weeks"),
    "weekly.chart.open_by_engineer": ("未完成工单（按工程人员）", "Open orders by engineer"),
    "weekly.chart.received_completed": ("每周报修与完工（近 8 周）", "Received vs completed, last 8 weeks"),
    "weekly.chart.complaints": ("本周投诉类别", "Complaints by category this week"),
    "weekly.headline": ("本周要点", "This week"),
    "weekly.no_history": ("（尚无往周记录：历史从第一次运行开始）", "(no earlier weeks stored yet: history starts with the first run)"),
    "weekly.unusable": ("无法读取，未计入：{path}：{why}", "not read, not counted: {path}: {why}"),
    "weekly.written": ("已写入 {path}", "wrote {path}"),
    "weekly.more": ("另有 {n} 项见附件工作簿", "{n} more in the attached workbook"),
    "weekly.subject": ("【周报】{week} 维修与投诉：未完成 {unfinished}，超时 {overdue}",
                       "Weekly follow-up {week}: {unfinished} unfinished, {overdue} overdue"),
    "weekly.bad_week": ('--week 应写作 "2026-W47"（ISO 周）或 "last"，而不是“{value}”',
                        '--week must look like "2026-W47" (ISO week) or "last", not "{value}"'),
    "weekly.future_week": ("--week {week} 在 --as-of {as_of} 之后才开始：这一周还没有发生任何事",
                           "--week {week} starts after --as-of {as_of}: nothing has happened in it yet"),
    "weekly.no_recipients": ("没有周报收件人：请在 toolkit.toml 的 [weekly] 中设置 to = [...]（以及 finance = [...]）",
                             "nobody to send the weekly digest to: set [weekly] to = [...] (and finance = [...]) in toolkit.toml"),
    "weekly.finance_sign_line": ("财务签收人：__________    日期：__________", "Received by finance: __________    Date: __________"),
    "weekly.attachment_name": ("周报-{week}.xlsx", "weekly-{week}.xlsx"),
    "weekly.subject.finance": ("【交财务】{week} 有偿维修单 {count} 张，合计 {total} 元",
                               "Finance hand-over {week}: {count} paid orders, {total} yuan"),
})
_TEXT.update({
    "weekly.mail.sent": ("已发送", "sent"),
    "weekly.mail.preview": ("待发送（预览，加 --send 发送）", "would send (preview; --send sends)"),
    "weekly.mail.already": ("本周已发送过，不再发送", "already sent this week, not again"),
    "weekly.mail.pending": ("未发送（下次运行重试）", "NOT sent (retried on the next run)"),
    "weekly.mail.invalid": ("地址无效，未发送", "invalid address, not sent"),
})

# ---- toolkit.toml: each problem one line naming the file and the setting (toolkit/config_schema.py) ----
_TEXT.update({
    "config.not_found": ("配置文件不存在", "config file not found"),
    "config.not_toml": ("不是有效的 TOML：{detail}", "not valid TOML: {detail}"),
    "config.unreadable": ("无法读取：{detail}", "cannot be read: {detail}"),
    "config.unknown_setting": ("未知的设置 '{name}'（可用：{known}）", "unknown setting '{name}' (known: {known})"),
    "config.store_removed": ("未知的设置 'store'：没有任何功能读取 [store] 一节；提醒台账和周报历史的位置用文件开头的 "
                             'ledger = "…" 设置（默认：配置文件旁的 toolkit.sqlite）',
                             "unknown setting 'store': nothing reads a [store] section; where the reminder ledger and the "
                             'weekly history live is set with ledger = "…" at the top of the file (default: toolkit.sqlite '
                             "beside it)"),
    "config.not_table": ("[{name}] 必须是一个表（一节设置）", "[{name}] must be a table"),
    "config.entry_not_table": ("{name} 必须是一个表：[{name}] {hint}", "{name} must be a table: [{name}] {hint}"),
    "config.calendar_not_table": ("[calendar] 每年一个表，如 [calendar.2027] days_off = [...] workdays = [...]",
                                  "[calendar] takes one table per year, like [calendar.2027] days_off = [...] workdays = [...]"),
    "config.calendar_year": ("未知的设置 'calendar.{entry}'（日历每年一个表，如 [calendar.2027]）",
                             "unknown setting 'calendar.{entry}' (the calendar takes one table per year, like [calendar.2027])"),
    "config.required": ("[{name}] 缺少 {setting} = {example}", "[{name}] needs {setting} = {example}"),
    "config.bool": ("{name} 必须是 true 或 false", "{name} must be true or false"),
    "config.number": ("{name} 必须是 ≥ 0 的数，而不是 {value}", "{name} must be a number ≥ 0, not {value}"),
    "config.too_large": ("{name} 必须小于 {max}，而不是 {value}", "{name} must be less than {max}, not {value}"),
    "config.whole": ("{name} 必须是整数，而不是 {value}", "{name} must be a whole number, not {value}"),
    "config.at_least": ("{name} 至少为 {min}，而不是 {value}", "{name} must be at least {min}, not {value}"),
    "config.port": ("{name} 必须是端口号（1–65535），而不是 {value}", "{name} must be a port number (1–65535), not {value}"),
    "config.text": ("{name} 必须是文本（加引号），而不是 {value}", "{name} must be text (in quotes), not {value}"),
    "config.choice": ("{name} 必须是 {choices}，而不是 {value}", "{name} must be {choices}, not {value}"),
    "config.addresses": ("{name} 必须是邮箱地址或 [people] 中姓名的列表", "{name} must be a list of email addresses or names in [people]"),
    "config.numbers": ("{name} 必须是 ≥ 0 的数的列表", "{name} must be a list of numbers ≥ 0"),
    "config.dates": ('{name} 必须是日期列表，如 ["2027-01-01"]', '{name} must be a list of dates, like ["2027-01-01"]'),
    "config.steps": ("[[{name}]] 每一步只有一个设置：after_hours（≥ 0 的小时数）",
                     "[[{name}]] steps take one setting: after_hours (hours ≥ 0)"),
    "config.password": ("{name}：密码不能写在配置文件里；请用 `toolkit password set` 存入系统密钥环（或 "
                        "`python -m keyring set toolkit <user>`），或设置环境变量 TOOLKIT_SMTP_PASSWORD",
                        "{name}: passwords never go in the config file; store it with `toolkit password set` (or "
                        "`python -m keyring set toolkit <user>`), or set TOOLKIT_SMTP_PASSWORD"),
    "config.ssl_and_starttls": ("smtp.ssl（直接 TLS）和 smtp.starttls 不能同时为 true",
                                "smtp.ssl (implicit TLS) and smtp.starttls cannot both be true"),
    "config.not_address": ("{name} '{value}' 不是邮箱地址", "{name} '{value}' is not an email address"),
    "config.unknown_person": ('{name}："{entry}" 既不是邮箱地址，也不是 [people] 中的姓名',
                              '{name}: "{entry}" is neither an email address nor a name in [people]'),
    "config.unknown_rule": ("[rules] 中的规则 '{rule}' 不存在（`toolkit rules` 列出全部规则）",
                            "unknown rule '{rule}' in [rules] (see `toolkit rules`)"),
    "config.unknown_field": ('[columns] "{header}" = "{field}"：未知的字段（字段名见 docs/reference.md，或写 "ignore"）',
                             '[columns] "{header}" = "{field}": unknown field (see the field list in docs/reference.md, or "ignore")'),
    "mail.no_password": ("没有 {user} 的 SMTP 密码：请用 `toolkit password set` 保存（或 `python -m keyring set toolkit "
                         "{user}`），或设置环境变量 TOOLKIT_SMTP_PASSWORD",
                         "no SMTP password for {user}: store it with `toolkit password set` (or "
                         "`python -m keyring set toolkit {user}`), or set TOOLKIT_SMTP_PASSWORD"),
    "output.cannot_write_here": ("无法在此写入：{detail}", "cannot write here: {detail}"),
    "output.cannot_write": ("无法写入：{detail}", "cannot write: {detail}"),
    "store.cannot_open": ("存储文件无法打开：{detail}", "store cannot be opened: {detail}"),
    "store.busy": ("存储文件忙或只读：{detail}", "store is busy or read-only: {detail}"),
    "store.held": ("另一个 toolkit 运行占用存储文件过久", "another toolkit run has held the store for too long"),
})

# ---- the working calendar (toolkit/workcalendar.py): remind, weekly, toolkit calendar ----------
_TEXT.update({
    "calendar.source.config": ("toolkit.toml 中的 [calendar.{year}]", "[calendar.{year}] in toolkit.toml"),
    "calendar.source.chinesecalendar": ("chinesecalendar（国务院公布的放假安排，含调休）",
                                        "chinesecalendar (the State Council's published arrangement, make-up days included)"),
    "calendar.source.holidays": ("holidays 包推算的法定节假日（推定，不含调休上班日）",
                                 "the statutory days computed by the holidays package (estimated, no make-up working days)"),
    "calendar.source.weekdays": ("周一至周五（不知道任何节假日）", "Monday to Friday (no holidays known at all)"),
    "calendar.source.weekdays_chosen": ('周一至周五（配置 calendar = "weekdays"）',
                                        'Monday to Friday (calendar = "weekdays" in the config)'),
    "calendar.unconfirmed": ("注意：{year} 年的放假安排未经确认，目前判断工作日的依据是：{source}。国务院公布 {year} 年安排后，"
                             "请在 toolkit.toml 中加入 [calendar.{year}]，写明 days_off = [...]（放假日）和 workdays = [...]"
                             "（调休上班日）；`toolkit calendar {year}` 列出目前所用的日期，可作草稿",
                             "warning: the {year} holiday arrangement is not confirmed; working days are judged by {source}. "
                             "Once the State Council publishes it, add [calendar.{year}] to toolkit.toml with days_off = [...] "
                             "(days off) and workdays = [...] (make-up working days); `toolkit calendar {year}` lists the "
                             "days now in use, as a draft"),
    "calendar.day_off": ("{day} 是休息日（{why}）", "{day} is a day off ({why})"),
    "calendar.weekend": ("周末", "weekend"),
    "calendar.why": ("{name}，{source}", "{name}, {source}"),
    "calendar.notice.sent": ("已发送工作日历提醒（{year} 年放假安排未确认）给 {to}",
                             "calendar notice ({year} arrangement not confirmed) sent to {to}"),
    "calendar.notice.preview": ("将发送工作日历提醒（{year} 年放假安排未确认）给 {to}",
                                "would send the calendar notice ({year} arrangement not confirmed) to {to}"),
    "calendar.notice.pending": ("工作日历提醒（{year} 年）未能发送给 {to}：下次运行重试",
                                "calendar notice ({year}) NOT sent to {to}: retried on the next run"),
    # the once-a-year mail to escalate_to
    "calendar.mail.subject": ("【工作日历】{year} 年放假安排未经确认：请在 toolkit.toml 中加入 [calendar.{year}]",
                              "[Working calendar] The {year} holiday arrangement is not confirmed: add [calendar.{year}] "
                              "to toolkit.toml"),
    "calendar.mail.hello": ("您好：", "Hello,"),
    "calendar.mail.intro": ("toolkit 只在工作日发送投诉答复提醒和周报。{year} 年的放假安排尚未确认，目前判断工作日的依据是：{source}。"
                            "这可能与国务院公布的安排不同：调休上班的周六、周日不会发送，推算为放假的日子也可能其实要上班。",
                            "toolkit sends complaint reply reminders and the weekly digest on working days only. The {year} "
                            "holiday arrangement is not confirmed: working days are judged by {source}. This may differ "
                            "from what the State Council publishes: make-up working Saturdays and Sundays are treated as "
                            "days off, and a day estimated to be off may turn out to be a working day."),
    "calendar.mail.days": ("目前按以下日期放假（另加其余的周六、周日）：",
                           "The days off now in use (and every other Saturday and Sunday):"),
    "calendar.mail.how": ("国务院公布 {year} 年安排后，请把下面这张表加入 toolkit.toml（{path}），按通知改好放假日（days_off）"
                          "和调休上班日（workdays）。加入后不再提醒。",
                          "Once the State Council publishes the {year} arrangement, add this table to toolkit.toml ({path}), corrected to "
                          "the notice's days off (days_off) and make-up working days (workdays). Once it is there, "
                          "nothing more is said."),
    "calendar.mail.check": ("运行 `toolkit calendar {year}` 可查看目前所用的每一天及其来源。此邮件每年只发一次。",
                            "`toolkit calendar {year}` lists every day now in use and where it comes from. This mail "
                            "is sent once for the year."),
    # toolkit calendar
    "calendar.title": ("{year} 年：{source}", "{year}: {source}"),
    "calendar.confirmed": ("已确认", "confirmed"),
    "calendar.not_confirmed": ("未确认", "NOT confirmed"),
    "calendar.days_off": ("放假日（{n}）：", "Days off ({n}):"),
    "calendar.workdays": ("调休上班日（{n}）：", "Make-up working days ({n}):"),
    "calendar.none": ("无", "none"),
    "calendar.weekends": ("另有 {n} 个周六、周日休息（周末）", "and {n} Saturdays and Sundays off (weekends)"),
    "calendar.hours": ("工作时间：{start}–{end}（提醒只在此时段发送）", "Working hours: {start}–{end} (reminders go out only then)"),
    "calendar.draft": ("确认后加入 toolkit.toml（按国务院通知修改）：", "To confirm it, add to toolkit.toml (corrected to the State Council's notice):"),
    "calendar.off": ('日历已关闭（[reminders] calendar = "off"）：任何时间都是工作时间',
                     'the calendar is off ([reminders] calendar = "off"): every moment is working time'),
    "calendar.from.config": ("配置", "config"),
    "calendar.from.chinesecalendar": ("chinesecalendar", "chinesecalendar"),
    "calendar.from.holidays": ("holidays 推算", "holidays-estimated"),
    "calendar.from.weekends": ("周末", "weekends"),
    "calendar.from.weekdays": ("工作日", "weekdays"),
    # toolkit weekly --send on a day off
    "weekly.mail.waiting": ("未发送：今天休息，等下一个工作日", "not sent: a day off, waiting for the next working day"),
    "weekly.waits": ("{day_off}：周报未发送，下一个工作日 {next} 的运行会发送（--now 可强制发送）",
                     "{day_off}: the digest is not sent; the run on the next working day, {next}, sends it "
                     "(--now sends anyway)"),
})

WEEKDAY_NAMES = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
                 "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_TEXT.update({
    # toolkit remind: the plan, each item's timing and the message to each person
    "remind.blank_person": ("（未填写）", "(blank)"),
    # a reminder's stage in the run's list (the JSON keeps the stage's ID)
    "remind.stage.due_soon": ("即将到期", "due soon"),
    "remind.stage.overdue": ("已超时", "overdue"),
    "remind.stage.major": ("重大投诉", "major"),
    "remind.stage.no_deadline": ("未约定时间", "no reply time"),
    "remind.stage.unreadable_deadline": ("时间无法识别", "unreadable time"),
    "remind.span.days": ("{days} 天 ", "{days} d "),
    "remind.span.hours": ("{hours} 小时", "{hours} h"),
    "remind.span.minutes": ("{minutes} 分钟", "{minutes} min"),
    "remind.overdue_by": ("已超时 {span}", "overdue by {span}"),
    "remind.left": ("还剩 {span}", "{span} left"),
    "remind.answered_at": ("已于 {when} 答复，尚未结案", "answered {when}, not closed"),
    "remind.answered": ("已答复，尚未结案", "answered, not closed"),
    "remind.unreadable_deadline": ("承诺答复时间“{promised}”无法识别：请在登记表中写成日期和时间（年-月-日 时:分）",
                                   'the promised reply time "{promised}" cannot be read: write it in the register as a date '
                                   "and time (YYYY-MM-DD HH:MM)"),
    "remind.where": ("{register} · {sheet} · 第{row}行", "{register} · {sheet} · row {row}"),
    "remind.subject": ("【投诉答复提醒】{count} 件待处理，最急：{record} {urgent}",
                       {"one": "[Complaint reply reminder] {count} item, most urgent: {record} {urgent}",
                        "other": "[Complaint reply reminder] {count} items, most urgent: {record} {urgent}"}),
    "remind.items": ("{count} 项", {"one": "{count} item", "other": "{count} items"}),
    "remind.no_address_escalated": ("没有邮箱地址：{name}（{records}）→ 已转给 escalate_to",
                                    "no address for {name} ({records}) → sent to escalate_to instead"),
    "remind.no_address_alone": ("没有邮箱地址：{name}（{records}），且未配置 escalate_to：未能提醒",
                                "no address for {name} ({records}) and no escalate_to: NOT reminded"),
    "remind.invalid_address": ("地址无效，未发送：{address}", "invalid address, not sent: {address}"),
    "remind.outside_hours": ("现在不是工作时间，未发送；下一个发送时段：{next}（--now 可强制发送）",
                             "outside working hours: nothing sent; next window opens {next} (--now sends anyway)"),
    "remind.no_complaints": ("所给文件中没有投诉登记表：没有可提醒的事项", "no complaint register in the files given: nothing to remind"),
    "remind.no_config": ("尚无配置文件：运行 `toolkit init`，在 [people] 中填写每人的邮箱，并设置 [reminders] escalate_to",
                         "no config file yet: run `toolkit init`, list each person's address under [people] "
                         "and set [reminders] escalate_to"),
    "remind.status.preview": ("待发送（预览）", "would send (preview)"),
    "remind.status.not_sent": ("未发送", "NOT sent"),
    "remind.day_off": ("{day_off}：未发送；下一个发送时段：{next}（--now 可强制发送）",
                       "{day_off}: nothing sent; next window opens {next} (--now sends anyway)"),
})

# ---- mail: what the SMTP server did with each message (toolkit remind, toolkit weekly --send) ----
_TEXT.update({
    "err.smtp_cleartext": (
        "设置了 smtp.user，但 smtp.ssl 和 smtp.starttls 都没有打开：密码会以明文经网络发往 {host}；"
        "请设置 ssl = true（端口 465）或 starttls = true（端口 587）",
        "smtp.user is set but neither smtp.ssl nor smtp.starttls is on: the password would cross the network "
        "to {host} in the clear; set ssl = true (port 465) or starttls = true (port 587)"),
    "mail.warn_cleartext": ("警告：SMTP 密码以明文发往 {host}（未加密；只因它是本机才允许）",
                            "warning: the SMTP password goes to {host} unencrypted (allowed only because it is this computer)"),
    "mail.failed": ("SMTP {server} 尝试 {attempts} 次仍失败：{detail}；{pending} 封邮件留待下次运行发送",
                    "SMTP {server} failed (attempts: {attempts}): {detail}; messages left for the next run: "
                    "{pending}"),
    # what a failure to reach the server means, before the system's own words (mail.failed's {detail})
    "mail.cause.login": ("服务器拒绝登录：用户名或密码不对（{detail}）", "the server refused the user name or password ({detail})"),
    "mail.cause.refused": ("连接被拒绝：该服务器的这个端口不收邮件，请核对 host 和 port（{detail}）",
                           "connection refused: the server takes no mail on that port; check host and port ({detail})"),
    "mail.cause.unknown_host": ("找不到这个服务器名，请核对 host（{detail}）", "no server of that name; check host ({detail})"),
    "mail.cause.certificate": ("服务器的 TLS 证书未通过校验（{detail}）", "the server's TLS certificate failed the check ({detail})"),
    "mail.cause.timeout": ("服务器没有应答（{detail}）", "no answer from the server ({detail})"),
    "mail.cause.disconnected": ("服务器断开了连接（{detail}）", "the server closed the connection ({detail})"),
    "mail.refused": ("邮件服务器拒收：{refusals}；其余邮件照常发送",
                     "the mail server refused {refusals}; the other messages went ahead"),
    "mail.uncertain": ("邮件已交给服务器，但 {seconds} 秒内没有等到确认（{detail}）：{to} 可能已经收到；"
                       "下次运行会再发一次（Message-ID 相同）",
                       "no answer from the server within {seconds} s of handing over the message to {to} ({detail}): "
                       "it may have arrived; the next run sends it again (same Message-ID)"),
    "mail.uncertain_stopped": ("邮件已交给服务器，但 {seconds} 秒内没有等到确认（{detail}）：{to} 可能已经收到，"
                               "下次运行会再发一次（Message-ID 相同）；服务器无响应，其余 {pending} 封邮件留待下次运行发送",
                               "no answer from the server within {seconds} s of handing over the message to {to} "
                               "({detail}): it may have arrived, and the next run sends it again (same Message-ID); "
                               "the server is not answering, so the other messages wait for the next run: {pending}"),
    "mail.status.sent": ("已发送", "sent"),
    "mail.status.resent": ("已再次发送：上次运行交给服务器后没有等到确认，可能重复（Message-ID 相同）",
                           "sent again: the last run got no answer after handing it over, so it may arrive twice "
                           "(same Message-ID)"),
    "mail.status.refused": ("邮件服务器拒收：{reply}", "REFUSED by the mail server: {reply}"),
    "mail.status.deferred": ("邮件服务器暂时拒收（{reply}），已重试，下次运行再发",
                             "deferred by the mail server ({reply}), retried; sent on the next run"),
    "mail.status.uncertain": ("未确认：已交给服务器但没有等到答复，下次运行再发",
                              "NOT confirmed: handed over, no answer from the server; sent again on the next run"),
    "mail.refused_escalated": ("邮件服务器拒收 {address}（{records}）→ 转给 escalate_to：{targets}",
                               "the mail server refused {address} ({records}) → escalated to {targets}"),
    "mail.refused_alone": ("邮件服务器拒收 {address}（{records}），且没有可转交的 escalate_to：未能提醒",
                           "the mail server refused {address} ({records}) and there is no escalate_to to send them to: "
                           "NOT reminded"),
    "mail.on_behalf": ("代收：{address} 被拒收", "on behalf of {address}, refused"),
    "weekly.mail.resent": ("已再次发送（上次运行没有等到服务器确认，可能重复，Message-ID 相同）",
                           "sent again (the last run got no answer from the server; may arrive twice, same Message-ID)"),
    "weekly.mail.refused": ("邮件服务器拒收：{reply}", "REFUSED by the mail server: {reply}"),
    "weekly.mail.deferred": ("邮件服务器暂时拒收（{reply}），下次运行重试", "deferred by the mail server ({reply}); retried on the next run"),
    "weekly.mail.uncertain": ("未确认：已交给服务器但没有等到答复，下次运行再发",
                              "NOT confirmed: handed over, no answer from the server; sent again on the next run"),
})

# ---- toolkit schedule, --log, toolkit password ------------------------------------------------
_TEXT.update({
    "schedule.head.cron": ("cron（Linux/macOS）：crontab -e，粘贴以下两行", "cron (Linux/macOS): crontab -e, and paste the two lines below"),
    "schedule.head.windows": ("Windows 任务计划程序：在 cmd.exe 中运行以下两行（用存有 SMTP 密码的那个 Windows 用户）",
                              "Windows Task Scheduler: run the two lines below in cmd.exe (as the Windows user who stored the SMTP password)"),
    "schedule.note.remind": ("提醒：每天 8:00–18:30 每半小时运行一次；非工作时间、周末、节假日 toolkit 自己不发，调休上班日照常",
                             "Reminders every half hour 8:00-18:30, every day: toolkit itself sends only in working hours on working days (holidays and make-up days included)"),
    "schedule.note.weekly": ("周报：每天早上 8:30 运行；上周的周报每位收件人只发一次（台账记录），遇节假日顺延到下一个工作日",
                             "Weekly job every morning at 8:30: last week's digest goes out once per recipient (the ledger remembers), on the first working day"),
    "schedule.note.password_windows": ("SMTP 密码：运行 toolkit password set（存入 Windows 凭据管理器），或设用户环境变量 TOOLKIT_SMTP_PASSWORD",
                                       "SMTP password: run toolkit password set (kept in Windows Credential Manager), or set the user environment variable TOOLKIT_SMTP_PASSWORD"),
    "schedule.note.password_cron": ("SMTP 密码：运行 toolkit password set（存入系统密钥环），或设环境变量 TOOLKIT_SMTP_PASSWORD",
                                    "SMTP password: run toolkit password set (kept in the system keyring), or set the environment variable TOOLKIT_SMTP_PASSWORD"),
    "schedule.note.logs": ("每次运行的输出追加到 {remind} 和 {weekly}", "Each run's output is appended to {remind} and {weekly}"),
    "schedule.note.cmd_file": ("{path} 中是完整命令：命令行有 {n} 个字符，超过 schtasks /TR 允许的 {limit} 个",
                               "{path} holds the whole command: it is {n} characters, over the {limit} that schtasks /TR accepts"),
    "schedule.missing_register": ("警告：{path} 不存在，计划任务运行时将读不到它；请检查路径",
                                  "warning: {path} does not exist: the scheduled runs would not find it; check the path"),
    "schedule.no_registers": ("警告：没有给出登记表路径；请把命令中的 {path} 换成登记表文件夹",
                              "warning: no register path given: replace {path} in the lines with the registers' folder"),
    "schedule.missing_config": ("警告：配置文件 {path} 不存在，计划任务将没有 SMTP 设置和收件人；先用 toolkit init 创建",
                                "warning: the config {path} does not exist: the scheduled runs would have no SMTP settings or recipients; create it with toolkit init"),
    "schedule.no_config": ("警告：{folder} 中没有 toolkit.toml，计划任务将没有 SMTP 设置，台账也会写到用户数据文件夹而不是配置旁；请用 --config 指定配置文件",
                           "warning: no toolkit.toml in {folder}: the scheduled runs would have no SMTP settings and keep their ledger in the user's data folder, not beside a config; give --config"),
    "schedule.cmd_path_too_long": ("警告：{path} 的路径超过 schtasks /TR 允许的 {limit} 个字符；请把配置文件放到路径更短的文件夹",
                                   "warning: the path {path} is over the {limit} characters schtasks /TR accepts; keep the config in a folder with a shorter path"),
    "schedule.cmd_exists": ("已存在且不是 toolkit schedule 写的；用 --force 覆盖",
                            "exists and was not written by toolkit schedule; use --force to replace it"),
    "log.cannot_write": ("日志文件无法写入：{detail}", "cannot write the log: {detail}"),
    "password.prompt": ("{user} 的 SMTP 密码", "SMTP password for {user}"),
    "password.confirm": ("再输入一次", "Repeat it"),
    "password.empty": ("没有读到密码（输入为空），未保存", "no password given (the input is empty); nothing stored"),
    "password.no_user": ("不知道 SMTP 用户名：请用 --user 指定，或在 toolkit.toml 的 [smtp] 中设置 user",
                         "no SMTP user: give --user, or set user in [smtp] of toolkit.toml"),
    "password.no_backend": ("本机没有可用的系统密钥环（{detail}）；请改用环境变量 TOOLKIT_SMTP_PASSWORD",
                            "no usable system keyring on this machine ({detail}); set the environment variable TOOLKIT_SMTP_PASSWORD instead"),
    "password.failed": ("系统密钥环出错（{backend}）：{detail}", "the system keyring failed ({backend}): {detail}"),
    "password.not_kept": ("系统密钥环（{backend}）没有保存密码；请改用环境变量 TOOLKIT_SMTP_PASSWORD",
                          "the system keyring ({backend}) did not keep the password; set the environment variable TOOLKIT_SMTP_PASSWORD instead"),
    "password.stored": ("已将 {user} 的 SMTP 密码存入系统密钥环（{backend}，服务名 toolkit）",
                        "stored the SMTP password for {user} in the system keyring ({backend}, service toolkit)"),
    "password.present": ("系统密钥环（{backend}）中存有 {user} 的 SMTP 密码", "an SMTP password for {user} is stored in the system keyring ({backend})"),
    "password.absent": ("系统密钥环（{backend}）中没有 {user} 的 SMTP 密码；用 toolkit password set 保存",
                        "no SMTP password for {user} in the system keyring ({backend}); store one with toolkit password set"),
    "password.env_set": ("环境变量 TOOLKIT_SMTP_PASSWORD 已设置，发送时优先使用它", "TOOLKIT_SMTP_PASSWORD is set here, and is used before the keyring"),
    "password.deleted": ("已从系统密钥环（{backend}）删除 {user} 的 SMTP 密码", "deleted the SMTP password for {user} from the system keyring ({backend})"),
    "password.nothing_to_delete": ("系统密钥环（{backend}）中没有 {user} 的 SMTP 密码，无需删除",
                                   "no SMTP password for {user} in the system keyring ({backend}); nothing to delete"),
})


# ---- what the command line says of options it cannot use (toolkit/cli.py: the parser's own words are English) ----
_TEXT.update({
    "usage.line": ("用法：{usage}", "Usage: {usage}"),
    "usage.try_help": ("运行 {command} {option} 查看帮助。", "Try '{command} {option}' for help."),
    "usage.error": ("错误：{message}", "Error: {message}"),
    "usage.no_such_option": ("没有 {option} 这个选项", "No such option: {option}"),
    "usage.possible_options": ("（相近的选项：{options}）", " (Possible options: {options})"),
    "usage.missing_argument": ("缺少参数 {name}", "Missing argument {name}."),
    "usage.missing_option": ("缺少选项 {name}", "Missing option {name}."),
    "usage.choose_from": ("，可选：{choices}", " Choose from: {choices}"),
    "usage.invalid_value": ("{name} 的值无效：{detail}", "Invalid value for {name}: {detail}"),
    "usage.invalid": ("值无效：{detail}", "Invalid value: {detail}"),
    "usage.not_a_choice": ("{value} 不是可选的值（可选：{choices}）", "{value} is not one of {choices}."),
    "usage.out_of_range": ("{value} 超出允许的范围（{range}）", "{value} is not in the range {range}."),
    "usage.not_a_number": ("{value} 不是有效的{kind}", "{value} is not a valid {kind}."),
    "usage.kind.integer": ("整数", "integer"),
    "usage.kind.int": ("整数", "integer"),
    "usage.kind.float": ("数", "float"),
    "usage.needs_value": ("选项 {option} 后面要写一个值", "Option {option} requires an argument."),
    "usage.takes_no_value": ("选项 {option} 不带值", "Option {option} does not take a value."),
    "usage.extra_arguments": ("多余的参数：{args}", {"one": "Got unexpected extra argument ({args})",
                                                  "other": "Got unexpected extra arguments ({args})"}),
    "usage.no_such_command": ("没有 {name} 这个命令", "No such command {name}."),
    "usage.missing_command": ("缺少命令", "Missing command."),
    "usage.aborted": ("已取消", "Aborted!"),
    "interrupted": ("已中断", "interrupted"),
})


# The last line of defence in toolkit/cli.py: a bug, said so, with what to send to whoever keeps the toolkit
_TEXT.update({
    "internal_error": ("内部错误（toolkit 的缺陷，不是登记表或设置的问题）：{error}。请把这一行、所用的命令和 toolkit {version} "
                       "报给维护 toolkit 的同事；设置 TOOLKIT_DEBUG=1 再运行可得详细信息",
                       "internal error (a bug in toolkit, not in your files or settings): {error}. Please report this "
                       "line, the command you ran and toolkit {version} to whoever maintains toolkit; run again with "
                       "TOOLKIT_DEBUG=1 for details"),
})


# ---- what recipients get: the sender's name, reminder and digest wording, links, each role's part (#20.1-2) ----
_TEXT.update({
    "mail.from_name": ("客服中心", "Customer service centre"),
    # a reminder's promised reply time, in words (never "—（—）")
    "remind.mail.promise_left": ("承诺答复：{promised}（{left}）", "Promised reply: {promised} ({left})"),
    "remind.mail.promise": ("承诺答复：{promised}", "Promised reply: {promised}"),
    "remind.mail.no_promise_left": ("未承诺答复时间；{left}", "No reply time promised; {left}"),
    "remind.mail.no_promise": ("未承诺答复时间", "No reply time promised"),
    "remind.mail.none_agreed": ("未约定", "none agreed"),
    # the last line of `toolkit remind`: items (a complaint's stage) and reminders (an item for one recipient) apart
    "remind.sum.line": ("{counts}{already}；{messages}，{sent}", "{counts}{already}; {messages}, {sent}"),
    "remind.sum.complaints": ("{count} 件投诉", {"one": "{count} complaint", "other": "{count} complaints"}),
    "remind.sum.items": ("{count} 项需提醒", {"one": "{count} item to remind of", "other": "{count} items to remind of"}),
    "remind.sum.reminders": ("按收件人计 {count} 条提醒", {"one": "{count} reminder counting each recipient",
                                                    "other": "{count} reminders counting each recipient"}),
    "remind.sum.already": ("（其中 {count} 条此前已提醒过，本次不再发送）",
                           {"one": " ({count} item already reminded before, not sent again)",
                            "other": " ({count} items already reminded before, not sent again)"}),
    "remind.sum.messages": ("{count} 封邮件", {"one": "{count} message", "other": "{count} messages"}),
    "remind.sum.sent": ("已发送 {count} 封", "{count} sent"),
    # the weekly digest: what the attachment's links do from a mail, and engineering's part
    "weekly.links.none": ("完整清单见附件工作簿。", "The full lists are in the attached workbook."),
    "weekly.links.shared": ("完整清单见附件工作簿；每一行的单号都链接到共享文件夹 {folder} 中登记表的原单元格。",
                            "The full lists are in the attached workbook; each row's number links to its cell in "
                            "the register, in the shared folder {folder}."),
    "weekly.links.local": ("完整清单见附件工作簿。登记表保存在发出本邮件的电脑上（{folder}），不在共享文件夹中："
                           "附件里的链接只能在那台电脑上打开；在其他电脑上，请按“{source}”一列找到原单元格。",
                           "The full lists are in the attached workbook. The registers are kept on the computer "
                           "that sent this mail ({folder}), not in a shared folder: the workbook's links open only "
                           "on that computer; elsewhere, find each row's cell by the \"{source}\" column."),
    "weekly.subject.engineering": ("【未完成工单】{week} 共 {count} 张",
                                   {"one": "Unfinished orders {week}: {count} order",
                                    "other": "Unfinished orders {week}: {count} orders"}),
    "weekly.engineering.intro": ("截至本周末仍未完成的维修工单共 {count} 张。请逐张跟进，并在登记表中写明未完成原因。",
                                 {"one": "{count} repair order is still unfinished at the end of the week. Please "
                                         "follow it up and write the reason it is unfinished in the register.",
                                  "other": "{count} repair orders are still unfinished at the end of the week. "
                                           "Please follow each up and write the reason it is unfinished in the "
                                           "register."}),
})

# ---- no surprise files, no mixed sites; help a person can use (#20.5-6) ----
_TEXT.update({
    # whose weekly history a run compares with, and where it is kept
    "weekly.history_recorded": ("往周比较：{site} 的历史，存于 {store}", "Compared with the weeks stored for {site}, in {store}"),
    "weekly.history_read": ("往周比较：{site} 的历史，取自 {store}；本次为预览，不保存本周统计（加 --out 或 --send 时保存）",
                            "Compared with the weeks stored for {site}, in {store}; a preview: this week's counts "
                            "are not stored (--out or --send stores them)"),
    "weekly.history_none": ("往周比较：{site} 尚无历史；本次为预览，不保存本周统计（加 --out 或 --send 时存入 {store}）",
                            "No weeks stored yet for {site}; a preview: this week's counts are not stored (--out or "
                            "--send stores them in {store})"),
    # --as-of: the forms a register's own cells are read in
    "usage.as_of_forms": ('--as-of 应写作登记表单元格中的日期形式，如 "2026-11-25 09:00"、"2026/11/25"、"2026.11.25"、'
                          '"11/25"（离今天最近的那天）或 "2026年11月25日 9:00"（只写日期即当天 23:59），而不是“{value}”',
                          '--as-of must look like a date as the registers write it: "2026-11-25 09:00", "2026/11/25", '
                          '"2026.11.25", "11/25" (the nearest such day) or "2026年11月25日 9:00" (a date alone means 23:59 that '
                          'day), not "{value}"'),
    # an Excel owner file named alone
    "usage.owner_file": ("{owner} 是 Excel 的占用标记文件（说明 {workbook} 正在 Excel 中打开），不是登记表；请指定 {workbook} 本身",
                         "{owner} is Excel's owner file (it says {workbook} is open in Excel), not a register; name "
                         "{workbook} itself"),
})
# ---- group robots: WeCom and DingTalk (issue #22) ----
_TEXT.update({
    "robot.platform.wecom": ("企业微信", "WeCom"),
    "robot.platform.dingtalk": ("钉钉", "DingTalk"),
    "robot.bad_name": ('机器人名称 "{name}" 只能用字母、数字、_ 和 -（它也是环境变量名和密钥环中的名称）',
                       'robot name "{name}" may hold only letters, digits, _ and - (it also names an environment '
                       'variable and a keyring entry)'),
    "robot.url_with_key": ("robots.{name}.url 不能带 {param}：密钥不写在配置文件中，请用 `toolkit robot-key set {name}` 保存",
                           "robots.{name}.url must not carry {param}: the key never goes in the config file; keep it "
                           "with `toolkit robot-key set {name}`"),
    "robot.bad_mobile": ("{name} 不是手机号（11 位，1 开头，可带 +86）", "{name} is not a mobile number (11 digits "
                         "starting with 1, +86 allowed)"),
    "robot.no_key": ("机器人 {robot} 没有{what}：请用 `toolkit robot-key set {robot}` 保存，或设置环境变量 {env}",
                     "robot {robot} has no {what}: keep it with `toolkit robot-key set {robot}`, or set {env}"),
    "robot.failed": ("群机器人未能发送：{details}；这些消息留待下次运行发送",
                     "group robot post failed: {details}; those messages stay pending for the next run"),
    "robot.uncertain": ("群机器人没有应答：{details}；消息可能已发出，下次运行会再发一次",
                        "group robot never answered: {details}; the message may have been posted, and the next run "
                        "posts it again"),
    "robot.remind.title": ("投诉答复提醒：{count} 项", {"one": "Reply reminders: {count} item",
                                                 "other": "Reply reminders: {count} items"}),
    "robot.remind.as_of": ("截至 {as_of}，最紧急的在前", "As of {as_of}, most urgent first"),
    "robot.remind.owner": ("责任人 {name}", "owner {name}"),
    "robot.remind.promised": ("承诺 {promised}", "promised {promised}"),
    "robot.more": ("另有 {count} 项未列出（共 {total} 项），下次运行接着发", {
        "one": "{count} more item not listed ({total} in all): the next run posts it",
        "other": "{count} more items not listed ({total} in all): the next run posts them"}),
    "robot.weekly.title": ("周报 {week}", "Weekly digest {week}"),
    "robot.weekly.stat": ("- {label}：**{value}**{last}", "- {label}: **{value}**{last}"),
    "robot.weekly.last": ("（上周 {value}）", " (last week {value})"),
    "robot.weekly.list": ("**{title}（{n}）**", "**{title} ({n})**"),
    "robot.weekly.more": ("……其余各行见周报邮件和工作簿", "… the other rows are in the digest mail and the workbook"),
    "robot.line": ("机器人 {robot}（{platform}）[{status}] {records}", "robot {robot} ({platform}) [{status}] {records}"),
    "robot.line_more": ("，另有 {count} 项下次发", {"one": ", {count} more next run", "other": ", {count} more next run"}),
    "robot.line_at": ("，@ {names}", ", @ {names}"),
    "robot.already": ("{count} 项此前已发到群机器人，本次不再发送", {"one": "{count} item already posted to its robot, not again",
                                                   "other": "{count} items already posted to their robots, not again"}),
    "robot.status.sent": ("已发送", "posted"),
    "robot.status.resent": ("已重发（上次未收到应答）", "posted again (no answer last time)"),
    "robot.status.failed": ("未发送，下次重试", "NOT posted, retried on the next run"),
    "robot.status.uncertain": ("无应答，可能已发出", "no answer, may have been posted"),
    "robot.status.pending": ("未发送", "not posted"),
    "robot.status.preview": ("预览", "preview"),
    "robot_key.what.key": ("Webhook 密钥", "webhook key"),
    "robot_key.what.secret": ("钉钉加签密钥", "DingTalk signing secret"),
    "robot_key.prompt": ("机器人 {robot} 的{what}", "{what} of robot {robot}"),
    "robot_key.stored": ("已把机器人 {robot} 的{what}存入 {backend}", "stored the {what} of robot {robot} in {backend}"),
    "robot_key.present": ("{backend} 中有机器人 {robot} 的{what}", "{backend} holds the {what} of robot {robot}"),
    "robot_key.absent": ("{backend} 中没有机器人 {robot} 的{what}", "{backend} holds no {what} of robot {robot}"),
    "robot_key.env_set": ("环境变量 {env} 已设置，优先使用", "the environment variable {env} is set and used first"),
    "robot_key.deleted": ("已从 {backend} 删除机器人 {robot} 的{what}", "deleted the {what} of robot {robot} from {backend}"),
    "robot_key.nothing_to_delete": ("{backend} 中没有机器人 {robot} 的{what}", "{backend} holds no {what} of robot {robot}"),
    "schedule.note.robots": ("群机器人（[robots]）：同样由这两个任务发送，无需另加任务；只需先用 toolkit robot-key set 名称 保存密钥"
                             "（钉钉另加 --secret），或设环境变量 TOOLKIT_ROBOT_KEY_名称",
                             "Group robots ([robots]): the same two jobs post to them, no other task is needed; keep "
                             "each key first with toolkit robot-key set NAME (DingTalk: also --secret), or set "
                             "TOOLKIT_ROBOT_KEY_NAME"),
    "robot_key.unknown": ('toolkit.toml 中没有 [robots.{robot}]', 'there is no [robots.{robot}] in toolkit.toml'),
})

# ---- who must fix it (分清责任, issue #21): roles, --by person, the per-person list, repeat repairs ----
_TEXT.update({
    "role.issuer": ("发单人", "issuer"),
    "role.engineering": ("工程部接单人", "engineering (sign-in)"),
    "role.repairer": ("维修人员", "repairer"),
    "role.return_signer": ("返单签收人", "return signer"),
    "role.finance": ("财务", "finance"),
    "role.customer_service": ("客服（回访）", "customer service (visit)"),
    "role.first_handler": ("首问责任人", "first handler"),
    "role.owner": ("责任人", "owner"),
    "role.taker": ("受理人", "call taker"),
    "responsible.named": ("{name}（{role}）", "{name} ({role})"),
    "responsible.unnamed": ("{role}（未写姓名）", "{role} (no name written)"),
    "col.responsible": ("应由谁改", "to be fixed by"),
    "by_person.head": ("{who}：{count} 项", {"one": "{who}: {count} finding", "other": "{who}: {count} findings"}),
    "by_person.none": ("没有发现问题。", "No findings."),
    # the weekly job: findings by person and role, this week against last
    "weekly.people.title": ("按人员统计", "By person"),
    "weekly.people.intro": ("本周各人应改的问题数，与上周对比（按登记表上写的姓名；未写姓名的按角色）。",
                            "Findings each person must fix this week, against last week (by the names written in "
                            "the registers; by role where none is written)."),
    "weekly.people.person": ("人员", "person"),
    "weekly.people.role": ("角色", "role"),
    "weekly.people.this_week": ("本周", "this week"),
    "weekly.people.last_week": ("上周", "last week"),
    "weekly.people.change": ("变化", "change"),
    "weekly.people.unnamed": ("（未写姓名）", "(no name written)"),
    "weekly.people.unknown": ("不在 [people] 名单中的姓名（未发送个人清单，请核对或补入名单）：{names}",
                              "Names not listed under [people] (no personal list sent; check them or add them): "
                              "{names}"),
    # repeat repairs (返修)
    "weekly.repeat.title": ("返修", "Repeat repairs"),
    "weekly.repeat.intro": ("同一地点、同类故障在 {days} 天内再次报修：计入第一次维修的维修人员。",
                            "The same place with the same kind of fault again within {days} days: counted against "
                            "the first repair's repairer."),
    "weekly.repeat.first": ("第一次", "first order"),
    "weekly.repeat.again": ("再次报修", "repeat order"),
    "weekly.repeat.days": ("间隔天数", "days apart"),
    "weekly.repeat.location": ("地点", "location"),
    "weekly.repeat.fault": ("相同故障", "same fault"),
    "weekly.repeat.repairer": ("第一次维修人员", "first repairer"),
    "weekly.repeat.rate": ("返修率", "repeat-repair rate"),
    "weekly.repeat.none": ("本周没有返修。", "No repeat repairs this week."),
    # the per-person list by mail
    "person_mail.subject": ("【待改正】{week} {name}：{count} 项", {"one": "To fix {week}, {name}: {count} item",
                                                               "other": "To fix {week}, {name}: {count} items"}),
    "person_mail.html_lang": ("zh-CN", "en"),
    "person_mail.greeting": ("{name}，您好：", "Dear {name},"),
    "person_mail.intro": ("以下是本周登记表中需要您改正或补齐的内容（按“分清责任”的规定，由您负责）。改好后下次检查即不再列出。",
                          "Below is what the registers ask you to correct or complete this week (yours under the "
                          "rules on who answers for what). Once corrected, it is no longer listed."),
    "person_mail.more": ("另有 {count} 项，见每周工作簿。", {"one": "{count} more item: see the weekly workbook.",
                                                     "other": "{count} more items: see the weekly workbook."}),
    "person_mail.where": ("位置", "where"),
    "person_mail.what": ("问题", "what is wrong"),
    "person_mail.as": ("身份", "as"),
    "person_mail.sent": ("个人清单：已发送 {count} 封", {"one": "personal lists: {count} sent",
                                                  "other": "personal lists: {count} sent"}),
    "person_mail.already": ("个人清单：本周已发送过，不再发送 {count} 封",
                            {"one": "personal lists: {count} already sent this week, not sent again",
                             "other": "personal lists: {count} already sent this week, not sent again"}),
})
