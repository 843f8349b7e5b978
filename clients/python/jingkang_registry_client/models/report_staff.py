from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.staff_line import StaffLine





T = TypeVar("T", bound="ReportStaff")



@_attrs_define
class ReportStaff:
    """ 
        Attributes:
            period (str): 报告期 e.g. 2024 or 2024Q2
            lines (list[StaffLine]): 各专业人员 one line per profession
     """

    period: str
    lines: list[StaffLine]





    def to_dict(self) -> dict[str, Any]:
        from ..models.staff_line import StaffLine # noqa: PLC0415
        period = self.period

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "period": period,
            "lines": lines,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.staff_line import StaffLine # noqa: PLC0415
        d = dict(src_dict)
        period = d.pop("period")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = StaffLine.from_dict(lines_item_data)



            lines.append(lines_item)


        report_staff = cls(
            period=period,
            lines=lines,
        )

        return report_staff

