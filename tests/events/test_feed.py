"""The global feed: total order, pagination, long-poll, and consumers following it over HTTP."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from jingkang_events import (
    CursorMovedError, EventStore, FeedConsumer, FeedCursor, NewEvent, connect,
)

from jingkang_events import _feed_serving

from .support import (
    apply_counting, applied_ids, create_projection_tables, serve_feed, servable,
)


def _failing_once(page: int):  # noqa: ANN202 - returns the consumer's ApplyPage
    """The counting projection, whose ``page``-th page fails once after its rows are written."""
    left = [page]

    async def apply_page(events, conn) -> None:  # noqa: ANN001 - the consumer's signature
        for event in events:
            await apply_counting(event, conn)
        left[0] -= 1
        if left[0] == 0:
            raise RuntimeError(f"page {page} failed")

    return apply_page


async def _append_many(store: EventStore, streams: int, per_stream: int) -> list[str]:
    ids = []
    for s in range(streams):
        result = await store.append(f"case-{s}", "case", 0, [
            NewEvent("ThingHappened", {"n": n}) for n in range(per_stream)])
        ids += [str(e.event_id) for e in result.events]
    return ids


async def test_pages_follow_one_order_and_end_with_the_head(store: EventStore) -> None:
    ids = await _append_many(store, streams=5, per_stream=7)
    seen, cursor = [], FeedCursor()
    while True:
        page = await store.read_feed(cursor, limit=4)
        if not page.events:
            break
        assert page.remaining == max(0, len(ids) - len(seen) - len(page.events)) or len(page.events) < 4
        seen += [str(e.event_id) for e in page.events]
        cursor = page.next
    assert seen == ids
    assert page.head is not None and page.head.position == max(
        e.position for e in await store.read_stream("case-4"))
    again = [str(e.event_id) for e in (await store.read_feed(FeedCursor(), limit=500)).events]
    assert again == ids  # the order never changes once served


async def test_long_poll_returns_when_an_event_is_appended(store: EventStore) -> None:
    waiting = asyncio.create_task(store.wait_for_feed(FeedCursor(), 10, wait=20))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    await store.append("case-1", "case", 0, [NewEvent("ThingHappened", {"n": 1})])
    page = await asyncio.wait_for(waiting, timeout=10)
    assert [e.version for e in page.events] == [1]


async def _read_ahead(store: EventStore) -> None:
    """Let the pages being read ahead finish reading."""
    await asyncio.gather(*(task for _, task in store.serving._ahead.values()))


async def test_the_page_after_a_full_one_is_read_ahead_and_served_while_fresh(
        store: EventStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page read ahead is the page a fresh read gives (what arrived meanwhile sorts after
    it), with the head as it was when read; one older than READ_AHEAD_SECONDS is read again."""
    await _append_many(store, streams=3, per_stream=4)
    await servable(store, 12)
    first = await store.read_served_feed(FeedCursor(), 5)
    assert len(first.events) == 5 and (first.next, 5) in store.serving._ahead
    await _read_ahead(store)
    await store.append("late", "case", 0, [NewEvent("ThingHappened", {"n": 99})])
    await servable(store, 13)

    fresh = await store.read_feed(first.next, 5)
    ahead = await store.read_served_feed(first.next, 5)
    assert (first.next, 5) not in store.serving._ahead  # taken
    assert [json.loads(e.json()) for e in ahead.events] == [e.to_json() for e in fresh.events]
    assert ahead.head == first.head != fresh.head  # as it was read, before "late"

    await _read_ahead(store)  # the third page: the last two events and "late"
    await store.append("later", "case", 0, [NewEvent("ThingHappened", {"n": 100})])
    await servable(store, 14)
    monkeypatch.setattr(_feed_serving, "READ_AHEAD_SECONDS", 0.0)
    third = await store.read_served_feed(ahead.next, 5)  # read ahead, now too old
    assert [e.stream_id for e in third.events][-2:] == ["late", "later"]
    assert third.head == (await store.read_feed(ahead.next, 5)).head


async def test_http_feed_refuses_a_malformed_cursor_and_bad_limits(store: EventStore) -> None:
    async with serve_feed(store) as base, httpx.AsyncClient(base_url=base) as http:
        # "²" and "٣" are digits to str.isdigit() but not to int()
        for params in ({"after": "nonsense"}, {"after": "²:1"}, {"after": "1:٣"}, {"limit": 0},
                       {"limit": 2001}, {"wait": -1}, {"wait": 31}):
            response = await http.get("/v1/events", params=params)
            assert response.status_code == 422, params
        assert (await http.get("/v1/events")).json()["events"] == []


async def test_each_page_names_the_next_in_its_link_header(store: EventStore) -> None:
    """``Link: rel="next"`` carries the page's ``next`` cursor and its limit, so a consumer
    can ask for the next page before it has read this one."""
    await _append_many(store, streams=2, per_stream=3)
    async with serve_feed(store) as base, httpx.AsyncClient(base_url=base) as http:
        after = None
        for _ in range(4):
            response = await http.get("/v1/events", params={"limit": 4} | (
                {"after": after} if after else {}))
            page = response.json()
            link = httpx.URL(response.links["next"]["url"])
            assert link.path == "/v1/events"
            assert dict(link.params) == {"after": page["next"], "limit": "4"}
            after = page["next"]
        assert page["events"] == [] and link.params["after"] == after


