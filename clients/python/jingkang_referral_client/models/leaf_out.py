from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="LeafOut")



@_attrs_define
class LeafOut:
    """ 
        Attributes:
            position (int): 全局位置 position
            tx_id (int): 事务 writing transaction (feed order)
            stream_id (str): 事件流 stream
            version (int): 版本 version
            hash_ (str): 链哈希 chain hash
            seal (str): 封印 HMAC seal, hex (empty: stored before seals)
     """

    position: int
    tx_id: int
    stream_id: str
    version: int
    hash_: str
    seal: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        position = self.position

        tx_id = self.tx_id

        stream_id = self.stream_id

        version = self.version

        hash_ = self.hash_

        seal = self.seal


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "position": position,
            "tx_id": tx_id,
            "stream_id": stream_id,
            "version": version,
            "hash": hash_,
            "seal": seal,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        position = d.pop("position")

        tx_id = d.pop("tx_id")

        stream_id = d.pop("stream_id")

        version = d.pop("version")

        hash_ = d.pop("hash")

        seal = d.pop("seal")

        leaf_out = cls(
            position=position,
            tx_id=tx_id,
            stream_id=stream_id,
            version=version,
            hash_=hash_,
            seal=seal,
        )


        leaf_out.additional_properties = d
        return leaf_out

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
