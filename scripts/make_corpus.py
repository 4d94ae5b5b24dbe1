"""Writes the generated files of tests/corpus/ (see tests/corpus/README.md): spreadsheets shaped
as offices' own Excel, WPS and old Excel files are, each with a copy holding one bad row.

Run from the repository root with `pip install xlwt openpyxl`; the files are committed, so tests
and CI need neither. The LibreOffice files are made by scripts/make_corpus_libreoffice.sh.
"""
import datetime
import os

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = "tests/corpus"

# ---------------------------------------------------------------------------------------------
# A roster saved by Excel on Chinese Windows as "CSV (逗号分隔)": GBK, CRLF line endings, a
# title row, and cells typed with Alt+Enter, which Excel writes quoted with a bare LF inside.
ROSTER_HEAD = ["序号", "编号", "姓名", "性别", "出生年月", "党派", "界别", "工作单位及职务", "联系电话", "任委员日期"]
ROSTER = [
    ["1", "0101", "孙丽", "女", "1968.05", "民盟盟员", "教育界", "县第一中学\n校长", "13800000001", "2021/12/28"],
    ["2", "0102", "周强", "男", "1971年3月", "中共党员", "经济界", "代县农商银行行长", "13800000002", "2021/12/28"],
    ["3", "0103", "曾　静", "女", "1975-06", "无党派人士", "医药卫生界", "县人民医院\n副院长\n主任医师", "13800000003", "2021/12/28"],
    ["4", "0104", "李明", "男", "1980年11月", "九三学社社员", "科学技术界", "县农科所所长", "13800000004", "2022/1/5"],
    ["5", "0105", "马红", "女", "1983.10", "群众", "经济界", "代县\"鑫源\"商贸公司\n总经理", "13800000005", "2022/1/5"],
]


def csv_cell(v):
    if any(c in v for c in ',"\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_gbk_csv(name, rows):
    lines = ["政协代县第十六届委员会委员名单" + "," * (len(ROSTER_HEAD) - 1), ",".join(ROSTER_HEAD)]
    lines += [",".join(csv_cell(c) for c in r) for r in rows]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))


write_gbk_csv("roster_gbk_crlf.csv", ROSTER)
# Row 7 as Excel numbers it (title 1, header 2, 孙丽 3 … 马红 7): a sector misspelt.
bad = [list(r) for r in ROSTER]
bad[4][6] = "经纪界"
write_gbk_csv("roster_gbk_crlf_bad.csv", bad)


# ---------------------------------------------------------------------------------------------
# A roster typed in Excel: a merged title, a merged line under it, the header on row 3, real
# date cells, a phone typed as a number, a blank row before the last member.
def merged_title_roster(name, bad_date):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "委员名单"
    head = ["序号", "编号", "姓名", "性别", "出生年月", "界别", "工作单位及职务", "联系电话", "任委员日期"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws.cell(1, 1, "政协代县第十六届委员会委员名单").font = Font(bold=True, size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(head))
    ws.cell(2, 1, "填报单位：县政协办公室　　　　填报日期：2024年1月5日")
    for c, h in enumerate(head, start=1):
        ws.cell(3, c, h).font = Font(bold=True)
    rows = [
        (4, [1, "0201", "王芳", "女", "1968年5月", "民盟", "县第一中学副校长", 13800000011, datetime.date(2021, 12, 28)]),
        (5, [2, "0202", "赵强", "男", "1972.08", "经济界", "代县化工厂厂长", 13800000012, datetime.date(2021, 12, 28)]),
        (6, [3, "0203", "刘洋", "男", "1979-02", "医药卫生界", "县医院院长", 13800000013, datetime.date(2022, 3, 1)]),
        (8, [4, "0204", "陈静", "女", "1985年12月", "中国民主同盟", "县文化馆馆员", 13800000014, datetime.date(2022, 6, 1)]),
    ]
    for r, values in rows:
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c, v)
            if isinstance(v, datetime.date):
                cell.number_format = "yyyy/m/d"
    if bad_date:
        # Row 6, column I: a date that does not exist, typed as text.
        ws.cell(6, 9, "2022-02-30")
    book.save(os.path.join(OUT, name))


merged_title_roster("roster_merged_title.xlsx", False)
merged_title_roster("roster_merged_title_bad.xlsx", True)

