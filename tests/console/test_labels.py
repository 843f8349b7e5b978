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
