"""The lifecycle table, the machine built from it, and what each actor may do next."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from jingkang.referral.domain import lifecycle, lifecycle_published
from jingkang.referral.domain.case import Case, PendingRelocation
from jingkang.referral.domain.errors import DomainError, InvalidTransition, RoleNotAllowed
from jingkang.referral.domain.lifecycle import GUARDS, MOVES, GuardContext, check
from jingkang.referral.domain.rules import Rules
from jingkang.referral.domain.vocabulary import CaseState, Role

from .domain_support import NOW, Actor


def _case_where_every_guard_passes(state: CaseState) -> Case:
    from jingkang.referral.domain.case import LastReassessment

    from jingkang.referral.domain.vocabulary import ConsentPurpose

    consents = frozenset((purpose, "patient") for purpose in ConsentPurpose)
    return Case("c", state=state, institution_id="org", last_confirmed_at=NOW,
                referring_org_id="org", consents=consents,
                relocation=PendingRelocation("org", "130102", "130104", None)
                if state == CaseState.RELOCATING else None,
                last_reassessment=LastReassessment(NOW.date(), True, None), hospital_org_id="org")


@pytest.mark.parametrize("state,move", list(itertools.product(CaseState, MOVES)),
                         ids=lambda x: getattr(x, "trigger", getattr(x, "value", str(x))))
def test_every_state_and_trigger_is_allowed_exactly_as_the_table_says(state, move) -> None:
    for role in Role:
        case = _case_where_every_guard_passes(state)
        if move.trigger in ("accept_relocation", "decline_relocation"):
            case = replace(case, relocation=PendingRelocation("x", "130102", "130104", "org"))
        ctx = GuardContext(case, Actor("u", role.value, "org", "130000"), NOW, Rules())
        expected = role in move.roles and state in move.sources
        assert lifecycle.available_actions(ctx) == lifecycle.available_actions_by_machine(ctx)
        try:
            check(move.trigger, ctx)
            allowed = True
        except (InvalidTransition, RoleNotAllowed):
            allowed = False
        assert allowed == expected, (state, move.trigger, role)


def test_every_guard_named_in_the_table_exists() -> None:
    for move in MOVES:
        assert set(move.guards) <= set(GUARDS), move


def test_terminal_states_allow_only_follow_up() -> None:
    for state in (CaseState.CLOSED, CaseState.REJECTED):
        moves = {m.action for m in MOVES if state in m.sources}
        assert moves == ({"follow_up"} if state == CaseState.CLOSED else set())


def test_a_failed_guard_names_its_refusal() -> None:
    stale = Case("c", state=CaseState.REGISTERED,
                 last_confirmed_at=NOW.replace(year=NOW.year - 1))
    ctx = GuardContext(stale, Actor("p", "platform", "platform", "130000"), NOW, Rules())
    with pytest.raises(DomainError) as refused:
        check("dispatch", ctx)
    assert refused.value.code == "reconfirmation_required"
    assert lifecycle.available_actions(ctx) == []
    assert lifecycle.available_actions_by_machine(ctx) == []
    social_worker = GuardContext(stale, Actor("s", "social_worker", "o", "130000"), NOW, Rules())
    assert lifecycle.available_actions(social_worker) == ["reconfirmation", "withdrawal",
                                                           "consent"]


def test_diagram_and_description_come_from_the_same_table() -> None:
    description = lifecycle_published.describe()
    assert len(description["actions"]) == len(MOVES)
    for move in MOVES:
        drawn = f"({move.trigger})" in description["mermaid"]
        assert drawn or CaseState.NEW in move.sources or move.action == "consent", move
    assert "consent (give_consent, withdraw_consent): any open state" in description["mermaid"]
    assert "new" not in description["states"]


def test_the_readme_embeds_the_current_diagram() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{lifecycle_published.mermaid()}\n```" in readme


@pytest.mark.parametrize("state", list(CaseState))
def test_available_actions_agree_with_the_machine_when_guards_fail(state) -> None:
    bare = Case("c", state=state)  # no institution, never confirmed, no relocation, no reassessment
    for role in Role:
        ctx = GuardContext(bare, Actor("u", role.value, "org", "130000"), NOW, Rules())
        assert lifecycle.available_actions(ctx) == lifecycle.available_actions_by_machine(ctx)
