from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ReassessmentOut")



@_attrs_define
class ReassessmentOut:
    """ 
        Attributes:
            assessed_on (str): 评估日期 date
            recommend_exit (bool): 建议结束 recommends exit
            exit_destination (None | str): 建议去向 recommended destination
     """

    assessed_on: str
    recommend_exit: bool
    exit_destination: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        assessed_on = self.assessed_on

        recommend_exit = self.recommend_exit

        exit_destination: None | str
        exit_destination = self.exit_destination


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "assessed_on": assessed_on,
            "recommend_exit": recommend_exit,
            "exit_destination": exit_destination,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assessed_on = d.pop("assessed_on")

        recommend_exit = d.pop("recommend_exit")

        def _parse_exit_destination(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exit_destination = _parse_exit_destination(d.pop("exit_destination"))


        reassessment_out = cls(
            assessed_on=assessed_on,
            recommend_exit=recommend_exit,
            exit_destination=exit_destination,
        )


        reassessment_out.additional_properties = d
        return reassessment_out

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
