"""The demo's data set in Hebei: its cities, counties and hospitals, the institutions with the
bodies that register them, their staff reports, the counties' baselines and the persons.

Every table and body is the same on every run: what varies is drawn from a random generator
seeded with the thing it describes.  Identity numbers carry the GB 11643 check digit, credit
codes the GB 32100 one.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any, NamedTuple

from stdnum.cn import ric, uscc

from jingkang.common.domain.chinatime import CHINA

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
