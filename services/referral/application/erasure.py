"""Erasing a person (PIPL art. 47, DOMAIN.md Privacy): destroy their data keys, record the
erasure on the person's stream, and rewrite the stored answers about their cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from jingkang.common.domain.actor import Actor
from jingkang.common.idempotency import Answer, principal_key
from jingkang.common.requests import RequestMeta
from jingkang_events import Database, EventStore, Metadata, NewEvent

from ..adapters.answers import CaseAnswers
from ..adapters.case_repository import CaseRepository
from ..adapters.protection import DataKeys
from ..domain.errors import AlreadyErased, OpenCase
from ..domain.events import PersonErased
from .errors import CaseNotFound

PERSON_STREAM = "person"


def person_stream(patient_id: str) -> str:
    return f"person-{patient_id}"


class PersonErasure:
    def __init__(self, db: Database, store: EventStore, keys: DataKeys,
                 answers: CaseAnswers, clock: Callable[[], datetime]) -> None:
        self.db, self.store, self.keys, self.clock = db, store, keys, clock
        self.answers = answers

    async def erase(self, patient_id: str, reason: str, actor: Actor,
                    meta: RequestMeta) -> str:
        """The erasure record as JSON (a retry with the same Idempotency-Key gets it again)."""
        principal = principal_key(actor)
        if (replayed := await self.answers.store.replay(principal, meta)) is not None:
            return replayed.body
        now = self.clock()
        async with self.db.transaction() as conn:
            # Taken before the checks: a new case of the person is either committed before
            # (and refuses the erasure as open) or opened after, under a fresh data key.  The
            # rows are locked too, so a command in flight on one of the cases ends first.
            await CaseRepository.lock_person(conn, patient_id)
            cases = await conn.fetch(
                "SELECT case_id, state FROM cases WHERE person_key = $1 ORDER BY created_at"
                + (" FOR UPDATE" if conn.dialect == "postgresql" else ""), patient_id)
            if not cases:
                raise CaseNotFound(f"no person {patient_id}")
            open_ones = [c[0] for c in cases if c[1] not in ("closed", "rejected")]
            if open_ones:
                raise OpenCase("close the person's case before erasing them",
                               field="patient_id", case_id=open_ones[0])
            destroyed = await self.keys.erase(conn, patient_id, now, reason)
            if not destroyed:
                raise AlreadyErased(f"person {patient_id} is erased already", field="patient_id")
            case_ids = [c[0] for c in cases]
            event = PersonErased(patient_id=patient_id, case_ids=case_ids,
                                 keys_destroyed=len(destroyed), reason=reason, erased_at=now)
            stream = await self.store.read_stream(person_stream(patient_id), conn=conn)
            await self.store.append(
                person_stream(patient_id), PERSON_STREAM, len(stream),
                [NewEvent(event.type, event.model_dump(mode="json"), event.SCHEMA_VERSION,
                          Metadata(actor_id=actor.sub, role=actor.role, org_id=actor.org_id,
                                   request_id=meta.request_id,
                                   correlation_id=meta.correlation_id))],
                conn=conn, recorded_at=now)
            # Their sealed answers are unreadable now; keep them, with the person erased and
            # no ciphertext, so a retry still gets its answer and never acts a second time.
            await self.answers.forget(conn, case_ids)
            body = json.dumps(event.model_dump(mode="json"), ensure_ascii=False,
                              separators=(",", ":"))
            await self.answers.store.remember(conn, principal, meta, Answer(200, body, 0), now)
        return body
