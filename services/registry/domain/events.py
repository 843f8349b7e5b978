"""Registry events: past tense, frozen, each complete enough to read on its own.

The referral service's dispatch directory follows ``InstitutionRegistered``,
``InstitutionChanged`` (``changes``: the new values of the changed fields) and
``InstitutionStatusChanged`` on this service's feed; keep those three fields stable.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from jingkang.common.domain.vocabulary import ServiceForm, ServiceType

from .commands import Contact, Price, StaffLine, Team
from .vocabulary import Area, Kind, Level, Status, StatusAction

EVENT_TYPES: dict[str, type[RegistryEvent]] = {}


class RegistryEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    SCHEMA_VERSION: ClassVar[int] = 1

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        EVENT_TYPES[cls.__name__] = cls

    @property
    def type(self) -> str:
        return type(self).__name__


class InstitutionRegistered(RegistryEvent):
    institution_id: str
    name: str
    credit_code: str
    region: str
    township_code: str | None
    township_name: str | None
    address: str
    level: Level
    kind: Kind
    area: Area
    capacity: int
    accepting: bool
    services: list[ServiceType]
    forms: list[ServiceForm]
    prices: list[Price]
    contact: Contact | None
    opened_on: date | None
    status: Status
    registered_at: datetime


class InstitutionChanged(RegistryEvent):
    institution_id: str
    changes: dict[str, Any]


class InstitutionStatusChanged(RegistryEvent):
    institution_id: str
    action: StatusAction
    status: Status
    reason: str


class StaffReported(RegistryEvent):
    institution_id: str
    period: str
    lines: list[StaffLine]


class BaselineRecorded(RegistryEvent):
    """摸底 figures of a region for a period; a later one for the same period corrects it."""

    region: str
    period: str
    total_patients: int
    severe_at_home_police: int
    severe_at_home_health: int
    general_at_home: int
    psychiatric_medical_staff: int
    purchased_teams: list[Team]
    funding_10k_cny: Decimal


class ScanRef(BaseModel):
    """The scan of the signed and stamped paper form, by its SHA-256 (the bytes are stored
    once, in ``report_scans``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sha256: str
    media_type: str
    size: int


class ReportDrafted(RegistryEvent):
    """A region's report begun: who fills it in and who answers for it, before submission."""

    region: str
    period: str
    form: str
    filled_by: str
    phone: str
    responsible: str


class ReportSubmitted(RegistryEvent):
    """A version of a region's report sent up the chain, its figures frozen as they were
    (``source``: the live figures, or the children's accepted reports)."""

    region: str
    period: str
    form: str
    version: int
    source: str
    figures: dict[str, Any]
    filled_by: str
    phone: str
    responsible: str
    submitted_at: datetime
    scan: ScanRef | None = None


class ReportReturned(RegistryEvent):
    """退回: the level above sends a submitted version back to be corrected."""

    region: str
    period: str
    form: str
    version: int
    reason: str
    returned_at: datetime


class ReportAccepted(RegistryEvent):
    """The level above accepts a submitted version: the report is locked."""

    region: str
    period: str
    form: str
    version: int
    accepted_at: datetime
