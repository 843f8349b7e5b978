"""Which event types a store can read, and the upcasters that bring old schemas up to date.

Stored rows are never rewritten: an event stored at schema version 1 stays so on disk and is
read through ``upcast`` functions (1→2, 2→3, …) until it reaches the current version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ._errors import UnknownEventTypeError

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class EventTypes:
    def __init__(self) -> None:
        self._current: dict[str, int] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}

    def register(self, type: str, schema_version: int = 1) -> None:
        """Declare ``type`` and the schema version new events of that type are written at."""
        if schema_version < 1:
            raise ValueError("schema versions start at 1")
        self._current[type] = schema_version

    def add_upcaster(self, type: str, from_version: int, upcaster: Upcaster) -> None:
        """``upcaster`` turns the data of ``type`` at ``from_version`` into ``from_version + 1``."""
        self._upcasters[(type, from_version)] = upcaster

    def current_version(self, type: str) -> int:
        try:
            return self._current[type]
        except KeyError:
            raise UnknownEventTypeError([(type, 0)]) from None

    def can_read(self, type: str, schema_version: int) -> bool:
        current = self._current.get(type)
        if current is None or not 1 <= schema_version <= current:
            return False
        return all((type, v) in self._upcasters for v in range(schema_version, current))

    def upcast(self, type: str, schema_version: int, data: dict[str, Any]) -> tuple[dict[str, Any], int]:
        current = self.current_version(type)
        if not self.can_read(type, schema_version):
            raise UnknownEventTypeError([(type, schema_version)])
        for version in range(schema_version, current):
            data = self._upcasters[(type, version)](data)
        return data, current

    def check_readable(self, stored: Iterable[tuple[str, int]]) -> None:
        """Raise, naming them, when any stored (type, schema version) cannot be read."""
        unknown = sorted({(t, v) for t, v in stored if not self.can_read(t, v)})
        if unknown:
            raise UnknownEventTypeError(unknown)
