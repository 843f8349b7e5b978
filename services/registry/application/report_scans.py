"""Scans of the signed and stamped paper forms (PDF or image, size-limited), kept by their
SHA-256: uploaded by a region's civil affairs, named by its submission, read by whoever may
read its reports."""

from __future__ import annotations

import hashlib

from jingkang.common.application.answers import Answer, principal_key
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor

from ..domain import reporting
from ..domain.errors import InvalidField, OutOfScope, RegistryError
from ..domain.events import ScanRef
from .ports import (
    AnswerWriter, Clock, IdempotentAnswers, Outcome, ReportStore, Result, Scan, UnitOfWork,
)

SCAN_TYPES = ("application/pdf", "image/png", "image/jpeg")


class ScanRefused(RegistryError):
    code = "invalid_command"


class ScanNotFound(RegistryError):
    code = "not_found"


class ReportScans:
    def __init__(self, db: UnitOfWork, store: ReportStore, idempotency: IdempotentAnswers, *,
                 answers: AnswerWriter, clock: Clock, max_bytes: int) -> None:
        self.db, self.store, self.idempotency = db, store, idempotency
        self.answers, self.clock, self.max_bytes = answers, clock, max_bytes

    async def store_scan(self, content: bytes, media_type: str, actor: Actor,
                         meta: RequestMeta) -> Answer:
        if actor.role not in reporting.SUBMITTERS:
            raise OutOfScope(f"role {actor.role} does not submit reports", field="role")
        if media_type not in SCAN_TYPES:
            raise ScanRefused(f"a scan is one of {', '.join(SCAN_TYPES)}, not {media_type!r}",
                              field="Content-Type")
        if not content or len(content) > self.max_bytes:
            raise ScanRefused(f"a scan is 1 to {self.max_bytes} bytes", field="body")
        if not _looks_like(content, media_type):
            raise ScanRefused(f"the body is not a {media_type} file", field="body")
        scan = Scan(hashlib.sha256(content).hexdigest(), media_type, content)
        principal = principal_key(actor)
        if (replayed := await self.idempotency.replay(principal, meta)) is not None:
            return replayed
        now = self.clock()
        async with self.db.transaction() as conn:
            await self.store.save_scan(conn, scan, actor.region, now)
            answer = self.answers.answer(Result(Outcome.STORED, {
                "sha256": scan.sha256, "media_type": media_type, "size": len(content)}))
            await self.idempotency.remember(conn, principal, meta, answer, now)
        return answer

    async def scan(self, sha256: str, actor: Actor) -> Scan:
        region = await self.store.scan_region(sha256)
        scan = await self.store.scan(sha256)
        if region is None or scan is None or not reporting.may_read(region, actor):
            raise ScanNotFound(f"no scan {sha256}")
        return scan


_MAGIC = {"application/pdf": (b"%PDF-",), "image/png": (b"\x89PNG\r\n\x1a\n",),
          "image/jpeg": (b"\xff\xd8\xff",)}


def _looks_like(content: bytes, media_type: str) -> bool:
    """The file's first bytes are its type's signature: a renamed file is refused."""
    return content.startswith(_MAGIC[media_type])


async def scan_for_submission(store: ReportStore, sha256: str, region: str) -> ScanRef:
    """The scan a submission names: uploaded by the region's own civil affairs."""
    scan = await store.scan(sha256)
    if scan is None or await store.scan_region(sha256) != region:
        raise InvalidField(f"no scan {sha256} uploaded for {region}", field="scan_sha256")
    return ScanRef(sha256=sha256, media_type=scan.media_type, size=len(scan.content))
