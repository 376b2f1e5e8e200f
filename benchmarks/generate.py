"""Generate realistic repair work-order registers (.xlsx) for benchmarks.

    python benchmarks/generate.py out.xlsx --rows 100000 [--broken] [--blanks 0.3] [--seed 0] [--sheets 1]

A register has a merged title row, the 20-column header clerks use, then one order per
row. Most times are Excel datetimes; some are typed as text ("2026/11/03 14:05"); fees are
numbers or text like "¥120". A clean register has no findings as of 2026-11-25 09:00;
with ``broken=True`` every row breaks several rules (missing customer signature, slow
hand-off, bad phone, too-brief content, proxy signing of the return). ``blanks`` leaves that share of the cells after the order
number empty, as a findings-heavy register has them: most rows then break several more rules
and land in the weekly lists (unfinished, overdue, finance hand-over, return visits).
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

import xlsxwriter

# Same as tests/conftest.py WORK_ORDER_HEADER (copied: benchmarks do not import tests).
WORK_ORDER_HEADER = [
    "单号", "报修时间", "派单时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿",
    "工程部接单时间", "接单人", "维修人员签字", "完工时间", "客户签字", "费用(元)", "延误原因",
    "未完成原因", "返单时间", "返单签收人", "特殊批示", "财务签收",
]
TIME_COLUMNS = {1, 2, 8, 11, 16}
MONTH_START = datetime(2026, 11, 1, 8, 0)
SPAN_MINUTES = 22 * 24 * 60  # received times spread over Nov 1–23, all before the as-of date

CONTENTS = ["厨房水龙头漏水", "卫生间下水道堵塞", "客厅灯具不亮", "空调不制冷需检修", "入户门锁芯损坏",
            "阳台推拉门卡住", "热水器无法点火", "插座跳闸无电", "墙面渗水发霉", "马桶水箱漏水不止"]
BRIEF = ["漏水", "修灯", "门坏", "堵了"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华"
REPAIRERS = ["李明", "张强", "王建国", "陈志刚", "刘洋", "赵磊"]
DISPATCHERS = ["李工", "周工", "吴工"]
CLERKS = ["王丽", "孙静", "何敏"]


def _name(rng: random.Random) -> str:
    while True:  # never a repairer's name, or a clean row would look proxy-signed
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")
        if name not in REPAIRERS:
            return name


def _row(rng: random.Random, number: int, received: datetime, broken: bool) -> list:
    """One order as a list of cell values in header order (None = empty cell)."""
    dispatched = received + timedelta(minutes=rng.randint(0, 3))
    accepted = dispatched + timedelta(minutes=rng.randint(30, 90) if broken else rng.randint(1, 4))
    completed = accepted + timedelta(minutes=rng.randint(30, 600))
    returned = completed + timedelta(minutes=rng.randint(10, 240))
    customer = _name(rng)
    repairer = rng.choice(REPAIRERS)
    paid = rng.random() < 0.6
    fee = None
    if paid:
        amount = rng.randrange(20, 500, 10)
        fee = f"¥{amount}" if rng.random() < 0.1 else amount
    if broken:
        phone = "138" + str(rng.randint(1000, 9999))
    elif rng.random() < 0.1:
        phone = f"0571-{rng.randint(81000000, 89999999)}"
    else:
        phone = f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
        if rng.random() < 0.05:
            phone = int(phone)  # typed into a number cell
    return [
        f"WX2611{number:06d}", received, dispatched,
        f"{rng.randint(1, 30)}栋{rng.randint(1, 32)}{rng.randint(1, 4):02d}",
        rng.choice(BRIEF if broken else CONTENTS), customer, phone, "有偿" if paid else "无偿",
        accepted, rng.choice(DISPATCHERS), repairer, completed,
        None if broken else customer, fee, None, None, returned,
        repairer if broken else rng.choice(CLERKS), None, "赵会计" if paid else None,
    ]


def generate(path: str | Path, rows: int, *, broken: bool = False, blanks: float = 0.0, seed: int = 0,
             sheets: int = 1, start: int = 1, month: tuple[int, int] = (2026, 11)) -> Path:
    """Write a register of ``rows`` orders (split over ``sheets`` sheets) numbered from ``start``,
    received over the first 22 days of ``month``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path))  # shared strings, as Excel writes them
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head_fmt = wb.add_format({"bold": True, "border": 1, "text_wrap": True})
    time_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    step = SPAN_MINUTES / max(rows, 1)
    month_start = MONTH_START.replace(year=month[0], month=month[1])
    per_sheet = -(-rows // sheets) if rows else 0
    for s in range(sheets):
        label = f"{month[0]}年{month[1]}月"
        ws = wb.add_worksheet(label if s == 0 else f"{label}({s + 1})")
        ws.set_column(0, len(WORK_ORDER_HEADER) - 1, 14)
        ws.merge_range(0, 0, 0, len(WORK_ORDER_HEADER) - 1,
                       f"××物业服务中心维修工作单登记表（{label}）", title_fmt)
        ws.write_row(1, 0, WORK_ORDER_HEADER, head_fmt)
        first, last = s * per_sheet, min(rows, (s + 1) * per_sheet)
        for i in range(first, last):
            received = month_start + timedelta(minutes=int(i * step) + rng.randint(0, 2))
            r = i - first + 2
            for c, value in enumerate(_row(rng, start + i, received, broken)):
                if value is None or (c and blanks and rng.random() < blanks):
                    continue
                if c in TIME_COLUMNS:
                    if rng.random() < 0.05:  # typed by hand
                        ws.write_string(r, c, value.strftime("%Y/%m/%d %H:%M"))
                    else:
                        ws.write_datetime(r, c, value, time_fmt)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write_number(r, c, value)
    wb.close()
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--broken", action="store_true", help="every row breaks several rules")
    ap.add_argument("--blanks", type=float, default=0.0, help="share of cells left empty (0.3: findings-heavy)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sheets", type=int, default=1)
    ap.add_argument("--start", type=int, default=1, help="first order number")
    ap.add_argument("--month", default="2026-11", help="YYYY-MM the orders were received in")
    args = ap.parse_args(argv)
    year, month = (int(x) for x in args.month.split("-"))
    generate(args.path, args.rows, broken=args.broken, blanks=args.blanks, seed=args.seed, sheets=args.sheets, start=args.start,
             month=(year, month))
    print(args.path)


if __name__ == "__main__":
    main()
