from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="HospitalReturn")



@_attrs_define
class HospitalReturn:
    """ 
        Attributes:
            discharged_on (datetime.date): 出院日期 discharge date
            notes (None | str | Unset): 备注 notes (protected personal data)
     """

    discharged_on: datetime.date
    notes: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        discharged_on = self.discharged_on.isoformat()

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "discharged_on": discharged_on,
        })
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        discharged_on = datetime.date.fromisoformat(d.pop("discharged_on"))




        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))


        hospital_return = cls(
            discharged_on=discharged_on,
            notes=notes,
        )

        return hospital_return

