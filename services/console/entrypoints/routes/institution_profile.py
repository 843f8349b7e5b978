"""民政工作台 one institution: its profile, changed with ``If-Match`` from the version the page
was read at (so a change made meanwhile by someone else is refused, not overwritten); its
status (停业、恢复、注销) with a reason; and its staff report for a period."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from jingkang.common.domain.chinatime import CHINA

from ...domain import institution_forms as forms
from ...domain.registry_refusals import registry_errors
from ...domain.worklists import current_period
from ..web import (Apis, Redirect, SignedInUser, User, check_csrf, page, require_role, runtime,
                   see_other)
from .institutions import VOCABULARY

router = APIRouter(include_in_schema=False)
DONE = {"registered": "已登记机构", "changed": "已保存机构信息", "status": "已变更机构状态",
        "staff": "已报送人员情况"}


INSTITUTION_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _path(institution_id: str) -> str:
    """The API path of an institution; an id the registry could never have given (a ``..``
    that would climb out of the path, say) goes back to the list."""
    if not INSTITUTION_ID.fullmatch(institution_id) or institution_id.strip(".") == "":
        raise Redirect("/civil-affairs/institutions")
    return f"/v1/institutions/{institution_id}"


async def _profile_page(request: Request, user: SignedInUser, apis: Apis, institution_id: str,
                        *, status: int = 200, **context: Any) -> HTMLResponse:
    answer = await apis.call(user.account, "GET", "registry", _path(institution_id))
    if not answer.ok:
        return page(request, "problem.html", user, status=404 if answer.status == 404 else 502,
                    errors=registry_errors(answer.body))
    institution = answer.body
    today = runtime(request).now().astimezone(CHINA).date()
    context.setdefault("values", forms.form_of(institution))
    context.setdefault("staff_values", {"period": current_period(today)})
    return page(request, "institution_profile.html", user, status=status,
                institution=institution, errors=context.pop("errors", {}),
                done=DONE.get(request.query_params.get("done", ""), ""),
                STATUS_ACTIONS=forms.STATUS_ACTIONS, PROFESSIONS=forms.PROFESSIONS,
                STAFF_FIGURES=forms.STAFF_FIGURES, title=institution["name"],
                vocabulary=VOCABULARY, **VOCABULARY, **context)


@router.get("/civil-affairs/institutions/{institution_id}")
async def profile(institution_id: str, request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "civil_affairs")
    return await _profile_page(request, user, apis, institution_id[:64])


async def _send(request: Request, user: SignedInUser, apis: Apis, institution_id: str,
                method: str, suffix: str, body: dict[str, Any], done: str,
                headers: dict[str, str] | None = None
                ) -> tuple[Response | None, dict[str, str], int]:
    """The redirect to the profile once done; else the refusal by field, and its status."""
    answer = await apis.call(user.account, method, "registry", _path(institution_id) + suffix,
                             json=body, headers=headers)
    if answer.ok:
        return see_other(f"/civil-affairs/institutions/{institution_id}?done={done}"), {}, 200
    return None, registry_errors(answer.body, body), answer.status if answer.status < 500 else 502


@router.post("/civil-affairs/institutions/{institution_id}")
async def change(institution_id: str, request: Request, user: User, apis: Apis) -> Response:
    """PATCH with If-Match: the version the edit form was read at."""
    require_role(user, "civil_affairs")
    institution_id = institution_id[:64]
    form = await check_csrf(request, user)
    body, errors = forms.change_body(form)
    version = str(form.get("version", "")).strip()
    status = 422
    if not version.isdigit():
        errors[""] = "表单缺少版本号，请刷新页面后重新修改"
    if not errors:
        done, errors, status = await _send(request, user, apis, institution_id, "PATCH", "",
                                           body, "changed",
                                           headers={"If-Match": f'"{version}"'})
        if done:
            return done
    return await _profile_page(request, user, apis, institution_id, status=status, values=form,
                               errors=errors, stale="" in errors and version.isdigit())


async def _post_and_show(request: Request, user: SignedInUser, apis: Apis,
                         institution_id: str, form: dict[str, Any],
                         built: tuple[dict[str, Any], dict[str, str]], suffix: str,
                         done: str) -> Response:
    """A form that posts to ``suffix`` under the institution: the profile once done, else the
    profile with the refusals beside the form's fields (named ``<done>.<field>``) and what was
    entered (``<done>_values``)."""
    body, errors = built
    status = 422
    if not errors:
        sent, errors, status = await _send(request, user, apis, institution_id, "POST", suffix,
                                           body, done)
        if sent:
            return sent
    return await _profile_page(request, user, apis, institution_id, status=status,
                               errors={f"{done}.{k}" if k else "": v for k, v in errors.items()},
                               **{f"{done}_values": form})


@router.post("/civil-affairs/institutions/{institution_id}/status")
async def change_status(institution_id: str, request: Request, user: User,
                        apis: Apis) -> Response:
    require_role(user, "civil_affairs")
    form = await check_csrf(request, user)
    return await _post_and_show(request, user, apis, institution_id[:64], form,
                                forms.status_body(form), "/status", "status")


@router.post("/civil-affairs/institutions/{institution_id}/staff-reports")
async def report_staff(institution_id: str, request: Request, user: User,
                       apis: Apis) -> Response:
    require_role(user, "civil_affairs")
    form = await check_csrf(request, user)
    return await _post_and_show(request, user, apis, institution_id[:64], form,
                                forms.staff_report_body(form), "/staff-reports", "staff")
