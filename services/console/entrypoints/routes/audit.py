"""审计工作台: a case's full timeline, its integrity check and its state as of a chosen moment
(China time); and 访问日志, either service's access log, filtered and paged.  Every read is the
auditor's own API call, so the APIs log it and mask what they mask for the role."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jingkang.common.domain.chinatime import CHINA

from ...domain.audit import (CASE_ID, OBJECT_TYPES, OUTCOMES, SERVICES, access_log_query,
                             integrity_verdict, read_china_moment, rfc3339, timeline,
                             told_moment)
from ...domain.refusals import field_errors
from ..web import Apis, SignedInUser, User, page, require_role, runtime

router = APIRouter(include_in_schema=False)
# The case reads and the integrity check take auditors and administrators; the access log
# only auditors (the APIs' own scopes).
CASE_READERS = ("auditor", "admin")
LOG_READERS = ("auditor",)
RECENT = 20
LOG_PAGE = 50


def _form(request: Request, *names: str) -> dict[str, str]:
    return {name: request.query_params.get(name, "").strip()[:300] for name in names}


async def _case_reads(apis: Any, user: SignedInUser, case_id: str, as_of: str | None,
                      year: int) -> dict[str, Any]:
    """The case now, its timeline and integrity, and with ``as_of`` its state then."""
    path = f"/v1/cases/{case_id}"
    found: dict[str, Any] = {"errors": {}, "events": None, "verdict": None, "then": None}
    current = await apis.call(user.account, "GET", "referral", path)
    if not current.ok:
        refusal = field_errors(current.body)
        found["errors"]["case"] = refusal.get("", next(iter(refusal.values()), ""))
        return found
    found["case"] = current.body
    history = await apis.call(user.account, "GET", "referral", f"{path}/events")
    if history.ok:
        found["events"] = timeline(history.body.get("events", []), year)
    else:
        found["errors"]["events"] = field_errors(history.body).get("", "未能取得办理经过")
    check = await apis.call(user.account, "GET", "referral", f"{path}/integrity")
    if check.ok:
        found["verdict"] = integrity_verdict(check.body)
    else:
        found["errors"]["integrity"] = field_errors(check.body).get("", "未能完成完整性核验")
    if as_of:
        then = await apis.call(user.account, "GET", "referral", path, params={"as_of": as_of})
        if then.ok:
            found["then"] = then.body
        elif then.status == 404:
            found["errors"]["as_of"] = "该时点个案尚未建立"
        else:
            found["errors"]["as_of"] = next(iter(field_errors(then.body).values()), "查询失败")
    return found


@router.get("/audit")
async def audit_work(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, *CASE_READERS)
    values = _form(request, "case", "as_of")
    errors: dict[str, str] = {}
    if values["case"] and not CASE_ID.fullmatch(values["case"]):
        errors["case"] = "个案标识只含字母、数字、“-”和“_”，至多64个字符"
    moment = read_china_moment(values["as_of"])
    if moment.refusal:
        errors["as_of"] = moment.refusal
    elif values["as_of"] and not values["case"]:
        errors["case"] = "请先填写要查看的个案标识"
    context: dict[str, Any] = {"recent": None}
    malformed = bool(errors)
    if not malformed:  # a malformed input asks nothing of the APIs
        year = runtime(request).now().astimezone(CHINA).year
        if values["case"]:
            context |= await _case_reads(apis, user, values["case"],
                                         rfc3339(moment.at) if moment.at else None, year)
            errors = context.pop("errors")
        listed = await apis.call(user.account, "GET", "referral", "/v1/cases",
                                 params={"limit": RECENT})
        context["recent"] = listed.body["items"] if listed.ok else None
    if moment.at:  # as a datetime-local input shows it
        values["as_of"] = moment.at.strftime("%Y-%m-%dT%H:%M:%S" if moment.at.second
                                             else "%Y-%m-%dT%H:%M")
    return page(request, "audit.html", user, status=422 if malformed else 200, values=values,
                errors=errors, as_of_told=told_moment(moment.at) if moment.at else "",
                title="审计工作台", **context)


@router.get("/audit/access-log")
async def access_log(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, *LOG_READERS)
    values = _form(request, "service", "actor", "case", "outcome", "since", "until", "cursor")
    values["service"] = values["service"] or "referral"
    params, errors = access_log_query(values)
    if values["service"] not in SERVICES:
        errors["service"] = "请从选项中选择"
    entries: list[dict[str, Any]] | None = None
    next_cursor = None
    if not errors:
        answer = await apis.call(user.account, "GET", values["service"], "/v1/audit/access-log",
                                 params={**params, "limit": LOG_PAGE})
        if answer.ok:
            entries, next_cursor = answer.body["items"], answer.body.get("next_cursor")
        else:
            errors = field_errors(answer.body)
    filters = {name: value for name, value in values.items() if name != "cursor" and value}
    return page(request, "audit_access_log.html", user, status=422 if errors else 200,
                values=values, errors=errors, entries=entries, next_cursor=next_cursor,
                filters=filters, SERVICES=SERVICES, OUTCOMES=OUTCOMES,
                OBJECT_TYPES=OBJECT_TYPES, title="访问日志")
