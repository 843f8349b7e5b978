"""`jingkang demo`: load a demonstration data set into the running referral and registry services.

Everything goes through the public HTTP APIs, as hospital systems, institution clients and
civil-affairs officials would use them, with bearer tokens signed by the configured secret.
It loads, in Hebei province (130000):

- the registry: community rehabilitation institutions in Shijiazhuang, Tangshan and Baoding of
  every level of the network (city, county, township, village) and every kind, urban and
  rural, with services, forms, published prices and contacts; a staff report for the current
  year for each; one institution suspended and one closed; baseline survey (摸底) figures of the
  current quarter for every county used;
- the referral service, once its institution directory has caught up with the registry: about
  forty cases along every path of the lifecycle: hospital uploads, self and guardian
  applications and third-party reports (approved or rejected), dispatch by residence and to a
  named institution, acceptance and decline, suitable and unsuitable evaluations, agreements,
  service records, reassessments and exits to each destination, relocations, relapses and
  hospital returns, withdrawals, waiting lists, re-reviews and follow-ups.

Then it prints what it loaded and the start of the province's progress statistics.

Persons and institutions are fictitious but valid: identity numbers carry the GB 11643 check
digit, credit codes the GB 32100 one.  The demo can run again: a registered institution answers
409 and is left as it is, and every case is created with a fixed Idempotency-Key for a person
generated from the case's serial number, so a second run recognises the persons it loaded
(a replayed answer, ``duplicate_case`` or a reused key) and leaves their cases alone.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import httpx
from stdnum.cn import ric, uscc

from jingkang.common.auth import mint_token

CHINA = ZoneInfo("Asia/Shanghai")
PROVINCE = "130000"  # 河北省
KEY_PREFIX = "jingkang-demo"

CITIES = {"130100": "石家庄市", "130200": "唐山市", "130300": "秦皇岛市", "130600": "保定市"}
COUNTIES = {
    "130102": "长安区", "130104": "桥西区", "130105": "新华区", "130121": "井陉县",
    "130123": "正定县",
    "130202": "路南区", "130203": "路北区", "130224": "滦南县",
    "130302": "海港区", "130303": "山海关区",  # 秦皇岛: no institution, so cases wait there
    "130602": "竞秀区", "130623": "涞水县",
}
# The mental-health hospital of each city: uploads assessments and takes relapses.
HOSPITALS = {
    "130100": "hosp-sjz-8",  # 石家庄市第八医院
    "130200": "hosp-ts-5",  # 唐山市第五医院
    "130300": "hosp-qhd-mh",  # 秦皇岛市精神卫生中心
    "130600": "hosp-hb-6",  # 河北省第六人民医院
}


# --- institutions -------------------------------------------------------------------------


class Site(NamedTuple):
    institution_id: str
    name: str
    region: str
    level: str
    kind: str
    area: str
    capacity: int
    township: tuple[str, str] | None = None  # (nine-digit code, name)
    accepting: bool = True


SITES = [
    # 石家庄市
    Site("hb-sjz-centre-01", "石家庄市精神障碍社区康复服务中心", "130102", "city",
         "comprehensive_centre", "urban", 60),
    Site("hb-sjz-ca-01", "长安区精康融合服务站", "130102", "county", "station", "urban", 30),
    Site("hb-sjz-ca-02", "长安区青园街道日间照料站", "130102", "township", "day_care", "urban", 15,
         ("130102003", "青园街道")),
    Site("hb-sjz-qx-01", "桥西区心晴康复会所", "130104", "county", "clubhouse", "urban", 25),
    Site("hb-sjz-qx-02", "桥西区过渡性住宿之家", "130104", "county", "transitional_housing",
         "urban", 12, accepting=False),
    Site("hb-sjz-xh-01", "新华区阳光工疗站", "130105", "county", "work_therapy", "urban", 20),
    Site("hb-sjz-jx-01", "井陉县精神障碍社区康复服务中心", "130121", "county",
         "comprehensive_centre", "rural", 30),
    Site("hb-sjz-jx-02", "井陉县微水镇农疗站", "130121", "township", "farm_therapy", "rural", 15,
         ("130121100", "微水镇")),
    Site("hb-sjz-zd-01", "正定县精康服务站", "130123", "county", "station", "rural", 25),
    Site("hb-sjz-zd-02", "正定县塔元庄村康复点", "130123", "village", "station", "rural", 8,
         ("130123100", "正定镇")),
    # 唐山市
    Site("hb-ts-centre-01", "唐山市精神障碍社区康复服务中心", "130203", "city",
         "comprehensive_centre", "urban", 50),
    Site("hb-ts-ln-01", "路南区学院南路街道康复站", "130202", "township", "station", "urban", 15,
         ("130202005", "学院南路街道")),
    Site("hb-ts-ln-02", "路南区同心康复会所", "130202", "county", "clubhouse", "urban", 20),
    Site("hb-ts-lb-01", "路北区精康日间照料中心", "130203", "county", "day_care", "urban", 25),
    Site("hb-ts-lnx-01", "滦南县精康服务站", "130224", "county", "station", "rural", 25),
    Site("hb-ts-lnx-02", "滦南县倴城镇工疗站", "130224", "township", "work_therapy", "rural", 15,
         ("130224100", "倴城镇")),
    Site("hb-ts-lnx-03", "滦南县宋道口村农疗点", "130224", "village", "farm_therapy", "rural", 8,
         ("130224101", "宋道口镇")),
    # 保定市
    Site("hb-bd-centre-01", "保定市精神障碍社区康复服务中心", "130602", "city",
         "comprehensive_centre", "urban", 50),
    Site("hb-bd-jx-01", "竞秀区过渡性住宿中心", "130602", "county", "transitional_housing",
         "urban", 15),
    Site("hb-bd-ls-01", "涞水县精康服务站", "130623", "county", "station", "rural", 25),
    Site("hb-bd-ls-02", "涞水县三坡镇农疗站", "130623", "township", "farm_therapy", "rural", 12,
         ("130623104", "三坡镇")),
    Site("hb-bd-ls-03", "涞水县南峪村日间照料点", "130623", "village", "day_care", "rural", 8,
         ("130623104", "三坡镇")),
]
SITE_BY_ID = {site.institution_id: site for site in SITES}

STATUS_CHANGES = [
    ("hb-sjz-xh-01", "suspend", "场地改造，暂停服务"),  # 新华区 cases now go to the city
    ("hb-bd-ls-03", "close", "并入三坡镇农疗站"),
]

# What each kind offers: (services, forms, prices as (item, unit, amount in CNY)).
OFFERS: dict[str, tuple[list[str], list[str], list[tuple[str, str, str]]]] = {
    "comprehensive_centre": (
        ["medication_training", "life_skills", "social_skills", "vocational", "home_guidance",
         "psychological", "family_support", "caregiver_training"],
        ["day_training", "home_support", "peer_support", "family_expert_exchange"],
        [("日间训练", "人·月", "0.00"), ("午餐", "人·次", "12.00")]),
    "station": (
        ["medication_training", "life_skills", "social_skills", "home_guidance",
         "family_support"],
        ["day_training", "home_support"], [("日间训练", "人·月", "0.00")]),
    "day_care": (
        ["medication_training", "life_skills", "social_skills", "recreation"],
        ["day_training"], [("日间照料", "人·月", "0.00"), ("午餐", "人·次", "10.00")]),
    "transitional_housing": (
        ["medication_training", "life_skills", "social_skills", "psychological"],
        ["transitional_housing", "day_training"],
        [("过渡性住宿", "人·月", "600.00"), ("伙食", "人·月", "450.00")]),
    "farm_therapy": (
        ["vocational", "life_skills", "peer_support"], ["day_training"],
        [("农疗训练", "人·月", "0.00")]),
    "work_therapy": (
        ["vocational", "social_skills", "peer_support"], ["day_training"],
        [("工疗训练", "人·月", "0.00")]),
    "clubhouse": (
        ["vocational", "social_skills", "peer_support", "recreation"],
        ["peer_support", "day_training"], [("会员服务", "人·年", "0.00")]),
}

CONTACTS = ["王丽华", "李建军", "张秀梅", "刘志刚", "陈晓燕", "杨国强", "赵婷", "黄海涛"]
STREETS = ["建设路", "和平路", "胜利街", "人民路", "中山路", "光明街", "友谊大街", "育才街"]


def credit_code(index: int, region: str) -> str:
    """A unified social credit code of a civil-affairs-registered non-profit (民办非企业单位)."""
    body = f"52{region}MJ{index:07d}"
    return body + uscc.calc_check_digit(body)


def register_body(index: int, site: Site) -> dict[str, Any]:
    services, forms, prices = OFFERS[site.kind]
    place = site.township[1] if site.township else COUNTIES[site.region]
    contact = CONTACTS[index % len(CONTACTS)]
    return {
        "institution_id": site.institution_id, "name": site.name,
        "credit_code": credit_code(index + 1, site.region), "region": site.region,
        "township_code": site.township[0] if site.township else None,
        "township_name": site.township[1] if site.township else None,
        "address": f"河北省{CITIES[site.region[:4] + '00']}{COUNTIES[site.region]}"
                   f"{'' if place == COUNTIES[site.region] else place}"
                   f"{STREETS[index % len(STREETS)]}{10 + 7 * index}号",
        "level": site.level, "kind": site.kind, "area": site.area, "capacity": site.capacity,
        "accepting": site.accepting, "services": services, "forms": forms,
        "prices": [{"item": i, "unit": u, "amount_cny": a} for i, u, a in prices],
        "contact": {"name": contact, "phone": f"1391{index:03d}{5678 + index:04d}"},
        "opened_on": date(2019 + index % 6, 1 + index % 12, 1 + index % 28).isoformat(),
    }


_STAFF_SIZE = {"city": 12, "county": 8, "township": 5, "village": 3}


def staff_report_body(site: Site, period: str) -> dict[str, Any]:
    """Staff by profession (Hebei 12–13), varied but the same on every run."""
    rng = random.Random(f"{KEY_PREFIX}-staff-{site.institution_id}")
    size = _STAFF_SIZE[site.level]
    professions = ["social_worker", "nurse", "rehabilitation_therapist", "other"]
    if site.level in ("city", "county"):
        professions.insert(0, "psychiatrist")
    lines = []
    for profession in professions:
        headcount = max(1, size // len(professions) + rng.randint(-1, 1))
        qualified = headcount if profession != "other" else rng.randint(0, headcount)
        direct = headcount if profession != "other" else rng.randint(0, headcount)
        lines.append({
            "profession": profession, "headcount": headcount, "qualified": qualified,
            "certified": rng.randint(0, qualified), "purchased": rng.randint(0, headcount),
            "direct_service": direct, "direct_service_trained": rng.randint(0, direct),
            "training_hours": f"{direct * rng.randint(12, 30)}.0"})
    return {"period": period, "lines": lines}


def baseline_body(county: str) -> dict[str, Any]:
    """摸底 figures for a county: columns 1–4, 14, 15 and 19 of the progress summary."""
    rng = random.Random(f"{KEY_PREFIX}-baseline-{county}")
    total = rng.randint(900, 3200)
    return {
        "total_patients": total,
        "severe_at_home_police": total * rng.randint(3, 6) // 100,
        "severe_at_home_health": total * rng.randint(20, 30) // 100,
        "general_at_home": total * rng.randint(50, 65) // 100,
        "psychiatric_medical_staff": rng.randint(8, 60),
        "purchased_teams": [{"name": f"{COUNTIES[county]}心理与社会工作服务中心",
                             "members": rng.randint(4, 12)}],
        "funding_10k_cny": f"{rng.randint(150, 900) / 10:.2f}",
    }


# --- persons ------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑"
            "谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶")
MALE_NAMES = ["建国", "志强", "海涛", "立新", "文博", "宏伟", "振华", "国庆",
              "俊杰", "春生", "永刚", "晓东", "明", "磊", "鹏飞", "德胜"]
FEMALE_NAMES = ["秀英", "桂兰", "丽娟", "淑珍", "海燕", "婷婷", "晓梅", "玉兰",
                "春华", "静", "慧敏", "红霞", "雪", "佳怡", "凤琴", "丽"]


def _name(rng: random.Random, male: bool, surname: str | None = None) -> str:
    return (surname or rng.choice(SURNAMES)) + rng.choice(MALE_NAMES if male else FEMALE_NAMES)


def identity_number(county: str, birth: date, serial: int, male: bool) -> str:
    """GB 11643: address, birth date, a sequence whose last digit is odd for men, check digit."""
    body = f"{county}{birth:%Y%m%d}{serial % 100:02d}{(serial * 2 + (1 if male else 0)) % 10}"
    return body + ric.calc_check_digit(body + "0")


def _guardian(rng: random.Random, surname: str, male: bool, birth: date) -> dict[str, Any]:
    if birth.year < 1972:
        relation = rng.choice(["配偶", "女儿", "儿子"])
    else:
        relation = rng.choice(["母亲", "父亲"])
    own_family = relation in ("女儿", "儿子", "父亲")
    guardian_male = {"配偶": not male, "女儿": False, "儿子": True, "母亲": False,
                     "父亲": True}[relation]
    return {"name": _name(rng, guardian_male, surname if own_family else None),
            "relation": relation, "phone": f"13{rng.randint(0, 9)}{rng.randint(0, 10**8 - 1):08d}"}


def person(serial: int, county: str) -> dict[str, Any]:
    """The same fictitious person for the same serial on every run."""
    rng = random.Random(f"{KEY_PREFIX}-person-{serial}")
    male = rng.random() < 0.55
    birth = date(rng.randint(1958, 2003), rng.randint(1, 12), rng.randint(1, 28))
    surname = rng.choice(SURNAMES)
    return {
        "name": _name(rng, male, surname),
        "id_number": identity_number(county, birth, serial, male),
        "phone": f"15{rng.randint(0, 9)}{rng.randint(0, 10**8 - 1):08d}",
        "address": f"{COUNTIES[county]}{rng.choice(STREETS)}{rng.randint(1, 200)}号",
        "guardian": _guardian(rng, surname, male, birth),
    }


# --- case scripts -------------------------------------------------------------------------
# A script: how the case comes in, the residence county, then its steps, each "verb[:arg…]".
# Ways in: upload[:risk] / outpatient (hospital), self / guardian (social worker),
# report:<reporter kind> (reporter).  Verbs are the keys of STEPS below.


class Script(NamedTuple):
    way_in: str
    county: str
    steps: str = ""


IN_SERVICE = "dispatch accept evaluate agree"

SCRIPTS = [
    # exits, one to each destination, with follow-ups
    Script("upload", "130102", f"{IN_SERVICE} serve:life_skills serve:medication_training "
                               "reassess:employment exit follow_up"),
    Script("upload", "130104", f"{IN_SERVICE} serve:vocational serve:vocational "
                               "reassess:sheltered_employment exit follow_up:institution"),
    Script("upload", "130121", f"{IN_SERVICE} serve:home_guidance "
                               "reassess:other_rehab_service exit"),
    Script("upload", "130224", f"{IN_SERVICE} serve:family_support serve:peer_support "
                               "reassess:home exit follow_up"),
    Script("outpatient", "130202", f"{IN_SERVICE} serve:social_skills serve:recreation "
                                   "reassess:home exit"),
    Script("upload", "130104", f"{IN_SERVICE} reassess:employment exit follow_up follow_up"),
    # applications and reports: approved, rejected, withdrawn, still waiting for review
    Script("self", "130102", "approve dispatch accept evaluate agree serve:life_skills "
                             "serve:social_skills"),
    Script("guardian", "130123", "approve dispatch_to:hb-sjz-zd-01 decline "
                                 "dispatch_to:hb-sjz-centre-01 accept evaluate:unsuitable"),
    Script("report:committee", "130203", "reject"),
    Script("report:enterprise", "130602", "approve dispatch accept evaluate agree serve:vocational "
                                          "serve:medication_training serve:psychological"),
    Script("self", "130623", "reject"),
    Script("report:individual", "130121", "approve dispatch accept"),
    Script("report:social_organization", "130623", "approve dispatch accept evaluate:unsuitable"),
    Script("self", "130104", "withdraw:withdrawn:unwilling"),
    Script("guardian", "130202", "approve"),
    Script("self", "130203"),
    Script("guardian", "130224", "approve dispatch accept evaluate agree serve:family_support"),
    # waiting: 秦皇岛 has no institution yet
    Script("upload", "130302", "dispatch"),
    Script("upload", "130302", "dispatch reconfirm:willing"),
    Script("upload", "130303", "dispatch withdraw:lost_contact"),
    # the county's station is suspended: dispatch falls back to the city
    Script("upload", "130105", f"{IN_SERVICE} serve:life_skills"),
    Script("upload", "130105", "withdraw:deceased"),
    # willingness and withdrawals at every stage
    Script("upload", "130102", "reconfirm:unwilling"),
    Script("upload", "130104", "dispatch withdraw:withdrawn:unwilling"),
    Script("upload", "130602", "dispatch accept withdraw:withdrawn"),
    Script("upload", "130623", f"{IN_SERVICE} serve:life_skills withdraw:lost_contact"),
    Script("upload", "130123", "dispatch accept evaluate"),
    Script("upload", "130224", "dispatch"),
    # relapses and hospital returns
    Script("upload:2", "130202", f"{IN_SERVICE} relapse:4 return serve:medication_training"),
    Script("upload", "130203", f"{IN_SERVICE} relapse:3 return:institution withdraw:deceased"),
    Script("upload:3", "130224", f"{IN_SERVICE} relapse:5"),
    Script("upload:3", "130123", f"{IN_SERVICE} relapse:4 return reassess:other_rehab_service exit "
                                 "follow_up"),
    Script("self", "130102", "approve dispatch accept evaluate agree serve:life_skills relapse:4 "
                             "withdraw:lost_contact"),
    # relocations: taken over in another city, declined, still pending
    Script("upload", "130102", f"{IN_SERVICE} serve:life_skills relocate:130202 target "
                               "accept_relocation evaluate agree serve:social_skills"),
    Script("upload", "130121", f"{IN_SERVICE} relocate:130104:hb-sjz-qx-01 decline_relocation "
                               "serve:vocational"),
    Script("upload", "130602", f"{IN_SERVICE} relocate:130623 target serve:home_guidance"),
    Script("upload", "130102", f"{IN_SERVICE} relocate:130602 target accept_relocation evaluate "
                               "agree reassess:sheltered_employment exit follow_up"),
    # in service, with reassessments that do not recommend an exit
    Script("upload", "130602", f"{IN_SERVICE} serve:life_skills reassess serve:caregiver_training"),
    Script("upload", "130203", f"{IN_SERVICE} serve:social_skills serve:peer_support"),
    Script("upload", "130121", f"{IN_SERVICE} serve:vocational reassess"),
]

# Each service type's usual form and method.
SERVICE_FORMS = {
    "medication_training": ("day_training", "group_work"),
    "life_skills": ("day_training", "group_work"),
    "social_skills": ("day_training", "group_work"),
    "vocational": ("day_training", "group_work"),
    "home_guidance": ("home_support", "case_management"),
    "psychological": ("day_training", "case_management"),
    "peer_support": ("peer_support", "group_work"),
    "family_support": ("family_expert_exchange", "group_work"),
    "recreation": ("day_training", "group_work"),
    "caregiver_training": ("home_support", "case_management"),
}
REASSESSMENT_OUTLOOK = {  # exit destination → (employment willingness, employment ability)
    "employment": (True, True), "sheltered_employment": (True, False),
    "other_rehab_service": (False, False), "home": (False, False), None: (True, False),
}

DIAGNOSES = ["精神分裂症", "双相情感障碍", "偏执性精神病", "分裂情感性障碍", "抑郁症（复发性）"]
NEEDS = ["希望参加日间训练，恢复生活自理", "家属希望学习照护技能", "希望参加职业康复，重新就业"]
REPORTERS = {"committee": "社区居民委员会", "enterprise": "某制造有限公司工会",
             "social_organization": "心康社会工作服务中心", "individual": "邻居"}
TEAM = [{"name": "王医生", "profession": "psychiatrist"},
        {"name": "赵社工", "profession": "social_worker"},
        {"name": "孙护士", "profession": "nurse"}]


# --- requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    role: str
    org_id: str
    region: str


@dataclass(frozen=True)
class Call:
    """One request of a step: ``path`` under the case, its body and who sends it."""

    path: str
    body: dict[str, Any]
    who: Who


@dataclass(frozen=True)
class Clock:
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()

    def days_ago(self, days: int) -> str:
        return (self.today - timedelta(days=days)).isoformat()


def current_quarter(now: datetime) -> str:
    local = now.astimezone(CHINA)
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def city_of(region: str) -> str:
    return region[:4] + "00"


def social_worker(case: dict[str, Any]) -> Who:
    city = city_of(case["residence_region"])
    return Who("social_worker", f"sw-{city}", city)


def institution(institution_id: str) -> Who:
    site = SITE_BY_ID.get(institution_id)
    return Who("institution", institution_id, site.region if site else PROVINCE)


def serving(case: dict[str, Any]) -> Who:
    return institution(case["institution"]["institution_id"])


def hospital(region: str) -> Who:
    return Who("hospital", HOSPITALS[city_of(region)], city_of(region))


PLATFORM = Who("platform", "platform", PROVINCE)
CIVIL_AFFAIRS = Who("civil_affairs", "ca-hebei", PROVINCE)
AUDITOR = Who("auditor", "audit-hebei", PROVINCE)


def way_in_call(script: Script, serial: int, clock: Clock) -> Call:
    """The request that creates the case."""
    kind, _, arg = script.way_in.partition(":")
    someone = person(serial, script.county)
    if kind in ("upload", "outpatient"):
        assessed = clock.days_ago(2 + serial % 5)
        return Call("/v1/referrals/medical-assessments", {
            "person": someone, "residence_region": script.county,
            "assessment_kind": "outpatient" if kind == "outpatient" else "discharge",
            "assessed_on": assessed, "diagnosis": DIAGNOSES[serial % len(DIAGNOSES)],
            "risk_level": int(arg or 1), "recommendation": "病情稳定，建议转介社区康复",
            "consents": [{"purpose": "referral_upload", "given_by": giver, "given_on": assessed}
                         for giver in ("patient", "guardian")],
        }, hospital(script.county))
    body = {"channel": "third_party" if kind == "report" else kind, "person": someone,
            "residence_region": script.county, "needs": NEEDS[serial % len(NEEDS)],
            "applied_on": clock.days_ago(1 + serial % 3)}
    if kind == "report":
        body |= {"reporter_kind": arg, "reporter_name": REPORTERS[arg]}
        return Call("/v1/referrals/applications", body,
                    Who("reporter", f"reporter-{arg}-{script.county}", script.county))
    city = city_of(script.county)
    return Call("/v1/referrals/applications", body, Who("social_worker", f"sw-{city}", city))


# --- steps: each turns the case (as last answered) into the request that moves it ----------

Step = Callable[[dict[str, Any], list[str], Clock], Call]


def _review(approved: bool) -> Step:
    def step(case: dict[str, Any], _: list[str], clock: Clock) -> Call:
        body: dict[str, Any] = {"approved": approved, "needs_assessment": (
            "有社区康复需求，建议登记转介" if approved else "暂无社区康复需求")}
        if not approved:
            body["reason"] = "目前正在住院治疗，出院后再申请"
        return Call("review", body, social_worker(case))
    return step


def _reconfirm(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    willing = args[0] == "willing"
    situation = "仍愿意参加社区康复" if willing else "本人及家属表示不愿参加社区康复"
    return Call("reconfirmation", {"willing": willing, "situation": situation},
                social_worker(case))


def _dispatch(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("dispatch", {"institution_id": args[0]} if args else {}, PLATFORM)


def _accept(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("acceptance", {"accepted": True}, serving(case))


def _decline(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("acceptance", {"accepted": False, "reason": "本月名额已满"}, serving(case))


def _relocation_answer(accepted: bool) -> Step:
    def step(case: dict[str, Any], _: list[str], clock: Clock) -> Call:
        body: dict[str, Any] = {"accepted": accepted}
        if not accepted:
            body["reason"] = "本机构名额已满"
        return Call("acceptance", body, institution(case["relocation"]["target_institution_id"]))
    return step


def _evaluate(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    suitable = not args
    return Call("evaluations", {
        "evaluated_on": clock.today.isoformat(), "team": TEAM, "suitable": suitable,
        "opinion": "病情稳定，适宜社区康复" if suitable else "病情尚不稳定，暂不适宜社区康复",
        "plan": "日间训练、服药训练、社交技能训练" if suitable else None,
        "risk_level": case.get("risk_level") or 0}, serving(case))


def _agree(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("agreements", {
        "signed_on": clock.today.isoformat(), "informed_consent": True,
        "service_agreement": True, "electronic": True, "signed_by_guardian": True,
        "document_ref": f"XY-{case['case_id'][:8]}-{case['version']}"}, serving(case))


def _serve(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    form, method = SERVICE_FORMS[args[0]]
    given = sum(case.get("services_by_type", {}).values())
    started = (clock.now - timedelta(hours=3 + 2 * given)).replace(second=0, microsecond=0)
    return Call("service-records", {
        "service_type": args[0], "form": form, "method": method,
        "started_at": started.isoformat(), "duration_minutes": 60 if method == "case_management"
        else 90, "staff": ["赵社工", "刘康复师"]}, serving(case))


def _reassess(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    destination = args[0] if args else None
    willing, able = REASSESSMENT_OUTLOOK[destination]
    return Call("reassessments", {
        "assessed_on": clock.today.isoformat(),
        "rehabilitation_effect": "明显改善" if destination else "有所改善",
        "disease_state": "稳定", "self_care": "基本自理" if destination else "部分自理",
        "employment_willingness": willing, "employment_ability": able, "risk_level": 0,
        "recommend_exit": destination is not None, "exit_destination": destination},
        serving(case))


def _exit(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    destination = case["last_reassessment"]["exit_destination"]
    return Call("exit", {"destination": destination, "notes": "达到结案条件，登记结案"},
                serving(case))


def _relocate(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    body: dict[str, Any] = {"to_region": args[0],
                            "reason": f"随家人迁居{COUNTIES[args[0]]}"}
    if len(args) > 1:
        body["target_institution_id"] = args[1]
    return Call("relocations", body, serving(case))


def _relapse(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    return Call("relapses", {"hospital_org_id": hospital(case["residence_region"]).org_id,
                             "risk_level": int(args[0]), "reason": "自行停药后病情复发"},
                serving(case))


def _return(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    if args == ["institution"]:
        who = serving(case)
    else:  # the hospital the relapse was referred to
        who = Who("hospital", case["hospital_org_id"], city_of(case["residence_region"]))
    return Call("hospital-returns", {"discharged_on": clock.today.isoformat(),
                                     "notes": "病情缓解出院，回到社区"}, who)


_WAITING = ("pending_review", "registered", "waitlisted")  # no institution holds the case yet
WITHDRAWAL_NOTES = {"withdrawn": "本人决定不再参加", "deceased": "家属告知已病故",
                    "lost_contact": "多次电话及上门均未联系上"}


def _withdraw(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    who = social_worker(case) if case["state"] in _WAITING else serving(case)
    return Call("withdrawal", {"reason": args[0], "unwilling": "unwilling" in args[1:],
                               "notes": WITHDRAWAL_NOTES[args[0]]}, who)


def _follow_up(case: dict[str, Any], args: list[str], clock: Clock) -> Call:
    who = institution(case["served_by"][-1]) if args == ["institution"] else social_worker(case)
    return Call("follow-ups", {"visited_on": clock.today.isoformat(),
                               "outcome": "情况稳定，按时服药"}, who)


STEPS: dict[str, Step] = {
    "approve": _review(True), "reject": _review(False), "reconfirm": _reconfirm,
    "dispatch": _dispatch, "dispatch_to": _dispatch, "target": _dispatch,
    "accept": _accept, "decline": _decline,
    "accept_relocation": _relocation_answer(True), "decline_relocation": _relocation_answer(False),
    "evaluate": _evaluate, "agree": _agree, "serve": _serve, "reassess": _reassess,
    "exit": _exit, "relocate": _relocate, "relapse": _relapse, "return": _return,
    "withdraw": _withdraw, "follow_up": _follow_up,
}


def parse_steps(text: str) -> list[tuple[str, list[str]]]:
    steps = []
    for word in text.split():
        verb, *args = word.split(":")
        if verb not in STEPS:
            raise ValueError(f"unknown step {verb!r}")
        steps.append((verb, args))
    return steps


# --- talking to the services --------------------------------------------------------------


class Failed(Exception):
    """A request answered something the demo did not expect."""


class Services:
    """Both services' HTTP clients and the tokens of the principals the demo acts as."""

    def __init__(self, referral_url: str, registry_url: str, secret: str) -> None:
        self.referral = httpx.Client(base_url=referral_url.rstrip("/"), timeout=30)
        self.registry = httpx.Client(base_url=registry_url.rstrip("/"), timeout=30)
        self._secret = secret
        self._tokens: dict[Who, str] = {}

    def close(self) -> None:
        self.referral.close()
        self.registry.close()

    def headers(self, who: Who, key: str | None = None) -> dict[str, str]:
        if who not in self._tokens:
            self._tokens[who] = mint_token(self._secret, sub=f"demo-{who.role}-{who.org_id}",
                                           role=who.role, org_id=who.org_id, region=who.region)
        headers = {"Authorization": f"Bearer {self._tokens[who]}"}
        if key:
            headers["Idempotency-Key"] = f"{KEY_PREFIX}-{key}"
        return headers


