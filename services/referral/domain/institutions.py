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


def choose_by_residence(residence: str,
                        institutions: Iterable[Institution]) -> tuple[Institution, str] | None:
    """属地管理: an institution with room in the residence county, else in its city; least
    occupied first (ties by id, so the choice is repeatable).  Returns it and ``county``/``city``."""
    candidates = [i for i in institutions if i.has_room]
    for scope, same in (("county", lambda i: i.region == residence),
                        ("city", lambda i: city_of(i.region) == city_of(residence))):
        ranked = sorted((i for i in candidates if same(i)),
                        key=lambda i: (i.occupancy, i.active_cases, i.institution_id))
        if ranked:
            return ranked[0], scope
    return None
