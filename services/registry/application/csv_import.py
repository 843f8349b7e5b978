"""Bulk import of institutions from CSV (a province loading its existing 服务机构库).

Every row is validated exactly as ``POST /v1/institutions`` would validate it, and every bad
row is reported by its line number; a file with any bad row imports nothing.

Columns (header row required, UTF-8, with or without a byte-order mark): the fields of
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
    """A file's institutions, and a warning (line, field, message) per cell that begins like a
    formula."""

    commands: list[cmd.RegisterInstitution]
    warnings: list[dict[str, Any]]


class InvalidCsv(RegistryError):
    code = "invalid_csv"


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


def _fields(row: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {k: v.strip() for k, v in row.items()
                              if k in cmd.RegisterInstitution.model_fields and v and v.strip()}
    for key in ("services", "forms"):
        if key in values:
            values[key] = _split(values[key])
    if "prices" in values:
        values["prices"] = _prices(values["prices"])
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
        problems.append({"line": 1, "field": column, "message": "required column is missing"})
    for column in unknown:
        problems.append({"line": 1, "field": column, "message": "unknown column"})
    if problems:
        raise InvalidCsv("the header is not usable; nothing was imported", errors=problems)
    commands: list[cmd.RegisterInstitution] = []
    warnings: list[dict[str, Any]] = []
    seen: dict[tuple[str, ...], int] = {}
    for row in reader:
        line = reader.line_num
        if len(commands) + len(problems) >= MAX_ROWS:
            raise InvalidCsv(f"at most {MAX_ROWS} rows per file", field="file")
        if None in row:
            problems.append({"line": line, "field": "row", "message": "more cells than columns"})
            continue
        warnings.extend(_formula_warnings(row, line))
        command = _row(row, line, ctx, problems)
        if command is None:
            continue
        for key in ((command.credit_code, command.region, command.name),
                    ("id", command.institution_id or f"line-{line}")):
            if key in seen:
                problems.append({"line": line, "field": "institution_id" if key[0] == "id"
                                 else "credit_code", "message": f"same institution as line {seen[key]}"})
            seen[key] = line
        commands.append(command)
    if not commands and not problems:
        raise InvalidCsv("the file has no rows", field="file")
    reported = [{k: v for k, v in p.items() if k != "scope"} for p in problems]
    if any(p.get("scope") for p in problems):  # a jurisdiction refusal is 403, as for one row
        raise OutOfScope("a row lies outside the caller's jurisdiction; nothing was imported",
                         errors=reported)
    if problems:
        raise InvalidCsv(f"{len({p['line'] for p in problems})} bad row(s); nothing was imported",
                         errors=reported)
    return CsvImport(commands, warnings)


def _formula_warnings(row: dict[str, str], line: int) -> list[dict[str, Any]]:
    """A warning per cell that begins like a formula, as written (before any trimming: a
    leading tab or line break counts too)."""
    return [{"line": line, "field": field,
             "message": f"begins with {value[:1]!r}, which a spreadsheet may run as a formula; "
                        "imported as written, and exports write it as text"}
            for field, value in row.items() if value and starts_like_formula(value)]


def _row(row: dict[str, str], line: int, ctx: Context,
         problems: list[dict[str, Any]]) -> cmd.RegisterInstitution | None:
    try:
        command = cmd.RegisterInstitution.model_validate(_fields(row))
        institution.register(command.institution_id or "import", command, ctx)
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]) or "row"
            problems.append({"line": line, "field": field, "message": error["msg"]})
        return None
    except ValueError as exc:
        problems.append({"line": line, "field": "prices", "message": str(exc)})
        return None
    except RegistryError as exc:
        problems.append({"line": line, "field": exc.field or "row", "message": exc.message,
                         "scope": isinstance(exc, OutOfScope)})
        return None
    return command
