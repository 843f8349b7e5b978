"""What callers ask of the registry.  These models are also the API's request bodies.

Field rules that need nothing else (formats, ranges, check digits) live here; rules that need
today's division codes or the institution's history live in ``decide``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, field_validator, model_validator
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from jingkang.common.domain.identity import validate_phone
from jingkang.common.domain.text import CheckedStrings
from jingkang.common.domain.vocabulary import Profession, ServiceForm, ServiceType

from .periods import Period
from .vocabulary import Area, Kind, Level, StatusAction


def validate_credit_code(value: str) -> str:
    """统一社会信用代码: 18 characters with the GB 32100 check character."""
    try:
        return uscc.validate(value)
    except ValidationError as exc:
        raise ValueError(f"not a valid unified social credit code (GB 32100): {exc}") from None


CreditCode = Annotated[str, AfterValidator(validate_credit_code), Field(
    min_length=18, max_length=24, description="统一社会信用代码 unified social credit code (GB 32100)")]
RegionCode = Annotated[str, Field(pattern=r"^\d{6}$", description=(
    "行政区划代码 GB/T 2260 six-digit county-level division code, valid today"))]
TownshipCode = Annotated[str, Field(pattern=r"^\d{9}$", description=(
    "乡镇（街道）代码 nine-digit township code (GB/T 10114), beginning with the county's code"))]
Phone = Annotated[str, AfterValidator(validate_phone), Field(max_length=20, description="联系电话")]
InstitutionId = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,64}$", description=(
    "机构标识 institution id; institutions sign in with it as their org_id"))]
Text = Annotated[str, Field(min_length=1, max_length=200)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class Command(CheckedStrings):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Price(Command):
    """明码标价 (Hebei 18): one published price."""

    item: Text = Field(description="收费项目 item")
    unit: str = Field(min_length=1, max_length=20, description="计价单位 unit, e.g. 人·月")
    amount_cny: Decimal = Field(ge=0, le=1_000_000, decimal_places=2,
                                description="金额（元） amount in CNY")

    @field_validator("amount_cny")
    @classmethod
    def _in_fen(cls, amount: Decimal) -> Decimal:
        return amount.quantize(Decimal("0.01"))  # 150 and 150.00 are one price


class Contact(Command):
    name: str = Field(min_length=1, max_length=50, description="联系人 contact person")
    phone: Phone


class RegisterInstitution(Command):
    """Register a community rehabilitation institution in the 服务机构库."""

    institution_id: InstitutionId | None = Field(None, description=(
        "机构标识; generated when absent (imports keep the ids of an existing register)"))
    name: Text = Field(description="机构名称 name")
    credit_code: CreditCode
    region: RegionCode
    township_code: TownshipCode | None = Field(None, description="乡镇（街道）代码, where known")
    township_name: str | None = Field(None, max_length=50, description="乡镇（街道）名称")
    address: Text = Field(description="地址 address")
    level: Level = Field(description="网络层级 level (city, county, township, village)")
    kind: Kind = Field(description="机构类型 kind")
    area: Area = Field(description="城乡 urban or rural")
    capacity: Count = Field(description="承载能力 how many persons it can serve at once")
    accepting: bool = Field(True, description="是否接收转介 accepts dispatched cases")
    services: list[ServiceType] = Field(default_factory=list, max_length=20,
                                        description="服务内容 services offered")
    forms: list[ServiceForm] = Field(default_factory=list, max_length=10,
                                     description="服务形式 forms offered")
    prices: list[Price] = Field(default_factory=list, max_length=50, description="明码标价")
    contact: Contact | None = Field(None, description="联系人 contact")
    opened_on: date | None = Field(None, description="开业日期 opening date")


class ChangeInstitution(Command):
    """Change an institution's profile; fields left out stay as they are."""

    name: Text | None = Field(None, description="机构名称 name")
    address: Text | None = Field(None, description="地址 address")
    township_code: TownshipCode | None = Field(None, description="乡镇（街道）代码")
    township_name: str | None = Field(None, max_length=50, description="乡镇（街道）名称")
    capacity: Count | None = Field(None, description="承载能力 capacity")
    accepting: bool | None = Field(None, description="是否接收转介 accepts dispatched cases")
    services: list[ServiceType] | None = Field(None, max_length=20, description="服务内容")
    forms: list[ServiceForm] | None = Field(None, max_length=10, description="服务形式")
    prices: list[Price] | None = Field(None, max_length=50, description="明码标价 prices")
    contact: Contact | None = Field(None, description="联系人 contact")

    @model_validator(mode="after")
    def _something(self) -> ChangeInstitution:
        if not self.model_fields_set:
            raise ValueError("name at least one field to change")
        return self

    @field_validator("name", "address", "capacity", "accepting", "services", "forms", "prices",
                     mode="before")
    @classmethod
    def _not_removed(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be changed, not removed (null)")
        return value


class ChangeStatus(Command):
    action: StatusAction = Field(description="suspend, reopen or close")
    reason: Text = Field(description="原因 reason")


class StaffLine(Command):
    """One profession's staff in a staff report (Hebei/Fujian 12–13)."""

    profession: Profession = Field(description="专业 profession")
    headcount: Count = Field(description="人数 staff of this profession")
    qualified: Count = Field(0, description=(
        "具备精神卫生、社会工作、心理健康相关专业学历或资格 with a relevant degree or qualification"))
    certified: Count = Field(0, description="持证上岗 certified for the post")
    purchased: Count = Field(0, description="政府购买服务 paid through purchased services")
    direct_service: Count = Field(0, description="直接服务人员 in direct service")
    direct_service_trained: Count = Field(0, description=(
        "直接服务人员中年度培训满 20 小时 direct-service staff with ≥ 20 training hours this year"))
    training_hours: Decimal = Field(Decimal(0), ge=0, le=1_000_000, decimal_places=1,
                                    description="年度培训总学时 training hours in the year")

    @model_validator(mode="after")
    def _within_headcount(self) -> StaffLine:
        for name in ("qualified", "certified", "purchased", "direct_service"):
            if getattr(self, name) > self.headcount:
                raise ValueError(f"{name} ({getattr(self, name)}) exceeds headcount "
                                 f"({self.headcount})")
        if self.direct_service_trained > self.direct_service:
            raise ValueError("direct_service_trained exceeds direct_service")
        return self


class ReportStaff(Command):
    period: str = Field(pattern=r"^\d{4}(Q[1-4]|H[12])?$", description="报告期 e.g. 2024 or 2024Q2")

    @field_validator("period")
    @classmethod
    def _a_real_period(cls, text: str) -> str:
        return str(Period.parse(text))  # a year 2000–2100
    lines: list[StaffLine] = Field(min_length=1, max_length=len(Profession),
                                   description="各专业人员 one line per profession")

    @model_validator(mode="after")
    def _one_line_per_profession(self) -> ReportStaff:
        professions = [line.profession for line in self.lines]
        if len(set(professions)) != len(professions):
            raise ValueError("one line per profession")
        return self


class Team(Command):
    name: Text = Field(description="团队名称 name of a purchased professional service team")
    members: Count | None = Field(None, description="人数 members, where known")


class RecordBaseline(Command):
    """摸底 figures for one region and period: columns 1–4, 14, 15 and 19 of the annex."""

    total_patients: Count = Field(description="1 辖区内精神障碍患者总人数")
    severe_at_home_police: Count = Field(description="2 公安登记的居家严重患者人数")
    severe_at_home_health: Count = Field(description="3 卫健委登记的居家严重患者人数")
    general_at_home: Count = Field(description="4 居家一般患者数量")
    psychiatric_medical_staff: Count = Field(description="14 辖区内有精神专科（全科）医务人员数量")
    purchased_teams: list[Team] = Field(default_factory=list, max_length=200,
                                        description="15 购买专业服务团队名称及数量")
    funding_10k_cny: Decimal = Field(ge=0, le=100_000_000, decimal_places=2, description=(
        "19 本级财政（或福彩资金、慈善捐赠等）投入经费金额（万元）"))

    @model_validator(mode="after")
    def _parts_within_total(self) -> RecordBaseline:
        for name in ("severe_at_home_police", "severe_at_home_health", "general_at_home"):
            if getattr(self, name) > self.total_patients:
                raise ValueError(f"{name} exceeds total_patients")
        return self


ReportSource = Literal["live", "accepted"]
Person = Annotated[str, Field(min_length=1, max_length=50)]


class DraftReport(Command):
    """填报单位 sign-off lines of a report being prepared."""

    filled_by: Person = Field(description="填表人 who fills in the form")
    phone: Phone = Field(description="联系电话 their phone")
    responsible: Person = Field(description="单位负责人 the head who signs and stamps it")


class SubmitReport(DraftReport):
    """报送: the report goes up the chain with its figures frozen."""

    source: ReportSource = Field("live", description=(
        "live: the figures as the system counts them now; accepted: the sum of the children's "
        "accepted reports (the official chain)"))
    scan_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$", description=(
        "扫描件 the SHA-256 of the signed and stamped form, uploaded to /v1/report-scans"))


class ReturnReport(Command):
    """退回: sent back to be corrected, with the reason."""

    version: int = Field(ge=1, le=1000, description="the submitted version under review")
    reason: Text = Field(description="退回原因 what to correct")


class AcceptReport(Command):
    """The level above accepts the submitted version; the report is locked."""

    version: int = Field(ge=1, le=1000, description="the submitted version under review")
