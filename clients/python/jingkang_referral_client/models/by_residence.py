from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.by_residence_scope import ByResidenceScope






T = TypeVar("T", bound="ByResidence")



@_attrs_define
class ByResidence:
    """ 
        Attributes:
            institution_id (str): 机构标识 the institution dispatch by residence would choose now
            scope (ByResidenceScope): 范围 county or city。取值：county 县级；city 市级
     """

    institution_id: str
    scope: ByResidenceScope
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        institution_id = self.institution_id

        scope = self.scope.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "institution_id": institution_id,
            "scope": scope,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        institution_id = d.pop("institution_id")

        scope = ByResidenceScope(d.pop("scope"))




        by_residence = cls(
            institution_id=institution_id,
            scope=scope,
        )


        by_residence.additional_properties = d
        return by_residence

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
