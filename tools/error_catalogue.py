"""Writes docs/errors.md from services/common/web/error_codes.py (a test keeps them equal):

    .venv/bin/python tools/error_catalogue.py
"""

from __future__ import annotations

from pathlib import Path

from jingkang.common.web.error_codes import CODES, RETIRED, problem_type

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "errors.md"


def catalogue() -> str:
    lines = [
        "# Error codes",
        "",
        "Every refusal is `application/problem+json` (RFC 9457) with a stable `code`.  `title`,",
        "`detail` and each field `message` are Chinese by default and English when the request's",
        "`Accept-Language` prefers English (`en`, q-values honoured); a Chinese answer keeps the",
        "English specifics as `detail_en` and `message_en`.  Bad input of any kind answers 422",
        "`validation_error` with **every** field error the framework finds in `errors` (the",
        "domain's own checks run once the body is well formed, and name their field the same",
        "way).  A 401 carries `WWW-Authenticate: Bearer realm=\"jingkang\"` (RFC 6750), with",
        "`error=\"invalid_token\"` when a token was sent and refused.",
        "",
        f"`type` is a name, not an address: `{problem_type('<code>')}` (RFC 9457 allows a URI",
        "that does not resolve); this page explains each code.",
        "",
        "| code | status | 标题 | title | 含义 |",
        "|---|---:|---|---|---|",
    ]
    for code, entry in sorted(CODES.items(), key=lambda item: (item[1].status, item[0])):
        lines.append(f"| `{code}` | {entry.status} | {entry.title_zh} | {entry.title_en} | "
                     f"{entry.meaning_zh} |")
    lines += ["", "Codes of earlier versions, answered now as the code beside them:", ""]
    lines += [f"- `{old}` → `{new}`" for old, new in sorted(RETIRED.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(catalogue(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
