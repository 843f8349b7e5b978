"""Schemathesis against both services' OpenAPI documents, with a valid token of every role.

The real applications serve migrated SQLite files on loopback ports (uvicorn, lifespan and feed
consumers running) from a thread of their own, holding the authorization matrix's cases in every
state and its institutions; path and query parameters are drawn from the schema and, half of the
time, from those objects, so that reads and commands reach real cases rather than 404s.

Every answer is checked for: no 5xx; a status code, content type, headers and body the document
declares for it; a 4xx as `application/problem+json` with `type`, `title`, `status` (equal to
the answer's) and `code`; and that the same request without a token, or with a forged one, is
refused.  The run is seeded and bounded (`JINGKANG_FUZZ_EXAMPLES`, default 5 examples per
operation and role); `bench/fuzz_api.py` runs it with many more.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jingkang.common.auth import ROLES
from jingkang.common.migrations import upgrade_to_head_async
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.entrypoints.app import create_app as create_registry

from ..registry.conftest import TravelClock, running_system
from .test_authorization_matrix import CALLERS, INSTITUTIONS, World, build_world

EXAMPLES = int(os.environ.get("JINGKANG_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("JINGKANG_FUZZ_SEED", "20261122"))
PROBLEM_JSON = "application/problem+json"


def _config() -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True,
                       "database": "none", "with-security-parameters": False},
    })


referral_schema = schemathesis.openapi.from_dict(create_referral().openapi(), config=_config())
registry_schema = schemathesis.openapi.from_dict(create_registry().openapi(), config=_config())
SCHEMAS = {"referral": referral_schema, "registry": registry_schema}


# --- the served system ---------------------------------------------------------------------


@dataclass
class Served:
    """Both services over SQLite files in ``directory``, in a thread with its own event loop."""

    directory: Path
    urls: dict[str, str] = field(default_factory=dict)
    world: World | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to the starting thread
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        dbs = tuple(f"sqlite+aiosqlite:///{self.directory / name}.db"
                    for name in ("referral", "registry"))
        await upgrade_to_head_async("referral", dbs[0])
        await upgrade_to_head_async("registry", dbs[1])
        async with running_system(*dbs, TravelClock()) as system:
            self.world = await build_world(system)
            self.urls = {"referral": system.referral_url, "registry": system.registry_url}
            self._ready.set()
            await self._stop.wait()

    @contextlib.contextmanager
    def running(self) -> Iterator[Served]:
        thread = threading.Thread(target=self._run, name="served-services", daemon=True)
        thread.start()
        self._ready.wait(timeout=120)
        try:
            if self._error is not None:
                raise RuntimeError("the services did not start") from self._error
            assert self.urls, "the services did not start within 120 s"
            yield self
        finally:
            if self._loop is not None and self._stop is not None:
                self._loop.call_soon_threadsafe(self._stop.set)
            thread.join(timeout=60)


@contextlib.contextmanager
def served_system() -> Iterator[Served]:
    """The services, without the per-client rate limit (a fuzzer is one busy client)."""
    with tempfile.TemporaryDirectory(prefix="jk-fuzz-") as directory, \
            pytest.MonkeyPatch.context() as patch:
        patch.setenv("JINGKANG_RATE_LIMIT_ENABLED", "false")
        with Served(Path(directory)).running() as served:
            KNOWN.update(known_values(served.world))
            yield served


# --- parameters drawn from the served objects ----------------------------------------------

KNOWN: dict[str, list[str]] = {}  # parameter name → values that name real objects


def known_values(world: World) -> dict[str, list[str]]:
    cases = [c for kit in world.kits.values() for c in kit.values()]
    return {
        "case_id": sorted({c["case_id"] for c in cases} | {
            v for k, v in world.extra.items() if not k.endswith("_patient")}),
        "patient_id": sorted({c["patient_id"] for c in cases}),
        "institution_id": [i[0] for i in INSTITUTIONS],
        "region_code": ["130102", "130202", "130104"],
        "region": ["130000", "130100", "130200", "130102", "110000"],
        "period": ["2026Q2", "2026Q1", "2026H1", "2026"],
    }


def _known(name: str) -> st.SearchStrategy[str]:
    return st.deferred(lambda: st.sampled_from(KNOWN[name]))


def _mixed(strategy: st.SearchStrategy, names: list[str]) -> st.SearchStrategy:
    """Half of the draws keep the generated values, half replace those named by real ones."""
    if not names:
        return strategy
    real = st.fixed_dictionaries({n: _known(n) for n in names})
    return st.one_of(strategy, st.tuples(strategy, real).map(
        lambda pair: {**(pair[0] or {}), **pair[1]}))


for _schema in SCHEMAS.values():
    @_schema.hook("before_generate_path_parameters")
    def _real_path_objects(context: Any, strategy: st.SearchStrategy) -> st.SearchStrategy:
        names = [p.name for p in context.operation.path_parameters if p.name in KNOWN_NAMES]
        return _mixed(strategy, names)

    @_schema.hook("before_generate_query")
    def _real_query_objects(context: Any, strategy: st.SearchStrategy) -> st.SearchStrategy:
        names = [p.name for p in context.operation.query if p.name in ("region", "period")]
        return _mixed(strategy, names)


KNOWN_NAMES = {"case_id", "patient_id", "institution_id", "region_code", "period"}

# --- checks --------------------------------------------------------------------------------


def problem_json_for_4xx(ctx: Any, response: Any, case: Any) -> bool | None:
    """API.md: every refusal is application/problem+json with a stable `code`."""
    if not 400 <= response.status_code < 500:
        return None
    media_type = response.headers.get("content-type", [""])
    media_type = (media_type[0] if isinstance(media_type, list) else media_type).split(";")[0]
    assert media_type.strip() == PROBLEM_JSON, (
        f"a {response.status_code} answered {media_type!r}, not {PROBLEM_JSON}")
    body = response.json()
    missing = [k for k in ("type", "title", "status", "code") if k not in body]
    assert not missing, f"the problem document lacks {missing}: {body}"
    assert body["status"] == response.status_code, (
        f"the problem says status {body['status']}, the answer is {response.status_code}")
    return None


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, ignored_auth,
          problem_json_for_4xx]

# --- the tests -----------------------------------------------------------------------------


@dataclass
class Tally:
    examples: Counter = field(default_factory=Counter)  # (service, operation) → examples run
    statuses: Counter = field(default_factory=Counter)  # (service, status) → answers


TALLY = Tally()


@pytest.fixture(scope="module")
def services() -> Iterator[Served]:
    with served_system() as served:
        yield served
    total = sum(TALLY.examples.values())
    print(f"\nschemathesis: {len(TALLY.examples)} operation(s) × role(s) ran {total} "
          f"example(s); answers: {dict(sorted(TALLY.statuses.items()))}")


def run_case(service: str, case: Any, role: str, served: Served,
             session: requests.Session) -> None:
    TALLY.examples[(service, case.operation.label)] += 1
    response = case.call(base_url=served.urls[service], session=session,
                         headers=CALLERS[role], timeout=30)
    TALLY.statuses[(service, response.status_code)] += 1
    case.validate_response(response, checks=CHECKS, headers=CALLERS[role])


HYPOTHESIS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck), print_blob=False)
ROLE_PARAMS = pytest.mark.parametrize("role", [r for r in ROLES])


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


@ROLE_PARAMS
@referral_schema.parametrize()
@HYPOTHESIS
def test_referral(case: Any, role: str, services: Served, session: requests.Session) -> None:
    run_case("referral", case, role, services, session)


@ROLE_PARAMS
@registry_schema.parametrize()
@HYPOTHESIS
def test_registry(case: Any, role: str, services: Served, session: requests.Session) -> None:
    run_case("registry", case, role, services, session)
