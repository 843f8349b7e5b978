from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ErasureOut")



@_attrs_define
class ErasureOut:
    """ 
        Attributes:
            patient_id (str): 康复对象标识 the person
            case_ids (list[str]): 个案 the person's cases, now erased
            keys_destroyed (int): 销毁的密钥数 data keys destroyed
            reason (str): 删除依据 the ground given
            erased_at (str): 删除时间 when (RFC 3339)
     """

    patient_id: str
    case_ids: list[str]
    keys_destroyed: int
    reason: str
    erased_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        patient_id = self.patient_id

        case_ids = self.case_ids



        keys_destroyed = self.keys_destroyed

        reason = self.reason

        erased_at = self.erased_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "patient_id": patient_id,
            "case_ids": case_ids,
            "keys_destroyed": keys_destroyed,
            "reason": reason,
            "erased_at": erased_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        patient_id = d.pop("patient_id")

        case_ids = cast(list[str], d.pop("case_ids"))


        keys_destroyed = d.pop("keys_destroyed")

        reason = d.pop("reason")

        erased_at = d.pop("erased_at")

        erasure_out = cls(
            patient_id=patient_id,
            case_ids=case_ids,
            keys_destroyed=keys_destroyed,
            reason=reason,
            erased_at=erased_at,
        )


        erasure_out.additional_properties = d
        return erasure_out

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
