"""The patient id: a keyed hash of the identity number (the application's ``PersonKeys``)."""

from __future__ import annotations

import hashlib
import hmac


class PersonKeys:
    """Keyed hashes of identity numbers: duplicates are found without the number readable."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def __call__(self, id_number: str) -> str:
        canonical = id_number.strip().upper().encode()
        return hmac.new(self._secret, canonical, hashlib.sha256).hexdigest()
