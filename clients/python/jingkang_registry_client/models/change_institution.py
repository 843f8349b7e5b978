from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.service_form import ServiceForm
from ..models.service_type import ServiceType
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.contact import Contact
  from ..models.price import Price





T = TypeVar("T", bound="ChangeInstitution")



@_attrs_define
class ChangeInstitution:
    """ Change an institution's profile; fields left out stay as they are.

        Attributes:
            name (None | str | Unset): 机构名称 name
            address (None | str | Unset): 地址 address
            township_code (None | str | Unset): 乡镇（街道）代码
            township_name (None | str | Unset): 乡镇（街道）名称
            capacity (int | None | Unset): 承载能力 capacity
            accepting (bool | None | Unset): 是否接收转介 accepts dispatched cases
            services (list[ServiceType] | None | Unset): 服务内容
            forms (list[ServiceForm] | None | Unset): 服务形式
            prices (list[Price] | None | Unset): 明码标价 prices
            contact (Contact | None | Unset): 联系人 contact
     """

    name: None | str | Unset = UNSET
    address: None | str | Unset = UNSET
    township_code: None | str | Unset = UNSET
    township_name: None | str | Unset = UNSET
    capacity: int | None | Unset = UNSET
    accepting: bool | None | Unset = UNSET
    services: list[ServiceType] | None | Unset = UNSET
    forms: list[ServiceForm] | None | Unset = UNSET
    prices: list[Price] | None | Unset = UNSET
    contact: Contact | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.price import Price # noqa: PLC0415
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        township_code: None | str | Unset
        if isinstance(self.township_code, Unset):
            township_code = UNSET
        else:
            township_code = self.township_code

        township_name: None | str | Unset
        if isinstance(self.township_name, Unset):
            township_name = UNSET
        else:
            township_name = self.township_name

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        accepting: bool | None | Unset
        if isinstance(self.accepting, Unset):
            accepting = UNSET
        else:
            accepting = self.accepting

        services: list[str] | None | Unset
        if isinstance(self.services, Unset):
            services = UNSET
        elif isinstance(self.services, list):
            services = []
            for services_type_0_item_data in self.services:
                services_type_0_item = services_type_0_item_data.value
                services.append(services_type_0_item)


        else:
            services = self.services

        forms: list[str] | None | Unset
        if isinstance(self.forms, Unset):
            forms = UNSET
        elif isinstance(self.forms, list):
            forms = []
            for forms_type_0_item_data in self.forms:
                forms_type_0_item = forms_type_0_item_data.value
                forms.append(forms_type_0_item)


        else:
            forms = self.forms

        prices: list[dict[str, Any]] | None | Unset
        if isinstance(self.prices, Unset):
            prices = UNSET
        elif isinstance(self.prices, list):
            prices = []
            for prices_type_0_item_data in self.prices:
                prices_type_0_item = prices_type_0_item_data.to_dict()
                prices.append(prices_type_0_item)


        else:
            prices = self.prices

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, Contact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if name is not UNSET:
            field_dict["name"] = name
        if address is not UNSET:
            field_dict["address"] = address
        if township_code is not UNSET:
            field_dict["township_code"] = township_code
        if township_name is not UNSET:
            field_dict["township_name"] = township_name
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if accepting is not UNSET:
            field_dict["accepting"] = accepting
        if services is not UNSET:
            field_dict["services"] = services
        if forms is not UNSET:
            field_dict["forms"] = forms
        if prices is not UNSET:
            field_dict["prices"] = prices
        if contact is not UNSET:
            field_dict["contact"] = contact

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.price import Price # noqa: PLC0415
        d = dict(src_dict)
        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        def _parse_township_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        township_code = _parse_township_code(d.pop("township_code", UNSET))


        def _parse_township_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        township_name = _parse_township_name(d.pop("township_name", UNSET))


        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))


        def _parse_accepting(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        accepting = _parse_accepting(d.pop("accepting", UNSET))


        def _parse_services(data: object) -> list[ServiceType] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                services_type_0 = []
                _services_type_0 = data
                for services_type_0_item_data in (_services_type_0):
                    services_type_0_item = ServiceType(services_type_0_item_data)



                    services_type_0.append(services_type_0_item)

                return services_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ServiceType] | None | Unset, data)

        services = _parse_services(d.pop("services", UNSET))


        def _parse_forms(data: object) -> list[ServiceForm] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                forms_type_0 = []
                _forms_type_0 = data
                for forms_type_0_item_data in (_forms_type_0):
                    forms_type_0_item = ServiceForm(forms_type_0_item_data)



                    forms_type_0.append(forms_type_0_item)

                return forms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ServiceForm] | None | Unset, data)

        forms = _parse_forms(d.pop("forms", UNSET))


        def _parse_prices(data: object) -> list[Price] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prices_type_0 = []
                _prices_type_0 = data
                for prices_type_0_item_data in (_prices_type_0):
                    prices_type_0_item = Price.from_dict(prices_type_0_item_data)



                    prices_type_0.append(prices_type_0_item)

                return prices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Price] | None | Unset, data)

        prices = _parse_prices(d.pop("prices", UNSET))


        def _parse_contact(data: object) -> Contact | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = Contact.from_dict(data)



                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))


        change_institution = cls(
            name=name,
            address=address,
            township_code=township_code,
            township_name=township_name,
            capacity=capacity,
            accepting=accepting,
            services=services,
            forms=forms,
            prices=prices,
            contact=contact,
        )

        return change_institution

