from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.baseline_out_purchased_teams_item import BaselineOutPurchasedTeamsItem





T = TypeVar("T", bound="BaselineOut")



@_attrs_define
class BaselineOut:
    """ 
        Attributes:
            region (str): 行政区划代码 GB/T 2260 division code
            period (str): 报告期 e.g. 2024Q2
            version (int): 版本 the stream version (ETag)
            total_patients (int): 1 辖区内精神障碍患者总人数
            severe_at_home_police (int): 2 公安登记的居家严重患者人数
            severe_at_home_health (int): 3 卫健委登记的居家严重患者人数
            general_at_home (int): 4 居家一般患者数量
            psychiatric_medical_staff (int): 14 辖区内有精神专科（全科）医务人员数量
            purchased_teams (list[BaselineOutPurchasedTeamsItem]): 15 购买专业服务团队 names (and members)
            funding_10k_cny (str): 19 投入经费金额（万元）, exact decimal text
     """

    region: str
    period: str
    version: int
    total_patients: int
    severe_at_home_police: int
    severe_at_home_health: int
    general_at_home: int
    psychiatric_medical_staff: int
    purchased_teams: list[BaselineOutPurchasedTeamsItem]
    funding_10k_cny: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.baseline_out_purchased_teams_item import BaselineOutPurchasedTeamsItem # noqa: PLC0415
        region = self.region

        period = self.period

        version = self.version

        total_patients = self.total_patients

        severe_at_home_police = self.severe_at_home_police

        severe_at_home_health = self.severe_at_home_health

        general_at_home = self.general_at_home

        psychiatric_medical_staff = self.psychiatric_medical_staff

        purchased_teams = []
        for purchased_teams_item_data in self.purchased_teams:
            purchased_teams_item = purchased_teams_item_data.to_dict()
            purchased_teams.append(purchased_teams_item)



        funding_10k_cny = self.funding_10k_cny


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "region": region,
            "period": period,
            "version": version,
            "total_patients": total_patients,
            "severe_at_home_police": severe_at_home_police,
            "severe_at_home_health": severe_at_home_health,
            "general_at_home": general_at_home,
            "psychiatric_medical_staff": psychiatric_medical_staff,
            "purchased_teams": purchased_teams,
            "funding_10k_cny": funding_10k_cny,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.baseline_out_purchased_teams_item import BaselineOutPurchasedTeamsItem # noqa: PLC0415
        d = dict(src_dict)
        region = d.pop("region")

        period = d.pop("period")

        version = d.pop("version")

        total_patients = d.pop("total_patients")

        severe_at_home_police = d.pop("severe_at_home_police")

        severe_at_home_health = d.pop("severe_at_home_health")

        general_at_home = d.pop("general_at_home")

        psychiatric_medical_staff = d.pop("psychiatric_medical_staff")

        purchased_teams = []
        _purchased_teams = d.pop("purchased_teams")
        for purchased_teams_item_data in (_purchased_teams):
            purchased_teams_item = BaselineOutPurchasedTeamsItem.from_dict(purchased_teams_item_data)



            purchased_teams.append(purchased_teams_item)


        funding_10k_cny = d.pop("funding_10k_cny")

        baseline_out = cls(
            region=region,
            period=period,
            version=version,
            total_patients=total_patients,
            severe_at_home_police=severe_at_home_police,
            severe_at_home_health=severe_at_home_health,
            general_at_home=general_at_home,
            psychiatric_medical_staff=psychiatric_medical_staff,
            purchased_teams=purchased_teams,
            funding_10k_cny=funding_10k_cny,
        )


        baseline_out.additional_properties = d
        return baseline_out

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
