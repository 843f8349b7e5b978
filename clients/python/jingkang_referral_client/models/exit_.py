from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.exit_destination import ExitDestination
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Exit")



@_attrs_define
class Exit:
    """ 
        Attributes:
            destination (ExitDestination): 取值：employment 推荐就业；sheltered_employment 公益性庇护性就业；other_rehab_service
                其他类型社区康复服务；home 返回社区居住
            notes (None | str | Unset): 备注 notes (protected personal data)
     """

    destination: ExitDestination
    notes: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        destination = self.destination.value

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "destination": destination,
        })
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        destination = ExitDestination(d.pop("destination"))




        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))


        exit_ = cls(
            destination=destination,
            notes=notes,
        )

        return exit_

