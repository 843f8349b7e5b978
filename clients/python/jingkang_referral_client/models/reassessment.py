from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.employment_status import EmploymentStatus
from ..models.exit_destination import ExitDestination
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Reassessment")



@_attrs_define
class Reassessment:
    """ 定期转介评估: effect, disease state, self-care, employment; may recommend exit.

        Attributes:
            assessed_on (datetime.date): 评估日期 date
            rehabilitation_effect (str): 康复效果 rehabilitation effect
            disease_state (str): 疾病状态 disease state
            self_care (str): 生活自理能力 self-care ability
            employment_willingness (bool): 就业意愿 wishes to work
            employment_ability (bool): 就业能力 able to work
            risk_level (int): 危险性评估 risk level 0–5 (严重精神障碍管理治疗工作规范): 0 none … 5 violence with weapons
            recommend_exit (bool): 建议结束社区康复 recommends exit
            exit_destination (ExitDestination | None | Unset): 建议去向 recommended destination
            self_care_score (int | None | Unset): 生活自理能力 Barthel 指数 (ADL), 0–100, where measured
            social_functioning_score (int | None | Unset): 个人和社会功能量表 PSP, 1–100, where measured
            employment_status (EmploymentStatus | None | Unset): 就业状况
     """

    assessed_on: datetime.date
    rehabilitation_effect: str
    disease_state: str
    self_care: str
    employment_willingness: bool
    employment_ability: bool
    risk_level: int
    recommend_exit: bool
    exit_destination: ExitDestination | None | Unset = UNSET
    self_care_score: int | None | Unset = UNSET
    social_functioning_score: int | None | Unset = UNSET
    employment_status: EmploymentStatus | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        assessed_on = self.assessed_on.isoformat()

        rehabilitation_effect = self.rehabilitation_effect

        disease_state = self.disease_state

        self_care = self.self_care

        employment_willingness = self.employment_willingness

        employment_ability = self.employment_ability

        risk_level = self.risk_level

        recommend_exit = self.recommend_exit

        exit_destination: None | str | Unset
        if isinstance(self.exit_destination, Unset):
            exit_destination = UNSET
        elif isinstance(self.exit_destination, ExitDestination):
            exit_destination = self.exit_destination.value
        else:
            exit_destination = self.exit_destination

        self_care_score: int | None | Unset
        if isinstance(self.self_care_score, Unset):
            self_care_score = UNSET
        else:
            self_care_score = self.self_care_score

        social_functioning_score: int | None | Unset
        if isinstance(self.social_functioning_score, Unset):
            social_functioning_score = UNSET
        else:
            social_functioning_score = self.social_functioning_score

        employment_status: None | str | Unset
        if isinstance(self.employment_status, Unset):
            employment_status = UNSET
        elif isinstance(self.employment_status, EmploymentStatus):
            employment_status = self.employment_status.value
        else:
            employment_status = self.employment_status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assessed_on": assessed_on,
            "rehabilitation_effect": rehabilitation_effect,
            "disease_state": disease_state,
            "self_care": self_care,
            "employment_willingness": employment_willingness,
            "employment_ability": employment_ability,
            "risk_level": risk_level,
            "recommend_exit": recommend_exit,
        })
        if exit_destination is not UNSET:
            field_dict["exit_destination"] = exit_destination
        if self_care_score is not UNSET:
            field_dict["self_care_score"] = self_care_score
        if social_functioning_score is not UNSET:
            field_dict["social_functioning_score"] = social_functioning_score
        if employment_status is not UNSET:
            field_dict["employment_status"] = employment_status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assessed_on = datetime.date.fromisoformat(d.pop("assessed_on"))




        rehabilitation_effect = d.pop("rehabilitation_effect")

        disease_state = d.pop("disease_state")

        self_care = d.pop("self_care")

        employment_willingness = d.pop("employment_willingness")

        employment_ability = d.pop("employment_ability")

        risk_level = d.pop("risk_level")

        recommend_exit = d.pop("recommend_exit")

        def _parse_exit_destination(data: object) -> ExitDestination | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exit_destination_type_0 = ExitDestination(data)



                return exit_destination_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExitDestination | None | Unset, data)

        exit_destination = _parse_exit_destination(d.pop("exit_destination", UNSET))


        def _parse_self_care_score(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        self_care_score = _parse_self_care_score(d.pop("self_care_score", UNSET))


        def _parse_social_functioning_score(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        social_functioning_score = _parse_social_functioning_score(d.pop("social_functioning_score", UNSET))


        def _parse_employment_status(data: object) -> EmploymentStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                employment_status_type_0 = EmploymentStatus(data)



                return employment_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmploymentStatus | None | Unset, data)

        employment_status = _parse_employment_status(d.pop("employment_status", UNSET))


        reassessment = cls(
            assessed_on=assessed_on,
            rehabilitation_effect=rehabilitation_effect,
            disease_state=disease_state,
            self_care=self_care,
            employment_willingness=employment_willingness,
            employment_ability=employment_ability,
            risk_level=risk_level,
            recommend_exit=recommend_exit,
            exit_destination=exit_destination,
            self_care_score=self_care_score,
            social_functioning_score=social_functioning_score,
            employment_status=employment_status,
        )

        return reassessment

