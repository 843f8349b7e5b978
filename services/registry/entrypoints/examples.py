"""One request body per command, as the OpenAPI document shows it ("Try it out" sends it):
each a valid request that works when sent in order by a county's civil affairs (130102) and
the city above it (a test sends them)."""

from __future__ import annotations

from typing import Any

from ..domain import commands as cmd

_SIGN_OFF = {"filled_by": "王芳", "phone": "13800138000", "responsible": "李强"}

EXAMPLES: dict[type[Any], dict[str, Any]] = {
    cmd.RegisterInstitution: {
        "institution_id": "changan-jianshe", "name": "长安区建设北大街精神障碍社区康复服务站",
        "credit_code": "52130102MJ00000174", "region": "130102", "township_code": "130102001",
        "address": "建设北大街2号", "level": "township", "kind": "station", "area": "urban",
        "capacity": 20, "services": ["medication_training", "life_skills", "social_skills"],
        "forms": ["day_training"],
        "prices": [{"item": "日间训练", "unit": "人·月", "amount_cny": "200.00"}],
        "contact": {"name": "王老师", "phone": "13800138000"}, "opened_on": "2024-03-01"},
    cmd.ChangeInstitution: {"capacity": 25, "accepting": True},
    cmd.ReportStaff: {"period": "2026Q3", "lines": [
        {"profession": "psychiatrist", "headcount": 1, "qualified": 1, "certified": 1,
         "purchased": 1, "direct_service": 1, "direct_service_trained": 1,
         "training_hours": "24"},
        {"profession": "social_worker", "headcount": 4, "qualified": 3, "certified": 3,
         "purchased": 3, "direct_service": 4, "direct_service_trained": 3,
         "training_hours": "80"}]},
    cmd.ChangeStatus: {"action": "suspend", "reason": "整改"},
    cmd.RecordBaseline: {
        "total_patients": 1200, "severe_at_home_police": 80, "severe_at_home_health": 95,
        "general_at_home": 700, "psychiatric_medical_staff": 12,
        "purchased_teams": [{"name": "长安区社工服务中心", "members": 8}],
        "funding_10k_cny": "35.50"},
    cmd.DraftReport: _SIGN_OFF,
    cmd.SubmitReport: {**_SIGN_OFF, "source": "live"},
    cmd.ReturnReport: {"version": 1, "reason": "第12列与系统数据不一致，请核对后重报"},
    cmd.AcceptReport: {"version": 1},
}
SCHEMA_EXAMPLES = {model.__name__: example for model, example in EXAMPLES.items()}
