from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.team import Team





T = TypeVar("T", bound="RecordBaseline")



@_attrs_define
class RecordBaseline:
    """ 摸底 figures for one region and period: columns 1–4, 14, 15 and 19 of the annex.

        Attributes:
            total_patients (int): 1 辖区内精神障碍患者总人数
            severe_at_home_police (int): 2 公安登记的居家严重患者人数
            severe_at_home_health (int): 3 卫健委登记的居家严重患者人数
            general_at_home (int): 4 居家一般患者数量
            psychiatric_medical_staff (int): 14 辖区内有精神专科（全科）医务人员数量
            funding_10k_cny (float | str): 19 本级财政（或福彩资金、慈善捐赠等）投入经费金额（万元）
            purchased_teams (list[Team] | Unset): 15 购买专业服务团队名称及数量
     """

    total_patients: int
    severe_at_home_police: int
    severe_at_home_health: int
    general_at_home: int
    psychiatric_medical_staff: int
    funding_10k_cny: float | str
    purchased_teams: list[Team] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.team import Team # noqa: PLC0415
        total_patients = self.total_patients

        severe_at_home_police = self.severe_at_home_police

        severe_at_home_health = self.severe_at_home_health

        general_at_home = self.general_at_home

        psychiatric_medical_staff = self.psychiatric_medical_staff

        funding_10k_cny: float | str
        funding_10k_cny = self.funding_10k_cny

        purchased_teams: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.purchased_teams, Unset):
            purchased_teams = []
            for purchased_teams_item_data in self.purchased_teams:
                purchased_teams_item = purchased_teams_item_data.to_dict()
                purchased_teams.append(purchased_teams_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "total_patients": total_patients,
            "severe_at_home_police": severe_at_home_police,
            "severe_at_home_health": severe_at_home_health,
            "general_at_home": general_at_home,
            "psychiatric_medical_staff": psychiatric_medical_staff,
            "funding_10k_cny": funding_10k_cny,
        })
        if purchased_teams is not UNSET:
            field_dict["purchased_teams"] = purchased_teams

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.team import Team # noqa: PLC0415
        d = dict(src_dict)
        total_patients = d.pop("total_patients")

        severe_at_home_police = d.pop("severe_at_home_police")

        severe_at_home_health = d.pop("severe_at_home_health")

        general_at_home = d.pop("general_at_home")

        psychiatric_medical_staff = d.pop("psychiatric_medical_staff")

        def _parse_funding_10k_cny(data: object) -> float | str:
            return cast(float | str, data)

        funding_10k_cny = _parse_funding_10k_cny(d.pop("funding_10k_cny"))


        _purchased_teams = d.pop("purchased_teams", UNSET)
        purchased_teams: list[Team] | Unset = UNSET
        if _purchased_teams is not UNSET:
            purchased_teams = []
            for purchased_teams_item_data in _purchased_teams:
                purchased_teams_item = Team.from_dict(purchased_teams_item_data)



                purchased_teams.append(purchased_teams_item)


        record_baseline = cls(
            total_patients=total_patients,
            severe_at_home_police=severe_at_home_police,
            severe_at_home_health=severe_at_home_health,
            general_at_home=general_at_home,
            psychiatric_medical_staff=psychiatric_medical_staff,
            funding_10k_cny=funding_10k_cny,
            purchased_teams=purchased_teams,
        )

        return record_baseline

