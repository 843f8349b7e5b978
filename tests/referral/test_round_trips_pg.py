"""How many statements an upload sends to PostgreSQL, pinned: each is a round trip on the
command's connection and most of the command's wait (docs/performance.md).  The events and
the case's read-model row go in one statement (a data-modifying CTE); a change that splits
them again, or adds a statement, fails here.

Statements are counted at asyncpg (every query a connection sends, BEGIN and COMMIT
included), by the task that sent them, so the feed notifier and the directory consumer
running beside the request are not counted."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator

import asyncpg
import pytest

from .conftest import Api
from .payloads import HOSPITAL, PLATFORM, institution, upload

pytestmark = pytest.mark.postgres

# With an Idempotency-Key: the look-up of a stored answer, BEGIN with the person's lock, the
# open-case check, the person's data key, the events with the case row, the stored answer, the
# events' seal with the COMMIT.  (Ten before the row rode on the append, nine before BEGIN and
# COMMIT travelled with the lock and the seal.)
UPLOAD_STATEMENTS = 7


@pytest.fixture
async def url(pg_url: str) -> str:
    return pg_url  # the referral service of ``api`` on PostgreSQL only


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str]]]:
    """Each statement sent, by the name of the task that sent it."""
    by_task: dict[str, list[str]] = defaultdict(list)

    def counting(name: str):
        original = getattr(asyncpg.Connection, name)

        async def sent(self: asyncpg.Connection, query: str, *args, **kwargs):
            task = asyncio.current_task()
            by_task[task.get_name() if task else "-"].append(" ".join(query.split()))
            return await original(self, query, *args, **kwargs)
        return sent

    for name in ("execute", "executemany", "fetch", "fetchrow", "fetchval"):
        monkeypatch.setattr(asyncpg.Connection, name, counting(name))
    yield by_task


def _command_statements(by_task: dict[str, list[str]]) -> list[str]:
    """The statements of the one task that appended events."""
    [sent] = [s for s in by_task.values() if any("INSERT INTO events" in q for q in s)]
    return sent


async def test_an_upload_sends_its_statements_in_the_pinned_number(
        api: Api, statements: dict[str, list[str]]) -> None:
    await api.post("/v1/referrals/medical-assessments", upload(801), HOSPITAL, 201)
    statements.clear()  # the first upload also prepares statements and fills the pool
    await api.post("/v1/referrals/medical-assessments", upload(802), HOSPITAL, 201,
                   **{"Idempotency-Key": "round-trips-802"})
    sent = _command_statements(statements)
    assert len(sent) == UPLOAD_STATEMENTS, "\n".join(sent)
    [append] = [q for q in sent if "INSERT INTO events" in q]
    assert "INSERT INTO cases" in append  # the read-model row rides on the append
    assert not any(q.startswith("INSERT INTO cases") for q in sent)
    statements.clear()  # without a key: no look-up and no stored answer
    await api.post("/v1/referrals/medical-assessments", upload(803), HOSPITAL, 201)
    sent = _command_statements(statements)
    assert len(sent) == UPLOAD_STATEMENTS - 2, "\n".join(sent)
    assert sent[0].startswith("BEGIN; SELECT pg_advisory_xact_lock(")
    assert sent[-1].startswith("INSERT INTO event_seals") and sent[-1].endswith("; COMMIT")


# BEGIN, the case row FOR UPDATE, the person's data key, the events with the case row, their
# seal with the COMMIT.  (Seven before the row rode on the append, six before the COMMIT
# travelled with the seal.)
ACCEPTANCE_STATEMENTS = 5


async def test_a_command_on_a_case_sends_its_statements_in_the_pinned_number(
        api: Api, statements: dict[str, list[str]]) -> None:
    case = await api.post("/v1/referrals/medical-assessments", upload(811), HOSPITAL, 201)
    await api.post(f"/v1/cases/{case['case_id']}/dispatch", {"institution_id": "inst-a"},
                   PLATFORM)
    statements.clear()
    await api.post(f"/v1/cases/{case['case_id']}/acceptance", {"accepted": True},
                   institution("inst-a"))
    sent = _command_statements(statements)
    assert len(sent) == ACCEPTANCE_STATEMENTS, "\n".join(sent)
