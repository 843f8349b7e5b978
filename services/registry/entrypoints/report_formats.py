"""The progress summary as CSV and XLSX, laid out like the Chongqing annex: group titles,
the Chinese column headings, the numbers 1–19, one row per region and 合计.

Text that begins like a formula (``=``, ``+``, ``-``, ``@``, tab, line break; a team's name
comes from a staff report, anything a user typed) is never run by a clerk's spreadsheet: in
the CSV it is prefixed with ``'`` (OWASP, CSV Injection), in the XLSX it is a text cell marked
``quotePrefix`` (openpyxl would otherwise store a string beginning with ``=`` as a formula).
Numbers stay numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..application.csv_import import starts_like_formula
from ..domain.figures import COLUMNS, GROUP_TITLE

FIRST_HEADING = "地区"


def _cell(value: Any) -> Any:
    if isinstance(value, dict):  # column 15: the teams' count and names
        names = "、".join(value["names"])
        return f"{value['count']}（{names}）" if names else value["count"]
    return "" if value is None else value


def _rows(summary: dict[str, Any]) -> list[list[Any]]:
    rows = [[f"{r['name']}（{r['region']}）" if r["region"] else r["name"],
             *(_cell(r["values"][str(n)]) for n, *_ in COLUMNS)] for r in summary["rows"]]
    total = summary["total"]["values"]
    return [*rows, ["合计", *(_cell(total[str(n)]) for n, *_ in COLUMNS)]]


def _title(summary: dict[str, Any]) -> str:
    return f"{summary['region_name']}“精康融合行动”推进情况汇总表（{summary['period']}）"


def _csv_text(value: Any) -> Any:
    return f"'{value}" if isinstance(value, str) and starts_like_formula(value) else value


def to_csv(summary: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_text(_title(summary))])
    writer.writerow([FIRST_HEADING, *(GROUP_TITLE.format(group=g) for _, _, g, _ in COLUMNS)])
    writer.writerow(["", *(h for _, h, _, _ in COLUMNS)])
    writer.writerow(["", *(n for n, *_ in COLUMNS)])
    writer.writerows([_csv_text(v) for v in row] for row in _rows(summary))
    return "\ufeff" + out.getvalue()  # a byte-order mark, so spreadsheet programs read UTF-8


def to_xlsx(summary: dict[str, Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = summary["period"]
    sheet.append([_title(summary)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS) + 1)
    sheet.append([FIRST_HEADING])
    column = 2
    for group in dict.fromkeys(g for _, _, g, _ in COLUMNS):
        width = sum(1 for _, _, g, _ in COLUMNS if g == group)
        sheet.cell(row=2, column=column, value=GROUP_TITLE.format(group=group))
        sheet.merge_cells(start_row=2, start_column=column, end_row=2,
                          end_column=column + width - 1)
        column += width
    sheet.append(["", *(h for _, h, _, _ in COLUMNS)])
    sheet.append(["", *(n for n, *_ in COLUMNS)])
    for row in _rows(summary):
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and starts_like_formula(cell.value):
                cell.data_type = "s"  # text, not the formula openpyxl took it for
                cell.quotePrefix = True  # and text still if a clerk edits the cell
    for cell in sheet[1] + sheet[2] + sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    sheet.column_dimensions["A"].width = 24
    for index in range(2, len(COLUMNS) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 14
    sheet.freeze_panes = "B5"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
