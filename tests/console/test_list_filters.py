"""The work lists' filters checked before the API is asked: values kept as typed, parameters
in the API's types, each refusal in Chinese beside its field."""

from __future__ import annotations

from jingkang.console.domain.list_filters import described, read_filters


def test_good_values_become_the_apis_parameters() -> None:
    found = read_filters({"state": "registered", "region": "130102", "risk_level_min": "3",
                          "due": "dispatch", "overdue": "true", "updated_since": "2026-12-01",
                          "institution_id": " inst-a ", "unknown": "x"}, 2026)
    assert found.errors == {}
    assert found.params == {"state": "registered", "region": "130102", "risk_level_min": 3,
                            "due": "dispatch", "overdue": "true", "institution_id": "inst-a",
                            "updated_since": "2026-12-01T00:00:00+08:00"}  # the China day
    assert "unknown" not in found.query()
    assert described(found, 2026) == [
        "状态：已登记", "居住地：河北省石家庄市长安区（130102）", "服务机构：inst-a",
        "待办事项：分派", "是否逾期：已逾期", "危险性不低于：3级", "更新起：2026-12-01"]


def test_each_bad_value_is_refused_beside_its_field() -> None:
    found = read_filters({"state": "gone", "region": "1301", "risk_level_min": "-1",
                          "due": "never", "updated_since": "1999-01-01",
                          "institution_id": "a b", "sort": "name"}, 2026)
    assert found.errors == {
        "state": "请从选项中选择状态", "region": "行政区划代码为6位数字，如 130102",
        "risk_level_min": "危险性等级为0至5级", "due": "请从选项中选择待办事项",
        "updated_since": "日期不在有效范围内", "institution_id": "机构编号不能含空格",
        "sort": "请从选项中选择排序"}
    assert found.values["region"] == "1301"  # shown again as typed


def test_overdue_needs_a_queue_and_a_queue_keeps_its_order() -> None:
    assert read_filters({"overdue": "false"}, 2026).errors == {
        "overdue": "请先选择待办事项，再筛选是否逾期"}
    assert read_filters({"due": "review", "sort": "updated_at"}, 2026).errors == {
        "sort": "待办队列按危险性和期限排序，不能另选排序"}
    assert read_filters({"sort": "updated_at"}, 2026).params == {"sort": "updated_at"}


def test_a_queue_reads_only_its_own_filters() -> None:
    found = read_filters({"state": "closed", "region": "130102"}, 2026, ("region",))
    assert found.params == {"region": "130102"} and "state" not in found.values
