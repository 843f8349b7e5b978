"""Random sequences of actions: the read model always equals the state rebuilt from the events."""

from __future__ import annotations

import asyncio
import itertools
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.referral.adapters.read_model_check import check_read_model
from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain.errors import DomainError

from .. import conftest as root
from . import payloads as p
from .handler_support import BODIES, HOSPITAL, PLATFORM, SOCIAL_WORKER, Driver, handler_runtime, institution, meta

VARIANTS = {
    "review_reject": cmd.Review(approved=False, needs_assessment="无", reason="不符合"),
    "decline": cmd.Acceptance(accepted=False, reason="满员"),
    "unsuitable": cmd.Evaluation(**p.UNSUITABLE),
    "reassess_stay": cmd.Reassessment(**{**p.REASSESS_EXIT, "recommend_exit": False,
                                         "exit_destination": None}),
    "unwilling": cmd.Reconfirm(willing=False, situation="不愿意"),
    "relocate_named": cmd.Relocation(to_region="130104", target_institution_id="inst-c",
                                     reason="迁居"),
}
ACTORS = [HOSPITAL, SOCIAL_WORKER, PLATFORM, institution("inst-a"), institution("inst-b"),
          institution("inst-c"), institution("inst-d")]
STEP = st.one_of(
    st.tuples(st.sampled_from(sorted(BODIES)), st.sampled_from(range(len(ACTORS)))),
    st.tuples(st.sampled_from(sorted(VARIANTS)), st.sampled_from(range(len(ACTORS)))),
    st.tuples(st.just("time"), st.integers(min_value=1, max_value=120)),
)


async def _run(url: str, start_with_application: bool, steps: list[tuple[str, int]]) -> None:
    async with handler_runtime(url) as (runtime, clock):
        driver = Driver(runtime.cases, itertools.count(uuid.uuid4().int % 10**6))
        case_id = await driver.new_case(application=start_with_application)
        repo = runtime.cases.repo
        for name, arg in steps:
            if name == "time":
                clock.advance(arg)
                continue
            body = VARIANTS[name] if name in VARIANTS else BODIES[name]
            try:
                await runtime.cases.handle(case_id, body, ACTORS[arg], meta())
            except DomainError:
                pass  # a refusal is a fine outcome; the models must still agree
            assert await repo.load(case_id) == await repo.rebuild(case_id)
        # ... and so does every column `jingkang verify` compares, in whatever state it ends.
        report = await check_read_model(runtime.db, repo)
        assert report.ok and report.checked == 1, report.line()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(start_with_application=st.booleans(), steps=st.lists(STEP, min_size=1, max_size=25))
def test_read_model_equals_the_fold_of_the_events(engine: str, tmp_path, start_with_application,
                                                  steps) -> None:
    asyncio.run(_example(engine, tmp_path, start_with_application, steps))


async def _example(engine: str, tmp_path, start_with_application: bool, steps) -> None:
    if engine == "postgresql":
        url = await root.create_pg_database()
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}"
    try:
        await upgrade_to_head_async("referral", url)
        await _run(url, start_with_application, steps)
    finally:
        if engine == "postgresql":
            await root.drop_pg_database(url)
