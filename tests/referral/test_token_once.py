"""A request's bearer token is verified once: the rate limit, the route's role check and the
access log all read the principal the first of them verified (the decode is a sixth of an
upload's CPU under load)."""

from __future__ import annotations

import pytest

from jingkang.common.web.auth import TokenVerifier

from .conftest import Api, token
from .payloads import upload


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = TokenVerifier.verify

    def counting(self: TokenVerifier, raw: str):
        seen.append(raw)
        return original(self, raw)

    monkeypatch.setattr(TokenVerifier, "verify", counting)
    return seen


async def test_an_upload_and_a_read_each_verify_their_token_once(
        api: Api, verifications: list[str]) -> None:
    hospital = token("hospital", "hosp-1")
    verifications.clear()
    created = await api.post("/v1/referrals/medical-assessments", upload(701), hospital, 201)
    assert len(verifications) == 1
    verifications.clear()
    await api.get(f"/v1/cases/{created['case_id']}", hospital)
    assert len(verifications) == 1
