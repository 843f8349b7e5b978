from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.institution_archive_out_closings import InstitutionArchiveOutClosings
  from ..models.institution_archive_out_institution import InstitutionArchiveOutInstitution
  from ..models.institution_archive_out_services_by_type import InstitutionArchiveOutServicesByType
  from ..models.institution_archive_out_staff_compliance_type_0 import InstitutionArchiveOutStaffComplianceType0
  from ..models.institution_archive_out_staff_reports_item import InstitutionArchiveOutStaffReportsItem





T = TypeVar("T", bound="InstitutionArchiveOut")



@_attrs_define
class InstitutionArchiveOut:
    """ 
        Attributes:
            institution (InstitutionArchiveOutInstitution): 机构档案 the institution profile
            active_cases (int): 在管个案 cases dispatched to or served by it now
            occupancy (float | None): active cases ÷ capacity
            services_by_type (InstitutionArchiveOutServicesByType): 服务次数 service records by type
            closings (InstitutionArchiveOutClosings): closed cases by exit destination or reason
            relapses (int): 复发转介 relapse referrals
            evaluations (int): 综合评估 comprehensive evaluations
            agreements (int): 服务协议 agreements signed
            reassessments (int): 转介后评估 post-referral assessments
            staff_reports (list[InstitutionArchiveOutStaffReportsItem]): 人员报告 every staff report, oldest first
            staff_compliance (InstitutionArchiveOutStaffComplianceType0 | None): 人员合规 the latest report against the 30 % and
                20-hour targets
     """

    institution: InstitutionArchiveOutInstitution
    active_cases: int
    occupancy: float | None
    services_by_type: InstitutionArchiveOutServicesByType
    closings: InstitutionArchiveOutClosings
    relapses: int
    evaluations: int
    agreements: int
    reassessments: int
    staff_reports: list[InstitutionArchiveOutStaffReportsItem]
    staff_compliance: InstitutionArchiveOutStaffComplianceType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.institution_archive_out_closings import InstitutionArchiveOutClosings # noqa: PLC0415
        from ..models.institution_archive_out_institution import InstitutionArchiveOutInstitution # noqa: PLC0415
        from ..models.institution_archive_out_services_by_type import InstitutionArchiveOutServicesByType # noqa: PLC0415
        from ..models.institution_archive_out_staff_compliance_type_0 import InstitutionArchiveOutStaffComplianceType0 # noqa: PLC0415
        from ..models.institution_archive_out_staff_reports_item import InstitutionArchiveOutStaffReportsItem # noqa: PLC0415
        institution = self.institution.to_dict()

        active_cases = self.active_cases

        occupancy: float | None
        occupancy = self.occupancy

        services_by_type = self.services_by_type.to_dict()

        closings = self.closings.to_dict()

        relapses = self.relapses

        evaluations = self.evaluations

        agreements = self.agreements

        reassessments = self.reassessments

        staff_reports = []
        for staff_reports_item_data in self.staff_reports:
            staff_reports_item = staff_reports_item_data.to_dict()
            staff_reports.append(staff_reports_item)



        staff_compliance: dict[str, Any] | None
        if isinstance(self.staff_compliance, InstitutionArchiveOutStaffComplianceType0):
            staff_compliance = self.staff_compliance.to_dict()
        else:
            staff_compliance = self.staff_compliance


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "institution": institution,
            "active_cases": active_cases,
            "occupancy": occupancy,
            "services_by_type": services_by_type,
            "closings": closings,
            "relapses": relapses,
            "evaluations": evaluations,
            "agreements": agreements,
            "reassessments": reassessments,
            "staff_reports": staff_reports,
            "staff_compliance": staff_compliance,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.institution_archive_out_closings import InstitutionArchiveOutClosings # noqa: PLC0415
        from ..models.institution_archive_out_institution import InstitutionArchiveOutInstitution # noqa: PLC0415
        from ..models.institution_archive_out_services_by_type import InstitutionArchiveOutServicesByType # noqa: PLC0415
        from ..models.institution_archive_out_staff_compliance_type_0 import InstitutionArchiveOutStaffComplianceType0 # noqa: PLC0415
        from ..models.institution_archive_out_staff_reports_item import InstitutionArchiveOutStaffReportsItem # noqa: PLC0415
        d = dict(src_dict)
        institution = InstitutionArchiveOutInstitution.from_dict(d.pop("institution"))




        active_cases = d.pop("active_cases")

        def _parse_occupancy(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        occupancy = _parse_occupancy(d.pop("occupancy"))


        services_by_type = InstitutionArchiveOutServicesByType.from_dict(d.pop("services_by_type"))




        closings = InstitutionArchiveOutClosings.from_dict(d.pop("closings"))




        relapses = d.pop("relapses")

        evaluations = d.pop("evaluations")

        agreements = d.pop("agreements")

        reassessments = d.pop("reassessments")

        staff_reports = []
        _staff_reports = d.pop("staff_reports")
        for staff_reports_item_data in (_staff_reports):
            staff_reports_item = InstitutionArchiveOutStaffReportsItem.from_dict(staff_reports_item_data)



            staff_reports.append(staff_reports_item)


        def _parse_staff_compliance(data: object) -> InstitutionArchiveOutStaffComplianceType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                staff_compliance_type_0 = InstitutionArchiveOutStaffComplianceType0.from_dict(data)



                return staff_compliance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InstitutionArchiveOutStaffComplianceType0 | None, data)

        staff_compliance = _parse_staff_compliance(d.pop("staff_compliance"))


        institution_archive_out = cls(
            institution=institution,
            active_cases=active_cases,
            occupancy=occupancy,
            services_by_type=services_by_type,
            closings=closings,
            relapses=relapses,
            evaluations=evaluations,
            agreements=agreements,
            reassessments=reassessments,
            staff_reports=staff_reports,
            staff_compliance=staff_compliance,
        )


        institution_archive_out.additional_properties = d
        return institution_archive_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
