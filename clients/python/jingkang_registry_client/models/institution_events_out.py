from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.institution_event_out import InstitutionEventOut





T = TypeVar("T", bound="InstitutionEventsOut")



@_attrs_define
class InstitutionEventsOut:
    """ 
        Attributes:
            institution_id (str): 机构标识 institution id
            events (list[InstitutionEventOut]): 事件 the events in order
     """

    institution_id: str
    events: list[InstitutionEventOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.institution_event_out import InstitutionEventOut # noqa: PLC0415
        institution_id = self.institution_id

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "institution_id": institution_id,
            "events": events,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.institution_event_out import InstitutionEventOut # noqa: PLC0415
        d = dict(src_dict)
        institution_id = d.pop("institution_id")

        events = []
        _events = d.pop("events")
        for events_item_data in (_events):
            events_item = InstitutionEventOut.from_dict(events_item_data)



            events.append(events_item)


        institution_events_out = cls(
            institution_id=institution_id,
            events=events,
        )


        institution_events_out.additional_properties = d
        return institution_events_out

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
