"""The plain values the store takes and returns."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, NamedTuple, TypeVar

import msgspec
import orjson

from ._errors import InvalidCursorError


@dataclass(frozen=True, slots=True)
class Metadata:
    """Who caused an event and within which request (auditors read this on every step)."""

    actor_id: str | None = None
    role: str | None = None
    org_id: str | None = None
    request_id: str | None = None
    correlation_id: str | None = None
    causation_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor_id": self.actor_id,
            "role": self.role,
            "org_id": self.org_id,
            "request_id": self.request_id,
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
        }


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event a caller wants appended; the store gives it position, version and hash."""

    type: str
    data: dict[str, Any]
    schema_version: int = 1
    metadata: Metadata = field(default_factory=Metadata)
    event_id: uuid.UUID = field(default_factory=uuid.uuid4)


# FeedCursor and RecordedEvent are frozen msgspec structs rather than frozen dataclasses: a
# consumer catching up builds a million of each, and a frozen dataclass's __init__ sets every
# field through object.__setattr__ (about 3 µs an event against 0.3 µs).
MAX_CURSOR_PART = 2**63 - 1  # both parts of a cursor are bigint columns


class FeedCursor(msgspec.Struct, frozen=True):
    """Where a reader stands in the global feed: (transaction order, position).

    On PostgreSQL the feed is ordered by the writing transaction's id and then by position,
    so an event committed late is never behind a cursor that has passed it.  On SQLite the
    transaction part is always 0 because writers are serialised.
    """

    tx_id: int = 0
    position: int = 0

    @classmethod
    def parse(cls, text: str | None) -> FeedCursor:
        if not text:
            return cls()
        tx, sep, pos = text.partition(":")
        # ASCII digits only: str.isdigit() also takes digits such as "²" that int() refuses
        if not sep or not (tx + pos).isascii() or not tx.isdigit() or not pos.isdigit():
            raise InvalidCursorError(f"malformed feed cursor {text!r}")
        cursor = cls(int(tx), int(pos))
        if max(cursor.tx_id, cursor.position) > MAX_CURSOR_PART:  # the columns are bigint
            raise InvalidCursorError(f"feed cursor {text!r} is beyond any position")
        return cursor

    def __str__(self) -> str:
        return f"{self.tx_id}:{self.position}"


class RecordedEvent(msgspec.Struct, frozen=True):
    """An event as stored, with its data read through the upcasters (newest schema)."""

    position: int
    event_id: uuid.UUID
    stream_id: str
    stream_type: str
    version: int
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: datetime
    prev_hash: str
    hash: str
    cursor: FeedCursor

    def to_json(self) -> dict[str, Any]:
        """The feed's representation of the event (API.md, The event feed)."""
        return {
            "cursor": str(self.cursor),
            "position": self.position,
            "event_id": str(self.event_id),
            "stream_id": self.stream_id,
            "stream_type": self.stream_type,
            "version": self.version,
            "type": self.type,
            "schema_version": self.schema_version,
            "data": self.data,
            "metadata": self.metadata,
            "recorded_at": self.recorded_at.isoformat(),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


class RowWrite(NamedTuple):
    """A row written together with an append, in the caller's transaction (an inline
    projection's row): ``into`` is ``INSERT INTO table (columns)``, ``values`` one per column,
    ``tail`` an optional ``ON CONFLICT`` clause.  On PostgreSQL the append's own statement
    writes it (a data-modifying CTE: one round trip less per command), elsewhere the statement
    after the append.  It is written exactly when the append writes events: not when the
    append refuses, nor for a retry of a batch stored already."""

    into: str
    values: Sequence[Any]
    tail: str = ""

    def statement(self, first: int = 1, gate: str = "") -> str:
        """The INSERT with its values as parameters ``$first`` on.  With ``gate`` (a
        condition) the values are selected only when it holds, and take the column types."""
        params = ", ".join(f"${n}" for n in range(first, first + len(self.values)))
        if gate:
            return f"{self.into} SELECT {params} WHERE {gate} {self.tail}"
        return f"{self.into} VALUES ({params}) {self.tail}"


@dataclass(frozen=True, slots=True)
class AppendResult:
    """What an append stored; ``already_stored`` is true when it was a retry of a stored batch."""

    stream_id: str
    events: tuple[RecordedEvent, ...]
    already_stored: bool = False

    @property
    def version(self) -> int:
        return self.events[-1].version


@dataclass(slots=True)
class FeedEntry:
    """One event of a feed page as the feed serves it: the UTF-8 text of its JSON object (the
    form of ``RecordedEvent.to_json``), with ``data`` kept as the stored canonical text and
    parsed only when a page view asks for it.  Serving a page then costs no JSON parsing or
    re-encoding, and, the parts being bytes, no decoding of the stored text into Python
    strings and encoding it again (that was a third of the feed's own time)."""

    stream_id: str
    stream_type: str
    type: str
    data_json: bytes
    before_data: bytes  # the object's text up to and including '"data":'
    after_data: bytes  # from ',"metadata":' to the closing brace

    def data(self) -> dict[str, Any]:
        return orjson.loads(self.data_json)

    def set_data(self, data: dict[str, Any]) -> None:
        self.data_json = orjson.dumps(data)  # compact, UTF-8 kept as is

    def json(self) -> bytes:
        return self.before_data + self.data_json + self.after_data


Item = TypeVar("Item", "RecordedEvent", FeedEntry)


@dataclass(frozen=True, slots=True)
class FeedPage(Generic[Item]):
    """One page of the global feed, the cursor to continue from, and the newest servable event."""

    events: tuple[Item, ...]  # RecordedEvent, or FeedEntry as the feed router serves them
    next: FeedCursor
    head: FeedHead | None
    remaining: int = 0  # servable events after ``next`` (counted up to a cap)


@dataclass(frozen=True, slots=True)
class FeedHead:
    cursor: FeedCursor
    position: int
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of recomputing a stream's hash chain."""

    stream_id: str
    valid: bool
    events_checked: int
    first_bad_position: int | None = None
    first_bad_event_id: str | None = None
    first_bad_version: int | None = None
    reason: str | None = None
    seals_checked: int = 0  # events whose seal was checked (a store with the ledger key)
    unsealed_legacy: int = 0  # events stored before sealing began
