"""HQ's key directory: root signing key, age identity, trust list, revocation list, certificates.

    hq = HqDir.init(path, "hq passphrase")               # once
    hq = HqDir.open(path, "hq passphrase")               # AuthError if wrong
    pkg = hq.enroll_post("NIA")                          # pkg.data -> USB, pkg.passphrase -> phone
    hq.revoke_key(parse_key_id("a1b2c3d4e5f60718"))      # new trust list version
    hq.issue_trust_list()                                # fresh expiry, version + 1
    hq.revoke_tokens([token_id])                         # new revocation list version
    hq.registry_key                                      # seals personal data in the registry
    hq.escrow_recipients                                 # age recipients batches also go to

Layout of the directory (all files 0600, written atomically)::

    hq.json            root public key, age recipient, and both private keys sealed
                       (AES-256-GCM) under one master key wrapped with argon2id(passphrase);
                       the escrow recipients, authenticated with a MAC under that key
    trustlist.cose     the current signed trust list: also HQ's registry of post keys
    revocations.cose   the current signed revocation list
    certs/<kid>.cose   every certificate issued
    registry.db or registry.conf, held/, receipts/   the batch registry (fieldreg.hq), not managed here

The master key also yields, by HKDF with its own label, the **registry key**
that seals personal data in HQ's registry (``fieldreg.hq.registry``); it is
never stored. **Escrow recipients** are age public keys (``age1...``) whose
private halves are generated offline with ``age-keygen`` and kept in a safe:
posts encrypt every batch to them as well as to HQ, so batches stay readable if
HQ's key directory is lost. HQ stores recipients only, never escrow identities.

The signed trust list *is* the key registry, so a file edited behind HQ's back
fails its signature at the next open instead of being silently re-signed.
The key files are changed by one command at a time (the registry itself takes several
processes at once: fieldreg/hq/db).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.crypto.aead import Sealer, new_key
from fieldreg.crypto.kdf import KdfParams, unwrap_key, wrap_key
from fieldreg.errors import CorruptData, InvalidInput, NotFound
from fieldreg.fsutil import atomic_write
from fieldreg.keys.certificate import Certificate, KeyEntry, check_post_id
from fieldreg.keys.documents import sign_document
from fieldreg.keys.enrollment import generate_passphrase, write_enrollment
from fieldreg.keys.ids import (
    fingerprint,
    key_id,
    key_id_hex,
    load_private,
    private_raw,
    public_raw,
)
from fieldreg.keys.postkey import PostKey
from fieldreg.keys.trustlist import RevocationList, TrustList
from fieldreg.model import utcnow

HQ_FORMAT = "fieldreg-hq"
HQ_VERSION = 1
HQ_FILE = "hq.json"
TRUST_FILE = "trustlist.cose"
REVOCATIONS_FILE = "revocations.cose"
CERTS_DIR = "certs"
TRUST_LIST_VALIDITY = timedelta(days=90)
POST_KEY_VALIDITY = timedelta(days=730)
_ROOT_AAD = b"fieldreg/hq/root-key/v1"
_AGE_AAD = b"fieldreg/hq/age-identity/v1"
_REGISTRY_INFO = b"fieldreg hq registry key v1"
_ESCROW_MAC_INFO = b"fieldreg hq escrow mac v1"


@dataclass(frozen=True)
class EnrollmentPackage:
    """What ``enroll_post`` hands back: the file for the stick and the passphrase for the phone."""

    data: bytes
    passphrase: str
    certificate: Certificate


class HqDir:
    """An unlocked HQ directory. Construct with :meth:`init` or :meth:`open`."""

    def __init__(
        self, path: Path, root: Ed25519PrivateKey, age_identity: str, kdf: KdfParams, *,
        master: bytes, escrow: tuple[str, ...] = (),
    ):
        self.path = path
        self._root = root
        self._age_identity = age_identity
        self._kdf = kdf
        self._registry_key = _derive(master, _REGISTRY_INFO)
        self._escrow = escrow
        self._trust = TrustList.from_bytes((path / TRUST_FILE).read_bytes(), root_public=self.root_public)
        self._revocations = RevocationList.from_bytes(
            (path / REVOCATIONS_FILE).read_bytes(), root_public=self.root_public
        )

    # -- creation and unlocking ----------------------------------------------------------
    @classmethod
    def init(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        kdf: KdfParams | None = None,
        now: datetime | None = None,
        escrow: Iterable[str] = (),
    ) -> HqDir:
        """Create a new HQ directory (refuses an existing one: HQ keys are never overwritten).

        ``escrow``: age recipients (``age1...``) every post will also encrypt batches to.
        """
        escrow_list = check_escrow_recipients(escrow)
        kdf = kdf or KdfParams.default()
        now = now or utcnow()
        base = Path(path)
        if (base / HQ_FILE).exists():
            raise InvalidInput("{base} already holds an HQ key directory", base=base)
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        (base / CERTS_DIR).mkdir(mode=0o700, exist_ok=True)
        root = Ed25519PrivateKey.generate()
        identity = pyrage.x25519.Identity.generate()
        master = new_key()
        sealer = Sealer(master)
        header = {
            "format": HQ_FORMAT,
            "version": HQ_VERSION,
            "root_public": _b64(public_raw(root)),
            "age_recipient": str(identity.to_public()),
            "wrap": wrap_key(master, passphrase, params=kdf),
            "root_key": _b64(sealer.seal(private_raw(root), _ROOT_AAD)),
            "age_identity": _b64(sealer.seal(str(identity).encode("ascii"), _AGE_AAD)),
        }
        if escrow_list:
            header["escrow"] = list(escrow_list)
            header["escrow_mac"] = _escrow_mac(master, escrow_list)
        trust = TrustList.issue(
            version=1, issued_at=now, expires_at=now + TRUST_LIST_VALIDITY, entries=(), root=root
        )
        revocations = RevocationList.issue(version=1, issued_at=now, token_ids=set(), root=root)
        # Lists first, hq.json last: a directory without hq.json is "not initialised" and init reruns.
        atomic_write(base / TRUST_FILE, trust.raw)
        atomic_write(base / REVOCATIONS_FILE, revocations.raw)
        atomic_write(base / HQ_FILE, json.dumps(header, indent=1).encode("utf-8"))
        return cls(base, root, str(identity), kdf, master=master, escrow=escrow_list)

    @classmethod
    def open(cls, path: str | os.PathLike[str], passphrase: str) -> HqDir:
        """Unlock an HQ directory; ``AuthError`` for a wrong passphrase."""
        base = Path(path)
        try:
            header = json.loads((base / HQ_FILE).read_text("utf-8"))
        except FileNotFoundError:
            raise NotFound("{base} is not an HQ key directory (run 'fieldreg hq init')", base=base) from None
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise CorruptData("{path} is damaged", path=base / HQ_FILE) from None
        if not isinstance(header, dict) or header.get("format") != HQ_FORMAT:
            raise CorruptData("{path} is not an HQ key file", path=base / HQ_FILE)
        if header.get("version") != HQ_VERSION:
            raise CorruptData("HQ key file version {version!r} is not supported", version=header.get("version"))
        try:
            master = unwrap_key(header["wrap"], passphrase)
            sealer = Sealer(master)
            root = load_private(sealer.open(base64.b64decode(header["root_key"]), _ROOT_AAD))
            identity = sealer.open(base64.b64decode(header["age_identity"]), _AGE_AAD).decode("ascii")
            root_public = base64.b64decode(header["root_public"])
            wrap = header["wrap"]
            kdf = KdfParams(wrap["time_cost"], wrap["memory_kib"], wrap["parallelism"])
            escrow = tuple(header.get("escrow", ()))
            escrow_mac = header.get("escrow_mac", "") if escrow else ""
        except (KeyError, TypeError, ValueError):
            raise CorruptData("{path} is damaged", path=base / HQ_FILE) from None
        if public_raw(root) != root_public:
            raise CorruptData("{path}: root public key does not match the private key", path=base / HQ_FILE)
        # An escrow recipient slipped into hq.json would receive every post's batches: MAC'd.
        if escrow and not (isinstance(escrow_mac, str)
                           and hmac.compare_digest(escrow_mac, _escrow_mac(master, escrow))):
            raise CorruptData("{path}: the escrow recipients were changed outside FieldReg", path=base / HQ_FILE)
        return cls(base, root, identity, kdf, master=master, escrow=escrow)

    # -- public facts ---------------------------------------------------------------------
    @property
    def root_public(self) -> bytes:
        return public_raw(self._root)

    @property
    def root_key_id(self) -> bytes:
        return key_id(self.root_public)

    @property
    def fingerprint(self) -> str:
        """Give this to posts and camps by a channel other than the USB stick."""
        return fingerprint(self.root_public)

    @property
    def age_recipient(self) -> str:
        return str(pyrage.x25519.Identity.from_str(self._age_identity).to_public())

    def age_identity(self) -> pyrage.x25519.Identity:
        """HQ's age identity, to decrypt batches (``pyrage.decrypt(data, [hq.age_identity()])``)."""
        return pyrage.x25519.Identity.from_str(self._age_identity)

    def age_identity_text(self) -> str:
        """The identity as an age secret-key line, for an emergency export to the ``age`` tool."""
        return self._age_identity

    @property
    def escrow_recipients(self) -> tuple[str, ...]:
        """Escrow age recipients, carried to posts in enrollment files (may be empty)."""
        return self._escrow

    @property
    def registry_key(self) -> bytes:
        """The 32-byte key sealing personal data in HQ's registry (HKDF of the master key)."""
        return self._registry_key

    def trust_list(self) -> TrustList:
        return self._trust

    def reload_lists(self) -> None:
        """Read the trust and revocation lists again (another process issued new ones).

        A long-running holder of the directory (HQ's receiver) calls it when the
        files changed, so a key enrolled or revoked meanwhile counts at once.
        """
        self._trust = TrustList.from_bytes((self.path / TRUST_FILE).read_bytes(),
                                           root_public=self.root_public)
        self._revocations = RevocationList.from_bytes(
            (self.path / REVOCATIONS_FILE).read_bytes(), root_public=self.root_public)

    def revocation_list(self) -> RevocationList:
        return self._revocations

    def certificate(self, kid: bytes) -> Certificate:
        try:
            data = (self.path / CERTS_DIR / f"{key_id_hex(kid)}.cose").read_bytes()
        except FileNotFoundError:
            raise NotFound("no certificate for key {key_id_hex}", key_id_hex=key_id_hex(kid)) from None
        return Certificate.from_bytes(data, root_public=self.root_public)

    # -- posts and keys -------------------------------------------------------------------
    def enroll_post(
        self,
        post_id: str,
        *,
        passphrase: str | None = None,
        now: datetime | None = None,
        valid_for: timedelta = POST_KEY_VALIDITY,
        retire_old_keys_after: timedelta | None = None,
        kdf: KdfParams | None = None,
    ) -> EnrollmentPackage:
        """New key + certificate for ``post_id`` (a second call rotates), and its enrollment file.

        Older keys of the post stay in the trust list, so what they signed keeps
        verifying. ``retire_old_keys_after`` shortens their signing window to
        ``now + retire_old_keys_after`` (a grace period while the new file
        travels to the post); without it they may sign until they expire.
        """
        check_post_id(post_id)
        now = now or utcnow()
        key = Ed25519PrivateKey.generate()
        cert = Certificate.issue(
            post_id=post_id,
            public_key=public_raw(key),
            not_before=now,
            not_after=now + valid_for,
            issued_at=now,
            root=self._root,
        )
        entries = list(self._trust.entries)
        if retire_old_keys_after is not None:
            cutoff = now + retire_old_keys_after
            entries = [
                replace(e, not_after=max(e.not_before, cutoff))
                if e.post_id == post_id and e.not_after > cutoff
                else e
                for e in entries
            ]
        atomic_write(self.path / CERTS_DIR / f"{key_id_hex(cert.key.key_id)}.cose", cert.raw)
        trust = self._issue([*entries, cert.key], now=now)
        phrase = passphrase or generate_passphrase()
        data = write_enrollment(
            post_key=PostKey(key, cert),
            hq_root_public=self.root_public,
            hq_age_recipient=self.age_recipient,
            trust_list=trust,
            passphrase=phrase,
            kdf=kdf or self._kdf,
            escrow=self._escrow,
        )
        return EnrollmentPackage(data, phrase, cert)

    def revoke_key(self, kid: bytes, *, now: datetime | None = None) -> TrustList:
        """Revoke a post key: everything it signed becomes INVALID at verifiers with the new list."""
        now = now or utcnow()
        entry = self._trust.find(kid)
        if entry is None:
            raise NotFound("key {key_id_hex} is not in the trust list", key_id_hex=key_id_hex(kid))
        if entry.revoked:
            return self._trust
        entries = [replace(e, revoked_at=now) if e.key_id == kid else e for e in self._trust.entries]
        return self._issue(entries, now=now)

    def issue_trust_list(
        self, *, now: datetime | None = None, valid_for: timedelta = TRUST_LIST_VALIDITY
    ) -> TrustList:
        """Re-sign the current keys as the next version with a fresh expiry (to publish)."""
        return self._issue(list(self._trust.entries), now=now or utcnow(), valid_for=valid_for)

    def set_tls_pins(self, pins: Iterable[bytes], *, now: datetime | None = None) -> TrustList:
        """Publish the TLS public-key pins of HQ's receiver in the next trust list.

        Posts trust exactly these keys when they connect (docs/formats/sync.md §2);
        give the old and the new pin together while a new certificate is rolled out.
        """
        return self._issue(list(self._trust.entries), now=now or utcnow(), tls_pins=tuple(pins))

    def revoke_tokens(self, token_ids: Iterable[bytes], *, now: datetime | None = None) -> RevocationList:
        """Add token ids to the revocation list and issue its next version."""
        now = now or utcnow()
        self._check_clock(now, self._revocations.issued_at)
        ids = set(self._revocations.token_ids) | set(token_ids)
        new = RevocationList.issue(
            version=self._revocations.version + 1, issued_at=now, token_ids=ids, root=self._root
        )
        atomic_write(self.path / REVOCATIONS_FILE, new.raw)
        self._revocations = new
        return new

    def sign_document(self, kind: str, version: int, payload: dict[str, Any]) -> bytes:
        """Sign another HQ document (receipts...) as ``fieldreg/<kind>/<version>``."""
        if kind in {"cert", "trustlist", "revocations"}:
            raise InvalidInput("{kind} documents are issued by their own HqDir methods", kind=kind)
        return sign_document(kind, version, payload, self._root)

    # -- internals ------------------------------------------------------------------------
    def _issue(
        self, entries: list[KeyEntry], *, now: datetime, valid_for: timedelta = TRUST_LIST_VALIDITY,
        tls_pins: tuple[bytes, ...] | None = None,
    ) -> TrustList:
        self._check_clock(now, self._trust.issued_at)
        trust = TrustList.issue(
            version=self._trust.version + 1,
            issued_at=now,
            expires_at=now + valid_for,
            entries=entries,
            root=self._root,
            tls_pins=self._trust.tls_pins if tls_pins is None else tls_pins,
        )
        atomic_write(self.path / TRUST_FILE, trust.raw)
        self._trust = trust
        return trust

    @staticmethod
    def _check_clock(now: datetime, last_issue: datetime) -> None:
        # Verifiers never believe a clock earlier than the newest list; HQ must not issue one.
        if now < last_issue:
            raise InvalidInput(
                "HQ clock ({now:%Y-%m-%d %H:%M} UTC) is earlier than the last list issued "
                "({last_issue:%Y-%m-%d %H:%M} UTC): fix the clock first",
                now=now, last_issue=last_issue
            )


def check_escrow_recipients(recipients: Iterable[str]) -> tuple[str, ...]:
    """The recipients as given, each checked to be an age X25519 recipient; duplicates dropped."""
    out: list[str] = []
    for text in recipients:
        text = text.strip()
        try:
            pyrage.x25519.Recipient.from_str(text)
        except (pyrage.RecipientError, ValueError):
            raise InvalidInput(
                "escrow recipient {text!r} is not an age public key (age1..., from age-keygen)", text=text
            ) from None
        if text not in out:
            out.append(text)
    return tuple(out)


def _derive(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def _escrow_mac(master: bytes, escrow: Iterable[str]) -> str:
    message = json.dumps(list(escrow), separators=(",", ":")).encode("utf-8")
    return hmac.new(_derive(master, _ESCROW_MAC_INFO), message, hashlib.sha256).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
