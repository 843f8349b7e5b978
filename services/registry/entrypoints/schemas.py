"""Response bodies of the registry API (request bodies are the domain's commands)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class StaffFiguresOut(BaseModel):
    period: str = Field(description="报告期 e.g. 2024Q2")
    headcount: int = Field(description="人数 staff")
    qualified: int = Field(description="专业人员 with a relevant degree or qualification")
    qualified_share: float | None = Field(description="专业人员占比")
    qualified_share_target: float = Field(description="目标 30 % (冀/闽 12)")
    qualified_share_met: bool | None = Field(description="是否达标 share at least the target")
    certified: int = Field(description="持证上岗 certified")
    purchased_medical: int = Field(description="购买医务服务人员 purchased medical staff")
    purchased_social_workers: int = Field(description="购买社会工作者 purchased social workers")
    direct_service: int = Field(description="直接服务人员 direct-service staff")
    direct_service_under_training_hours: int = Field(
        description="直接服务人员中年度培训不足 20 小时的人数")
    training_hours_target: int = Field(description="培训学时目标 20 hours a year (冀/渝 13)")


class InstitutionOut(BaseModel):
    """服务机构档案 an institution's profile."""

    institution_id: str = Field(description="机构标识 institution id")
    name: str = Field(description="名称 name")
    credit_code: str = Field(description="统一社会信用代码")
    region: str = Field(description="行政区划代码 GB/T 2260 division code")
    township_code: str | None = Field(description="乡镇（街道）代码")
    township_name: str | None = Field(description="乡镇（街道）名称")
    address: str = Field(description="地址 address")
    level: str = Field(description="网络层级 level")
    kind: str = Field(description="机构类型 kind")
    area: str = Field(description="城乡 urban or rural")
    capacity: int = Field(description="承载能力 capacity")
    accepting: bool = Field(description="是否接收转介 accepts dispatched cases")
    services: list[str] = Field(description="服务内容 services offered")
    forms: list[str] = Field(description="服务形式 forms offered")
    prices: list[dict[str, Any]] = Field(description="明码标价 published prices")
    contact: dict[str, Any] | None = Field(description="联系人 contact")
    opened_on: str | None = Field(description="开业日期 opening date")
    registered_at: str = Field(description="登记时间 registered at")
    status: str = Field(description="状态 operating, suspended or closed")
    version: int = Field(description="版本 the stream version (ETag)")
    latest_staff_report: StaffFiguresOut | None = Field(None, description="最近人员报告 figures of the latest staff report")
    available_status_actions: list[str] = Field(default_factory=list, description="可用操作 status actions possible now")


class InstitutionListOut(BaseModel):
    items: list[dict[str, Any]] = Field(description="institution profiles")
    next_cursor: str | None = Field(description="下一页游标 pass as `cursor` for the next page; null on the last page")


class ImportWarning(BaseModel):
    line: int = Field(description="行号 the line of the file")
    field: str = Field(description="列 the column")
    message: str = Field(description="说明 what was found")


class ImportOut(BaseModel):
    imported: int = Field(description="导入数 institutions imported")
    institution_ids: list[str] = Field(description="机构标识 the ids, in file order")
    warnings: list[ImportWarning] = Field(description=(
        "警告 cells that begin like a spreadsheet formula (=, +, -, @, tab, line break): "
        "imported as written; exports write them as text"))


class InstitutionEventOut(BaseModel):
    position: int = Field(description="全局位置 position in the feed")
    version: int = Field(description="版本 the stream version (ETag)")
    type: str = Field(description="事件类型 event type")
    data: dict[str, Any] = Field(description="事件内容 event data")
    metadata: dict[str, Any] = Field(description="元数据 actor, role, org, request id")
    recorded_at: str = Field(description="记录时间 when the platform recorded it")
    prev_hash: str = Field(description="前一事件哈希 previous event hash")
    hash: str = Field(description="事件哈希 this event hash (SHA-256 chain)")


class InstitutionEventsOut(BaseModel):
    institution_id: str = Field(description="机构标识 institution id")
    events: list[InstitutionEventOut] = Field(description="事件 the events in order")


class PatientOut(BaseModel):
    patient_id: str = Field(description="keyed hash of the identity number")
    name: str | None = Field(description="姓名 (masked; null once erased)")
    id_number: str | None = Field(description="身份证号 (masked; null once erased)")
    guardian_relation: str | None = Field(description="监护人关系 the guardian's relation")
    residence_region: str = Field(description="居住地 residence county code")
    updated_at: str | None = Field(description="更新时间 last change (RFC 3339)")
    masked: bool = Field(description="已脱敏 personal fields are masked")
    erased: bool = Field(description="已删除 the person was erased: no personal field is kept")


