"""Per-person encryption of personal data (crypto-shredding, DOMAIN.md Privacy).

Each person gets a random 256-bit data key; the key is stored wrapped (AES-GCM) under the
master key from the settings, and the person's fields are sealed (AES-GCM) under the data key.
Destroying the wrapped key makes every sealed field unreadable while the sealed bytes — and so
the events' hash chain — stay as they were.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALGORITHM = "A256GCM"
_NONCE_BYTES = 12


class KeyUnavailable(Exception):
    """The data key was destroyed (the person was erased), or never existed."""


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def parse_master_key(text: str) -> bytes:
    """A master key given as base64 of 32 bytes."""
    try:
        key = _unb64(text.strip())
    except ValueError:
        raise ValueError("the master key must be base64") from None
    if len(key) != 32:
        raise ValueError("the master key must be 32 bytes (base64 of 32 random bytes)")
    return key


def new_master_key() -> str:
    return _b64(os.urandom(32))


@dataclass(frozen=True)
class KeyWrapper:
    """Wraps and unwraps data keys under the master key; the key id is bound as AAD."""

    master_key: bytes

    def new_wrapped_key(self, key_id: str) -> str:
        return self.wrap(key_id, AESGCM.generate_key(bit_length=256))

    def wrap(self, key_id: str, data_key: bytes) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        return _b64(nonce + AESGCM(self.master_key).encrypt(nonce, data_key, key_id.encode()))

    def unwrap(self, key_id: str, wrapped: str | None) -> bytes:
        if wrapped is None:
            raise KeyUnavailable(key_id)
        raw = _unb64(wrapped)
        try:
            return AESGCM(self.master_key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:],
                                                   key_id.encode())
        except InvalidTag:
            raise KeyUnavailable(f"{key_id}: not wrapped by this master key") from None


def seal(data_key: bytes, key_id: str, context: str, fields: dict[str, Any]) -> dict[str, str]:
    """``fields`` as an envelope: readable only with the data key, bound to ``context``."""
    nonce = os.urandom(_NONCE_BYTES)
    plain = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    sealed = AESGCM(data_key).encrypt(nonce, plain, context.encode())
    return {"alg": ALGORITHM, "kid": key_id, "iv": _b64(nonce), "ct": _b64(sealed)}


def open_sealed(data_key: bytes, context: str, envelope: dict[str, str]) -> dict[str, Any]:
    try:
        plain = AESGCM(data_key).decrypt(_unb64(envelope["iv"]), _unb64(envelope["ct"]),
                                         context.encode())
    except InvalidTag:
        raise KeyUnavailable(f"{envelope.get('kid')}: the envelope does not open") from None
    return json.loads(plain)