async def test_consumer_without_link_headers_reads_next_from_the_body(store: EventStore,
                                                                    tmp_path) -> None:
    """A feed that sends no ``Link`` header (an older service) is followed from the body's
    ``next``."""
    ids = await _append_many(store, streams=3, per_stream=5)
    local = await connect(f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}")
    from jingkang.common.adapters.migrations import upgrade_to_head_async

    await upgrade_to_head_async("registry", f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}")
    await create_projection_tables(local)

    async def drop_link(response: httpx.Response) -> None:
        response.headers.pop("link", None)

    http = httpx.AsyncClient(event_hooks={"response": [drop_link]})
    async with serve_feed(store) as base:
        consumer = FeedConsumer("test", base, local, apply_counting, batch_size=4, http=http)
        assert await consumer.catch_up() == len(ids)
        await consumer.stop()
    await http.aclose()
    assert sorted(await applied_ids(local)) == sorted(ids)
    await local.close()


async def test_consumer_applies_each_event_once_across_pages(store: EventStore, tmp_path) -> None:
    ids = await _append_many(store, streams=6, per_stream=9)
    local = await connect(f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}")
    from jingkang.common.adapters.migrations import upgrade_to_head_async

    await upgrade_to_head_async("registry", f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}")
    await create_projection_tables(local)
    async with serve_feed(store) as base:
        consumer = FeedConsumer("test", base, local, apply_counting, batch_size=5)
        assert await consumer.catch_up() == len(ids)
        assert await consumer.catch_up() == 0
        status = consumer.status()
        await consumer.stop()
    assert sorted(await applied_ids(local)) == sorted(ids)
    assert (status.lag_events, status.caught_up, status.last_error) == (0, True, None)
    await local.close()


async def test_one_active_instance_per_consumer_name_on_postgres(pg_url, tmp_path) -> None:
    from ..conftest import sample_types
    from .support import consumer_database

    source_db = await connect(pg_url)
    source = EventStore(source_db, sample_types())
    await _append_many(source, streams=2, per_stream=3)
    async with consumer_database("postgresql", tmp_path) as (_, local), serve_feed(source) as base:
        first = FeedConsumer("archive", base, local, apply_counting)
        second = FeedConsumer("archive", base, local, apply_counting)
        assert await first.step(0) == 6
        with pytest.raises(CursorMovedError, match="another instance"):
            await second.step(0)
        assert (first.status().active, second.status().active) == (True, False)
        await first.stop()  # releases the lock: the stand-by takes over where the first stopped
        assert await second.step(0) == 0
        assert second.status().active
        await second.stop()
        assert len(await applied_ids(local)) == 6
    await source_db.close()


async def test_a_failed_page_resets_a_projection_that_keeps_state(store: EventStore,
                                                                  tmp_path) -> None:
    """A projection that keeps folded state between pages (``on_reset``) is told to drop it
    when a page's transaction fails and when the cursor is read; the retried page then
    applies on what was committed, never on what was rolled back."""
    ids = await _append_many(store, streams=3, per_stream=4)
    url = f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}"
    from jingkang.common.adapters.migrations import upgrade_to_head_async

    await upgrade_to_head_async("registry", url)
    local = await connect(url)
    await create_projection_tables(local)
    resets: list[FeedCursor] = []

    async with serve_feed(store) as base:
        consumer = FeedConsumer("test", base, local, apply_page=_failing_once(3),
                                on_reset=lambda: resets.append(consumer.cursor), batch_size=4)
        with pytest.raises(RuntimeError):
            await consumer.catch_up(commit_every=4)  # a transaction per page
        assert len(resets) == 2  # the cursor read, then the failed page
        assert await consumer.catch_up() == len(ids) - 8
        await consumer.stop()
    assert sorted(await applied_ids(local)) == sorted(ids)
    await local.close()


async def test_catch_up_commits_many_pages_together(store: EventStore, tmp_path) -> None:
    """Catching up, whole pages share a transaction up to ``commit_every`` events, and the
    projection's ``before_commit`` runs once per transaction; a failure in the third page rolls
    back the two before it with it, and the retry applies every event exactly once."""
    ids = await _append_many(store, streams=3, per_stream=10)  # 30 events: pages of 4
    url = f"sqlite+aiosqlite:///{tmp_path / 'consumer.db'}"
    from jingkang.common.adapters.migrations import upgrade_to_head_async

    await upgrade_to_head_async("registry", url)
    local = await connect(url)
    await create_projection_tables(local)
    commits: list[int] = []

    async def before_commit(conn) -> None:  # noqa: ANN001 - the consumer's signature
        commits.append(await conn.fetchval("SELECT count(*) FROM applied"))

    async with serve_feed(store) as base:
        consumer = FeedConsumer("test", base, local, apply_page=_failing_once(3),
                                before_commit=before_commit, batch_size=4)
        with pytest.raises(RuntimeError):
            await consumer.catch_up(commit_every=12)
        assert await applied_ids(local) == [] and commits == []
        assert consumer.cursor == FeedCursor()
        assert await consumer.catch_up(commit_every=12) == len(ids)
        await consumer.stop()
    # Transactions of three pages (12 events), then the last six events.
    assert commits == [12, 24, 30]
    assert sorted(await applied_ids(local)) == sorted(ids)
    await local.close()
