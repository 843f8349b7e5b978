"""What the registry's handlers need from the outside world, as typing Protocols.

Adapters implement these structurally (no inheritance); ``bootstrap.py`` builds the concrete
ones, and the fast handler tests pass in-memory fakes.  Connections and metadata are the
event library's types: the library is shared by every layer, so naming them here ties the
application to no adapter.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from jingkang.common.application.answers import Answer
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.common.domain.clock import Clock  # noqa: F401 - the handlers take it from here
from jingkang_events import Connection, Metadata, RecordedEvent

from ..domain.events import RegistryEvent
from ..domain.figures import ServiceTest
from ..domain.institution import Institution
from ..domain.outcomes import Milestone
from ..domain.periods import Period
from ..domain.reporting import Report


@dataclass(frozen=True)
class Scan:
    """A scan of a signed and stamped form: its bytes, their type and SHA-256."""

    sha256: str
    media_type: str
    content: bytes



class Outcome(Enum):
    """What a handler did, for the edge to say in its own terms (a status, a location)."""

    REGISTERED = "registered"  # one new institution
    IMPORTED = "imported"  # a batch of new institutions
    SUBMITTED = "submitted"  # a new version of a report
    STORED = "stored"  # a scan of a signed form
    DONE = "done"  # shown, changed or recorded


@dataclass(frozen=True)
class Result:
    """A handler's answer before it is written out: what happened and the view to show."""

    outcome: Outcome
    view: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    institution_id: str | None = None


class AnswerWriter(Protocol):
    """Writes a result as the answer sent and stored for retries (the stored bytes are what a
    retry gets back, so the writing happens inside the command's transaction)."""

    def answer(self, result: Result) -> Answer: ...


class UnitOfWork(Protocol):
    """One transaction: everything a command stores commits together, or nothing does."""

    def transaction(self) -> AbstractAsyncContextManager[Connection]: ...


class InstitutionStore(Protocol):
    """The institution and baseline streams, with their projected rows."""

    async def lock_stream(self, conn: Connection, stream_id: str) -> None: ...

    async def load(self, institution_id: str, conn: Connection | None = None) -> Institution: ...

    async def history(self, institution_id: str) -> list[RecordedEvent]: ...

    async def registered_already(self, ids: Sequence[str],
                                 identities: Sequence[tuple[str, str, str]]
                                 ) -> tuple[set[str], set[tuple[str, str, str]]]: ...

    async def append(self, conn: Connection, before: Institution,
                     events: Sequence[RegistryEvent], metadata: Metadata,
                     at: datetime) -> Institution: ...

    async def current_baseline(self, region: str, period: str,
                               conn: Connection) -> tuple[int, dict[str, Any] | None]: ...

    async def append_baseline(self, conn: Connection, version: int, event: RegistryEvent,
                              metadata: Metadata, at: datetime) -> None: ...


class ReportStore(Protocol):
    """The report streams (one per region, period and form) and the scans of signed forms."""

    async def lock_stream(self, conn: Connection, stream_id: str) -> None: ...

    async def load(self, region: str, period: str, form: str,
                   conn: Connection | None = None) -> Report: ...

    async def load_many(self, keys: Sequence[tuple[str, str, str]]) -> list[Report]: ...

    async def append(self, conn: Connection, before: Report, events: Sequence[RegistryEvent],
                     metadata: Metadata, at: datetime) -> Report: ...

    async def save_scan(self, conn: Connection, scan: Scan, region: str,
                        at: datetime) -> None: ...

    async def scan(self, sha256: str) -> Scan | None: ...

    async def scan_region(self, sha256: str) -> str | None:
        """The region whose civil affairs uploaded the scan, if it is stored."""
        ...


class IdempotentAnswers(Protocol):
    """The first answer to an Idempotency-Key, replayed byte for byte on a retry."""

    async def replay(self, principal: str, meta: RequestMeta) -> Answer | None: ...

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, now: datetime, *, stored_body: str | None = None
                       ) -> None: ...


class ArchiveQueries(Protocol):
    """Reads of the institution profiles and the patient archive."""

    async def institution(self, institution_id: str) -> dict[str, Any] | None: ...

    async def institutions(self, filters: dict[str, Any], after: str | None,
                           limit: int) -> list[dict[str, Any]]: ...

    async def institution_figures(self, institution_id: str) -> dict[str, Any]: ...

    async def patients(self, actor: Actor, filters: dict[str, Any], after: str | None,
                       limit: int) -> list[dict[str, Any]]: ...

    async def patient(self, patient_id: str) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class Placed:
    """A case or an institution counted somewhere: its county and, if known, institution."""

    region: str
    institution_id: str | None


@dataclass(frozen=True)
class Registered:
    """How many cases were registered at one place, and how many had standardized service."""

    place: Placed
    registered: int
    standardized: int


@dataclass(frozen=True)
class NewRegistration:
    """A case registered in the period: where it lived then, and the township and declared
    area of the institution it is at (the period's end, or now), which say urban or rural."""

    place: Placed
    township_code: str | None
    declared_area: str | None


class StatisticsQueries(Protocol):
    """The rows the progress summary and the coverage report are computed from."""

    async def registered(self, region: str, moment: datetime,
                         test: ServiceTest) -> list[Registered]: ...

    async def unwilling(self, region: str, period: Period) -> list[Placed]: ...

    async def new_registrations(self, region: str, period: Period,
                                moment: datetime) -> list[NewRegistration]: ...

    async def institutions_at(self, region: str, moment: datetime) -> list[dict[str, Any]]: ...

    async def staff_reports(self, institution_ids: list[str],
                            moment: datetime) -> dict[str, list[dict[str, Any]]]: ...

    async def baselines(self, region: str) -> list[dict[str, Any]]: ...

    async def deadlines(self, region: str) -> list[dict[str, Any]]: ...

    async def served(self, region: str, period: Period) -> dict[str, list[Milestone]]: ...
