from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="LedgerKeyOut")



@_attrs_define
class LedgerKeyOut:
    """ 
        Attributes:
            origin (str): 服务 the service
            key_id (str): 密钥标识 key id
            public_key (str): 公钥 Ed25519 public key, base64
            algorithm (str): 签名算法 Ed25519
     """

    origin: str
    key_id: str
    public_key: str
    algorithm: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        origin = self.origin

        key_id = self.key_id

        public_key = self.public_key

        algorithm = self.algorithm


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "origin": origin,
            "key_id": key_id,
            "public_key": public_key,
            "algorithm": algorithm,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        origin = d.pop("origin")

        key_id = d.pop("key_id")

        public_key = d.pop("public_key")

        algorithm = d.pop("algorithm")

        ledger_key_out = cls(
            origin=origin,
            key_id=key_id,
            public_key=public_key,
            algorithm=algorithm,
        )


        ledger_key_out.additional_properties = d
        return ledger_key_out

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
