"""A person's data key: made on first use, in one statement on PostgreSQL when a case is
being opened, and the same key found again for the person's next case (both engines)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from jingkang.common.adapters.crypto import KeyWrapper
from jingkang.referral.adapters.protection import DataKeys
from jingkang_events import Database

NOW = datetime(2026, 11, 2, 2, tzinfo=UTC)


async def _rows(db: Database, patient: str) -> list[str]:
    async with db.connection() as conn:
        return [r[0] for r in await conn.fetch(
            "SELECT key_id FROM person_keys WHERE patient_id = $1", patient)]


async def test_a_key_is_made_once_and_found_again(db: Database) -> None:
    keys = DataKeys(KeyWrapper(os.urandom(32)))
    for likely_new in (True, False):
        patient = f"pk-{likely_new}"
        async with db.transaction() as conn:
            first = await keys.active(conn, patient, NOW, likely_new=likely_new)
        async with db.transaction() as conn:
            again = await keys.active(conn, patient, NOW, likely_new=True)
        async with db.transaction() as conn:
            plain = await keys.active(conn, patient, NOW)
        assert first == again == plain and first.key is not None and len(first.key) == 32
        assert await _rows(db, patient) == [first.key_id]


async def test_an_erased_persons_next_case_gets_a_new_key(db: Database) -> None:
    keys = DataKeys(KeyWrapper(os.urandom(32)))
    async with db.transaction() as conn:
        old = await keys.active(conn, "pk-erased", NOW, likely_new=True)
        assert await keys.erase(conn, "pk-erased", NOW, "申请删除") == [old.key_id]
    async with db.transaction() as conn:
        new = await keys.active(conn, "pk-erased", NOW, likely_new=True)
    assert new.key_id != old.key_id and new.key is not None
    assert sorted(await _rows(db, "pk-erased")) == sorted([old.key_id, new.key_id])
