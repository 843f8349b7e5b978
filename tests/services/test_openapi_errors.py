"""The OpenAPI documents say, per operation, which refusals it can answer (status and problem
codes), and the Chinese word of every enumerated value."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from jingkang.common.web.error_codes import CODES

ROOT = Path(__file__).resolve().parents[2]


def document(service: str) -> dict[str, Any]:
    return json.loads((ROOT / "openapi" / f"{service}.json").read_text())


def operation(service: str, operation_id: str) -> dict[str, Any]:
    for operations in document(service)["paths"].values():
        for found in operations.values():
            if found.get("operationId") == operation_id:
                return found
    raise KeyError(operation_id)


def codes(service: str, operation_id: str) -> dict[str, list[str]]:
    return {status: response["x-problem-codes"]
            for status, response in operation(service, operation_id)["responses"].items()
            if "x-problem-codes" in response}


def test_each_operation_lists_the_refusals_it_can_answer() -> None:
    upload = codes("referral", "upload_medical_assessment")
    assert "404" not in upload  # no case yet: nothing to miss
    assert set(upload["409"]) == {"duplicate_case", "conflict"}
    assert "consent_required" in upload["422"] and "validation_error" in upload["422"]
    dispatch = codes("referral", "case_dispatch")
    assert dispatch["404"] == ["not_found"] and "precondition_failed" in dispatch["412"]
    assert "reconfirmation_required" in dispatch["409"]
    assert "agreement_required" in codes("referral", "case_service_record")["422"]
    assert "invalid_csv" in codes("registry", "import_institutions")["422"]
    assert "412" not in codes("registry", "list_institutions")
    assert "429" not in codes("referral", "read_event_feed")


@pytest.mark.parametrize("service", ["referral", "registry"])
def test_every_documented_code_is_in_the_catalogue_with_its_status(service: str) -> None:
    for operations in document(service)["paths"].values():
        for found in operations.values():
            for status, response in found["responses"].items():
                for code in response.get("x-problem-codes", []):
                    assert str(CODES[code].status) == status, (code, status)
                    assert f"`{code}`" in response["description"]


def _enums(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if isinstance(node.get("enum"), list) else []
        return found + [e for value in node.values() for e in _enums(value)]
    if isinstance(node, list):
        return [e for value in node for e in _enums(value)]
    return []


@pytest.mark.parametrize("service", ["referral", "registry"])
def test_every_enumerated_value_has_its_chinese_label(service: str) -> None:
    enums = _enums(document(service))
    assert enums
    for enum in enums:
        assert set(map(str, enum["enum"])) == set(enum["x-enum-labels"]), enum["enum"]
        assert "取值：" in enum["description"]
    if service == "referral":
        kinds = next(e for e in enums if "discharge" in e["enum"])
        assert kinds["x-enum-labels"]["discharge"] == "出院康复评估"


@pytest.mark.parametrize("service", ["referral", "registry"])
def test_no_description_cites_a_file_the_repository_does_not_hold(service: str) -> None:
    text = (ROOT / "openapi" / f"{service}.json").read_text()
    for cited in re.findall(r"(?:docs/)?[\w-]+\.md", text):
        assert (ROOT / cited).exists() or (ROOT / "docs" / cited).exists(), cited
