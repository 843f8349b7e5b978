from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="PatientOut")



@_attrs_define
class PatientOut:
    """ 
        Attributes:
            patient_id (str): keyed hash of the identity number
            name (None | str): 姓名 (masked; null once erased)
            id_number (None | str): 身份证号 (masked; null once erased)
            guardian_relation (None | str): 监护人关系 the guardian's relation
            residence_region (str): 居住地 residence county code
            updated_at (None | str): 更新时间 last change (RFC 3339)
            masked (bool): 已脱敏 personal fields are masked
            erased (bool): 已删除 the person was erased: no personal field is kept
     """

    patient_id: str
    name: None | str
    id_number: None | str
    guardian_relation: None | str
    residence_region: str
    updated_at: None | str
    masked: bool
    erased: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        patient_id = self.patient_id

        name: None | str
        name = self.name

        id_number: None | str
        id_number = self.id_number

        guardian_relation: None | str
        guardian_relation = self.guardian_relation

        residence_region = self.residence_region

        updated_at: None | str
        updated_at = self.updated_at

        masked = self.masked

        erased = self.erased


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "patient_id": patient_id,
            "name": name,
            "id_number": id_number,
            "guardian_relation": guardian_relation,
            "residence_region": residence_region,
            "updated_at": updated_at,
            "masked": masked,
            "erased": erased,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        patient_id = d.pop("patient_id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_id_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id_number = _parse_id_number(d.pop("id_number"))


        def _parse_guardian_relation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        guardian_relation = _parse_guardian_relation(d.pop("guardian_relation"))


        residence_region = d.pop("residence_region")

        def _parse_updated_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        masked = d.pop("masked")

        erased = d.pop("erased")

        patient_out = cls(
            patient_id=patient_id,
            name=name,
            id_number=id_number,
            guardian_relation=guardian_relation,
            residence_region=residence_region,
            updated_at=updated_at,
            masked=masked,
            erased=erased,
        )


        patient_out.additional_properties = d
        return patient_out

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
