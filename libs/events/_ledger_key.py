"""The ledger key: what lets the service, and only it, vouch for the history it wrote.

Anyone who can compute SHA-256 can compute a valid hash chain, so the chain alone cannot tell an
event the service appended from one inserted by someone with INSERT on ``events``.  The ledger
key is held by the services (a setting, like the master key) and never by the database.  Two
keys are derived from it with HKDF-SHA256 under distinct labels, so neither use can stand in
for the other:

* an HMAC-SHA256 key that **seals** each appended event: the seal covers its position, writing
  transaction, stream, version and chain hash (which covers the content and everything before
  it in the stream);
* an Ed25519 key that **signs checkpoints** (signed Merkle tree heads of the whole store).  Its
  public half can be handed to auditors, who then check checkpoints without the secret.

The key id, the first 16 hex digits of SHA-256 of the raw public key, names the ledger key in
every seal and checkpoint, so a verifier can tell "made under another key" from "forged".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

KEY_BYTES = 32
_SEAL_LABEL = b"jingkang ledger v1: event seals (HMAC-SHA256)"
_SIGNING_LABEL = b"jingkang ledger v1: checkpoint signatures (Ed25519)"


def length_prefixed(*fields: str | int | bytes) -> bytes:
    """Each field as its UTF-8 bytes (integers in decimal) preceded by an 8-byte length:
    no two different field lists encode alike, whatever the fields contain."""
    out = bytearray()
    for field in fields:
        raw = field if isinstance(field, bytes) else str(field).encode()
        out += len(raw).to_bytes(8, "big")
        out += raw
    return bytes(out)


def seal_message(position: int, tx_id: int, stream_id: str, version: int, hash_: str) -> bytes:
    """What a seal authenticates: where the event stands (position, feed order) and which event
    it is (stream, version, chain hash; the hash covers content and the stream before it)."""
    return length_prefixed(position, tx_id, stream_id, version, hash_)


def key_id_of(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def _derive(key: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(key)


class LedgerKey:
    """The secret ledger key (32 bytes) and what derives from it.  Give it to ``EventStore``
    to seal appended events and to ``Ledger`` to sign checkpoints."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the ledger key must be 32 bytes")
        self._mac_key = _derive(key, _SEAL_LABEL)
        self._signing = Ed25519PrivateKey.from_private_bytes(_derive(key, _SIGNING_LABEL))
        self.public = PublicKey(self._signing.public_key().public_bytes(Encoding.Raw,
                                                                        PublicFormat.Raw))
        self.key_id = self.public.key_id

    @classmethod
    def from_base64(cls, text: str) -> LedgerKey:
        """The key as configured: base64 of 32 random bytes."""
        try:
            raw = base64.b64decode(text.strip().encode(), validate=True)
        except ValueError:
            raise ValueError("the ledger key must be base64") from None
        if len(raw) != KEY_BYTES:
            raise ValueError("the ledger key must be 32 bytes (base64 of 32 random bytes)")
        return cls(raw)

    def __repr__(self) -> str:  # never the secret
        return f"LedgerKey(key_id={self.key_id!r})"

    def seal(self, position: int, tx_id: int, stream_id: str, version: int, hash_: str) -> str:
        message = seal_message(position, tx_id, stream_id, version, hash_)
        return hmac.new(self._mac_key, message, hashlib.sha256).hexdigest()

    def seals(self, rows: Iterable[tuple[int, int, str, int, str]]) -> list[str]:
        return [self.seal(*row) for row in rows]

    def seal_matches(self, seal: str, position: int, tx_id: int, stream_id: str, version: int,
                     hash_: str) -> bool:
        return hmac.compare_digest(seal, self.seal(position, tx_id, stream_id, version, hash_))

    def sign(self, message: bytes) -> str:
        return base64.b64encode(self._signing.sign(message)).decode()


class PublicKey:
    """The Ed25519 public half: enough to check a checkpoint's signature, not to make one."""

    def __init__(self, raw: bytes) -> None:
        self._key = Ed25519PublicKey.from_public_bytes(raw)
        self.raw = raw
        self.key_id = key_id_of(raw)

    @classmethod
    def from_base64(cls, text: str) -> PublicKey:
        try:
            raw = base64.b64decode(text.encode(), validate=True)
            return cls(raw)
        except ValueError:
            raise ValueError("a ledger public key is base64 of 32 bytes (Ed25519)") from None

    @property
    def base64(self) -> str:
        return base64.b64encode(self.raw).decode()

    def signature_matches(self, message: bytes, signature: str) -> bool:
        try:
            self._key.verify(base64.b64decode(signature.encode(), validate=True), message)
        except (InvalidSignature, ValueError):
            return False
        return True
