from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Dispatch")



@_attrs_define
class Dispatch:
    """ 汇总、分派、转送: to a named institution, or automatically by residence.

        Attributes:
            institution_id (None | str | Unset): 指定机构 a named institution; omit to choose by residence (county first, then
                city)
     """

    institution_id: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        institution_id: None | str | Unset
        if isinstance(self.institution_id, Unset):
            institution_id = UNSET
        else:
            institution_id = self.institution_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if institution_id is not UNSET:
            field_dict["institution_id"] = institution_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_institution_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        institution_id = _parse_institution_id(d.pop("institution_id", UNSET))


        dispatch = cls(
            institution_id=institution_id,
        )

        return dispatch

