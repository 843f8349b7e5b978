"""A writer process for the crash test: appends forever, printing each acknowledged event id.

Run as: python crash_writer.py DATABASE_URL WRITERS
"""

from __future__ import annotations

import asyncio
import sys

from jingkang_events import EventStore, EventTypes, NewEvent, connect


async def main(url: str, writers: int) -> None:
    types = EventTypes()
    types.register("ThingHappened")
    db = await connect(url, pool_size=writers + 2)
    store = EventStore(db, types)

    async def writer(w: int) -> None:
        version, n = 0, 0
        while True:
            size = 1 + n % 3
            result = await store.append(f"crash-{w}-{n // 50}", "case", version,
                                        [NewEvent("ThingHappened", {"n": n}) for _ in range(size)])
            # Printed only after the append returned: these are the acknowledged events.
            sys.stdout.write("".join(f"{e.event_id}\n" for e in result.events))
            sys.stdout.flush()
            n += 1
            version = 0 if n % 50 == 0 else result.version

    await asyncio.gather(*(writer(w) for w in range(writers)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
