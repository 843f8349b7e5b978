"""Which decision answers each command on a case, and what it needs besides the case.

Routes only turn HTTP into a command and call ``CaseService.handle``; the application, not
the edge, chooses the domain logic.  A decision with ``needs_directory`` chooses or names an
institution, so it is given the directory entries of the case's city (and the named one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain import commands as cmd
from ..domain import decide
from ..domain.events import CaseEvent


@dataclass(frozen=True)
class Handler:
    decide: Callable[..., list[CaseEvent]]
    needs_directory: bool = False


HANDLERS: dict[type[Any], Handler] = {
    cmd.Review: Handler(decide.review),
    cmd.Reconfirm: Handler(decide.reconfirm),
    cmd.Dispatch: Handler(decide.dispatch, needs_directory=True),
    cmd.Acceptance: Handler(decide.answer_dispatch),
    cmd.Evaluation: Handler(decide.evaluate),
    cmd.Agreement: Handler(decide.sign_agreement),
    cmd.ServiceRecord: Handler(decide.record_service),
    cmd.Reassessment: Handler(decide.reassess),
    cmd.Relocation: Handler(decide.push_relocation, needs_directory=True),
    cmd.Relapse: Handler(decide.refer_relapse),
    cmd.HospitalReturn: Handler(decide.return_from_hospital),
    cmd.Exit: Handler(decide.exit_case),
    cmd.Withdrawal: Handler(decide.withdraw),
    cmd.FollowUp: Handler(decide.record_follow_up),
    cmd.ConsentChange: Handler(decide.change_consent),
}
