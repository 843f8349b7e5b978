"""The integrity endpoints over HTTP: the key, signed checkpoints, inclusion and consistency
proofs an auditor checks on its own, every parameter bounded, and a case's integrity check
that names a forged event (both engines)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from jingkang.common.settings import DEVELOPMENT_LEDGER_KEY
from jingkang_events import Checkpoint, Ledger, LedgerKey, PublicKey, connect
from jingkang_events import _merkle as merkle
from jingkang_events._chain import canonical_json, chain_hash, format_time
from jingkang_events._ledger_key import length_prefixed

from . import payloads as p
from .conftest import Api

KEY = LedgerKey.from_base64(DEVELOPMENT_LEDGER_KEY)  # the service's: the settings' default


async def _checkpoint(api: Api) -> Checkpoint:
    """A checkpoint covering every stored event (on PostgreSQL a transaction running anywhere
    in the cluster holds back what the feed, and so a checkpoint, covers: wait for it)."""
    db = await connect(api.db_url)
    ledger = Ledger(db, "referral", KEY)
    try:
        async with db.connection() as conn:
            stored = await conn.fetchval("SELECT count(*) FROM events")
        for _ in range(200):
            await ledger.checkpoint()
            latest = await ledger.latest()
            if latest is not None and latest.tree_size == stored:
                return latest
            await asyncio.sleep(0.05)
        raise AssertionError(f"no checkpoint ever covered the {stored} stored events")
    finally:
        await db.close()


async def test_an_auditor_checks_checkpoints_and_proofs_with_the_public_key_alone(api: Api) -> None:
    first_case = await api.post("/v1/referrals/medical-assessments", p.upload(1), p.HOSPITAL, 201)
    await api.get("/v1/integrity/checkpoints/latest", p.AUDITOR, 404)  # none made yet
    await _checkpoint(api)
    key = await api.get("/v1/integrity/key", p.AUDITOR)
    trusted = PublicKey.from_base64(key["public_key"])
    assert (key["key_id"], key["algorithm"]) == (trusted.key_id, "Ed25519") == (KEY.key_id,
                                                                                "Ed25519")
    old = Checkpoint.from_json(await api.get("/v1/integrity/checkpoints/latest", p.AUDITOR))
    assert old.signature_problem(trusted) is None

    second_case = await api.post("/v1/referrals/medical-assessments", p.upload(2), p.HOSPITAL, 201)
    await api.post(f"/v1/cases/{second_case['case_id']}/dispatch", {}, p.PLATFORM)
    await _checkpoint(api)
    body = await api.get("/v1/integrity/checkpoints/latest", p.ADMIN)
    new = Checkpoint.from_json(body)
    assert new.signature_problem(trusted) is None and new.tree_size > old.tree_size
    assert body["signed_text"].encode() == new.text()
    assert await api.get(f"/v1/integrity/checkpoints/{old.tree_size}", p.AUDITOR) == \
        old.to_json()

    proof = await api.get("/v1/integrity/proofs/consistency", p.AUDITOR, first=old.tree_size,
                          second=new.tree_size)
    assert merkle.verify_consistency(old.tree_size, new.tree_size,
                                     bytes.fromhex(old.root_hash), bytes.fromhex(new.root_hash),
                                     [bytes.fromhex(h) for h in proof["proof"]])
    for case in (first_case, second_case):
        history = await api.get(f"/v1/cases/{case['case_id']}/events", p.AUDITOR)
        for event in history["events"]:
            made = await api.get("/v1/integrity/proofs/inclusion", p.AUDITOR,
                                 event_id=event["event_id"], tree_size=new.tree_size)
            leaf = made["leaf"]
            assert (leaf["position"], leaf["hash"]) == (event["position"], event["hash"])
            data = length_prefixed(leaf["position"], leaf["tx_id"], leaf["stream_id"],
                                   leaf["version"], leaf["hash"], leaf["seal"])
            assert merkle.leaf_hash(data).hex() == made["leaf_hash"]
            assert merkle.verify_inclusion(made["leaf_index"], new.tree_size,
                                           merkle.leaf_hash(data),
                                           [bytes.fromhex(h) for h in made["proof"]],
                                           bytes.fromhex(new.root_hash))


async def test_every_integrity_parameter_is_bounded_and_scoped(api: Api) -> None:
    await api.post("/v1/referrals/medical-assessments", p.upload(1), p.HOSPITAL, 201)
    made = await _checkpoint(api)
    n = made.tree_size
    unknown = str(uuid.uuid4())
    refused = [
        ("/v1/integrity/checkpoints/0", {}, 422),
        ("/v1/integrity/checkpoints/-1", {}, 422),
        (f"/v1/integrity/checkpoints/{2**53 + 1}", {}, 422),
        (f"/v1/integrity/checkpoints/{'9' * 30}", {}, 422),
        ("/v1/integrity/checkpoints/abc", {}, 422),
        (f"/v1/integrity/checkpoints/{n + 1}", {}, 404),
        ("/v1/integrity/proofs/consistency", {"first": 0, "second": n}, 422),
        ("/v1/integrity/proofs/consistency", {"first": n, "second": n + 1}, 422),
        ("/v1/integrity/proofs/consistency", {"first": n, "second": 2**63}, 422),
        ("/v1/integrity/proofs/consistency", {"first": 2, "second": 1}, 422),
        ("/v1/integrity/proofs/consistency", {"first": 1}, 422),
        ("/v1/integrity/proofs/inclusion", {"event_id": "x" * 200, "tree_size": n}, 422),
        ("/v1/integrity/proofs/inclusion", {"event_id": unknown, "tree_size": n}, 404),
        ("/v1/integrity/proofs/inclusion", {"event_id": unknown, "tree_size": n + 1}, 422),
        ("/v1/integrity/proofs/inclusion", {"event_id": unknown, "tree_size": 0}, 422),
    ]
    for path, params, status in refused:
        response = await api.http.get(path, params=params, headers=p.AUDITOR)
        assert response.status_code == status, (path, params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        if status == 422:
            assert response.json()["errors"], response.text  # names the field
    for who in (p.HOSPITAL, p.PLATFORM, p.institution("inst-a")):
        for path in ("/v1/integrity/key", "/v1/integrity/checkpoints/latest"):
            assert (await api.http.get(path, headers=who)).status_code == 403
    assert (await api.http.get("/v1/integrity/key")).status_code == 401
    assert (await api.http.get(f"/v1/integrity/proofs/consistency?first={n}&second={n}",
                               headers=p.AUDITOR)).json()["proof"] == []


async def test_the_case_integrity_check_names_an_event_forged_with_insert_only(api: Api) -> None:
    """What the service's database role (SELECT, INSERT) can do: append a CaseClosed with a
    correctly computed chain hash.  The chain verifies; the missing (or forged) seal does not."""
    case = await api.post("/v1/referrals/medical-assessments", p.upload(1), p.HOSPITAL, 201)
    case_id = case["case_id"]
    assert (await api.get(f"/v1/cases/{case_id}/integrity", p.AUDITOR))["valid"]
    history = (await api.get(f"/v1/cases/{case_id}/events", p.AUDITOR))["events"]
    last = history[-1]
    db = await connect(api.db_url)
    try:
        forged = await _insert_forged_event(db, case_id, last, "CaseClosed",
                                            {"reason": "withdrawn"})
        report = await api.get(f"/v1/cases/{case_id}/integrity", p.AUDITOR)
        assert report["valid"] is False
        assert (report["first_bad_version"], report["first_bad_position"]) == (
            last["version"] + 1, forged)
        assert "no seal" in report["reason"]
        # a seal row forged too (the key id is public; the HMAC cannot be computed)
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO event_seals (position, tx_id, stream_id, version, key_id, seal) "
                "SELECT position, tx_id, stream_id, version, $2, $3 FROM events "
                "WHERE position = $1", forged, KEY.key_id, "ab" * 32)
        report = await api.get(f"/v1/cases/{case_id}/integrity", p.AUDITOR)
        assert report["valid"] is False and report["first_bad_position"] == forged
        assert "seal does not match" in report["reason"]
        assert report["seals_checked"] == len(history) + 1
    finally:
        await db.close()


async def _insert_forged_event(db, stream_id: str, last: dict, kind: str, data: dict) -> int:
    """An INSERT only, chained correctly after ``last`` (what anyone can compute)."""
    event_id, version = str(uuid.uuid4()), last["version"] + 1
    recorded_at = format_time(datetime.now(UTC))
    data_json, metadata_json = canonical_json(data), canonical_json(last["metadata"])
    digest = chain_hash(last["hash"], event_id=event_id, stream_id=stream_id,
                        stream_type="case", version=version, type=kind, schema_version=1,
                        recorded_at=recorded_at, data_json=data_json, metadata_json=metadata_json)
    pg = db.dialect == "postgresql"
    tx = "pg_current_xact_id()::text::bigint" if pg else "0"
    cast = "::json" if pg else ""
    async with db.transaction() as conn:
        return await conn.fetchval(
            "INSERT INTO events (event_id, stream_id, stream_type, version, type, "
            "schema_version, data, metadata, recorded_at, prev_hash, hash, tx_id) VALUES "
            f"($1, $2, 'case', $3, $4, 1, $5{cast}, $6{cast}, $7, $8, $9, {tx}) "
            "RETURNING position",
            uuid.UUID(event_id) if pg else event_id, stream_id, version, kind, data_json,
            metadata_json, datetime.fromisoformat(recorded_at) if pg else recorded_at,
            last["hash"], digest)