def problem_code(response: httpx.Response) -> str | None:
    try:
        return response.json().get("code")
    except ValueError:
        return None


def describe(response: httpx.Response) -> str:
    try:
        body = response.json()
        detail = body.get("detail") or body.get("title") or ""
        return f"{response.status_code} {body.get('code', '')}: {detail}"[:300]
    except ValueError:
        return f"{response.status_code}: {response.text[:200]}"


# --- the registry half --------------------------------------------------------------------


def register_institutions(api: Services) -> Counter[str]:
    outcome: Counter[str] = Counter()
    for index, site in enumerate(SITES):
        response = api.registry.post("/v1/institutions", json=register_body(index, site),
                                     headers=api.headers(CIVIL_AFFAIRS))
        if response.status_code == 201:
            outcome["registered"] += 1
        elif response.status_code == 409 and problem_code(response) == "duplicate_institution":
            outcome["already registered"] += 1
        elif response.status_code in (404, 405) and index == 0:
            print(f"  the registry has no POST /v1/institutions ({response.status_code}); "
                  "skipping the registry data")
            outcome["unavailable"] += 1
            return outcome
        else:
            print(f"  {site.institution_id}: {describe(response)}")
            outcome["failed"] += 1
    return outcome


def report_staff(api: Services, year: str) -> Counter[str]:
    outcome: Counter[str] = Counter()
    for site in SITES:
        response = api.registry.post(
            f"/v1/institutions/{site.institution_id}/staff-reports",
            json=staff_report_body(site, year),
            headers=api.headers(CIVIL_AFFAIRS, f"staff-{site.institution_id}-{year}"))
        outcome["reported" if response.status_code == 200 else "failed"] += 1
        if response.status_code != 200:
            print(f"  staff report {site.institution_id}: {describe(response)}")
    return outcome


