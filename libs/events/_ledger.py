"""Signed checkpoints of the whole store, and the proofs an auditor checks against them.

The store's events in feed order (PostgreSQL: settled events by ``(tx_id, position)``, as the
feed serves them; SQLite: by position) are the leaves of an RFC 9162 Merkle tree.  A leaf is
the length-prefixed ``(position, tx_id, stream_id, version, hash, seal)`` of an event: its
place in the feed, which event it is (the chain hash covers the content and the stream before
it) and its seal (empty for an event stored before seals existed).

A checkpoint is a signed tree head: the tree's size and root, the feed cursor of its last
leaf, when it was made, and an Ed25519 signature by the ledger key over those fields.  An
auditor who keeps a checkpoint can later ask for a consistency proof to a newer one (nothing
before it was changed, removed or reordered) and for inclusion proofs of single events.

Each checkpoint also keeps its tree's right-edge frontier, so the next one reads only the
leaves added since.  Several instances of a service may make the same checkpoint at once:
``tree_size`` is the primary key, and the loser's identical row is simply not inserted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import _merkle as merkle
from . import _sql as sql
from ._chain import format_time
from ._db import Database, UniqueViolation
from ._ledger_key import LedgerKey, PublicKey, length_prefixed
from ._model import FeedCursor
from ._rows import as_datetime, as_uuid

log = logging.getLogger("jingkang_events.ledger")

Clock = Callable[[], datetime]
LEAF_PAGE = 10_000
SIGNED_FORMAT = "jingkang checkpoint v1"


@dataclass(frozen=True, slots=True)
class Leaf:
    """One event as a leaf of the tree, with what verification needs to name it."""

    position: int
    tx_id: int
    stream_id: str
    version: int
    hash: str
    seal: str | None
    key_id: str | None
    sealed_tx_id: int | None

    @property
    def cursor(self) -> FeedCursor:
        return FeedCursor(self.tx_id, self.position)

    def data(self) -> bytes:
        return length_prefixed(self.position, self.tx_id, self.stream_id, self.version,
                               self.hash, self.seal or "")

    def leaf_hash(self) -> bytes:
        return merkle.leaf_hash(self.data())

    def to_json(self) -> dict[str, Any]:
        return {"position": self.position, "tx_id": self.tx_id, "stream_id": self.stream_id,
                "version": self.version, "hash": self.hash, "seal": self.seal or ""}


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed tree head of one service's store (RFC 9162 style)."""

    origin: str
    tree_size: int
    root_hash: str
    last_cursor: FeedCursor
    created_at: datetime
    key_id: str
    public_key: str
    signature: str
    frontier: tuple[str, ...] = field(default=())

    @staticmethod
    def signed_text(origin: str, tree_size: int, root_hash: str, last_cursor: FeedCursor,
                    created_at: datetime, key_id: str) -> bytes:
        """The canonical text the signature covers: one ``name: value`` line per field."""
        return (f"{SIGNED_FORMAT}\norigin: {origin}\ntree_size: {tree_size}\n"
                f"root_hash: {root_hash}\nlast_cursor: {last_cursor}\n"
                f"created_at: {format_time(created_at)}\nkey_id: {key_id}\n").encode()

    def text(self) -> bytes:
        return self.signed_text(self.origin, self.tree_size, self.root_hash, self.last_cursor,
                                self.created_at, self.key_id)

    def signature_problem(self, trusted: PublicKey | None = None) -> str | None:
        """Why the checkpoint's signature is not to be trusted, or None.  ``trusted`` is the
        key the verifier knows; the key in the checkpoint only counts if it is that one."""
        try:
            key = PublicKey.from_base64(self.public_key)
        except ValueError as exc:
            return str(exc)
        if key.key_id != self.key_id:
            return f"key id {self.key_id} is not that of the public key it carries ({key.key_id})"
        if trusted is not None and key.key_id != trusted.key_id:
            return f"signed by key {self.key_id}, not by this service's key {trusted.key_id}"
        if not key.signature_matches(self.text(), self.signature):
            return "signature does not match"
        return None

    def frontier_matches(self) -> bool:
        """The stored frontier (not signed) folds to the signed root: then it is authentic."""
        try:
            roots = [bytes.fromhex(r) for r in self.frontier]
            return merkle.Frontier(self.tree_size, roots).root().hex() == self.root_hash
        except ValueError:
            return False

    def to_json(self) -> dict[str, Any]:
        """The exported form (served by the endpoints, read by ``verify --against``)."""
        return {"origin": self.origin, "tree_size": self.tree_size, "root_hash": self.root_hash,
                "last_cursor": str(self.last_cursor), "created_at": format_time(self.created_at),
                "key_id": self.key_id, "public_key": self.public_key,
                "signature": self.signature, "algorithm": "Ed25519",
                "signed_text": self.text().decode()}

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Checkpoint:
        try:
            return cls(origin=str(body["origin"]), tree_size=int(body["tree_size"]),
                       root_hash=str(body["root_hash"]),
                       last_cursor=FeedCursor.parse(str(body["last_cursor"])),
                       created_at=datetime.fromisoformat(str(body["created_at"])),
                       key_id=str(body["key_id"]), public_key=str(body["public_key"]),
                       signature=str(body["signature"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a checkpoint: {exc}") from None


@dataclass(frozen=True, slots=True)
class InclusionProof:
    leaf_index: int
    tree_size: int
    leaf: Leaf
    proof: list[bytes]


class ProofUnavailable(Exception):
    """A proof was asked for sizes or an event the store cannot prove (a client error)."""


class Ledger:
    """Checkpoints and proofs over one store's events.  ``key`` signs new checkpoints; without
    it the ledger only reads (proofs, stored checkpoints)."""

    def __init__(self, db: Database, origin: str, key: LedgerKey | None = None, *,
                 clock: Clock | None = None) -> None:
        self.db = db
        self.origin = origin
        self.key = key
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = asyncio.Lock()

    # --- leaves -------------------------------------------------------------------------

    async def leaves(self, after: FeedCursor = FeedCursor(), *,
                     settled: bool = True) -> AsyncIterator[Leaf]:
        """The events after ``after`` in feed order, as leaves, page by page.  ``settled``
        (PostgreSQL): only what the feed serves, not rows of transactions still open."""
        pg = self.db.dialect == "postgresql"
        query = (sql.PG_LEAVES if settled else sql.PG_ALL_LEAVES) if pg else sql.SQLITE_LEAVES
        cursor = after
        while True:
            async with self.db.connection() as c:
                rows = await c.fetch(query, cursor.tx_id, cursor.position, LEAF_PAGE)
            for row in rows:
                yield Leaf(row["position"], row["tx_id"], row["stream_id"], row["version"],
                           row["hash"], row["seal"], row["key_id"], row["sealed_tx_id"])
            if len(rows) < LEAF_PAGE:
                return
            cursor = FeedCursor(rows[-1]["tx_id"], rows[-1]["position"])

    async def _leaf_hashes(self, tree_size: int) -> tuple[list[bytes], list[Leaf]]:
        hashes: list[bytes] = []
        kept: list[Leaf] = []
        async for leaf in self.leaves():
            if len(hashes) == tree_size:
                break
            hashes.append(leaf.leaf_hash())
            kept.append(leaf)
        if len(hashes) < tree_size:
            raise ProofUnavailable(f"the feed holds {len(hashes)} events, fewer than {tree_size}")
        return hashes, kept

    # --- checkpoints --------------------------------------------------------------------

    async def latest(self) -> Checkpoint | None:
        async with self.db.connection() as c:
            row = await c.fetchrow(sql.LATEST_CHECKPOINT)
        return None if row is None else _checkpoint(row)

    async def at(self, tree_size: int) -> Checkpoint | None:
        async with self.db.connection() as c:
            row = await c.fetchrow(sql.CHECKPOINT_AT, tree_size)
        return None if row is None else _checkpoint(row)

    async def all(self) -> list[Checkpoint]:
        async with self.db.connection() as c:
            return [_checkpoint(r) for r in await c.fetch(sql.ALL_CHECKPOINTS)]

    async def checkpoint(self) -> Checkpoint | None:
        """Sign and store a checkpoint of the feed as it stands, if it has grown since the
        latest one; returns the new checkpoint (None when there was nothing new)."""
        if self.key is None:
            raise RuntimeError("a ledger without the ledger key cannot sign checkpoints")
        async with self._lock:
            previous = await self.latest()
            frontier, after = merkle.Frontier(), FeedCursor()
            if previous is not None and previous.frontier_matches():
                frontier = merkle.Frontier(previous.tree_size,
                                           [bytes.fromhex(r) for r in previous.frontier])
                after = previous.last_cursor
            last: FeedCursor | None = None
            async for leaf in self.leaves(after):
                frontier.append(leaf.leaf_hash())
                last = leaf.cursor
            if last is None or (previous is not None and frontier.size <= previous.tree_size):
                return None
            made = self._sign(frontier, last)
            try:
                async with self.db.transaction() as c:
                    await c.execute(sql.INSERT_CHECKPOINT, made.tree_size, made.origin,
                                    made.root_hash, made.last_cursor.tx_id,
                                    made.last_cursor.position, c.timestamp(made.created_at),
                                    made.key_id, made.public_key, made.signature,
                                    " ".join(made.frontier))
            except UniqueViolation:
                return await self.at(made.tree_size)  # another instance made it first
            return made

    def _sign(self, frontier: merkle.Frontier, last: FeedCursor) -> Checkpoint:
        key = self.key
        assert key is not None
        root_hash = frontier.root().hex()
        created_at = self._clock()
        text = Checkpoint.signed_text(self.origin, frontier.size, root_hash, last, created_at,
                                      key.key_id)
        return Checkpoint(self.origin, frontier.size, root_hash, last, created_at, key.key_id,
                          key.public.base64, key.sign(text), tuple(r.hex() for r in frontier.roots))

    # --- proofs -------------------------------------------------------------------------

    async def inclusion(self, event_id: str, tree_size: int) -> InclusionProof:
        hashes, leaves = await self._leaf_hashes(tree_size)
        async with self.db.connection() as c:
            position = await c.fetchval(sql.POSITION_OF_EVENT, _event_id_arg(c.dialect, event_id))
        index = next((i for i, leaf in enumerate(leaves) if leaf.position == position), None)
        if index is None:
            raise ProofUnavailable(f"event {event_id} is not among the first {tree_size} events "
                                   "of the feed")
        proof = await asyncio.to_thread(merkle.inclusion_proof, index, hashes)
        return InclusionProof(index, tree_size, leaves[index], proof)

    async def consistency(self, first: int, second: int) -> list[bytes]:
        if not 0 < first <= second:
            raise ProofUnavailable("a consistency proof needs 0 < first <= second")
        hashes, _ = await self._leaf_hashes(second)
        return await asyncio.to_thread(merkle.consistency_proof, first, hashes)


def _event_id_arg(dialect: str, event_id: str) -> Any:
    return as_uuid(event_id) if dialect == "postgresql" else str(as_uuid(event_id))


def _checkpoint(row: Any) -> Checkpoint:
    return Checkpoint(row["origin"], row["tree_size"], row["root_hash"],
                      FeedCursor(row["last_tx_id"], row["last_position"]),
                      as_datetime(row["created_at"]), row["key_id"], row["public_key"],
                      row["signature"], tuple(row["frontier"].split()))
