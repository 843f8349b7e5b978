"""What ``jingkang verify`` checks beyond the hash chains: seals and checkpoints.

* **Seals** (needs the ledger key): every event has one seal, under the known key, that
  matches its position, tx_id, stream, version and hash; no seal lacks its event.  Events
  stored before sealing began (before the first sealed event in feed order) are counted
  apart as unsealed legacy events; an unsealed event after that point was not written by the
  store.
* **Checkpoints** (needs only the public key): every stored checkpoint is signed by the
  trusted key and its root equals the root of the store's first ``tree_size`` events now; one
  pass over the events computes the roots at every stored size.
* **Against an exported checkpoint**: the same for a checkpoint an auditor kept, which a
  superuser cannot have rewritten along with the store.

Each failure is a ``Finding`` naming the event (stream, version, position) where it can.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _merkle as merkle
from . import _sql as sql
from ._chain import format_time
from ._ledger import Checkpoint, Leaf, Ledger
from ._ledger_key import LedgerKey, PublicKey
from ._model import FeedCursor


@dataclass(frozen=True, slots=True)
class Finding:
    reason: str
    stream_id: str | None = None
    version: int | None = None
    position: int | None = None

    def __str__(self) -> str:
        if self.position is None:
            return self.reason
        return (f"stream {self.stream_id}, version {self.version}, position {self.position}: "
                f"{self.reason}")


@dataclass(slots=True)
class SealReport:
    events: int = 0
    sealed: int = 0
    legacy: int = 0  # stored unsealed before sealing began
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class CheckpointReport:
    checkpoints: int = 0
    events: int = 0
    latest: Checkpoint | None = None
    findings: list[Finding] = field(default_factory=list)


def seal_fault(leaf: Leaf, key: LedgerKey) -> str | None:
    """Why the sealed leaf's seal is not the store's, or None."""
    if leaf.key_id != key.key_id:
        return f"sealed under unknown key {leaf.key_id}, not the ledger key {key.key_id}"
    if leaf.sealed_tx_id != leaf.tx_id:
        return f"tx_id {leaf.tx_id} is not the one sealed ({leaf.sealed_tx_id})"
    if not key.seal_matches(leaf.seal or "", leaf.position, leaf.tx_id, leaf.stream_id,
                            leaf.version, leaf.hash):
        return "seal does not match the event's position, stream, version or hash"
    return None


def _named(leaf: Leaf, reason: str) -> Finding:
    return Finding(reason, leaf.stream_id, leaf.version, leaf.position)


async def check_seals(ledger: Ledger, key: LedgerKey) -> SealReport:
    """One pass over every stored event in feed order, and one query for orphaned seals."""
    report = SealReport()
    sealing_began = False
    async for leaf in ledger.leaves(settled=False):
        report.events += 1
        if leaf.seal is None:
            if sealing_began:
                report.findings.append(_named(leaf, "no seal: not appended by the store "
                                                    "(inserted directly?)"))
            else:
                report.legacy += 1
            continue
        sealing_began = True
        report.sealed += 1
        fault = seal_fault(leaf, key)
        if fault:
            report.findings.append(_named(leaf, fault))
    async with ledger.db.connection() as c:
        for row in await c.fetch(sql.ORPHAN_SEALS):
            report.findings.append(Finding(
                f"sealed event missing (removed, or moved from this position); it had tx_id "
                f"{row['tx_id']}", row["stream_id"], row["version"], row["position"]))
    return report


async def check_checkpoints(ledger: Ledger, trusted: PublicKey) -> CheckpointReport:
    """Signatures of every stored checkpoint, and their roots against the store now."""
    stored = await ledger.all()
    report = CheckpointReport(checkpoints=len(stored), latest=stored[-1] if stored else None)
    trusted_sizes = set()
    for checkpoint in stored:
        problem = checkpoint.signature_problem(trusted)
        if problem:
            report.findings.append(Finding(f"checkpoint at tree size {checkpoint.tree_size}: "
                                           f"{problem}"))
        else:
            trusted_sizes.add(checkpoint.tree_size)
    roots = await _roots_at(ledger, stored)
    report.events = roots.events
    good = 0  # the largest size up to which the store still matches a signed checkpoint
    for checkpoint in stored:
        if checkpoint.tree_size not in trusted_sizes:
            continue
        fault = roots.mismatch(checkpoint, matched=good)
        if fault:
            report.findings.append(Finding(fault))
        else:
            good = checkpoint.tree_size
    return report


async def check_against(ledger: Ledger, checkpoint: Checkpoint,
                        trusted: PublicKey) -> tuple[list[Finding], str]:
    """The store against a checkpoint kept elsewhere: (findings, a sentence saying what the
    store holds relative to it)."""
    problem = checkpoint.signature_problem(trusted)
    if problem:
        return [Finding(f"the exported checkpoint cannot be trusted: {problem}")], ""
    if checkpoint.origin != ledger.origin:
        return [Finding(f"the checkpoint is of the {checkpoint.origin} store, not of "
                        f"{ledger.origin}")], ""
    # Stored checkpoints signed by the same key narrow down where a difference lies: one that
    # still matches the store vouches for the events before its size.
    earlier = [c for c in await ledger.all()
               if c.tree_size < checkpoint.tree_size and c.signature_problem(trusted) is None]
    roots = await _roots_at(ledger, [*earlier, checkpoint])
    matched = max((c.tree_size for c in earlier if roots.matches(c)), default=0)
    fault = roots.mismatch(checkpoint, matched=matched)
    if fault:
        return [Finding(fault)], ""
    return [], (f"the store still holds exactly the history of the checkpoint "
                f"({checkpoint.tree_size} events, up to cursor {checkpoint.last_cursor}), and "
                f"{roots.events - checkpoint.tree_size} events after it")


@dataclass(slots=True)
class _Roots:
    """The store's tree now: its size, its roots at chosen sizes, the leaf ending each, and
    where the chosen checkpoints' last events stand."""

    events: int = 0
    roots: dict[int, str] = field(default_factory=dict)
    last_leaves: dict[int, Leaf] = field(default_factory=dict)
    found: dict[FeedCursor, int] = field(default_factory=dict)  # last cursor -> its leaf index

    def matches(self, checkpoint: Checkpoint) -> bool:
        return self.roots.get(checkpoint.tree_size) == checkpoint.root_hash

    def mismatch(self, checkpoint: Checkpoint, *, matched: int) -> str | None:
        size = checkpoint.tree_size
        where = f"checkpoint at tree size {size} (made {format_time(checkpoint.created_at)})"
        if size > self.events:
            return (f"{where}: the store holds only {self.events} events where the checkpoint "
                    f"covered {size}: events were removed")
        if self.matches(checkpoint):
            return None
        last, found = self.last_leaves[size], self.found.get(checkpoint.last_cursor)
        if found is None:
            moved = f"its last event (cursor {checkpoint.last_cursor}) is gone"
        elif found != size - 1:
            moved = (f"its last event (cursor {checkpoint.last_cursor}) is now event "
                     f"{found + 1} in feed order, not {size}")
        else:
            moved = "its last event is still in place"
        narrowed = (f"; the first {matched} events still match a signed checkpoint, so the "
                    f"difference lies after them" if matched else "")
        return (f"{where}: the first {size} events in feed order no longer hash to its root "
                f"(an event changed, removed, inserted or reordered); {moved}; event {size} "
                f"is now stream {last.stream_id}, version {last.version}, position "
                f"{last.position}{narrowed}")


