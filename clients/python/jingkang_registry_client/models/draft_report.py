from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DraftReport")



@_attrs_define
class DraftReport:
    """ 填报单位 sign-off lines of a report being prepared.

        Attributes:
            filled_by (str): 填表人 who fills in the form
            phone (str): 联系电话 their phone
            responsible (str): 单位负责人 the head who signs and stamps it
     """

    filled_by: str
    phone: str
    responsible: str





    def to_dict(self) -> dict[str, Any]:
        filled_by = self.filled_by

        phone = self.phone

        responsible = self.responsible


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "filled_by": filled_by,
            "phone": phone,
            "responsible": responsible,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filled_by = d.pop("filled_by")

        phone = d.pop("phone")

        responsible = d.pop("responsible")

        draft_report = cls(
            filled_by=filled_by,
            phone=phone,
            responsible=responsible,
        )

        return draft_report

