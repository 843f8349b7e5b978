"""A hand-built province: two cities, five counties, six institutions and thirty cases that
take every path of the lifecycle between June and September 2026.

The expected figures in the tests are counted by hand from the timeline below; each case's
comment says what it contributes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from stdnum.cn import ric, uscc

from .conftest import System, token

CIVIL_AFFAIRS = token("civil_affairs", "ca-hebei", "130000")
HOSPITAL = token("hospital", "hosp-1", "130100")
SOCIAL_WORKER = token("social_worker", "sw-hebei", "130000")
REPORTER = token("reporter", "committee-7", "130104")
PLATFORM = token("platform", "platform", "130000")
AUDITOR = token("auditor", "audit", "130000")

# (id, county, township, level, kind, area, capacity, registered in)
INSTITUTIONS = [
    ("sjz-a", "130102", "130102001", "township", "station", "urban", 20, "june"),
    ("sjz-b", "130104", None, "village", "day_care", "urban", 10, "june"),
    ("sjz-c", "130121", "130121100", "township", "farm_therapy", "rural", 10, "june"),
    ("ts-a", "130202", None, "county", "comprehensive_centre", "urban", 20, "june"),
    ("ts-b", "130224", None, "village", "work_therapy", "rural", 10, "july"),
    ("sjz-d", "130104", "130104002", "township", "clubhouse", "urban", 10, "july"),
]
REGION_OF = {i[0]: i[1] for i in INSTITUTIONS}

CONSENT_PURPOSES = ("referral_upload", "share_with_institution", "relocation")
JUNE = datetime(2026, 6, 1, 2, tzinfo=UTC)  # 10:00 in China
JULY = datetime(2026, 7, 1, 2, tzinfo=UTC)
SERVICE_BY_MONTH = {6: "medication_training", 7: "life_skills", 8: "social_skills",
                    9: "vocational", 10: "home_guidance"}


def credit_code(serial: int) -> str:
    body = f"52130100MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)


def id_number(serial: int) -> str:
    body = f"130102199{serial % 10}0{1 + serial % 9}{10 + serial % 18:02d}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def institution_body(spec: tuple[Any, ...], serial: int) -> dict[str, Any]:
    iid, county, township, level, kind, area, capacity, _ = spec
    return {"institution_id": iid, "name": f"{iid} 精神障碍社区康复服务站",
            "credit_code": credit_code(serial), "region": county, "township_code": township,
            "address": f"{county} 康复路{serial}号", "level": level, "kind": kind, "area": area,
            "capacity": capacity, "services": ["medication_training", "life_skills"],
            "forms": ["day_training"], "prices": [{"item": "日间训练", "unit": "人·月",
                                                   "amount_cny": "200.00"}],
            "contact": {"name": "联系人", "phone": "13800138000"}}


class Driver:
    """Drives cases through the referral API on the system's clock."""

    hospital, platform, social_worker, reporter = HOSPITAL, PLATFORM, SOCIAL_WORKER, REPORTER
    region_of = REGION_OF

    def __init__(self, system: System) -> None:
        self.s = system
        self.serial = 0
        self.cases: dict[str, str] = {}  # scenario name → case id

    @property
    def today(self) -> str:
        return self.s.clock.today

    async def register_institutions(self, when: str) -> None:
        for serial, spec in enumerate(INSTITUTIONS, start=1):
            if spec[7] == when:
                await self.s.registry.post("/v1/institutions", institution_body(spec, serial),
                                           CIVIL_AFFAIRS, 201)
        await self.s.settle()

    # --- ways in ----------------------------------------------------------------------------

    def _person(self) -> dict[str, Any]:
        self.serial += 1
        return {"name": f"测试{self.serial}号", "id_number": id_number(self.serial),
                "guardian": {"name": "家属", "relation": "母亲"}}

    async def upload(self, name: str, county: str) -> str:
        consents = [{"purpose": purpose, "given_by": g, "given_on": self.today}
                    for purpose in CONSENT_PURPOSES for g in ("patient", "guardian")]
        case = await self.s.referral.post("/v1/referrals/medical-assessments", {
            "person": self._person(), "residence_region": county, "assessment_kind": "discharge",
            "assessed_on": self.today, "diagnosis": "精神分裂症", "risk_level": 1,
            "recommendation": "病情稳定，建议社区康复", "consents": consents}, self.hospital, 201)
        self.cases[name] = case["case_id"]
        return case["case_id"]

    async def apply(self, name: str, county: str, channel: str = "self") -> str:
        body = {"channel": channel, "person": self._person(), "residence_region": county,
                "needs": "希望参加日间训练", "applied_on": self.today,
                "consents": [{"purpose": purpose, "given_by": "patient", "given_on": self.today}
                             for purpose in CONSENT_PURPOSES[1:]]}
        who = self.social_worker
        if channel == "third_party":
            body |= {"reporter_kind": "committee", "reporter_name": "某社区居委会"}
            who = self.reporter
        case = await self.s.referral.post("/v1/referrals/applications", body, who, 201)
        self.cases[name] = case["case_id"]
        return case["case_id"]

    async def review(self, name: str, approved: bool = True) -> None:
        body = {"approved": approved, "needs_assessment": "有康复需求"}
        if not approved:
            body["reason"] = "暂不符合条件"
        await self._act(name, "review", body, self.social_worker)

    # --- in the institution -----------------------------------------------------------------

    async def _act(self, name: str, action: str, body: dict[str, Any],
                   who: dict[str, str]) -> dict[str, Any]:
        return await self.s.referral.post(f"/v1/cases/{self.cases[name]}/{action}", body, who)

    def institution(self, iid: str) -> dict[str, str]:
        return token("institution", iid, self.region_of[iid])

    async def dispatch(self, name: str, iid: str) -> None:
        await self._act(name, "dispatch", {"institution_id": iid}, self.platform)

    async def into_service(self, name: str, iid: str, *, suitable: bool = True) -> None:
        """Dispatch, accept, evaluate and (if suitable) sign the agreement."""
        await self.dispatch(name, iid)
        await self.take_over(name, iid, suitable=suitable)

    async def take_over(self, name: str, iid: str, *, suitable: bool = True) -> None:
        who = self.institution(iid)
        await self._act(name, "acceptance", {"accepted": True}, who)
        await self._act(name, "evaluations", {
            "evaluated_on": self.today, "suitable": suitable, "opinion": "综合评估意见",
            "plan": "日间训练" if suitable else None, "risk_level": 1,
            "team": [{"name": "王医生", "profession": "psychiatrist"},
                     {"name": "赵社工", "profession": "social_worker"}]}, who)
        if suitable:
            await self._act(name, "agreements", {
                "signed_on": self.today, "informed_consent": True, "service_agreement": True,
                "electronic": True, "signed_by_guardian": True}, who)

    async def serve(self, names: list[str], iid_of: dict[str, str],
                    started_at: datetime | None = None) -> None:
        """A service record for each case, of a service that took place ``started_at``
        (default: now)."""
        started_at = started_at or self.s.clock.now
        kind = SERVICE_BY_MONTH[started_at.month]
        for name in names:
            await self._act(name, "service-records", {
                "service_type": kind, "form": "day_training", "method": "group_work",
                "started_at": started_at.isoformat(), "duration_minutes": 60,
                "staff": ["赵社工"]}, self.institution(iid_of[name]))

    async def exit(self, name: str, iid: str, destination: str) -> None:
        who = self.institution(iid)
        await self._act(name, "reassessments", {
            "assessed_on": self.today, "rehabilitation_effect": "明显改善", "disease_state": "稳定",
            "self_care": "完全自理", "employment_willingness": True, "employment_ability": True,
            "risk_level": 0, "recommend_exit": True, "exit_destination": destination}, who)
        await self._act(name, "exit", {"destination": destination}, who)

    async def withdraw(self, name: str, reason: str, unwilling: bool = False) -> None:
        await self._act(name, "withdrawal", {"reason": reason, "unwilling": unwilling},
                        self.social_worker)


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 2, tzinfo=UTC)


