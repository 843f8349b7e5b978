from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.service_form import ServiceForm
from ..models.service_method import ServiceMethod
from ..models.service_type import ServiceType
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ServiceRecord")



@_attrs_define
class ServiceRecord:
    """ 一次服务 one service given.

        Attributes:
            service_type (ServiceType): 取值：medication_training 服药训练；life_skills 生活技能训练；social_skills 社交技能训练；vocational
                职业康复训练；home_guidance 居家康复指导；psychological 心理康复；peer_support 同伴支持；family_support 家庭支持；recreation
                文体娱乐；caregiver_training 照护者培训
            form (ServiceForm): 取值：day_training 日间训练；transitional_housing 过渡性住所；home_support 居家支持；peer_support
                同伴支持；family_expert_exchange 家属专家交流
            method (ServiceMethod): 取值：case_management 个案管理；group_work 小组工作
            started_at (datetime.datetime): 开始时间 start, RFC 3339 with offset
            duration_minutes (int): 时长（分钟） minutes
            staff (list[str]): 服务人员 staff who gave it
            notes (None | str | Unset): 备注 notes (protected personal data)
     """

    service_type: ServiceType
    form: ServiceForm
    method: ServiceMethod
    started_at: datetime.datetime
    duration_minutes: int
    staff: list[str]
    notes: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        service_type = self.service_type.value

        form = self.form.value

        method = self.method.value

        started_at = self.started_at.isoformat()

        duration_minutes = self.duration_minutes

        staff = self.staff



        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "service_type": service_type,
            "form": form,
            "method": method,
            "started_at": started_at,
            "duration_minutes": duration_minutes,
            "staff": staff,
        })
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        service_type = ServiceType(d.pop("service_type"))




        form = ServiceForm(d.pop("form"))




        method = ServiceMethod(d.pop("method"))




        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        duration_minutes = d.pop("duration_minutes")

        staff = cast(list[str], d.pop("staff"))


        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))


        service_record = cls(
            service_type=service_type,
            form=form,
            method=method,
            started_at=started_at,
            duration_minutes=duration_minutes,
            staff=staff,
            notes=notes,
        )

        return service_record

