from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.profession import Profession






T = TypeVar("T", bound="TeamMember")



@_attrs_define
class TeamMember:
    """ 
        Attributes:
            name (str): 姓名 name
            profession (Profession): 取值：psychiatrist 精神科医生；nurse 护士；rehabilitation_therapist 康复师；social_worker
                社会工作者；psychologist 心理治疗师；other 其他
     """

    name: str
    profession: Profession





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        profession = self.profession.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "profession": profession,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        profession = Profession(d.pop("profession"))




        team_member = cls(
            name=name,
            profession=profession,
        )

        return team_member

