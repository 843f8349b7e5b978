"""Answers kept for Idempotency-Key retries of case commands, sealed like the case's snapshot.

An answer shows the case as its caller saw it, the person in full for the roles that read
them.  What is stored is the answer with its personal parts (``PROTECTED_ANSWER``) emptied and
the whole answer text sealed under the person's data key: a retry gets the very same text back,
and once the person is erased (the key destroyed) the answer reads with the person erased.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from jingkang.common.adapters.crypto import KeyUnavailable, open_sealed, seal
from jingkang.common.adapters.idempotency import IdempotencyStore
from jingkang.common.application.answers import Answer, StoredAnswer
from jingkang.common.application.request_meta import RequestMeta
from jingkang_events import Connection, Database

from ..domain.privacy import PROTECTED_ANSWER, erased_value
from .protection import ENVELOPE, DataKey, DataKeys, key_id_of


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _context(case_id: str, principal: str, key: str) -> str:
    """What a sealed answer is bound to: its case and its row."""
    return f"{case_id}/answer/{principal}/{key}"


def seal_answer(body: str, key: DataKey, context: str) -> str:
    """The stored form: the answer without its personal parts, and all of it sealed."""
    shown = json.loads(body)
    kept = {k: (None if k in PROTECTED_ANSWER else v) for k, v in shown.items()}
    if key.key is None:  # never store the person in clear: keep only what holds nothing
        return _json(kept)
    return _json({**kept, ENVELOPE: seal(key.key, key.key_id, context, {"body": body})})


def open_answer(stored: str, keys: dict[str, DataKey], context: str) -> str:
    """The answer as first sent; with its key gone, the answer with the person erased."""
    shown = json.loads(stored)
    envelope = shown.pop(ENVELOPE, None)
    if envelope is None:
        return stored
    key = keys.get(envelope["kid"])
    try:
        if key is None or key.key is None:
            raise KeyUnavailable(envelope["kid"])
        return open_sealed(key.key, context, envelope)["body"]
    except KeyUnavailable:
        return erased_answer(shown)


def erased_answer(shown: dict[str, Any]) -> str:
    """An answer whose person was erased: the person reads as erased, the rest is kept."""
    return _json({**shown, "person": erased_value("person")})


class CaseAnswers:
    def __init__(self, db: Database, store: IdempotencyStore, keys: DataKeys) -> None:
        self.db, self.store, self.keys = db, store, keys

    async def remember(self, conn: Connection, principal: str, meta: RequestMeta,
                       answer: Answer, key: DataKey, now: datetime) -> None:
        """In the command's transaction, under the data key its events were sealed with."""
        if meta.idempotency_key is None or answer.resource_id is None:
            return
        stored = seal_answer(answer.body, key,
                             _context(answer.resource_id, principal, meta.idempotency_key))
        await self.store.remember(conn, principal, meta, answer, now, stored_body=stored)

    async def stored(self, principal: str, meta: RequestMeta) -> StoredAnswer | None:
        """The stored answer to this key, still sealed (the caller checks scope first)."""
        return await self.store.stored(principal, meta)

    async def opened(self, principal: str, meta: RequestMeta, stored: StoredAnswer) -> str:
        """The answer's text as first sent (or with the person erased)."""
        kid = key_id_of(json.loads(stored.body))
        keys: dict[str, DataKey] = {}
        if kid is not None:
            async with self.db.connection() as conn:
                keys = await self.keys.many(conn, [kid])
        return open_answer(stored.body, keys,
                           _context(stored.resource_id or "", principal,
                                    meta.idempotency_key or ""))

    async def replay_plain(self, principal: str, meta: RequestMeta) -> Answer | None:
        """A stored answer that holds nothing personal (an erasure's record), as stored."""
        return await self.store.replay(principal, meta)

    async def remember_plain(self, conn: Connection, principal: str, meta: RequestMeta,
                             answer: Answer, now: datetime) -> None:
        await self.store.remember(conn, principal, meta, answer, now)

    async def forget(self, conn: Connection, case_ids: list[str]) -> int:
        """After an erasure: rewrite the cases' stored answers with the person erased and no
        sealed copy left; returns how many."""
        rewritten = 0
        for principal, key, stored in await self.store.about(conn, case_ids):
            shown = json.loads(stored)
            if shown.pop(ENVELOPE, None) is not None:
                await self.store.rewrite(conn, principal, key, erased_answer(shown))
                rewritten += 1
        return rewritten
