"""Schemathesis against both services' OpenAPI documents, with a valid token of every role.

The real applications serve migrated databases on loopback ports (uvicorn, with the lifespan and
the feed consumers running) from a thread of their own, holding the authorization matrix's
institutions and its cases in every state.  Path and query parameters come from the schema or,
as often, from those objects, so that reads and commands reach real cases, not only 404s.

Every answer is checked for: no 5xx; a status code, content type, headers and body that the
document declares for it; a 4xx as `application/problem+json` with `type`, `title`, `status`
(the answer's) and `code` (API.md); and that the same request without a token, or with an
invalid one, is refused.

Both engines, every phase schemathesis has for these documents:

* examples and fuzzing (positive and negative data), `JINGKANG_FUZZ_EXAMPLES` examples
  (default 5) per operation and role, with bounds wider than the schema's: path ids and
  strings far past their `maxLength`, integers past int32 and int64, feed cursors whose numbers
  overflow, `If-Match` versions past int32 (`wider_*` below);
* coverage: every boundary and every violation of each parameter's constraints the schema
  defines (positive and negative), and methods an operation does not declare; once per
  operation, with a role allowed to call it (the authorization matrix's table), so that the
  request reaches validation rather than a 403 (a role refused answers the same whatever the
  parameters: the fuzzing phase tries every role);
* stateful: not run, as neither document declares links between operations.

The run is seeded and derandomized.  The module's last line per engine says how many requests
the services answered and how long it took.  `bench/fuzz_api.py` runs the fuzzing phase with
many more examples and lists every distinct failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
import threading
import time
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

from jingkang.common.adapters.migrations import upgrade_to_head_async
from jingkang.common.web.auth import ROLES
from jingkang.referral.entrypoints.app import create_app as create_referral
from jingkang.registry.entrypoints.app import create_app as create_registry

from ..conftest import ENGINES, create_pg_database, drop_pg_database, require_postgres
from ..registry.conftest import TravelClock, running_system
from .test_authorization_matrix import CALLERS, INSTITUTIONS, ROWS, World, build_world

EXAMPLES = int(os.environ.get("JINGKANG_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("JINGKANG_FUZZ_SEED", "20261122"))
PROBLEM_JSON = "application/problem+json"


def _config(*, coverage: bool) -> schemathesis.Config:
    """Examples and fuzzing (``max-examples`` per test), or the coverage phase alone (which
    sends every case the schema defines, whatever ``max-examples`` says).  No stateful phase:
    the documents declare no links."""
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True,
                       "database": "none", "with-security-parameters": False},
        "phases": {"examples": {"enabled": not coverage}, "fuzzing": {"enabled": not coverage},
                   "coverage": {"enabled": coverage}, "stateful": {"enabled": False}},
    })


DOCUMENTS = {"referral": create_referral().openapi(), "registry": create_registry().openapi()}
SCHEMAS = {name: schemathesis.openapi.from_dict(document, config=_config(coverage=False))
           for name, document in DOCUMENTS.items()}
COVERAGE = {name: schemathesis.openapi.from_dict(document, config=_config(coverage=True))
            for name, document in DOCUMENTS.items()}

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
    if engine == "postgresql":
        asyncio.run(require_postgres())  # skips locally, fails under CI=true
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


# Drawn before the setup has made any object (the schema's examples are drawn as the tests are
# collected): a value of the right shape that names nothing.
_UNKNOWN = {"region_code": "130102", "region": "130000", "period": "2026Q2"}


def _pick(name: str, index: int) -> str:
    values = KNOWN.get(name)
    return values[index % len(values)] if values else _UNKNOWN.get(
        name, "00000000-0000-4000-8000-000000000000")


def _known(name: str) -> st.SearchStrategy[str]:
    """A real object's value, chosen when drawn (not when the strategy is built)."""
    return st.integers(min_value=0, max_value=1 << 16).map(lambda i: _pick(name, i))


