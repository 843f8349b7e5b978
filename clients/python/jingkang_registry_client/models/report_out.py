from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.report_out_children_item import ReportOutChildrenItem
  from ..models.report_out_draft_type_0 import ReportOutDraftType0
  from ..models.report_version_out import ReportVersionOut





T = TypeVar("T", bound="ReportOut")



@_attrs_define
class ReportOut:
    """ 
        Attributes:
            region (str): 行政区划代码 division code (nine digits: a township)
            period (str): 报告期 e.g. 2026Q2 or 2026H1
            form (str): 报表 progress: 推进情况汇总表
            status (str): not_started 未开始, draft 草稿, submitted 已报送, returned 已退回, accepted 已接收
            overdue (bool): 逾期 past its due date and not (re)submitted
            due_on (None | str): 报送截止日 the due date on the working-day calendar
            latest_version (int | None): 最新报送版本 the latest submitted version
            version (int): the report stream's version (If-Match)
            draft (None | ReportOutDraftType0): 草稿 the sign-off lines saved before submission
            versions (list[ReportVersionOut]): every submitted version, oldest first
            children (list[ReportOutChildrenItem] | Unset): 下级 each child region's report for the period (or its quarters):
                status, overdue, due date
     """

    region: str
    period: str
    form: str
    status: str
    overdue: bool
    due_on: None | str
    latest_version: int | None
    version: int
    draft: None | ReportOutDraftType0
    versions: list[ReportVersionOut]
    children: list[ReportOutChildrenItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.report_out_children_item import ReportOutChildrenItem # noqa: PLC0415
        from ..models.report_out_draft_type_0 import ReportOutDraftType0 # noqa: PLC0415
        from ..models.report_version_out import ReportVersionOut # noqa: PLC0415
        region = self.region

        period = self.period

        form = self.form

        status = self.status

        overdue = self.overdue

        due_on: None | str
        due_on = self.due_on

        latest_version: int | None
        latest_version = self.latest_version

        version = self.version

        draft: dict[str, Any] | None
        if isinstance(self.draft, ReportOutDraftType0):
            draft = self.draft.to_dict()
        else:
            draft = self.draft

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)



        children: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.children, Unset):
            children = []
            for children_item_data in self.children:
                children_item = children_item_data.to_dict()
                children.append(children_item)




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
            "version": version,
            "draft": draft,
            "versions": versions,
        })
        if children is not UNSET:
            field_dict["children"] = children

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_out_children_item import ReportOutChildrenItem # noqa: PLC0415
        from ..models.report_out_draft_type_0 import ReportOutDraftType0 # noqa: PLC0415
        from ..models.report_version_out import ReportVersionOut # noqa: PLC0415
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


        version = d.pop("version")

        def _parse_draft(data: object) -> None | ReportOutDraftType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                draft_type_0 = ReportOutDraftType0.from_dict(data)



                return draft_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportOutDraftType0, data)

        draft = _parse_draft(d.pop("draft"))


        versions = []
        _versions = d.pop("versions")
        for versions_item_data in (_versions):
            versions_item = ReportVersionOut.from_dict(versions_item_data)



            versions.append(versions_item)


        _children = d.pop("children", UNSET)
        children: list[ReportOutChildrenItem] | Unset = UNSET
        if _children is not UNSET:
            children = []
            for children_item_data in _children:
                children_item = ReportOutChildrenItem.from_dict(children_item_data)



                children.append(children_item)


        report_out = cls(
            region=region,
            period=period,
            form=form,
            status=status,
            overdue=overdue,
            due_on=due_on,
            latest_version=latest_version,
            version=version,
            draft=draft,
            versions=versions,
            children=children,
        )


        report_out.additional_properties = d
        return report_out

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