class PatientListOut(BaseModel):
    items: list[PatientOut] = Field(description="条目 the page's items")
    next_cursor: str | None = Field(description="下一页游标 pass as `cursor` for the next page; null on the last page")


class PatientArchiveOut(PatientOut):
    """康复对象档案: the person (masked) and every case in the caller's scope."""

    cases: list[dict[str, Any]] = Field(description="个案 the cases in the caller's scope, with their steps")


class InstitutionArchiveOut(BaseModel):
    institution: dict[str, Any] = Field(description="机构档案 the institution profile")
    active_cases: int = Field(description="在管个案 cases dispatched to or served by it now")
    occupancy: float | None = Field(description="active cases ÷ capacity")
    services_by_type: dict[str, int] = Field(description="服务次数 service records by type")
    closings: dict[str, int] = Field(description="closed cases by exit destination or reason")
    relapses: int = Field(description="复发转介 relapse referrals")
    evaluations: int = Field(description="综合评估 comprehensive evaluations")
    agreements: int = Field(description="服务协议 agreements signed")
    reassessments: int = Field(description="转介后评估 post-referral assessments")
    staff_reports: list[dict[str, Any]] = Field(description="人员报告 every staff report, oldest first")
    staff_compliance: dict[str, Any] | None = Field(description="人员合规 the latest report against the 30 % and 20-hour targets")


class BaselineOut(BaseModel):
    region: str = Field(description="行政区划代码 GB/T 2260 division code")
    period: str = Field(description="报告期 e.g. 2024Q2")
    version: int = Field(description="版本 the stream version (ETag)")
    total_patients: int = Field(description="1 辖区内精神障碍患者总人数")
    severe_at_home_police: int = Field(description="2 公安登记的居家严重患者人数")
    severe_at_home_health: int = Field(description="3 卫健委登记的居家严重患者人数")
    general_at_home: int = Field(description="4 居家一般患者数量")
    psychiatric_medical_staff: int = Field(description="14 辖区内有精神专科（全科）医务人员数量")
    purchased_teams: list[dict[str, Any]] = Field(description="15 购买专业服务团队 names (and members)")
    funding_10k_cny: str = Field(description="19 投入经费金额（万元）, exact decimal text")


class ProgressRowOut(BaseModel):
    region: str = Field(description="行政区划代码 GB/T 2260 division code")
    name: str = Field(description="名称 name")
    values: dict[str, Any] = Field(description="column number (1–19) → figure")
    carried: dict[str, str] = Field(default_factory=dict, description=(
        "沿用上期: column number → the earlier period a stock figure is carried from"))
    own_level: bool = Field(False, description=(
        "本级: the level's own entries (its own funding, the teams it buys), not a child's"))


class DiscrepancyOut(BaseModel):
    region: str = Field(description="the region whose own count disagrees with its parts")
    name: str = Field(description="its name")
    column: int = Field(description="column number")
    entered: Any = Field(description="the count the region entered itself")
    sum_of_parts: Any = Field(description="the sum of its parts, which the total shows")


class ProgressOut(BaseModel):
    """推进情况汇总表: one row per child region and the total."""

    region: str = Field(description="行政区划代码 GB/T 2260 division code")
    region_name: str = Field(description="地区名称 region name")
    period: str = Field(description="报告期 e.g. 2024Q2")
    from_: str = Field(alias="from", description="起 the period's first instant")
    to: str = Field(description="止 the first instant after the period")
    complete: bool = Field(description="已结束 the period is over: its figures are final")
    as_of: str = Field(description="截至 the moment the figures are counted at (RFC 3339)")
    columns: list[dict[str, Any]] = Field(description="栏目 the 19 columns: number, heading, group, source")
    rows: list[ProgressRowOut] = Field(description="分地区 one row per child region")
    total: ProgressRowOut = Field(description="合计 the sum of the rows shown")
    discrepancies: list[DiscrepancyOut] = Field(default_factory=list, description=(
        "数据不一致: a level's own count that disagrees with its parts' sum"))
    unplaced_new_registrations: int = Field(0, description=(
        "new registrations no division code or institution places in town or country "
        "(not in columns 10 and 11)"))