def _mixed(values: dict[str, Any] | None, names: list[str]) -> st.SearchStrategy:
    """The generated values, or (as often) the same with the named ones replaced by real ones."""
    if not names:
        return st.just(values)
    real = st.fixed_dictionaries({n: _known(n) for n in names})
    return st.one_of(st.just(values), real.map(lambda r: {**(values or {}), **r}))


# --- bounds wider than the schema's ----------------------------------------------------------

# Integers a 32- or 64-bit column or a C long cannot hold, and their neighbours.
BIG_INTEGERS = st.one_of(
    st.sampled_from([2**31 - 1, 2**31, 2**32, 2**63 - 1, 2**63, 10**20, -(2**31) - 1]),
    st.integers(min_value=2**31, max_value=2**80))
# Ids and strings far past every maxLength of the documents (64, 100, 200, 500).
LONG_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.", min_size=101,
                    max_size=1200)
# Feed cursors ("<tx>:<position>") and page cursors whose numbers overflow.
BIG_CURSOR = st.one_of(
    st.builds(lambda a, b: f"{a}:{b}", BIG_INTEGERS, BIG_INTEGERS),
    st.builds(lambda a: f"1:{a}", BIG_INTEGERS), BIG_INTEGERS.map(str))


def _types(operation: Any, location: str) -> dict[str, str]:
    """The JSON types a parameter of ``operation`` may take, by name, from its document."""
    raw = operation.definition.raw
    types: dict[str, str] = {}
    for parameter in raw.get("parameters", []):
        if parameter.get("in") != location:
            continue
        schema = parameter.get("schema", {})
        options = schema.get("anyOf", [schema])
        types[parameter["name"]] = " ".join(o.get("type", "") for o in options)
    return types


def _wider(values: dict[str, Any] | None, wide: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """The values as generated, or (as often) one of them replaced by a value past the
    schema's bounds."""
    if not wide:
        return st.just(values)
    replaced = st.sampled_from(sorted(wide)).flatmap(
        lambda name: wide[name].map(lambda value: {**(values or {}), name: value}))
    return st.one_of(st.just(values), replaced)


def wider_path(operation: Any) -> dict[str, st.SearchStrategy]:
    return {name: LONG_TEXT for name in _types(operation, "path")}


def wider_query(operation: Any) -> dict[str, st.SearchStrategy]:
    wide: dict[str, st.SearchStrategy] = {}
    for name, kinds in _types(operation, "query").items():
        if "integer" in kinds or "number" in kinds:
            wide[name] = BIG_INTEGERS
        elif name in ("after", "cursor"):
            wide[name] = st.one_of(BIG_CURSOR, LONG_TEXT)
        elif "string" in kinds:
            wide[name] = LONG_TEXT
    return wide


def wider_headers(operation: Any) -> dict[str, st.SearchStrategy]:
    names = _types(operation, "header")
    wide: dict[str, st.SearchStrategy] = {}
    if "if-match" in names:
        wide["if-match"] = st.one_of(BIG_INTEGERS.map(lambda v: f'"{v}"'), LONG_TEXT)
    for name in ("idempotency-key", "x-request-id", "x-correlation-id"):
        if name in names:
            wide[name] = LONG_TEXT
    return wide


def _with_nul(body: Any) -> st.SearchStrategy:
    """The body, or (as often) the same with a NUL put before one of its strings (a name, a
    relation, an id), where no person's data can hold one."""
    paths: list[tuple[Any, ...]] = []

    def walk(value: Any, at: tuple[Any, ...]) -> None:
        if isinstance(value, str):
            paths.append(at)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*at, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*at, index))

    walk(body, ())
    if not paths or not isinstance(body, (dict, list)):
        return st.just(body)

    def poisoned(at: tuple[Any, ...]) -> Any:
        copy = json.loads(json.dumps(body))
        holder = copy
        for step in at[:-1]:
            holder = holder[step]
        holder[at[-1]] = "\x00" + holder[at[-1]]
        return copy

    return st.one_of(st.just(body), st.sampled_from(paths).map(poisoned))


