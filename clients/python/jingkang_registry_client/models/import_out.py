from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.import_warning import ImportWarning_





T = TypeVar("T", bound="ImportOut")



@_attrs_define
class ImportOut:
    """ 
        Attributes:
            imported (int): 导入数 institutions imported
            institution_ids (list[str]): 机构标识 the ids, in file order
            warnings (list[ImportWarning_]): 警告 cells that begin like a spreadsheet formula (=, +, -, @, tab, line break):
                imported as written; exports write them as text
     """

    imported: int
    institution_ids: list[str]
    warnings: list[ImportWarning_]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_warning import ImportWarning_ # noqa: PLC0415
        imported = self.imported

        institution_ids = self.institution_ids



        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "imported": imported,
            "institution_ids": institution_ids,
            "warnings": warnings,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_warning import ImportWarning_ # noqa: PLC0415
        d = dict(src_dict)
        imported = d.pop("imported")

        institution_ids = cast(list[str], d.pop("institution_ids"))


        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in (_warnings):
            warnings_item = ImportWarning_.from_dict(warnings_item_data)



            warnings.append(warnings_item)


        import_out = cls(
            imported=imported,
            institution_ids=institution_ids,
            warnings=warnings,
        )


        import_out.additional_properties = d
        return import_out

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
