"""What the load sends: the seeded institution directory, the tokens, the request bodies.

The bodies are built here, in Python, exactly as the earlier Python driver built them, and
handed to the wrk scripts as templates (``lua_config``): the scripts only fill in the identity
number, the residence and, for the ceiling, a uuid and a serial.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from stdnum.cn import ric

from jingkang.common.web.auth import mint_token

JWT_SECRET = "http-bench-secret-0123456789abcdef012345"  # 40 characters
CHINA = ZoneInfo("Asia/Shanghai")

# Shijiazhuang: 长安区, 桥西区, 新华区, 裕华区; five institutions in each.
COUNTIES = ("130102", "130104", "130105", "130108")
INSTITUTIONS_PER_COUNTY = 5
INSTITUTION_CAPACITY = 100_000
SERVICE_RECORDS_PER_CASE = 10
READ_EVERY = 2  # a case read after every second service record: 5 reads per case
HOSPITAL_ORG = "hosp-1"
SERVICE_OPERATIONS = ("upload", "dispatch", "acceptance", "evaluation", "agreement",
                      "service_record", "get_case")

ID_MARK, REGION_MARK, CASE_MARK, SEQ_MARK = "@ID@", "@REGION@", "@CASE@", "@SEQ@"

_BIRTH_FIRST = date(1950, 1, 1)
BIRTH_DAYS = (date(2000, 12, 31) - _BIRTH_FIRST).days + 1
BIRTH_FIRST_EPOCH = int(datetime(1950, 1, 1, tzinfo=UTC).timestamp())  # for the Lua side


def id_number(serial: int) -> str:
    """A valid identity number per serial, unique for the first ~18 million serials: Beijing
    Dongcheng, a birth date from 1950 to 2000, a three-digit sequence code.  (bench/wrk/lib.lua
    computes the same.)"""
    born = _BIRTH_FIRST + timedelta(days=serial % BIRTH_DAYS)
    body = f"110101{born:%Y%m%d}{serial // BIRTH_DAYS % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def institutions() -> list[tuple[str, str, str]]:
    """(institution_id, name, county) of the seeded directory."""
    return [(f"inst-{county}-{i}", f"精康站 {county}-{i}", county)
            for county in COUNTIES for i in range(1, INSTITUTIONS_PER_COUNTY + 1)]


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}", "content-type": "application/json"}


CEILING_PAYLOAD: dict[str, Any] = {
    "kind": "ServiceRecorded",
    "case_id": "",
    "institution_id": "inst-130102-1",
    "person": {"name": "张三", "district": "长安区", "age_band": "40-49"},
    "service_type": "life_skills", "form": "day_training", "method": "group_work",
    "started_at": "2026-11-02T09:00:00+08:00", "duration_minutes": 90,
    "staff": ["赵社工", "王医生"],
    "notes": "病情稳定，参加日间训练，服药规律，需定期随访；家属支持，社区协助。",
    "plan": "日间训练、服药训练",
    "seq": 0,
}


def ceiling_body(serial: int) -> bytes:
    return dumps({**CEILING_PAYLOAD, "case_id": str(uuid.uuid4()), "seq": serial})


class Fixture:
    """Tokens (HS256 under ``JWT_SECRET``, valid a day) and bodies of one run."""

    def __init__(self) -> None:
        self.hospital = mint_token(JWT_SECRET, sub="doctor-1", role="hospital",
                                   org_id=HOSPITAL_ORG, region="130100", ttl_seconds=86400)
        self.platform = mint_token(JWT_SECRET, sub="dispatcher-1", role="platform",
                                   org_id="platform", region="130000", ttl_seconds=86400)
        self.institution = {
            inst: mint_token(JWT_SECRET, sub=f"staff-{inst}", role="institution", org_id=inst,
                             region=county, ttl_seconds=86400)
            for inst, _, county in institutions()}
        now = datetime.now(UTC)
        self.today = now.astimezone(CHINA).date().isoformat()
        started = (now - timedelta(hours=2)).astimezone(CHINA).replace(microsecond=0)
        self.accept = dumps({"accepted": True})
        self.dispatch = dumps({})
        self.evaluation = dumps({
            "evaluated_on": self.today, "suitable": True, "opinion": "适宜社区康复",
            "plan": "日间训练、服药训练", "risk_level": 1,
            "team": [{"name": "王医生", "profession": "psychiatrist"},
                     {"name": "赵社工", "profession": "social_worker"}]})
        self.agreement = dumps({"signed_on": self.today, "informed_consent": True,
                                "service_agreement": True, "electronic": True,
                                "signed_by_guardian": True})
        self.service_record = dumps({
            "service_type": "life_skills", "form": "day_training", "method": "group_work",
            "started_at": started.isoformat(), "duration_minutes": 90, "staff": ["赵社工"]})

    def upload_body(self, id_number: str, region: str) -> bytes:
        return dumps({
            "person": {"name": "张三", "id_number": id_number, "phone": "13800138000",
                       "address": "长安区建设北大街1号",
                       "guardian": {"name": "李四", "relation": "母亲"}},
            "residence_region": region,
            "assessment_kind": "discharge", "assessed_on": self.today, "diagnosis": "精神分裂症",
            "risk_level": 1, "recommendation": "病情稳定，建议社区康复",
            "consents": [{"purpose": purpose, "given_by": giver, "given_on": self.today}
                         for purpose in ("referral_upload", "share_with_institution")
                         for giver in ("patient", "guardian")]})

    def upload(self, serial: int) -> bytes:
        """Serial n's upload: its own identity number, the residence by turns of the counties."""
        return self.upload_body(id_number(serial), COUNTIES[serial % len(COUNTIES)])

    def body_sizes(self) -> dict[str, int]:
        return {"upload": len(self.upload(0)), "service_record": len(self.service_record),
                "evaluation": len(self.evaluation), "ceiling": len(ceiling_body(0))}

    def lua_config(self, reads: list[tuple[str, str]] = ()) -> str:
        """The settings of the wrk scripts, as a Lua chunk returning a table; ``reads``:
        (case id, institution id) pairs for read.lua."""
        ceiling = dumps({**CEILING_PAYLOAD, "case_id": CASE_MARK, "seq": SEQ_MARK})
        values = {
            "hospital": self.hospital, "platform": self.platform,
            "institutions": self.institution, "counties": list(COUNTIES),
            "birth_first_epoch": BIRTH_FIRST_EPOCH, "birth_days": BIRTH_DAYS,
            "service_records": SERVICE_RECORDS_PER_CASE, "read_every": READ_EVERY,
            "upload": self.upload_body(ID_MARK, REGION_MARK).decode(),
            "dispatch": self.dispatch.decode(), "acceptance": self.accept.decode(),
            "evaluation": self.evaluation.decode(), "agreement": self.agreement.decode(),
            "service_record": self.service_record.decode(),
            "ceiling": ceiling.decode().replace(f'"{SEQ_MARK}"', SEQ_MARK),
            "reads": [list(pair) for pair in reads],
        }
        return "return " + _lua(values) + "\n"

    def write_lua_config(self, path: Path, reads: list[tuple[str, str]] = ()) -> Path:
        path.write_text(self.lua_config(reads), encoding="utf-8")
        return path


def _lua(value: Any) -> str:
    """A Lua literal of a JSON-like value (strings as long-bracket-free quoted strings)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).encode("utf-8")
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\{b:03d}"
                         for b in text) + '"'
