"""A consumer process for the exactly-once test: follows a feed into a local database.

Run as: python consumer_process.py FEED_URL LOCAL_DATABASE_URL
"""

from __future__ import annotations

import asyncio
import sys

from jingkang_events import Connection, FeedConsumer, RecordedEvent, connect

from tests.events.support import apply_counting


async def slow_apply(event: RecordedEvent, conn: Connection) -> None:
    await apply_counting(event, conn)
    await asyncio.sleep(0.001)  # widen the window in which a kill lands mid-page


async def main(feed_url: str, local_url: str) -> None:
    local = await connect(local_url)
    consumer = FeedConsumer("killable", feed_url, local, slow_apply, batch_size=25,
                            wait_seconds=0.5)
    await consumer.run()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
