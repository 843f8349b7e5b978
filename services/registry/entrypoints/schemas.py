"""Response bodies of the registry API (request bodies are the domain's commands)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class StaffFiguresOut(BaseModel):
    period: str
    headcount: int
    qualified: int
    qualified_share: float | None = Field(description="专业人员占比")
    qualified_share_target: float
    qualified_share_met: bool | None
    certified: int
    purchased_medical: int
    purchased_social_workers: int
    direct_service: int
    direct_service_under_training_hours: int = Field(
        description="直接服务人员中年度培训不足 20 小时的人数")
    training_hours_target: int


class InstitutionOut(BaseModel):
    """服务机构档案 an institution's profile."""

    institution_id: str
    name: str
    credit_code: str
    region: str
    township_code: str | None
    township_name: str | None
    address: str
    level: str
    kind: str
    area: str
    capacity: int
    accepting: bool
    services: list[str]
    forms: list[str]
    prices: list[dict[str, Any]]
    contact: dict[str, Any] | None
    opened_on: str | None
    registered_at: str
    status: str
    version: int
    latest_staff_report: StaffFiguresOut | None = None
    available_status_actions: list[str] = Field(default_factory=list)


class InstitutionListOut(BaseModel):
    items: list[dict[str, Any]] = Field(description="institution profiles")
    next_cursor: str | None


class ImportOut(BaseModel):
    imported: int
    institution_ids: list[str]


class InstitutionEventOut(BaseModel):
    position: int
    version: int
    type: str
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: str
    prev_hash: str
    hash: str


class InstitutionEventsOut(BaseModel):
    institution_id: str
    events: list[InstitutionEventOut]


class PatientOut(BaseModel):
    patient_id: str = Field(description="keyed hash of the identity number")
    name: str = Field(description="姓名 (masked)")
    id_number: str = Field(description="身份证号 (masked)")
    guardian_relation: str | None
    residence_region: str
    updated_at: str | None
    masked: bool


class PatientListOut(BaseModel):
    items: list[PatientOut]
    next_cursor: str | None


class PatientArchiveOut(PatientOut):
    """康复对象档案: the person (masked) and every case in the caller's scope."""

    cases: list[dict[str, Any]]


class InstitutionArchiveOut(BaseModel):
    institution: dict[str, Any]
    active_cases: int
    occupancy: float | None = Field(description="active cases ÷ capacity")
    services_by_type: dict[str, int]
    closings: dict[str, int] = Field(description="closed cases by exit destination or reason")
    relapses: int
    evaluations: int
    agreements: int
    reassessments: int
    staff_reports: list[dict[str, Any]]
    staff_compliance: dict[str, Any] | None


class BaselineOut(BaseModel):
    region: str
    period: str
    version: int
    total_patients: int
    severe_at_home_police: int
    severe_at_home_health: int
    general_at_home: int
    psychiatric_medical_staff: int
    purchased_teams: list[dict[str, Any]]
    funding_10k_cny: str


class ProgressRowOut(BaseModel):
    region: str
    name: str
    values: dict[str, Any] = Field(description="column number (1–19) → figure")


class ProgressOut(BaseModel):
    """推进情况汇总表: one row per child region and the total."""

    region: str
    region_name: str
    period: str
    from_: str = Field(alias="from")
    to: str
    complete: bool
    as_of: str
    columns: list[dict[str, Any]]
    rows: list[ProgressRowOut]
    total: ProgressRowOut


class CoverageOut(BaseModel):
    region: str
    region_name: str
    as_of: str
    year: int
    county_coverage: dict[str, Any]
    standardized_service: dict[str, Any]
    deadlines: dict[str, Any]
