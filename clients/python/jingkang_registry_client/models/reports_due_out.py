from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.report_status_out import ReportStatusOut
  from ..models.reports_due_out_children_item import ReportsDueOutChildrenItem





T = TypeVar("T", bound="ReportsDueOut")



@_attrs_define
class ReportsDueOut:
    """ 
        Attributes:
            region (str): 行政区划代码 the region asked about
            today (str): 今天 the date in China the statuses are as of
            own (list[ReportStatusOut]): the region's own reports not yet accepted
            children (list[ReportsDueOutChildrenItem]): children's reports overdue or waiting for review
     """

    region: str
    today: str
    own: list[ReportStatusOut]
    children: list[ReportsDueOutChildrenItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.report_status_out import ReportStatusOut # noqa: PLC0415
        from ..models.reports_due_out_children_item import ReportsDueOutChildrenItem # noqa: PLC0415
        region = self.region

        today = self.today

        own = []
        for own_item_data in self.own:
            own_item = own_item_data.to_dict()
            own.append(own_item)



        children = []
        for children_item_data in self.children:
            children_item = children_item_data.to_dict()
            children.append(children_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "today": today,
            "own": own,
            "children": children,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_status_out import ReportStatusOut # noqa: PLC0415
        from ..models.reports_due_out_children_item import ReportsDueOutChildrenItem # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        today = d.pop("today")

        own = []
        _own = d.pop("own")
        for own_item_data in (_own):
            own_item = ReportStatusOut.from_dict(own_item_data)



            own.append(own_item)


        children = []
        _children = d.pop("children")
        for children_item_data in (_children):
            children_item = ReportsDueOutChildrenItem.from_dict(children_item_data)



            children.append(children_item)


        reports_due_out = cls(
            region=region,
            today=today,
            own=own,
            children=children,
        )


        reports_due_out.additional_properties = d
        return reports_due_out

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
