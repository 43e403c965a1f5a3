"""A simulated border post that writes real batch files (``write_batch``) for HQ tests.

    post = PostSim(hq, "TGR1")
    regno = post.register()                 # a registration record + its audit entry
    post.correct(regno, reason="name misspelt")
    path = post.batch(tmp_path)             # TGR1-000001.frb, encrypted to HQ

Records follow docs/formats/batch.md §4 with a genuine audit hash chain; only
fictitious people. ``batch(..., seq=, prev=, ...)`` overrides what an honest post
would write, to build forks and other bad batches.
"""

from __future__ import annotations

import copy
import io
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fieldreg.batches import (
    NO_PREVIOUS,
    BatchHeader,
    WrittenBatch,
    batch_filename,
    write_batch,
)
from fieldreg.crypto.chain import GENESIS, entry_hash
from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir, PostKey, open_enrollment
from fieldreg.regno import RegNo

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
FAST_KDF = KdfParams.fast_for_tests()
HQ_PASSPHRASE = "test-only hq passphrase"


def make_hq(path: Path, **kw: Any) -> HqDir:
    return HqDir.init(path, HQ_PASSPHRASE, kdf=FAST_KDF, now=T0, **kw)


def household(family: str = "Traoré", members: int = 3) -> dict[str, Any]:
    """A household as the post exports it (fictitious people)."""
    names = ["Aminata", "Issa", "Mariam", "Oumar", "Fatoumata"]
    return {
        "arrival_date": "2026-11-01",  # the day the simulated post registers (T0)
        "origin": {"country": "MLI", "region": "Sikasso", "locality": "Loulouni"},
        "consent": True,
        "members": [
            {"id": f"m{i}", "given_names": names[i % len(names)], "family_name": family,
             "sex": "F" if i % 2 == 0 else "M", "birth_year": 1990 + i,
             "relationship": "head" if i == 0 else "child"}
            for i in range(members)
        ],
    }


class PostSim:
    def __init__(self, hq: HqDir, post_id: str, *, enrolled_at: datetime = T0,
                 key: PostKey | None = None):
        if key is None:
            package = hq.enroll_post(post_id, now=enrolled_at, kdf=FAST_KDF)
            key = open_enrollment(package.data, package.passphrase).post_key
        self.hq = hq
        self.post_id = post_id
        self.key = key
        self.seq = 0
        self.prev = NO_PREVIOUS
        self.numbers = 0
        self.audit_seq = 0
        self.audit_hash = GENESIS
        self.data: list[dict[str, Any]] = []
        self.audit: list[dict[str, Any]] = []
        self.current: dict[str, tuple[int, dict[str, Any]]] = {}
        self.tokens: list[bytes] = []
        self.clock = enrolled_at + timedelta(hours=1)
        self.written: list[WrittenBatch] = []

    # -- what the post does ----------------------------------------------------------------
    def _at(self) -> str:
        self.clock += timedelta(minutes=1)
        return self.clock.strftime("%Y-%m-%dT%H:%M:%SZ")

    def log(self, action: str, subject: str, details: dict[str, Any] | None = None,
            actor: str = "agent") -> dict[str, Any]:
        self.audit_seq += 1
        at, details = self._at(), details or {}
        digest = entry_hash(self.audit_seq, at, actor, action, subject, details, self.audit_hash)
        entry = {"kind": "audit", "seq": self.audit_seq, "at": at, "actor": actor,
                 "action": action, "subject": subject, "details": details,
                 "prev_hash": self.audit_hash, "hash": digest}
        self.audit_hash = digest
        self.audit.append(entry)
        return entry

    def register(self, content: dict[str, Any] | None = None) -> str:
        self.numbers += 1
        regno = str(RegNo.build(self.post_id, 2026, self.numbers))
        content = content or household(members=1 + self.numbers % 4)
        self.data.append({"kind": "registration", "regno": regno, "version": 1, "at": self._at(),
                          "by": "agent", "status": "active", "household": content})
        self.current[regno] = (1, content)
        self.log("register", regno, {"members": len(content["members"])})
        return regno

    def correct(self, regno: str, *, reason: str = "given name misspelt",
                content: dict[str, Any] | None = None) -> None:
        version, old = self.current[regno]
        new = content or {**copy.deepcopy(old), "notes": f"corrected {version + 1}"}
        self.data.append({"kind": "correction", "regno": regno, "version": version + 1,
                          "at": self._at(), "by": "superviseur", "status": "active",
                          "reason": reason, "household": new})
        self.current[regno] = (version + 1, new)
        self.log("correct", regno, {"version": version + 1}, actor="superviseur")

    def void(self, regno: str, *, reason: str = "registered twice") -> None:
        version, old = self.current[regno]
        self.data.append({"kind": "void", "regno": regno, "version": version + 1, "at": self._at(),
                          "by": "superviseur", "status": "void", "reason": reason,
                          "household": old})
        self.current[regno] = (version + 1, old)
        self.log("void", regno, {"version": version + 1}, actor="superviseur")

    def decide(self, a: str, b: str, decision: str = "different") -> None:
        self.data.append({"kind": "duplicate_decision", "member_a": f"{a}/m0",
                          "member_b": f"{b}/m0", "decision": decision, "at": self._at(),
                          "by": "superviseur"})
        self.log("duplicate_decision", a, {"decision": decision}, actor="superviseur")

    def revoke_token(self, regno: str, token_id: bytes, *, reason: str = "slip lost") -> None:
        self.data.append({"kind": "token_revocation", "token_id": token_id.hex(), "regno": regno,
                          "serial": 1, "at": self._at(), "by": "superviseur", "reason": reason})
        self.log("token_reissue", regno, {"revoked": token_id.hex()}, actor="superviseur")

    # -- export -------------------------------------------------------------------------------
    def records(self) -> list[dict[str, Any]]:
        return [*self.data, *self.audit]

    def batch_bytes(self, *, records: list[dict[str, Any]] | None = None, seq: int | None = None,
                    prev: bytes | None = None, created_at: datetime | None = None,
                    recipients: list[str] | None = None, hq_root: bytes | None = None,
                    advance: bool = True, accounts: dict[str, Any] | None = None,
                    ) -> tuple[bytes, WrittenBatch]:
        """The encrypted batch of everything pending (or ``records``); advances seq/prev."""
        header = BatchHeader(
            batch_id=bytes(16 - len(str(self.seq))) + str(self.seq).encode(),
            post_key=self.key, seq=self.seq + 1 if seq is None else seq,
            prev=self.prev if prev is None else prev,
            hq_root_public=hq_root or self.hq.root_public,
            created_at=created_at or self.clock + timedelta(minutes=30), exporter="superviseur",
            app_version="0.1.0", schema_version=4, tokens=tuple(self.tokens), accounts=accounts)
        out = io.BytesIO()
        written = write_batch(out, header, self.records() if records is None else records,
                              recipients=recipients or [self.hq.age_recipient])
        if advance:
            self.seq, self.prev = header.seq, written.manifest_hash
            self.data, self.audit, self.tokens = [], [], []
            self.written.append(written)
        return out.getvalue(), written

    def batch(self, directory: Path, **kw: Any) -> Path:
        data, written = self.batch_bytes(**kw)
        path = directory / batch_filename(self.post_id, written.manifest.seq)
        if path.exists():  # a fork or a re-export with another content: keep both files
            path = directory / f"{path.stem}-{written.manifest_hash[:2].hex()}.frb"
        directory.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path


