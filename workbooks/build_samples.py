"""Build the sample registers in this folder (committed as .xlsx; rerun to rebuild).

Two sites keep their work-order registers differently, as real sites do:
- 阳光花园: one sheet per month under a merged title, a single header row, Excel dates
  mixed with dates typed as text, a totals row and a signature footer, an instructions
  sheet, a statistics sheet and the blank Sheet2 Excel leaves behind.
- 翠湖苑: a two-level header (报修登记 / 工程部 / 完工 / 返单 merged over the column names),
  a 序号 counter beside the printed form number No.008701, the receipt as a date column and
  a time column, 收费/免费, fees typed with ￥, local landlines without area code.
阳光花园 also keeps a complaint register (投诉登记): a sheet per month under a merged title,
a 序号 counter beside the complaint number, Excel dates mixed with text dates (2026/11/06 15:30,
11月20日 17:00, 2026.11.3 8:05), a totals row and a signature footer.
Each carries a handful of real defects (listed in DEFECTS below, and in the README).

    python workbooks/build_samples.py
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
DT = "yyyy-mm-dd hh:mm"

SUNSHINE_HEADER = [
    "单号", "报修时间", "派单时间", "报修地点", "报修内容", "业主姓名", "联系电话", "有偿/无偿",
    "工程部接单时间", "接单人", "维修人员签字", "完工时间", "客户签字", "收费金额（元）",
    "延误原因", "未完成原因", "返单时间", "收单人", "财务签收", "备注",
]

DEFECTS = {
    "阳光花园": [
        "WX2611004 returned without the customer's signature",
        "WX2611005 handed to engineering 12 minutes after dispatch",
        "WX2611006 return signed by the repairer himself (proxy signing)",
        "WX2611007 paid, completed, no fee",
        "WX2611008 completed 2 days after dispatch with no delay reason",
        "WX2611010 missing: a lost form (number gap)",
        "WX2611011 repair content too brief (灯坏), phone with a digit missing",
        "WX2611013 returned uncompleted with no special approval and no reason",
        "WX2610012 paid, completed in October, not signed for by finance",
    ],
    "翠湖苑": [
        "No.008704 customer's signature is the repairer's name",
        "No.008706 completion time before the engineering sign-in",
        "No.008707 receipt date typed as 11月31日 (no such day)",
        "No.008708 open for days with no reason given",
    ],
    "阳光花园投诉": [
        "TS2610004 received 16 October, still open: a major complaint (open over 30 days)",
        "TS2611002 answered a day after the promised reply time",
        "TS2611003 closed although the return visit says 不满意",
        "TS2611004 closed without a return visit",
        "TS2611005 15 households complain together: a major complaint",
        "TS2611006 the content says the owner went to the 12345 hotline and a TV station: a major complaint",
        "TS2611007 promised a reply by 20 November, still unanswered",
        "TS2611008 open with no promised reply time",
        "TS2611009 no phone number; category written as 服务态度 (管理服务)",
        "TS2611010 phone with a digit missing",
        "TS2611011 closed two days before its return visit (time order); its number is used twice",
        "TS2611013 received on 11月31日 (no such day)",
    ],
}


def _style_table(ws, header_row: int, ncols: int, last_row: int, widths: dict[int, float]) -> None:
    for c in range(1, ncols + 1):
        cell = ws.cell(header_row, c)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in range(header_row, last_row + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = BOX
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w


def _order(no, received, *, dispatch=2, accept=5, complete=120, ret=180, place="3栋1201", content="厨房水龙头漏水，需更换阀芯",
           owner="刘伟", phone="13812345678", paid="无偿", accepted_by="李工", repairer="李明", signature=None,
           fee=None, delay="", unfinished="", signer="王丽", finance="", remark="", text_dates=False):
    t0 = received
    d = t0 + timedelta(minutes=dispatch)
    a = d + timedelta(minutes=accept) if accept is not None else None
    c = d + timedelta(minutes=complete) if complete is not None else None
    r = d + timedelta(minutes=ret) if ret is not None else None
    sig = owner if signature is None else signature
    fmt = (lambda x: x.strftime("%Y/%m/%d %H:%M") if x else None) if text_dates else (lambda x: x)
    return [no, fmt(t0), fmt(d), place, content, owner, phone, paid, fmt(a), accepted_by if a else "",
            repairer if c else "", fmt(c), sig if c else "", fee, delay, unfinished, fmt(r) if r else None,
            signer if r else "", finance, remark]


def sunshine_rows_november():
    day = lambda d, h, m=0: datetime(2026, 11, d, h, m)  # noqa: E731
    return [
        _order("WX2611001", day(2, 8, 35), content="卫生间地漏堵塞，返水", owner="陈静", phone="139 2233 4455"),
        _order("WX2611002", day(2, 10, 5), paid="有偿", fee=80, content="更换客厅吸顶灯灯管", owner="周敏",
               phone="0755-86001234", finance="赵会计"),
        _order("WX2611003", day(3, 14, 5), text_dates=True, content="入户门锁芯卡滞，无法反锁", owner="孙浩",
               phone="137-0011-2233"),
        _order("WX2611004", day(4, 9, 20), content="阳台推拉门滑轮损坏", owner="吴芳", signature=""),
        _order("WX2611005", day(5, 16, 40), accept=12, content="厨房插座无电，跳闸", owner="郑强"),
        _order("WX2611006", day(6, 11, 0), content="空调冷凝水管漏水", owner="王磊", signer="李明"),
        _order("WX2611007", day(9, 15, 30), paid="有偿", content="更换洗手盆下水软管", owner="冯丽"),
        _order("WX2611008", day(10, 8, 50), complete=2 * 24 * 60, ret=2 * 24 * 60 + 60,
               content="外墙渗水导致卧室墙面发霉", owner="褚明"),
        _order("WX2611009", day(11, 13, 15), paid="有偿", fee="¥150", content="更换热水器角阀", owner="卫东",
               finance="赵会计"),
        _order("WX2611011", day(12, 10, 0), content="灯坏", owner="蒋雪", phone="1381234567"),
        _order("WX2611012", day(16, 9, 10), content="楼道声控灯不亮", owner="沈阳", text_dates=True),
        _order("WX2611013", day(18, 14, 25), complete=None, content="地下车库卷帘门电机异响", owner="韩梅",
               ret=26 * 60),
        _order("WX2611014", day(23, 17, 5), accept=3, complete=None, ret=None, content="主卧窗户密封条脱落",
               owner="杨帆", phone="13566778899"),
        _order("WX2611015", day(24, 20, 30), accept=None, complete=None, ret=None, content="客厅电视墙插座松动",
               owner="朱琳", phone="15012345678"),
    ]


def sunshine_rows_october():
    day = lambda d, h, m=0: datetime(2026, 10, d, h, m)  # noqa: E731
    return [
        _order("WX2610010", day(20, 9, 0), paid="有偿", fee=60, content="更换卫生间排气扇", owner="秦川", finance="赵会计"),
        _order("WX2610011", day(22, 14, 30), content="单元门禁刷卡无反应", owner="许诺"),
        _order("WX2610012", day(27, 10, 45), paid="有偿", fee="80元", content="疏通厨房下水管道", owner="何平"),
        _order("WX2610013", day(30, 16, 0), content="信报箱门合页脱落", owner="吕布", text_dates=True),
    ]


def build_sunshine(path: Path) -> None:
    wb = Workbook()
    guide = wb.active
    guide.title = "填表说明"
    for line in ("维修工作单登记表填表说明",
                 "1. 接到客户报修后及时登记，报修内容要写清具体内容，不宜过于简略。",
                 "2. 工作单应于五分钟内交于工程部接收，工程部接单时须签上接单时间。",
                 "3. 返单须有维修人员签字和客户签字，返单签收不得代签。",
                 "4. 每周将有偿维修单复印交财务签收。"):
        guide.append([line])
    guide.column_dimensions["A"].width = 80
    for sheet_name, rows in (("2026年10月", sunshine_rows_october()), ("2026年11月", sunshine_rows_november())):
        ws = wb.create_sheet(sheet_name)
        ws.append([f"阳光花园物业服务中心维修工作单登记表（{sheet_name}）"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SUNSHINE_HEADER))
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.append(SUNSHINE_HEADER)
        for row in rows:
            ws.append(row)
        last = ws.max_row
        ws.append(["合计"] + [None] * 12 + [f"=SUM(N3:N{last})"])
        ws.append([])
        ws.append(["制表人：王丽", None, None, None, "审核：张强", None, None, None, "日期：2026-11-30"])
        for r in range(3, last + 1):
            for c in (2, 3, 9, 12, 17):
                ws.cell(r, c).number_format = DT
        _style_table(ws, 2, len(SUNSHINE_HEADER), last + 1,
                     {1: 12, 2: 17, 3: 17, 4: 10, 5: 28, 6: 9, 7: 15, 8: 9, 9: 17, 10: 8, 11: 10, 12: 17, 13: 9,
                      14: 10, 15: 12, 16: 12, 17: 17, 18: 8, 19: 9, 20: 10})
        ws.freeze_panes = "B3"
    stats = wb.create_sheet("统计")
    stats.append(["月份", "报修数量", "完成数量", "完成率"])
    stats.append(["2026年10月", 4, 4, "100%"])
    stats.append(["2026年11月", 14, 11, "79%"])
    wb.create_sheet("Sheet2")
    wb.save(path)


GREEN_TOP = ["序号", "报修登记", None, None, None, None, None, None, None, "工程部", None, None, "完工", None, None,
             None, "返单", None, "备注"]
GREEN_SUB = [None, "单号", "日期", "时间", "房号", "报修内容", "业主", "电话", "收费/免费", "签收时间", "签收人",
             "维修人", "完工时间", "业主签名", "金额", "延误/未完成原因", "签收时间", "签收人", None]


def build_green(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "11月"
    ws.append(["翠湖苑服务中心 维修登记（2026年11月）"])
    ws.merge_cells("A1:S1")
    ws.append(GREEN_TOP)
    ws.append(GREEN_SUB)
    for col in ("A", "S"):
        ws.merge_cells(f"{col}2:{col}3")
    for rng in ("B2:I2", "J2:L2", "M2:P2", "Q2:R2"):
        ws.merge_cells(rng)
    d = lambda day, h, m=0: datetime(2026, 11, day, h, m)  # noqa: E731
    rows = [
        # seq, no, date, time, room, content, owner, phone, paid, signin, signer, repairer, done, owner sig, fee, reason, back, back signer
        [1, "No.008701", "2026.11.2", "8:05", "2-1-301", "卫生间马桶水箱漏水", "刘先生", "86001234", "免费", "8:08",
         "周工", "周建", d(2, 10, 30), "刘伟", None, None, d(2, 11, 0), "陈晓", None],
        [2, "No.008702", "11月3日", "14:05", "5-2-1102", "厨房燃气报警器误报，需检测", "王女士", "0755 8600 1234", "收费",
         "14:09", "周工", "周建", d(3, 16, 0), "王芳", "￥50", None, d(3, 16, 30), "陈晓", None],
        [3, "No.008703", "2026/11/04", "9:30", "7-1-502", "阳台晾衣架升降绳断裂", "张先生", "13922334455", "收费",
         "9:33", "吴工", "吴刚", d(4, 11, 0), "张军", "￥120", None, d(4, 13, 0), "陈晓", None],
        [4, "No.008704", "2026/11/06", "10:15", "1-3-201", "客厅顶棚石膏线开裂脱落", "赵女士", "13811112222", "免费",
         "10:18", "吴工", "吴刚", d(6, 15, 0), "吴刚", None, None, d(6, 15, 30), "陈晓", None],
        [5, "No.008705", "2026/11/09", "16:20", "3-2-801", "入户花园排水口堵塞", "钱先生", "13633334444", "免费",
         "16:22", "周工", "周建", d(9, 17, 40), "钱进", None, None, d(9, 18, 0), "陈晓", "业主要求尽快"],
        [6, "No.008706", "2026/11/12", "11:00", "6-1-1501", "主卫花洒出水小", "孙女士", "15899990000", "免费",
         "11:03", "吴工", "吴刚", d(12, 10, 30), "孙丽", None, None, d(12, 12, 0), "陈晓", None],
        [7, "No.008707", "11月31日", "9:00", "4-2-702", "储物间门把手松动", "李先生", "13755556666", "免费",
         None, None, None, None, None, None, None, None, None, None],
        [8, "No.008708", "2026/11/20", "15:45", "8-1-1203", "中央空调出风口滴水", "周女士", "13577778888", "收费",
         "15:48", "周工", "周建", None, None, None, None, None, None, None],
    ]
    for row in rows:
        ws.append(row)
    last = ws.max_row
    ws.append([None, "小计", None, None, None, None, None, None, None, None, None, None, None, None, f"=SUM(O4:O{last})"])
    ws.append(["制表：陈晓", None, None, None, None, "负责人：张强"])
    for r in range(4, last + 1):
        for c in (13, 17):
            ws.cell(r, c).number_format = DT
    _style_table(ws, 2, 19, last + 1, {1: 6, 2: 11, 3: 11, 4: 7, 5: 10, 6: 26, 7: 8, 8: 15, 9: 9, 10: 9,
                                       11: 8, 12: 8, 13: 17, 14: 9, 15: 8, 16: 16, 17: 17, 18: 8, 19: 12})
    for r in (2, 3):
        for c in range(1, 20):
            ws.cell(r, c).font = Font(bold=True)
            ws.cell(r, c).fill = HEAD_FILL
            ws.cell(r, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "C4"
    wb.save(path)


COMPLAINT_HEADER = [
    "序号", "投诉编号", "受理时间", "投诉人", "联系电话", "房号", "投诉内容", "投诉类别", "涉及人数", "曝光/诉讼",
    "首问责任人", "责任部门", "承诺答复时间", "答复时间", "处理结果", "回访时间", "回访结果", "结案时间", "备注",
]


def _text(moment: datetime) -> str:
    return moment.strftime("%Y/%m/%d %H:%M")


def _complaint(no, received, who, phone, room, content, category, *, people=1, media=None, first="王丽", owner="客服部",
               promised=None, replied=None, result=None, visit=None, visit_result=None, closed=None, remark=None):
    return [no, received, who, phone, room, content, category, people, media, first, owner, promised, replied, result,
            visit, visit_result, closed, remark]


def complaint_rows_october():
    d = lambda day, h, m=0: datetime(2026, 10, day, h, m)  # noqa: E731
    return [
        _complaint("TS2610001", d(8, 9, 40), "秦川", "13912340001", "1栋502", "小区游泳池换水不及时，水质浑浊",
                   "管理服务", owner="保洁部", promised=d(9, 17), replied=d(9, 15, 20), result="已安排换水并增加消毒频次",
                   visit=d(11, 10), visit_result="满意", closed=d(11, 10, 30)),
        _complaint("TS2610002", "2026/10/12 14:10", "许诺", "0755-86005678", "4栋1103", "9月物业费账单重复收取电梯运行费",
                   "收费", owner="财务部", promised="2026/10/14 17:00", replied="2026/10/13 16:00",
                   result="核实为系统重复计费，已退还", visit="2026/10/15 09:30", visit_result="满意",
                   closed="2026/10/15 10:00"),
        _complaint("TS2610003", d(20, 19, 5), "何平", "13688889999", "7栋201", "晚上十点后广场舞音响声音过大，影响休息",
                   "管理服务", owner="秩序部", promised=d(22, 17), replied=d(21, 11), result="已与舞队协商九点半前结束",
                   visit=d(24, 20), visit_result="基本满意", closed=d(24, 20, 30)),
        _complaint("TS2610004", d(16, 14, 20), "吕强", "13711112222", "9栋1802", "主卧外墙渗水，雨天墙面发霉脱落",
                   "设备设施", first="赵敏", owner="工程部", promised=d(18, 17), replied=d(18, 16),
                   result="已报开发商维修，待外墙吊篮施工"),
    ]


def complaint_rows_november():
    d = lambda day, h, m=0: datetime(2026, 11, day, h, m)  # noqa: E731
    return [
        _complaint("TS2611001", "2026.11.2 9:15", "陈静", "139 2233 4455", "2栋1501", "地下车库照明灯多处不亮，夜间行车不安全",
                   "设备设施", owner="工程部", promised=d(3, 17), replied=d(3, 11), result="已更换灯管12支",
                   visit=d(4, 10), visit_result="满意", closed=d(4, 10, 30)),
        _complaint("TS2611002", d(4, 10, 30), "周敏", "13566778899", "5栋802", "物业费账单金额与收费标准不符，多收两个月",
                   "收费", owner="财务部", promised=d(5, 12), replied=_text(d(6, 15, 30)), result="核对后退还多收费用",
                   visit=d(7, 9), visit_result="满意", closed=d(7, 9, 30)),
        _complaint("TS2611003", "11月5日 8:40", "孙浩", "13700112233", "3栋603", "楼上住户长期在阳台养鸽子，异味严重",
                   "管理服务", owner="秩序部", promised=d(7, 17), replied=d(7, 14), result="已上门劝导，限期清理",
                   visit=d(12, 10), visit_result="不满意，鸽子仍未清理", closed=d(12, 10, 30)),
        _complaint("TS2611004", d(9, 16, 5), "吴芳", "13812345678", "北门", "小区北门门禁刷卡经常失灵，老人进不了门",
                   "设备设施", owner="工程部", promised=d(10, 12), replied=d(10, 11), result="已更换读卡器",
                   closed=d(11, 9)),
        _complaint("TS2611005", d(16, 9, 0), "郑强（12栋业主代表）", "13922223333", "12栋", "12栋业主联名投诉电梯一周内三次停运困人",
                   "设备设施", people=15, first="王丽", owner="工程部", promised=d(30, 17), result="已约电梯维保公司全面检修"),
        _complaint("TS2611006", d(18, 15, 30), "王磊", "15012345678", "6栋1002", "外墙渗水三个月未修复，业主称已打12345热线并联系电视台",
                   "设备设施", owner="工程部", promised=d(28, 17)),
        _complaint("TS2611007", d(19, 21, 10), "冯丽", "13633334444", "8栋301", "保安夜间巡逻时在楼下大声喧哗、打电话",
                   "管理服务", owner="秩序部", promised="11月20日 17:00"),
        _complaint("TS2611008", d(22, 11, 15), "褚明", "13544445555", "10栋门前", "绿化修剪后的树枝堆在楼下三天未清运",
                   "管理服务", owner="绿化部"),
        _complaint("TS2611009", d(23, 9, 50), "卫东", None, "11栋1201", "前台客服接待态度冷淡，推诿不处理",
                   "服务态度", owner="客服部", promised=d(24, 12), replied=d(24, 10), result="已当面致歉并对员工进行培训",
                   visit=d(24, 15), visit_result="满意", closed=d(24, 15, 30)),
        _complaint("TS2611010", d(10, 13, 20), "蒋雪", "1395566778", "2栋301", "快递柜占用消防通道，多次反映无人处理",
                   "管理服务", owner="秩序部", promised=d(11, 17), replied=d(11, 10), result="快递柜已移至架空层",
                   visit=d(13, 9), visit_result="满意", closed=d(13, 9, 30)),
        _complaint("TS2611011", d(10, 17, 45), "沈阳", "13766667777", "4栋1506", "水费按公摊计算不合理，要求查看分表读数",
                   "收费", owner="财务部", promised=d(12, 17), replied=d(12, 15), result="已提供分表读数并解释计费方式",
                   visit=d(14, 10), visit_result="满意", closed=d(12, 16)),
        _complaint("TS2611011", d(13, 8, 30), "韩梅", "13899990000", "1栋1102", "楼道感应灯晚上常亮，浪费公共电费",
                   "设备设施", owner="工程部", promised=d(14, 17), replied=d(14, 9), result="已调整感应灯延时",
                   visit=d(16, 10), visit_result="满意", closed=d(16, 10, 30)),
        _complaint("TS2611013", "11月31日 10:20", "杨帆", "13566001122", "7栋902", "垃圾分类点夏季异味大，要求每天清洗",
                   "管理服务", owner="保洁部", promised=d(21, 17), replied=d(21, 11), result="已改为每日清洗消毒"),
    ]


def _complaint_sheet(wb: Workbook, name: str, rows: list[list]) -> None:
    ws = wb.create_sheet(name)
    ws.append([f"阳光花园物业服务中心客户投诉登记表（{name}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COMPLAINT_HEADER))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(COMPLAINT_HEADER)
    for seq, row in enumerate(rows, start=1):
        ws.append([seq, *row])
    last = ws.max_row
    ws.append(["合计", f"{len(rows)} 件"])
    ws.append([])
    ws.append(["制表人：王丽", None, None, None, None, None, "审核：张强", None, None, None, None, None, "日期：2026-11-30"])
    for r in range(3, last + 1):
        for c in (3, 13, 14, 16, 18):
            ws.cell(r, c).number_format = DT
    _style_table(ws, 2, len(COMPLAINT_HEADER), last + 1,
                 {1: 6, 2: 12, 3: 17, 4: 12, 5: 15, 6: 10, 7: 34, 8: 10, 9: 8, 10: 9, 11: 10, 12: 9, 13: 17, 14: 17,
                  15: 24, 16: 17, 17: 16, 18: 17, 19: 10})
    for c in (7, 15):
        for r in range(3, last + 1):
            ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C3"


def build_complaints(path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _complaint_sheet(wb, "2026年10月", complaint_rows_october())
    _complaint_sheet(wb, "2026年11月", complaint_rows_november())
    wb.save(path)


def _freeze(path: Path) -> None:
    """Same input, same bytes: fixed zip timestamps and document dates, so a rebuild shows no diff."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-11-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 11, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def main(out: Path = HERE) -> None:
    for name, build in (("阳光花园-维修工作单登记表-2026.xlsx", build_sunshine),
                        ("翠湖苑-维修登记-2026年11月.xlsx", build_green),
                        ("阳光花园-客户投诉登记表-2026.xlsx", build_complaints)):
        build(out / name)
        _freeze(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
