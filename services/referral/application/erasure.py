"""Erasing a person (PIPL art. 47, DOMAIN.md Privacy): destroy their data keys, record the
erasure on the person's stream, and rewrite the stored answers about their cases."""

from __future__ import annotations

from jingkang.common.application.answers import principal_key
from jingkang.common.application.pipeline import command_metadata
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.common.domain.case_contract import ENDED_STATES

from ..domain.errors import AlreadyErased, OpenCase
from ..domain.events import PersonErased
from .errors import CaseNotFound
from .ports import (
    AnswerWriter, CaseAnswers, CaseStore, Clock, Outcome, PersonKeyring, PersonStreams, Result,
    UnitOfWork,
)

_ENDED = frozenset(state.value for state in ENDED_STATES)


class PersonErasure:
    def __init__(self, db: UnitOfWork, repo: CaseStore, keys: PersonKeyring,
                 streams: PersonStreams, answers: CaseAnswers, writer: AnswerWriter,
                 clock: Clock) -> None:
        self.db, self.repo, self.keys, self.streams = db, repo, keys, streams
        self.answers, self.writer, self.clock = answers, writer, clock

    async def erase(self, patient_id: str, reason: str, actor: Actor,
                    meta: RequestMeta) -> str:
        """The erasure record as JSON (a retry with the same Idempotency-Key gets it again)."""
        principal = principal_key(actor)
        if (replayed := await self.answers.replay_plain(principal, meta)) is not None:
            return replayed.body
        now = self.clock()
        async with self.db.transaction() as conn:
            # Taken before the checks: a new case of the person is either committed before
            # (and refuses the erasure as open) or opened after, under a fresh data key.  The
            # rows are locked too, so a command in flight on one of the cases ends first.
            await self.repo.lock_person(conn, patient_id)
            cases = await self.repo.cases_of_person(conn, patient_id)
            if not cases:
                raise CaseNotFound(f"no person {patient_id}")
            open_ones = [case_id for case_id, state in cases if state not in _ENDED]
            if open_ones:
                raise OpenCase("close the person's case before erasing them",
                               field="patient_id", case_id=open_ones[0])
            destroyed = await self.keys.erase(conn, patient_id, now, reason)
            if not destroyed:
                raise AlreadyErased(f"person {patient_id} is erased already", field="patient_id")
            case_ids = [case_id for case_id, _ in cases]
            event = PersonErased(patient_id=patient_id, case_ids=case_ids,
                                 keys_destroyed=len(destroyed), reason=reason, erased_at=now)
            await self.streams.record_erasure(conn, patient_id, event,
                                              command_metadata(actor, meta), now)
            # Their sealed answers are unreadable now; keep them, with the person erased and
            # no ciphertext, so a retry still gets its answer and never acts a second time.
            await self.answers.forget(conn, case_ids)
            answer = self.writer.answer(Result(Outcome.DONE, event.model_dump(mode="json")))
            await self.answers.remember_plain(conn, principal, meta, answer, now)
        return answer.body
