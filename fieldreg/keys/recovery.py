"""Recovery when every administrator has forgotten: the vault, the code, HQ's request and answer.

    vault = new_vault("TGR1", secrets_bytes, hq_recipient="age1...", with_code=False)
    vault.record            # what the post keeps in meta (JSON-able)
    vault.code              # the recovery code to show once (posts set up without HQ), or None
    request = make_request(vault.record, post="TGR1")       # at the post: (file bytes, pending)
    answer = issue_answer(hq, request_bytes)                 # at HQ: signed, bound to the request
    secrets = open_with_answer(vault.record, answer_bytes, pending, hq_root=...)   # at the post
    secrets = open_with_code(vault.record, "K3QF-...", post="TGR1")

The **vault** is the post's secrets (the data key and the account-authority
seeds, as an administrator's wrap holds them) sealed with AES-256-GCM under a
random 256-bit vault key. The vault key is sealed with age to HQ's recipient
(enrolled posts) and/or under a key derived by HKDF from a random 160-bit
recovery code shown once at set-up (posts without HQ). HQ thus never handles
the post's data key, and nothing leaves the post but the age-sealed vault key.

HQ's **answer** is an HQ-signed document (``fieldreg/recovery/1``) naming the
post, the vault and the nonce of the post's request, carrying the vault key
age-encrypted to a one-time recipient the post made for that request: it opens
only the vault it names, at the post that holds that request's identity, once
(the post replaces its vault after every recovery). Formats: docs/store.md
"Accounts and sign-in".
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyrage
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.crypto.aead import new_key, open_sealed, seal
from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys.documents import field, open_document
from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.ids import epoch, load_public
from fieldreg.messages import Message
from fieldreg.model import utcnow

REQUEST_FORMAT = "fieldreg-recovery-request"
ANSWER_KIND = "recovery"
VERSION = 1
_VAULT_AAD = b"fieldreg/recovery-vault/v1|"
_CODE_AAD = b"fieldreg/recovery-code/v1|"
_CODE_INFO = b"fieldreg recovery code v1"
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_CODE_BYTES = 20


@dataclass(frozen=True)
class NewVault:
    record: dict[str, Any]
    code: str | None


@dataclass(frozen=True)
class Pending:
    """A request the post made and waits an answer for (kept in its meta)."""

    nonce: str
    identity: str  # the one-time age identity the answer is encrypted to
    vault: str

    def to_json(self) -> dict[str, str]:
        return {"nonce": self.nonce, "identity": self.identity, "vault": self.vault}


def new_vault(post: str, secrets: bytes, *, hq_recipient: str | None, with_code: bool,
              now: datetime | None = None) -> NewVault:
    """Seal ``secrets`` in a new vault openable by HQ (if a recipient) and/or a new code."""
    vault_id = os.urandom(16).hex()
    key = new_key()
    record: dict[str, Any] = {
        "v": VERSION, "id": vault_id, "created_at": epoch(now or utcnow()),
        "sealed": _b64(seal(key, secrets, aad=_VAULT_AAD + f"{post}|{vault_id}".encode())),
    }
    if hq_recipient:
        inner = json.dumps({"post": post, "vault": vault_id, "key": _b64(key)}).encode()
        record["hq"] = _b64(pyrage.encrypt(inner, [pyrage.x25519.Recipient.from_str(hq_recipient)]))
    code = None
    if with_code:
        raw = os.urandom(_CODE_BYTES)
        code = _format_code(raw)
        record["code"] = _b64(seal(_code_key(raw, post), key, aad=_CODE_AAD + vault_id.encode()))
    return NewVault(record, code)


def open_with_code(record: dict[str, Any], code: str, *, post: str) -> bytes:
    """The vault's secrets; ``InvalidInput`` if the code is not this vault's."""
    if "code" not in record:
        raise InvalidInput("this post has no recovery code: it was set up with HQ (use a request)")
    raw = _parse_code(code)
    try:
        key = open_sealed(_code_key(raw, post), _unb64(record["code"]),
                          aad=_CODE_AAD + str(record["id"]).encode())
    except CorruptData:
        raise InvalidInput("this recovery code does not open this post's recovery vault") from None
    return _open_vault(record, key, post)


def make_request(record: dict[str, Any], *, post: str, now: datetime | None = None
                 ) -> tuple[bytes, Pending]:
    """The request file for HQ, and what the post keeps to read HQ's answer."""
    if "hq" not in record:
        raise InvalidInput("this post's recovery vault is not sealed to HQ: use its recovery code")
    identity = pyrage.x25519.Identity.generate()
    pending = Pending(os.urandom(16).hex(), str(identity), str(record["id"]))
    body = {"format": REQUEST_FORMAT, "version": VERSION, "post": post, "vault": pending.vault,
            "nonce": pending.nonce, "created_at": epoch(now or utcnow()),
            "recipient": str(identity.to_public()), "hq": record["hq"]}
    return json.dumps(body, indent=1).encode("utf-8"), pending


