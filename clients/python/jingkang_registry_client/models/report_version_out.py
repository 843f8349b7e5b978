from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.report_version_out_scan_type_0 import ReportVersionOutScanType0





T = TypeVar("T", bound="ReportVersionOut")



@_attrs_define
class ReportVersionOut:
    """ 
        Attributes:
            version (int): 报送版本 1, 2, … (a returned report is submitted again as the next)
            source (str): live: counted by the system; accepted: from the children's accepted reports
            submitted_at (str): 报送时间 (RFC 3339)
            filled_by (str): 填表人
            responsible (str): 单位负责人
            returned (None | str): 退回原因, once returned
            accepted_at (None | str): 接收时间, once accepted
            scan (None | ReportVersionOutScanType0): 扫描件 sha256, media_type, size
     """

    version: int
    source: str
    submitted_at: str
    filled_by: str
    responsible: str
    returned: None | str
    accepted_at: None | str
    scan: None | ReportVersionOutScanType0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.report_version_out_scan_type_0 import ReportVersionOutScanType0 # noqa: PLC0415
        version = self.version

        source = self.source

        submitted_at = self.submitted_at

        filled_by = self.filled_by

        responsible = self.responsible

        returned: None | str
        returned = self.returned

        accepted_at: None | str
        accepted_at = self.accepted_at

        scan: dict[str, Any] | None
        if isinstance(self.scan, ReportVersionOutScanType0):
            scan = self.scan.to_dict()
        else:
            scan = self.scan


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "version": version,
            "source": source,
            "submitted_at": submitted_at,
            "filled_by": filled_by,
            "responsible": responsible,
            "returned": returned,
            "accepted_at": accepted_at,
            "scan": scan,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_version_out_scan_type_0 import ReportVersionOutScanType0 # noqa: PLC0415
        d = dict(src_dict)
        version = d.pop("version")

        source = d.pop("source")

        submitted_at = d.pop("submitted_at")

        filled_by = d.pop("filled_by")

        responsible = d.pop("responsible")

        def _parse_returned(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        returned = _parse_returned(d.pop("returned"))


        def _parse_accepted_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))


        def _parse_scan(data: object) -> None | ReportVersionOutScanType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scan_type_0 = ReportVersionOutScanType0.from_dict(data)



                return scan_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportVersionOutScanType0, data)

        scan = _parse_scan(d.pop("scan"))


        report_version_out = cls(
            version=version,
            source=source,
            submitted_at=submitted_at,
            filled_by=filled_by,
            responsible=responsible,
            returned=returned,
            accepted_at=accepted_at,
            scan=scan,
        )


        report_version_out.additional_properties = d
        return report_version_out

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
