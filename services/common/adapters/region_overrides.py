"""The division-code table the services use: python-stdnum's (pinned in pyproject.toml, so an
upgrade never silently changes what is valid) with the operator's own changes on top.

The override file (``JINGKANG_REGION_OVERRIDES_FILE``) is a CSV with a header row
``code,name,added_on,retired_on`` (dates as YYYY-MM-DD): a county created after the installed
release is a row with its name and ``added_on``; a code withdrawn is a row with ``retired_on``
(and no name).  Division codes change at the turn of a year, so a code added on a day is
valid from that day's year, and one retired on a day is valid up to the year before it when
retired on 1 January, else up to that year.  docs/registry.md, Division codes."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from jingkang.common.domain.regions import RegionChange, RegionTable

COLUMNS = ("code", "name", "added_on", "retired_on")


def parse_overrides(text: str) -> list[RegionChange]:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"region overrides: the header must be {','.join(COLUMNS)}")
    changes = []
    for row in reader:
        line = reader.line_num
        code, name = (row["code"] or "").strip(), (row["name"] or "").strip()
        if not (code.isdigit() and len(code) == 6):
            raise ValueError(f"region overrides, line {line}: {code!r} is not a six-digit code")
        try:
            added = date.fromisoformat(row["added_on"]) if row["added_on"] else None
            retired = date.fromisoformat(row["retired_on"]) if row["retired_on"] else None
        except ValueError:
            raise ValueError(f"region overrides, line {line}: dates are YYYY-MM-DD") from None
        last = None if retired is None else retired.year - (retired.month == 1 and
                                                           retired.day == 1)
        if name and added:
            changes.append(RegionChange(code, name, added.year,
                                        last if last is not None else 9999))
        elif not name and retired and not added:
            changes.append(RegionChange(code, None, 0, last))  # type: ignore[arg-type]
        else:
            raise ValueError(f"region overrides, line {line}: a code added has a name and "
                             "added_on; a code retired has retired_on only")
    return changes


def load_region_table(path: str | None) -> RegionTable:
    """python-stdnum's table, with the overrides of ``path`` (if any) applied."""
    table = RegionTable.bundled()
    if not path:
        return table
    return table.with_changes(parse_overrides(Path(path).read_text(encoding="utf-8")))
