from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="AccessEntryOut")



@_attrs_define
class AccessEntryOut:
    """ 
        Attributes:
            id (int): 序号 entry number, ascending in time
            at (str): 时间 when (RFC 3339)
            actor_id (None | str): 访问者 the token's subject; null if unauthenticated
            role (None | str): 角色 role
            org_id (None | str): 机构 organisation
            method (str): 方法 HTTP method
            path (str): 路径 what was asked for
            object_type (None | str): 对象类型 case, events, archive …
            object_id (None | str): 对象标识 the case, person or institution
            status (int): 状态码 the answer's status
            outcome (str): 结果 success or refused
            client (None | str): 来源地址 the caller's address
            request_id (None | str): 请求标识 the request's id, if it sent one
     """

    id: int
    at: str
    actor_id: None | str
    role: None | str
    org_id: None | str
    method: str
    path: str
    object_type: None | str
    object_id: None | str
    status: int
    outcome: str
    client: None | str
    request_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        at = self.at

        actor_id: None | str
        actor_id = self.actor_id

        role: None | str
        role = self.role

        org_id: None | str
        org_id = self.org_id

        method = self.method

        path = self.path

        object_type: None | str
        object_type = self.object_type

        object_id: None | str
        object_id = self.object_id

        status = self.status

        outcome = self.outcome

        client: None | str
        client = self.client

        request_id: None | str
        request_id = self.request_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "at": at,
            "actor_id": actor_id,
            "role": role,
            "org_id": org_id,
            "method": method,
            "path": path,
            "object_type": object_type,
            "object_id": object_id,
            "status": status,
            "outcome": outcome,
            "client": client,
            "request_id": request_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        at = d.pop("at")

        def _parse_actor_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))


        def _parse_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role = _parse_role(d.pop("role"))


        def _parse_org_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        org_id = _parse_org_id(d.pop("org_id"))


        method = d.pop("method")

        path = d.pop("path")

        def _parse_object_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_type = _parse_object_type(d.pop("object_type"))


        def _parse_object_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_id = _parse_object_id(d.pop("object_id"))


        status = d.pop("status")

        outcome = d.pop("outcome")

        def _parse_client(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client = _parse_client(d.pop("client"))


        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))


        access_entry_out = cls(
            id=id,
            at=at,
            actor_id=actor_id,
            role=role,
            org_id=org_id,
            method=method,
            path=path,
            object_type=object_type,
            object_id=object_id,
            status=status,
            outcome=outcome,
            client=client,
            request_id=request_id,
        )


        access_entry_out.additional_properties = d
        return access_entry_out

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
