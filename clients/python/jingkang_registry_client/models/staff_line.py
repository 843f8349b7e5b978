from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.profession import Profession
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="StaffLine")



@_attrs_define
class StaffLine:
    """ One profession's staff in a staff report (Hebei/Fujian 12–13).

        Attributes:
            profession (Profession): 取值：psychiatrist 精神科医生；nurse 护士；rehabilitation_therapist 康复师；social_worker
                社会工作者；psychologist 心理治疗师；other 其他
            headcount (int): 人数 staff of this profession
            qualified (int | Unset): 具备精神卫生、社会工作、心理健康相关专业学历或资格 with a relevant degree or qualification Default: 0.
            certified (int | Unset): 持证上岗 certified for the post Default: 0.
            purchased (int | Unset): 政府购买服务 paid through purchased services Default: 0.
            direct_service (int | Unset): 直接服务人员 in direct service Default: 0.
            direct_service_trained (int | Unset): 直接服务人员中年度培训满 20 小时 direct-service staff with ≥ 20 training hours this year
                Default: 0.
            training_hours (float | str | Unset): 年度培训总学时 training hours in the year Default: 0.0.
     """

    profession: Profession
    headcount: int
    qualified: int | Unset = 0
    certified: int | Unset = 0
    purchased: int | Unset = 0
    direct_service: int | Unset = 0
    direct_service_trained: int | Unset = 0
    training_hours: float | str | Unset = 0.0





    def to_dict(self) -> dict[str, Any]:
        profession = self.profession.value

        headcount = self.headcount

        qualified = self.qualified

        certified = self.certified

        purchased = self.purchased

        direct_service = self.direct_service

        direct_service_trained = self.direct_service_trained

        training_hours: float | str | Unset
        if isinstance(self.training_hours, Unset):
            training_hours = UNSET
        else:
            training_hours = self.training_hours


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "profession": profession,
            "headcount": headcount,
        })
        if qualified is not UNSET:
            field_dict["qualified"] = qualified
        if certified is not UNSET:
            field_dict["certified"] = certified
        if purchased is not UNSET:
            field_dict["purchased"] = purchased
        if direct_service is not UNSET:
            field_dict["direct_service"] = direct_service
        if direct_service_trained is not UNSET:
            field_dict["direct_service_trained"] = direct_service_trained
        if training_hours is not UNSET:
            field_dict["training_hours"] = training_hours

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        profession = Profession(d.pop("profession"))




        headcount = d.pop("headcount")

        qualified = d.pop("qualified", UNSET)

        certified = d.pop("certified", UNSET)

        purchased = d.pop("purchased", UNSET)

        direct_service = d.pop("direct_service", UNSET)

        direct_service_trained = d.pop("direct_service_trained", UNSET)

        def _parse_training_hours(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        training_hours = _parse_training_hours(d.pop("training_hours", UNSET))


        staff_line = cls(
            profession=profession,
            headcount=headcount,
            qualified=qualified,
            certified=certified,
            purchased=purchased,
            direct_service=direct_service,
            direct_service_trained=direct_service_trained,
            training_hours=training_hours,
        )

        return staff_line

