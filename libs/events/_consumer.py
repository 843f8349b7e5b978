"""Following another service's feed into local projections, exactly once.

Pages of events are applied in one local transaction that lets the projection write its rows
and then moves the consumer's cursor row from the cursor the transaction started from
(compare-and-set).  Commit makes both durable together; a crash before commit loses both, so
the pages are fetched again.  A second instance that raced us finds the cursor moved and
backs off.  Following a live feed a transaction holds one page; catching up, many.

An event that cannot be applied is never skipped: events are applied in order, so the
consumer stops at it, names it in its status (``stuck``: the event's cursor, position, stream,
type and the error's class) and retries it with back-off until it applies.  A page that fails
is applied again in halves first, so the event named is the one that fails alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import uuid
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
import msgspec
import msgspec.structs

from ._db import Connection, Database, PostgresDatabase
from ._model import FeedCursor, RecordedEvent

log = logging.getLogger(__name__)

Apply = Callable[[RecordedEvent, Connection], Awaitable[None]]
ApplyPage = Callable[[list[RecordedEvent], Connection], Awaitable[None]]
TokenSource = Callable[[], str]


class _WireEvent(msgspec.Struct):
    """An event as the feed serves it (``RecordedEvent.to_json``), decoded by msgspec for speed.

    Same fields in the same order as ``_feed_api.FeedEventOut``; tests/events/test_wire_model.py
    pins the two equal.
    """

    cursor: str
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

    def recorded(self) -> RecordedEvent:
        return RecordedEvent(
            self.position, self.event_id, self.stream_id, self.stream_type, self.version,
            self.type, self.schema_version, self.data, self.metadata, self.recorded_at,
            self.prev_hash, self.hash, FeedCursor.parse(self.cursor))


class _WireHead(msgspec.Struct):
    position: int
    recorded_at: datetime


class _WirePage(msgspec.Struct):
    """A feed page (API.md, The event feed); fields the consumer does not read are skipped."""

    events: list[_WireEvent]
    next: str
    head: _WireHead | None = None
    remaining: int = 0


# Decoding straight into typed structs (ids, times and numbers checked and converted while
# parsing) costs half of parsing to dicts and building the events from them: a page is
# mostly JSON to decode, and catching up decodes a million events.
_PAGE = msgspec.json.Decoder(_WirePage)

Fetched = tuple[_WirePage, list[RecordedEvent]]  # a page as served, and its events

_INIT = ("INSERT INTO consumer_cursors (name, cursor, position, source_recorded_at, updated_at) "
         "VALUES ($1, '', 0, NULL, $2) ON CONFLICT (name) DO NOTHING")
_LOAD = "SELECT cursor, position, source_recorded_at FROM consumer_cursors WHERE name = $1"
_ADVANCE = ("UPDATE consumer_cursors SET cursor = $2, position = $3, source_recorded_at = $4, "
            "updated_at = $5 WHERE name = $1 AND cursor = $6 RETURNING name")


# JSON strings may hold NUL (``\\u0000``); a PostgreSQL text column cannot.  A page's body is
# searched for the escape (JSON has no other way to spell NUL), so pages without one cost
# nothing more; the search also matches an escaped backslash before ``u0000``, which only
# costs a look at that page's strings.
_NUL_ESCAPE = b"\\u0000"
_NUL, _REPLACEMENT = "\x00", "\ufffd"


class CursorMovedError(Exception):
    """Another instance advanced the cursor first; this page was not applied."""


@dataclass(frozen=True)
class StuckEvent:
    """The event a consumer cannot apply.  It is retried with back-off, never skipped: every
    event after it waits.  ``error`` is the error's class only (its message may quote stored
    values); the service's log has the message."""

    cursor: str
    position: int
    stream_id: str
    stream_type: str
    type: str
    error: str
    since: datetime  # the first failed attempt
    attempts: int


