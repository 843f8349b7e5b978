"""The console says what the OpenAPI documents say: one table of the API's words."""

from __future__ import annotations

import pytest

from jingkang.common.domain.enum_labels import LABELS
from jingkang.console.domain import labels

VOCABULARIES = ("DEADLINES", "ASSESSMENT_KINDS", "CHANNELS", "EXIT_DESTINATIONS",
                "WITHDRAWAL_REASONS")


@pytest.mark.parametrize("name", VOCABULARIES)
def test_the_console_words_for_api_values_are_the_openapi_words(name: str) -> None:
    vocabulary = getattr(labels, name)
    assert vocabulary, name
    assert {value: LABELS[value] for value in vocabulary} == vocabulary


def test_a_third_party_channel_reads_as_in_the_api_documents() -> None:
    assert labels.CHANNELS["third_party"] == "第三方报告"


def test_a_value_that_means_another_thing_in_another_vocabulary_has_its_own_word() -> None:
    import json
    from pathlib import Path

    from jingkang.common.domain.enum_labels import REPORTER_KINDS

    assert REPORTER_KINDS["individual"] == "个人"  # a person who reports, not 个别服务
    schema = json.loads((Path(__file__).resolve().parents[2] / "openapi/referral.json")
                        .read_text(encoding="utf-8"))["components"]["schemas"]["ReporterKind"]
    assert schema["x-enum-labels"]["individual"] == "个人"
