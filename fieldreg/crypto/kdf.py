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
# Version 2 binds the wrap to where it belongs: the associated data is this prefix
# followed by the caller's ``context`` (the store puts the user name there).
WRAP_AAD_V2 = b"fieldreg/key-wrap/v2|"


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


def wrap_key(key: bytes, passphrase: str, *, params: KdfParams,
             context: bytes | None = None) -> dict[str, Any]:
    """Seal ``key`` under a key derived from ``passphrase``; returns a JSON-able wrap.

    With ``context`` the wrap is version 2 (``"v": 2``), bound to that context:
    it opens only when the same context is given again.
    """
    params.validate()
    salt = os.urandom(16)
    kek = derive_key(passphrase, salt, params)
    aad = WRAP_AAD if context is None else WRAP_AAD_V2 + context
    return {
        **({} if context is None else {"v": 2}),
        "kdf": "argon2id",
        **asdict(params),
        "salt": base64.b64encode(salt).decode("ascii"),
        "sealed": base64.b64encode(seal(kek, key, aad=aad)).decode("ascii"),
    }


def wrap_version(wrap: dict[str, Any]) -> int:
    """1 for wraps bound to nothing (made before version 2), else 2."""
    return 2 if wrap.get("v") == 2 else 1


def unwrap_key(wrap: dict[str, Any], passphrase: str, *, context: bytes | None = None) -> bytes:
    """Recover the key from a wrap; ``AuthError`` if the passphrase is wrong.

    A version 2 wrap opens only with the ``context`` it was made with (a wrong
    one looks exactly like a wrong passphrase).
    """
    if wrap.get("kdf") != "argon2id":
        raise CorruptData("unknown key-wrap algorithm {kdf!r}", kdf=wrap.get("kdf"))
    params = KdfParams(wrap["time_cost"], wrap["memory_kib"], wrap["parallelism"])
    kek = derive_key(passphrase, base64.b64decode(wrap["salt"]), params)
    aad = WRAP_AAD_V2 + (context or b"") if wrap_version(wrap) == 2 else WRAP_AAD
    try:
        return open_sealed(kek, base64.b64decode(wrap["sealed"]), aad=aad)
    except CorruptData:
        raise AuthError("wrong passphrase") from None
