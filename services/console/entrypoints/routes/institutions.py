"""民政工作台 服务机构库: the institutions of the official's region, filtered as the registry's
``GET /v1/institutions`` filters them; registering one; importing a CSV file of them, with
the registry's line-by-line refusals shown in Chinese."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from ...domain import institution_forms as forms
from ...domain.registry_refusals import import_problems, registry_errors
from ..web import Apis, SignedInUser, User, check_csrf, page, require_role, see_other

router = APIRouter(include_in_schema=False)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the registry's own limit, checked before sending
VOCABULARY = {"LEVELS": forms.LEVELS, "KINDS": forms.KINDS, "AREAS": forms.AREAS,
              "STATUSES": forms.STATUSES, "SERVICES": forms.SERVICES, "FORMS": forms.FORMS}


def _filters(request: Request, user: SignedInUser) -> tuple[dict[str, str], dict[str, str]]:
    """The list's filters as asked (the official's own region unless another is named), and
    a refusal for a region that is no six-digit code, before anything is asked."""
    asked = {name: request.query_params.get(name, "").strip()[:64] for name in forms.FILTERS}
    if "region" not in request.query_params:
        asked["region"] = user.account.region[:6]
    errors = {}
    if asked["region"] and not (asked["region"].isdigit() and len(asked["region"]) == 6):
        errors["region"] = "行政区划代码应为6位数字，如 130102"
    return asked, errors


def _params(filters: dict[str, str], cursor: str) -> dict[str, str]:
    params = {name: value for name, value in filters.items() if value}
    if "accepting" in params:
        params["accepting"] = "true" if params["accepting"] == "1" else "false"
    return {**params, **({"cursor": cursor} if cursor else {})}


async def _listing(request: Request, user: SignedInUser, apis: Apis, *, status: int = 200,
                   **context: Any) -> HTMLResponse:
    filters, errors = _filters(request, user)
    listing: dict[str, Any] | None = None
    if not errors:
        cursor = request.query_params.get("cursor", "")[:64]
        answer = await apis.call(user.account, "GET", "registry", "/v1/institutions",
                                 params=_params(filters, cursor))
        listing = answer.body if answer.ok else None
        if not answer.ok:
            errors = {f"filter.{k}" if k else "": v
                      for k, v in registry_errors(answer.body).items()}
    filter_errors = {k.removeprefix("filter."): v for k, v in errors.items()}
    context.setdefault("values", {"accepting": "1", "level": "township", "area": "urban"})
    context.setdefault("errors", {})
    return page(request, "institutions.html", user, status=422 if errors and status == 200
                else status, filters=filters, filter_errors=filter_errors, listing=listing,
                title="服务机构库", vocabulary=VOCABULARY, **VOCABULARY, **context)


@router.get("/civil-affairs/institutions")
async def institutions(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "civil_affairs")
    return await _listing(request, user, apis)


@router.post("/civil-affairs/institutions")
async def register(request: Request, user: User, apis: Apis) -> Response:
    require_role(user, "civil_affairs")
    form = await check_csrf(request, user)
    body, errors = forms.registration_body(form)
    status = 422
    if not errors:
        answer = await apis.call(user.account, "POST", "registry", "/v1/institutions", json=body)
        if answer.ok:
            return see_other(f"/civil-affairs/institutions/{answer.body['institution_id']}"
                             "?done=registered")
        errors = registry_errors(answer.body, body)
        status = answer.status if answer.status < 500 else 502
    return await _listing(request, user, apis, status=status, values=form, errors=errors)


async def _upload(form: dict[str, Any]) -> tuple[bytes, str]:
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return b"", "请选择要导入的 CSV 文件"
    raw = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(raw) > MAX_UPLOAD_BYTES:
        return b"", "文件过大（不超过5 MB）"
    if not raw.strip():
        return b"", "文件是空的"
    return raw, ""


@router.post("/civil-affairs/institutions/imports")
async def import_file(request: Request, user: User, apis: Apis) -> HTMLResponse:
    """The file goes to the registry as it is (UTF-8 or GBK: the registry decodes it)."""
    require_role(user, "civil_affairs")
    form = await check_csrf(request, user)
    raw, refusal = await _upload(form)
    if refusal:
        return await _listing(request, user, apis, status=422, import_errors={"file": refusal})
    answer = await apis.call(user.account, "POST", "registry", "/v1/institutions/imports",
                             content=raw, headers={"Content-Type": "text/csv"})
    if answer.ok:
        return await _listing(request, user, apis, imported=answer.body,
                              warnings=import_problems({"errors": answer.body.get("warnings")}))
    problems = [p for p in import_problems(answer.body) if p["line"] is not None]
    if problems:
        lines = len({p["line"] for p in problems})
        refusal = f"文件中有{lines}行有误，没有导入任何机构；请按下表逐行改正后重新导入"
    else:
        errors = registry_errors(answer.body)
        refusal = errors.get("file") or next(iter(errors.values()))
    return await _listing(request, user, apis, status=answer.status if answer.status < 500
                          else 502, import_problems=problems, import_errors={"file": refusal})
