from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Acceptance")



@_attrs_define
class Acceptance:
    """ 
        Attributes:
            accepted (bool): 是否接收 accept (true) or decline (false)
            reason (None | str | Unset): 拒绝理由 reason, if declined
     """

    accepted: bool
    reason: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "accepted": accepted,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted = d.pop("accepted")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        acceptance = cls(
            accepted=accepted,
            reason=reason,
        )

        return acceptance

