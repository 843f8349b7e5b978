"""What an official prints and files: a report's XLSX and PDF, rendered as a person sees
them (LibreOffice turns the XLSX into PDF; PyMuPDF draws the pages) and read back — the
title, every figure, 合计, the sign-off lines, the version and the 填表说明; one page wide.

Set JINGKANG_RENDER_DIR to keep the PNGs for a look."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from openpyxl import load_workbook

from jingkang.registry.domain.figures import COLUMNS
from jingkang.registry.domain.report_form import SignOff
from jingkang.registry.entrypoints.report_formats import to_xlsx
from jingkang.registry.entrypoints.report_pdf import to_pdf

SIGNED = SignOff(unit="石家庄市长安区民政局", responsible="李强", filled_by="王芳",
                 phone="13800138000", date="2026年9月20日", version="第 2 版，2026年9月20日报送，已接收")


def summary() -> dict[str, Any]:
    def values(seed: int) -> dict[str, Any]:
        out: dict[str, Any] = {str(n): seed * 10 + n for n, *_ in COLUMNS}
        out["6"], out["13"], out["19"] = 87.5, 66.67, 12.25
        out["15"] = {"count": 2, "names": ["长安区社工服务中心", "心康团队"]}
        return out
    rows = [{"region": f"13010200{i}", "name": f"第{i}街道", "values": values(i), "carried": {}}
            for i in range(1, 4)]
    rows[1]["carried"] = {"1": "2026Q2", "14": "2026Q2"}
    own = {str(n): None for n, *_ in COLUMNS} | {"19": 30.0}
    rows.append({"region": "130102", "name": "本级", "values": own, "own_level": True})
    return {"region": "130102", "region_name": "长安区", "period": "2026Q3", "rows": rows,
            "total": {"region": "130102", "name": "长安区", "values": values(9)},
            "discrepancies": [{"region": "130102", "name": "长安区", "column": 1, "entered": 120,
                               "sum_of_parts": 93}],
            "unplaced_new_registrations": 2}


def _pages(pdf: bytes, name: str, tmp_path: Path) -> list[str]:
    document = pymupdf.open(stream=pdf, filetype="pdf")
    keep = os.environ.get("JINGKANG_RENDER_DIR")
    for number, page in enumerate(document):
        picture = page.get_pixmap(dpi=110)
        assert picture.width > 1000  # landscape A4 at 110 dpi: about 1286 × 909
        target = Path(keep) if keep else tmp_path
        target.mkdir(parents=True, exist_ok=True)
        picture.save(target / f"{name}-{number + 1}.png")
    return [page.get_text() for page in document]


def _assert_the_form_is_there(text: str, figures: dict[str, Any]) -> None:
    flat = text.replace("\n", "")
    assert "长安区“精康融合行动”推进情况汇总表（2026Q3）" in flat
    for heading in ("辖区内精神障碍患者总人数", "合计", "第1街道"):
        assert heading in flat, heading
    for label, value in SIGNED.lines():
        assert label in flat and value in flat, label
    assert "填表说明" in flat and "每季度末上报" in flat
    # What the reader must know about the figures, under the table.
    for note in ("沿用上期：第2街道（130102002） 第1、14列为2026Q2填报数",
                 "数据不一致：长安区（130102） 第1列本级填报120，下级合计93",
                 "另有2名新增登记对象尚未分派到机构"):
        assert note.replace(" ", "") in flat.replace(" ", ""), note
    assert "本级" in flat and "本级（130102）" not in flat
    for row in [*figures["rows"], figures["total"]]:
        assert row["values"]["12"] is None or str(row["values"]["12"]) in flat


def test_the_pdf_of_a_submitted_report_reads_as_the_paper_form(tmp_path: Path) -> None:
    figures = summary()
    pdf = to_pdf(figures, SIGNED)
    pages = _pages(pdf, "report-pdf", tmp_path)
    assert len(pages) == 1
    _assert_the_form_is_there(pages[0], figures)
    assert "第 2 版" in pages[0] and "87.50" in pages[0] and "12.25" in pages[0]


def _libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        message = "LibreOffice is not installed (Debian: libreoffice-calc-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": CI must render the XLSX")
        pytest.skip(message)
    return found


def test_the_xlsx_prints_one_page_wide_with_its_sign_off(tmp_path: Path) -> None:
    figures = summary()
    content = to_xlsx(figures, SIGNED)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$2:$4"
    assert "A2:A4" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.cell(row=5, column=7).number_format == "0.00"  # column 6, a rate
    assert sheet.cell(row=5, column=13).number_format == "0"  # column 12, a count
    source = tmp_path / "report.xlsx"
    source.write_bytes(content)
    subprocess.run([_libreoffice(), "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    pages = _pages((tmp_path / "report.pdf").read_bytes(), "report-xlsx", tmp_path)
    assert len(pages) == 1  # fitted to the page's width: no column spills onto a page 2
    _assert_the_form_is_there(pages[0], figures)