STAFF_Q2 = [  # sjz-a in June: purchased medical 1 + 2, social workers 3, certified 6
    {"profession": "psychiatrist", "headcount": 1, "qualified": 1, "certified": 1,
     "purchased": 1, "direct_service": 1, "direct_service_trained": 1, "training_hours": 20},
    {"profession": "nurse", "headcount": 2, "qualified": 0, "certified": 2, "purchased": 2,
     "direct_service": 2, "direct_service_trained": 1, "training_hours": 30},
    {"profession": "social_worker", "headcount": 4, "qualified": 3, "certified": 3,
     "purchased": 3, "direct_service": 4, "direct_service_trained": 2, "training_hours": 60}]
STAFF_SJZ_A_Q3 = [  # medical 1, social workers 4, certified 5
    {"profession": "psychiatrist", "headcount": 1, "qualified": 1, "certified": 1,
     "purchased": 1, "direct_service": 1, "direct_service_trained": 1},
    {"profession": "social_worker", "headcount": 5, "qualified": 3, "certified": 4,
     "purchased": 4, "direct_service": 5, "direct_service_trained": 4}]
STAFF_TS_A_Q3 = [  # medical 2, social workers 2, certified 3
    {"profession": "rehabilitation_therapist", "headcount": 2, "qualified": 2, "certified": 2,
     "purchased": 2, "direct_service": 2, "direct_service_trained": 2},
    {"profession": "social_worker", "headcount": 2, "qualified": 1, "certified": 1,
     "purchased": 2, "direct_service": 2, "direct_service_trained": 1}]


