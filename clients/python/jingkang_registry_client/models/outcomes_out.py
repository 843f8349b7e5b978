from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.outcomes_out_employment_at_exit import OutcomesOutEmploymentAtExit
  from ..models.outcomes_out_employment_status import OutcomesOutEmploymentStatus
  from ..models.outcomes_out_rehospitalisation import OutcomesOutRehospitalisation
  from ..models.outcomes_out_relapse import OutcomesOutRelapse
  from ..models.outcomes_out_self_care import OutcomesOutSelfCare
  from ..models.outcomes_out_social_functioning import OutcomesOutSocialFunctioning





T = TypeVar("T", bound="OutcomesOut")



@_attrs_define
class OutcomesOut:
    """ 康复成效: the documents' second-year goals, over the cases served in the period
    (definitions in docs/registry.md, Outcomes).

        Attributes:
            region (str): 行政区划代码
            region_name (str): 地区名称
            period (str): 报告期
            complete (bool): 已结束 the period is over
            served (int): 在册服务对象 cases registered at some moment of the period
            relapse (OutcomesOutRelapse): 复发率: cases with a relapse referral, rate
            rehospitalisation (OutcomesOutRehospitalisation): 再住院: admissions, returns, mean days in hospital of the stays
                ended in the period
            employment_at_exit (OutcomesOutEmploymentAtExit): 结案就业: exits, employed, share
            self_care (OutcomesOutSelfCare): 生活自理能力 (Barthel ADL) change first → latest: cases, improved, unchanged, worse,
                mean change
            social_functioning (OutcomesOutSocialFunctioning): 社会功能 (PSP) change, as self_care
            employment_status (OutcomesOutEmploymentStatus): 就业状况 at the latest assessment: by status, assessed, employed,
                employed share
     """

    region: str
    region_name: str
    period: str
    complete: bool
    served: int
    relapse: OutcomesOutRelapse
    rehospitalisation: OutcomesOutRehospitalisation
    employment_at_exit: OutcomesOutEmploymentAtExit
    self_care: OutcomesOutSelfCare
    social_functioning: OutcomesOutSocialFunctioning
    employment_status: OutcomesOutEmploymentStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.outcomes_out_employment_at_exit import OutcomesOutEmploymentAtExit # noqa: PLC0415
        from ..models.outcomes_out_employment_status import OutcomesOutEmploymentStatus # noqa: PLC0415
        from ..models.outcomes_out_rehospitalisation import OutcomesOutRehospitalisation # noqa: PLC0415
        from ..models.outcomes_out_relapse import OutcomesOutRelapse # noqa: PLC0415
        from ..models.outcomes_out_self_care import OutcomesOutSelfCare # noqa: PLC0415
        from ..models.outcomes_out_social_functioning import OutcomesOutSocialFunctioning # noqa: PLC0415
        region = self.region

        region_name = self.region_name

        period = self.period

        complete = self.complete

        served = self.served

        relapse = self.relapse.to_dict()

        rehospitalisation = self.rehospitalisation.to_dict()

        employment_at_exit = self.employment_at_exit.to_dict()

        self_care = self.self_care.to_dict()

        social_functioning = self.social_functioning.to_dict()

        employment_status = self.employment_status.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "region_name": region_name,
            "period": period,
            "complete": complete,
            "served": served,
            "relapse": relapse,
            "rehospitalisation": rehospitalisation,
            "employment_at_exit": employment_at_exit,
            "self_care": self_care,
            "social_functioning": social_functioning,
            "employment_status": employment_status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outcomes_out_employment_at_exit import OutcomesOutEmploymentAtExit # noqa: PLC0415
        from ..models.outcomes_out_employment_status import OutcomesOutEmploymentStatus # noqa: PLC0415
        from ..models.outcomes_out_rehospitalisation import OutcomesOutRehospitalisation # noqa: PLC0415
        from ..models.outcomes_out_relapse import OutcomesOutRelapse # noqa: PLC0415
        from ..models.outcomes_out_self_care import OutcomesOutSelfCare # noqa: PLC0415
        from ..models.outcomes_out_social_functioning import OutcomesOutSocialFunctioning # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        region_name = d.pop("region_name")

        period = d.pop("period")

        complete = d.pop("complete")

        served = d.pop("served")

        relapse = OutcomesOutRelapse.from_dict(d.pop("relapse"))




        rehospitalisation = OutcomesOutRehospitalisation.from_dict(d.pop("rehospitalisation"))




        employment_at_exit = OutcomesOutEmploymentAtExit.from_dict(d.pop("employment_at_exit"))




        self_care = OutcomesOutSelfCare.from_dict(d.pop("self_care"))




        social_functioning = OutcomesOutSocialFunctioning.from_dict(d.pop("social_functioning"))




        employment_status = OutcomesOutEmploymentStatus.from_dict(d.pop("employment_status"))




        outcomes_out = cls(
            region=region,
            region_name=region_name,
            period=period,
            complete=complete,
            served=served,
            relapse=relapse,
            rehospitalisation=rehospitalisation,
            employment_at_exit=employment_at_exit,
            self_care=self_care,
            social_functioning=social_functioning,
            employment_status=employment_status,
        )


        outcomes_out.additional_properties = d
        return outcomes_out

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
