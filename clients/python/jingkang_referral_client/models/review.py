from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Review")



@_attrs_define
class Review:
    """ 审核评估康复需求: approve (register) or reject an application.

        Attributes:
            approved (bool): 是否通过 true registers the case, false rejects it
            needs_assessment (str): 康复需求评估 the social worker's needs assessment
            reason (None | str | Unset): 不予登记理由 reason, if rejected
     """

    approved: bool
    needs_assessment: str
    reason: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        approved = self.approved

        needs_assessment = self.needs_assessment

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "approved": approved,
            "needs_assessment": needs_assessment,
        })
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approved = d.pop("approved")

        needs_assessment = d.pop("needs_assessment")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))


        review = cls(
            approved=approved,
            needs_assessment=needs_assessment,
            reason=reason,
        )

        return review

