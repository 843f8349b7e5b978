from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FeedHeadOut")



@_attrs_define
class FeedHeadOut:
    """ 
        Attributes:
            cursor (str): 最新可读事件的游标 cursor of the newest servable event
            position (int): 其全局位置 its global position
            recorded_at (str): 其记录时间 its recorded time
     """

    cursor: str
    position: int
    recorded_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        cursor = self.cursor

        position = self.position

        recorded_at = self.recorded_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cursor": cursor,
            "position": position,
            "recorded_at": recorded_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cursor = d.pop("cursor")

        position = d.pop("position")

        recorded_at = d.pop("recorded_at")

        feed_head_out = cls(
            cursor=cursor,
            position=position,
            recorded_at=recorded_at,
        )


        feed_head_out.additional_properties = d
        return feed_head_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