def baseline(total: int, police: int, health: int, general: int, staff: int,
             teams: list[str], funding: str) -> dict[str, Any]:
    return {"total_patients": total, "severe_at_home_police": police,
            "severe_at_home_health": health, "general_at_home": general,
            "psychiatric_medical_staff": staff, "purchased_teams": [{"name": t} for t in teams],
            "funding_10k_cny": funding}


async def run_june_to_september(d: Driver) -> dict[str, str]:
    """The timeline; returns each case's institution (for services)."""
    s, at_inst = d.s, {}
    s.clock.set(JUNE)
    await d.register_institutions("june")
    await s.registry.post("/v1/institutions/sjz-a/staff-reports",
                          {"period": "2026Q2", "lines": STAFF_Q2}, d.institution("sjz-a"))
    await s.registry.call("PUT", "/v1/regions/130104/baselines/2026Q2", CIVIL_AFFAIRS, 200,
                          baseline(50, 5, 6, 30, 2, [], "3.00"))
    # June: 19 cases, all still open on 1 July.  Fifteen are in service with a June service.
    in_service_june = {"A1": ("130102", "sjz-a"), "A2": ("130102", "sjz-a"),
                       "A3": ("130102", "sjz-a"), "A4": ("130102", "sjz-a"),
                       "B1": ("130202", "ts-a"), "B2": ("130202", "ts-a"),
                       "D1": ("130102", "sjz-a"), "F3": ("130202", "ts-a"),
                       "F4": ("130102", "sjz-a"), "F5": ("130102", "sjz-a"),
                       "F6": ("130102", "sjz-a"), "F7": ("130102", "sjz-a"),
                       "F8": ("130102", "sjz-a"), "H1": ("130121", "sjz-c"),
                       "H2": ("130121", "sjz-c")}
    for name, (county, iid) in in_service_june.items():
        await d.upload(name, county)
        await d.into_service(name, iid)
        at_inst[name] = iid
    await d.upload("C1", "130104")  # registered, waits through September
    await d.apply("C2", "130104")  # approved the same day, waits through September
    await d.review("C2")
    await d.upload("F1", "130102")  # closes unwilling in July
    await d.upload("F9", "130104")  # lost to contact in August
    await d.serve(list(in_service_june), at_inst)

    s.clock.set(JULY)
    await d.register_institutions("july")
    await s.registry.post("/v1/institutions/ts-a/staff-reports",
                          {"period": "2026Q3", "lines": STAFF_TS_A_Q3}, CIVIL_AFFAIRS)
    for name in ("E1", "E2", "E3"):  # rural, in service with every month's service
        await d.upload(name, "130121")
        await d.into_service(name, "sjz-c")
        at_inst[name] = "sjz-c"
    for name in ("H3", "H4"):  # rural, in service with every month's service
        await d.upload(name, "130224")
        await d.into_service(name, "ts-b")
        at_inst[name] = "ts-b"
    await d.apply("E4", "130224")  # in service from July, no July service
    await d.review("E4")
    await d.into_service("E4", "ts-b")
    at_inst["E4"] = "ts-b"
    await d.apply("E5", "130224", "guardian")  # dispatched, never accepted
    await d.review("E5")
    await d.dispatch("E5", "ts-b")
    await d.apply("E6", "130104", "third_party")  # rejected: never registered
    await d.review("E6", approved=False)
    await d.apply("E7", "130102")  # approved late (20 July), never dispatched
    await d.upload("F2", "130202")  # withdrawn as unwilling on 15 July
    await d.upload("F10", "130121")  # evaluated unsuitable: closed
    await d.into_service("F10", "sjz-c", suitable=False)
    july = ["A1", "A2", "A3", "A4", "B1", "B2", "D1", "F3", "F4", "F5", "F6", "F7", "F8",
            "H1", "H2", "E1", "E2", "E3", "H3", "H4"]
    await d.serve(july, at_inst)

    s.clock.set(at(7, 10))
    await d._act("F1", "reconfirmation", {"willing": False, "situation": "本人不愿参加"},
                 SOCIAL_WORKER)
    await d._act("F7", "relapses", {"hospital_org_id": "hosp-1", "risk_level": 4,
                                    "reason": "停药后复发"}, d.institution("sjz-a"))
    s.clock.set(at(7, 15))
    await d.withdraw("F2", "withdrawn", unwilling=True)
    s.clock.set(at(7, 20))
    await d._act("F7", "hospital-returns", {"discharged_on": d.today}, HOSPITAL)
    await d.review("E7")

    s.clock.set(at(8, 5))
    august = ["A1", "A2", "A3", "A4", "F3", "F4", "F5", "F6", "F7", "F8", "H1", "H2",
              "E1", "E2", "E3", "E4", "H3", "H4"]  # not B1, B2; D1 after its move
    await d.serve(august, at_inst)
    await s.registry.post("/v1/institutions/sjz-a/staff-reports",
                          {"period": "2026Q3", "lines": STAFF_SJZ_A_Q3}, d.institution("sjz-a"))
    await d._act("D1", "relocations", {"to_region": "130202", "target_institution_id": "ts-a",
                                       "reason": "随家人迁居"}, d.institution("sjz-a"))
    await d.withdraw("F8", "deceased")
    await d.withdraw("F9", "lost_contact")
    s.clock.set(at(8, 6))
    await d.take_over("D1", "ts-a")
    at_inst["D1"] = "ts-a"
    await d.serve(["D1"], at_inst)

    s.clock.set(at(9, 10))
    september = ["A1", "A2", "A3", "A4", "D1", "F7", "H1", "H2", "E1", "E2", "E3", "E4",
                 "H3", "H4"]
    await d.serve(september, at_inst)
    for name, destination in (("F3", "employment"), ("F4", "sheltered_employment"),
                              ("F5", "other_rehab_service"), ("F6", "home")):
        await d.exit(name, at_inst[name], destination)
    # Baselines for the third quarter; 130102 is entered twice (the second corrects it).
    for region, figures in (("130102", baseline(90, 10, 12, 60, 5, ["长安区社工服务中心"], "12.50")),
                            ("130102", baseline(100, 10, 12, 60, 5, ["长安区社工服务中心"], "12.50")),
                            ("130200", baseline(300, 20, 25, 200, 9, ["唐山心康团队", "路南社工站"],
                                                "40.00"))):
        await s.registry.call("PUT", f"/v1/regions/{region}/baselines/2026Q3", CIVIL_AFFAIRS,
                              200, figures)
    s.clock.set(at(9, 20))
    await s.registry.post("/v1/institutions/sjz-b/status", {"action": "close", "reason": "撤并"},
                          CIVIL_AFFAIRS)
    await s.registry.post("/v1/institutions/ts-b/status", {"action": "suspend", "reason": "整改"},
                          CIVIL_AFFAIRS)
    await s.settle()
    return at_inst
