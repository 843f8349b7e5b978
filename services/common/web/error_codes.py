"""Every problem ``code`` the services answer: its status, its title in Chinese and English, and
what it means in Chinese.  docs/errors.md is this table, and a test holds the two equal and
every code raised in the source present here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    status: int
    title_zh: str
    title_en: str
    meaning_zh: str


CODES: dict[str, ErrorCode] = {
    "validation_error": ErrorCode(
        422, "请求有误", "Invalid request",
        "请求中的字段缺失、格式不对或取值不被接受；errors 逐一列出每个有误的字段及原因"),
    "invalid_csv": ErrorCode(
        422, "CSV 文件有误", "Invalid CSV file",
        "导入的 CSV 文件无法读取或有错误行；errors 列出每个错误所在的行号和字段，文件一行也未导入"),
    "idempotency_key_reused": ErrorCode(
        422, "Idempotency-Key 已用于另一个请求", "Idempotency-Key reused with another request",
        "同一个 Idempotency-Key 只能用于同一个请求；请为新的请求换一个新的键"),
    "consent_required": ErrorCode(
        422, "缺少同意", "Consent required",
        "这一步需要本人或监护人对相应事项的同意（单独同意）；remedy 指出补录同意的操作"),
    "agreement_required": ErrorCode(
        422, "缺少服务协议", "Agreement required",
        "提供服务前须签订知情同意书和服务协议（未成年人或无民事行为能力人由监护人签订）"),
    "unauthenticated": ErrorCode(
        401, "需要登录", "Authentication required",
        "请求没有携带 Authorization: Bearer 令牌"),
    "invalid_token": ErrorCode(
        401, "令牌无效", "Invalid token", "令牌无法验证：签名不符、已过期或缺少必需的声明"),
    "forbidden_role": ErrorCode(
        403, "无此操作权限", "Role not allowed", "当前角色不能进行这项操作"),
    "out_of_scope": ErrorCode(
        403, "超出管辖范围", "Outside the caller's jurisdiction",
        "所请求的地区或机构不在调用者的管辖范围内"),
    "not_case_institution": ErrorCode(
        403, "不是该个案的服务机构", "Not this case's institution",
        "只有个案所在（或被派往）的机构可以进行这项操作"),
    "not_found": ErrorCode(
        404, "未找到", "Not found", "在调用者可见的范围内没有这个资源"),
    "method_not_allowed": ErrorCode(
        405, "不支持该请求方法", "Method not allowed", "该路径不接受这种 HTTP 方法"),
    "request_timeout": ErrorCode(
        408, "请求超时", "Request timeout", "请求体没有在规定时间内完整送达"),
    "invalid_transition": ErrorCode(
        409, "当前状态下不允许此操作", "Action not allowed in this state",
        "个案或机构当前的状态不允许这项操作；allowed_actions 列出调用者现在可以做的操作"),
    "duplicate_case": ErrorCode(
        409, "此人已有在办个案", "The person already has an open case",
        "同一身份证号已有未结案的个案，不能重复登记"),
    "open_case": ErrorCode(
        409, "此人有在办个案", "The person has an open case",
        "此人仍有未结案的个案，不能进行这项操作（如删除个人信息）"),
    "already_erased": ErrorCode(
        409, "个人信息已删除", "The person's data is erased already", "此人的个人信息已经删除"),
    "reconfirmation_required": ErrorCode(
        409, "须先重新确认意愿", "Willingness must be re-reviewed first",
        "距上次登记或复核已超过等待期限，须由社工重新确认本人意愿"),
    "exit_not_recommended": ErrorCode(
        409, "没有建议结案的评估", "No assessment recommends an exit",
        "结案前须有一次建议结束社区康复的转介评估"),
    "duplicate_institution": ErrorCode(
        409, "机构已登记", "Institution registered already",
        "同一统一社会信用代码或机构标识的机构已经登记"),
    "conflict": ErrorCode(
        409, "并发修改", "Concurrent change", "另一个请求同时修改了同一资源；请重新读取后再试"),
    "busy": ErrorCode(
        409, "并发修改", "Concurrent change", "另一个请求同时修改了同一资源；请稍后再试"),
    "precondition_failed": ErrorCode(
        412, "版本不符", "Version does not match If-Match",
        "If-Match 中的版本已不是最新版本；请重新读取后再提交"),
    "payload_too_large": ErrorCode(
        413, "请求体过大", "Payload too large", "请求体或上传的文件超过了允许的大小"),
    "rate_limited": ErrorCode(
        429, "请求过于频繁", "Too many requests", "来自此客户端的请求过多；请按 Retry-After 稍后再试"),
    "internal_error": ErrorCode(
        500, "内部错误", "Internal error", "服务内部出错，已按请求编号记入日志"),
    "unavailable": ErrorCode(
        503, "服务暂不可用", "Service unavailable", "暂时无法连接数据库；请按 Retry-After 稍后再试"),
    "http_error": ErrorCode(
        400, "请求无法处理", "Request not processed", "请求无法处理"),
}
# Codes of earlier versions and the code that answers for them now.
RETIRED = {"invalid_command": "validation_error"}


def known(code: str) -> ErrorCode:
    return CODES.get(RETIRED.get(code, code), CODES["http_error"])


def problem_type(code: str) -> str:
    """A problem's ``type`` URI: a name, not an address (RFC 9457 allows a URI that does not
    resolve); docs/errors.md explains each code."""
    return f"urn:jingkang:problem:{code}"
