"""What the OpenAPI documents say beyond the routes: for each operation the refusals it can
answer, by status, with the problem ``code``s of each (from the catalogue, ``error_codes``);
and the Chinese word for every enumerated value (``x-enum-labels``, ``enum_labels``)."""

from __future__ import annotations

from typing import Any

from jingkang.common.domain.enum_labels import labels_for
from jingkang.common.web.error_codes import CODES

MEDIA_TYPE = "application/problem+json"
PROBES = ("/healthz", "/readyz", "/metrics")
_CASE_COMMAND = {"invalid_transition", "conflict", "precondition_failed"}
_AT_INSTITUTION = _CASE_COMMAND | {"not_case_institution"}
_INSTITUTION_CHANGE = {"out_of_scope", "precondition_failed", "busy", "invalid_transition"}
_REPORT_STEP = {"out_of_scope", "invalid_transition", "precondition_failed", "busy"}
# The refusals particular to an operation, beyond those its shape gives it (codes_of).
SPECIFIC: dict[str, set[str]] = {
    "upload_medical_assessment": {"duplicate_case", "consent_required", "conflict"},
    "submit_application": {"duplicate_case", "consent_required", "conflict"},
    "case_review": _CASE_COMMAND,
    "case_reconfirmation": _CASE_COMMAND,
    "case_dispatch": _CASE_COMMAND | {"consent_required", "reconfirmation_required"},
    "case_acceptance": _AT_INSTITUTION,
    "case_evaluation": _AT_INSTITUTION,
    "case_agreement": _AT_INSTITUTION | {"consent_required"},
    "case_service_record": _AT_INSTITUTION | {"agreement_required"},
    "case_reassessment": _AT_INSTITUTION,
    "case_relocation": _AT_INSTITUTION | {"consent_required"},
    "case_relapse": _AT_INSTITUTION,
    "case_hospital_return": _CASE_COMMAND,
    "case_exit": _AT_INSTITUTION | {"exit_not_recommended"},
    "case_withdrawal": _CASE_COMMAND,
    "case_follow_up": _AT_INSTITUTION,
    "case_consent": _CASE_COMMAND,
    "erase_person": {"open_case", "already_erased"},
    # the ledger: a service that signs no checkpoints, or an event or size not in the log
    "get_ledger_key": {"not_found"},
    "get_latest_checkpoint": {"not_found"},
    "prove_inclusion": {"not_found"},
    "prove_consistency": {"not_found"},
    "register_institution": {"out_of_scope", "duplicate_institution"},
    "import_institutions": {"out_of_scope", "duplicate_institution", "invalid_csv"},
    "change_institution": _INSTITUTION_CHANGE,
    "change_institution_status": _INSTITUTION_CHANGE,
    "report_staff": _INSTITUTION_CHANGE,
    "record_baseline": {"out_of_scope", "busy"},
    "get_institution_archive": {"out_of_scope"},
    "progress_summary": {"out_of_scope"},
    "outcomes": {"out_of_scope"},
    "coverage": {"out_of_scope"},
    "reports_due": {"out_of_scope"},
    "show_report": {"out_of_scope"},
    "draft_report": _REPORT_STEP,
    "submit_report": _REPORT_STEP,
    "return_report": _REPORT_STEP,
    "accept_report": _REPORT_STEP,
    "report_version": {"out_of_scope"},
    "compare_report": {"out_of_scope"},
    "store_report_scan": {"out_of_scope"},
    "report_scan": {"out_of_scope"},
}


def codes_of(path: str, method: str, operation_id: str) -> set[str]:
    """The problem codes an operation can answer."""
    codes = {"validation_error", "unavailable", "unauthenticated", "invalid_token",
             "forbidden_role", "internal_error"}
    if path != "/v1/events":  # the feed is exempt from the rate limit (docs/security.md)
        codes.add("rate_limited")
    if "{" in path:
        codes.add("not_found")
    if method in ("post", "put", "patch"):
        codes |= {"payload_too_large", "request_timeout"}
    if method == "post":
        codes.add("idempotency_key_reused")
    return codes | SPECIFIC.get(operation_id, set())


def _describe(codes: list[str]) -> str:
    return "; ".join(f"`{code}` {CODES[code].title_zh} ({CODES[code].title_en})"
                     for code in codes)


def document_operations(schema: dict[str, Any],
                        examples: dict[str, Any]) -> dict[str, Any]:
    """Each operation's refusals by status, each naming its codes; each request body's
    example; the enums labelled."""
    schemas = schema.get("components", {}).get("schemas", {})
    for name, example in examples.items():
        if name in schemas:
            schemas[name]["examples"] = [example]
    for path, operations in schema.get("paths", {}).items():
        if path in PROBES:
            continue
        for method, operation in operations.items():
            responses = {status: response for status, response in
                         operation.get("responses", {}).items()
                         if not (status.startswith(("4", "5")))}
            by_status: dict[str, list[str]] = {}
            for code in sorted(codes_of(path, method, operation.get("operationId", ""))):
                by_status.setdefault(str(CODES[code].status), []).append(code)
            for status, codes in by_status.items():
                responses[status] = {
                    "description": _describe(codes),
                    "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    "x-problem-codes": codes,
                }
            operation["responses"] = dict(sorted(responses.items()))
            _body_example(operation, examples)
    _label_enums(schema)
    return schema


def _body_example(operation: dict[str, Any], examples: dict[str, Any]) -> None:
    """The example on the request body itself, which is what "Try it out" fills in."""
    for media in operation.get("requestBody", {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if name in examples:
            media["example"] = examples[name]


def _label_enums(node: Any) -> None:
    if isinstance(node, dict):
        values = node.get("enum")
        if isinstance(values, list):
            labels = labels_for(values, str(node.get("title") or ""))
            if labels:
                node["x-enum-labels"] = labels
                listed = "；".join(f"{value} {label}" for value, label in labels.items())
                said = str(node.get("description") or "").rstrip(".。 ")
                node["description"] = f"{said}。取值：{listed}" if said else f"取值：{listed}"
        for value in node.values():
            _label_enums(value)
    elif isinstance(node, list):
        for value in node:
            _label_enums(value)
