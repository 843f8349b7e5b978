"""A FastAPI router that serves a store as the event feed of API.md."""

# No `from __future__ import annotations`: FastAPI must see the Query limits, which are
# closures of feed_router, as real objects.

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ._errors import InvalidCursorError
from ._model import FeedCursor, FeedEntry, FeedPage
from ._store import EventStore


# The OpenAPI shape of ``RecordedEvent.to_json``; pinned equal to the consumer's msgspec decoder
# ``_WireEvent`` by tests/events/test_wire_model.py (a docstring here would leak into openapi/*.json).
class FeedEventOut(BaseModel):
    cursor: str = Field(description="此事件在事件流中的游标 the event's feed cursor (opaque)")
    position: int = Field(description="全局位置 global position")
    event_id: str = Field(description="事件标识 event id (UUID)")
    stream_id: str = Field(description="事件流标识 stream id (a case or an institution)")
    stream_type: str = Field(description="事件流类型 stream type")
    version: int = Field(description="流内版本 version within the stream, from 1")
    type: str = Field(description="事件类型 event type, past tense")
    schema_version: int = Field(description="数据结构版本 schema version of data")
    data: dict[str, Any] = Field(description="事件数据 event data")
    metadata: dict[str, Any] = Field(
        description="元数据 actor id, role, org, request, correlation and causation ids")
    recorded_at: str = Field(description="记录时间 recorded time, RFC 3339")
    prev_hash: str = Field(description="前一事件哈希 hash of the previous event in the stream")
    hash: str = Field(description="本事件哈希 this event's chain hash (SHA-256, hex)")


class FeedHeadOut(BaseModel):
    cursor: str = Field(description="最新可读事件的游标 cursor of the newest servable event")
    position: int = Field(description="其全局位置 its global position")
    recorded_at: str = Field(description="其记录时间 its recorded time")


class FeedPageOut(BaseModel):
    events: list[FeedEventOut] = Field(description="事件 events in feed order")
    next: str = Field(description="下次请求的游标 cursor to pass as `after` next time")
    head: FeedHeadOut | None = Field(description="事件流最新位置 newest servable event, if any")
    remaining: int = Field(description="游标之后尚余事件数 events after `next` (capped count)")


# Reshapes a page of events for the caller in place (for example: reveals or withholds
# personal data by the caller's role, with FeedEntry.set_data); it may read the database, so it
# is awaited.
PageView = Callable[[Request, list[FeedEntry]], Awaitable[None]]


def page_body(page: FeedPage[FeedEntry]) -> bytes:
    """The page's JSON text (FeedPageOut, UTF-8): the events' texts spliced in as they are."""
    head = page.head
    head_json = "null" if head is None else json.dumps(
        {"cursor": str(head.cursor), "position": head.position,
         "recorded_at": head.recorded_at.isoformat()}, separators=(",", ":"))
    events = b",".join([entry.json() for entry in page.events])
    end = f'],"next":"{page.next}","head":{head_json},"remaining":{page.remaining}}}'
    return b'{"events":[' + events + end.encode()


def feed_router(get_store: Callable[..., EventStore], *, dependencies: Sequence[Any] = (),
                max_limit: int = 2000, max_wait: float = 30.0,
                view: PageView | None = None, tags: Sequence[str] = ("feed",)) -> APIRouter:
    """``GET /v1/events?after=&limit=&wait=`` over the store that ``get_store`` provides.

    ``dependencies`` carry the service's authentication; ``view`` may reshape each page
    (for example to reveal personal data only to the roles allowed to read it).
    """
    router = APIRouter(tags=list(tags), dependencies=list(dependencies))

    @router.get("/v1/events", response_model=FeedPageOut, operation_id="read_event_feed",
                summary="事件流 The global event feed", responses={200: {"headers": {"Link": {
                    "description": "下一页 the next page's address (RFC 8288, rel=\"next\"): "
                                   "a consumer catching up can ask for it before reading "
                                   "this page's body",
                    "schema": {"type": "string"}}}}})
    async def read_event_feed(
        request: Request,
        store: Annotated[EventStore, Depends(get_store)],
        after: Annotated[str | None, Query(
            description="上次返回的 `next` 游标 the `next` cursor of the previous page; "
                        "omit to start from the beginning (two numbers below 2^63, `t:p`)",
            max_length=60)] = None,
        limit: Annotated[int, Query(ge=1, le=max_limit, description="每页事件数 page size")] = 100,
        wait: Annotated[float, Query(
            ge=0, le=max_wait,
            description="长轮询秒数 seconds to hold the call when no newer event exists")] = 0,
    ) -> Response:
        """事件流：按永不改变的全序返回游标之后的事件 (docs/event-store.md, The feed).

        A consumer that keeps `next` and calls again receives every event exactly once, even
        while many writers commit concurrently.
        """
        try:
            cursor = FeedCursor.parse(after)
        except InvalidCursorError as exc:
            raise RequestValidationError([{
                "loc": ("query", "after"), "msg": str(exc), "type": "value_error",
                "input": after}]) from exc
        page = await store.wait_for_feed(cursor, limit, wait, served=True)
        if view is not None and page.events:
            await view(request, list(page.events))
        link = f'<{request.url.path}?after={page.next}&limit={limit}>; rel="next"'
        return Response(page_body(page), media_type="application/json",
                        headers={"Link": link})

    return router
