"""GET /v1/cases?sort=: newest or oldest updated first, page by page, on both engines; a bad
value, or a sort with a queue's own order, refused naming the field."""

from __future__ import annotations

from . import payloads as p
from .conftest import Api


async def _three_cases(api: Api) -> list[str]:
    made = []
    for serial in range(3):
        made.append((await api.post("/v1/referrals/medical-assessments", p.upload(serial),
                                    p.HOSPITAL, 201))["case_id"])
        api.clock.advance(days=1)
    return made


async def _walk(api: Api, **params: str) -> list[str]:
    seen: list[str] = []
    cursor: dict[str, str] = {}
    while True:
        page = await api.get("/v1/cases", p.PLATFORM, limit=2, **params, **cursor)
        seen += [case["case_id"] for case in page["items"]]
        if not page["next_cursor"]:
            return seen
        cursor = {"cursor": page["next_cursor"]}


async def test_sort_orders_by_the_last_update_either_way_across_pages(api: Api) -> None:
    made = await _three_cases(api)
    assert await _walk(api) == made[::-1]
    assert await _walk(api, sort="-updated_at") == made[::-1]
    assert await _walk(api, sort="updated_at") == made


async def test_a_bad_sort_is_refused_naming_the_field(api: Api) -> None:
    for params in ({"sort": "name"}, {"sort": "updated_at", "due": "dispatch"}):
        response = await api.http.get("/v1/cases", params=params, headers=p.PLATFORM)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert "sort" in [e["field"] for e in response.json()["errors"]]
