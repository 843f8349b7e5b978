"""Response bodies of the referral API (request bodies are the domain's command models)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class InstitutionRef(BaseModel):
    institution_id: str = Field(description="机构标识 institution id")
    name: str | None = Field(description="机构名称 institution name")


class RelocationOut(BaseModel):
    from_institution_id: str = Field(description="转出机构 sending institution")
    from_region: str = Field(description="原居住地 former residence region")
    to_region: str = Field(description="新居住地 new residence region")
    target_institution_id: str | None = Field(description="接收机构 receiving institution, once chosen")


class DeclineOut(BaseModel):
    institution_id: str = Field(description="拒绝机构 institution that declined")
    reason: str = Field(description="拒绝理由 its reason")


class ConsentOut(BaseModel):
    purpose: str = Field(description="同意事项 purpose")
    given_by: str = Field(description="同意人 patient or guardian")


class ReassessmentOut(BaseModel):
    assessed_on: str = Field(description="评估日期 date")
    recommend_exit: bool = Field(description="建议结束 recommends exit")
    exit_destination: str | None = Field(description="建议去向 recommended destination")


class DeadlineOut(BaseModel):
    due_on: str = Field(description="截止日期 due date (Chinese working days where counted so)")
    overdue: bool = Field(description="是否逾期 past due")


class PersonOut(BaseModel):
    name: str | None = Field(description=(
        "姓名 name (masked as 张* for roles that do not need it; null once erased)"))
    id_number: str | None = Field(description=(
        "身份证号 identity number (masked for roles that do not need it; null once erased)"))
    phone: str | None = Field(description="联系电话 phone")
    address: str | None = Field(description="居住地址 address")
    guardian: dict[str, Any] | None = Field(description="监护人 guardian")
    masked: bool = Field(False, description="是否脱敏 whether personal data is masked")
    erased: bool = Field(False, description="已删除 the person's data was erased on request")


class CaseOut(BaseModel):
    case_id: str = Field(description="个案标识 case id")
    state: str = Field(description="状态 state of the lifecycle")
    version: int = Field(description="版本 number of events; also the ETag")
    close_reason: str | None = Field(description="结案原因 closing reason")
    exit_destination: str | None = Field(description="结案去向 exit destination")
    unwilling: bool = Field(description="不愿参加 closed as unwilling to take part")
    channel: str | None = Field(description="转介渠道 medical, self, guardian or third_party")
    person: PersonOut | None = Field(description="康复对象 the person")
    patient_id: str | None = Field(description=(
        "康复对象标识 keyed hash of the identity number: the person's id in the registry's archive"))
    residence_region: str | None = Field(description="居住地 residence region code")
    referring_org_id: str | None = Field(description="转介方 referring hospital or submitter")
    institution: InstitutionRef | None = Field(description="服务机构 the institution now")
    served_by: list[str] = Field(description="曾服务机构 institutions that accepted the case")
    relocation: RelocationOut | None = Field(description="迁居推送 pending relocation")
    last_decline: DeclineOut | None = Field(description="最近拒绝 the latest decline")
    hospital_org_id: str | None = Field(description="住院医院 hospital while hospitalized")
    risk_level: int = Field(description="危险性评估 latest risk level 0–5")
    consents: list[ConsentOut] = Field(description="同意 consents held")
    evaluated: bool = Field(description="已综合评估 comprehensive evaluation done")
    agreement_signed: bool = Field(description="已签协议 informed consent and agreement signed")
    last_reassessment: ReassessmentOut | None = Field(description="最近转介评估 latest reassessment")
    services_by_type: dict[str, int] = Field(description="服务次数 services given by type")
    follow_ups: int = Field(description="回访次数 follow-up visits")
    deadlines: dict[str, DeadlineOut] = Field(description="期限 pending steps and their due dates")
    registered_at: str | None = Field(description="登记时间 registered")
    closed_at: str | None = Field(description="结案时间 closed")
    updated_at: str | None = Field(description="更新时间 last event")
    available_actions: list[str] = Field(description="可执行操作 actions the caller may take next")


class CaseListOut(BaseModel):
    items: list[CaseOut] = Field(description="个案 cases")
    next_cursor: str | None = Field(description="下一页游标 pass as `cursor` for the next page")


class CaseEventOut(BaseModel):
    position: int = Field(description="全局位置 global position")
    event_id: str = Field(description="事件标识 event id")
    version: int = Field(description="版本 version in the case")
    type: str = Field(description="事件类型 event type")
    schema_version: int = Field(description="数据结构版本 schema version")
    data: dict[str, Any] = Field(description="事件数据 data")
    metadata: dict[str, Any] = Field(description="元数据 actor, role, org, request, correlation ids")
    recorded_at: str = Field(description="记录时间 recorded time")
    prev_hash: str = Field(description="前一哈希 previous hash")
    hash: str = Field(description="哈希 chain hash")


class CaseEventsOut(BaseModel):
    case_id: str = Field(description="个案标识 case id")
    events: list[CaseEventOut] = Field(description="事件 the case's events in order")


class IntegrityOut(BaseModel):
    case_id: str = Field(description="个案标识 case id")
    valid: bool = Field(description="完整 the chain verifies")
    events_checked: int = Field(description="已核对事件数 events checked")
    first_bad_position: int | None = Field(description="首个异常事件位置 first bad event's position")
    first_bad_event_id: str | None = Field(description="首个异常事件 first bad event id")
    first_bad_version: int | None = Field(description="首个异常版本 its version")
    reason: str | None = Field(description="原因 why it does not verify")
    seals_checked: int = Field(description="已核对封印数 events whose seal (HMAC by the "
                                           "ledger key) was checked")
    unsealed_legacy: int = Field(description="封印前事件数 events stored before seals existed")


class PlacementOption(BaseModel):
    institution_id: str = Field(description="机构标识 institution id")
    name: str = Field(description="机构名称 name")
    region: str = Field(description="所在县（市、区）region code")
    scope: Literal["county", "city"] = Field(description=(
        "范围 in the residence county, or elsewhere in its city"))
    operating: bool = Field(description="运营中 operating (not suspended or closed)")
    accepting: bool = Field(description="接收转介 accepting referrals")
    capacity: int = Field(description="服务容量 places")
    active_cases: int = Field(description="在管个案 cases placed there now")
    free_places: int = Field(description="空余名额 free places (0 when not operating or not accepting)")
    has_room: bool = Field(description="可分派 dispatch may choose it now")


class ByResidence(BaseModel):
    institution_id: str = Field(description="机构标识 the institution dispatch by residence would choose now")
    scope: Literal["county", "city"] = Field(description="范围 county or city")


class PlacementOut(BaseModel):
    case_id: str = Field(description="个案标识 case id")
    state: str = Field(description="状态 the case's state")
    residence_region: str = Field(description=(
        "居住地 the residence the choice is made for (a relocating case's new residence)"))
    by_residence: ByResidence | None = Field(description=(
        "按居住地分派 the institution dispatch by residence would choose now; null: the case "
        "would be waitlisted"))
    institutions: list[PlacementOption] = Field(description=(
        "居住地机构 the residence county's institutions, then its city's, least occupied first "
        "(the order dispatch by residence takes them); a relocation's sending institution left out"))


class StateMachineOut(BaseModel):
    states: list[str] = Field(description="状态 states")
    terminal_states: list[str] = Field(description="终止状态 terminal states")
    actions: list[dict[str, Any]] = Field(description="操作 actions: from, to, roles, guards")
    mermaid: str = Field(description="Mermaid 状态图 diagram")


class ErasureOut(BaseModel):
    patient_id: str = Field(description="康复对象标识 the person")
    case_ids: list[str] = Field(description="个案 the person's cases, now erased")
    keys_destroyed: int = Field(description="销毁的密钥数 data keys destroyed")
    reason: str = Field(description="删除依据 the ground given")
    erased_at: str = Field(description="删除时间 when (RFC 3339)")
