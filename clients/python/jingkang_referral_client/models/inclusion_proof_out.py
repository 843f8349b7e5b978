from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.leaf_out import LeafOut





T = TypeVar("T", bound="InclusionProofOut")



@_attrs_define
class InclusionProofOut:
    """ 
        Attributes:
            event_id (str): 事件 event id
            tree_size (int): 树大小 tree size
            leaf_index (int): 叶序号 the event's index among the leaves, from 0
            leaf (LeafOut):
            leaf_hash (str): 叶哈希 SHA-256(0x00 || leaf data), hex
            proof (list[str]): 审计路径 audit path, hex, from the leaf up
     """

    event_id: str
    tree_size: int
    leaf_index: int
    leaf: LeafOut
    leaf_hash: str
    proof: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.leaf_out import LeafOut # noqa: PLC0415
        event_id = self.event_id

        tree_size = self.tree_size

        leaf_index = self.leaf_index

        leaf = self.leaf.to_dict()

        leaf_hash = self.leaf_hash

        proof = self.proof




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "event_id": event_id,
            "tree_size": tree_size,
            "leaf_index": leaf_index,
            "leaf": leaf,
            "leaf_hash": leaf_hash,
            "proof": proof,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leaf_out import LeafOut # noqa: PLC0415
        d = dict(src_dict)
        event_id = d.pop("event_id")

        tree_size = d.pop("tree_size")

        leaf_index = d.pop("leaf_index")

        leaf = LeafOut.from_dict(d.pop("leaf"))




        leaf_hash = d.pop("leaf_hash")

        proof = cast(list[str], d.pop("proof"))


        inclusion_proof_out = cls(
            event_id=event_id,
            tree_size=tree_size,
            leaf_index=leaf_index,
            leaf=leaf,
            leaf_hash=leaf_hash,
            proof=proof,
        )


        inclusion_proof_out.additional_properties = d
        return inclusion_proof_out

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
