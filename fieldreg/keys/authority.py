"""A post's account authority: the keys that grant roles, which officers never hold.

    authority, keys = new_authority("TGR1")          # at set-up (or a legacy store's upgrade)
    grant = sign_grant(keys, post="TGR1", user="ali", role="officer", disabled=False, pin="")
    problem = check_grant(authority, grant)          # None, or why it does not verify

Two Ed25519 key pairs: the **admin key** signs supervisor and administrator
grants and certifies the **supervisor key**, which signs officer grants. Their
seeds live only inside the key wraps of administrators (both seeds) and
supervisors (the supervisor seed), sealed next to the data key under the
passphrase-derived key; an officer's wrap holds the data key alone. The public
halves are in the store's ``meta`` (and in every batch's manifest, for HQ).

A *grant* is what one account row may do, signed: post, user name, role,
disabled, and ``pin`` (the SHA-256 of a key wrap made before the authority
existed, which the grant then pins; empty for the current wraps, which bind
their user name themselves). This module is pure: the post's store
(fieldreg/store/authority.py) and HQ's importer (fieldreg/hq/authority.py)
both use it. Format: docs/store.md "Accounts and sign-in".
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.errors import CorruptData
from fieldreg.keys.ids import load_private, load_public, private_raw, public_raw

GRANT_CONTEXT = b"fieldreg/account-grant/v1\n"
CERT_CONTEXT = b"fieldreg/account-authority/supervisor-key/v1\n"
SEED_BYTES = 32
#: Which authority key may sign a grant of each role.
SIGNERS = {"admin": ("admin",), "supervisor": ("admin",), "officer": ("admin", "supervisor")}


@dataclass(frozen=True)
class Authority:
    """The public half: what anyone checks grants against."""

    admin: bytes  # raw Ed25519 public key
    supervisor: bytes
    certificate: bytes  # the admin key's signature over the supervisor key

    def to_json(self) -> dict[str, str]:
        return {"admin": self.admin.hex(), "supervisor": self.supervisor.hex(),
                "certificate": self.certificate.hex()}

    @classmethod
    def from_json(cls, data: object) -> Authority:
        """``ValueError`` unless ``data`` is what :meth:`to_json` made."""
        if not isinstance(data, dict) or set(data) != {"admin", "supervisor", "certificate"}:
            raise ValueError("not an account authority")
        admin, supervisor, cert = (bytes.fromhex(str(data[k])) for k in ("admin", "supervisor", "certificate"))
        if len(admin) != 32 or len(supervisor) != 32 or len(cert) != 64:
            raise ValueError("account authority keys of the wrong size")
        return cls(admin, supervisor, cert)

    def certified(self, post: str) -> bool:
        """Whether the admin key certified the supervisor key for ``post``."""
        return _verifies(self.admin, self.certificate, _cert_message(post, self.supervisor))


@dataclass(frozen=True)
class AuthorityKeys:
    """The seeds a user holds (``None`` for a key they do not hold)."""

    admin: bytes | None = None
    supervisor: bytes | None = None

    def public(self, which: str) -> bytes | None:
        seed = self.admin if which == "admin" else self.supervisor
        return None if seed is None else public_raw(load_private(seed))

    def for_role(self, role: str) -> AuthorityKeys:
        """What a wrap for ``role`` holds: both seeds for an admin, one for a supervisor, none else."""
        if role == "admin":
            return self
        if role == "supervisor":
            return AuthorityKeys(None, self.supervisor)
        return AuthorityKeys()


@dataclass(frozen=True)
class Grant:
    """One account's signed grant; ``signer`` is ``"admin"`` or ``"supervisor"``."""

    post: str
    user: str
    role: str
    disabled: bool
    pin: str
    signer: str
    signature: bytes

    def to_json(self) -> dict[str, object]:
        return {"post": self.post, "user": self.user, "role": self.role, "disabled": self.disabled,
                "pin": self.pin, "signer": self.signer, "signature": self.signature.hex()}

    @classmethod
    def from_json(cls, data: object) -> Grant:
        if not isinstance(data, dict) or set(data) != {"post", "user", "role", "disabled", "pin",
                                                        "signer", "signature"}:
            raise ValueError("not an account grant")
        if not (isinstance(data["post"], str) and isinstance(data["user"], str)
                and isinstance(data["role"], str) and isinstance(data["disabled"], bool)
                and isinstance(data["pin"], str) and isinstance(data["signer"], str)
                and isinstance(data["signature"], str)):
            raise ValueError("an account grant field has the wrong type")
        return cls(data["post"], data["user"], data["role"], data["disabled"], data["pin"],
                   data["signer"], bytes.fromhex(data["signature"]))


def new_authority(post: str) -> tuple[Authority, AuthorityKeys]:
    """Fresh admin and supervisor keys for ``post``, the second certified by the first."""
    admin, supervisor = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    cert = admin.sign(_cert_message(post, public_raw(supervisor)))
    return (Authority(public_raw(admin), public_raw(supervisor), cert),
            AuthorityKeys(private_raw(admin), private_raw(supervisor)))


def authority_of(keys: AuthorityKeys, post: str) -> Authority:
    """The public authority an administrator's seeds stand for (to restore a replaced one)."""
    assert keys.admin is not None and keys.supervisor is not None
    admin = load_private(keys.admin)
    supervisor_public = public_raw(load_private(keys.supervisor))
    return Authority(public_raw(admin), supervisor_public,
                     admin.sign(_cert_message(post, supervisor_public)))


def grant_message(*, post: str, user: str, role: str, disabled: bool, pin: str) -> bytes:
    """The signed bytes: a context line, then canonical JSON (sorted keys, no spaces)."""
    body = {"disabled": disabled, "pin": pin, "post": post, "role": role, "user": user}
    return GRANT_CONTEXT + json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign_grant(keys: AuthorityKeys, *, post: str, user: str, role: str, disabled: bool,
               pin: str) -> Grant | None:
    """The grant signed with the strongest key held that may sign it; None if none may."""
    for signer in SIGNERS.get(role, ()):
        seed = keys.admin if signer == "admin" else keys.supervisor
        if seed is not None:
            message = grant_message(post=post, user=user, role=role, disabled=disabled, pin=pin)
            return Grant(post, user, role, disabled, pin, signer, load_private(seed).sign(message))
    return None


def check_grant(authority: Authority, grant: Grant) -> str | None:
    """None if ``grant`` verifies under ``authority``; else a short code saying why not."""
    if grant.signer not in SIGNERS.get(grant.role, ()):
        return "signer_may_not_grant_role"
    if grant.signer == "supervisor" and not authority.certified(grant.post):
        return "supervisor_key_not_certified"
    public = authority.admin if grant.signer == "admin" else authority.supervisor
    message = grant_message(post=grant.post, user=grant.user, role=grant.role,
                            disabled=grant.disabled, pin=grant.pin)
    return None if _verifies(public, grant.signature, message) else "bad_signature"


def _cert_message(post: str, supervisor_public: bytes) -> bytes:
    return CERT_CONTEXT + post.encode("utf-8") + b"\n" + supervisor_public


def _verifies(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        load_public(public).verify(signature, message)
    except (InvalidSignature, CorruptData, ValueError):
        return False
    return True
