from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.consent_giver import ConsentGiver
from ..models.consent_purpose import ConsentPurpose
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="ConsentChange")



@_attrs_define
class ConsentChange:
    """ 单独同意 (PIPL art. 29): a consent for one purpose given, or withdrawn.

        Attributes:
            purpose (ConsentPurpose): 取值：referral_upload 上传转介信息；share_with_institution 向服务机构共享；relocation 迁居
            given_by (ConsentGiver): 取值：patient 本人；guardian 监护人
            on (datetime.date): 日期 date it was given or withdrawn
            withdrawn (bool | Unset): 撤回 true withdraws the consent Default: False.
     """

    purpose: ConsentPurpose
    given_by: ConsentGiver
    on: datetime.date
    withdrawn: bool | Unset = False





    def to_dict(self) -> dict[str, Any]:
        purpose = self.purpose.value

        given_by = self.given_by.value

        on = self.on.isoformat()

        withdrawn = self.withdrawn


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "purpose": purpose,
            "given_by": given_by,
            "on": on,
        })
        if withdrawn is not UNSET:
            field_dict["withdrawn"] = withdrawn

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        purpose = ConsentPurpose(d.pop("purpose"))




        given_by = ConsentGiver(d.pop("given_by"))




        on = datetime.date.fromisoformat(d.pop("on"))




        withdrawn = d.pop("withdrawn", UNSET)

        consent_change = cls(
            purpose=purpose,
            given_by=given_by,
            on=on,
            withdrawn=withdrawn,
        )

        return consent_change

