#!/usr/bin/env python3
"""Writes the spreadsheet fixtures of HavenImportTests with openpyxl (pip install openpyxl) and
Python's own codecs: files made by other software than Haven's reader, as an organisation's
would be. Every value is invented. Run from this folder: python3 make-fixtures.py"""
import datetime
import openpyxl
from openpyxl.workbook.properties import CalcProperties

# A Korean workbook: a merged title row above the header, Korean headers, dates, numbers,
# booleans, an empty row in the middle, and a second sheet.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "사건 목록"
ws["A1"] = "2019–2020 가상 사건 기록"
ws.merge_cells("A1:F1")
ws.append(["이름", "성별", "생년월일", "사건 유형", "사건 날짜", "인원"])
ws.append(["김가상", "여", datetime.date(1979, 3, 2), "체포", datetime.date(2019, 3, 15), 3])
ws.append(["박예시", "남", datetime.date(1985, 12, 31), "강제송환", datetime.date(2020, 1, 7), 1])
ws.append([])
ws.append(["리허구", "F", None, "arrest", datetime.datetime(2020, 2, 29, 14, 30), 12.5])
ws.append(["최견본", "female", datetime.date(1960, 1, 1), "실종", "2019년 3월", True])
for row in ws.iter_rows(min_row=3, min_col=3, max_col=3):
    for cell in row:
        cell.number_format = 'yyyy"년" m"월" d"일"'
other = wb.create_sheet("출처")
other.append(["출처", "신뢰도"])
other.append(["가상 증언자", "B"])
wb.save("korean.xlsx")

# The 1904 date system, as old Mac Excel wrote it.
wb = openpyxl.Workbook()
wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
ws = wb.active
ws.title = "1904"
ws.append(["date", "note"])
ws.append([datetime.date(2019, 3, 15), "a day in 1904 system"])
ws.append([datetime.date(1904, 1, 2), "the system's second day"])
wb.save("dates-1904.xlsx")

# A KoboToolbox-style export: group/field headers, select-multiple answers as space-separated
# codes, _uuid and _submission_time, and a repeat group on its own sheet joined by _parent_index.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "incident_report"
ws.append(["start", "incident/date", "incident/type", "incident/perpetrators", "victims_count", "_id", "_uuid", "_submission_time", "_index"])
ws.append(["2021-05-01T09:00:00.000+09:00", "2021-04-30", "arrest", "police mss", 2, 101, "9f1c1d0e-0000-4000-8000-000000000001", "2021-05-01T00:10:00", 1])
ws.append(["2021-05-02T10:00:00.000+09:00", "2021-05-01", "forced_return", "border_guard", 1, 102, "9f1c1d0e-0000-4000-8000-000000000002", "2021-05-02T01:10:00", 2])
rep = wb.create_sheet("victims")
rep.append(["victims/name", "victims/sex", "victims/age_group", "_index", "_parent_table_name", "_parent_index"])
rep.append(["가상 일", "female", "age_30_39", 1, "incident_report", 1])
rep.append(["가상 이", "male", "age_40_49", 2, "incident_report", 1])
rep.append(["가상 삼", "female", "age_20_29", 3, "incident_report", 2])
wb.save("kobo.xlsx")

# CSV as Korean Excel saves it (CP949), and as UTF-8 with a byte-order mark.
rows = "이름,성별,사건 유형\r\n김가상,여,체포\r\n박예시,남,강제송환\r\n"
with open("korean-cp949.csv", "wb") as f:
    f.write(rows.encode("cp949"))
with open("korean-utf8-bom.csv", "wb") as f:
    f.write(b"\xef\xbb\xbf" + rows.encode("utf-8"))
