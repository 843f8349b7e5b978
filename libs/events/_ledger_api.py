"""A FastAPI router that serves a store's signed checkpoints and Merkle proofs (RFC 9162)."""

# No `from __future__ import annotations`: FastAPI must see the Query and Path limits.

import uuid
from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from ._ledger import Checkpoint, Ledger, ProofUnavailable

# Sizes are counts of events: JSON-safe integers (a client's doubles hold them exactly).
MAX_SIZE = 2**53


class CheckpointOut(BaseModel):
    origin: str = Field(description="服务 the service whose store this is")
    tree_size: int = Field(description="事件数 events covered: the first tree_size of the feed")
    root_hash: str = Field(description="默克尔树根 RFC 9162 Merkle tree hash, hex")
    last_cursor: str = Field(description="最后事件的游标 feed cursor of the last covered event")
    created_at: str = Field(description="生成时间 when it was made (UTC)")
    key_id: str = Field(description="密钥标识 first 16 hex of SHA-256 of the public key")
    public_key: str = Field(description="公钥 Ed25519 public key, base64")
    signature: str = Field(description="签名 Ed25519 signature of signed_text, base64")
    algorithm: str = Field(description="签名算法 Ed25519")
    signed_text: str = Field(description="签名原文 the exact text signed (UTF-8)")


class LedgerKeyOut(BaseModel):
    origin: str = Field(description="服务 the service")
    key_id: str = Field(description="密钥标识 key id")
    public_key: str = Field(description="公钥 Ed25519 public key, base64")
    algorithm: str = Field(description="签名算法 Ed25519")


class LeafOut(BaseModel):
    position: int = Field(description="全局位置 position")
    tx_id: int = Field(description="事务 writing transaction (feed order)")
    stream_id: str = Field(description="事件流 stream")
    version: int = Field(description="版本 version")
    hash: str = Field(description="链哈希 chain hash")
    seal: str = Field(description="封印 HMAC seal, hex (empty: stored before seals)")


class InclusionProofOut(BaseModel):
    event_id: str = Field(description="事件 event id")
    tree_size: int = Field(description="树大小 tree size")
    leaf_index: int = Field(description="叶序号 the event's index among the leaves, from 0")
    leaf: LeafOut = Field(description="叶内容 the leaf's fields; its data is their "
                                      "length-prefixed encoding")
    leaf_hash: str = Field(description="叶哈希 SHA-256(0x00 || leaf data), hex")
    proof: list[str] = Field(description="审计路径 audit path, hex, from the leaf up")


class ConsistencyProofOut(BaseModel):
    first: int = Field(description="较早树大小 the earlier tree size")
    second: int = Field(description="较晚树大小 the later tree size")
    proof: list[str] = Field(description="一致性证明 RFC 9162 consistency proof, hex")


def _invalid(field: str, where: str, message: str, value: Any) -> RequestValidationError:
    return RequestValidationError([{"loc": (where, field), "msg": message,
                                    "type": "value_error", "input": value}])


def ledger_router(get_ledger: Callable[..., Ledger], *, dependencies: Sequence[Any] = (),
                  tags: Sequence[str] = ("integrity",)) -> APIRouter:
    """``/v1/integrity/...``: the signing key, checkpoints, inclusion and consistency proofs
    of the ledger ``get_ledger`` provides; ``dependencies`` carry the service's auth."""
    router = APIRouter(tags=list(tags), dependencies=list(dependencies))
    TreeSize = Annotated[int, Query(ge=1, le=MAX_SIZE, description="树大小 a tree size")]

    @router.get("/v1/integrity/key", response_model=LedgerKeyOut,
                operation_id="get_ledger_key", summary="检查点公钥 The checkpoint signing key",
                responses={404: {"description": "this service signs no checkpoints"}})
    async def get_ledger_key(ledger: Annotated[Ledger, Depends(get_ledger)]) -> dict[str, Any]:
        """The public key that signs this service's checkpoints, and its key id: an auditor
        takes it once, through a channel it trusts, and checks every checkpoint with it."""
        if ledger.key is None:
            raise HTTPException(404, "this service signs no checkpoints")
        return {"origin": ledger.origin, "key_id": ledger.key.key_id,
                "public_key": ledger.key.public.base64, "algorithm": "Ed25519"}

    @router.get("/v1/integrity/checkpoints/latest", response_model=CheckpointOut,
                operation_id="get_latest_checkpoint", summary="最新检查点 The newest checkpoint",
                responses={404: {"description": "no checkpoint has been made yet"}})
    async def get_latest_checkpoint(
            ledger: Annotated[Ledger, Depends(get_ledger)]) -> dict[str, Any]:
        """The newest signed checkpoint (tree head) of the store; keep it to check later that
        the history it covers was not changed (`jingkang verify --against`)."""
        return _found(await ledger.latest(), "no checkpoint has been made yet")

    @router.get("/v1/integrity/checkpoints/{tree_size}", response_model=CheckpointOut,
                operation_id="get_checkpoint", summary="检查点 The checkpoint of a tree size")
    async def get_checkpoint(
            ledger: Annotated[Ledger, Depends(get_ledger)],
            tree_size: Annotated[int, Path(ge=1, le=MAX_SIZE,
                                           description="树大小 tree size")]) -> dict[str, Any]:
        """The signed checkpoint made at exactly this many events, if one was made."""
        return _found(await ledger.at(tree_size), f"no checkpoint at tree size {tree_size}")

    @router.get("/v1/integrity/proofs/inclusion", response_model=InclusionProofOut,
                operation_id="prove_inclusion", summary="包含证明 An event is in the tree",
                responses={404: {"description": "no such event among the first tree_size"}})
    async def prove_inclusion(
            ledger: Annotated[Ledger, Depends(get_ledger)],
            event_id: Annotated[uuid.UUID, Query(description="事件 event id")],
            tree_size: TreeSize) -> dict[str, Any]:
        """RFC 9162 inclusion proof of the event in the tree of the first `tree_size` events
        (the size of a checkpoint the auditor holds)."""
        try:
            made = await ledger.inclusion(str(event_id), tree_size)
        except ProofUnavailable as exc:
            if "fewer than" in str(exc):
                raise _invalid("tree_size", "query", str(exc), tree_size) from exc
            raise HTTPException(404, str(exc)) from exc
        return {"event_id": str(event_id), "tree_size": tree_size, "leaf_index": made.leaf_index,
                "leaf": made.leaf.to_json(), "leaf_hash": made.leaf.leaf_hash().hex(),
                "proof": [p.hex() for p in made.proof]}

    @router.get("/v1/integrity/proofs/consistency", response_model=ConsistencyProofOut,
                operation_id="prove_consistency",
                summary="一致性证明 A later tree extends an earlier one")
    async def prove_consistency(
            ledger: Annotated[Ledger, Depends(get_ledger)], first: TreeSize,
            second: TreeSize) -> dict[str, Any]:
        """RFC 9162 consistency proof that the tree of the first `first` events is a prefix of
        the tree of the first `second` events."""
        if first > second:
            raise _invalid("first", "query", "first must not exceed second", first)
        try:
            proof = await ledger.consistency(first, second)
        except ProofUnavailable as exc:
            raise _invalid("second", "query", str(exc), second) from exc
        return {"first": first, "second": second, "proof": [p.hex() for p in proof]}

    return router


def _found(checkpoint: Checkpoint | None, missing: str) -> dict[str, Any]:
    if checkpoint is None:
        raise HTTPException(404, missing)
    return checkpoint.to_json()
