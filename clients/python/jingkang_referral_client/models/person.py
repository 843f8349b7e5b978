from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.guardian import Guardian





T = TypeVar("T", bound="Person")



@_attrs_define
class Person:
    """ 康复对象 the person: personal data, protected wherever it is stored.

        Attributes:
            name (str): 姓名 name
            id_number (str): 居民身份证号码 18-character citizen identity number (GB 11643 check digit)
            phone (None | str | Unset): 联系电话 mainland mobile or landline
            address (None | str | Unset): 居住地址 residential address
            guardian (Guardian | None | Unset): 监护人 guardian
     """

    name: str
    id_number: str
    phone: None | str | Unset = UNSET
    address: None | str | Unset = UNSET
    guardian: Guardian | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.guardian import Guardian # noqa: PLC0415
        name = self.name

        id_number = self.id_number

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        guardian: dict[str, Any] | None | Unset
        if isinstance(self.guardian, Unset):
            guardian = UNSET
        elif isinstance(self.guardian, Guardian):
            guardian = self.guardian.to_dict()
        else:
            guardian = self.guardian


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "id_number": id_number,
        })
        if phone is not UNSET:
            field_dict["phone"] = phone
        if address is not UNSET:
            field_dict["address"] = address
        if guardian is not UNSET:
            field_dict["guardian"] = guardian

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.guardian import Guardian # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        id_number = d.pop("id_number")

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        def _parse_guardian(data: object) -> Guardian | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                guardian_type_0 = Guardian.from_dict(data)



                return guardian_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Guardian | None | Unset, data)

        guardian = _parse_guardian(d.pop("guardian", UNSET))


        person = cls(
            name=name,
            id_number=id_number,
            phone=phone,
            address=address,
            guardian=guardian,
        )

        return person

