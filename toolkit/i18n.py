"""User-facing language: chosen by --lang, then the config's ``lang``, then the locale.

UI strings live here in both languages; rule messages live with their rules.
"""

from __future__ import annotations

import os
import sys

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
    "sheet.hidden_rows": ("（隐藏行 {rows}，已检查）", " (hidden rows {rows}, checked)"),
    "rules_not_run": ("因缺少列未运行的规则", "rules not run for lack of columns"),
    "rules_not_run.some": ("{total} 个表中的 {n} 个", "on {n} of {total} registers"),
    "unmapped_columns": ("未识别的列", "unmapped columns"),
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
    # the annotated copy (validate --annotate DIR)
    "annotate.written": ("已写入标注副本 {path}（{cells} 个单元格已标色并加批注，{findings} 条检查结果）",
                         "wrote annotated copy {path} ({cells} cells filled and noted, {findings} findings)"),
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
    "annotate.title": ("检查结果：{file}，{errors} 个错误，{warnings} 个警告",
                       "Findings: {file}, {errors} errors, {warnings} warnings"),
    "annotate.as_of": ("（检查时间 {as_of}）", " (as of {as_of})"),
    "annotate.hint": ("有问题的单元格已按级别标色（红色：错误，黄色：警告）并附批注；点击“单元格”列可跳转到该单元格。",
                      "Cells with findings are filled by severity (red: error, yellow: warning) and carry a note; "
                      "click a cell address to go there."),
    "annotate.not_kept_line": ("注意：原文件中以下内容未能保留在副本中：{parts}", "Note: not kept from the original: {parts}"),
    "annotate.note_head": ("检查结果：", "Findings:"),
    "annotate.by_rule": ("按规则", "by rule"),
    "annotate.by_column": ("按列", "by column"),
    "annotate.count": ("数量", "count"),
    "template.written": ("已写入 {path}：{kind}登记表，{n} 张月份工作表（{sheets}），每张预设 {rows} 行",
                         "wrote {path}: {kind} register, {n} month sheet(s) ({sheets}), {rows} rows formatted on each"),
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
    "err.no_workbooks": ("文件夹里没有工作簿（.xlsx、.xlsm、.xlsb、.xls、.ods）",
                         "no workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) in this folder"),
    "err.output_is_input": ("是正在检查的文件，输出不能写到它上面；请换一个输出文件名",
                            "is one of the files being checked; an output never replaces it (choose another output file)"),
}


def has_text(key: str) -> bool:
    return key in _TEXT


def t(key: str, lang: str, **params) -> str:
    zh, en = _TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


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
