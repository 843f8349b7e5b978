from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ReportStatusOut")



@_attrs_define
class ReportStatusOut:
    """ A report's place in the chain.

        Attributes:
            region (str): 行政区划代码 division code (nine digits: a township)
            period (str): 报告期 e.g. 2026Q2 or 2026H1
            form (str): 报表 progress: 推进情况汇总表
            status (str): not_started 未开始, draft 草稿, submitted 已报送, returned 已退回, accepted 已接收
            overdue (bool): 逾期 past its due date and not (re)submitted
            due_on (None | str): 报送截止日 the due date on the working-day calendar
            latest_version (int | None): 最新报送版本 the latest submitted version
     """

    region: str
    period: str
    form: str
    status: str
    overdue: bool
    due_on: None | str
    latest_version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        region = self.region

        period = self.period

        form = self.form

        status = self.status

        overdue = self.overdue

        due_on: None | str
        due_on = self.due_on

        latest_version: int | None
        latest_version = self.latest_version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "period": period,
            "form": form,
            "status": status,
            "overdue": overdue,
            "due_on": due_on,
            "latest_version": latest_version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        region = d.pop("region")

        period = d.pop("period")

        form = d.pop("form")

        status = d.pop("status")

        overdue = d.pop("overdue")

        def _parse_due_on(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        due_on = _parse_due_on(d.pop("due_on"))


        def _parse_latest_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latest_version = _parse_latest_version(d.pop("latest_version"))


        report_status_out = cls(
            region=region,
            period=period,
            form=form,
            status=status,
            overdue=overdue,
            due_on=due_on,
            latest_version=latest_version,
        )


        report_status_out.additional_properties = d
        return report_status_out

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
