"""Reads: one case (now, at a version, at a time), its events, its integrity, and lists."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.chinatime import china_date
from jingkang_events import VerifyResult

from ..domain.case import Case
from ..domain.rules import Rules
from .errors import CaseNotFound
from .ports import CaseFilter, CaseListing, CaseStore, Clock, StreamVerifier
from ..domain.scope import can_see
from .views import present, reads_person


class CaseReads:
    def __init__(self, repo: CaseStore, queries: CaseListing, store: StreamVerifier,
                 rules: Rules, clock: Clock) -> None:
        self.repo, self.queries, self.store, self.rules, self.clock = (
            repo, queries, store, rules, clock)

    async def visible(self, case_id: str, actor: Actor) -> Case:
        """The case now, or not found: a case out of the caller's scope reads as absent."""
        case = await self.repo.load(case_id)
        if case is None or not can_see(case, actor):
            raise CaseNotFound(f"no case {case_id}")
        return case

    async def case(self, case_id: str, actor: Actor, *, version: int | None = None,
                   as_of: datetime | None = None) -> tuple[dict[str, Any], int]:
        case = await self.visible(case_id, actor)
        in_full = reads_person(case, actor)  # by the case now, also for a past state
        if version is not None or as_of is not None:
            case = await self.repo.rebuild(case_id, to_version=version, as_of=as_of)
            if case is None:
                raise CaseNotFound(f"case {case_id} did not exist at that point")
        body = present(case, actor, self.clock(), self.rules, person_in_full=in_full)
        return body, case.version

    async def events(self, case_id: str, actor: Actor) -> list[dict[str, Any]]:
        """The history as stored (personal parts sealed), opened for the roles that may read
        the person in full; the hash chain covers the stored form either way."""
        case = await self.visible(case_id, actor)
        recorded = await self.repo.history(case_id)
        if not reads_person(case, actor):
            return [_event_json(e) for e in recorded]
        return [{**_event_json(e), "data": data} for e, data in await self.repo.reveal(recorded)]

    async def integrity(self, case_id: str) -> VerifyResult:
        if await self.repo.load(case_id) is None:
            raise CaseNotFound(f"no case {case_id}")
        return await self.store.verify_stream(case_id)

    async def list(self, actor: Actor, f: CaseFilter, *, limit: int,
                   cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
        now = self.clock()
        cases, next_cursor = await self.queries.list(
            actor, f, today=china_date(now), limit=limit, cursor=cursor)
        return [present(c, actor, now, self.rules) for c in cases], next_cursor


def _event_json(event: Any) -> dict[str, Any]:
    body = event.to_json()
    body.pop("cursor", None)
    body.pop("stream_id", None)
    body.pop("stream_type", None)
    return body


__all__ = ["CaseReads"]
