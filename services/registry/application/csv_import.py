"""Bulk import of institutions from CSV (a province loading its existing 服务机构库).

Every row is validated exactly as ``POST /v1/institutions`` would validate it, and every bad
row is reported by its line number; a file with any bad row imports nothing.

The file may be UTF-8 (with or without a byte-order mark) or GB18030/GBK, what Excel on
Chinese Windows saves by default (``decode``).  Every error of every row is reported, in
English and Chinese, with its line; a row repeating another row of the file names both lines.

Columns (header row required): the fields of
``RegisterInstitution``; lists (``services``, ``forms``) are separated by ``;``, prices are
``item:unit:amount`` separated by ``;``, the contact is ``contact_name`` and ``contact_phone``.

A cell that begins like a spreadsheet formula (``=``, ``+``, ``-``, ``@``, a tab or a line
break: OWASP's CSV-injection list) is imported as written, with a warning naming its line and
column: a name such as ``-阳光-康复站`` is legitimate, and what a clerk's spreadsheet would run
is neutralised where it is written out, in the exports (``entrypoints/report_formats.py``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from jingkang.common.domain.field_messages import message_en, message_zh

from ..domain import commands as cmd
from ..domain import institution
from ..domain.errors import OutOfScope, RegistryError
from ..domain.institution import Context

MAX_ROWS = 5000
REQUIRED = ("name", "credit_code", "region", "address", "level", "kind", "area", "capacity")
KNOWN = frozenset({*cmd.RegisterInstitution.model_fields, "contact_name", "contact_phone"})
# What makes a spreadsheet program read a cell as a formula (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def starts_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


@dataclass(frozen=True)
class CsvImport:
    """A file's institutions with the line of each, and a warning (line, field, message) per
    cell that begins like a formula."""

    commands: list[cmd.RegisterInstitution]
    warnings: list[dict[str, Any]]
    lines: list[int]


class InvalidCsv(RegistryError):
    code = "invalid_csv"


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 when it is valid UTF-8 (a byte-order mark dropped), else
    GB18030, which holds GBK and GB2312 (a GBK file is seldom valid UTF-8: its two-byte
    characters break UTF-8's rules within a few characters)."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InvalidCsv("the file is neither UTF-8 nor GB18030/GBK text", field="file",
                         errors=[{"field": "file", "message": "neither UTF-8 nor GB18030/GBK",
                                  "message_zh": "文件既不是 UTF-8 也不是 GB18030/GBK 编码的文本"}]
                         ) from None


def _problem(line: int, field: str, message: str, message_zh: str) -> dict[str, Any]:
    return {"line": line, "field": field, "message": message, "message_zh": message_zh}

def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _prices(value: str) -> list[dict[str, str]]:
    prices = []
    for part in _split(value):
        pieces = part.split(":")
        if len(pieces) != 3:
            raise ValueError(f"price {part!r} is not item:unit:amount")
        prices.append({"item": pieces[0], "unit": pieces[1], "amount_cny": pieces[2]})
    return prices


def _fields(row: dict[str, str], line: int, problems: list[dict[str, Any]]) -> dict[str, Any]:
    values: dict[str, Any] = {k: v.strip() for k, v in row.items()
                              if k in cmd.RegisterInstitution.model_fields and v and v.strip()}
    for key in ("services", "forms"):
        if key in values:
            values[key] = _split(values[key])
    if "prices" in values:
        try:
            values["prices"] = _prices(values["prices"])
        except ValueError as exc:  # reported, and the rest of the row is still checked
            problems.append(_problem(line, "prices", str(exc), "价格应写作 项目:单位:金额，以 ; 分隔"))
            del values["prices"]
    if "accepting" in values:
        values["accepting"] = values["accepting"].lower() in ("1", "true", "yes", "是", "y")
    if (row.get("contact_name") or "").strip() or (row.get("contact_phone") or "").strip():
        values["contact"] = {"name": (row.get("contact_name") or "").strip(),
                             "phone": (row.get("contact_phone") or "").strip()}
    return values


def parse(text: str, ctx: Context) -> CsvImport:
    """The file's institutions and its warnings, or ``InvalidCsv`` listing every bad row."""
    try:
        return _parse(text, ctx)
    except csv.Error as exc:  # a malformed file: a field too long, a stray quote, a NUL
        raise InvalidCsv(f"not a CSV file this service can read: {exc}", field="file") from None


def _parse(text: str, ctx: Context) -> CsvImport:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    problems: list[dict[str, Any]] = []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in KNOWN]
    for column in missing:
        problems.append(_problem(1, column, "required column is missing", "缺少必需的列"))
    for column in unknown:
        problems.append(_problem(1, column, "unknown column", "无法识别的列"))
    if problems:
        raise InvalidCsv("the header is not usable; nothing was imported", errors=problems)
    commands: list[cmd.RegisterInstitution] = []
    lines: list[int] = []
    warnings: list[dict[str, Any]] = []
    seen: dict[tuple[str, ...], int] = {}
    for row in reader:
        line = reader.line_num
        if len(commands) + len(problems) >= MAX_ROWS:
            raise InvalidCsv(f"at most {MAX_ROWS} rows per file", field="file")
        if None in row:
            problems.append(_problem(line, "row", "more cells than columns", "单元格多于列数"))
            continue
        warnings.extend(_formula_warnings(row, line))
        command = _row(row, line, ctx, problems)
        if command is None:
            continue
        for key in ((command.credit_code, command.region, command.name),
                    ("id", command.institution_id or f"line-{line}")):
            if key in seen:
                problems.append(_problem(
                    line, "institution_id" if key[0] == "id" else "credit_code",
                    f"same institution as line {seen[key]}", f"与第 {seen[key]} 行是同一机构"))
            seen[key] = line
        commands.append(command)
        lines.append(line)
    if not commands and not problems:
        raise InvalidCsv("the file has no rows", field="file")
    reported = [{k: v for k, v in p.items() if k != "scope"} for p in problems]
    if any(p.get("scope") for p in problems):  # a jurisdiction refusal is 403, as for one row
        raise OutOfScope("a row lies outside the caller's jurisdiction; nothing was imported",
                         errors=reported)
    if problems:
        raise InvalidCsv(f"{len({p['line'] for p in problems})} bad row(s); nothing was imported",
                         errors=reported)
    return CsvImport(commands, warnings, lines)


def _formula_warnings(row: dict[str, str], line: int) -> list[dict[str, Any]]:
    """A warning per cell that begins like a formula, as written (before any trimming: a
    leading tab or line break counts too)."""
    return [{"line": line, "field": field,
             "message": f"begins with {value[:1]!r}, which a spreadsheet may run as a formula; "
                        "imported as written, and exports write it as text"}
            for field, value in row.items() if value and starts_like_formula(value)]


def _row(row: dict[str, str], line: int, ctx: Context,
         problems: list[dict[str, Any]]) -> cmd.RegisterInstitution | None:
    before = len(problems)
    fields = _fields(row, line, problems)
    try:
        command = cmd.RegisterInstitution.model_validate(fields)
        institution.register(command.institution_id or "import", command, ctx)
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]) or "row"
            problems.append(_problem(line, field, message_en(error), message_zh(error)))
        return None
    except RegistryError as exc:
        problems.append({**_problem(line, exc.field or "row", exc.message, "取值不被接受"),
                         "scope": isinstance(exc, OutOfScope)})
        return None
    return None if len(problems) > before else command
