"""Serving the feed: pages as the feed sends them, the page after a full one read ahead for
a reader catching up, and long polls that hold until an event arrives."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from ._db import Database
from ._model import FeedCursor, FeedEntry, FeedPage, RecordedEvent
from ._recorder import Recorder
from ._types import EventTypes
from ._wakeup import Wakeup

# A reader catching up asks for the page after a full one within moments; a page read ahead
# for it is served only this fresh (its head and remaining are as of when it was read).
READ_AHEAD_SECONDS = 2.0
READS_AHEAD = 8  # readers followed at once; the oldest read ahead is dropped beyond that


class ServedStore(Protocol):
    """What serving takes from the store (``EventStore`` is the one implementation)."""

    db: Database
    recorder: Recorder
    wakeup: Wakeup
    poll_interval: float

    async def read_feed(self, after: FeedCursor, limit: int = 100
                        ) -> FeedPage[RecordedEvent]: ...

    async def read_served_feed(self, after: FeedCursor, limit: int = 100
                               ) -> FeedPage[FeedEntry]: ...

    async def _read_feed(self, after: FeedCursor, limit: int, query: str,
                         convert: Callable[[Any, EventTypes], Any]) -> FeedPage[Any]: ...


class FeedServing:
    def __init__(self, store: ServedStore) -> None:
        self.store = store
        self.waits_ended = False
        # Served pages read ahead, by the (after, limit) that will ask for them
        self._ahead: OrderedDict[tuple[FeedCursor, int],
                                 tuple[float, asyncio.Task[FeedPage[FeedEntry]]]] = OrderedDict()

    async def read_served_feed(self, after: FeedCursor, limit: int) -> FeedPage[FeedEntry]:
        page = await self._read_ahead_page(after, limit)
        if page is None or not page.events:  # an empty one may be out of date already
            page = await self._read_served(after, limit)
        if len(page.events) == limit and not self.waits_ended:
            self._read_ahead(page.next, limit)
        return page

    async def _read_served(self, after: FeedCursor, limit: int) -> FeedPage[FeedEntry]:
        recorder = self.store.recorder
        return await self.store._read_feed(after, limit, recorder.served_feed,
                                           recorder.served_row)

    def _read_ahead(self, after: FeedCursor, limit: int) -> None:
        key = (after, limit)
        if key in self._ahead:
            return
        task = asyncio.create_task(self._read_served(after, limit))
        task.add_done_callback(_retrieved)  # a failed read ahead is read again when asked for
        self._ahead[key] = (time.monotonic(), task)
        while len(self._ahead) > READS_AHEAD:
            _, (_, dropped) = self._ahead.popitem(last=False)
            dropped.cancel()

    async def _read_ahead_page(self, after: FeedCursor,
                               limit: int) -> FeedPage[FeedEntry] | None:
        """The page read ahead for ``(after, limit)``, if there is a fresh one that was read."""
        started, task = self._ahead.pop((after, limit), (0.0, None))
        if task is None:
            return None
        if time.monotonic() - started > READ_AHEAD_SECONDS:
            task.cancel()
            return None
        try:
            return await task
        except Exception:
            return None  # read again, where a failure that lasts is raised
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # this call itself is being cancelled
            return None  # dropped: the server is stopping

    def drop_reads_ahead(self) -> None:
        for _, task in self._ahead.values():
            task.cancel()
        self._ahead.clear()

    async def wait_for_feed(self, after: FeedCursor, limit: int, wait: float, *,
                            served: bool = False) -> FeedPage[Any]:
        deadline = time.monotonic() + wait
        store = self.store
        read = store.read_served_feed if served else store.read_feed
        while True:
            seen = store.wakeup.generation
            page = await read(after, limit)
            remaining = deadline - time.monotonic()
            if page.events or remaining <= 0 or self.waits_ended:
                return page
            # Committed rows held back behind an open transaction settle within moments.
            unsettled = await store.recorder.has_unsettled(store.db)
            interval = 0.01 if unsettled else store.poll_interval
            await store.wakeup.wait(seen, min(remaining, interval))

    def end_waits(self) -> None:
        self.waits_ended = True
        self.drop_reads_ahead()
        self.store.wakeup.poke()


def _retrieved(task: asyncio.Task[Any]) -> None:
    if not task.cancelled():
        task.exception()
