from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.discrepancy_out import DiscrepancyOut
  from ..models.progress_out_columns_item import ProgressOutColumnsItem
  from ..models.progress_row_out import ProgressRowOut





T = TypeVar("T", bound="ProgressOut")



@_attrs_define
class ProgressOut:
    """ 推进情况汇总表: one row per child region and the total.

        Attributes:
            region (str): 行政区划代码 GB/T 2260 division code
            region_name (str): 地区名称 region name
            period (str): 报告期 e.g. 2024Q2
            from_ (str): 起 the period's first instant
            to (str): 止 the first instant after the period
            complete (bool): 已结束 the period is over: its figures are final
            as_of (str): 截至 the moment the figures are counted at (RFC 3339)
            columns (list[ProgressOutColumnsItem]): 栏目 the 19 columns: number, heading, group, source
            rows (list[ProgressRowOut]): 分地区 one row per child region
            total (ProgressRowOut):
            discrepancies (list[DiscrepancyOut] | Unset): 数据不一致: a level's own count that disagrees with its parts' sum
            unplaced_new_registrations (int | Unset): new registrations no division code or institution places in town or
                country (not in columns 10 and 11) Default: 0.
     """

    region: str
    region_name: str
    period: str
    from_: str
    to: str
    complete: bool
    as_of: str
    columns: list[ProgressOutColumnsItem]
    rows: list[ProgressRowOut]
    total: ProgressRowOut
    discrepancies: list[DiscrepancyOut] | Unset = UNSET
    unplaced_new_registrations: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.discrepancy_out import DiscrepancyOut # noqa: PLC0415
        from ..models.progress_out_columns_item import ProgressOutColumnsItem # noqa: PLC0415
        from ..models.progress_row_out import ProgressRowOut # noqa: PLC0415
        region = self.region

        region_name = self.region_name

        period = self.period

        from_ = self.from_

        to = self.to

        complete = self.complete

        as_of = self.as_of

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)



        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        total = self.total.to_dict()

        discrepancies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.discrepancies, Unset):
            discrepancies = []
            for discrepancies_item_data in self.discrepancies:
                discrepancies_item = discrepancies_item_data.to_dict()
                discrepancies.append(discrepancies_item)



        unplaced_new_registrations = self.unplaced_new_registrations


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "region_name": region_name,
            "period": period,
            "from": from_,
            "to": to,
            "complete": complete,
            "as_of": as_of,
            "columns": columns,
            "rows": rows,
            "total": total,
        })
        if discrepancies is not UNSET:
            field_dict["discrepancies"] = discrepancies
        if unplaced_new_registrations is not UNSET:
            field_dict["unplaced_new_registrations"] = unplaced_new_registrations

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.discrepancy_out import DiscrepancyOut # noqa: PLC0415
        from ..models.progress_out_columns_item import ProgressOutColumnsItem # noqa: PLC0415
        from ..models.progress_row_out import ProgressRowOut # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        region_name = d.pop("region_name")

        period = d.pop("period")

        from_ = d.pop("from")

        to = d.pop("to")

        complete = d.pop("complete")

        as_of = d.pop("as_of")

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in (_columns):
            columns_item = ProgressOutColumnsItem.from_dict(columns_item_data)



            columns.append(columns_item)


        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = ProgressRowOut.from_dict(rows_item_data)



            rows.append(rows_item)


        total = ProgressRowOut.from_dict(d.pop("total"))




        _discrepancies = d.pop("discrepancies", UNSET)
        discrepancies: list[DiscrepancyOut] | Unset = UNSET
        if _discrepancies is not UNSET:
            discrepancies = []
            for discrepancies_item_data in _discrepancies:
                discrepancies_item = DiscrepancyOut.from_dict(discrepancies_item_data)



                discrepancies.append(discrepancies_item)


        unplaced_new_registrations = d.pop("unplaced_new_registrations", UNSET)

        progress_out = cls(
            region=region,
            region_name=region_name,
            period=period,
            from_=from_,
            to=to,
            complete=complete,
            as_of=as_of,
            columns=columns,
            rows=rows,
            total=total,
            discrepancies=discrepancies,
            unplaced_new_registrations=unplaced_new_registrations,
        )


        progress_out.additional_properties = d
        return progress_out

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
