from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.feed_event_out_data import FeedEventOutData
  from ..models.feed_event_out_metadata import FeedEventOutMetadata





T = TypeVar("T", bound="FeedEventOut")



@_attrs_define
class FeedEventOut:
    """ 
        Attributes:
            cursor (str): 此事件在事件流中的游标 the event's feed cursor (opaque)
            position (int): 全局位置 global position
            event_id (str): 事件标识 event id (UUID)
            stream_id (str): 事件流标识 stream id (a case or an institution)
            stream_type (str): 事件流类型 stream type
            version (int): 流内版本 version within the stream, from 1
            type_ (str): 事件类型 event type, past tense
            schema_version (int): 数据结构版本 schema version of data
            data (FeedEventOutData): 事件数据 event data
            metadata (FeedEventOutMetadata): 元数据 actor id, role, org, request, correlation and causation ids
            recorded_at (str): 记录时间 recorded time, RFC 3339
            prev_hash (str): 前一事件哈希 hash of the previous event in the stream
            hash_ (str): 本事件哈希 this event's chain hash (SHA-256, hex)
     """

    cursor: str
    position: int
    event_id: str
    stream_id: str
    stream_type: str
    version: int
    type_: str
    schema_version: int
    data: FeedEventOutData
    metadata: FeedEventOutMetadata
    recorded_at: str
    prev_hash: str
    hash_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.feed_event_out_data import FeedEventOutData # noqa: PLC0415
        from ..models.feed_event_out_metadata import FeedEventOutMetadata # noqa: PLC0415
        cursor = self.cursor

        position = self.position

        event_id = self.event_id

        stream_id = self.stream_id

        stream_type = self.stream_type

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
            "cursor": cursor,
            "position": position,
            "event_id": event_id,
            "stream_id": stream_id,
            "stream_type": stream_type,
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
        from ..models.feed_event_out_data import FeedEventOutData # noqa: PLC0415
        from ..models.feed_event_out_metadata import FeedEventOutMetadata # noqa: PLC0415
        d = dict(src_dict)
        cursor = d.pop("cursor")

        position = d.pop("position")

        event_id = d.pop("event_id")

        stream_id = d.pop("stream_id")

        stream_type = d.pop("stream_type")

        version = d.pop("version")

        type_ = d.pop("type")

        schema_version = d.pop("schema_version")

        data = FeedEventOutData.from_dict(d.pop("data"))




        metadata = FeedEventOutMetadata.from_dict(d.pop("metadata"))




        recorded_at = d.pop("recorded_at")

        prev_hash = d.pop("prev_hash")

        hash_ = d.pop("hash")

        feed_event_out = cls(
            cursor=cursor,
            position=position,
            event_id=event_id,
            stream_id=stream_id,
            stream_type=stream_type,
            version=version,
            type_=type_,
            schema_version=schema_version,
            data=data,
            metadata=metadata,
            recorded_at=recorded_at,
            prev_hash=prev_hash,
            hash_=hash_,
        )


        feed_event_out.additional_properties = d
        return feed_event_out

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
