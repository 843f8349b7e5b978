from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.feed_event_out import FeedEventOut
  from ..models.feed_head_out import FeedHeadOut





T = TypeVar("T", bound="FeedPageOut")



@_attrs_define
class FeedPageOut:
    """ 
        Attributes:
            events (list[FeedEventOut]): 事件 events in feed order
            next_ (str): 下次请求的游标 cursor to pass as `after` next time
            head (FeedHeadOut | None): 事件流最新位置 newest servable event, if any
            remaining (int): 游标之后尚余事件数 events after `next` (capped count)
     """

    events: list[FeedEventOut]
    next_: str
    head: FeedHeadOut | None
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.feed_event_out import FeedEventOut # noqa: PLC0415
        from ..models.feed_head_out import FeedHeadOut # noqa: PLC0415
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)



        next_ = self.next_

        head: dict[str, Any] | None
        if isinstance(self.head, FeedHeadOut):
            head = self.head.to_dict()
        else:
            head = self.head

        remaining = self.remaining


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "events": events,
            "next": next_,
            "head": head,
            "remaining": remaining,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feed_event_out import FeedEventOut # noqa: PLC0415
        from ..models.feed_head_out import FeedHeadOut # noqa: PLC0415
        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = FeedEventOut.from_dict(events_item_data)



            events.append(events_item)


        next_ = d.pop("next")

        def _parse_head(data: object) -> FeedHeadOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                head_type_0 = FeedHeadOut.from_dict(data)



                return head_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FeedHeadOut | None, data)

        head = _parse_head(d.pop("head"))


        remaining = d.pop("remaining")

        feed_page_out = cls(
            events=events,
            next_=next_,
            head=head,
            remaining=remaining,
        )


        feed_page_out.additional_properties = d
        return feed_page_out

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
