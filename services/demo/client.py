"""Talking to the services: both HTTP clients, the principals' tokens, and how an unexpected
answer is described."""

from __future__ import annotations

import httpx

from jingkang.common.web.auth import mint_token

from .data import KEY_PREFIX
from .principals import Who


class Failed(Exception):
    """A request answered something the demo did not expect."""


class Services:
    """Both services' HTTP clients and the tokens of the principals the demo acts as."""

    def __init__(self, referral_url: str, registry_url: str, secret: str) -> None:
        self.referral = httpx.Client(base_url=referral_url.rstrip("/"), timeout=30)
        self.registry = httpx.Client(base_url=registry_url.rstrip("/"), timeout=30)
        self._secret = secret
        self._tokens: dict[Who, str] = {}

    def close(self) -> None:
        self.referral.close()
        self.registry.close()

    def headers(self, who: Who, key: str | None = None) -> dict[str, str]:
        if who not in self._tokens:
            self._tokens[who] = mint_token(self._secret, sub=f"demo-{who.role}-{who.org_id}",
                                           role=who.role, org_id=who.org_id, region=who.region)
        headers = {"Authorization": f"Bearer {self._tokens[who]}"}
        if key:
            headers["Idempotency-Key"] = f"{KEY_PREFIX}-{key}"
        return headers


def problem_code(response: httpx.Response) -> str | None:
    try:
        return response.json().get("code")
    except ValueError:
        return None


def describe(response: httpx.Response) -> str:
    try:
        body = response.json()
        detail = body.get("detail") or body.get("title") or ""
        return f"{response.status_code} {body.get('code', '')}: {detail}"[:300]
    except ValueError:
        return f"{response.status_code}: {response.text[:200]}"


# --- the registry half --------------------------------------------------------------------