async def _roots_at(ledger: Ledger, checkpoints: list[Checkpoint]) -> _Roots:
    """One pass over every stored event in feed order (settled or not: a tx_id moved far
    ahead must not hide an event), the root at each checkpoint's size."""
    sizes = {c.tree_size for c in checkpoints}
    cursors = {c.last_cursor for c in checkpoints}
    result = _Roots()
    frontier = merkle.Frontier()
    async for leaf in ledger.leaves(settled=False):
        frontier.append(leaf.leaf_hash())
        if leaf.cursor in cursors:
            result.found[leaf.cursor] = frontier.size - 1
        if frontier.size in sizes:
            result.roots[frontier.size] = frontier.root().hex()
            result.last_leaves[frontier.size] = leaf
    result.events = frontier.size
    return result


async def seal_legacy(ledger: Ledger, key: LedgerKey, *, batch: int = 1_000) -> int:
    """Seal the events stored before sealing began (run once, by the operator, with the key):
    from then on every unsealed event is a finding.  An unsealed event after the first sealed
    one is left alone: it is exactly what the seals exist to expose."""
    legacy: list[Leaf] = []
    async for leaf in ledger.leaves(settled=False):
        if leaf.seal is not None:
            break
        legacy.append(leaf)
    for start in range(0, len(legacy), batch):
        async with ledger.db.transaction() as c:
            await c.executemany(sql.SEAL_ROW, [
                (leaf.position, leaf.tx_id, key.key_id,
                 key.seal(leaf.position, leaf.tx_id, leaf.stream_id, leaf.version, leaf.hash),
                 leaf.stream_id, leaf.version) for leaf in legacy[start:start + batch]])
    return len(legacy)
