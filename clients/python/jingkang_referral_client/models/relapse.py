from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Relapse")



@_attrs_define
class Relapse:
    """ 复发绿色通道 referral to a mental-health hospital.

        Attributes:
            hospital_org_id (str): 接收医院 receiving hospital
            risk_level (int): 危险性评估 risk level 0–5 (严重精神障碍管理治疗工作规范): 0 none … 5 violence with weapons
            reason (str): 复发情况 what happened
     """

    hospital_org_id: str
    risk_level: int
    reason: str





    def to_dict(self) -> dict[str, Any]:
        hospital_org_id = self.hospital_org_id

        risk_level = self.risk_level

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "hospital_org_id": hospital_org_id,
            "risk_level": risk_level,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hospital_org_id = d.pop("hospital_org_id")

        risk_level = d.pop("risk_level")

        reason = d.pop("reason")

        relapse = cls(
            hospital_org_id=hospital_org_id,
            risk_level=risk_level,
            reason=reason,
        )

        return relapse

