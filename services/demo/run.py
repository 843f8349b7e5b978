"""Loading the demo: the registry's data, then the cases once the referral service's directory
has caught up, then a summary of what the registry reports."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from jingkang.cli.progress import Progress

from .client import Failed, Services, describe, problem_code
from .accounts import create_console_accounts
from .data import CHINA, SITES, STATUS_CHANGES, baseline_body, register_body, staff_report_body
from .principals import AUDITOR, CIVIL_AFFAIRS
from .scripts import SCRIPTS, Call, Clock, Script, current_quarter, way_in_call
from .steps import STEPS, parse_steps
from .summary import summary


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
        if _has_baseline(api, county, quarter):  # entered earlier, perhaps by a person
            outcome["kept (entered already)"] += 1
            continue
        response = api.registry.put(f"/v1/regions/{county}/baselines/{quarter}",
                                    json=baseline_body(county), headers=api.headers(CIVIL_AFFAIRS))
        outcome["recorded" if response.status_code == 200 else "failed"] += 1
        if response.status_code != 200:
            print(f"  baseline {county}: {describe(response)}")
    return outcome


def _has_baseline(api: Services, county: str, quarter: str) -> bool:
    """Whether the county's figures for the quarter hold a baseline already: a demo run
    again never overwrites what someone entered."""
    response = api.registry.get("/v1/statistics/progress", headers=api.headers(CIVIL_AFFAIRS),
                                params={"region": county, "period": quarter})
    return response.status_code == 200 and response.json()["total"]["values"]["1"] is not None


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
    progress = Progress("demo", len(SCRIPTS), "cases", counted="steps")
    runs = []
    for serial, script in enumerate(SCRIPTS, 1):
        runs.append(drive(api, serial, script, clock))
        progress.advance(events=len(parse_steps(script.steps)) + 1)
    for run in runs:
        if run.outcome == "failed":
            print(f"  case {run.serial} ({run.script.way_in} {run.script.county}): {run.error}")
    print(f"  {_counts(Counter(run.outcome for run in runs))}")
    print("  by final state:")
    for state, count in sorted(Counter(final_state(run) for run in runs).items()):
        print(f"    {state:40} {count:3}")
    return runs


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
        create_console_accounts()
    except httpx.TransportError as exc:
        print(f"cannot reach the services ({exc}); are they running (`jingkang run`)?")
        return 1
    finally:
        api.close()
    return 0 if loaded and all(run.outcome != "failed" for run in runs) else 1
