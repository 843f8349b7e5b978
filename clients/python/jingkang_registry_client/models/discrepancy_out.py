from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DiscrepancyOut")



@_attrs_define
class DiscrepancyOut:
    """ 
        Attributes:
            region (str): the region whose own count disagrees with its parts
            name (str): its name
            column (int): column number
            entered (Any): the count the region entered itself
            sum_of_parts (Any): the sum of its parts, which the total shows
     """

    region: str
    name: str
    column: int
    entered: Any
    sum_of_parts: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        region = self.region

        name = self.name

        column = self.column

        entered = self.entered

        sum_of_parts = self.sum_of_parts


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "name": name,
            "column": column,
            "entered": entered,
            "sum_of_parts": sum_of_parts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        region = d.pop("region")

        name = d.pop("name")

        column = d.pop("column")

        entered = d.pop("entered")

        sum_of_parts = d.pop("sum_of_parts")

        discrepancy_out = cls(
            region=region,
            name=name,
            column=column,
            entered=entered,
            sum_of_parts=sum_of_parts,
        )


        discrepancy_out.additional_properties = d
        return discrepancy_out

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
