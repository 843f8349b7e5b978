"""Deciding: a command on a case → the events it causes, or a domain error.  Nothing is stored here.

Every decision first asks the lifecycle whether the actor may take the move (role, state,
guards), then checks what only the command and the case together can tell.  One module per
stage; callers keep writing ``decide.dispatch(...)``.
"""

from .context import Context
from .dispatching import answer_dispatch, dispatch
from .exits import (
    change_consent, exit_case, push_relocation, record_follow_up, refer_relapse,
    return_from_hospital, withdraw,
)
from .intake import reconfirm, review, submit_application, upload_medical_assessment
from .services import evaluate, record_service, reassess, sign_agreement

__all__ = [
    "Context", "answer_dispatch", "change_consent", "dispatch", "evaluate", "exit_case",
    "push_relocation", "reassess", "reconfirm", "record_follow_up", "record_service",
    "refer_relapse", "return_from_hospital", "review", "sign_agreement", "submit_application",
    "upload_medical_assessment", "withdraw",
]
