from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.coverage_out_county_coverage import CoverageOutCountyCoverage
  from ..models.coverage_out_deadlines import CoverageOutDeadlines
  from ..models.coverage_out_standardized_service import CoverageOutStandardizedService





T = TypeVar("T", bound="CoverageOut")



@_attrs_define
class CoverageOut:
    """ 
        Attributes:
            region (str): 行政区划代码 GB/T 2260 division code
            region_name (str): 地区名称 region name
            as_of (str): 截至 the moment the figures are counted at (RFC 3339)
            year (int): 年度 the year whose targets apply
            county_coverage (CoverageOutCountyCoverage): 县（市、区）覆盖率: counties, covered, share, target, uncovered
            standardized_service (CoverageOutStandardizedService): 规范服务率: the last complete quarter, registered,
                standardized, share, target
            deadlines (CoverageOutDeadlines): 5 + 5 个工作日时限: review and dispatch deadlines due and met, with their shares
     """

    region: str
    region_name: str
    as_of: str
    year: int
    county_coverage: CoverageOutCountyCoverage
    standardized_service: CoverageOutStandardizedService
    deadlines: CoverageOutDeadlines
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.coverage_out_county_coverage import CoverageOutCountyCoverage # noqa: PLC0415
        from ..models.coverage_out_deadlines import CoverageOutDeadlines # noqa: PLC0415
        from ..models.coverage_out_standardized_service import CoverageOutStandardizedService # noqa: PLC0415
        region = self.region

        region_name = self.region_name

        as_of = self.as_of

        year = self.year

        county_coverage = self.county_coverage.to_dict()

        standardized_service = self.standardized_service.to_dict()

        deadlines = self.deadlines.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "region_name": region_name,
            "as_of": as_of,
            "year": year,
            "county_coverage": county_coverage,
            "standardized_service": standardized_service,
            "deadlines": deadlines,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coverage_out_county_coverage import CoverageOutCountyCoverage # noqa: PLC0415
        from ..models.coverage_out_deadlines import CoverageOutDeadlines # noqa: PLC0415
        from ..models.coverage_out_standardized_service import CoverageOutStandardizedService # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        region_name = d.pop("region_name")

        as_of = d.pop("as_of")

        year = d.pop("year")

        county_coverage = CoverageOutCountyCoverage.from_dict(d.pop("county_coverage"))




        standardized_service = CoverageOutStandardizedService.from_dict(d.pop("standardized_service"))




        deadlines = CoverageOutDeadlines.from_dict(d.pop("deadlines"))




        coverage_out = cls(
            region=region,
            region_name=region_name,
            as_of=as_of,
            year=year,
            county_coverage=county_coverage,
            standardized_service=standardized_service,
            deadlines=deadlines,
        )


        coverage_out.additional_properties = d
        return coverage_out

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