def change_statuses(api: Services) -> Counter[str]:
    outcome: Counter[str] = Counter()
    for institution_id, action, reason in STATUS_CHANGES:
        response = api.registry.post(
            f"/v1/institutions/{institution_id}/status", json={"action": action, "reason": reason},
            headers=api.headers(CIVIL_AFFAIRS, f"status-{institution_id}-{action}"))
        if response.status_code == 200:
            outcome[action] += 1
        elif response.status_code == 409:  # done by an earlier run
            outcome[f"{action} (earlier)"] += 1
        else:
            print(f"  {action} {institution_id}: {describe(response)}")
            outcome["failed"] += 1
    return outcome


def record_baselines(api: Services, quarter: str) -> Counter[str]:
    outcome: Counter[str] = Counter()
    for county in sorted({site.region for site in SITES}):
        response = api.registry.put(f"/v1/regions/{county}/baselines/{quarter}",
                                    json=baseline_body(county), headers=api.headers(CIVIL_AFFAIRS))
        outcome["recorded" if response.status_code == 200 else "failed"] += 1
        if response.status_code != 200:
            print(f"  baseline {county}: {describe(response)}")
    return outcome


def load_registry(api: Services, clock: Clock) -> bool:
    """Institutions, staff reports, status changes and baselines; False if the API is missing."""
    print("registry:")
    registered = register_institutions(api)
    print(f"  institutions: {_counts(registered)} of {len(SITES)}")
    if registered["unavailable"]:
        return False
    year = str(clock.today.year)
    print(f"  staff reports {year}: {_counts(report_staff(api, year))}")
    print(f"  status changes: {_counts(change_statuses(api))}")
    quarter = current_quarter(clock.now)
    print(f"  baselines {quarter}: {_counts(record_baselines(api, quarter))}")
    return True


