"""What the referral feed shows each caller: events as stored (personal parts sealed), opened
only for the services that project them (the registry keeps masked forms, and forgets them
when a person is erased)."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from jingkang.common.auth import current_principal

REVEALED_TO = frozenset({"service"})


async def feed_view(request: Request, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    credentials = request.headers.get("authorization", "")
    principal = await current_principal(request, _Bearer(credentials))
    if principal.role not in REVEALED_TO or not events:
        return events
    repo = request.app.state.runtime.cases.repo
    opened = await repo.reveal_json(events)
    return opened


class _Bearer:
    """The already-checked Authorization header, in the shape ``current_principal`` takes."""

    def __init__(self, header: str) -> None:
        self.credentials = header.removeprefix("Bearer ").removeprefix("bearer ").strip()
