from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Relocation")



@_attrs_define
class Relocation:
    """ 迁居推送 to the new residence.

        Attributes:
            to_region (str): 行政区划代码 GB/T 2260 six-digit county-level division code, valid today
            reason (str): 迁居说明 the move
            target_institution_id (None | str | Unset): 接收机构 optional target
     """

    to_region: str
    reason: str
    target_institution_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        to_region = self.to_region

        reason = self.reason

        target_institution_id: None | str | Unset
        if isinstance(self.target_institution_id, Unset):
            target_institution_id = UNSET
        else:
            target_institution_id = self.target_institution_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "to_region": to_region,
            "reason": reason,
        })
        if target_institution_id is not UNSET:
            field_dict["target_institution_id"] = target_institution_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        to_region = d.pop("to_region")

        reason = d.pop("reason")

        def _parse_target_institution_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_institution_id = _parse_target_institution_id(d.pop("target_institution_id", UNSET))


        relocation = cls(
            to_region=to_region,
            reason=reason,
            target_institution_id=target_institution_id,
        )

        return relocation