def wait_for_directory(api: Services, timeout: float = 60) -> bool:
    """Until the referral service's institution directory has applied the registry's feed."""
    head = api.registry.get("/v1/events", params={"limit": 1}, headers=api.headers(AUDITOR))
    target = (head.json().get("head") or {}).get("position", 1) if head.status_code == 200 else 1
    deadline = time.monotonic() + timeout
    consumers: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        consumers = api.referral.get("/readyz").json().get("checks", {}).get("consumers", [])
        if consumers and consumers[0]["caught_up"] and consumers[0]["position"] >= max(target, 1):
            return True
        time.sleep(0.25)
    print(f"  the referral service's directory did not catch up: {consumers}")
    return False


# --- the referral half --------------------------------------------------------------------


@dataclass
class CaseRun:
    serial: int
    script: Script
    case: dict[str, Any] | None = None
    outcome: str = "loaded"  # loaded, already loaded, failed
    error: str = ""


def post_call(api: Services, call: Call, path: str, key: str,
              request_id: str | None = None) -> httpx.Response:
    headers = api.headers(call.who, key)
    if request_id:
        headers["X-Request-ID"] = request_id
    return api.referral.post(path, json=call.body, headers=headers)


def read_case(api: Services, case_id: str, suffix: str = "") -> dict[str, Any]:
    response = api.referral.get(f"/v1/cases/{case_id}{suffix}", headers=api.headers(AUDITOR))
    if response.status_code != 200:
        raise Failed(f"reading case {case_id}{suffix}: {describe(response)}")
    return response.json()


