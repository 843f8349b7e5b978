"""The case lifecycle, defined once: states, actions, roles and guards (DOMAIN.md, States).

``MOVES`` is the declaration.  The ``transitions`` machine built from it answers "may this
trigger fire from this state with these guards?"; the same table gives the actions a caller may
take next and the published diagram.  An API action (an endpoint) may have several triggers,
one per outcome: ``review`` is ``approve`` or ``reject``.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from transitions import Machine

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.case_contract import IN_PROGRESS_STATES
from jingkang.common.domain.chinatime import CHINA, china_date

from .case import Case
from .errors import (
    ConsentRequired,
    DomainError,
    ExitNotRecommended,
    InvalidTransition,
    NotCaseInstitution,
    ReconfirmationRequired,
    RoleNotAllowed,
)
from .rules import Rules, add_months
from .vocabulary import CaseState, ConsentPurpose, Role

S = CaseState


@dataclass(frozen=True, slots=True)
class GuardContext:
    case: Case
    actor: Actor
    now: datetime
    rules: Rules


@dataclass(frozen=True, slots=True)
class Guard:
    test: Callable[[GuardContext], bool]
    error: type[DomainError]
    message: str
    # The action that satisfies the guard, perhaps another role's: a refusal names it, since
    # the caller's own ``allowed_actions`` may well be empty (the platform records no consent).
    remedy: str | None = None


def _confirmed_recently(c: GuardContext) -> bool:
    confirmed = c.case.last_confirmed_at
    # Months on the China calendar, as the reconfirmation's due date counts them
    # (deadlines.py): it falls due on the China date the guard starts refusing.
    return confirmed is not None and add_months(
        confirmed.astimezone(CHINA), c.rules.reconfirm_after_months) > c.now


def _actor_serves_case(c: GuardContext) -> bool:
    if c.actor.role == Role.INSTITUTION:
        return c.case.institution_id == c.actor.org_id
    if c.actor.role == Role.HOSPITAL:
        return c.case.hospital_org_id == c.actor.org_id
    return True


def _actor_holds_case(c: GuardContext) -> bool:
    """Who collects consents: the institution with the case (or offered it), the hospital
    that referred it or holds it, any social worker who may see it."""
    case, org = c.case, c.actor.org_id
    if c.actor.role == Role.INSTITUTION:
        return case.institution_id == org or _actor_is_relocation_target(c)
    if c.actor.role == Role.HOSPITAL:
        return org in (case.referring_org_id, case.hospital_org_id)
    return True


def _actor_is_relocation_target(c: GuardContext) -> bool:
    relocation = c.case.relocation
    return relocation is not None and relocation.target_institution_id == c.actor.org_id


def _relocation_untargeted(c: GuardContext) -> bool:
    return c.case.relocation is not None and c.case.relocation.target_institution_id is None


def _exit_recommended(c: GuardContext) -> bool:
    last = c.case.last_reassessment
    return last is not None and last.recommend_exit


def _consents_to(purpose: ConsentPurpose) -> Callable[[GuardContext], bool]:
    return lambda c: c.case.holds_consent(purpose, china_date(c.now))


GUARDS: dict[str, Guard] = {
    "shared_with_consent": Guard(
        _consents_to(ConsentPurpose.SHARE_WITH_INSTITUTION), ConsentRequired,
        "sharing the case with an institution needs the consent of the person or the guardian "
        "(of the guardian for a child under 14) for share_with_institution: the hospital, social "
        "worker or institution holding the case records it with POST /v1/cases/{id}/consents",
        remedy="consent"),
    "relocation_consented": Guard(
        _consents_to(ConsentPurpose.RELOCATION), ConsentRequired,
        "a relocation to another region needs the consent of the person or the guardian "
        "(of the guardian for a child under 14) for relocation: the institution serving the case "
        "records it with POST /v1/cases/{id}/consents", remedy="consent"),
    "confirmed_recently": Guard(
        _confirmed_recently, ReconfirmationRequired,
        "the last registration or re-review is older than the wait limit: a social worker must "
        "re-review the applicant's willingness (reconfirmation) before dispatch"),
    "actor_serves_case": Guard(
        _actor_serves_case, NotCaseInstitution,
        "only the institution the case is with (or the hospital it was referred to) may do this"),
    "actor_is_relocation_target": Guard(
        _actor_is_relocation_target, NotCaseInstitution,
        "only the receiving institution of the pending relocation may answer it"),
    "relocation_untargeted": Guard(
        _relocation_untargeted, InvalidTransition,
        "the pending relocation already names its receiving institution"),
    "actor_holds_case": Guard(
        _actor_holds_case, NotCaseInstitution,
        "only the institution or hospital the case is with, or a social worker, records consents"),
    "exit_recommended": Guard(
        _exit_recommended, ExitNotRecommended,
        "an exit needs a post-referral assessment that recommends it"),
}


@dataclass(frozen=True, slots=True)
class Move:
    action: str  # the API action (endpoint)
    trigger: str  # the machine trigger for one outcome of that action
    sources: tuple[CaseState, ...]
    dest: CaseState | None  # None: the state does not change
    roles: tuple[Role, ...]
    guards: tuple[str, ...] = ()


_OPEN = tuple(s for s in CaseState if s in IN_PROGRESS_STATES)
_SW, _INST, _HOSP = Role.SOCIAL_WORKER, Role.INSTITUTION, Role.HOSPITAL

MOVES: tuple[Move, ...] = (
    Move("medical_assessment", "upload_assessment", (S.NEW,), S.REGISTERED, (_HOSP,)),
    Move("application", "submit_application", (S.NEW,), S.PENDING_REVIEW, (_SW, Role.REPORTER)),
    Move("review", "approve", (S.PENDING_REVIEW,), S.REGISTERED, (_SW,)),
    Move("review", "reject", (S.PENDING_REVIEW,), S.REJECTED, (_SW,)),
    Move("reconfirmation", "reconfirm_willing", (S.REGISTERED, S.WAITLISTED), None, (_SW,)),
    Move("reconfirmation", "reconfirm_unwilling", (S.REGISTERED, S.WAITLISTED), S.CLOSED, (_SW,)),
    Move("dispatch", "dispatch", (S.REGISTERED, S.WAITLISTED), S.DISPATCHED, (Role.PLATFORM,),
         ("confirmed_recently", "shared_with_consent")),
    Move("dispatch", "waitlist", (S.REGISTERED, S.WAITLISTED), S.WAITLISTED, (Role.PLATFORM,),
         ("confirmed_recently", "shared_with_consent")),
    Move("dispatch", "target_relocation", (S.RELOCATING,), None, (Role.PLATFORM,),
         ("relocation_untargeted", "relocation_consented")),
    Move("acceptance", "accept", (S.DISPATCHED,), S.ACCEPTED, (_INST,), ("actor_serves_case",)),
    Move("acceptance", "decline", (S.DISPATCHED,), S.REGISTERED, (_INST,), ("actor_serves_case",)),
    Move("acceptance", "accept_relocation", (S.RELOCATING,), S.ACCEPTED, (_INST,),
         ("actor_is_relocation_target",)),
    Move("acceptance", "decline_relocation", (S.RELOCATING,), S.IN_SERVICE, (_INST,),
         ("actor_is_relocation_target",)),
    Move("evaluation", "evaluate_suitable", (S.ACCEPTED,), S.EVALUATED, (_INST,),
         ("actor_serves_case",)),
    Move("evaluation", "evaluate_unsuitable", (S.ACCEPTED,), S.CLOSED, (_INST,),
         ("actor_serves_case",)),
    Move("agreement", "sign_agreement", (S.EVALUATED,), S.IN_SERVICE, (_INST,),
         ("actor_serves_case",)),
    Move("service_record", "record_service", (S.IN_SERVICE, S.RELOCATING), None, (_INST,),
         ("actor_serves_case",)),
    Move("reassessment", "reassess", (S.IN_SERVICE,), None, (_INST,), ("actor_serves_case",)),
    Move("relocation", "push_relocation", (S.IN_SERVICE,), S.RELOCATING, (_INST,),
         ("actor_serves_case", "relocation_consented")),
    Move("relapse", "refer_relapse", (S.IN_SERVICE,), S.HOSPITALIZED, (_INST,),
         ("actor_serves_case",)),
    Move("hospital_return", "return_from_hospital", (S.HOSPITALIZED,), S.IN_SERVICE,
         (_HOSP, _INST), ("actor_serves_case",)),
    Move("exit", "exit", (S.IN_SERVICE,), S.CLOSED, (_INST,),
         ("actor_serves_case", "exit_recommended")),
    Move("withdrawal", "withdraw", _OPEN, S.CLOSED, (_SW, _INST), ("actor_serves_case",)),
    Move("follow_up", "record_follow_up", (S.CLOSED,), None, (_INST, _SW)),
    Move("consent", "give_consent", _OPEN, None, (_HOSP, _SW, _INST), ("actor_holds_case",)),
    Move("consent", "withdraw_consent", _OPEN, None, (_HOSP, _SW, _INST), ("actor_holds_case",)),
)

TRIGGERS: dict[str, Move] = {m.trigger: m for m in MOVES}
ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(m.action for m in MOVES))


class _Probe:
    """A throwaway model the machine moves, so one machine serves every case concurrently."""

    def __init__(self, context: GuardContext | None) -> None:
        self.context = context


def _condition(name: str) -> Callable[..., bool]:
    guard = GUARDS[name]
    return lambda event_data: guard.test(event_data.model.context)


@functools.cache
def machine() -> Machine:
    transitions = [
        {"trigger": m.trigger, "source": [s.name for s in m.sources],
         "dest": m.dest.name if m.dest else None,  # None: an internal transition
         "conditions": [_condition(g) for g in m.guards]}
        for m in MOVES
    ]
    return Machine(model=None, states=CaseState, transitions=transitions, initial=S.NEW,
                   auto_transitions=False, send_event=True)


@functools.cache
def _probe_at(state: CaseState) -> tuple[_Probe, frozenset[str]]:
    """One probe parked in the machine per state (adding a model to a machine is costly)."""
    probe, m = _Probe(None), machine()
    m.add_model(probe, initial=state)
    return probe, frozenset(m.get_triggers(state.name))


@contextlib.contextmanager
def _probing(context: GuardContext) -> Iterator[Callable[[str], bool]]:
    """Yields ``may(trigger)`` for the case's state.  Synchronous, so no other task can
    borrow the parked probe between setting its context and asking the machine."""
    probe, triggers = _probe_at(context.case.state)
    probe.context = context
    try:
        yield lambda trigger: trigger in triggers and getattr(probe, f"may_{trigger}")()
    finally:
        probe.context = None


def may(trigger: str, context: GuardContext) -> bool:
    """Whether the machine lets ``trigger`` fire from the case's state with its guards."""
    with _probing(context) as may_fire:
        return may_fire(trigger)


