from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.state_machine_out_actions_item import StateMachineOutActionsItem





T = TypeVar("T", bound="StateMachineOut")



@_attrs_define
class StateMachineOut:
    """ 
        Attributes:
            states (list[str]): 状态 states
            terminal_states (list[str]): 终止状态 terminal states
            actions (list[StateMachineOutActionsItem]): 操作 actions: from, to, roles, guards
            mermaid (str): Mermaid 状态图 diagram
     """

    states: list[str]
    terminal_states: list[str]
    actions: list[StateMachineOutActionsItem]
    mermaid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.state_machine_out_actions_item import StateMachineOutActionsItem # noqa: PLC0415
        states = self.states



        terminal_states = self.terminal_states



        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)



        mermaid = self.mermaid


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "states": states,
            "terminal_states": terminal_states,
            "actions": actions,
            "mermaid": mermaid,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_machine_out_actions_item import StateMachineOutActionsItem # noqa: PLC0415
        d = dict(src_dict)
        states = cast(list[str], d.pop("states"))


        terminal_states = cast(list[str], d.pop("terminal_states"))


        actions = []
        _actions = d.pop("actions")
        for actions_item_data in (_actions):
            actions_item = StateMachineOutActionsItem.from_dict(actions_item_data)



            actions.append(actions_item)


        mermaid = d.pop("mermaid")

        state_machine_out = cls(
            states=states,
            terminal_states=terminal_states,
            actions=actions,
            mermaid=mermaid,
        )


        state_machine_out.additional_properties = d
        return state_machine_out

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
