"""The case contract is the one definition of the case states both services use."""

import ast
from pathlib import Path

from jingkang.common.domain.case_contract import (
    ENDED_STATES, IN_PROGRESS_STATES, PLACED_STATES, REGISTERED_STATES, STATE_AFTER_EVENT,
    CaseState, sql_list,
)
from jingkang.referral.domain import vocabulary
from jingkang.referral.domain.events import EVENT_TYPES
from jingkang.registry.domain import archive


def test_every_state_but_new_is_either_in_progress_or_ended():
    assert IN_PROGRESS_STATES | ENDED_STATES == frozenset(CaseState) - {CaseState.NEW}
    assert not IN_PROGRESS_STATES & ENDED_STATES


def test_placed_cases_are_registered_and_registered_cases_are_in_progress():
    assert PLACED_STATES <= REGISTERED_STATES <= IN_PROGRESS_STATES


def test_both_services_use_the_contract_rather_than_a_copy():
    assert vocabulary.CaseState is CaseState
    assert archive.STATE_AFTER_EVENT is STATE_AFTER_EVENT


def test_no_module_but_the_contract_names_a_set_of_states():
    """A module-level ``…_STATES`` anywhere else would be a copy (or an alias) to drift."""
    services = Path(__file__).resolve().parents[2] / "services"
    named = {f"{path.relative_to(services)}:{target.id}"
             for path in services.rglob("*.py") if path.name != "case_contract.py"
             for node in ast.parse(path.read_text(encoding="utf-8")).body
             if isinstance(node, ast.Assign)
             for target in node.targets
             if isinstance(target, ast.Name) and target.id.endswith("_STATES")}
    assert named == set()


def test_the_state_after_event_names_only_referral_event_types():
    assert set(STATE_AFTER_EVENT) <= set(EVENT_TYPES)


def test_sql_list_is_sorted_and_quoted():
    assert sql_list(ENDED_STATES) == "('closed', 'rejected')"


def test_the_lifecycle_machine_has_exactly_the_contract_states():
    from jingkang.referral.domain.lifecycle import machine

    assert set(machine().states) == {state.name for state in CaseState}


def test_folding_a_case_lands_where_the_contract_says_each_event_leads():
    from tests.referral.domain_support import Story

    story = Story()
    checked = 0
    original_apply = story.apply

    def apply_and_check(new_events):
        nonlocal checked
        for event in new_events:
            original_apply([event])
            expected = STATE_AFTER_EVENT.get(type(event).__name__)
            if expected is not None:
                assert story.case.state == expected, type(event).__name__
                checked += 1
        return story

    story.apply = apply_and_check
    story.in_service()
    assert checked >= 4  # upload, dispatch, acceptance, agreement
