from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.by_residence import ByResidence
  from ..models.placement_option import PlacementOption





T = TypeVar("T", bound="PlacementOut")



@_attrs_define
class PlacementOut:
    """ 
        Attributes:
            case_id (str): 个案标识 case id
            state (str): 状态 the case's state
            residence_region (str): 居住地 the residence the choice is made for (a relocating case's new residence)
            by_residence (ByResidence | None): 按居住地分派 the institution dispatch by residence would choose now; null: the case
                would be waitlisted
            institutions (list[PlacementOption]): 居住地机构 the residence county's institutions, then its city's, least occupied
                first (the order dispatch by residence takes them); a relocation's sending institution left out
     """

    case_id: str
    state: str
    residence_region: str
    by_residence: ByResidence | None
    institutions: list[PlacementOption]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.by_residence import ByResidence # noqa: PLC0415
        from ..models.placement_option import PlacementOption # noqa: PLC0415
        case_id = self.case_id

        state = self.state

        residence_region = self.residence_region

        by_residence: dict[str, Any] | None
        if isinstance(self.by_residence, ByResidence):
            by_residence = self.by_residence.to_dict()
        else:
            by_residence = self.by_residence

        institutions = []
        for institutions_item_data in self.institutions:
            institutions_item = institutions_item_data.to_dict()
            institutions.append(institutions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "state": state,
            "residence_region": residence_region,
            "by_residence": by_residence,
            "institutions": institutions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.by_residence import ByResidence # noqa: PLC0415
        from ..models.placement_option import PlacementOption # noqa: PLC0415
        d = dict(src_dict)
        case_id = d.pop("case_id")

        state = d.pop("state")

        residence_region = d.pop("residence_region")

        def _parse_by_residence(data: object) -> ByResidence | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                by_residence_type_0 = ByResidence.from_dict(data)



                return by_residence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ByResidence | None, data)

        by_residence = _parse_by_residence(d.pop("by_residence"))


        institutions = []
        _institutions = d.pop("institutions")
        for institutions_item_data in (_institutions):
            institutions_item = PlacementOption.from_dict(institutions_item_data)



            institutions.append(institutions_item)


        placement_out = cls(
            case_id=case_id,
            state=state,
            residence_region=residence_region,
            by_residence=by_residence,
            institutions=institutions,
        )


        placement_out.additional_properties = d
        return placement_out

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
