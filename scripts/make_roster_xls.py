"""Writes tests/data/roster.xls: a roster as offices keep it in old Excel files (BIFF8), with a
title row, numbers typed as numbers (1968.05, a phone number), a real date cell, a text
birth month and blank rows at the end. Run once with `pip install xlwt`; the file is committed."""
import datetime
import xlwt

book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("委员名单")
sheet.write(0, 0, "政协代县第十六届委员会委员名单")
head = ["序号", "姓名", "性别", "民族", "出生年月", "党派", "界别", "工作单位及职务", "联系电话", "任委员日期"]
for i, h in enumerate(head):
    sheet.write(1, i, h)
date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
rows = [
    [1, "孙丽", "女", "汉族", 1968.05, "民盟盟员", "教育界", "县第一中学校长", 13800000001],
    [2, "周强", "男", "回族", "1971年3月", "中共党员", "经济界", "代县农商银行行长", "13800000002"],
]
for r, row in enumerate(rows, start=2):
    for c, v in enumerate(row):
        sheet.write(r, c, v)
    sheet.write(r, 9, datetime.date(2021, 12, 28), date)
sheet.write(5, 0, "")
book.save("tests/data/roster.xls")
