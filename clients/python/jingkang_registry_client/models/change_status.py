from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.status_action import StatusAction






T = TypeVar("T", bound="ChangeStatus")



@_attrs_define
class ChangeStatus:
    """ 
        Attributes:
            action (StatusAction): 取值：suspend 暂停；reopen 恢复；close 关闭
            reason (str): 原因 reason
     """

    action: StatusAction
    reason: str





    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        reason = self.reason


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "action": action,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = StatusAction(d.pop("action"))




        reason = d.pop("reason")

        change_status = cls(
            action=action,
            reason=reason,
        )

        return change_status

