from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.consent_giver import ConsentGiver
from ..models.consent_purpose import ConsentPurpose
from typing import cast
import datetime






T = TypeVar("T", bound="Consent")



@_attrs_define
class Consent:
    """ 
        Attributes:
            purpose (ConsentPurpose): 取值：referral_upload 上传转介信息；share_with_institution 向服务机构共享；relocation 迁居
            given_by (ConsentGiver): 取值：patient 本人；guardian 监护人
            given_on (datetime.date): 同意日期 date the consent was given
     """

    purpose: ConsentPurpose
    given_by: ConsentGiver
    given_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        purpose = self.purpose.value

        given_by = self.given_by.value

        given_on = self.given_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "purpose": purpose,
            "given_by": given_by,
            "given_on": given_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        purpose = ConsentPurpose(d.pop("purpose"))




        given_by = ConsentGiver(d.pop("given_by"))




        given_on = datetime.date.fromisoformat(d.pop("given_on"))




        consent = cls(
            purpose=purpose,
            given_by=given_by,
            given_on=given_on,
        )

        return consent

