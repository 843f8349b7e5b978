"""The consumer's side of the feed's wire: a page asked for over HTTP, and its JSON decoded
into events — the next page asked for as soon as a page's headers name it, so the source
prepares it while this one is read and decoded."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import httpx
import msgspec
import msgspec.structs

from ._model import FeedCursor, RecordedEvent

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


class WirePage(msgspec.Struct):
    """A feed page (API.md, The event feed); fields the consumer does not read are skipped."""

    events: list[_WireEvent]
    next: str
    head: _WireHead | None = None
    remaining: int = 0


# Decoding straight into typed structs (ids, times and numbers checked and converted while
# parsing) costs half of parsing to dicts and building the events from them: a page is
# mostly JSON to decode, and catching up decodes a million events.
_PAGE = msgspec.json.Decoder(WirePage)

Fetched = tuple[WirePage, list[RecordedEvent]]  # a page as served, and its events

# JSON strings may hold NUL (``\\u0000``); a PostgreSQL text column cannot.  A page's body is
# searched for the escape (JSON has no other way to spell NUL), so pages without one cost
# nothing more; the search also matches an escaped backslash before ``u0000``, which only
# costs a look at that page's strings.
_NUL_ESCAPE = b"\\u0000"
_NUL, _REPLACEMENT = "\x00", "\ufffd"


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


def next_cursor(response: httpx.Response) -> FeedCursor | None:
    """The cursor of the next page from the page's ``Link`` header, if it names one."""
    if response.is_error:
        return None
    url = response.links.get("next", {}).get("url")
    after = httpx.URL(url).params.get("after") if url else None
    try:
        return FeedCursor.parse(after) if after else None
    except ValueError:
        return None




class FeedClient:
    """Pages of one source's feed (``GET /v1/events``), with the service's token."""

    def __init__(self, source_url: str, *, token: TokenSource | None, batch_size: int,
                 wait_seconds: float, http: httpx.AsyncClient | None = None) -> None:
        self.source_url = source_url.rstrip("/")
        self.batch_size = batch_size
        self._token = token
        self._http = http or httpx.AsyncClient(timeout=wait_seconds + 30)
        self._own_http = http is None

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    async def fetch(self, after: FeedCursor, wait: float) -> Fetched:
        response = await self.open(after, wait)
        try:
            return await self.body(response)
        finally:
            await response.aclose()

    async def open(self, after: FeedCursor, wait: float = 0) -> httpx.Response:
        """Ask for the page after ``after``; returns once its headers are in."""
        headers = {"Authorization": f"Bearer {self._token()}"} if self._token else {}
        # Each call its own id, which the source logs with its answer: a slow or failed page
        # can be found in both services' logs.
        headers["X-Request-ID"] = f"feed-{uuid.uuid4().hex}"
        params: dict[str, Any] = {"limit": self.batch_size, "wait": wait}
        if after.position or after.tx_id:
            params["after"] = str(after)
        request = self._http.build_request("GET", f"{self.source_url}/v1/events",
                                           params=params, headers=headers)
        return await self._http.send(request, stream=True)

    async def body(self, response: httpx.Response) -> Fetched:
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

    @contextlib.asynccontextmanager
    async def pages(self, after: FeedCursor, ahead: int) -> AsyncIterator[AsyncIterator[Fetched]]:
        """The pages from ``after`` to the feed's end (the empty page last), up to ``ahead``
        of them fetched in advance while the caller applies the ones before."""
        fetched: asyncio.Queue[Fetched | Exception] = asyncio.Queue(maxsize=ahead)
        fetcher = asyncio.create_task(self.fetch_ahead(after, fetched))

        async def pages() -> AsyncIterator[Fetched]:
            while True:
                page = await fetched.get()
                if isinstance(page, Exception):
                    raise page
                yield page
                if not page[1]:
                    return

        try:
            yield pages()
        finally:
            fetcher.cancel()
            with contextlib.suppress(BaseException):
                await fetcher

    async def fetch_ahead(self, after: FeedCursor,
                          pages: asyncio.Queue[Fetched | Exception]) -> None:
        """Fetch and decode pages one after another from ``after`` until an empty one; a
        failure is handed over in place of a page.  The next page is asked for as soon as a
        page's headers name it (``Link: rel="next"``), so the source prepares it while this
        page's body is read and decoded; decoding here, pages are decoded while the local
        database writes."""
        opening = asyncio.create_task(self.open(after))
        try:
            while True:
                response = await opening
                following = next_cursor(response)
                asked = following is not None and following != after
                try:
                    if asked:
                        opening = asyncio.create_task(self.open(following))
                    page, events = await self.body(response)
                finally:
                    await response.aclose()
                await pages.put((page, events))
                if not events:
                    return
                after = following if asked else FeedCursor.parse(page.next)
                if not asked:
                    opening = asyncio.create_task(self.open(after))
        except Exception as exc:
            await pages.put(exc)
        finally:
            opening.cancel()
            with contextlib.suppress(BaseException):
                response = await opening
                await response.aclose()
