from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.case_event_out_data import CaseEventOutData
  from ..models.case_event_out_metadata import CaseEventOutMetadata





T = TypeVar("T", bound="CaseEventOut")



@_attrs_define
class CaseEventOut:
    """ 
        Attributes:
            position (int): 全局位置 global position
            event_id (str): 事件标识 event id
            version (int): 版本 version in the case
            type_ (str): 事件类型 event type
            schema_version (int): 数据结构版本 schema version
            data (CaseEventOutData): 事件数据 data
            metadata (CaseEventOutMetadata): 元数据 actor, role, org, request, correlation ids
            recorded_at (str): 记录时间 recorded time
            prev_hash (str): 前一哈希 previous hash
            hash_ (str): 哈希 chain hash
     """

    position: int
    event_id: str
    version: int
    type_: str
    schema_version: int
    data: CaseEventOutData
    metadata: CaseEventOutMetadata
    recorded_at: str
    prev_hash: str
    hash_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_event_out_data import CaseEventOutData # noqa: PLC0415
        from ..models.case_event_out_metadata import CaseEventOutMetadata # noqa: PLC0415
        position = self.position

        event_id = self.event_id

        version = self.version

        type_ = self.type_

        schema_version = self.schema_version

        data = self.data.to_dict()

        metadata = self.metadata.to_dict()

        recorded_at = self.recorded_at

        prev_hash = self.prev_hash

        hash_ = self.hash_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "position": position,
            "event_id": event_id,
            "version": version,
            "type": type_,
            "schema_version": schema_version,
            "data": data,
            "metadata": metadata,
            "recorded_at": recorded_at,
            "prev_hash": prev_hash,
            "hash": hash_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_event_out_data import CaseEventOutData # noqa: PLC0415
        from ..models.case_event_out_metadata import CaseEventOutMetadata # noqa: PLC0415
        d = dict(src_dict)
        position = d.pop("position")

        event_id = d.pop("event_id")

        version = d.pop("version")

        type_ = d.pop("type")

        schema_version = d.pop("schema_version")

        data = CaseEventOutData.from_dict(d.pop("data"))




        metadata = CaseEventOutMetadata.from_dict(d.pop("metadata"))




        recorded_at = d.pop("recorded_at")

        prev_hash = d.pop("prev_hash")

        hash_ = d.pop("hash")

        case_event_out = cls(
            position=position,
            event_id=event_id,
            version=version,
            type_=type_,
            schema_version=schema_version,
            data=data,
            metadata=metadata,
            recorded_at=recorded_at,
            prev_hash=prev_hash,
            hash_=hash_,
        )


        case_event_out.additional_properties = d
        return case_event_out

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
