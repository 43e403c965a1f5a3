"""AES-256-GCM sealing with a versioned envelope and mandatory associated data.

Envelope: ``0x01 || nonce (12 bytes) || ciphertext || tag (16 bytes)``.
The associated data is never stored: the caller rebuilds it from where the
blob lives (table, record id, field), so a blob moved to another record or
field fails to open.

>>> key = new_key()
>>> blob = seal(key, b"Traore", aad=b"members|m-1|family_name")
>>> open_sealed(key, blob, aad=b"members|m-1|family_name")
b'Traore'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldreg.errors import CorruptData

ENVELOPE_V1 = 0x01  # also spelled b"\x01" on the hot paths below
KEY_BYTES = 32
NONCE_BYTES = 12
OVERHEAD = 1 + NONCE_BYTES + 16


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


class Sealer:
    """Seal and open many small values under one key (reuses the AESGCM context).

    Random 96-bit nonces are safe far beyond our volumes (NIST's 2**32
    messages per key bound is ~10,000 years of a busy post).
    """

    def __init__(self, key: bytes):
        if len(key) != KEY_BYTES:
            raise ValueError("AES-256-GCM needs a 32-byte key")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return b"\x01" + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def seal_many(self, items: Sequence[tuple[bytes, bytes]]) -> list[bytes]:
        """Seal several (plaintext, aad) pairs, drawing all their nonces at once."""
        randomness = os.urandom(NONCE_BYTES * len(items))
        encrypt = self._aead.encrypt
        sealed = []
        for i, (plaintext, aad) in enumerate(items):
            nonce = randomness[i * NONCE_BYTES : (i + 1) * NONCE_BYTES]
            sealed.append(b"\x01" + nonce + encrypt(nonce, plaintext, aad))
        return sealed

    def open(self, blob: bytes, aad: bytes) -> bytes:
        if len(blob) < OVERHEAD or blob[0] != ENVELOPE_V1:
            raise CorruptData("encrypted value has an unknown format or is truncated")
        try:
            return self._aead.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], aad)
        except InvalidTag:
            raise CorruptData(
                "encrypted value fails its integrity check (wrong key, altered, or moved)"
            ) from None


    def open_many(self, items: Iterable[tuple[bytes, bytes]]) -> Iterator[bytes]:
        """Open many (blob, aad) pairs: the same checks as ``open``, without per-call overhead."""
        decrypt = self._aead.decrypt
        for blob, aad in items:
            if len(blob) < OVERHEAD or blob[0] != ENVELOPE_V1:
                raise CorruptData("encrypted value has an unknown format or is truncated")
            try:
                yield decrypt(blob[1:13], blob[13:], aad)
            except InvalidTag:
                raise CorruptData(
                    "encrypted value fails its integrity check (wrong key, altered, or moved)"
                ) from None


def seal(key: bytes, plaintext: bytes, *, aad: bytes) -> bytes:
    """Encrypt ``plaintext`` under ``key``, bound to ``aad``."""
    return Sealer(key).seal(plaintext, aad)


def open_sealed(key: bytes, blob: bytes, *, aad: bytes) -> bytes:
    """Decrypt a blob made by :func:`seal`; raise ``CorruptData`` on any mismatch."""
    return Sealer(key).open(blob, aad)
