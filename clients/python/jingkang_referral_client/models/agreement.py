from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Agreement")



@_attrs_define
class Agreement:
    """ 知情同意书、服务协议 signed with the person and the guardian before any service.

        Attributes:
            signed_on (datetime.date): 签订日期 date signed
            informed_consent (bool): 知情同意书已签 informed consent signed
            service_agreement (bool): 服务协议已签 service agreement signed
            electronic (bool): 电子协议 signed electronically (encouraged, Hebei 7)
            signed_by_guardian (bool): 监护人已签 the guardian signed too
            document_ref (None | str | Unset): 协议编号 agreement reference
     """

    signed_on: datetime.date
    informed_consent: bool
    service_agreement: bool
    electronic: bool
    signed_by_guardian: bool
    document_ref: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        signed_on = self.signed_on.isoformat()

        informed_consent = self.informed_consent

        service_agreement = self.service_agreement

        electronic = self.electronic

        signed_by_guardian = self.signed_by_guardian

        document_ref: None | str | Unset
        if isinstance(self.document_ref, Unset):
            document_ref = UNSET
        else:
            document_ref = self.document_ref


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "signed_on": signed_on,
            "informed_consent": informed_consent,
            "service_agreement": service_agreement,
            "electronic": electronic,
            "signed_by_guardian": signed_by_guardian,
        })
        if document_ref is not UNSET:
            field_dict["document_ref"] = document_ref

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        signed_on = datetime.date.fromisoformat(d.pop("signed_on"))




        informed_consent = d.pop("informed_consent")

        service_agreement = d.pop("service_agreement")

        electronic = d.pop("electronic")

        signed_by_guardian = d.pop("signed_by_guardian")

        def _parse_document_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        document_ref = _parse_document_ref(d.pop("document_ref", UNSET))


        agreement = cls(
            signed_on=signed_on,
            informed_consent=informed_consent,
            service_agreement=service_agreement,
            electronic=electronic,
            signed_by_guardian=signed_by_guardian,
            document_ref=document_ref,
        )

        return agreement

