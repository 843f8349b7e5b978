from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Guardian")



@_attrs_define
class Guardian:
    """ 
        Attributes:
            name (str): 监护人姓名 guardian's name
            relation (str): 与本人关系 relation, e.g. 母亲
            phone (None | str | Unset): 联系电话 mainland mobile or landline
     """

    name: str
    relation: str
    phone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        relation = self.relation

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "relation": relation,
        })
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        relation = d.pop("relation")

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        guardian = cls(
            name=name,
            relation=relation,
            phone=phone,
        )

        return guardian