def create_case(api: Services, run: CaseRun, clock: Clock) -> bool:
    """Create the case; False when an earlier run already loaded this person."""
    call = way_in_call(run.script, run.serial, clock)
    request_id = str(uuid.uuid4())
    response = post_call(api, call, call.path, f"case-{run.serial:03d}", request_id)
    code = problem_code(response)
    if response.status_code == 201:
        case_id = response.json()["case_id"]
        run.case = read_case(api, case_id)
        # The Idempotency-Key replays the first answer to a run that comes again: a case
        # created now has this request's id on its first event.
        first = read_case(api, case_id, "/events")["events"][0]
        return first["metadata"].get("request_id") == request_id
    if response.status_code == 409 and code == "duplicate_case":
        run.case = read_case(api, response.json()["case_id"])
        return False
    if response.status_code == 422 and code == "idempotency_key_reused":
        return False  # created by a run on another day
    raise Failed(f"{run.script.way_in}: {describe(response)}")


def take_step(api: Services, run: CaseRun, index: int, verb: str, args: list[str],
              clock: Clock) -> None:
    assert run.case is not None
    call = STEPS[verb](run.case, args, clock)
    path = f"/v1/cases/{run.case['case_id']}/{call.path}"
    response = post_call(api, call, path, f"case-{run.serial:03d}-step-{index:02d}")
    if response.status_code != 200:
        raise Failed(f"step {index + 1} {verb}: {describe(response)}")
    run.case = response.json()


