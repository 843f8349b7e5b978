"""Chinese field messages for the checks the framework runs on a request (pydantic's error
types, with the values of their context), so no library's English wording reaches a clerk."""

from __future__ import annotations

from typing import Any

_BY_TYPE = {
    "missing": "必填",
    "extra_forbidden": "不允许的字段",
    "json_invalid": "请求体不是有效的 JSON",
    "json_type": "应为 JSON",
    "string_type": "应为字符串",
    "string_too_short": "长度至少为 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不符合要求（{pattern}）",
    "string_unicode": "应为有效的 Unicode 字符串",
    "enum": "取值必须是以下之一：{expected}",
    "literal_error": "取值必须是以下之一：{expected}",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_places": "小数位数不能超过 {decimal_places} 位",
    "decimal_max_digits": "数字位数不能超过 {max_digits} 位",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "multiple_of": "应为 {multiple_of} 的倍数",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不带时间",
    "datetime_type": "应为带时区的时间（RFC 3339，如 2026-12-04T09:30:00+08:00）",
    "datetime_parsing": "应为带时区的时间（RFC 3339，如 2026-12-04T09:30:00+08:00）",
    "datetime_from_date_parsing": "应为带时区的时间（RFC 3339，如 2026-12-04T09:30:00+08:00）",
    "timezone_aware": "时间须带时区（如 +08:00）",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "too_short": "至少 {min_length} 项",
    "too_long": "至多 {max_length} 项",
    "uuid_type": "应为 UUID",
    "uuid_parsing": "应为 UUID",
    "url_parsing": "应为网址",
    "union_tag_invalid": "类型标记不被接受：{tag}",
    "bytes_type": "应为字节串",
}
_VALUE_ERROR_PREFIXES = ("Value error, ", "Assertion failed, ")


def message_zh(error: dict[str, Any]) -> str:
    """The Chinese message of one of pydantic's errors."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        reason = str(context.get("error", error.get("msg", "")))
        return f"取值无效：{reason}"
    template = _BY_TYPE.get(kind)
    if template is None:
        return "取值无效"
    try:
        return template.format(**{k: _plain(v) for k, v in context.items()})
    except (KeyError, IndexError):
        return template.split("{")[0].rstrip("：（ ") or "取值无效"


def message_en(error: dict[str, Any]) -> str:
    """pydantic's English message without its 'Value error, ' prefix."""
    text = str(error.get("msg", ""))
    for prefix in _VALUE_ERROR_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _plain(value: Any) -> str:
    return str(value).replace("'", "")
