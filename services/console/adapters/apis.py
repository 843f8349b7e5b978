"""The referral and registry APIs over HTTP, each call with a bearer token of the signed-in
user's own claims (role, organisation, region), so the APIs' rules apply unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from ..application.ports import ApiAnswer, ServiceApis
from ..domain.accounts import Account


class HttpServiceApis(ServiceApis):
    def __init__(self, urls: dict[str, str], token_for: Callable[[Account], str],
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._clients = {name: httpx.AsyncClient(base_url=url.rstrip("/"), timeout=30,
                                                 transport=transport)
                         for name, url in urls.items()}
        self._token_for = token_for

    async def call(self, account: Account, method: str, service: str, path: str, *,
                   params: dict[str, Any] | None = None, json: Any = None,
                   headers: dict[str, str] | None = None,
                   content: bytes | None = None) -> ApiAnswer:
        sent = {"Authorization": f"Bearer {self._token_for(account)}",
                "Accept-Language": "zh-CN", **(headers or {})}
        try:
            response = await self._clients[service].request(
                method, path, params=params, json=json, content=content, headers=sent)
        except httpx.HTTPError as exc:
            return ApiAnswer(503, {"code": "unavailable", "detail": str(exc)})
        try:
            body = response.json()
        except ValueError:  # a spreadsheet, say: its bytes are in ``content``
            body = {"code": "not_json", "detail": response.text[:200]}
        return ApiAnswer(response.status_code, body, dict(response.headers), response.content)

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()
