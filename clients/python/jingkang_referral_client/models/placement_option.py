from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.placement_option_scope import PlacementOptionScope






T = TypeVar("T", bound="PlacementOption")



@_attrs_define
class PlacementOption:
    """ 
        Attributes:
            institution_id (str): 机构标识 institution id
            name (str): 机构名称 name
            region (str): 所在县（市、区）region code
            scope (PlacementOptionScope): 范围 in the residence county, or elsewhere in its city。取值：county 县级；city 市级
            operating (bool): 运营中 operating (not suspended or closed)
            accepting (bool): 接收转介 accepting referrals
            capacity (int): 服务容量 places
            active_cases (int): 在管个案 cases placed there now
            free_places (int): 空余名额 free places (0 when not operating or not accepting)
            has_room (bool): 可分派 dispatch may choose it now
     """

    institution_id: str
    name: str
    region: str
    scope: PlacementOptionScope
    operating: bool
    accepting: bool
    capacity: int
    active_cases: int
    free_places: int
    has_room: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        institution_id = self.institution_id

        name = self.name

        region = self.region

        scope = self.scope.value

        operating = self.operating

        accepting = self.accepting

        capacity = self.capacity

        active_cases = self.active_cases

        free_places = self.free_places

        has_room = self.has_room


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "institution_id": institution_id,
            "name": name,
            "region": region,
            "scope": scope,
            "operating": operating,
            "accepting": accepting,
            "capacity": capacity,
            "active_cases": active_cases,
            "free_places": free_places,
            "has_room": has_room,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        institution_id = d.pop("institution_id")

        name = d.pop("name")

        region = d.pop("region")

        scope = PlacementOptionScope(d.pop("scope"))




        operating = d.pop("operating")

        accepting = d.pop("accepting")

        capacity = d.pop("capacity")

        active_cases = d.pop("active_cases")

        free_places = d.pop("free_places")

        has_room = d.pop("has_room")

        placement_option = cls(
            institution_id=institution_id,
            name=name,
            region=region,
            scope=scope,
            operating=operating,
            accepting=accepting,
            capacity=capacity,
            active_cases=active_cases,
            free_places=free_places,
            has_room=has_room,
        )


        placement_option.additional_properties = d
        return placement_option

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
