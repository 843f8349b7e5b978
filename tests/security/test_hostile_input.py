"""Hostile input at the edge of both services: characters PostgreSQL cannot store or no id may
hold, and numbers and lengths beyond what the columns take — each refused with a 4xx naming the
field, never a 500, and nothing stored.

Two halves: every string field of every request body model, checked without a server (the
models are the services' request bodies, so this covers every field of every endpoint); and
the running services on each engine, with the inputs that answered 500 or were stored before.
"""

from __future__ import annotations

import base64
import json
import types
import typing
from collections.abc import Iterator
from typing import Any

from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from jingkang.common.domain.text import CheckedStrings
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.entrypoints.app import create_app as create_registry

from ..registry.conftest import System, _last_position, token
from ..registry.scenario import INSTITUTIONS, id_number, institution_body

AUDITOR = token("auditor", "audit", "130000")
HOSPITAL = token("hospital", "hosp-1", "130100")
CIVIL_AFFAIRS = token("civil_affairs", "ca-hebei", "130000")
BAD = {"NUL": "\x00三", "control": "三\x01", "escape": "\x1b[2J", "DEL": "三\x7f"}


# --- every string field of every body model -----------------------------------------------


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router
            yield from api_routes(route.original_router.routes)


def body_models() -> dict[str, type[BaseModel] | None]:
    """'METHOD path' → the model of its JSON body, for every route that takes a body."""
    models = {}
    for app in (create_referral(), create_registry()):
        for route in api_routes(app.routes):
            for method in route.methods & {"POST", "PUT", "PATCH"}:
                field = route.body_field
                models[f"{method} {route.path}"] = field.field_info.annotation if field else None
    return models


def _leaves(annotation: Any) -> Iterator[tuple[Any, bool]]:
    """(leaf type, inside a list) of an annotation: Optional, unions and Annotated unwrapped."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _leaves(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _leaves(arg)
    elif origin in (list, tuple, set, frozenset):
        for leaf, _ in _leaves(typing.get_args(annotation)[0]):
            yield leaf, True
    else:
        yield annotation, False


def string_fields(model: type[BaseModel], path: tuple[Any, ...] = ()
                  ) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """(where to put a value in a body, the error location naming that field) for every
    plain string field, nested models and lists of them included."""
    for name, field in model.model_fields.items():
        for leaf, in_list in _leaves(field.annotation):
            here = (*path, name, *((0,) if in_list else ()))
            if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                yield from string_fields(leaf, here)
            elif leaf is str:
                yield here, (*path, name)  # the field's check names the field, not the item


def put(body: dict[str, Any], where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    node: Any = body
    for key, next_key in zip(where, where[1:], strict=False):
        if isinstance(node, list):
            node.append({} if not isinstance(next_key, int) else [])
            node = node[-1]
        else:
            node = node.setdefault(key, [] if isinstance(next_key, int) else {})
    if isinstance(node, list):
        node.append(value)
    else:
        node[where[-1]] = value
    return body


def errors_at(model: type[BaseModel], body: dict[str, Any], loc: tuple[Any, ...]) -> list[str]:
    try:
        model.model_validate(body)
    except ValidationError as exc:
        return [e["msg"] for e in exc.errors() if e["loc"][:len(loc)] == loc]
    return []


def test_every_body_is_a_checked_model() -> None:
    """Every route that takes a body takes a model deriving from CheckedStrings; the CSV
    import (text/csv) builds RegisterInstitution commands, checked the same way; a report's
    scan is bytes, checked by its type's signature and its size."""
    models = body_models()
    assert models.pop("POST /v1/institutions/imports") is None
    assert models.pop("POST /v1/report-scans") is None
    assert len(models) == 27, sorted(models)
    unchecked = [route for route, model in models.items()
                 if not (isinstance(model, type) and issubclass(model, CheckedStrings))]
    assert not unchecked


