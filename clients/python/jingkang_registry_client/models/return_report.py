from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReturnReport")



@_attrs_define
class ReturnReport:
    """ 退回: sent back to be corrected, with the reason.

        Attributes:
            version (int): the submitted version under review
            reason (str): 退回原因 what to correct
     """

    version: int
    reason: str





    def to_dict(self) -> dict[str, Any]:
        version = self.version

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "version": version,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        version = d.pop("version")

        reason = d.pop("reason")

        return_report = cls(
            version=version,
            reason=reason,
        )

        return return_report

