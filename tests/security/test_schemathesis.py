"""Schemathesis against both services' OpenAPI documents, with a valid token of every role.

The real applications serve migrated databases on loopback ports (uvicorn, with the lifespan and
the feed consumers running) from a thread of their own, holding the authorization matrix's
institutions and its cases in every state.  Path and query parameters come from the schema or,
as often, from those objects, so that reads and commands reach real cases, not only 404s.

Every answer is checked for: no 5xx; a status code, content type, headers and body that the
document declares for it; a 4xx as `application/problem+json` with `type`, `title`, `status`
(the answer's) and `code` (API.md); and that the same request without a token, or with an
invalid one, is refused.

The run is seeded and bounded: schemathesis's fuzzing phase, positive and negative data,
`JINGKANG_FUZZ_EXAMPLES` examples (default 5) per operation and role, on SQLite
(`JINGKANG_FUZZ_ENGINE=postgresql` for the other engine).  `bench/fuzz_api.py` runs the same
with many more examples and lists every distinct failure.
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

from ..conftest import create_pg_database, drop_pg_database
from ..registry.conftest import TravelClock, running_system
from .test_authorization_matrix import CALLERS, INSTITUTIONS, World, build_world

EXAMPLES = int(os.environ.get("JINGKANG_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("JINGKANG_FUZZ_SEED", "20261122"))
ENGINE = os.environ.get("JINGKANG_FUZZ_ENGINE", "sqlite")
PROBLEM_JSON = "application/problem+json"


def _config() -> schemathesis.Config:
    # The coverage phase sends every boundary value of every parameter whatever max-examples
    # says (about 25,000 requests for the 405 tests here): left to the bench.
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True,
                       "database": "none", "with-security-parameters": False},
        "phases": {"coverage": {"enabled": False}},
    })


SCHEMAS = {"referral": schemathesis.openapi.from_dict(create_referral().openapi(),
                                                      config=_config()),
           "registry": schemathesis.openapi.from_dict(create_registry().openapi(),
                                                      config=_config())}

# --- the served system ---------------------------------------------------------------------


@dataclass
class Served:
    """Both services over databases of ``engine``, in a thread with its own event loop, so
    that synchronous callers (schemathesis sends with `requests`) can use them."""

    directory: Path
    engine: str = "sqlite"
    urls: dict[str, str] = field(default_factory=dict)
    world: World | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _stop: asyncio.Event | None = None
    _ready: threading.Event = field(default_factory=threading.Event)
    _error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # noqa: BLE001 - handed to the starting thread
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        if self.engine == "sqlite":
            dbs = tuple(f"sqlite+aiosqlite:///{self.directory / name}.db"
                        for name in ("referral", "registry"))
        else:
            dbs = (await create_pg_database(), await create_pg_database())
        try:
            await upgrade_to_head_async("referral", dbs[0])
            await upgrade_to_head_async("registry", dbs[1])
            async with running_system(*dbs, TravelClock()) as system:
                self.world = await build_world(system)
                self.urls = {"referral": system.referral_url, "registry": system.registry_url}
                self._ready.set()
                await self._stop.wait()
        finally:
            if self.engine != "sqlite":
                for url in dbs:
                    await drop_pg_database(url)

    @contextlib.contextmanager
    def running(self) -> Iterator[Served]:
        thread = threading.Thread(target=self._run, name="served-services", daemon=True)
        thread.start()
        self._ready.wait(timeout=180)
        try:
            if self._error is not None:
                raise RuntimeError(f"the services did not start: {self._error!r}") \
                    from self._error
            assert self.urls, "the services did not start within 180 s"
            yield self
        finally:
            if self._loop is not None and self._stop is not None:
                self._loop.call_soon_threadsafe(self._stop.set)
            thread.join(timeout=60)


@contextlib.contextmanager
def served_system(engine: str = "sqlite") -> Iterator[Served]:
    """The services, without the per-client rate limit (a fuzzer is one busy client)."""
    with tempfile.TemporaryDirectory(prefix="jk-fuzz-") as directory, \
            pytest.MonkeyPatch.context() as patch:
        patch.setenv("JINGKANG_RATE_LIMIT_ENABLED", "false")
        with Served(Path(directory), engine).running() as served:
            assert served.world is not None
            KNOWN.update(known_values(served.world))
            yield served


# --- parameters that name the served objects -----------------------------------------------

KNOWN: dict[str, list[str]] = {}  # parameter name → values naming real objects
PATH_NAMES = {"case_id", "patient_id", "institution_id", "region_code", "period"}
QUERY_NAMES = {"region", "period"}


def known_values(world: World) -> dict[str, list[str]]:
    cases = [c for kit in world.kits.values() for c in kit.values()]
    return {  # in the order the setup made them, so that a seed draws the same objects
        "case_id": list(dict.fromkeys(c["case_id"] for c in cases)),
        "patient_id": list(dict.fromkeys(c["patient_id"] for c in cases)),
        "institution_id": [i[0] for i in INSTITUTIONS],
        "region_code": ["130102", "130202", "130104"],
        "region": ["130000", "130100", "130200", "130102", "110000"],
        "period": ["2026Q2", "2026Q1", "2026H1", "2026"],
    }


def _known(name: str) -> st.SearchStrategy[str]:
    return st.deferred(lambda: st.sampled_from(KNOWN[name]))


def _mixed(values: dict[str, Any] | None, names: list[str]) -> st.SearchStrategy:
    """The generated values, or (as often) the same with the named ones replaced by real ones."""
    if not names:
        return st.just(values)
    real = st.fixed_dictionaries({n: _known(n) for n in names})
    return st.one_of(st.just(values), real.map(lambda r: {**(values or {}), **r}))


for _schema in SCHEMAS.values():
    @_schema.hook("flatmap_path_parameters")
    def _real_path_objects(context: Any, values: dict[str, Any]) -> st.SearchStrategy:
        names = [p.name for p in context.operation.path_parameters if p.name in PATH_NAMES]
        return _mixed(values, names)

    @_schema.hook("flatmap_query")
    def _real_query_objects(context: Any, values: dict[str, Any]) -> st.SearchStrategy:
        names = [p.name for p in context.operation.query if p.name in QUERY_NAMES]
        return _mixed(values, names)


# --- checks --------------------------------------------------------------------------------


def _header(response: Any, name: str) -> str:
    value = response.headers.get(name) or response.headers.get(name.title()) or ""
    return value[0] if isinstance(value, list) else value


def problem_json_for_4xx(ctx: Any, response: Any, case: Any) -> bool | None:
    """API.md: every refusal is application/problem+json (RFC 9457) with a stable `code`."""
    if not 400 <= response.status_code < 500:
        return None
    media_type = _header(response, "content-type").split(";")[0].strip()
    assert media_type == PROBLEM_JSON, (
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
    examples: Counter = field(default_factory=Counter)  # (service, operation, role) → examples
    statuses: Counter = field(default_factory=Counter)  # status → answers

    def line(self) -> str:
        operations = {(s, o) for s, o, _ in self.examples}
        return (f"schemathesis: {len(operations)} operations, {len(self.examples)} operation × "
                f"role runs, {sum(self.examples.values())} examples; answers "
                f"{dict(sorted(self.statuses.items()))}")


TALLY = Tally()


@pytest.fixture(scope="module")
def services() -> Iterator[Served]:
    with served_system(ENGINE) as served:
        yield served
    print("\n" + TALLY.line())


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def call_and_check(service: str, case: Any, role: str, served: Served,
                   session: requests.Session) -> Any:
    TALLY.examples[(service, case.operation.label, role)] += 1
    response = case.call(base_url=served.urls[service], session=session,
                         headers=CALLERS[role], timeout=30)
    TALLY.statuses[response.status_code] += 1
    case.validate_response(response, checks=CHECKS, headers=CALLERS[role])
    return response


EVERY_ROLE = pytest.mark.parametrize("role", ROLES)
BOUNDED = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck), print_blob=False)


@EVERY_ROLE
@SCHEMAS["referral"].parametrize()
@BOUNDED
def test_referral(case: Any, role: str, services: Served, session: requests.Session) -> None:
    call_and_check("referral", case, role, services, session)


@EVERY_ROLE
@SCHEMAS["registry"].parametrize()
@BOUNDED
def test_registry(case: Any, role: str, services: Served, session: requests.Session) -> None:
    call_and_check("registry", case, role, services, session)
