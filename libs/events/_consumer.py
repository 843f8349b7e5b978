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
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import msgspec.structs

from ._consumer_cursor import advance_cursor, load_cursor
from ._consumer_status import ConsumerStatus, CursorMovedError, Progress, StartupGrace
from ._db import Connection, Database, SessionLock
from ._feed_client import FeedClient, Fetched, TokenSource, WirePage
from ._gc_tuning import fewer_collections
from ._model import FeedCursor, RecordedEvent

log = logging.getLogger(__name__)

Apply = Callable[[RecordedEvent, Connection], Awaitable[None]]
ApplyPage = Callable[[list[RecordedEvent], Connection], Awaitable[None]]


class FeedConsumer:
    def __init__(self, name: str, source_url: str, db: Database, apply: Apply | None = None, *,
                 apply_page: ApplyPage | None = None, on_reset: Callable[[], None] | None = None,
                 before_commit: Callable[[Connection], Awaitable[None]] | None = None,
                 before_rollback: Callable[[Connection], Awaitable[None]] | None = None,
                 token: TokenSource | None = None, batch_size: int = 500,
                 wait_seconds: float = 10.0, retry_seconds: float = 1.0,
                 http: httpx.AsyncClient | None = None,
                 startup_grace_seconds: float = 30.0) -> None:
        self.name, self.db = name, db
        self.client = FeedClient(source_url, token=token, batch_size=batch_size,
                                 wait_seconds=wait_seconds, http=http)
        if (apply is None) == (apply_page is None):
            raise ValueError("give either apply (one event at a time) or apply_page")
        self._project = apply_page or _one_by_one(apply)  # type: ignore[arg-type]
        # State a projection keeps between pages is dropped on a failed page or a cursor reread.
        self._on_reset = on_reset or (lambda: None)
        # Called once per transaction, after its last page: a projection that writes some rows
        # once per transaction rather than once per page writes them here.
        self._before_commit = before_commit or _nothing_to_write
        self._before_rollback = before_rollback or _nothing_to_write
        self.wait_seconds, self.retry_seconds = wait_seconds, retry_seconds
        self._grace = StartupGrace(startup_grace_seconds)
        self._task: asyncio.Task[None] | None = None
        self._lock: SessionLock | None = None
        self.cursor, self.progress, self._cursor_loaded = FeedCursor(), Progress(), False

    @property
    def source_url(self) -> str:
        return self.client.source_url

    # --- running ----------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name=f"consumer-{self.name}")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._lock is not None:
            await self._lock.release()
        await self.client.aclose()

    async def run(self) -> None:
        """Follow the feed until cancelled; errors are reported in ``status`` and retried."""
        delay = self.retry_seconds
        while True:
            try:
                if not await self._elected():
                    await asyncio.sleep(self.retry_seconds * 5)
                    continue
                await self.step(self.wait_seconds)
                self._grace.reached = True
                delay = self.retry_seconds
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.progress.failed(exc)
                _log_failure(self.name, self.progress, delay, quiet=self._grace.quiet(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def catch_up(self, *, ahead: int = 32, commit_every: int = 1_000_000) -> int:
        """Apply pages until the feed has nothing newer; returns how many events were applied.

        A fetcher keeps up to ``ahead`` pages read in advance, so the source serves the next
        pages while this process folds and the local database writes: a rebuild keeps all
        three busy instead of taking turns.  Whole pages are applied together in one
        transaction until it holds ``commit_every`` events: a projection that writes a row
        per entity at commit (``before_commit``) then writes it once for many of its events."""
        await self._ready()
        applied = 0
        async with self.client.pages(self.cursor, ahead) as feed:
            with fewer_collections():
                while (committed := await self._apply_pages(feed, commit_every)) > 0:
                    applied += committed
        return applied

    async def _ready(self) -> None:
        """Elected, with the cursor read: or ``CursorMovedError``."""
        if not await self._elected():
            raise CursorMovedError(f"consumer {self.name}: another instance holds its lock")
        if not self._cursor_loaded:
            self._on_reset()
            self.cursor, self.progress.source_recorded_at = await load_cursor(self.db,
                                                                              self.name)
            self._cursor_loaded = True

    async def step(self, wait: float) -> int:
        """Fetch one page (holding up to ``wait`` seconds) and apply it; returns its size."""
        await self._ready()
        page, events = await self.client.fetch(self.cursor,
                                               0 if self.progress.stuck else wait)
        if events:
            await self._apply_in_halves(page, events)
        else:
            self._note_head(page, events)
        self.progress.succeeded()
        return len(events)

    async def _apply_in_halves(self, page: WirePage, events: list[RecordedEvent]) -> None:
        """Apply a page in one transaction; if it fails, apply it in halves (each its own
        transaction, in order) down to single events, so an event that cannot be applied is
        found alone, named (``stuck``) and its error raised, with every event before it
        applied.  The stuck event is tried alone first."""
        stuck = self.progress.stuck
        size = 1 if stuck and stuck.position == events[0].position else len(events)
        while events:
            chunk = events[:size]
            # The page as far as this chunk: what is left of it counts in the lag.
            served = msgspec.structs.replace(page, remaining=page.remaining
                                             + len(events) - len(chunk))

            async def one_page(served: WirePage = served,
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
                event = chunk[0]
                self.progress.note_stuck(str(event.cursor), event.position, event.stream_id,
                                         event.stream_type, event.type, exc)
                # Every event from the stuck one on is still to apply.
                self._note_head(msgspec.structs.replace(
                    page, remaining=page.remaining + len(events)), events)
                raise
            events = events[len(chunk):]
            stuck = self.progress.stuck
            if stuck is not None and self.cursor.position >= stuck.position:
                log.warning("consumer %s applied the event at %s after %d failed attempts",
                            self.name, stuck.cursor, stuck.attempts)
                self.progress.stuck = None

    # --- internals --------------------------------------------------------------------

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
                        if not await advance_cursor(conn, self.name, first, last):
                            self._cursor_loaded = False
                            raise CursorMovedError(
                                f"consumer {self.name}: cursor moved by another instance")
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
            self.progress.source_recorded_at = last.recorded_at
        if seen is not None:
            self._note_head(*seen)
        return applied

    def _note_head(self, page: WirePage, events: list[RecordedEvent]) -> None:
        head = page.head
        self.progress.note_head(head.position if head else None,
                                head.recorded_at if head else None, page.remaining)

    async def _elected(self) -> bool:
        """One instance per consumer name runs: the one holding its session lock."""
        if self._lock is not None and self._lock.held:
            return True
        self._lock = await self.db.session_lock(f"jingkang-consumer:{self.name}")
        self.progress.active = self._lock is not None
        return self.progress.active

    def status(self) -> ConsumerStatus:
        return self.progress.status(self.name, self.source_url, self.cursor)


async def _nothing_to_write(conn: Connection) -> None:
    return None


def _one_by_one(apply: Apply) -> ApplyPage:
    async def apply_page(events: list[RecordedEvent], conn: Connection) -> None:
        for event in events:
            await apply(event, conn)

    return apply_page


def _log_failure(name: str, progress: Progress, delay: float, *, quiet: bool = False) -> None:
    stuck = progress.stuck
    if stuck is not None:
        log.error("consumer %s cannot apply the event at %s (position %d, %s %s, %s): "
                  "%s; attempt %d, retrying in %.1fs", name, stuck.cursor, stuck.position,
                  stuck.stream_type, stuck.stream_id, stuck.type, progress.last_error,
                  stuck.attempts, delay)
    else:
        log.log(logging.DEBUG if quiet else logging.WARNING,
                "consumer %s: %s; retrying in %.1fs", name, progress.last_error, delay)
