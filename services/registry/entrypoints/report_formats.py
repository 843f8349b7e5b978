"""The progress summary as CSV and XLSX, laid out like the annex: the title with region and
period, group titles, the Chinese column headings, the numbers 1–19, one row per region and
合计, then the sign-off lines (填报单位, 单位负责人签字（盖章）, 填表人, 联系电话, 填报日期) and the
province's 填表说明.  The XLSX prints as the paper form: A4 landscape fitted to the width,
the heading rows repeated on every page, borders, counts without decimals, rates and 万元
with two.

Text that begins like a formula (``=``, ``+``, ``-``, ``@``, tab, line break; a team's name
comes from a staff report, anything a user typed) is never run by a clerk's spreadsheet: in
the CSV it is prefixed with ``'`` (OWASP, CSV Injection), in the XLSX it is a text cell marked
``quotePrefix`` (openpyxl would otherwise store a string beginning with ``=`` as a formula).
Numbers stay numbers."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..application.csv_import import starts_like_formula
from ..domain.figures import COLUMNS, GROUP_TITLE
from ..domain.report_form import SignOff, figure_notes, filling_note, row_label

FIRST_HEADING = "地区"
HEADER_ROWS = (2, 4)  # group titles, headings, numbers: repeated on every printed page
RATE_COLUMNS = frozenset({6, 13})
MONEY_COLUMNS = frozenset({19})
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _cell(value: Any) -> Any:
    if isinstance(value, dict):  # column 15: the teams' count and names
        names = "、".join(value["names"])
        return f"{value['count']}（{names}）" if names else value["count"]
    return "" if value is None else value


def _rows(summary: dict[str, Any]) -> list[list[Any]]:
    rows = [[row_label(r), *(_cell(r["values"][str(n)]) for n, *_ in COLUMNS)]
            for r in summary["rows"]]
    total = summary["total"]["values"]
    return [*rows, ["合计", *(_cell(total[str(n)]) for n, *_ in COLUMNS)]]


def title(summary: dict[str, Any]) -> str:
    return f"{summary['region_name']}“精康融合行动”推进情况汇总表（{summary['period']}）"


def _sign_off(summary: dict[str, Any], sign_off: SignOff | None) -> SignOff:
    return sign_off or SignOff(unit=summary["region_name"])


def _csv_text(value: Any) -> Any:
    return f"'{value}" if isinstance(value, str) and starts_like_formula(value) else value


def to_csv(summary: dict[str, Any], sign_off: SignOff | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_text(title(summary))])
    writer.writerow([FIRST_HEADING, *(GROUP_TITLE.format(group=g) for _, _, g, _ in COLUMNS)])
    writer.writerow(["", *(h for _, h, _, _ in COLUMNS)])
    writer.writerow(["", *(n for n, *_ in COLUMNS)])
    writer.writerows([_csv_text(v) for v in row] for row in _rows(summary))
    for note in figure_notes(summary):
        writer.writerow([_csv_text(note)])
    writer.writerow([])
    signed = _sign_off(summary, sign_off)
    for label, value in signed.lines():
        writer.writerow([f"{label}：", _csv_text(value)])
    if signed.version:
        writer.writerow(["版本：", signed.version])
    writer.writerow([f"填表说明：{filling_note(summary['region'])}"])
    return "\ufeff" + out.getvalue()  # a byte-order mark, so spreadsheet programs read UTF-8


def to_xlsx(summary: dict[str, Any], sign_off: SignOff | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = summary["period"]
    width = len(COLUMNS) + 1
    sheet.append([title(summary)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _headings(sheet)
    for row in _rows(summary):
        sheet.append(row)
    last = sheet.max_row
    _table_style(sheet, last)
    notes = figure_notes(summary)
    for offset, note in enumerate(notes, start=1):
        sheet.cell(row=last + offset, column=1, value=note)
        sheet.merge_cells(start_row=last + offset, start_column=1, end_row=last + offset,
                          end_column=width)
    _sign_off_lines(sheet, _sign_off(summary, sign_off), filling_note(summary["region"]),
                    last + len(notes) + 2, width)
    _page_setup(sheet)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and starts_like_formula(cell.value):
                cell.data_type = "s"  # text, not the formula openpyxl took it for
                cell.quotePrefix = True  # and text still if a clerk edits the cell
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _headings(sheet: Worksheet) -> None:
    sheet.append([FIRST_HEADING])
    column = 2
    for group in dict.fromkeys(g for _, _, g, _ in COLUMNS):
        span = sum(1 for _, _, g, _ in COLUMNS if g == group)
        sheet.cell(row=2, column=column, value=GROUP_TITLE.format(group=group))
        sheet.merge_cells(start_row=2, start_column=column, end_row=2,
                          end_column=column + span - 1)
        column += span
    sheet.append(["", *(h for _, h, _, _ in COLUMNS)])
    sheet.append(["", *(n for n, *_ in COLUMNS)])
    sheet.merge_cells("A2:A4")  # 地区 down the three heading rows


def _table_style(sheet: Worksheet, last: int) -> None:
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    sheet.row_dimensions[2].height = 22
    sheet.row_dimensions[3].height = 120  # the longest heading, wrapped, shows in full
    for line in sheet.iter_rows(min_row=2, max_row=last):
        for cell in line:
            cell.border = _BOX
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            if cell.row <= 4:
                cell.font = Font(bold=True)
            elif cell.column > 1 and isinstance(cell.value, int | float):
                number = cell.column - 1
                cell.number_format = ("0.00" if number in RATE_COLUMNS | MONEY_COLUMNS
                                      else "0")
    for cell in sheet[last]:
        cell.font = Font(bold=True)  # 合计
    for row in range(5, last + 1):
        sheet.row_dimensions[row].height = 20 * max(_lines(c.value, _width(sheet, c.column))
                                                     for c in sheet[row])
    sheet.column_dimensions["A"].width = 22
    for index in range(2, len(COLUMNS) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 9
    sheet.column_dimensions[get_column_letter(16)].width = 16  # column 15 names the teams
    sheet.freeze_panes = "B5"


def _width(sheet: Worksheet, column: int) -> float:
    return sheet.column_dimensions[get_column_letter(column)].width or 9


def _lines(value: Any, width: float) -> int:
    """How many lines a wrapped cell takes: a Chinese character is about two units wide."""
    if not isinstance(value, str):
        return 1
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in value)
    return max(1, math.ceil(units / max(1.0, width - 1)))


def _sign_off_lines(sheet: Worksheet, signed: SignOff, note: str, first: int,
                    width: int) -> None:
    row = first
    pairs = signed.lines() + ([("版本", signed.version)] if signed.version else [])
    for label, value in pairs:
        sheet.cell(row=row, column=1, value=f"{label}：").font = Font(bold=True)
        sheet.cell(row=row, column=2, value=value)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
        row += 1
    cell = sheet.cell(row=row + 1, column=1, value=f"填表说明：{note}")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=width)
    sheet.row_dimensions[row + 1].height = 48


def _page_setup(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
