"""What dispatch knows of an institution (projected from the registry's feed), and the choice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jingkang.common.domain.regions import city_of


@dataclass(frozen=True, slots=True)
class Institution:
    institution_id: str
    name: str
    region: str
    operating: bool
    accepting: bool
    capacity: int
    active_cases: int

    @property
    def has_room(self) -> bool:
        return self.operating and self.accepting and self.active_cases < self.capacity

    @property
    def occupancy(self) -> float:
        return self.active_cases / self.capacity if self.capacity else 1.0


def placement_order(residence: str, institutions: Iterable[Institution]
                    ) -> list[tuple[Institution, str]]:
    """属地管理: the institutions of the residence county, then the rest of its city, each
    least occupied first (ties by id, so the order is repeatable), with ``county``/``city``.
    Those without room stay in the list: the platform sees them, dispatch passes them by."""
    county = [i for i in institutions if i.region == residence]
    city = [i for i in institutions
            if i.region != residence and city_of(i.region) == city_of(residence)]
    return [(institution, scope) for scope, group in (("county", county), ("city", city))
            for institution in sorted(group, key=lambda i: (i.occupancy, i.active_cases,
                                                            i.institution_id))]


def choose_by_residence(residence: str,
                        institutions: Iterable[Institution]) -> tuple[Institution, str] | None:
    """The first institution with room in the placement order, with its scope (``county`` or
    ``city``); None when none has room."""
    return next(((i, scope) for i, scope in placement_order(residence, institutions)
                 if i.has_room), None)
