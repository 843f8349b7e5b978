"""The APIs' refusals in Chinese, each beside the form field it concerns."""

from __future__ import annotations

from typing import Any

# The API's wording (pydantic and the domain's own) → Chinese; the first fragment found wins.
_MESSAGES = (
    ("check digit", "身份证号码校验位不符（GB 11643）"),
    ("birth date part is not a real date", "身份证号码中的出生日期不是有效日期"),
    ("birth date part is not plausible", "身份证号码中的出生日期不合理"),
    ("must be 18 characters", "身份证号码应为18位：17位数字加1位数字或X"),
    ("address part", "身份证号码的地址码不是有效的行政区划代码"),
    ("mainland mobile", "不是有效的手机号码或固定电话号码"),
    ("Field required", "此项必填"),
    ("at least 1 item", "至少填写一项"),
    ("String should have at least", "此项必填"),
    ("String should have at most", "内容过长"),
    ("String should match pattern", "格式不正确"),
    ("valid date", "请填写有效日期"),
    ("valid datetime", "请填写有效时间"),
    ("valid integer", "请填写整数"),
    ("less than or equal", "数值过大"),
    ("greater than or equal", "数值过小"),
    ("Input should be", "请从选项中选择"),
    ("division code", "不是有效的行政区划代码"),
)
# The API's Chinese that says less than its English beside it (message_en).
_GENERAL = ("取值不被接受", "取值无效", "身份证号码无效")
_CODES = {
    "consent_required": ("consents", "须经患者本人及监护人同意后方可上传"),
    "duplicate_case": ("person.id_number", "此人已有未结案的个案"),
    "invalid_transition": ("", "当前状态下不能执行此操作"),
    "reconfirmation_required": ("", "等待已超过3个月，须先再次审核本人意愿"),
    "forbidden_role": ("", "您的角色无权执行此操作"),
    "not_case_institution": ("", "此个案不属于本机构"),
    "not_found": ("", "未找到此个案，或不在您的管辖范围内"),
    "conflict": ("", "个案已被他人修改，请刷新后重试"),
    "precondition_failed": ("", "个案已被他人修改，请刷新后重试"),
    "agreement_required": ("", "须先签订知情同意书与服务协议"),
    "exit_not_recommended": ("", "尚无建议结束的转介评估"),
    "unavailable": ("", "服务暂时无法访问，请稍后再试"),
    "rate_limited": ("", "操作过于频繁，请稍后再试"),
}


def in_chinese(message: str, english: str = "") -> str:
    """The API's message as a clerk reads it: the API's own Chinese as it is (it answers in
    Chinese by default) unless it is only a general one, then the specific English
    (``message_en``) through the table above."""
    if _has_chinese(message) and not message.startswith(_GENERAL):
        return message
    for fragment, chinese in _MESSAGES:
        if fragment.lower() in (english or message).lower():
            return chinese
    if _has_chinese(message):
        return message
    return f"填写有误（{message}）" if message else "填写有误"


def field_errors(problem: Any) -> dict[str, str]:
    """{form field: Chinese message} from a problem+json body; "" holds what concerns no field.
    The API's field paths ("person.id_number", "consents.0.given_on") are the forms' names;
    a path into a list item is shown at the list."""
    if not isinstance(problem, dict):
        return {"": "服务返回了无法识别的答复"}
    found: dict[str, str] = {}
    code = str(problem.get("code", ""))
    for error in problem.get("errors") or []:
        field = _form_field(str(error.get("field", "")))
        found.setdefault(field, _code_message(code) or in_chinese(
            str(error.get("message", "")), str(error.get("message_en", ""))))
    if not found:
        field, message = _CODES.get(code, ("", ""))
        found[field] = message or f"操作未成功：{problem.get('detail') or problem.get('title')}"
    return found


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _code_message(code: str) -> str:
    return _CODES[code][1] if code in ("consent_required",) else ""


def _form_field(path: str) -> str:
    parts = path.split(".")
    for index, part in enumerate(parts):
        if part.isdigit():
            parts = parts[:index]
            break
    return ".".join(parts) if parts and parts[0] != "body" else ""
