"""Request-scoped inputs: the acting principal, request ids, Idempotency-Key and If-Match."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from jingkang.common.domain.actor import Actor
from jingkang.common.web.auth import CurrentPrincipal
from jingkang.common.web.problems import Problem

from ..application.service import CaseService
from ..domain.lifecycle import MOVES

async def actor_of(principal: CurrentPrincipal) -> Actor:
    return Actor(principal.sub, principal.role, principal.org_id, principal.region,
                 principal.issuer)


CurrentActor = Annotated[Actor, Depends(actor_of)]


async def service_of(request: Request) -> CaseService:
    return request.app.state.runtime.cases


Service = Annotated[CaseService, Depends(service_of)]


def roles_for(action: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.value for m in MOVES if m.action == action for r in m.roles))


def require_action(action: str):  # noqa: ANN201 - a FastAPI dependency
    allowed = roles_for(action)

    # On the principal, not on ``CurrentActor``: one dependency less to solve per command.
    async def check(principal: CurrentPrincipal) -> Actor:
        if principal.role not in allowed:
            raise Problem(403, "forbidden_role", "Role not allowed",
                          f"role {principal.role!r} may not take action {action!r}; "
                          f"allowed: {', '.join(allowed)}")
        return await actor_of(principal)

    return check
