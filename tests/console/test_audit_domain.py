"""The auditor workspace's own decisions, as pure functions: China-time inputs, the access
log's query, the integrity verdict in Chinese, and each event told as who, when and what."""

from __future__ import annotations

from datetime import datetime

import pytest

from jingkang.common.domain.chinatime import CHINA
from jingkang.console.domain.audit import (SEALED, access_log_query, event_facts,
                                           integrity_verdict, read_china_moment, rfc3339,
                                           timeline, told_moment)


def test_a_datetime_local_value_is_read_as_china_time() -> None:
    moment = read_china_moment("2026-12-04T14:03")
    assert moment.at == datetime(2026, 12, 4, 14, 3, tzinfo=CHINA)
    assert rfc3339(moment.at) == "2026-12-04T14:03:00+08:00"
    assert read_china_moment("2026-12-04 14:03:09").at == datetime(2026, 12, 4, 14, 3, 9,
                                                                   tzinfo=CHINA)


def test_a_date_alone_is_its_whole_day_as_a_bound() -> None:
    assert rfc3339(read_china_moment("2026-12-04").at) == "2026-12-04T00:00:00+08:00"
    assert rfc3339(read_china_moment("2026-12-04", end_of_day=True).at) == (
        "2026-12-05T00:00:00+08:00")
    assert rfc3339(read_china_moment("2026-12-04 10:00", end_of_day=True).at) == (
        "2026-12-04T10:00:00+08:00")


@pytest.mark.parametrize(("text", "says"), [
    ("昨天", "请填写中国时间"), ("2026-02-30", "不是有效的日期"), ("2026-12-04T24:00", "不是有效的"),
    ("1999-12-31", "年份须在 2000 至 2100 之间"), ("2026-12-04T14:03+08:00", "请填写中国时间")])
def test_a_malformed_moment_is_refused_in_chinese(text: str, says: str) -> None:
    moment = read_china_moment(text)
    assert moment.at is None and moment.refusal and says in moment.refusal


def test_an_empty_moment_is_no_moment_and_no_refusal() -> None:
    assert read_china_moment("  ") == read_china_moment("")
    assert read_china_moment("").at is None and read_china_moment("").refusal is None


def test_a_moment_is_told_in_china_time() -> None:
    assert told_moment(datetime(2026, 12, 4, 6, 3, tzinfo=CHINA)) == "2026年12月4日 06:03"
    assert told_moment(datetime.fromisoformat("2026-12-04T06:03:07+00:00")) == (
        "2026年12月4日 14:03:07")


def test_the_access_log_query_takes_the_apis_filters_in_china_time() -> None:
    params, errors = access_log_query({"actor": " console:audit.wang ", "case": "c-1",
                                       "outcome": "refused", "since": "2026-12-01",
                                       "until": "2026-12-04", "cursor": "42"})
    assert errors == {}
    assert params == {"actor": "console:audit.wang", "case": "c-1", "outcome": "refused",
                      "since": "2026-12-01T00:00:00+08:00",
                      "until": "2026-12-05T00:00:00+08:00", "cursor": "42"}
    assert access_log_query({}) == ({}, {})


@pytest.mark.parametrize(("values", "field"), [
    ({"outcome": "maybe"}, "outcome"), ({"since": "12/04"}, "since"),
    ({"since": "2026-12-05", "until": "2026-12-04"}, "until"), ({"cursor": "x1"}, "cursor"),
    ({"actor": "a" * 201}, "actor"), ({"case": "c" * 101}, "case")])
def test_the_access_log_query_refuses_beside_the_field(values: dict, field: str) -> None:
    _, errors = access_log_query(values)
    assert list(errors) == [field]


def test_a_verified_chain_is_said_so() -> None:
    verdict = integrity_verdict({"valid": True, "events_checked": 3, "seals_checked": 2,
                                 "unsealed_legacy": 1})
    assert verdict.valid and verdict.headline.startswith("完整性核验通过")
    assert "已核对 3 个事件的哈希链与 2 个封印" in verdict.detail and "1 个事件早于封印" in verdict.detail


@pytest.mark.parametrize(("reason", "says"), [
    ("version 3 where 2 was expected", "版本号不连续"),
    ("prev_hash does not match the previous event's hash", "前一哈希"),
    ("content does not match its hash", "内容在写入后被改动"),
    ("no seal: not appended by the store (inserted directly?)", "没有封印"),
    ("sealed event missing (removed, or moved from this position)", "已封印的事件缺失"),
    ("seal does not match the event's position, stream, version or hash", "封印系伪造"),
    ("something new", "校验未通过（something new）")])
def test_a_broken_chain_names_the_event_and_why_in_chinese(reason: str, says: str) -> None:
    verdict = integrity_verdict({"valid": False, "events_checked": 4, "first_bad_version": 3,
                                 "first_bad_position": 17, "first_bad_event_id": "e-9",
                                 "reason": reason})
    assert not verdict.valid and verdict.bad_version == 3
    assert verdict.headline == "完整性核验未通过：第 3 个事件（全局位置 17，事件标识 e-9）破坏了事件链"
    assert says in verdict.detail


def test_an_events_main_data_in_chinese_with_sealed_parts_left_sealed() -> None:
    facts = dict(event_facts({
        "case_id": "c-1", "person_key": "ab" * 32, "assessment_kind": "discharge",
        "assessed_on": "2026-10-30", "residence_region": "130102", "risk_level": 3,
        "registered_at": "2026-12-04T06:03:00Z", "protected": {"ct": "…"}}, 2026))
    assert facts == {"居住地": "河北省石家庄市长安区", "评估类型": "出院康复评估",
                     "评估日期": "2026年10月30日", "危险性等级": "3",
                     "登记时间": "2026年12月4日 14:03", "个人信息": SEALED}


def test_a_person_shows_as_the_api_masked_it() -> None:
    facts = dict(event_facts({"person": {"name": "张*", "id_number": "1101**********002X"},
                              "suitable": False}, 2026))
    assert facts == {"康复对象": "张*，1101**********002X", "适宜社区康复": "否"}


def test_the_timeline_tells_who_when_and_what() -> None:
    [told] = timeline([{"version": 2, "position": 9, "type": "CaseClosed",
                        "recorded_at": "2026-12-04T06:03:00+00:00", "hash": "h",
                        "data": {"reason": "withdrawn"},
                        "metadata": {"actor_id": "console:sw.li", "role": "social_worker",
                                     "org_id": "sw-130100"}}], 2026)
    assert (told["when"], told["role"], told["org"], told["actor"], told["what"]) == (
        "2026年12月4日 14:03", "社会工作者", "sw-130100", "console:sw.li", "结案")
    assert told["facts"] == [("原因", "本人或监护人退出")]
