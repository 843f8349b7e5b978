"""What the referral feed shows each caller: events as stored (personal parts sealed); for the
platform's services, the parts their projections keep opened, and no more (the registry keeps
a registration's person masked, and forgets it when the person is erased)."""

from __future__ import annotations

from fastapi import Request

from jingkang.common.web.auth import bearer_token, verified
from jingkang_events import FeedEntry

REVEALED_TO = frozenset({"service"})


async def feed_view(request: Request, entries: list[FeedEntry]) -> None:
    # The feed's own dependency has checked the token already; here only its role matters.
    token = bearer_token(request.headers.get("authorization", "")) or ""
    principal = await verified(request.app.state.token_verifier, token)
    if principal.role in REVEALED_TO:
        await request.app.state.runtime.cases.repo.reveal_entries(entries)
