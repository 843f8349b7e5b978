"""Sealing the personal fields of case events and state under the person's data key, and
opening them again — or reading them as erased once the key is gone.

Keys live in ``person_keys``: one row per data key, wrapped under the master key.  Erasing a
person empties the wrapped key of each of their rows; the sealed bytes in the events stay.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jingkang.common.adapters.crypto import KeyUnavailable, KeyWrapper, open_sealed, seal
from jingkang_events import Connection

from ..domain.privacy import (
    FOR_SERVICES, OPENED_FOR_SERVICES, PROTECTED_FIELDS, PROTECTED_STATE, erased_value,
)

ENVELOPE = "protected"
# How the envelope shows in stored canonical JSON: a cheap test before parsing an event.
SEALED_MARK = f'"{ENVELOPE}":'.encode()  # in a feed entry's data text (UTF-8)


@dataclass(frozen=True)
class DataKey:
    key_id: str
    key: bytes | None  # None: destroyed


_ACTIVE = ("SELECT key_id, wrapped_key FROM person_keys WHERE patient_id = $1 "
           "AND erased_at IS NULL ORDER BY created_at DESC LIMIT 1")
# The active key, or the one given stored as the person's first (PostgreSQL: one statement).
_ACTIVE_OR_NEW = (
    f"WITH found AS ({_ACTIVE}), made AS ("
    "INSERT INTO person_keys (key_id, patient_id, wrapped_key, created_at) "
    "SELECT $2, $1, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM found) "
    "RETURNING key_id, wrapped_key) "
    "SELECT key_id, wrapped_key FROM found UNION ALL SELECT key_id, wrapped_key FROM made")


class DataKeys:
    """The ``person_keys`` table, unwrapping keys with the master key."""

    def __init__(self, wrapper: KeyWrapper) -> None:
        self.wrapper = wrapper

    async def active(self, conn: Connection, patient_id: str, now: datetime, *,
                     likely_new: bool = False) -> DataKey:
        """The person's current data key, made on first use (inside the caller's transaction).

        ``likely_new`` (a case being opened): a new key is made beforehand and stored in the
        same statement that looks for one, so a new person costs one round trip, not two;
        when the person has a key already, that one is used and the new one discarded."""
        if likely_new and conn.dialect == "postgresql":
            key_id = str(uuid.uuid4())
            wrapped = self.wrapper.new_wrapped_key(key_id)
            row = await conn.fetchrow(_ACTIVE_OR_NEW, patient_id, key_id, wrapped,
                                      conn.timestamp(now))
            return DataKey(row[0], self.wrapper.unwrap(row[0], row[1]))
        row = await conn.fetchrow(_ACTIVE, patient_id)
        if row is None:
            key_id = str(uuid.uuid4())
            wrapped = self.wrapper.new_wrapped_key(key_id)
            await conn.execute(
                "INSERT INTO person_keys (key_id, patient_id, wrapped_key, created_at) "
                "VALUES ($1, $2, $3, $4)", key_id, patient_id, wrapped, conn.timestamp(now))
            row = (key_id, wrapped)
        return DataKey(row[0], self.wrapper.unwrap(row[0], row[1]))

    def unwrap(self, key_id: str | None, wrapped: str | None) -> DataKey | None:
        if key_id is None:
            return None
        try:
            return DataKey(key_id, self.wrapper.unwrap(key_id, wrapped))
        except KeyUnavailable:
            return DataKey(key_id, None)

    async def many(self, conn: Connection, key_ids: Iterable[str]) -> dict[str, DataKey]:
        wanted = sorted(set(key_ids))
        if not wanted:
            return {}
        marks = ", ".join(f"${i}" for i in range(1, len(wanted) + 1))
        rows = await conn.fetch(
            f"SELECT key_id, wrapped_key FROM person_keys WHERE key_id IN ({marks})", *wanted)
        found = {r[0]: self.unwrap(r[0], r[1]) for r in rows}
        return {k: found.get(k) or DataKey(k, None) for k in wanted}

    async def erase(self, conn: Connection, patient_id: str, now: datetime,
                    reason: str) -> list[str]:
        """Destroy every data key of the person; returns their ids."""
        rows = await conn.fetch(
            "UPDATE person_keys SET wrapped_key = NULL, erased_at = $1, erasure_reason = $2 "
            "WHERE patient_id = $3 AND erased_at IS NULL RETURNING key_id",
            conn.timestamp(now), reason, patient_id)
        return [r[0] for r in rows]


def key_id_of(data: dict[str, Any]) -> str | None:
    envelope = data.get(ENVELOPE)
    return envelope.get("kid") if isinstance(envelope, dict) else None


def _open(fields: tuple[str, ...], data: dict[str, Any], context: str,
          keys: dict[str, DataKey]) -> dict[str, Any]:
    envelope = data[ENVELOPE]
    opened = {k: v for k, v in data.items() if k != ENVELOPE}
    key = keys.get(envelope["kid"])
    try:
        if key is None or key.key is None:
            raise KeyUnavailable(envelope["kid"])
        opened.update(open_sealed(key.key, context, envelope))
    except KeyUnavailable:
        for name in fields:
            opened.setdefault(name, erased_value(name))
    return opened


def _seal(fields: tuple[str, ...], data: dict[str, Any], context: str,
          key: DataKey) -> dict[str, Any]:
    secret = {k: data[k] for k in fields if data.get(k) is not None}
    if not secret or key.key is None:
        return data
    kept = {k: v for k, v in data.items() if k not in secret}
    return {**kept, ENVELOPE: seal(key.key, key.key_id, context, secret)}


def protect_event(event_type: str, case_id: str, data: dict[str, Any],
                  key: DataKey) -> dict[str, Any]:
    return _seal(PROTECTED_FIELDS.get(event_type, ()), data, f"{case_id}/{event_type}", key)


def reveal_event(event_type: str, case_id: str, data: dict[str, Any],
                 keys: dict[str, DataKey]) -> dict[str, Any]:
    if ENVELOPE not in data:
        return data  # nothing personal in it
    return _open(PROTECTED_FIELDS.get(event_type, ()), data, f"{case_id}/{event_type}", keys)


def reveal_for_services(event_type: str, case_id: str, data: dict[str, Any],
                        keys: dict[str, DataKey]) -> dict[str, Any]:
    """The event as the feed shows it to services: the fields their projections keep, opened
    in the form they keep them (or read as erased), everything else personal still in the
    sealed envelope."""
    wanted = OPENED_FOR_SERVICES.get(event_type, ())
    if not wanted or ENVELOPE not in data:
        return data
    opened = _open(PROTECTED_FIELDS[event_type], data, f"{case_id}/{event_type}", keys)
    return {**data, **{name: FOR_SERVICES[name](opened[name]) for name in wanted
                       if name in opened}}


def protect_state(case_id: str, state: dict[str, Any], key: DataKey) -> dict[str, Any]:
    return _seal(PROTECTED_STATE, state, f"{case_id}/state", key)


def reveal_state(case_id: str, state: dict[str, Any], key: DataKey | None) -> dict[str, Any]:
    if ENVELOPE not in state:
        return state
    keys = {} if key is None else {key.key_id: key}
    opened = _open(PROTECTED_STATE, state, f"{case_id}/state", keys)
    if opened.get("relocation") == erased_value("relocation"):
        opened["relocation"] = None
    if opened.get("last_decline") == erased_value("last_decline"):
        opened["last_decline"] = None
    return opened
