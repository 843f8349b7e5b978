from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Price")



@_attrs_define
class Price:
    """ 明码标价 (Hebei 18): one published price.

        Attributes:
            item (str): 收费项目 item
            unit (str): 计价单位 unit, e.g. 人·月
            amount_cny (float | str): 金额（元） amount in CNY
     """

    item: str
    unit: str
    amount_cny: float | str





    def to_dict(self) -> dict[str, Any]:
        item = self.item

        unit = self.unit

        amount_cny: float | str
        amount_cny = self.amount_cny


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "item": item,
            "unit": unit,
            "amount_cny": amount_cny,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item = d.pop("item")

        unit = d.pop("unit")

        def _parse_amount_cny(data: object) -> float | str:
            return cast(float | str, data)

        amount_cny = _parse_amount_cny(d.pop("amount_cny"))


        price = cls(
            item=item,
            unit=unit,
            amount_cny=amount_cny,
        )

        return price

