from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Reconfirm")



@_attrs_define
class Reconfirm:
    """ 再次审核申请人意愿和实际情况 after a wait of more than 3 months.

        Attributes:
            willing (bool): 是否仍愿意 whether the person still wants community rehabilitation
            situation (str): 实际情况 the person's current situation
     """

    willing: bool
    situation: str





    def to_dict(self) -> dict[str, Any]:
        willing = self.willing

        situation = self.situation


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "willing": willing,
            "situation": situation,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        willing = d.pop("willing")

        situation = d.pop("situation")

        reconfirm = cls(
            willing=willing,
            situation=situation,
        )

        return reconfirm

