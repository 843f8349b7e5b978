from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.assessment_kind import AssessmentKind
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.consent import Consent
  from ..models.person import Person





T = TypeVar("T", bound="UploadMedicalAssessment")



@_attrs_define
class UploadMedicalAssessment:
    """ 医疗机构评估转介: a hospital uploads a discharge or outpatient assessment.

        Attributes:
            person (Person): 康复对象 the person: personal data, protected wherever it is stored.
            residence_region (str): 行政区划代码 GB/T 2260 six-digit county-level division code, valid today
            assessment_kind (AssessmentKind): 取值：discharge 出院康复评估；outpatient 门诊就诊诊断评估
            assessed_on (datetime.date): 评估日期 date of the assessment
            diagnosis (str): 诊断 diagnosis
            risk_level (int): 危险性评估 risk level 0–5 (严重精神障碍管理治疗工作规范): 0 none … 5 violence with weapons
            recommendation (str): 社区康复建议 the community-rehabilitation recommendation
            consents (list[Consent]): 同意 consents given; the upload needs referral_upload from both patient and guardian
     """

    person: Person
    residence_region: str
    assessment_kind: AssessmentKind
    assessed_on: datetime.date
    diagnosis: str
    risk_level: int
    recommendation: str
    consents: list[Consent]





    def to_dict(self) -> dict[str, Any]:
        from ..models.consent import Consent # noqa: PLC0415
        from ..models.person import Person # noqa: PLC0415
        person = self.person.to_dict()

        residence_region = self.residence_region

        assessment_kind = self.assessment_kind.value

        assessed_on = self.assessed_on.isoformat()

        diagnosis = self.diagnosis

        risk_level = self.risk_level

        recommendation = self.recommendation

        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "person": person,
            "residence_region": residence_region,
            "assessment_kind": assessment_kind,
            "assessed_on": assessed_on,
            "diagnosis": diagnosis,
            "risk_level": risk_level,
            "recommendation": recommendation,
            "consents": consents,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent import Consent # noqa: PLC0415
        from ..models.person import Person # noqa: PLC0415
        d = dict(src_dict)
        person = Person.from_dict(d.pop("person"))




        residence_region = d.pop("residence_region")

        assessment_kind = AssessmentKind(d.pop("assessment_kind"))




        assessed_on = datetime.date.fromisoformat(d.pop("assessed_on"))




        diagnosis = d.pop("diagnosis")

        risk_level = d.pop("risk_level")

        recommendation = d.pop("recommendation")

        consents = []
        _consents = d.pop("consents")
        for consents_item_data in (_consents):
            consents_item = Consent.from_dict(consents_item_data)



            consents.append(consents_item)


        upload_medical_assessment = cls(
            person=person,
            residence_region=residence_region,
            assessment_kind=assessment_kind,
            assessed_on=assessed_on,
            diagnosis=diagnosis,
            risk_level=risk_level,
            recommendation=recommendation,
            consents=consents,
        )

        return upload_medical_assessment

