from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.institution_out_contact_type_0 import InstitutionOutContactType0
  from ..models.institution_out_prices_item import InstitutionOutPricesItem
  from ..models.staff_figures_out import StaffFiguresOut





T = TypeVar("T", bound="InstitutionOut")



@_attrs_define
class InstitutionOut:
    """ 服务机构档案 an institution's profile.

        Attributes:
            institution_id (str): 机构标识 institution id
            name (str): 名称 name
            credit_code (str): 统一社会信用代码
            region (str): 行政区划代码 GB/T 2260 division code
            township_code (None | str): 乡镇（街道）代码
            township_name (None | str): 乡镇（街道）名称
            address (str): 地址 address
            level (str): 网络层级 level
            kind (str): 机构类型 kind
            area (str): 城乡 urban or rural
            capacity (int): 承载能力 capacity
            accepting (bool): 是否接收转介 accepts dispatched cases
            services (list[str]): 服务内容 services offered
            forms (list[str]): 服务形式 forms offered
            prices (list[InstitutionOutPricesItem]): 明码标价 published prices
            contact (InstitutionOutContactType0 | None): 联系人 contact
            opened_on (None | str): 开业日期 opening date
            registered_at (str): 登记时间 registered at
            status (str): 状态 operating, suspended or closed
            version (int): 版本 the stream version (ETag)
            latest_staff_report (None | StaffFiguresOut | Unset): 最近人员报告 figures of the latest staff report
            available_status_actions (list[str] | Unset): 可用操作 status actions possible now
     """

    institution_id: str
    name: str
    credit_code: str
    region: str
    township_code: None | str
    township_name: None | str
    address: str
    level: str
    kind: str
    area: str
    capacity: int
    accepting: bool
    services: list[str]
    forms: list[str]
    prices: list[InstitutionOutPricesItem]
    contact: InstitutionOutContactType0 | None
    opened_on: None | str
    registered_at: str
    status: str
    version: int
    latest_staff_report: None | StaffFiguresOut | Unset = UNSET
    available_status_actions: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.institution_out_contact_type_0 import InstitutionOutContactType0 # noqa: PLC0415
        from ..models.institution_out_prices_item import InstitutionOutPricesItem # noqa: PLC0415
        from ..models.staff_figures_out import StaffFiguresOut # noqa: PLC0415
        institution_id = self.institution_id

        name = self.name

        credit_code = self.credit_code

        region = self.region

        township_code: None | str
        township_code = self.township_code

        township_name: None | str
        township_name = self.township_name

        address = self.address

        level = self.level

        kind = self.kind

        area = self.area

        capacity = self.capacity

        accepting = self.accepting

        services = self.services



        forms = self.forms



        prices = []
        for prices_item_data in self.prices:
            prices_item = prices_item_data.to_dict()
            prices.append(prices_item)



        contact: dict[str, Any] | None
        if isinstance(self.contact, InstitutionOutContactType0):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        opened_on: None | str
        opened_on = self.opened_on

        registered_at = self.registered_at

        status = self.status

        version = self.version

        latest_staff_report: dict[str, Any] | None | Unset
        if isinstance(self.latest_staff_report, Unset):
            latest_staff_report = UNSET
        elif isinstance(self.latest_staff_report, StaffFiguresOut):
            latest_staff_report = self.latest_staff_report.to_dict()
        else:
            latest_staff_report = self.latest_staff_report

        available_status_actions: list[str] | Unset = UNSET
        if not isinstance(self.available_status_actions, Unset):
            available_status_actions = self.available_status_actions




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "institution_id": institution_id,
            "name": name,
            "credit_code": credit_code,
            "region": region,
            "township_code": township_code,
            "township_name": township_name,
            "address": address,
            "level": level,
            "kind": kind,
            "area": area,
            "capacity": capacity,
            "accepting": accepting,
            "services": services,
            "forms": forms,
            "prices": prices,
            "contact": contact,
            "opened_on": opened_on,
            "registered_at": registered_at,
            "status": status,
            "version": version,
        })
        if latest_staff_report is not UNSET:
            field_dict["latest_staff_report"] = latest_staff_report
        if available_status_actions is not UNSET:
            field_dict["available_status_actions"] = available_status_actions

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.institution_out_contact_type_0 import InstitutionOutContactType0 # noqa: PLC0415
        from ..models.institution_out_prices_item import InstitutionOutPricesItem # noqa: PLC0415
        from ..models.staff_figures_out import StaffFiguresOut # noqa: PLC0415
        d = dict(src_dict)
        institution_id = d.pop("institution_id")

        name = d.pop("name")

        credit_code = d.pop("credit_code")

        region = d.pop("region")

        def _parse_township_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        township_code = _parse_township_code(d.pop("township_code"))


        def _parse_township_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        township_name = _parse_township_name(d.pop("township_name"))


        address = d.pop("address")

        level = d.pop("level")

        kind = d.pop("kind")

        area = d.pop("area")

        capacity = d.pop("capacity")

        accepting = d.pop("accepting")

        services = cast(list[str], d.pop("services"))


        forms = cast(list[str], d.pop("forms"))


        prices = []
        _prices = d.pop("prices")
        for prices_item_data in (_prices):
            prices_item = InstitutionOutPricesItem.from_dict(prices_item_data)



            prices.append(prices_item)


        def _parse_contact(data: object) -> InstitutionOutContactType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = InstitutionOutContactType0.from_dict(data)



                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InstitutionOutContactType0 | None, data)

        contact = _parse_contact(d.pop("contact"))


        def _parse_opened_on(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        opened_on = _parse_opened_on(d.pop("opened_on"))


        registered_at = d.pop("registered_at")

        status = d.pop("status")

        version = d.pop("version")

        def _parse_latest_staff_report(data: object) -> None | StaffFiguresOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                latest_staff_report_type_0 = StaffFiguresOut.from_dict(data)



                return latest_staff_report_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StaffFiguresOut | Unset, data)

        latest_staff_report = _parse_latest_staff_report(d.pop("latest_staff_report", UNSET))


        available_status_actions = cast(list[str], d.pop("available_status_actions", UNSET))


        institution_out = cls(
            institution_id=institution_id,
            name=name,
            credit_code=credit_code,
            region=region,
            township_code=township_code,
            township_name=township_name,
            address=address,
            level=level,
            kind=kind,
            area=area,
            capacity=capacity,
            accepting=accepting,
            services=services,
            forms=forms,
            prices=prices,
            contact=contact,
            opened_on=opened_on,
            registered_at=registered_at,
            status=status,
            version=version,
            latest_staff_report=latest_staff_report,
            available_status_actions=available_status_actions,
        )


        institution_out.additional_properties = d
        return institution_out

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
