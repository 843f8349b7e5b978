"""What the demo prints at the end: the province's progress figures and one archive."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jingkang_registry_client import AuthenticatedClient
from jingkang_registry_client.api.statistics import progress_summary
from jingkang_registry_client.models import ProgressOut

from .client import Services
from .data import PROVINCE, SITES
from .principals import CIVIL_AFFAIRS
from .scripts import Clock, current_quarter


PROGRESS_COLUMNS = ("1", "5", "7", "8", "9", "10", "11", "12", "13", "16", "17", "18", "19")


def raw_start(body: Any, limit: int = 600) -> list[str]:
    text = json.dumps(body, ensure_ascii=False)
    return [text[:limit] + (" …" if len(text) > limit else "")]


def progress_table(body: Any) -> list[str]:
    """The rows that hold figures, some of the 19 columns each; the raw start otherwise."""
    try:
        rows = [*body["rows"], body["total"]]
        lines = ["region    " + "".join(f"{c:>8}" for c in PROGRESS_COLUMNS)]
        for row in rows:
            values = [row["values"].get(c) for c in PROGRESS_COLUMNS]
            if any(values):
                lines.append(f"{row['name']:　<5}" + "".join(
                    f"{'-' if v is None else v:>8}" for v in values))
        return lines
    except (KeyError, TypeError, AttributeError):
        return raw_start(body)


def top_level_fields(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return raw_start(body)
    return [f"{key}: {raw_start(value, 150)[0]}" for key, value in body.items()]


def show(api: Services, title: str, path: str, render: Callable[[Any], list[str]],
         params: dict[str, str] | None = None) -> None:
    """Print a registry read; only its status when it does not answer 200."""
    response = api.registry.get(path, params=params, headers=api.headers(CIVIL_AFFAIRS))
    print(f"{title}: GET {response.request.url.path} → {response.status_code}")
    if response.status_code == 200:
        try:
            lines = render(response.json())
        except ValueError:
            lines = [response.text[:600]]
        for line in lines:
            print(f"  {line}")


def typed_progress(api: Services, quarter: str) -> tuple[int, dict[str, Any] | None]:
    """The province's summary through the typed client generated from openapi/registry.json
    (clients/python): the demo is that client's first user."""
    token = api.headers(CIVIL_AFFAIRS)["Authorization"].removeprefix("Bearer ")
    with AuthenticatedClient(base_url=str(api.registry.base_url), token=token) as client:
        response = progress_summary.sync_detailed(client=client, region=PROVINCE,
                                                  period=quarter)
    parsed = response.parsed
    return int(response.status_code), parsed.to_dict() if isinstance(parsed, ProgressOut) else None


def summary(api: Services, clock: Clock) -> None:
    quarter = current_quarter(clock.now)
    status, body = typed_progress(api, quarter)
    print(f"progress summary {PROVINCE} {quarter} (columns 1–19): GET /v1/statistics/progress "
          f"→ {status}")
    for line in progress_table(body) if body is not None else ():
        print(f"  {line}")
    show(api, "institution archive", f"/v1/archives/institutions/{SITES[0].institution_id}",
         top_level_fields)
