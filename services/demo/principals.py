"""Who the demo acts as: the principal a request's bearer token names, and where it works."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .data import HOSPITALS, PROVINCE, SITE_BY_ID


@dataclass(frozen=True)
class Who:
    role: str
    org_id: str
    region: str


def city_of(region: str) -> str:
    return region[:4] + "00"


def social_worker(case: dict[str, Any]) -> Who:
    city = city_of(case["residence_region"])
    return Who("social_worker", f"sw-{city}", city)


def institution(institution_id: str) -> Who:
    site = SITE_BY_ID.get(institution_id)
    return Who("institution", institution_id, site.region if site else PROVINCE)


def serving(case: dict[str, Any]) -> Who:
    return institution(case["institution"]["institution_id"])


def hospital(region: str) -> Who:
    return Who("hospital", HOSPITALS[city_of(region)], city_of(region))


PLATFORM = Who("platform", "platform", PROVINCE)
CIVIL_AFFAIRS = Who("civil_affairs", "ca-hebei", PROVINCE)
AUDITOR = Who("auditor", "audit-hebei", PROVINCE)
