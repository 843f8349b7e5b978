from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.area import Area
from ..models.kind import Kind
from ..models.level import Level
from ..models.service_form import ServiceForm
from ..models.service_type import ServiceType
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.contact import Contact
  from ..models.price import Price





T = TypeVar("T", bound="RegisterInstitution")



@_attrs_define
class RegisterInstitution:
    """ Register a community rehabilitation institution in the 服务机构库.

        Attributes:
            name (str): 机构名称 name
            credit_code (str): 统一社会信用代码 unified social credit code (GB 32100)
            region (str): 行政区划代码 GB/T 2260 six-digit county-level division code, valid today
            address (str): 地址 address
            level (Level): Level in the four-level network (Chongqing 8)。取值：city 市级；county 县级；township 乡镇（街道）级；village
                村（社区）级
            kind (Kind): 取值：comprehensive_centre 综合服务中心；station 康复站；day_care 日间照料机构；transitional_housing 过渡性住所；farm_therapy
                农疗站；work_therapy 工疗；clubhouse 康复会所
            area (Area): 取值：urban 城市；rural 农村
            capacity (int): 承载能力 how many persons it can serve at once
            institution_id (None | str | Unset): 机构标识; generated when absent (imports keep the ids of an existing register)
            township_code (None | str | Unset): 乡镇（街道）代码, where known
            township_name (None | str | Unset): 乡镇（街道）名称
            accepting (bool | Unset): 是否接收转介 accepts dispatched cases Default: True.
            services (list[ServiceType] | Unset): 服务内容 services offered
            forms (list[ServiceForm] | Unset): 服务形式 forms offered
            prices (list[Price] | Unset): 明码标价
            contact (Contact | None | Unset): 联系人 contact
            opened_on (datetime.date | None | Unset): 开业日期 opening date
     """

    name: str
    credit_code: str
    region: str
    address: str
    level: Level
    kind: Kind
    area: Area
    capacity: int
    institution_id: None | str | Unset = UNSET
    township_code: None | str | Unset = UNSET
    township_name: None | str | Unset = UNSET
    accepting: bool | Unset = True
    services: list[ServiceType] | Unset = UNSET
    forms: list[ServiceForm] | Unset = UNSET
    prices: list[Price] | Unset = UNSET
    contact: Contact | None | Unset = UNSET
    opened_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.price import Price # noqa: PLC0415
        name = self.name

        credit_code = self.credit_code

        region = self.region

        address = self.address

        level = self.level.value

        kind = self.kind.value

        area = self.area.value

        capacity = self.capacity

        institution_id: None | str | Unset
        if isinstance(self.institution_id, Unset):
            institution_id = UNSET
        else:
            institution_id = self.institution_id

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

        accepting = self.accepting

        services: list[str] | Unset = UNSET
        if not isinstance(self.services, Unset):
            services = []
            for services_item_data in self.services:
                services_item = services_item_data.value
                services.append(services_item)



        forms: list[str] | Unset = UNSET
        if not isinstance(self.forms, Unset):
            forms = []
            for forms_item_data in self.forms:
                forms_item = forms_item_data.value
                forms.append(forms_item)



        prices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.prices, Unset):
            prices = []
            for prices_item_data in self.prices:
                prices_item = prices_item_data.to_dict()
                prices.append(prices_item)



        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, Contact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        opened_on: None | str | Unset
        if isinstance(self.opened_on, Unset):
            opened_on = UNSET
        elif isinstance(self.opened_on, datetime.date):
            opened_on = self.opened_on.isoformat()
        else:
            opened_on = self.opened_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "credit_code": credit_code,
            "region": region,
            "address": address,
            "level": level,
            "kind": kind,
            "area": area,
            "capacity": capacity,
        })
        if institution_id is not UNSET:
            field_dict["institution_id"] = institution_id
        if township_code is not UNSET:
            field_dict["township_code"] = township_code
        if township_name is not UNSET:
            field_dict["township_name"] = township_name
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
        if opened_on is not UNSET:
            field_dict["opened_on"] = opened_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.price import Price # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        credit_code = d.pop("credit_code")

        region = d.pop("region")

        address = d.pop("address")

        level = Level(d.pop("level"))




        kind = Kind(d.pop("kind"))




        area = Area(d.pop("area"))




        capacity = d.pop("capacity")

        def _parse_institution_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        institution_id = _parse_institution_id(d.pop("institution_id", UNSET))


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


        accepting = d.pop("accepting", UNSET)

        _services = d.pop("services", UNSET)
        services: list[ServiceType] | Unset = UNSET
        if _services is not UNSET:
            services = []
            for services_item_data in _services:
                services_item = ServiceType(services_item_data)



                services.append(services_item)


        _forms = d.pop("forms", UNSET)
        forms: list[ServiceForm] | Unset = UNSET
        if _forms is not UNSET:
            forms = []
            for forms_item_data in _forms:
                forms_item = ServiceForm(forms_item_data)



                forms.append(forms_item)


        _prices = d.pop("prices", UNSET)
        prices: list[Price] | Unset = UNSET
        if _prices is not UNSET:
            prices = []
            for prices_item_data in _prices:
                prices_item = Price.from_dict(prices_item_data)



                prices.append(prices_item)


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


        def _parse_opened_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_on_type_0 = datetime.date.fromisoformat(data)



                return opened_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        opened_on = _parse_opened_on(d.pop("opened_on", UNSET))


        register_institution = cls(
            name=name,
            credit_code=credit_code,
            region=region,
            address=address,
            level=level,
            kind=kind,
            area=area,
            capacity=capacity,
            institution_id=institution_id,
            township_code=township_code,
            township_name=township_name,
            accepting=accepting,
            services=services,
            forms=forms,
            prices=prices,
            contact=contact,
            opened_on=opened_on,
        )

        return register_institution

