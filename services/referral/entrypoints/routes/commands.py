"""POST endpoints: the two ways a case is created and every command on a case (API.md)."""

# No `from __future__ import annotations`: FastAPI reads each route's body model from the
# annotations of functions built in a loop below.

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from jingkang.common.domain.actor import Actor
from jingkang.common.web.requests import Meta, as_response, with_body_hash

from ...domain import commands as cmd

from ..deps import Service, require_action
from ..schemas import CaseOut

router = APIRouter(tags=["cases"])
CaseId = Annotated[str, Path(max_length=64, description="个案标识 case id")]
_CASE_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "role or institution not allowed"},
    404: {"description": "no such case in the caller's scope"},
    409: {"description": "invalid_transition, reconfirmation_required, …"},
    412: {"description": "If-Match does not match the case's version"},
    422: {"description": "invalid body; Idempotency-Key reused with another body"},
}



@router.post("/v1/referrals/medical-assessments", status_code=201, response_model=CaseOut,
             operation_id="upload_medical_assessment", responses=_CASE_RESPONSES,
             summary="医疗机构评估转介 Upload a medical assessment")
async def upload_medical_assessment(
    body: cmd.UploadMedicalAssessment, request: Request, service: Service, meta: Meta,
    actor: Annotated[Actor, Depends(require_action("medical_assessment"))],
) -> Response:
    """A hospital uploads a discharge or outpatient assessment with the consent of the patient
    and the guardian; the case is registered at once (201, Location)."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await service.upload_medical_assessment(body, actor, meta))


@router.post("/v1/referrals/applications", status_code=201, response_model=CaseOut,
             operation_id="submit_application", responses=_CASE_RESPONSES,
             summary="自愿申请 / 登记申请 Submit an application or report")
async def submit_application(
    body: cmd.SubmitApplication, request: Request, service: Service, meta: Meta,
    actor: Annotated[Actor, Depends(require_action("application"))],
) -> Response:
    """A self-application (channel `self` / `guardian`) registered by a social worker, or a
    third-party report; the case waits in `pending_review`."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await service.submit_application(body, actor, meta))


# (path, action, body model, summary): the decision each command runs is the application's
# choice (application/handlers.py), not the route's.
CASE_COMMANDS: list[tuple[str, str, type, str]] = [
    ("review", "review", cmd.Review, "审核 Review an application"),
    ("reconfirmation", "reconfirmation", cmd.Reconfirm,
     "再次审核意愿 Re-review willingness after a long wait"),
    ("dispatch", "dispatch", cmd.Dispatch,
     "分派 Dispatch to an institution (named or by residence)"),
    ("acceptance", "acceptance", cmd.Acceptance,
     "接收 Accept or decline a dispatch or a relocation"),
    ("evaluations", "evaluation", cmd.Evaluation, "综合评估 Comprehensive evaluation"),
    ("agreements", "agreement", cmd.Agreement, "知情同意与服务协议 Sign consent and agreement"),
    ("service-records", "service_record", cmd.ServiceRecord, "服务记录 Record a service"),
    ("reassessments", "reassessment", cmd.Reassessment, "转介评估 Post-referral assessment"),
    ("relocations", "relocation", cmd.Relocation, "迁居推送 Push to the new residence"),
    ("relapses", "relapse", cmd.Relapse, "复发绿色通道 Refer a relapse to a hospital"),
    ("hospital-returns", "hospital_return", cmd.HospitalReturn, "出院回归 Back from hospital"),
    ("exit", "exit", cmd.Exit, "结案去向 Exit to a destination"),
    ("withdrawal", "withdrawal", cmd.Withdrawal, "退出 Withdrawn, deceased or lost contact"),
    ("follow-ups", "follow_up", cmd.FollowUp, "回访 Follow-up visit on a closed case"),
    ("consents", "consent", cmd.ConsentChange, "单独同意 Give or withdraw a consent for one purpose"),
]


def _add_case_command(path: str, action: str, model: type, summary: str) -> None:
    async def endpoint(case_id: CaseId, body: model, request: Request,  # type: ignore[valid-type]
                       service: Service, meta: Meta,
                       actor: Annotated[Actor, Depends(require_action(action))]) -> Response:
        meta = with_body_hash(meta, "POST", request.url.path, body)
        return as_response(await service.handle(case_id, body, actor, meta))

    endpoint.__doc__ = (model.__doc__ or summary).strip()
    router.add_api_route(f"/v1/cases/{{case_id}}/{path}", endpoint, methods=["POST"],
                         response_model=CaseOut, operation_id=f"case_{action}", summary=summary,
                         responses=_CASE_RESPONSES)


for _spec in CASE_COMMANDS:
    _add_case_command(*_spec)