# ---------------------------------------------------------------------------------------------
# A year's activities with real date cells (one with a time of day), in old Excel (.xls) and in
# both of Excel's date systems: the 1904 system (Excel for Mac's old default, still chosen in
# 选项 → 高级 → 使用 1904 日期系统) stores every date 1,462 days lower.
ACT_HEAD = ["类型", "名称", "开始日期", "结束日期", "半天数", "地点"]
ACTS = [
    ["全体会议", "十六届三次会议", datetime.date(2023, 1, 10), datetime.date(2023, 1, 12), 5, "县会议中心"],
    ["视察", "视察农村学校", datetime.date(2023, 5, 10), None, 1, "城关镇"],
    ["常委会议", "常委会第五次会议", datetime.datetime(2023, 7, 1, 9, 30), None, 1, "县政协"],
    ["调研", "黄酒产业调研", datetime.date(2024, 2, 29), datetime.date(2024, 3, 1), 2, ""],
]


def activities_xls(name, date1904, bad_kind):
    book = xlwt.Workbook(encoding="utf-8")
    book.dates_1904 = date1904
    ws = book.add_sheet("活动")
    ws.write_merge(0, 0, 0, len(ACT_HEAD) - 1, "2023年度会议和活动")
    for c, h in enumerate(ACT_HEAD):
        ws.write(1, c, h)
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    stamp = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    for r, row in enumerate(ACTS, start=2):
        if bad_kind and r == 3:
            # Row 4 as Excel numbers it: a kind the committee does not have.
            row = ["座谈会"] + row[1:]
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, datetime.datetime):
                ws.write(r, c, v, stamp)
            elif isinstance(v, datetime.date):
                ws.write(r, c, v, day)
            else:
                ws.write(r, c, v)
    book.save(os.path.join(OUT, name))


def activities_xlsx(name, date1904):
    book = openpyxl.Workbook()
    if date1904:
        book.epoch = CALENDAR_MAC_1904
    ws = book.active
    ws.title = "活动"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ACT_HEAD))
    ws.cell(1, 1, "2023年度会议和活动")
    for c, h in enumerate(ACT_HEAD, start=1):
        ws.cell(2, c, h)
    for r, row in enumerate(ACTS, start=3):
        for c, v in enumerate(row, start=1):
            if v is None or v == "":
                continue
            cell = ws.cell(r, c, v)
            if isinstance(v, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(v, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    book.save(os.path.join(OUT, name))


activities_xls("activities.xls", False, False)
activities_xls("activities_1904.xls", True, False)
activities_xls("activities_1904_bad.xls", True, True)
activities_xlsx("activities_1904.xlsx", True)

# ---------------------------------------------------------------------------------------------
# A sign-in sheet typed up after the meeting: a merged title and a line with time and place,
# 序号 姓名 界别 签名 备注, signatures copied as names or ticks, a cross, leave notes, a name
# padded for alignment.
SIGNIN = [
    ["1", "王芳", "民盟", "王芳", ""],
    ["2", "李明", "九三学社", "", "请假"],
    ["3", "张伟", "经济界", "√", ""],
    ["4", "赵丽", "经济界", "×", ""],
    ["5", "钱进", "教育界", "钱进", "迟到"],
    ["6", "孙强", "教育界", "", "因公出差"],
    ["7", "周敏", "医药卫生界", "", ""],
    ["8", "吴　刚", "医药卫生界", "吴刚", ""],
]


def signin_xlsx(name, rows):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "签到表"
    ws.merge_cells("A1:E1")
    ws["A1"] = "政协代县第十六届委员会第三次会议签到表"
    ws["A1"].font = Font(bold=True, size=16)
    ws.merge_cells("A2:E2")
    ws["A2"] = "时间：2023年1月10日上午　　地点：县会议中心"
    for c, h in enumerate(["序号", "姓名", "界别", "签名", "备注"], start=1):
        ws.cell(3, c, h)
    for r, row in enumerate(rows, start=4):
        for c, v in enumerate(row, start=1):
            if v:
                ws.cell(r, c, int(v) if c == 1 else v)
    book.save(os.path.join(OUT, name))


signin_xlsx("signin.xlsx", SIGNIN)
bad = [list(r) for r in SIGNIN]
# Row 10 as Excel numbers it (序号 7): a name no member has.
bad[6][1] = "周民"
signin_xlsx("signin_bad.xlsx", bad)
