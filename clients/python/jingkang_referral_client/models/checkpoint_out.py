from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="CheckpointOut")



@_attrs_define
class CheckpointOut:
    """ 
        Attributes:
            origin (str): 服务 the service whose store this is
            tree_size (int): 事件数 events covered: the first tree_size of the feed
            root_hash (str): 默克尔树根 RFC 9162 Merkle tree hash, hex
            last_cursor (str): 最后事件的游标 feed cursor of the last covered event
            created_at (str): 生成时间 when it was made (UTC)
            key_id (str): 密钥标识 first 16 hex of SHA-256 of the public key
            public_key (str): 公钥 Ed25519 public key, base64
            signature (str): 签名 Ed25519 signature of signed_text, base64
            algorithm (str): 签名算法 Ed25519
            signed_text (str): 签名原文 the exact text signed (UTF-8)
     """

    origin: str
    tree_size: int
    root_hash: str
    last_cursor: str
    created_at: str
    key_id: str
    public_key: str
    signature: str
    algorithm: str
    signed_text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        origin = self.origin

        tree_size = self.tree_size

        root_hash = self.root_hash

        last_cursor = self.last_cursor

        created_at = self.created_at

        key_id = self.key_id

        public_key = self.public_key

        signature = self.signature

        algorithm = self.algorithm

        signed_text = self.signed_text


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "origin": origin,
            "tree_size": tree_size,
            "root_hash": root_hash,
            "last_cursor": last_cursor,
            "created_at": created_at,
            "key_id": key_id,
            "public_key": public_key,
            "signature": signature,
            "algorithm": algorithm,
            "signed_text": signed_text,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        origin = d.pop("origin")

        tree_size = d.pop("tree_size")

        root_hash = d.pop("root_hash")

        last_cursor = d.pop("last_cursor")

        created_at = d.pop("created_at")

        key_id = d.pop("key_id")

        public_key = d.pop("public_key")

        signature = d.pop("signature")

        algorithm = d.pop("algorithm")

        signed_text = d.pop("signed_text")

        checkpoint_out = cls(
            origin=origin,
            tree_size=tree_size,
            root_hash=root_hash,
            last_cursor=last_cursor,
            created_at=created_at,
            key_id=key_id,
            public_key=public_key,
            signature=signature,
            algorithm=algorithm,
            signed_text=signed_text,
        )


        checkpoint_out.additional_properties = d
        return checkpoint_out

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
