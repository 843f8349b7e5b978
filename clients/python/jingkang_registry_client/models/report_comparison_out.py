from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.report_comparison_out_accepted import ReportComparisonOutAccepted
  from ..models.report_comparison_out_differences_item import ReportComparisonOutDifferencesItem
  from ..models.report_comparison_out_live import ReportComparisonOutLive





T = TypeVar("T", bound="ReportComparisonOut")



@_attrs_define
class ReportComparisonOut:
    """ 
        Attributes:
            region (str): 行政区划代码 division code (nine digits: a township)
            period (str): 报告期 e.g. 2026Q2 or 2026H1
            form (str): 报表 progress: 推进情况汇总表
            accepted (ReportComparisonOutAccepted): the children's accepted figures, summed
            live (ReportComparisonOutLive): the figures as the system counts them now
            differences (list[ReportComparisonOutDifferencesItem]): per child: columns whose accepted and live figures
                differ
     """

    region: str
    period: str
    form: str
    accepted: ReportComparisonOutAccepted
    live: ReportComparisonOutLive
    differences: list[ReportComparisonOutDifferencesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.report_comparison_out_accepted import ReportComparisonOutAccepted # noqa: PLC0415
        from ..models.report_comparison_out_differences_item import ReportComparisonOutDifferencesItem # noqa: PLC0415
        from ..models.report_comparison_out_live import ReportComparisonOutLive # noqa: PLC0415
        region = self.region

        period = self.period

        form = self.form

        accepted = self.accepted.to_dict()

        live = self.live.to_dict()

        differences = []
        for differences_item_data in self.differences:
            differences_item = differences_item_data.to_dict()
            differences.append(differences_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "period": period,
            "form": form,
            "accepted": accepted,
            "live": live,
            "differences": differences,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_comparison_out_accepted import ReportComparisonOutAccepted # noqa: PLC0415
        from ..models.report_comparison_out_differences_item import ReportComparisonOutDifferencesItem # noqa: PLC0415
        from ..models.report_comparison_out_live import ReportComparisonOutLive # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        period = d.pop("period")

        form = d.pop("form")

        accepted = ReportComparisonOutAccepted.from_dict(d.pop("accepted"))




        live = ReportComparisonOutLive.from_dict(d.pop("live"))




        differences = []
        _differences = d.pop("differences")
        for differences_item_data in (_differences):
            differences_item = ReportComparisonOutDifferencesItem.from_dict(differences_item_data)



            differences.append(differences_item)


        report_comparison_out = cls(
            region=region,
            period=period,
            form=form,
            accepted=accepted,
            live=live,
            differences=differences,
        )


        report_comparison_out.additional_properties = d
        return report_comparison_out

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
