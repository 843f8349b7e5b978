"""What the hospital's upload and the social worker's application share once their form is
right: the call, then the new case's page, or the refusals beside their fields and, for a
person with an open case, a link to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.responses import Response

from ...domain.refusals import field_errors
from ..web import SignedInUser, see_other


@dataclass
class Refused:
    status: int
    errors: dict[str, str]
    duplicate: str = ""  # the open case of the same person


async def submit_referral(apis: Any, user: SignedInUser, path: str,
                          body: dict[str, Any]) -> Response | Refused:
    answer = await apis.call(user.account, "POST", "referral", path, json=body)
    if answer.ok:
        return see_other(f"/cases/{answer.body['case_id']}")
    duplicate = answer.body.get("case_id", "") if answer.body.get("code") == "duplicate_case" \
        else ""
    return Refused(answer.status, field_errors(answer.body), str(duplicate))
