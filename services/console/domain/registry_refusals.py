"""The registry's refusals beside the civil-affairs forms' fields.  The registry answers in
Chinese already (``Accept-Language: zh-CN``), so its field messages are shown as written;
only refusals that name no field get the console's own sentence."""

from __future__ import annotations

import re
from typing import Any

from .institution_forms import COLUMN_LABELS, PROFESSIONS
from .refusals import in_chinese

# Checks whose wording the registry passes on in English (a library's): said in Chinese.
_ENGLISH = (
    ("unified social credit code", "统一社会信用代码无效（GB 32100 校验不通过）"),
    ("township code must begin", "乡镇（街道）代码应以所在区县代码开头"),
    ("exceeds headcount", "其中各项不能多于人数"),
    ("direct_service_trained exceeds", "培训满20小时的人数不能多于直接服务人员"),
    ("exceeds total_patients", "居家患者人数不能多于患者总人数"),
    ("one line per profession", "每个专业只填一行"),
)
_WORD = re.compile(r"[A-Za-z]{2,}")


def chinese(message: str, message_en: str = "") -> str:
    """The registry's message, unless English words show through it."""
    if len(_WORD.findall(message)) < 3:  # no English sentence in it
        return message
    english = f"{message_en} {message}".lower()
    for fragment, said in _ENGLISH:
        if fragment in english:
            return said
    said = in_chinese(message_en or message)
    return said if not said.startswith("填写有误") else message

_CODES = {
    "precondition_failed": ("", "机构信息已被他人修改（版本已变），请刷新页面后重新修改"),
    "conflict": ("", "机构信息已被他人修改，请刷新页面后重新修改"),
    "duplicate_institution": ("name", "已有同一机构（同一统一社会信用代码、区县和名称，或同一机构标识）"),
    "invalid_transition": ("action", "机构当前状态下不能执行此操作"),
    "out_of_scope": ("region", "不在您的管辖范围内"),
    "forbidden_role": ("", "您的角色无权执行此操作"),
    "not_found": ("", "未找到此机构"),
    "unavailable": ("", "服务暂时无法访问，请稍后再试"),
    "payload_too_large": ("file", "文件过大（不超过5 MB）"),
}


def _field(path: str, sent: dict[str, Any]) -> tuple[str, str]:
    """The form field a path names, and a prefix for the message: a staff line's refusal is
    shown at the lines with its profession; a price's at the prices with its line."""
    parts = path.split(".")
    if parts and parts[0] in ("body", "query", "path"):
        parts = parts[1:]
    if parts == ["region_code"]:
        return "region", ""
    if parts[:1] == ["lines"] and len(parts) > 1 and parts[1].isdigit():
        lines = sent.get("lines") or []
        index = int(parts[1])
        profession = lines[index].get("profession") if index < len(lines) else ""
        return "lines", f"{PROFESSIONS.get(profession, profession)}："
    if parts[:1] in (["prices"], ["services"], ["forms"], ["purchased_teams"]) and len(parts) > 1:
        return parts[0], f"第{int(parts[1]) + 1}项：" if parts[1].isdigit() else ""
    return ".".join(parts), ""


def registry_errors(problem: Any, sent: dict[str, Any] | None = None) -> dict[str, str]:
    """{form field: Chinese message}; "" holds what concerns no field."""
    if not isinstance(problem, dict):
        return {"": "服务返回了无法识别的答复"}
    code = str(problem.get("code", ""))
    found: dict[str, str] = {}
    for error in problem.get("errors") or []:
        field, prefix = _field(str(error.get("field", "")), sent or {})
        if field in ("If-Match",):
            field = ""
        found.setdefault(field, prefix + chinese(str(error.get("message") or "取值不被接受"),
                                                  str(error.get("message_en") or "")))
    if code in _CODES and (code != "out_of_scope" or not found):
        field, message = _CODES[code]
        found = {field: message} if not found or code == "precondition_failed" else found
    if not found:
        found[""] = f"操作未成功：{problem.get('detail') or problem.get('title') or code}"
    return found


def import_problems(problem: Any) -> list[dict[str, Any]]:
    """A refused CSV import's problems, line by line: {line, column (Chinese), message}."""
    if not isinstance(problem, dict):
        return []
    return [{"line": error.get("line"),
             "column": COLUMN_LABELS.get(str(error.get("field")), str(error.get("field") or "")),
             "field": str(error.get("field") or ""),
             "message": chinese(str(error.get("message") or "取值不被接受"),
                                str(error.get("message_en") or ""))}
            for error in problem.get("errors") or [] if isinstance(error, dict)]
