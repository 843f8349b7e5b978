from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.case_out_deadlines import CaseOutDeadlines
  from ..models.case_out_services_by_type import CaseOutServicesByType
  from ..models.consent_out import ConsentOut
  from ..models.decline_out import DeclineOut
  from ..models.institution_ref import InstitutionRef
  from ..models.person_out import PersonOut
  from ..models.reassessment_out import ReassessmentOut
  from ..models.relocation_out import RelocationOut





T = TypeVar("T", bound="CaseOut")



@_attrs_define
class CaseOut:
    """ 
        Attributes:
            case_id (str): 个案标识 case id
            state (str): 状态 state of the lifecycle
            version (int): 版本 number of events; also the ETag
            close_reason (None | str): 结案原因 closing reason
            exit_destination (None | str): 结案去向 exit destination
            unwilling (bool): 不愿参加 closed as unwilling to take part
            channel (None | str): 转介渠道 medical, self, guardian or third_party
            person (None | PersonOut): 康复对象 the person
            patient_id (None | str): 康复对象标识 keyed hash of the identity number: the person's id in the registry's archive
            residence_region (None | str): 居住地 residence region code
            referring_org_id (None | str): 转介方 referring hospital or submitter
            institution (InstitutionRef | None): 服务机构 the institution now
            served_by (list[str]): 曾服务机构 institutions that accepted the case
            relocation (None | RelocationOut): 迁居推送 pending relocation
            last_decline (DeclineOut | None): 最近拒绝 the latest decline
            hospital_org_id (None | str): 住院医院 hospital while hospitalized
            risk_level (int): 危险性评估 latest risk level 0–5
            consents (list[ConsentOut]): 同意 consents held
            evaluated (bool): 已综合评估 comprehensive evaluation done
            agreement_signed (bool): 已签协议 informed consent and agreement signed
            last_reassessment (None | ReassessmentOut): 最近转介评估 latest reassessment
            services_by_type (CaseOutServicesByType): 服务次数 services given by type
            follow_ups (int): 回访次数 follow-up visits
            deadlines (CaseOutDeadlines): 期限 pending steps and their due dates
            registered_at (None | str): 登记时间 registered
            closed_at (None | str): 结案时间 closed
            updated_at (None | str): 更新时间 last event
            available_actions (list[str]): 可执行操作 actions the caller may take next
     """

    case_id: str
    state: str
    version: int
    close_reason: None | str
    exit_destination: None | str
    unwilling: bool
    channel: None | str
    person: None | PersonOut
    patient_id: None | str
    residence_region: None | str
    referring_org_id: None | str
    institution: InstitutionRef | None
    served_by: list[str]
    relocation: None | RelocationOut
    last_decline: DeclineOut | None
    hospital_org_id: None | str
    risk_level: int
    consents: list[ConsentOut]
    evaluated: bool
    agreement_signed: bool
    last_reassessment: None | ReassessmentOut
    services_by_type: CaseOutServicesByType
    follow_ups: int
    deadlines: CaseOutDeadlines
    registered_at: None | str
    closed_at: None | str
    updated_at: None | str
    available_actions: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.case_out_deadlines import CaseOutDeadlines # noqa: PLC0415
        from ..models.case_out_services_by_type import CaseOutServicesByType # noqa: PLC0415
        from ..models.consent_out import ConsentOut # noqa: PLC0415
        from ..models.decline_out import DeclineOut # noqa: PLC0415
        from ..models.institution_ref import InstitutionRef # noqa: PLC0415
        from ..models.person_out import PersonOut # noqa: PLC0415
        from ..models.reassessment_out import ReassessmentOut # noqa: PLC0415
        from ..models.relocation_out import RelocationOut # noqa: PLC0415
        case_id = self.case_id

        state = self.state

        version = self.version

        close_reason: None | str
        close_reason = self.close_reason

        exit_destination: None | str
        exit_destination = self.exit_destination

        unwilling = self.unwilling

        channel: None | str
        channel = self.channel

        person: dict[str, Any] | None
        if isinstance(self.person, PersonOut):
            person = self.person.to_dict()
        else:
            person = self.person

        patient_id: None | str
        patient_id = self.patient_id

        residence_region: None | str
        residence_region = self.residence_region

        referring_org_id: None | str
        referring_org_id = self.referring_org_id

        institution: dict[str, Any] | None
        if isinstance(self.institution, InstitutionRef):
            institution = self.institution.to_dict()
        else:
            institution = self.institution

        served_by = self.served_by



        relocation: dict[str, Any] | None
        if isinstance(self.relocation, RelocationOut):
            relocation = self.relocation.to_dict()
        else:
            relocation = self.relocation

        last_decline: dict[str, Any] | None
        if isinstance(self.last_decline, DeclineOut):
            last_decline = self.last_decline.to_dict()
        else:
            last_decline = self.last_decline

        hospital_org_id: None | str
        hospital_org_id = self.hospital_org_id

        risk_level = self.risk_level

        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)



        evaluated = self.evaluated

        agreement_signed = self.agreement_signed

        last_reassessment: dict[str, Any] | None
        if isinstance(self.last_reassessment, ReassessmentOut):
            last_reassessment = self.last_reassessment.to_dict()
        else:
            last_reassessment = self.last_reassessment

        services_by_type = self.services_by_type.to_dict()

        follow_ups = self.follow_ups

        deadlines = self.deadlines.to_dict()

        registered_at: None | str
        registered_at = self.registered_at

        closed_at: None | str
        closed_at = self.closed_at

        updated_at: None | str
        updated_at = self.updated_at

        available_actions = self.available_actions




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "case_id": case_id,
            "state": state,
            "version": version,
            "close_reason": close_reason,
            "exit_destination": exit_destination,
            "unwilling": unwilling,
            "channel": channel,
            "person": person,
            "patient_id": patient_id,
            "residence_region": residence_region,
            "referring_org_id": referring_org_id,
            "institution": institution,
            "served_by": served_by,
            "relocation": relocation,
            "last_decline": last_decline,
            "hospital_org_id": hospital_org_id,
            "risk_level": risk_level,
            "consents": consents,
            "evaluated": evaluated,
            "agreement_signed": agreement_signed,
            "last_reassessment": last_reassessment,
            "services_by_type": services_by_type,
            "follow_ups": follow_ups,
            "deadlines": deadlines,
            "registered_at": registered_at,
            "closed_at": closed_at,
            "updated_at": updated_at,
            "available_actions": available_actions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.case_out_deadlines import CaseOutDeadlines # noqa: PLC0415
        from ..models.case_out_services_by_type import CaseOutServicesByType # noqa: PLC0415
        from ..models.consent_out import ConsentOut # noqa: PLC0415
        from ..models.decline_out import DeclineOut # noqa: PLC0415
        from ..models.institution_ref import InstitutionRef # noqa: PLC0415
        from ..models.person_out import PersonOut # noqa: PLC0415
        from ..models.reassessment_out import ReassessmentOut # noqa: PLC0415
        from ..models.relocation_out import RelocationOut # noqa: PLC0415
        d = dict(src_dict)
        case_id = d.pop("case_id")

        state = d.pop("state")

        version = d.pop("version")

        def _parse_close_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        close_reason = _parse_close_reason(d.pop("close_reason"))


        def _parse_exit_destination(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exit_destination = _parse_exit_destination(d.pop("exit_destination"))


        unwilling = d.pop("unwilling")

        def _parse_channel(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        channel = _parse_channel(d.pop("channel"))


        def _parse_person(data: object) -> None | PersonOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                person_type_0 = PersonOut.from_dict(data)



                return person_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonOut, data)

        person = _parse_person(d.pop("person"))


        def _parse_patient_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        patient_id = _parse_patient_id(d.pop("patient_id"))


        def _parse_residence_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        residence_region = _parse_residence_region(d.pop("residence_region"))


        def _parse_referring_org_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        referring_org_id = _parse_referring_org_id(d.pop("referring_org_id"))


        def _parse_institution(data: object) -> InstitutionRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                institution_type_0 = InstitutionRef.from_dict(data)



                return institution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InstitutionRef | None, data)

        institution = _parse_institution(d.pop("institution"))


        served_by = cast(list[str], d.pop("served_by"))


        def _parse_relocation(data: object) -> None | RelocationOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                relocation_type_0 = RelocationOut.from_dict(data)



                return relocation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RelocationOut, data)

        relocation = _parse_relocation(d.pop("relocation"))


        def _parse_last_decline(data: object) -> DeclineOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_decline_type_0 = DeclineOut.from_dict(data)



                return last_decline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeclineOut | None, data)

        last_decline = _parse_last_decline(d.pop("last_decline"))


        def _parse_hospital_org_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hospital_org_id = _parse_hospital_org_id(d.pop("hospital_org_id"))


        risk_level = d.pop("risk_level")

        consents = []
        _consents = d.pop("consents")
        for consents_item_data in (_consents):
            consents_item = ConsentOut.from_dict(consents_item_data)



            consents.append(consents_item)


        evaluated = d.pop("evaluated")

        agreement_signed = d.pop("agreement_signed")

        def _parse_last_reassessment(data: object) -> None | ReassessmentOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_reassessment_type_0 = ReassessmentOut.from_dict(data)



                return last_reassessment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReassessmentOut, data)

        last_reassessment = _parse_last_reassessment(d.pop("last_reassessment"))


        services_by_type = CaseOutServicesByType.from_dict(d.pop("services_by_type"))




        follow_ups = d.pop("follow_ups")

        deadlines = CaseOutDeadlines.from_dict(d.pop("deadlines"))




        def _parse_registered_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        registered_at = _parse_registered_at(d.pop("registered_at"))


        def _parse_closed_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        def _parse_updated_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        available_actions = cast(list[str], d.pop("available_actions"))


        case_out = cls(
            case_id=case_id,
            state=state,
            version=version,
            close_reason=close_reason,
            exit_destination=exit_destination,
            unwilling=unwilling,
            channel=channel,
            person=person,
            patient_id=patient_id,
            residence_region=residence_region,
            referring_org_id=referring_org_id,
            institution=institution,
            served_by=served_by,
            relocation=relocation,
            last_decline=last_decline,
            hospital_org_id=hospital_org_id,
            risk_level=risk_level,
            consents=consents,
            evaluated=evaluated,
            agreement_signed=agreement_signed,
            last_reassessment=last_reassessment,
            services_by_type=services_by_type,
            follow_ups=follow_ups,
            deadlines=deadlines,
            registered_at=registered_at,
            closed_at=closed_at,
            updated_at=updated_at,
            available_actions=available_actions,
        )


        case_out.additional_properties = d
        return case_out

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