def drive(api: Services, serial: int, script: Script, clock: Clock) -> CaseRun:
    run = CaseRun(serial, script)
    try:
        if not create_case(api, run, clock):
            run.outcome = "already loaded"
            return run
        for index, (verb, args) in enumerate(parse_steps(script.steps)):
            take_step(api, run, index, verb, args, clock)
    except Failed as exc:
        run.outcome, run.error = "failed", str(exc)
    return run


def final_state(run: CaseRun) -> str:
    if run.case is None:
        return "unknown (loaded on another day)"
    case = run.case
    if case["state"] != "closed":
        return case["state"]
    reason = case["close_reason"]
    if reason == "exited":
        return f"closed: exited to {case['exit_destination']}"
    return f"closed: {reason}{' (unwilling)' if case.get('unwilling') else ''}"


def load_cases(api: Services, clock: Clock) -> list[CaseRun]:
    print(f"referral: {len(SCRIPTS)} cases")
    runs = [drive(api, serial, script, clock) for serial, script in enumerate(SCRIPTS, 1)]
    for run in runs:
        if run.outcome == "failed":
            print(f"  case {run.serial} ({run.script.way_in} {run.script.county}): {run.error}")
    print(f"  {_counts(Counter(run.outcome for run in runs))}")
    print("  by final state:")
    for state, count in sorted(Counter(final_state(run) for run in runs).items()):
        print(f"    {state:40} {count:3}")
    return runs