@dataclass(frozen=True)
class ConsumerStatus:
    name: str
    source: str
    cursor: str
    position: int
    head_position: int | None
    lag_events: int
    lag_seconds: float
    active: bool
    caught_up: bool
    # The class of the last failure only: the status is served unauthenticated (/readyz), and a
    # database error's message can quote row values.  The log has the message.
    last_error: str | None
    # standby (another instance holds the lock), following (caught up), catching_up,
    # retrying (the last attempt failed: fetching, or applying an event not named yet) or
    # stuck (``stuck`` names the event that fails alone).
    state: str = "following"
    failures: int = 0  # consecutive failed attempts
    stuck: StuckEvent | None = None


class FeedConsumer:
    def __init__(self, name: str, source_url: str, db: Database, apply: Apply | None = None, *,
                 apply_page: ApplyPage | None = None, on_reset: Callable[[], None] | None = None,
                 before_commit: Callable[[Connection], Awaitable[None]] | None = None,
                 before_rollback: Callable[[Connection], Awaitable[None]] | None = None,
                 token: TokenSource | None = None, batch_size: int = 500,
                 wait_seconds: float = 10.0, retry_seconds: float = 1.0,
                 http: httpx.AsyncClient | None = None) -> None:
        self.name = name
        self.source_url = source_url.rstrip("/")
        self.db = db
        if (apply is None) == (apply_page is None):
            raise ValueError("give either apply (one event at a time) or apply_page")
        self._project = apply_page or _one_by_one(apply)  # type: ignore[arg-type]
        # A projection that keeps state in memory between pages drops it when told: a page
        # failed (its transaction rolled back) or the cursor is read again.
        self._on_reset = on_reset or (lambda: None)
        # Called once per transaction, after its last page: a projection that writes some rows
        # once per transaction rather than once per page writes them here.
        self._before_commit = before_commit or _nothing_to_write
        self._before_rollback = before_rollback or _nothing_to_write
        self._token = token
        self.batch_size = batch_size
        self.wait_seconds = wait_seconds
        self.retry_seconds = retry_seconds
        self._http = http or httpx.AsyncClient(timeout=wait_seconds + 30)
        self._own_http = http is None
        self._task: asyncio.Task[None] | None = None
        self._lock_conn: asyncpg.Connection | None = None
        self.cursor = FeedCursor()
        self._source_recorded_at: datetime | None = None
        self._head_position: int | None = None
        self._lag_events = 0
        self._lag_seconds = 0.0
        self._caught_up = False
        self._active = False
        self._last_error: str | None = None
        self._failures = 0
        self._stuck: StuckEvent | None = None
        self._cursor_loaded = False

    # --- running ----------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name=f"consumer-{self.name}")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._lock_conn is not None:
            with contextlib.suppress(Exception):
                await self._lock_conn.close()
        if self._own_http:
            await self._http.aclose()

    async def run(self) -> None:
        """Follow the feed until cancelled; errors are reported in ``status`` and retried."""
        delay = self.retry_seconds
        while True:
            try:
                if not await self._elected():
                    await asyncio.sleep(self.retry_seconds * 5)
                    continue
                await self.step(self.wait_seconds)
                delay = self.retry_seconds
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._failed(exc)
                stuck = self._stuck
                if stuck is not None:
                    log.error("consumer %s cannot apply the event at %s (position %d, %s %s, %s): "
                              "%s; attempt %d, retrying in %.1fs", self.name, stuck.cursor,
                              stuck.position, stuck.stream_type, stuck.stream_id, stuck.type,
                              self._last_error, stuck.attempts, delay)
                else:
                    log.warning("consumer %s: %s; retrying in %.1fs", self.name,
                                self._last_error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    def _failed(self, exc: Exception) -> None:
        self._last_error = f"{type(exc).__name__}: {exc}"
        self._failures += 1
        self._caught_up = False  # whatever the last page said, this attempt read nothing new

    async def catch_up(self, *, ahead: int = 32, commit_every: int = 1_000_000) -> int:
        """Apply pages until the feed has nothing newer; returns how many events were applied.

        A fetcher keeps up to ``ahead`` pages read in advance, so the source serves the next
        pages while this process folds and the local database writes: a rebuild keeps all
        three busy instead of taking turns.  Whole pages are applied together in one
        transaction until it holds ``commit_every`` events: a projection that writes a row
        per entity at commit (``before_commit``) then writes it once for many of its events."""
        if not await self._elected():
            raise CursorMovedError(f"consumer {self.name}: another instance holds its lock")
        if not self._cursor_loaded:
            await self._load_cursor()
        fetched: asyncio.Queue[Fetched | Exception] = asyncio.Queue(maxsize=ahead)
        fetcher = asyncio.create_task(self._fetch_ahead(fetched), name=f"fetch-{self.name}")

        async def pages() -> AsyncIterator[Fetched]:
            while True:
                page = await fetched.get()
                if isinstance(page, Exception):
                    raise page
                yield page
                if not page[1]:
                    return

        applied = 0
        try:
            with _fewer_collections():
                feed = pages()
                while (committed := await self._apply_pages(feed, commit_every)) > 0:
                    applied += committed
            return applied
        finally:
            fetcher.cancel()
            with contextlib.suppress(BaseException):
                await fetcher

    async def _fetch_ahead(self, pages: asyncio.Queue[Fetched | Exception]) -> None:
        """Fetch and decode pages one after another from the consumer's cursor until an empty
        one; a failure is handed over in place of a page.  The next page is asked for as soon
        as a page's headers name it (``Link: rel="next"``), so the source prepares it while
        this page's body is read and decoded; decoding here, pages are decoded while the local
        database writes."""
        after = self.cursor
        opening = asyncio.create_task(self._open(after))
        try:
            while True:
                response = await opening
                following = _next_cursor(response)
                asked = following is not None and following != after
                try:
                    if asked:
                        opening = asyncio.create_task(self._open(following))
                    page, events = await self._body(response)
                finally:
                    await response.aclose()
                await pages.put((page, events))
                if not events:
                    return
                after = following if asked else FeedCursor.parse(page.next)
                if not asked:
                    opening = asyncio.create_task(self._open(after))
        except Exception as exc:
            await pages.put(exc)
        finally:
            opening.cancel()
            with contextlib.suppress(BaseException):
                response = await opening
                await response.aclose()

    async def step(self, wait: float) -> int:
        """Fetch one page (holding up to ``wait`` seconds) and apply it; returns its size."""
        if not await self._elected():
            raise CursorMovedError(f"consumer {self.name}: another instance holds its lock")
        if not self._cursor_loaded:
            await self._load_cursor()
        page, events = await self._fetch(0 if self._stuck else wait)
        if events:
            await self._apply_in_halves(page, events)
        else:
            self._note_head(page, events)
        self._last_error, self._failures = None, 0
        return len(events)

    async def _apply_in_halves(self, page: _WirePage, events: list[RecordedEvent]) -> None:
        """Apply a page in one transaction; if it fails, apply it in halves (each its own
        transaction, in order) down to single events, so an event that cannot be applied is
        found alone, named (``stuck``) and its error raised, with every event before it
        applied.  The stuck event is tried alone first."""
        size = 1 if self._stuck and self._stuck.position == events[0].position else len(events)
        while events:
            chunk = events[:size]
            # The page as far as this chunk: what is left of it counts in the lag.
            served = msgspec.structs.replace(page, remaining=page.remaining
                                             + len(events) - len(chunk))

            async def one_page(served: _WirePage = served,
                               chunk: list[RecordedEvent] = chunk) -> AsyncIterator[Fetched]:
                yield served, chunk

            try:
                await self._apply_pages(one_page(), len(chunk))
            except CursorMovedError:
                raise
            except Exception as exc:
                if len(chunk) > 1:
                    size = len(chunk) // 2
                    continue
                self._note_stuck(chunk[0], exc)
                # Every event from the stuck one on is still to apply.
                self._note_head(msgspec.structs.replace(
                    page, remaining=page.remaining + len(events)), events)
                raise
            events = events[len(chunk):]
            if self._stuck is not None and self.cursor.position >= self._stuck.position:
                log.warning("consumer %s applied the event at %s after %d failed attempts",
                            self.name, self._stuck.cursor, self._stuck.attempts)
                self._stuck = None

    def _note_stuck(self, event: RecordedEvent, exc: Exception) -> None:
        stuck = self._stuck
        if stuck is not None and stuck.position == event.position:
            self._stuck = replace(stuck, error=type(exc).__name__, attempts=stuck.attempts + 1)
        else:
            self._stuck = StuckEvent(
                cursor=str(event.cursor), position=event.position, stream_id=event.stream_id,
                stream_type=event.stream_type, type=event.type, error=type(exc).__name__,
                since=datetime.now(UTC), attempts=1)

    # --- internals --------------------------------------------------------------------

    async def _load_cursor(self) -> None:
        self._on_reset()
        async with self.db.transaction() as conn:
            await conn.execute(_INIT, self.name, conn.timestamp(datetime.now(UTC)))
            row = await conn.fetchrow(_LOAD, self.name)
        self.cursor = FeedCursor.parse(row["cursor"])
        self._source_recorded_at = _as_datetime(row["source_recorded_at"])
        self._cursor_loaded = True

    async def _fetch(self, wait: float) -> Fetched:
        response = await self._open(self.cursor, wait)
        try:
            return await self._body(response)
        finally:
            await response.aclose()

    async def _open(self, after: FeedCursor, wait: float = 0) -> httpx.Response:
        """Ask for the page after ``after``; returns once its headers are in."""
        headers = {"Authorization": f"Bearer {self._token()}"} if self._token else {}
        params: dict[str, Any] = {"limit": self.batch_size, "wait": wait}
        if after.position or after.tx_id:
            params["after"] = str(after)
        request = self._http.build_request("GET", f"{self.source_url}/v1/events",
                                           params=params, headers=headers)
        return await self._http.send(request, stream=True)

    async def _body(self, response: httpx.Response) -> Fetched:
        if response.is_error:
            await response.aread()
        response.raise_for_status()
        body = await response.aread()
        page = _PAGE.decode(body)
        events = [e.recorded() for e in page.events]
        page.events = []  # the decoded copies are not kept while the page waits its turn
        if _NUL_ESCAPE in body:
            events = [_storable(event) for event in events]
        return page, events

    async def _apply_pages(self, pages: AsyncIterator[Fetched],
                           limit: int) -> int:
        """Apply pages from ``pages`` in one transaction that moves the cursor past them, until
        the transaction holds ``limit`` events or a page is empty; returns the events applied."""
        first, last, applied, seen = self.cursor, None, 0, None
        try:
            async with self.db.transaction() as conn:
                if conn.dialect == "postgresql":
                    # No wait for the commit's flush: a page lost in a crash goes with its
                    # cursor, and is fetched and applied again.
                    await conn.execute("SET LOCAL synchronous_commit = off")
                try:
                    async for page, events in pages:
                        seen = page, events
                        if not events:
                            break
                        await self._project(events, conn)
                        last, applied = events[-1], applied + len(events)
                        if applied >= limit:
                            break
                    if last is not None:
                        await self._before_commit(conn)
                        await self._advance(conn, first, last)
                except BaseException:
                    # Let a projection finish what it still has running on this connection
                    # (a write it overlapped with folding), so the rollback can run.
                    with contextlib.suppress(Exception):
                        await self._before_rollback(conn)
                    raise
        except BaseException:
            self._on_reset()
            raise
        if last is not None:
            self.cursor = last.cursor
            self._source_recorded_at = last.recorded_at
        if seen is not None:
            self._note_head(*seen)
        return applied

    async def _advance(self, conn: Connection, first: FeedCursor, last: RecordedEvent) -> None:
        """Move the cursor row from ``first`` to past ``last`` (compare-and-set)."""
        moved = await conn.fetchrow(
            _ADVANCE, self.name, str(last.cursor), last.position,
            conn.timestamp(last.recorded_at), conn.timestamp(datetime.now(UTC)),
            "" if first == FeedCursor() else str(first))
        if moved is None:
            self._cursor_loaded = False
            raise CursorMovedError(f"consumer {self.name}: cursor moved by another instance")

    def _note_head(self, page: _WirePage, events: list[RecordedEvent]) -> None:
        head = page.head
        self._head_position = head.position if head else None
        self._lag_events = page.remaining
        self._caught_up = self._lag_events == 0
        if self._caught_up or not head or self._source_recorded_at is None:
            self._lag_seconds = 0.0
        else:
            self._lag_seconds = max(0.0, (head.recorded_at
                                          - self._source_recorded_at).total_seconds())

    async def _elected(self) -> bool:
        """On PostgreSQL one instance per consumer name holds an advisory lock and runs."""
        if not isinstance(self.db, PostgresDatabase):
            self._active = True
            return True
        if self._active and self._lock_conn is not None and not self._lock_conn.is_closed():
            return True
        if self._lock_conn is None or self._lock_conn.is_closed():
            self._active = False
            self._lock_conn = await asyncpg.connect(self.db.dsn)
        key = zlib.crc32(f"jingkang-consumer:{self.name}".encode())
        self._active = bool(await self._lock_conn.fetchval("SELECT pg_try_advisory_lock($1)", key))
        return self._active

    def status(self) -> ConsumerStatus:
        if not self._active:
            state = "standby"
        elif self._stuck is not None:
            state = "stuck"
        elif self._failures:
            state = "retrying"
        else:
            state = "following" if self._caught_up else "catching_up"
        return ConsumerStatus(
            name=self.name, source=self.source_url, cursor=str(self.cursor),
            position=self.cursor.position, head_position=self._head_position,
            lag_events=self._lag_events, lag_seconds=self._lag_seconds, active=self._active,
            caught_up=self._caught_up,
            last_error=self._last_error and self._last_error.split(":", 1)[0], state=state,
            failures=self._failures, stuck=self._stuck)


_catching_up = 0  # catch-ups running in this process
_usual_thresholds = gc.get_threshold()


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Catching up allocates tens of millions of short-lived containers (decoded events, folded
    rows), nearly none of them in reference cycles.  At the usual threshold (a young-generation
    collection every 700 allocations) the cyclic collector ran 13,000 times over a million
    events and took a third of the consumer's CPU; here it runs every 100,000."""
    global _catching_up, _usual_thresholds
    if _catching_up == 0:
        _usual_thresholds = gc.get_threshold()
        gc.set_threshold(100_000, 50, 1000)
    _catching_up += 1
    try:
        yield
    finally:
        _catching_up -= 1
        if _catching_up == 0:
            gc.set_threshold(*_usual_thresholds)


async def _nothing_to_write(conn: Connection) -> None:
    return None


def _one_by_one(apply: Apply) -> ApplyPage:
    async def apply_page(events: list[RecordedEvent], conn: Connection) -> None:
        for event in events:
            await apply(event, conn)

    return apply_page


def _storable(event: RecordedEvent) -> RecordedEvent:
    """The event with U+FFFD in place of every NUL in its data and metadata: what a projection
    stores, on either engine.  The event at the source keeps its NUL (its hash covers it);
    only what follows it here loses it."""
    return msgspec.structs.replace(event, data=_without_nul(event.data),
                                   metadata=_without_nul(event.metadata))


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(_NUL, _REPLACEMENT)
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


def _next_cursor(response: httpx.Response) -> FeedCursor | None:
    """The cursor of the next page from the page's ``Link`` header, if it names one."""
    if response.is_error:
        return None
    url = response.links.get("next", {}).get("url")
    after = httpx.URL(url).params.get("after") if url else None
    try:
        return FeedCursor.parse(after) if after else None
    except ValueError:
        return None


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)