class OutcomesOut(BaseModel):
    """康复成效: the documents' second-year goals, over the cases served in the period
    (definitions in docs/registry.md, Outcomes)."""

    region: str = Field(description="行政区划代码")
    region_name: str = Field(description="地区名称")
    period: str = Field(description="报告期")
    complete: bool = Field(description="已结束 the period is over")
    served: int = Field(description="在册服务对象 cases registered at some moment of the period")
    relapse: dict[str, Any] = Field(description="复发率: cases with a relapse referral, rate")
    rehospitalisation: dict[str, Any] = Field(description=(
        "再住院: admissions, returns, mean days in hospital of the stays ended in the period"))
    employment_at_exit: dict[str, Any] = Field(description="结案就业: exits, employed, share")
    self_care: dict[str, Any] = Field(description=(
        "生活自理能力 (Barthel ADL) change first → latest: cases, improved, unchanged, worse, "
        "mean change"))
    social_functioning: dict[str, Any] = Field(description="社会功能 (PSP) change, as self_care")
    employment_status: dict[str, Any] = Field(description=(
        "就业状况 at the latest assessment: by status, assessed, employed, employed share"))


class CoverageOut(BaseModel):
    region: str = Field(description="行政区划代码 GB/T 2260 division code")
    region_name: str = Field(description="地区名称 region name")
    as_of: str = Field(description="截至 the moment the figures are counted at (RFC 3339)")
    year: int = Field(description="年度 the year whose targets apply")
    county_coverage: dict[str, Any] = Field(description="县（市、区）覆盖率: counties, covered, share, target, uncovered")
    standardized_service: dict[str, Any] = Field(description="规范服务率: the last complete quarter, registered, standardized, share, target")
    deadlines: dict[str, Any] = Field(description="5 + 5 个工作日时限: review and dispatch deadlines due and met, with their shares")


class ReportStatusOut(BaseModel):
    """A report's place in the chain."""

    region: str = Field(description="行政区划代码 division code (nine digits: a township)")
    period: str = Field(description="报告期 e.g. 2026Q2 or 2026H1")
    form: str = Field(description="报表 progress: 推进情况汇总表")
    status: str = Field(description=(
        "not_started 未开始, draft 草稿, submitted 已报送, returned 已退回, accepted 已接收"))
    overdue: bool = Field(description="逾期 past its due date and not (re)submitted")
    due_on: str | None = Field(description="报送截止日 the due date on the working-day calendar")
    latest_version: int | None = Field(description="最新报送版本 the latest submitted version")


class ReportVersionOut(BaseModel):
    version: int = Field(description="报送版本 1, 2, … (a returned report is submitted again as the next)")
    source: str = Field(description="live: counted by the system; accepted: from the children's accepted reports")
    submitted_at: str = Field(description="报送时间 (RFC 3339)")
    filled_by: str = Field(description="填表人")
    responsible: str = Field(description="单位负责人")
    returned: str | None = Field(description="退回原因, once returned")
    accepted_at: str | None = Field(description="接收时间, once accepted")
    scan: dict[str, Any] | None = Field(description="扫描件 sha256, media_type, size")


class ReportOut(ReportStatusOut):
    version: int = Field(description="the report stream's version (If-Match)")
    draft: dict[str, Any] | None = Field(description="草稿 the sign-off lines saved before submission")
    versions: list[ReportVersionOut] = Field(description="every submitted version, oldest first")
    children: list[dict[str, Any]] = Field(default_factory=list, description=(
        "下级 each child region's report for the period (or its quarters): status, overdue, due date"))


class ReportFiguresOut(ReportVersionOut):
    region: str = Field(description="行政区划代码 division code (nine digits: a township)")
    period: str = Field(description="报告期 e.g. 2026Q2 or 2026H1")
    form: str = Field(description="报表 progress: 推进情况汇总表")
    phone: str = Field(description="联系电话")
    figures: dict[str, Any] = Field(description="the summary as frozen at submission (as GET /v1/statistics/progress)")


class ReportComparisonOut(BaseModel):
    region: str = Field(description="行政区划代码 division code (nine digits: a township)")
    period: str = Field(description="报告期 e.g. 2026Q2 or 2026H1")
    form: str = Field(description="报表 progress: 推进情况汇总表")
    accepted: dict[str, Any] = Field(description="the children's accepted figures, summed")
    live: dict[str, Any] = Field(description="the figures as the system counts them now")
    differences: list[dict[str, Any]] = Field(description="per child: columns whose accepted and live figures differ")


class ReportsDueOut(BaseModel):
    region: str = Field(description="行政区划代码 the region asked about")
    today: str = Field(description="今天 the date in China the statuses are as of")
    own: list[ReportStatusOut] = Field(description="the region's own reports not yet accepted")
    children: list[dict[str, Any]] = Field(description="children's reports overdue or waiting for review")


class ScanOut(BaseModel):
    sha256: str = Field(description="SHA-256 of the bytes: what a submission names")
    media_type: str = Field(description="application/pdf, image/png or image/jpeg")
    size: int = Field(description="字节数 bytes")
