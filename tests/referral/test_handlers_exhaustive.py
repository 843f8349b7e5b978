"""For every state and every action: accepted exactly when the machine allows it; a refused
action writes no event (handler level, on both engines)."""

from __future__ import annotations

import itertools

from jingkang.referral.domain import lifecycle
from jingkang.referral.domain.errors import DomainError
from jingkang.common.domain.actor import Actor
from jingkang.referral.domain.lifecycle import GuardContext
from jingkang.referral.domain.vocabulary import CaseState, Role

from .handler_support import BODIES, HOSPITAL, PLATFORM, SOCIAL_WORKER, Driver, handler_runtime

S = CaseState


def _trigger(action: str, state: CaseState) -> str:
    """The trigger the standard body of ``action`` asks for in ``state``."""
    if action == "dispatch" and state == S.RELOCATING:
        return "target_relocation"
    if action == "acceptance" and state == S.RELOCATING:
        return "accept_relocation"
    return next(m.trigger for m in lifecycle.MOVES if m.action == action)


def _actor(action: str, case) -> Actor:  # noqa: ANN001
    role = next(m.roles[0] for m in lifecycle.MOVES if m.action == action)
    if role == Role.INSTITUTION:
        org = (case.relocation.target_institution_id
               if action == "acceptance" and case.relocation else case.institution_id) or "inst-a"
        return Actor(f"desk-{org}", "institution", org, "130102")
    if role == Role.HOSPITAL:
        return HOSPITAL
    return SOCIAL_WORKER if role == Role.SOCIAL_WORKER else PLATFORM


async def test_every_state_and_action(url: str) -> None:
    states = [s for s in CaseState if s != S.NEW]
    async with handler_runtime(url) as (runtime, clock):
        driver = Driver(runtime.cases, itertools.count(100))
        accepted = refused = 0
        for state, action in itertools.product(states, BODIES):
            case_id = await driver.case_in(state)
            case = await runtime.cases.repo.load(case_id)
            assert case.state == state
            actor = _actor(action, case)
            expected = lifecycle.may(_trigger(action, state),
                                     GuardContext(case, actor, clock.now, runtime.cases.rules))
            events_before = len(await runtime.store.read_stream(case_id))
            try:
                await driver.act(case_id, action, actor)
                outcome = True
            except DomainError:
                outcome = False
            events_after = len(await runtime.store.read_stream(case_id))
            assert outcome == expected, (state, action)
            assert (events_after > events_before) == outcome, (state, action)
            accepted, refused = accepted + outcome, refused + (not outcome)
        assert accepted >= 20 and refused >= 100  # both sides were exercised
