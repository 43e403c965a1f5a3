"""Passphrase-derived keys (argon2id) and key wrapping.

A *wrap* is a small JSON-able dict holding the argon2id parameters, the salt and
the sealed key, so the parameters can be raised for new wraps without breaking
old ones::

    wrap = wrap_key(data_key, "correct horse battery", params=KdfParams.default())
    data_key == unwrap_key(wrap, "correct horse battery")
"""

from __future__ import annotations

import base64
import os
from dataclasses import asdict, dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw

from fieldreg.crypto.aead import open_sealed, seal
from fieldreg.errors import AuthError, CorruptData

WRAP_AAD = b"fieldreg/key-wrap/v1"


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost parameters, stored beside every wrap they produced.

    The default (4 passes over 128 MiB, 2 lanes) costs ~0.25 s on the 2-core
    reference machine and roughly 0.5-0.8 s on a small field laptop: slow
    enough that a copied database resists guessing (each guess needs 128 MiB
    of memory), fast enough for an officer's unlock, and small enough to keep
    the app's peak memory low on a 4 GB laptop.
    """

    time_cost: int = 4
    memory_kib: int = 131_072
    parallelism: int = 2

    # Below this an offline guessing attack gets cheap; tests may use the floor.
    MIN_MEMORY_KIB = 8_192

    @classmethod
    def default(cls) -> KdfParams:
        return cls()

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        """The cheapest parameters we accept; for test fixtures only."""
        return cls(time_cost=1, memory_kib=cls.MIN_MEMORY_KIB, parallelism=1)

    def validate(self) -> None:
        if self.memory_kib < self.MIN_MEMORY_KIB or self.time_cost < 1 or self.parallelism < 1:
            raise ValueError(f"argon2id parameters too weak: {self}")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """32 bytes from argon2id(passphrase, salt)."""
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def wrap_key(key: bytes, passphrase: str, *, params: KdfParams) -> dict[str, Any]:
    """Seal ``key`` under a key derived from ``passphrase``; returns a JSON-able wrap."""
    params.validate()
    salt = os.urandom(16)
    kek = derive_key(passphrase, salt, params)
    return {
        "kdf": "argon2id",
        **asdict(params),
        "salt": base64.b64encode(salt).decode("ascii"),
        "sealed": base64.b64encode(seal(kek, key, aad=WRAP_AAD)).decode("ascii"),
    }


def unwrap_key(wrap: dict[str, Any], passphrase: str) -> bytes:
    """Recover the key from a wrap; ``AuthError`` if the passphrase is wrong."""
    if wrap.get("kdf") != "argon2id":
        raise CorruptData("unknown key-wrap algorithm {kdf!r}", kdf=wrap.get("kdf"))
    params = KdfParams(wrap["time_cost"], wrap["memory_kib"], wrap["parallelism"])
    kek = derive_key(passphrase, base64.b64decode(wrap["salt"]), params)
    try:
        return open_sealed(kek, base64.b64decode(wrap["sealed"]), aad=WRAP_AAD)
    except CorruptData:
        raise AuthError("wrong passphrase") from None
