"""The case contract is the one definition of the case states both services use."""

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
    assert archive.REGISTERED_STATES is REGISTERED_STATES
    assert archive.ACTIVE_STATES is PLACED_STATES


def test_the_state_after_event_names_only_referral_event_types():
    assert set(STATE_AFTER_EVENT) <= set(EVENT_TYPES)


def test_sql_list_is_sorted_and_quoted():
    assert sql_list(ENDED_STATES) == "('closed', 'rejected')"
