from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.withdrawal_reason import WithdrawalReason
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Withdrawal")



@_attrs_define
class Withdrawal:
    """ 
        Attributes:
            reason (WithdrawalReason): Ends other than an exit (docs/referral.md)。取值：withdrawn 本人或监护人退出；deceased
                死亡；lost_contact 失联
            unwilling (bool | Unset): 本人不愿参加 the person is unwilling (counted in statistics) Default: False.
            notes (None | str | Unset): 备注 notes (protected personal data)
     """

    reason: WithdrawalReason
    unwilling: bool | Unset = False
    notes: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        unwilling = self.unwilling

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "reason": reason,
        })
        if unwilling is not UNSET:
            field_dict["unwilling"] = unwilling
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = WithdrawalReason(d.pop("reason"))




        unwilling = d.pop("unwilling", UNSET)

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))


        withdrawal = cls(
            reason=reason,
            unwilling=unwilling,
            notes=notes,
        )

        return withdrawal

