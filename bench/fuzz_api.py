"""Schemathesis against both services with many examples, for the issue note.

The run of tests/security/test_schemathesis.py (the same served system, objects, parameter
hints and checks) with a large example count: every operation × every role, positive and
negative data.  Unlike the test, it does not stop at an operation's first failure: every check
is applied to every answer, and each distinct failure (service, operation, check, status) is
printed once with how often it happened and a request that reproduces it.

    .venv/bin/python bench/fuzz_api.py [--examples 200] [--seed 20261122]
        [--engine sqlite|postgresql] [--service referral|registry] [--role ROLE ...]

`--examples` is per operation and role (the test uses 5): the default sends about 85,000
requests, some 20 minutes on SQLite; `--examples 50` takes about 5.  Needs the test extra
(`pip install -e '.[test]'`, which brings schemathesis); `--engine postgresql` uses the server
at JINGKANG_TEST_PG_URL, like the tests.  Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup

from jingkang.common.web.auth import ROLES
from tests.security.test_authorization_matrix import CALLERS
from tests.security.test_schemathesis import CHECKS, SCHEMAS, Served, served_system


@dataclass
class Found:
    count: int = 0
    roles: set[str] = field(default_factory=set)
    example: str = ""  # the first request and answer that showed it


@dataclass
class Results:
    examples: int = 0
    failing_examples: int = 0
    runs: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict[tuple[str, str, str, int], Found] = field(default_factory=dict)


def _failures(case: Any, response: Any, role: str) -> list[tuple[str, str]]:
    """(check, what it says) for every check the answer fails."""
    found = []
    for check in CHECKS:
        try:
            case.validate_response(response, checks=[check], headers=CALLERS[role])
        except FailureGroup as group:
            found += [(check.__name__, _title(f)) for f in group.exceptions]
        except (Failure, AssertionError) as exc:
            found.append((check.__name__, _title(exc)))
    return found


def _title(failure: BaseException) -> str:
    title = getattr(failure, "title", None) or type(failure).__name__
    message = getattr(failure, "message", None) or str(failure)
    return f"{title}: {' '.join(message.split())[:300]}"


def _example(case: Any, response: Any, role: str, base_url: str) -> str:
    curl = case.as_curl_command(base_url=base_url)
    body = response.text if len(response.text) <= 400 else response.text[:400] + "…"
    return f"(token of role {role}) {curl}\n      → {response.status_code} {body}"


def fuzz(service: str, operation: Any, role: str, served: Served, session: requests.Session,
         results: Results, examples: int, run_seed: int) -> None:
    schema = SCHEMAS[service]
    strategies = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        try:
            strategies.append(operation.as_strategy(mode, hooks=schema.hooks))
        except Exception as exc:  # noqa: BLE001 - an operation without negative data, say
            print(f"  {service} {operation.label}: no {mode.value} data ({exc!r})",
                  file=sys.stderr)
    base_url = served.urls[service]

    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(case=st.one_of(strategies))
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, session=session, headers=CALLERS[role],
                             timeout=30)
        results.examples += 1
        results.statuses[response.status_code] += 1
        failed = _failures(case, response, role)
        results.failing_examples += bool(failed)
        for check, title in failed:
            key = (service, operation.label, f"{check}: {title}", response.status_code)
            entry = results.failures.setdefault(key, Found())
            entry.count += 1
            entry.roles.add(role)
            entry.example = entry.example or _example(case, response, role, base_url)

    run()
    results.runs += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200,
                        help="examples per operation and role (default 200)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--service", choices=tuple(SCHEMAS), action="append")
    parser.add_argument("--role", choices=ROLES, action="append")
    args = parser.parse_args()
    services, roles = args.service or list(SCHEMAS), args.role or list(ROLES)

    results, started = Results(), time.monotonic()
    operations = 0
    with served_system(args.engine) as served, requests.Session() as session:
        for service in services:
            for result in SCHEMAS[service].get_all_operations():
                operation = result.ok()
                operations += 1
                for role in roles:
                    fuzz(service, operation, role, served, session, results, args.examples,
                         args.seed)
                print(f"  {service} {operation.label}: {results.examples} examples so far",
                      file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started

    print(f"operations: {operations} ({', '.join(services)}), roles: {len(roles)}, "
          f"engine: {args.engine}, seed: {args.seed}")
    print(f"examples run: {results.examples} ({args.examples} asked per operation and role; "
          f"{results.runs} runs) in {elapsed:.0f} s")
    print(f"answers: {dict(sorted(results.statuses.items()))}")
    print(f"examples failing a check: {results.failing_examples}; distinct failures: "
          f"{len(results.failures)}")
    for (service, label, what, status), found in sorted(results.failures.items()):
        print(f"\n- {service} {label} → {status}, {found.count}× "
              f"(roles: {', '.join(sorted(found.roles))})\n    {what}\n    e.g. {found.example}")
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
