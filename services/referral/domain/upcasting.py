"""Older stored forms of case events, read as the current models: each function turns the data
of one schema version into the next (``EventTypes.add_upcaster``); stored rows never change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


def _relocation_pushed_v1(data: dict[str, Any]) -> dict[str, Any]:
    """v1 pushes did not carry the receiving institution's name."""
    return {**data, "target_institution_name": None}


# (event type, schema version read) → the function that gives the next version
UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("RelocationPushed", 1): _relocation_pushed_v1,
}
