"""The committed OpenAPI documents are what the code serves."""

from __future__ import annotations

import pytest

from jingkang.cli import OPENAPI_DIR, openapi_document, openapi_text


@pytest.mark.parametrize("service", ["referral", "registry"])
def test_committed_document_matches_the_code(service: str) -> None:
    committed = (OPENAPI_DIR / f"{service}.json").read_text(encoding="utf-8")
    assert committed == openapi_text(service), "run `jingkang openapi` and commit openapi/"


@pytest.mark.parametrize("service", ["referral", "registry"])
def test_every_operation_has_a_stable_id_and_every_field_a_description(service: str) -> None:
    document = openapi_document(service)
    operation_ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(operation_ids) == len(set(operation_ids))
    assert "read_event_feed" in operation_ids
    for name, schema in document["components"]["schemas"].items():
        if name.startswith(("HTTPValidationError", "ValidationError")):
            continue  # FastAPI's own
        for field, spec in schema.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"