def test_every_string_field_refuses_what_postgresql_cannot_store() -> None:
    """NUL, control characters, escapes, DEL and a lone surrogate in every string field of
    every body (370 hostile inputs): refused at that field.  Line breaks are refused in names,
    ids, codes and relations, and accepted in free text."""
    seen, refused, multiline = 0, 0, set()
    for route, model in body_models().items():
        if model is None:
            continue
        for where, loc in string_fields(model):
            for value in [*BAD.values(), "\ud800"]:
                seen += 1
                refused += bool(errors_at(model, put({}, where, value), loc))
            if not errors_at(model, put({}, where, "第一行\n第二行\t"), loc):
                multiline.add((model.__name__, loc[-1]))
    assert refused == seen == 370, (refused, seen)
    assert multiline == {
        ("SubmitApplication", "needs"), ("Review", "needs_assessment"), ("Review", "reason"),
        ("Reconfirm", "situation"), ("Acceptance", "reason"), ("Evaluation", "opinion"),
        ("Evaluation", "plan"), ("ServiceRecord", "notes"),
        ("Reassessment", "rehabilitation_effect"), ("Reassessment", "disease_state"),
        ("Reassessment", "self_care"), ("Relocation", "reason"), ("Relapse", "reason"),
        ("HospitalReturn", "notes"), ("Exit", "notes"), ("Withdrawal", "notes"),
        ("FollowUp", "outcome"), ("Erasure", "reason"),
        ("UploadMedicalAssessment", "recommendation")}, sorted(multiline)


# --- the running services, on each engine -------------------------------------------------


def upload(s: System, serial: int, **person: Any) -> dict[str, Any]:
    day = s.clock.today
    return {"person": {"name": "张三", "id_number": id_number(serial),
                       "guardian": {"name": "李四", "relation": "母亲"}, **person},
            "residence_region": "130102", "assessment_kind": "discharge", "assessed_on": day,
            "diagnosis": "精神分裂症", "risk_level": 1, "recommendation": "病情稳定\n建议社区康复",
            "consents": [{"purpose": "referral_upload", "given_by": who, "given_on": day}
                         for who in ("patient", "guardian")]}


async def heads(s: System) -> tuple[int, int]:
    return await _last_position(s.referral_db), await _last_position(s.registry_db)


def refused_field(answer: Any, status: int, field: str) -> None:
    assert answer.status_code == status, (answer.request.url, answer.text)
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert field.lower() in [e["field"].lower() for e in body.get("errors", [])], body


