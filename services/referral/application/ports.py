"""What the referral service's handlers need from the outside world, as typing Protocols.

Adapters implement these structurally (no inheritance); ``bootstrap.py`` builds the concrete
ones, and the fast handler tests (tests/referral/test_handlers_fast.py) pass in-memory fakes.
Connections, metadata and stored events are the event library's types: the library is
shared by every layer, so naming them here ties the application to no adapter.  The data key
a case's events are sealed with is opaque here: the store hands it out, the answers take it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol

from jingkang.common.application.answers import Answer, StoredAnswer
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.common.domain.clock import Clock
from jingkang_events import Connection, Metadata, RecordedEvent, VerifyResult

from ..domain.case import Case
from ..domain.institutions import Institution
from ..domain.events import CaseEvent

# The keyed hash of an identity number (the patient id): duplicates are found without the
# number readable.
PersonKeys = Callable[[str], str]
SealingKey = Any


class Outcome(Enum):
    """What a handler did, for the edge to say in its own terms (a status, a location)."""

    CREATED = "created"  # a new case
    DONE = "done"  # a case changed, or a person erased


@dataclass(frozen=True)
class Result:
    """A handler's answer before it is written out: what happened and the view to show."""

    outcome: Outcome
    view: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    case_id: str | None = None


class AnswerWriter(Protocol):
    """Writes a result as the answer sent and stored for retries (the stored text is what a
    retry gets back, so the writing happens inside the command's transaction)."""

    def answer(self, result: Result) -> Answer: ...

    def as_seen_now(self, body: str, person_in_full: bool) -> str:
        """A stored answer's text, with the person as the caller may see them now."""
        ...


class UnitOfWork(Protocol):
    """One transaction: everything a command stores commits together, or nothing does."""

    def transaction(self) -> AbstractAsyncContextManager[Connection]: ...

    def connection(self) -> AbstractAsyncContextManager[Connection]: ...


class CaseStore(Protocol):
    """The case streams with their read model, and the locks that order commands on them."""

    async def load(self, case_id: str, conn: Connection | None = None, *,
                   lock: bool = False) -> Case | None: ...

    async def lock_person(self, conn: Connection, person_key: str) -> None: ...

    async def open_case_of(self, person_key: str, conn: Connection) -> str | None: ...

    async def cases_of_person(self, conn: Connection,
                              person_key: str) -> list[tuple[str, str]]:
        """(case id, state) of each of the person's cases, oldest first, locked."""
        ...

    async def append(self, conn: Connection, before: Case, after: Case,
                     events: Sequence[CaseEvent], metadata: Metadata, recorded_at: datetime,
                     due: dict[str, date] | None = None) -> SealingKey: ...

    async def history(self, case_id: str) -> list[RecordedEvent]: ...

    async def reveal(self, recorded: Sequence[RecordedEvent]
                     ) -> list[tuple[RecordedEvent, dict[str, Any]]]: ...

    async def rebuild(self, case_id: str, *, to_version: int | None = None,
                      as_of: datetime | None = None) -> Case | None: ...


class Directory(Protocol):
    """The institutions the registry publishes, with the places they have free."""

    async def hold_room(self, institution_id: str, conn: Connection) -> bool: ...

    async def in_city_of(self, region: str, conn: Connection) -> list[Institution]: ...

    async def get(self, institution_id: str, conn: Connection) -> Institution | None: ...


class CaseAnswers(Protocol):
    """Answers kept for Idempotency-Key retries, sealed under the case's data key."""

    async def stored(self, principal: str, meta: RequestMeta) -> StoredAnswer | None: ...

    async def opened(self, principal: str, meta: RequestMeta, stored: StoredAnswer) -> str: ...

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, key: SealingKey, now: datetime) -> None: ...

    async def replay_plain(self, principal: str, meta: RequestMeta) -> Answer | None:
        """A stored answer that holds nothing personal (an erasure's record)."""
        ...

    async def remember_plain(self, conn: Connection, principal: str, meta: RequestMeta,
                             answer: Answer, now: datetime) -> None: ...

    async def forget(self, conn: Connection, case_ids: list[str]) -> int: ...


class PersonKeyring(Protocol):
    """The data keys personal data is sealed with, one set per person."""

    async def erase(self, conn: Connection, patient_id: str, now: datetime,
                    reason: str) -> list[str]: ...


class PersonStreams(Protocol):
    """The person's own stream, where an erasure is recorded."""

    async def record_erasure(self, conn: Connection, patient_id: str, event: Any,
                             metadata: Metadata, now: datetime) -> None: ...


@dataclass(frozen=True)
class CaseFilter:
    """What a list of cases is narrowed to (all optional)."""

    state: str | None = None
    region: str | None = None
    institution_id: str | None = None
    due: str | None = None
    overdue: bool | None = None
    risk_level_min: int | None = None
    updated_since: datetime | None = None
    oldest_first: bool = False  # sort=updated_at: the least recently updated first


class InvalidListCursor(ValueError):
    """A list cursor the service did not issue (``CaseListing.list`` raises it)."""


class CaseListing(Protocol):
    """Lists and work queues over the read model, scoped to the caller, page by page."""

    async def list(self, actor: Actor, f: CaseFilter, *, today: date, limit: int,
                   cursor: str | None) -> tuple[list[Case], str | None]: ...


class StreamVerifier(Protocol):
    """The hash chain of one stream, checked."""

    async def verify_stream(self, stream_id: str) -> VerifyResult: ...


__all__ = [
    "AnswerWriter", "CaseAnswers", "CaseFilter", "CaseListing", "CaseStore", "Clock",
    "Directory", "InvalidListCursor", "Outcome", "PersonKeyring", "PersonKeys",
    "PersonStreams", "Result", "SealingKey", "StreamVerifier", "UnitOfWork",
]
