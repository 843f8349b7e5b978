from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.submit_report_source import SubmitReportSource
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SubmitReport")



@_attrs_define
class SubmitReport:
    """ 报送: the report goes up the chain with its figures frozen.

        Attributes:
            filled_by (str): 填表人 who fills in the form
            phone (str): 联系电话 their phone
            responsible (str): 单位负责人 the head who signs and stamps it
            source (SubmitReportSource | Unset): live: the figures as the system counts them now; accepted: the sum of the
                children's accepted reports (the official chain)。取值：live 系统实时数据；accepted 已接收 Default: SubmitReportSource.LIVE.
            scan_sha256 (None | str | Unset): 扫描件 the SHA-256 of the signed and stamped form, uploaded to /v1/report-scans
     """

    filled_by: str
    phone: str
    responsible: str
    source: SubmitReportSource | Unset = SubmitReportSource.LIVE
    scan_sha256: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        filled_by = self.filled_by

        phone = self.phone

        responsible = self.responsible

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value


        scan_sha256: None | str | Unset
        if isinstance(self.scan_sha256, Unset):
            scan_sha256 = UNSET
        else:
            scan_sha256 = self.scan_sha256


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "filled_by": filled_by,
            "phone": phone,
            "responsible": responsible,
        })
        if source is not UNSET:
            field_dict["source"] = source
        if scan_sha256 is not UNSET:
            field_dict["scan_sha256"] = scan_sha256

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        filled_by = d.pop("filled_by")

        phone = d.pop("phone")

        responsible = d.pop("responsible")

        _source = d.pop("source", UNSET)
        source: SubmitReportSource | Unset
        if isinstance(_source,  Unset):
            source = UNSET
        else:
            source = SubmitReportSource(_source)




        def _parse_scan_sha256(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scan_sha256 = _parse_scan_sha256(d.pop("scan_sha256", UNSET))


        submit_report = cls(
            filled_by=filled_by,
            phone=phone,
            responsible=responsible,
            source=source,
            scan_sha256=scan_sha256,
        )

        return submit_report

