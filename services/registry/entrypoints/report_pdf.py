"""A submitted report as PDF: the frozen figures laid out like the annex on A4 landscape, with
the version, the sign-off lines and the 填表说明 — to print, sign, stamp and file.

reportlab's built-in CID font STSong-Light draws the Chinese (the reader supplies the glyphs),
so no font file is shipped or downloaded.  The heading rows repeat on every page."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.figures import COLUMNS, GROUP_TITLE
from ..domain.report_form import SignOff, figure_notes, filling_note, row_label
from .report_formats import FIRST_HEADING, title

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=14, leading=18, alignment=1)
_HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=6.5, leading=8, alignment=1)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=7, leading=9, alignment=1)
_TEXT = ParagraphStyle("text", fontName=FONT, fontSize=9, leading=13)


def _value(value: Any, number: int) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):  # column 15: the teams' count and names
        return f"{value['count']}（{'、'.join(value['names'])}）" if value["names"] else "0"
    if number in (6, 13, 19) and isinstance(value, int | float):
        return f"{value:.2f}"
    return str(value)


def _table(summary: dict[str, Any]) -> Table:
    groups = list(dict.fromkeys(g for _, _, g, _ in COLUMNS))
    header = [[Paragraph(FIRST_HEADING, _HEADING)] + [""] * len(COLUMNS),
              [""] + [Paragraph(h, _HEADING) for _, h, _, _ in COLUMNS],
              [""] + [Paragraph(str(n), _HEADING) for n, *_ in COLUMNS]]
    spans, column = [("SPAN", (0, 0), (0, 2))], 1
    for group in groups:
        width = sum(1 for _, _, g, _ in COLUMNS if g == group)
        header[0][column] = Paragraph(GROUP_TITLE.format(group=group), _HEADING)
        spans.append(("SPAN", (column, 0), (column + width - 1, 0)))
        column += width
    body = [[Paragraph(row_label(r), _CELL)]
            + [Paragraph(_value(r["values"].get(str(n)), n), _CELL) for n, *_ in COLUMNS]
            for r in summary["rows"]]
    total = [Paragraph("合计", _CELL)] + [
        Paragraph(_value(summary["total"]["values"].get(str(n)), n), _CELL)
        for n, *_ in COLUMNS]
    widths = [28 * mm] + [13.2 * mm] * len(COLUMNS)
    widths[15] = 20 * mm  # column 15 names the teams
    table = Table(header + body + [total], colWidths=widths, repeatRows=3)
    table.setStyle(TableStyle([
        *spans, ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 2), colors.Color(0.93, 0.93, 0.93)),
        ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.97, 0.97, 0.97)),
    ]))
    return table


def to_pdf(summary: dict[str, Any], sign_off: SignOff) -> bytes:
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=8 * mm,
                                 rightMargin=8 * mm, topMargin=10 * mm, bottomMargin=10 * mm,
                                 title=title(summary), author=sign_off.unit)
    lines = [Paragraph(title(summary), _TITLE), Spacer(1, 3 * mm)]
    if sign_off.version:
        lines.append(Paragraph(sign_off.version, _TEXT))
    lines += [Spacer(1, 2 * mm), _table(summary), Spacer(1, 3 * mm)]
    lines += [Paragraph(note, _TEXT) for note in figure_notes(summary)]
    lines.append(Spacer(1, 2 * mm))
    signed = sign_off.lines()
    rows = [signed[:3], signed[3:]]
    lines.append(Table([[Paragraph(f"{label}：{value}", _TEXT) for label, value in row]
                        for row in rows], colWidths=[90 * mm] * 3))
    lines += [Spacer(1, 4 * mm),
              Paragraph(f"填表说明：{filling_note(summary['region'])}", _TEXT)]
    document.build(lines)
    return out.getvalue()