async def test_control_characters_in_bodies_are_refused_and_store_nothing(
        system: System) -> None:
    """An upload with NUL in the name was stored (201) and stopped the registry's archive on
    PostgreSQL; an institution with NUL in its name answered 500.  22 hostile bodies."""
    s = system
    r, g = s.referral.http, s.registry.http
    guardian = {"name": "李四", "relation": "母亲"}
    before = await heads(s)
    for label, value in BAD.items():
        for field, person in (("person.name", {"name": value}),
                              ("person.guardian.relation", {"guardian": {**guardian,
                                                                          "relation": value}}),
                              ("person.guardian.name", {"guardian": {**guardian, "name": value}}),
                              ("person.address", {"address": f"长安区{value}"})):
            answer = await r.post("/v1/referrals/medical-assessments",
                                  json=upload(s, 1, **person), headers=HOSPITAL)
            refused_field(answer, 422, field)
        answer = await g.post("/v1/institutions", headers=CIVIL_AFFAIRS,
                              json=institution_body(INSTITUTIONS[0], 1) | {"name": value})
        refused_field(answer, 422, "name")
    # A lone surrogate, as JSON escapes it: text no database can encode.
    raw = json.dumps(upload(s, 1)).replace("\\u5f20\\u4e09", "\\ud800", 1).encode()
    assert b"\\ud800" in raw
    answer = await r.post("/v1/referrals/medical-assessments", content=raw,
                          headers={**HOSPITAL, "Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    # A NUL in a CSV cell becomes the same refused command.
    body = institution_body(INSTITUTIONS[0], 2)
    csv = ("institution_id,name,credit_code,region,address,level,kind,area,capacity\n"
           f"imp-1,站\x00点,{body['credit_code']},130102,地址,township,station,urban,5\n")
    answer = await g.post("/v1/institutions/imports", content=csv.encode(),
                          headers={**CIVIL_AFFAIRS, "Content-Type": "text/csv"})
    assert answer.status_code == 422, answer.text
    assert "U+0000" in answer.text
    assert await heads(s) == before
    # Free text keeps its line breaks; the same upload without the bad characters is stored.
    case = await s.referral.post("/v1/referrals/medical-assessments", upload(s, 1), HOSPITAL, 201)
    assert case["state"] == "registered"


async def test_control_characters_in_paths_queries_and_headers_are_refused(
        system: System) -> None:
    """11 hostile requests: a control character in a query parameter (named in the answer),
    in a path, and in a header value that reaches the database."""
    s = system
    r, g = s.referral.http, s.registry.http
    for http, path, name in ((r, "/v1/cases", "state"), (r, "/v1/cases", "institution_id"),
                             (g, "/v1/archives/patients", "institution_id"),
                             (r, "/v1/audit/access-log", "actor"),
                             (g, "/v1/audit/access-log", "case")):
        for value in ("\x00", "a\x01b"):
            refused_field(await http.get(path, params={name: value}, headers=AUDITOR), 422, name)
    refused_field(await r.get("/v1/cases/abc%00def", headers=AUDITOR), 422, "path")


async def test_out_of_range_numbers_ids_and_cursors_are_4xx_and_recorded(
        system: System) -> None:
    """What answered 500 on PostgreSQL (and the feed cursor on SQLite too): a version beyond
    int32, ids longer than the access log's column (the 401 and 403 refusals were lost with
    a 500), feed cursors beyond bigint, forged list cursors and If-Match versions.  45 hostile
    requests; the refusals of the long ids are in the access log."""
    s = system
    r, g = s.referral.http, s.registry.http
    case = await s.referral.post("/v1/referrals/medical-assessments", upload(s, 3), HOSPITAL, 201)
    case_id = case["case_id"]
    refused_field(await r.get(f"/v1/cases/{case_id}", params={"version": 2**31},
                              headers=AUDITOR), 422, "version")
    assert (await r.get(f"/v1/cases/{case_id}", params={"version": 2**31 - 1},
                        headers=AUDITOR)).status_code == 200

    long_id = "x" * 101
    paths = [(r, f"/v1/cases/{long_id}"), (r, f"/v1/cases/{long_id}/events"),
             (r, f"/v1/cases/{long_id}/integrity"), (g, f"/v1/archives/patients/{long_id}"),
             (g, f"/v1/archives/institutions/{long_id}"), (g, f"/v1/institutions/{long_id}"),
             (g, f"/v1/institutions/{long_id}/events")]
    for http, path in paths:
        assert (await http.get(path, headers=AUDITOR)).status_code == 422
        assert (await http.get(path)).status_code == 401
        assert (await http.get(path, headers=HOSPITAL)).status_code in (403, 422)
    for http in (r, g):
        logged = await http.get("/v1/audit/access-log", headers=AUDITOR,
                                params={"case": long_id[:100], "outcome": "refused"})
        assert logged.status_code == 200, logged.text
        assert {e["status"] for e in logged.json()["items"]} >= {401}

    for http in (r, g):
        for cursor in ("1:99999999999999999999", "99999999999999999999:1",
                       f"1:{2**63}", f"{2**63}:0"):
            refused_field(await http.get("/v1/events", params={"after": cursor},
                                         headers=AUDITOR), 422, "after")
        assert (await http.get("/v1/events", params={"after": f"{2**63 - 1}:0"},
                               headers=AUDITOR)).status_code == 200
    for forged in ([{"a": 1}, "2026-06-01", "x"], [10**20, None, "x"], [0, 7, "x"],
                   [0, "not a time", "x"], [0, None, "x\x00"], [0, None, {"a": 1}]):
        cursor = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
        for due in (None, "review"):
            refused_field(await r.get("/v1/cases", params={"cursor": cursor, "due": due} if due
                                      else {"cursor": cursor}, headers=AUDITOR), 422, "cursor")
    for version in ('"2147483648"', '"99999999999999999999"', '"٣"'.encode()):
        answer = await r.post(f"/v1/cases/{case_id}/hospital-returns", headers={
            **HOSPITAL, "If-Match": version}, json={"discharged_on": s.clock.today})
        refused_field(answer, 422, "If-Match")
