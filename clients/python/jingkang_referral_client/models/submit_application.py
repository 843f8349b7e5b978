from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel import Channel
from ..models.reporter_kind import ReporterKind
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.consent import Consent
  from ..models.person import Person





T = TypeVar("T", bound="SubmitApplication")



@_attrs_define
class SubmitApplication:
    """ 自愿申请 / 登记申请: a self-application or a third-party report, for a social worker to review.

        Attributes:
            channel (Channel): 取值：medical 医疗机构评估转介；self 本人申请；guardian 监护人；third_party 第三方报告
            person (Person): 康复对象 the person: personal data, protected wherever it is stored.
            residence_region (str): 行政区划代码 GB/T 2260 six-digit county-level division code, valid today
            needs (str): 康复需求 the rehabilitation needs as stated
            applied_on (datetime.date): 申请日期 date of the application
            reporter_kind (None | ReporterKind | Unset): 报告方类型 who reports (third_party)
            reporter_name (None | str | Unset): 报告方名称 reporter's name
            consents (list[Consent] | Unset): 同意 consents given with the application (sharing with an institution,
                relocation)
     """

    channel: Channel
    person: Person
    residence_region: str
    needs: str
    applied_on: datetime.date
    reporter_kind: None | ReporterKind | Unset = UNSET
    reporter_name: None | str | Unset = UNSET
    consents: list[Consent] | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.consent import Consent # noqa: PLC0415
        from ..models.person import Person # noqa: PLC0415
        channel = self.channel.value

        person = self.person.to_dict()

        residence_region = self.residence_region

        needs = self.needs

        applied_on = self.applied_on.isoformat()

        reporter_kind: None | str | Unset
        if isinstance(self.reporter_kind, Unset):
            reporter_kind = UNSET
        elif isinstance(self.reporter_kind, ReporterKind):
            reporter_kind = self.reporter_kind.value
        else:
            reporter_kind = self.reporter_kind

        reporter_name: None | str | Unset
        if isinstance(self.reporter_name, Unset):
            reporter_name = UNSET
        else:
            reporter_name = self.reporter_name

        consents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.consents, Unset):
            consents = []
            for consents_item_data in self.consents:
                consents_item = consents_item_data.to_dict()
                consents.append(consents_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "channel": channel,
            "person": person,
            "residence_region": residence_region,
            "needs": needs,
            "applied_on": applied_on,
        })
        if reporter_kind is not UNSET:
            field_dict["reporter_kind"] = reporter_kind
        if reporter_name is not UNSET:
            field_dict["reporter_name"] = reporter_name
        if consents is not UNSET:
            field_dict["consents"] = consents

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent import Consent # noqa: PLC0415
        from ..models.person import Person # noqa: PLC0415
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))




        person = Person.from_dict(d.pop("person"))




        residence_region = d.pop("residence_region")

        needs = d.pop("needs")

        applied_on = datetime.date.fromisoformat(d.pop("applied_on"))




        def _parse_reporter_kind(data: object) -> None | ReporterKind | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reporter_kind_type_0 = ReporterKind(data)



                return reporter_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReporterKind | Unset, data)

        reporter_kind = _parse_reporter_kind(d.pop("reporter_kind", UNSET))


        def _parse_reporter_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reporter_name = _parse_reporter_name(d.pop("reporter_name", UNSET))


        _consents = d.pop("consents", UNSET)
        consents: list[Consent] | Unset = UNSET
        if _consents is not UNSET:
            consents = []
            for consents_item_data in _consents:
                consents_item = Consent.from_dict(consents_item_data)



                consents.append(consents_item)


        submit_application = cls(
            channel=channel,
            person=person,
            residence_region=residence_region,
            needs=needs,
            applied_on=applied_on,
            reporter_kind=reporter_kind,
            reporter_name=reporter_name,
            consents=consents,
        )

        return submit_application

