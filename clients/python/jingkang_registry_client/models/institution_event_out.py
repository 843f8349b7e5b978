from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.institution_event_out_data import InstitutionEventOutData
  from ..models.institution_event_out_metadata import InstitutionEventOutMetadata





T = TypeVar("T", bound="InstitutionEventOut")



@_attrs_define
class InstitutionEventOut:
    """ 
        Attributes:
            position (int): 全局位置 position in the feed
            version (int): 版本 the stream version (ETag)
            type_ (str): 事件类型 event type
            data (InstitutionEventOutData): 事件内容 event data
            metadata (InstitutionEventOutMetadata): 元数据 actor, role, org, request id
            recorded_at (str): 记录时间 when the platform recorded it
            prev_hash (str): 前一事件哈希 previous event hash
            hash_ (str): 事件哈希 this event hash (SHA-256 chain)
     """

    position: int
    version: int
    type_: str
    data: InstitutionEventOutData
    metadata: InstitutionEventOutMetadata
    recorded_at: str
    prev_hash: str
    hash_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.institution_event_out_data import InstitutionEventOutData # noqa: PLC0415
        from ..models.institution_event_out_metadata import InstitutionEventOutMetadata # noqa: PLC0415
        position = self.position

        version = self.version

        type_ = self.type_

        data = self.data.to_dict()

        metadata = self.metadata.to_dict()

        recorded_at = self.recorded_at

        prev_hash = self.prev_hash

        hash_ = self.hash_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "position": position,
            "version": version,
            "type": type_,
            "data": data,
            "metadata": metadata,
            "recorded_at": recorded_at,
            "prev_hash": prev_hash,
            "hash": hash_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.institution_event_out_data import InstitutionEventOutData # noqa: PLC0415
        from ..models.institution_event_out_metadata import InstitutionEventOutMetadata # noqa: PLC0415
        d = dict(src_dict)
        position = d.pop("position")

        version = d.pop("version")

        type_ = d.pop("type")

        data = InstitutionEventOutData.from_dict(d.pop("data"))




        metadata = InstitutionEventOutMetadata.from_dict(d.pop("metadata"))




        recorded_at = d.pop("recorded_at")

        prev_hash = d.pop("prev_hash")

        hash_ = d.pop("hash")

        institution_event_out = cls(
            position=position,
            version=version,
            type_=type_,
            data=data,
            metadata=metadata,
            recorded_at=recorded_at,
            prev_hash=prev_hash,
            hash_=hash_,
        )


        institution_event_out.additional_properties = d
        return institution_event_out

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
