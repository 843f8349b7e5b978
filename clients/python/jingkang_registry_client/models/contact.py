from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Contact")



@_attrs_define
class Contact:
    """ 
        Attributes:
            name (str): 联系人 contact person
            phone (str): 联系电话
     """

    name: str
    phone: str





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "phone": phone,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        phone = d.pop("phone")

        contact = cls(
            name=name,
            phone=phone,
        )

        return contact

