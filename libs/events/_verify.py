"""Checking a stream: its hash chain recomputed from the stored bytes and, with the ledger
key, each event's seal and that no sealed event is missing; the first bad event named."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import _sql as sql
from ._chain import GENESIS_HASH
from ._db import Database
from ._ledger_key import LedgerKey
from ._model import VerifyResult
from ._rows import as_uuid, recompute_hash


async def verify_stream(db: Database, stream_id: str, key: LedgerKey | None) -> VerifyResult:
    async with db.connection() as c:
        rows = await c.fetch(sql.STREAM, stream_id)
    previous = GENESIS_HASH
    for expected_version, row in enumerate(rows, start=1):
        reason = _chain_fault(row, expected_version, previous)
        if reason:
            return VerifyResult(stream_id, False, expected_version, row["position"],
                                str(as_uuid(row["event_id"])), row["version"], reason)
        previous = row["hash"]
    if key is None:
        return VerifyResult(stream_id, True, len(rows))
    return await _verify_seals(db, stream_id, rows, key)


async def _verify_seals(db: Database, stream_id: str, rows: Sequence[Any],
                        key: LedgerKey) -> VerifyResult:
    from ._audit import seal_fault  # the audit module builds on the store's rows
    from ._ledger import Leaf

    async with db.connection() as c:
        leaves = [Leaf(r["position"], r["tx_id"], r["stream_id"], r["version"], r["hash"],
                       r["seal"], r["key_id"], r["sealed_tx_id"])
                  for r in await c.fetch(sql.SEALED_STREAM, stream_id)]
        orphans = await c.fetch(sql.STREAM_ORPHAN_SEALS, stream_id)
        first = await c.fetchrow(sql.FIRST_SEAL)
    began = None if first is None else (first["tx_id"], first["position"])
    ids = {row["position"]: str(as_uuid(row["event_id"])) for row in rows}
    faults: list[tuple[int, int | None, str | None, str]] = []
    checked = legacy = 0
    for leaf in leaves:
        if leaf.seal is None:
            if began is None or (leaf.tx_id, leaf.position) < began:
                legacy += 1
            else:
                faults.append((leaf.version, leaf.position, ids.get(leaf.position),
                               "no seal: not appended by the store (inserted directly?)"))
            continue
        checked += 1
        fault = seal_fault(leaf, key)
        if fault:
            faults.append((leaf.version, leaf.position, ids.get(leaf.position), fault))
    for orphan in orphans:
        faults.append((orphan["version"], orphan["position"], None,
                       "sealed event missing (removed, or moved from this position)"))
    if not faults:
        return VerifyResult(stream_id, True, len(rows), seals_checked=checked,
                            unsealed_legacy=legacy)
    version, position, event_id, reason = min(faults, key=lambda f: f[0])
    return VerifyResult(stream_id, False, len(rows), position, event_id, version, reason,
                        seals_checked=checked, unsealed_legacy=legacy)


def _chain_fault(row: Any, expected_version: int, previous: str) -> str | None:
    if row["version"] != expected_version:
        return f"version {row['version']} where {expected_version} was expected"
    if row["prev_hash"] != previous:
        return "prev_hash does not match the previous event's hash"
    if recompute_hash(row, previous) != row["hash"]:
        return "content does not match its hash"
    return None
