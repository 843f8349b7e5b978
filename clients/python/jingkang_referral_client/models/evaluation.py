from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.employment_status import EmploymentStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.team_member import TeamMember





T = TypeVar("T", bound="Evaluation")



@_attrs_define
class Evaluation:
    """ 综合评估 by a multidisciplinary team, with the rehabilitation opinion.

        Attributes:
            evaluated_on (datetime.date): 评估日期 date
            team (list[TeamMember]): 评估团队 the team
            suitable (bool): 是否适宜社区康复 whether community rehabilitation suits
            opinion (str): 康复意见 the rehabilitation opinion
            risk_level (int): 危险性评估 risk level 0–5 (严重精神障碍管理治疗工作规范): 0 none … 5 violence with weapons
            plan (None | str | Unset): 康复计划 the plan, when suitable
            self_care_score (int | None | Unset): 生活自理能力 Barthel 指数 (ADL), 0–100, where measured
            social_functioning_score (int | None | Unset): 个人和社会功能量表 PSP, 1–100, where measured
            employment_status (EmploymentStatus | None | Unset): 就业状况
     """

    evaluated_on: datetime.date
    team: list[TeamMember]
    suitable: bool
    opinion: str
    risk_level: int
    plan: None | str | Unset = UNSET
    self_care_score: int | None | Unset = UNSET
    social_functioning_score: int | None | Unset = UNSET
    employment_status: EmploymentStatus | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.team_member import TeamMember # noqa: PLC0415
        evaluated_on = self.evaluated_on.isoformat()

        team = []
        for team_item_data in self.team:
            team_item = team_item_data.to_dict()
            team.append(team_item)



        suitable = self.suitable

        opinion = self.opinion

        risk_level = self.risk_level

        plan: None | str | Unset
        if isinstance(self.plan, Unset):
            plan = UNSET
        else:
            plan = self.plan

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
            "evaluated_on": evaluated_on,
            "team": team,
            "suitable": suitable,
            "opinion": opinion,
            "risk_level": risk_level,
        })
        if plan is not UNSET:
            field_dict["plan"] = plan
        if self_care_score is not UNSET:
            field_dict["self_care_score"] = self_care_score
        if social_functioning_score is not UNSET:
            field_dict["social_functioning_score"] = social_functioning_score
        if employment_status is not UNSET:
            field_dict["employment_status"] = employment_status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.team_member import TeamMember # noqa: PLC0415
        d = dict(src_dict)
        evaluated_on = datetime.date.fromisoformat(d.pop("evaluated_on"))




        team = []
        _team = d.pop("team")
        for team_item_data in (_team):
            team_item = TeamMember.from_dict(team_item_data)



            team.append(team_item)


        suitable = d.pop("suitable")

        opinion = d.pop("opinion")

        risk_level = d.pop("risk_level")

        def _parse_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan = _parse_plan(d.pop("plan", UNSET))


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


        evaluation = cls(
            evaluated_on=evaluated_on,
            team=team,
            suitable=suitable,
            opinion=opinion,
            risk_level=risk_level,
            plan=plan,
            self_care_score=self_care_score,
            social_functioning_score=social_functioning_score,
            employment_status=employment_status,
        )

        return evaluation