def unlisted_key(hq: HqDir, post_id: str, *, at: datetime = T0) -> PostKey:
    """A key with a genuine certificate from ``hq`` that HQ's trust list does not hold."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from fieldreg.keys import Certificate
    from fieldreg.keys.ids import public_raw

    private = Ed25519PrivateKey.generate()
    cert = Certificate.issue(post_id=post_id, public_key=public_raw(private), not_before=at,
                             not_after=at + timedelta(days=730), issued_at=at,
                             root=hq._root)  # test-only: HQ issuing outside enroll_post
    return PostKey(private, cert)


def unpack(hq: HqDir, data: bytes) -> list[tuple[str, bytes]]:
    """The inner archive's files, in order (decrypted with HQ's identity)."""
    import pyrage

    inner = pyrage.decrypt(data, [hq.age_identity()])
    with tarfile.open(fileobj=io.BytesIO(inner), mode="r:") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]


def repack(recipient: str, files: list[tuple[str, bytes]], *, mtime: int = 0) -> bytes:
    """A hand-built batch: these files in a ustar archive, age-encrypted to ``recipient``."""
    import pyrage

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, content in files:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(content), 0o600, mtime
            tar.addfile(info, io.BytesIO(content))
    return pyrage.encrypt(out.getvalue(), [pyrage.x25519.Recipient.from_str(recipient)])


def handmade_batch(post: PostSim, lines: list[bytes], *, counts: dict[str, int],
                   audit: tuple[int, int, bytes] = (0, 0, bytes(32))) -> bytes:
    """A batch signed by ``post``'s key around record lines written by hand (no write_batch)."""
    import hashlib

    from fieldreg.batches import KINDS, Manifest
    from fieldreg.batches.manifest import hq_id, sign_manifest

    content = b"".join(lines)
    cert = post.key.certificate.raw
    files = [("certificate.cose", len(cert), hashlib.sha256(cert).digest())]
    if content:
        files.append(("records-000001.jsonl", len(content), hashlib.sha256(content).digest()))
    created = post.clock + timedelta(minutes=30)
    manifest = Manifest(
        batch_id=b"h" * 16, post=post.post_id, kid=post.key.key_id, seq=post.seq + 1,
        prev=post.prev, hq=hq_id(post.hq.root_public),
        created_at=created.replace(microsecond=0), exporter="superviseur", app_version="0.1.0",
        schema_version=4, counts={k: counts.get(k, 0) for k in KINDS}, files=tuple(files),
        tokens=(), audit=audit)
    raw = sign_manifest(manifest, post.key.private_key)
    members = [("certificate.cose", cert)]
    if content:
        members.append(("records-000001.jsonl", content))
    return repack(post.hq.age_recipient, [*members, ("manifest.cose", raw)],
                  mtime=int(created.timestamp()))


def unchecked_batch(post: PostSim) -> bytes:
    """Everything ``post`` has pending, as write_batch lays it out but without its record checks.

    ``write_batch`` refuses a record HQ would refuse; this writes one anyway, to
    show that HQ refuses it too.
    """
    import json
    from collections import Counter

    records = post.records()
    lines = [(json.dumps({"kind": r["kind"], "n": n, **{k: v for k, v in r.items() if k != "kind"}},
                         ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
             for n, r in enumerate(records, 1)]
    audit = [r for r in records if r["kind"] == "audit"]
    span = (audit[0]["seq"], audit[-1]["seq"], bytes.fromhex(audit[-1]["hash"])) if audit else (
        0, 0, NO_PREVIOUS)
    return handmade_batch(post, lines, counts=Counter(r["kind"] for r in records), audit=span)
