from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.person_out_guardian_type_0 import PersonOutGuardianType0





T = TypeVar("T", bound="PersonOut")



@_attrs_define
class PersonOut:
    """ 
        Attributes:
            name (None | str): 姓名 name (masked as 张* for roles that do not need it; null once erased)
            id_number (None | str): 身份证号 identity number (masked for roles that do not need it; null once erased)
            phone (None | str): 联系电话 phone
            address (None | str): 居住地址 address
            guardian (None | PersonOutGuardianType0): 监护人 guardian
            masked (bool | Unset): 是否脱敏 whether personal data is masked Default: False.
            erased (bool | Unset): 已删除 the person's data was erased on request Default: False.
     """

    name: None | str
    id_number: None | str
    phone: None | str
    address: None | str
    guardian: None | PersonOutGuardianType0
    masked: bool | Unset = False
    erased: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.person_out_guardian_type_0 import PersonOutGuardianType0 # noqa: PLC0415
        name: None | str
        name = self.name

        id_number: None | str
        id_number = self.id_number

        phone: None | str
        phone = self.phone

        address: None | str
        address = self.address

        guardian: dict[str, Any] | None
        if isinstance(self.guardian, PersonOutGuardianType0):
            guardian = self.guardian.to_dict()
        else:
            guardian = self.guardian

        masked = self.masked

        erased = self.erased


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "id_number": id_number,
            "phone": phone,
            "address": address,
            "guardian": guardian,
        })
        if masked is not UNSET:
            field_dict["masked"] = masked
        if erased is not UNSET:
            field_dict["erased"] = erased

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_out_guardian_type_0 import PersonOutGuardianType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))


        def _parse_id_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id_number = _parse_id_number(d.pop("id_number"))


        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))


        def _parse_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address = _parse_address(d.pop("address"))


        def _parse_guardian(data: object) -> None | PersonOutGuardianType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                guardian_type_0 = PersonOutGuardianType0.from_dict(data)



                return guardian_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonOutGuardianType0, data)

        guardian = _parse_guardian(d.pop("guardian"))


        masked = d.pop("masked", UNSET)

        erased = d.pop("erased", UNSET)

        person_out = cls(
            name=name,
            id_number=id_number,
            phone=phone,
            address=address,
            guardian=guardian,
            masked=masked,
            erased=erased,
        )


        person_out.additional_properties = d
        return person_out

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