# --- summary ------------------------------------------------------------------------------


PROGRESS_COLUMNS = ("1", "5", "7", "8", "9", "10", "11", "12", "13", "16", "17", "18", "19")


def raw_start(body: Any, limit: int = 600) -> list[str]:
    text = json.dumps(body, ensure_ascii=False)
    return [text[:limit] + (" …" if len(text) > limit else "")]


def progress_table(body: Any) -> list[str]:
    """The rows that hold figures, some of the 19 columns each; the raw start otherwise."""
    try:
        rows = [*body["rows"], body["total"]]
        lines = ["region    " + "".join(f"{c:>8}" for c in PROGRESS_COLUMNS)]
        for row in rows:
            values = [row["values"].get(c) for c in PROGRESS_COLUMNS]
            if any(values):
                lines.append(f"{row['name']:　<5}" + "".join(
                    f"{'-' if v is None else v:>8}" for v in values))
        return lines
    except (KeyError, TypeError, AttributeError):
        return raw_start(body)


def top_level_fields(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return raw_start(body)
    return [f"{key}: {raw_start(value, 150)[0]}" for key, value in body.items()]


def show(api: Services, title: str, path: str, render: Callable[[Any], list[str]],
         params: dict[str, str] | None = None) -> None:
    """Print a registry read; only its status when it does not answer 200."""
    response = api.registry.get(path, params=params, headers=api.headers(CIVIL_AFFAIRS))
    print(f"{title}: GET {response.request.url.path} → {response.status_code}")
    if response.status_code == 200:
        try:
            lines = render(response.json())
        except ValueError:
            lines = [response.text[:600]]
        for line in lines:
            print(f"  {line}")


def summary(api: Services, clock: Clock) -> None:
    quarter = current_quarter(clock.now)
    show(api, f"progress summary {PROVINCE} {quarter} (columns 1–19)", "/v1/statistics/progress",
         progress_table, {"region": PROVINCE, "period": quarter})
    show(api, "institution archive", f"/v1/archives/institutions/{SITES[0].institution_id}",
         top_level_fields)


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counter.items()) or "none"


def main(referral_url: str, registry_url: str, *, secret: str | None = None) -> int:
    """Load the demo data into the services at these URLs; 0 when every step went through."""
    if secret is None:
        from jingkang.referral.config import Settings

        secret = Settings().jwt_secret.get_secret_value()
    api = Services(referral_url, registry_url, secret)
    clock = Clock(datetime.now(CHINA))
    try:
        loaded = load_registry(api, clock)
        if loaded and not wait_for_directory(api):
            return 1
        runs = load_cases(api, clock)
        summary(api, clock)
    except httpx.TransportError as exc:
        print(f"cannot reach the services ({exc}); are they running (`jingkang run`)?")
        return 1
    finally:
        api.close()
    return 0 if loaded and all(run.outcome != "failed" for run in runs) else 1
