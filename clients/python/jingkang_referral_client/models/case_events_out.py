from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.case_event_out import CaseEventOut





T = TypeVar("T", bound="CaseEventsOut")



@_attrs_define
class CaseEventsOut:
    """ 
        Attributes:
            case_id (str): 个案标识 case id
            events (list[CaseEventOut]): 事件 the case's events in order
     """

    case_id: str
    events: list[CaseEventOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_event_out import CaseEventOut # noqa: PLC0415
        case_id = self.case_id

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "events": events,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_event_out import CaseEventOut # noqa: PLC0415
        d = dict(src_dict)
        case_id = d.pop("case_id")

        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = CaseEventOut.from_dict(events_item_data)



            events.append(events_item)


        case_events_out = cls(
            case_id=case_id,
            events=events,
        )


        case_events_out.additional_properties = d
        return case_events_out

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