@dataclass(frozen=True)
class Issued:
    """What HQ records of an answer it issued (no secret)."""

    post: str
    vault: str
    nonce: str
    request_sha256: str
    answer: bytes


def issue_answer(hq: HqDir, request: bytes, *, now: datetime | None = None) -> Issued:
    """HQ: open the request's sealed vault key and answer it, signed, for that request only."""
    try:
        body = json.loads(request.decode("utf-8"))
        if body.get("format") != REQUEST_FORMAT or body.get("version") != VERSION:
            raise ValueError
        post, vault, nonce, recipient = (str(body[k]) for k in ("post", "vault", "nonce", "recipient"))
        sealed = _unb64(body["hq"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise InvalidInput("this file is not a FieldReg recovery request") from None
    try:
        inner = json.loads(pyrage.decrypt(sealed, [hq.age_identity()]))
    except (pyrage.DecryptError, pyrage.IdentityError, UnicodeDecodeError, ValueError):
        raise InvalidInput("this recovery request was not sealed to this HQ") from None
    if inner.get("post") != post or inner.get("vault") != vault:
        raise InvalidInput("this recovery request names another post or vault than its sealed part")
    try:
        to = pyrage.x25519.Recipient.from_str(recipient)
    except (pyrage.RecipientError, ValueError):
        raise InvalidInput("this recovery request's recipient is not an age public key") from None
    key = _unb64(inner["key"])
    request_hash = hashlib.sha256(request).hexdigest()
    payload = {"post": post, "vault": vault, "nonce": nonce, "request": request_hash,
               "issued_at": epoch(now or utcnow()), "key": pyrage.encrypt(key, [to])}
    return Issued(post, vault, nonce, request_hash, hq.sign_document(ANSWER_KIND, VERSION, payload))


def open_with_answer(record: dict[str, Any], answer: bytes, pending: Pending | None, *,
                     post: str, hq_root: bytes) -> bytes:
    """The vault's secrets from HQ's answer to this post's pending request; else ``InvalidInput``."""
    try:
        document = open_document(answer, kind=ANSWER_KIND, versions={VERSION},
                                 public_key=load_public(hq_root))
    except CorruptData as err:
        raise InvalidInput("{problem}", problem=err.message) from None
    where = Message("recovery answer")
    payload = document.payload
    if field(payload, "post", str, where=where) != post:
        raise InvalidInput("this recovery answer is for another post")
    if pending is None or field(payload, "nonce", str, where=where) != pending.nonce:
        raise InvalidInput("this recovery answer does not answer this post's latest request "
                           "(already used, or an older request)")
    if field(payload, "vault", str, where=where) != record.get("id"):
        raise InvalidInput("this recovery answer is for an older recovery vault (already used)")
    try:
        key = pyrage.decrypt(field(payload, "key", bytes, where=where),
                             [pyrage.x25519.Identity.from_str(pending.identity)])
    except (pyrage.DecryptError, pyrage.IdentityError, ValueError):
        raise InvalidInput("this recovery answer cannot be read with this post's request") from None
    return _open_vault(record, key, post)


def pending_from_json(data: object) -> Pending | None:
    if not isinstance(data, dict):
        return None
    try:
        return Pending(str(data["nonce"]), str(data["identity"]), str(data["vault"]))
    except KeyError:
        return None


def _open_vault(record: dict[str, Any], key: bytes, post: str) -> bytes:
    try:
        return open_sealed(key, _unb64(record["sealed"]),
                           aad=_VAULT_AAD + f"{post}|{record['id']}".encode())
    except (CorruptData, KeyError, ValueError):
        raise InvalidInput("the post's recovery vault does not open (damaged or replaced)") from None


def _code_key(raw: bytes, post: str) -> bytes:
    # 160 random bits need no slow KDF: HKDF binds the code to the post.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=post.encode(), info=_CODE_INFO).derive(raw)


def _format_code(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    chars = "".join(_CODE_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(32)))
    return "-".join(chars[i:i + 4] for i in range(0, 32, 4))


def _parse_code(code: str) -> bytes:
    text = code.upper().replace("-", "").replace(" ", "").translate(str.maketrans("OIL", "011"))
    if len(text) != 32 or any(c not in _CODE_ALPHABET for c in text):
        raise InvalidInput("a recovery code is 32 letters and digits in groups of four")
    number = 0
    for c in text:
        number = number * 32 + _CODE_ALPHABET.index(c)
    return number.to_bytes(_CODE_BYTES, "big")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)
