from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Team")



@_attrs_define
class Team:
    """ 
        Attributes:
            name (str): 团队名称 name of a purchased professional service team
            members (int | None | Unset): 人数 members, where known
     """

    name: str
    members: int | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        members: int | None | Unset
        if isinstance(self.members, Unset):
            members = UNSET
        else:
            members = self.members


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
        })
        if members is not UNSET:
            field_dict["members"] = members

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_members(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        members = _parse_members(d.pop("members", UNSET))


        team = cls(
            name=name,
            members=members,
        )

        return team