def check(trigger: str, context: GuardContext) -> Move:
    """The move for ``trigger``, or the domain error that explains the refusal."""
    move = TRIGGERS[trigger]
    if context.actor.role not in move.roles:
        raise RoleNotAllowed(f"role {context.actor.role!r} may not take action {move.action!r}; "
                             f"allowed: {', '.join(move.roles)}")
    if context.case.state not in move.sources:
        raise InvalidTransition(
            f"action {move.action!r} is not allowed in state {context.case.state.value!r}",
            state=context.case.state.value, allowed_actions=available_actions(context))
    if not may(trigger, context):
        for name in move.guards:
            guard = GUARDS[name]
            if not guard.test(context):
                extra = {} if guard.remedy is None else {"remedy": guard.remedy}
                raise guard.error(guard.message, state=context.case.state.value,
                                  allowed_actions=available_actions(context), **extra)
    return move


@functools.cache
def _triggers_at(state: CaseState) -> frozenset[str]:
    """The triggers the machine defines from ``state`` (asked once per state)."""
    return frozenset(machine().get_triggers(state.name))


def available_actions(context: GuardContext) -> list[str]:
    """The API actions this actor may take next on this case, in lifecycle order.

    Every response carries this list, so it reads the machine's triggers per state once and
    tests the same guard functions directly; a test holds it equal to asking ``may``."""
    triggers = _triggers_at(context.case.state)
    return list(dict.fromkeys(
        m.action for m in MOVES
        if m.trigger in triggers and context.actor.role in m.roles
        and all(GUARDS[g].test(context) for g in m.guards)))


def available_actions_by_machine(context: GuardContext) -> list[str]:
    """The same list asked trigger by trigger of the machine (slower; the reference)."""
    with _probing(context) as may_fire:
        return list(dict.fromkeys(
            m.action for m in MOVES
            if context.actor.role in m.roles and context.case.state in m.sources
            and may_fire(m.trigger)))
