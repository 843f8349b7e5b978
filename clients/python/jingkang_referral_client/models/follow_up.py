from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="FollowUp")



@_attrs_define
class FollowUp:
    """ 回访 after closing.

        Attributes:
            visited_on (datetime.date): 回访日期 date
            outcome (str): 回访情况 what was found
     """

    visited_on: datetime.date
    outcome: str





    def to_dict(self) -> dict[str, Any]:
        visited_on = self.visited_on.isoformat()

        outcome = self.outcome


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "visited_on": visited_on,
            "outcome": outcome,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        visited_on = datetime.date.fromisoformat(d.pop("visited_on"))




        outcome = d.pop("outcome")

        follow_up = cls(
            visited_on=visited_on,
            outcome=outcome,
        )

        return follow_up

