"""The console's pure parts: TOTP against RFC 6238, Chinese dates, refusals beside fields,
the upload form's own checks."""

from __future__ import annotations

from datetime import date

from jingkang.console.domain import totp
from jingkang.console.domain.assessment_form import assessment_body
from jingkang.console.domain.labels import chinese_date, chinese_time
from jingkang.console.domain.refusals import field_errors

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
TODAY = date(2026, 12, 4)


def test_totp_matches_the_rfc_6238_vectors_in_six_digits() -> None:
    # RFC 6238 appendix B (SHA-1): 94287082 at 59 s, 07081804 at 1111111109 s.
    assert totp.totp(RFC_SECRET, 59) == "287082"
    assert totp.totp(RFC_SECRET, 1111111109) == "081804"
    assert totp.matching_step(RFC_SECRET, "287082", 59 + 30) == 1
    assert totp.matching_step(RFC_SECRET, "287082", 59 + 90) is None


def test_dates_are_written_the_chinese_way() -> None:
    assert chinese_date("2026-12-04") == "2026年12月4日"
    assert chinese_time("2026-12-04T09:05:00+08:00") == "2026年12月4日 09:05"


def test_a_refusal_is_put_beside_its_field_in_chinese() -> None:
    problem = {"code": "validation_error", "errors": [
        {"field": "person.id_number", "message": "Value error, the check digit does not match"},
        {"field": "consents.0.given_on", "message": "Input should be a valid date"}]}
    assert field_errors(problem) == {"person.id_number": "身份证号码校验位不符（GB 11643）",
                                     "consents": "请填写有效日期"}
    assert field_errors({"code": "consent_required", "detail": "x"}) == {
        "consents": "须经患者本人及监护人同意后方可上传"}


def _form(**changes: str) -> dict[str, str]:
    form = {"person.name": "张三", "person.id_number": "11010519491231002X",
            "residence_region": "130102", "assessment_kind": "discharge",
            "assessed_on": "2026-12-01", "diagnosis": "精神分裂症", "risk_level": "1",
            "recommendation": "建议社区康复", "consent.patient": "1", "consent.guardian": "1"}
    form.update(changes)
    return form


def test_the_upload_form_checks_the_identity_number_and_both_consents() -> None:
    body, errors = assessment_body(_form(), TODAY)
    assert errors == {} and [c["given_by"] for c in body["consents"]] == ["patient", "guardian"]
    _, errors = assessment_body(_form(**{"person.id_number": "110105194912310021"}), TODAY)
    assert errors == {"person.id_number": "身份证号码校验位不符（GB 11643）"}
    _, errors = assessment_body(_form(**{"person.id_number": "11010519491331002X"}), TODAY)
    assert errors["person.id_number"] == "身份证号码中的出生日期不是有效日期"
    _, errors = assessment_body(_form(**{"consent.guardian": ""}), TODAY)
    assert errors == {"consents": "须经患者本人及监护人同意后方可上传"}


def test_the_apis_own_chinese_is_shown_unless_its_english_says_more() -> None:
    problem = {"code": "validation_error", "errors": [
        {"field": "started_at", "message": "开始时间不能晚于现在",
         "message_en": "started_at is in the future"},
        {"field": "person.id_number", "message": "身份证号码无效（位数、出生日期、地址码或校验位有误）",
         "message_en": "identity number: the check digit does not match"},
        {"field": "team", "message": "取值不被接受", "message_en": "something new"}]}
    assert field_errors(problem) == {"started_at": "开始时间不能晚于现在",
                                     "person.id_number": "身份证号码校验位不符（GB 11643）",
                                     "team": "取值不被接受"}
