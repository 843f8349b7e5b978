"""Who acts: the principal a verified token names, as both services' domains see it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    sub: str
    role: str
    org_id: str
    region: str
    issuer: str = ""  # with sub, org_id and role: whose stored answers are whose
