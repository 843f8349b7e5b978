from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.progress_row_out_carried import ProgressRowOutCarried
  from ..models.progress_row_out_values import ProgressRowOutValues





T = TypeVar("T", bound="ProgressRowOut")



@_attrs_define
class ProgressRowOut:
    """ 
        Attributes:
            region (str): 行政区划代码 GB/T 2260 division code
            name (str): 名称 name
            values (ProgressRowOutValues): column number (1–19) → figure
            carried (ProgressRowOutCarried | Unset): 沿用上期: column number → the earlier period a stock figure is carried from
            own_level (bool | Unset): 本级: the level's own entries (its own funding, the teams it buys), not a child's
                Default: False.
     """

    region: str
    name: str
    values: ProgressRowOutValues
    carried: ProgressRowOutCarried | Unset = UNSET
    own_level: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.progress_row_out_carried import ProgressRowOutCarried # noqa: PLC0415
        from ..models.progress_row_out_values import ProgressRowOutValues # noqa: PLC0415
        region = self.region

        name = self.name

        values = self.values.to_dict()

        carried: dict[str, Any] | Unset = UNSET
        if not isinstance(self.carried, Unset):
            carried = self.carried.to_dict()

        own_level = self.own_level


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "name": name,
            "values": values,
        })
        if carried is not UNSET:
            field_dict["carried"] = carried
        if own_level is not UNSET:
            field_dict["own_level"] = own_level

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_row_out_carried import ProgressRowOutCarried # noqa: PLC0415
        from ..models.progress_row_out_values import ProgressRowOutValues # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        name = d.pop("name")

        values = ProgressRowOutValues.from_dict(d.pop("values"))




        _carried = d.pop("carried", UNSET)
        carried: ProgressRowOutCarried | Unset
        if isinstance(_carried,  Unset):
            carried = UNSET
        else:
            carried = ProgressRowOutCarried.from_dict(_carried)




        own_level = d.pop("own_level", UNSET)

        progress_row_out = cls(
            region=region,
            name=name,
            values=values,
            carried=carried,
            own_level=own_level,
        )


        progress_row_out.additional_properties = d
        return progress_row_out

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
