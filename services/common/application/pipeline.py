"""The steps every command takes in both services, written once.

A command is answered from its Idempotency-Key's stored answer when there is one; otherwise
one attempt runs in a transaction (load the aggregate under its lock, check If-Match, decide,
store the events, the projected rows and the answer together).  An attempt that meets a newer
version it did not lock against, the same Idempotency-Key committed concurrently, or a reason
of the service's own (``retry_on``) is decided again on the new state after a short random
pause, until ``RETRY_SECONDS`` have passed; with If-Match a newer version is the caller's
412 instead, since the caller asked for exactly the version it read.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang_events import ConcurrencyError, Metadata, UniqueViolation

T = TypeVar("T")

# Commands on one aggregate queue on its lock, so an append rarely meets a newer version.
RETRY_SECONDS = 5.0
_FIRST_PAUSE, _LONGEST_PAUSE = 0.005, 0.2


@dataclass(frozen=True)
class Refusals:
    """The service's own errors for the two outcomes every command may end in."""

    changed: Callable[[], Exception]  # the aggregate moved past the caller's If-Match
    busy: Callable[[], Exception]  # it kept changing for RETRY_SECONDS


async def run_command(attempt: Callable[[], Awaitable[T]], *,
                      replayed: Callable[[], Awaitable[T | None]], meta: RequestMeta,
                      refusals: Refusals,
                      retry_on: tuple[type[Exception], ...] = ()) -> T:
    """``attempt()`` until it stores its answer, or the stored answer of an earlier try."""
    give_up, pause = time.monotonic() + RETRY_SECONDS, _FIRST_PAUSE
    while True:
        if (answer := await replayed()) is not None:
            return answer
        try:
            return await attempt()
        except ConcurrencyError:
            if meta.if_match is not None:
                raise refusals.changed() from None
        except UniqueViolation:  # the same Idempotency-Key committed concurrently
            pass
        except retry_on:
            pass
        if time.monotonic() >= give_up:
            raise refusals.busy()
        await asyncio.sleep(random.uniform(pause / 2, pause))
        pause = min(pause * 2, _LONGEST_PAUSE)


def matches_if_match(meta: RequestMeta, version: int) -> bool:
    """Whether the request may act on the aggregate at ``version`` (no If-Match: always)."""
    return meta.if_match is None or meta.if_match == version


def command_metadata(actor: Actor, meta: RequestMeta) -> Metadata:
    """Who asked and which request: stored with every event the command appends."""
    return Metadata(actor_id=actor.sub, role=actor.role, org_id=actor.org_id,
                    request_id=meta.request_id, correlation_id=meta.correlation_id)
