from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="StaffFiguresOut")



@_attrs_define
class StaffFiguresOut:
    """ 
        Attributes:
            period (str): 报告期 e.g. 2024Q2
            headcount (int): 人数 staff
            qualified (int): 专业人员 with a relevant degree or qualification
            qualified_share (float | None): 专业人员占比
            qualified_share_target (float): 目标 30 % (冀/闽 12)
            qualified_share_met (bool | None): 是否达标 share at least the target
            certified (int): 持证上岗 certified
            purchased_medical (int): 购买医务服务人员 purchased medical staff
            purchased_social_workers (int): 购买社会工作者 purchased social workers
            direct_service (int): 直接服务人员 direct-service staff
            direct_service_under_training_hours (int): 直接服务人员中年度培训不足 20 小时的人数
            training_hours_target (int): 培训学时目标 20 hours a year (冀/渝 13)
     """

    period: str
    headcount: int
    qualified: int
    qualified_share: float | None
    qualified_share_target: float
    qualified_share_met: bool | None
    certified: int
    purchased_medical: int
    purchased_social_workers: int
    direct_service: int
    direct_service_under_training_hours: int
    training_hours_target: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        period = self.period

        headcount = self.headcount

        qualified = self.qualified

        qualified_share: float | None
        qualified_share = self.qualified_share

        qualified_share_target = self.qualified_share_target

        qualified_share_met: bool | None
        qualified_share_met = self.qualified_share_met

        certified = self.certified

        purchased_medical = self.purchased_medical

        purchased_social_workers = self.purchased_social_workers

        direct_service = self.direct_service

        direct_service_under_training_hours = self.direct_service_under_training_hours

        training_hours_target = self.training_hours_target


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "period": period,
            "headcount": headcount,
            "qualified": qualified,
            "qualified_share": qualified_share,
            "qualified_share_target": qualified_share_target,
            "qualified_share_met": qualified_share_met,
            "certified": certified,
            "purchased_medical": purchased_medical,
            "purchased_social_workers": purchased_social_workers,
            "direct_service": direct_service,
            "direct_service_under_training_hours": direct_service_under_training_hours,
            "training_hours_target": training_hours_target,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        period = d.pop("period")

        headcount = d.pop("headcount")

        qualified = d.pop("qualified")

        def _parse_qualified_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        qualified_share = _parse_qualified_share(d.pop("qualified_share"))


        qualified_share_target = d.pop("qualified_share_target")

        def _parse_qualified_share_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        qualified_share_met = _parse_qualified_share_met(d.pop("qualified_share_met"))


        certified = d.pop("certified")

        purchased_medical = d.pop("purchased_medical")

        purchased_social_workers = d.pop("purchased_social_workers")

        direct_service = d.pop("direct_service")

        direct_service_under_training_hours = d.pop("direct_service_under_training_hours")

        training_hours_target = d.pop("training_hours_target")

        staff_figures_out = cls(
            period=period,
            headcount=headcount,
            qualified=qualified,
            qualified_share=qualified_share,
            qualified_share_target=qualified_share_target,
            qualified_share_met=qualified_share_met,
            certified=certified,
            purchased_medical=purchased_medical,
            purchased_social_workers=purchased_social_workers,
            direct_service=direct_service,
            direct_service_under_training_hours=direct_service_under_training_hours,
            training_hours_target=training_hours_target,
        )


        staff_figures_out.additional_properties = d
        return staff_figures_out

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
