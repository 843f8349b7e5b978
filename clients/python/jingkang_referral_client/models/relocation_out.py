from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RelocationOut")



@_attrs_define
class RelocationOut:
    """ 
        Attributes:
            from_institution_id (str): 转出机构 sending institution
            from_region (str): 原居住地 former residence region
            to_region (str): 新居住地 new residence region
            target_institution_id (None | str): 接收机构 receiving institution, once chosen
     """

    from_institution_id: str
    from_region: str
    to_region: str
    target_institution_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from_institution_id = self.from_institution_id

        from_region = self.from_region

        to_region = self.to_region

        target_institution_id: None | str
        target_institution_id = self.target_institution_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "from_institution_id": from_institution_id,
            "from_region": from_region,
            "to_region": to_region,
            "target_institution_id": target_institution_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_institution_id = d.pop("from_institution_id")

        from_region = d.pop("from_region")

        to_region = d.pop("to_region")

        def _parse_target_institution_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        target_institution_id = _parse_target_institution_id(d.pop("target_institution_id"))


        relocation_out = cls(
            from_institution_id=from_institution_id,
            from_region=from_region,
            to_region=to_region,
            target_institution_id=target_institution_id,
        )


        relocation_out.additional_properties = d
        return relocation_out

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