for _schema in [*SCHEMAS.values(), *COVERAGE.values()]:
    @_schema.hook("flatmap_path_parameters")
    def _real_path_objects(context: Any, values: dict[str, Any]) -> st.SearchStrategy:
        names = [p.name for p in context.operation.path_parameters if p.name in PATH_NAMES]
        # Real objects as they are (their queries and bodies then reach the database), or
        # generated ids, widened.
        wide = wider_path(context.operation)
        return _mixed(values, names).flatmap(
            lambda mixed: st.just(mixed) if mixed is not values else _wider(mixed, wide))

    @_schema.hook("flatmap_query")
    def _real_query_objects(context: Any, values: dict[str, Any]) -> st.SearchStrategy:
        names = [p.name for p in context.operation.query if p.name in QUERY_NAMES]
        return _mixed(values, names).flatmap(
            lambda mixed: _wider(mixed, wider_query(context.operation)))

    @_schema.hook("flatmap_body")
    def _nul_in_a_string(context: Any, body: Any) -> st.SearchStrategy:
        return _with_nul(body)

    @_schema.hook("flatmap_headers")
    def _wider_headers(context: Any, values: dict[str, Any]) -> st.SearchStrategy:
        return _wider(values, wider_headers(context.operation))


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
    started: float = field(default_factory=time.monotonic)

    def line(self, engine: str) -> str:
        operations = {(s, o) for s, o, _ in self.examples}
        return (f"schemathesis on {engine}: {len(operations)} operations, {len(self.examples)} "
                f"operation × role runs, {sum(self.examples.values())} requests (and "
                f"ignored_auth's probes, two per operation at most) in "
                f"{time.monotonic() - self.started:.0f} s; answers "
                f"{dict(sorted(self.statuses.items()))}")


TALLIES: dict[str, Tally] = {}


@pytest.fixture(scope="module", params=ENGINES)
def services(request: pytest.FixtureRequest) -> Iterator[Served]:
    with served_system(request.param) as served:
        tally = TALLIES[request.param] = Tally()
        yield served
        print("\n" + tally.line(request.param))


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def call_and_check(service: str, case: Any, role: str, served: Served,
                   session: requests.Session, engine: str) -> Any:
    tally = TALLIES[engine]
    tally.examples[(service, case.operation.label, role)] += 1
    response = case.call(base_url=served.urls[service], session=session,
                         headers=CALLERS[role], timeout=30)
    tally.statuses[response.status_code] += 1
    case.validate_response(response, checks=CHECKS, headers=CALLERS[role])
    return response


def allowed_role(service: str, method: str, path: str) -> str:
    """The first role the authorization matrix lets call the endpoint on its own objects."""
    row = next(r for r in ROWS if (r.service, r.method, r.path) == (service, method, path))
    return next(role for role, (inside, _) in row.cells.items()
                if role in CALLERS and inside in ("ok", "seen", "empty"))


EVERY_ROLE = pytest.mark.parametrize("role", ROLES)
BOUNDED = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                   suppress_health_check=list(HealthCheck), print_blob=False)


@EVERY_ROLE
@SCHEMAS["referral"].parametrize()
@BOUNDED
def test_referral(case: Any, role: str, services: Served, session: requests.Session) -> None:
    call_and_check("referral", case, role, services, session, services.engine)


@EVERY_ROLE
@SCHEMAS["registry"].parametrize()
@BOUNDED
def test_registry(case: Any, role: str, services: Served, session: requests.Session) -> None:
    call_and_check("registry", case, role, services, session, services.engine)


@COVERAGE["referral"].parametrize()
@BOUNDED
def test_referral_coverage(case: Any, services: Served, session: requests.Session) -> None:
    role = allowed_role("referral", case.operation.method.upper(), case.operation.path)
    call_and_check("referral", case, role, services, session, services.engine)


@COVERAGE["registry"].parametrize()
@BOUNDED
def test_registry_coverage(case: Any, services: Served, session: requests.Session) -> None:
    role = allowed_role("registry", case.operation.method.upper(), case.operation.path)
    call_and_check("registry", case, role, services, session, services.engine)
