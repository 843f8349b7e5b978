from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="IntegrityOut")



@_attrs_define
class IntegrityOut:
    """ 
        Attributes:
            case_id (str): 个案标识 case id
            valid (bool): 完整 the chain verifies
            events_checked (int): 已核对事件数 events checked
            first_bad_position (int | None): 首个异常事件位置 first bad event's position
            first_bad_event_id (None | str): 首个异常事件 first bad event id
            first_bad_version (int | None): 首个异常版本 its version
            reason (None | str): 原因 why it does not verify
            seals_checked (int): 已核对封印数 events whose seal (HMAC by the ledger key) was checked
            unsealed_legacy (int): 封印前事件数 events stored before seals existed
     """

    case_id: str
    valid: bool
    events_checked: int
    first_bad_position: int | None
    first_bad_event_id: None | str
    first_bad_version: int | None
    reason: None | str
    seals_checked: int
    unsealed_legacy: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        case_id = self.case_id

        valid = self.valid

        events_checked = self.events_checked

        first_bad_position: int | None
        first_bad_position = self.first_bad_position

        first_bad_event_id: None | str
        first_bad_event_id = self.first_bad_event_id

        first_bad_version: int | None
        first_bad_version = self.first_bad_version

        reason: None | str
        reason = self.reason

        seals_checked = self.seals_checked

        unsealed_legacy = self.unsealed_legacy


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "valid": valid,
            "events_checked": events_checked,
            "first_bad_position": first_bad_position,
            "first_bad_event_id": first_bad_event_id,
            "first_bad_version": first_bad_version,
            "reason": reason,
            "seals_checked": seals_checked,
            "unsealed_legacy": unsealed_legacy,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        case_id = d.pop("case_id")

        valid = d.pop("valid")

        events_checked = d.pop("events_checked")

        def _parse_first_bad_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_bad_position = _parse_first_bad_position(d.pop("first_bad_position"))


        def _parse_first_bad_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        first_bad_event_id = _parse_first_bad_event_id(d.pop("first_bad_event_id"))


        def _parse_first_bad_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        first_bad_version = _parse_first_bad_version(d.pop("first_bad_version"))


        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        seals_checked = d.pop("seals_checked")

        unsealed_legacy = d.pop("unsealed_legacy")

        integrity_out = cls(
            case_id=case_id,
            valid=valid,
            events_checked=events_checked,
            first_bad_position=first_bad_position,
            first_bad_event_id=first_bad_event_id,
            first_bad_version=first_bad_version,
            reason=reason,
            seals_checked=seals_checked,
            unsealed_legacy=unsealed_legacy,
        )


        integrity_out.additional_properties = d
        return integrity_out

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
