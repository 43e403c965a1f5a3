"""HQ's registry: what every post sent, in ``HQDIR/registry.db`` or on a PostgreSQL server.

    with Registry.open(hq) as registry:             # created on first use
        registry.batches("TGR1")                     # [BatchRow, ...] by seq
        registry.missing("TGR1")                     # [4, 5]: batch numbers HQ never received
        registry.receipt_batches("TGR1")             # [(seq, manifest hash), ...] for the receipt
        registry.household("TGR1-26-000001-7")       # the newest version HQ holds, unsealed
        registry.versions("TGR1-26-000001-7")        # every version, oldest first

Batches are written by ``fieldreg.hq.importer`` only, inside one transaction per
batch. Personal data — each household version and its reason, each slip
revocation reason — is sealed with AES-256-GCM under the registry key that
``HqDir`` derives from its master key; the associated data names the table, the
registration number (or token id) and the version, so a blob moved to another
row fails to open. Where the registry lives is the HQ directory's choice
(fieldreg/hq/db): ``HQDIR/registry.conf`` names a PostgreSQL server, else it is
the SQLite file ``HQDIR/registry.db`` with the post store's durability settings
(WAL, ``synchronous=FULL``: fieldreg/sqlitedb.py). ``registry.db`` is that
connection (:class:`~fieldreg.hq.db.Db`), whose SQL reads the same on both.
Schema: fieldreg/hq/schema.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.crypto.aead import Sealer
from fieldreg.errors import CorruptData, FieldRegError, NotFound
from fieldreg.hq.counted import backfill as backfill_counted
from fieldreg.hq.db import CONFIG_FILE, SQLITE, SQLITE_FILE, Db, open_db
from fieldreg.hq.schema import migrate
from fieldreg.keys.hqdir import HqDir
from fieldreg.regno import RegNo, is_canonical_regno, parse_regno

REGISTRY_FILE = SQLITE_FILE
HELD_DIR = "held"
RECEIPTS_DIR = "receipts"
_YEAR = "substr(regno, length(post) + 2, 2)"  # the YY of POST-YY-NNNNNN-C, in SQL
# Numbers a post's audit says it registered, of which HQ holds no version: of every post (a
# hash anti-join), and of one post. Every version's post is its number's prefix, so for one
# post the lookup by number alone is the same question, answered through the registration-
# number index; asked by post too, PostgreSQL plans a scan per entry for a post new to its
# statistics (5 s for one batch of 5,000 households at a million people).
_UNSENT = ("SELECT a.post, a.subject FROM audit a WHERE a.action = 'register' AND NOT EXISTS"
           " (SELECT 1 FROM household_versions v WHERE v.regno = a.subject AND v.post = a.post)")
_UNSENT_OF_POST = (
    "SELECT DISTINCT subject FROM audit a WHERE post = ? AND action = 'register'"
    " AND (substr(subject, 1, length(post) + 1) <> post || '-'"
    " OR NOT EXISTS (SELECT 1 FROM household_versions v WHERE v.regno = a.subject))")
_KEY_CHECK = b"fieldreg hq registry"
_KEY_CHECK_AAD = b"meta|key_check"
_CONTENT_MAC_INFO = b"fieldreg hq registry content mac v1"


@dataclass(frozen=True)
class BatchRow:
    post: str
    seq: int
    manifest_hash: bytes
    prev: bytes
    created_at: str
    imported_at: str
    file_name: str
    records: int
    counts: dict[str, int]


@dataclass(frozen=True)
class HeldRow:
    post: str
    seq: int
    manifest_hash: bytes
    reason: str  # "fork" or "conflict"
    detail: str
    path: str  # relative to the HQ directory: held/<file>
    held_at: str


@dataclass(frozen=True)
class CurrentState:
    """The registry's current state counted (``Registry.current_state``)."""

    totals: dict[str, tuple[int, int]]  # status -> (households, members)
    numbers: dict[str, dict[str, tuple[int, str]]]  # post -> YY -> (numbers held, the highest)

    def households(self, post: str) -> int:
        return sum(held for held, _ in self.numbers.get(post, {}).values())


@dataclass(frozen=True)
class HouseholdVersion:
    post: str
    regno: str
    version: int
    kind: str
    status: str
    at: str
    by: str
    batch_seq: int
    household: dict[str, Any]
    reason: str


class Registry:
    """An open registry. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, db: Db, path: Path, key: bytes):
        self.db = db
        self.path = path  # HQDIR/registry.db, or HQDIR/registry.conf naming the server
        self.hq_path = path.parent  # where held/ and receipts/ are
        self._sealer = Sealer(key)
        self._mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                             info=_CONTENT_MAC_INFO).derive(key)

    @classmethod
    def open(cls, hq: HqDir) -> Registry:
        """Open (creating if needed) HQ's registry; refuse one made by another HQ."""
        db = open_db(hq.path)
        path = hq.path / (REGISTRY_FILE if db.engine == SQLITE else CONFIG_FILE)
        try:
            migrate(db)
            registry = cls(db, path, hq.registry_key)
            registry._check_owner(hq)
            backfill_counted(db, registry.open_household)  # at once, unless step 0006 left a note
        except BaseException:
            db.close()
            raise
        return registry

    def _check_owner(self, hq: HqDir) -> None:
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if "hq_root" not in meta:
            # Two processes opening a new registry at once: the first to commit names its owner.
            with self.db.transaction() as conn:
                conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", [
                    ("hq_root", hq.root_public.hex()),
                    ("key_check", self._sealer.seal(_KEY_CHECK, _KEY_CHECK_AAD).hex()),
                ])
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("hq_root") != hq.root_public.hex():
            raise CorruptData("{path} belongs to another HQ key directory", path=self.db.location)
        try:
            ok = self._sealer.open(bytes.fromhex(meta["key_check"]), _KEY_CHECK_AAD) == _KEY_CHECK
        except (KeyError, ValueError, CorruptData):
            ok = False
        if not ok:
            raise CorruptData("{path} cannot be read with this HQ's registry key", path=self.db.location)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sealing ----------------------------------------------------------------------------
    def content_mac(self, record: dict[str, Any]) -> bytes:
        """HMAC of a record's content (everything but its number ``n`` in the batch).

        ``ValueError`` for what JSON cannot carry (NaN, Infinity, lone surrogates).
        """
        content = {k: v for k, v in record.items() if k != "n"}
        text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
        return hmac.new(self._mac_key, text.encode("utf-8"), hashlib.sha256).digest()

    def seal_version(self, regno: str, version: int, household: dict[str, Any], reason: str) -> bytes:
        plain = json.dumps({"household": household, "reason": reason}, ensure_ascii=False)
        return self._sealer.seal(plain.encode("utf-8"), _version_aad(regno, version))

    def open_household(self, regno: str, version: int, sealed: bytes) -> dict[str, Any]:
        """The household of a version's ``sealed`` column."""
        content: dict[str, dict[str, Any]] = json.loads(self._sealer.open(sealed, _version_aad(regno, version)))
        return content["household"]

    def seal_held(self, post: str, batch_seq: int, n: int, plain: bytes) -> bytes:
        """A held record as received (fieldreg/hq/staging.py), bound to where it came from."""
        return self._sealer.seal(plain, _held_aad(post, batch_seq, n))

    def open_held(self, post: str, batch_seq: int, n: int, sealed: bytes) -> bytes:
        return self._sealer.open(sealed, _held_aad(post, batch_seq, n))

    def seal_revocation_reason(self, token_id: str, reason: str) -> bytes:
        return self._sealer.seal(reason.encode("utf-8"), f"token_revocations|{token_id}|reason".encode())

    def revocation_reason(self, token_id: str) -> str:
        row = self.db.execute("SELECT reason FROM token_revocations WHERE token_id = ?",
                              (token_id,)).fetchone()
        if row is None:
            raise NotFound("token {token_id} was not revoked by any post", token_id=token_id)
        blob = self._sealer.open(row[0], f"token_revocations|{token_id}|reason".encode())
        return blob.decode("utf-8")

    # -- batches ----------------------------------------------------------------------------
    def posts(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT post FROM posts ORDER BY post")]

    def batch(self, post: str, seq: int) -> BatchRow | None:
        rows = self._batches("WHERE post = ? AND seq = ?", (post, seq))
        return rows[0] if rows else None

    def batches(self, post: str) -> list[BatchRow]:
        return self._batches("WHERE post = ? ORDER BY seq", (post,))

    def _batches(self, where: str, args: tuple[Any, ...]) -> list[BatchRow]:
        rows = self.db.execute(
            "SELECT post, seq, manifest_hash, prev, created_at, imported_at, file_name, records,"
            f" counts FROM batches {where}", args)
        return [BatchRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8]))
                for r in rows]

    def receipt_batches(self, post: str) -> list[tuple[int, bytes]]:
        """Every (seq, manifest hash) HQ holds for ``post``: what its receipt lists."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT seq, manifest_hash FROM batches WHERE post = ? ORDER BY seq", (post,))]

    def missing(self, post: str) -> list[int]:
        """Batch numbers below the highest received that HQ does not hold."""
        have = {r[0] for r in self.db.execute("SELECT seq FROM batches WHERE post = ?", (post,))}
        return [seq for seq in range(1, max(have, default=0)) if seq not in have]

    def missing_numbers(self, post: str) -> list[str]:
        """Registration numbers of ``post`` HQ should hold and does not, oldest first.

        A post issues its numbers in order and never reuses one; a void keeps its
        number. So a number the post's audit entries say it registered must have
        arrived (in the same batch as the entry), and, once HQ holds every batch of
        the post up to its highest, so must every number below the highest HQ
        received for that year. One that did not was deleted at the post — unless the
        post named it as one it could not open.
        """
        unsent = {r[0] for r in self.db.execute(_UNSENT_OF_POST, (post,))}
        return self._number_gaps(post, unsent, self.numbers_by_year(post))

    def every_missing_number(self, state: CurrentState) -> dict[str, list[str]]:
        """:meth:`missing_numbers` of every post at once (the report), from ``current_state()``."""
        unsent: dict[str, set[str]] = {}
        for post, subject in self.db.execute(_UNSENT):
            unsent.setdefault(post, set()).add(subject)
        return {post: self._number_gaps(post, unsent.get(post, set()), state.numbers.get(post, {}))
                for post in self.posts()}

    def _number_gaps(self, post: str, unsent: set[str],
                     by_year: dict[str, tuple[int, str]]) -> list[str]:
        # A number the post could not open and named in a batch instead (post_unreadable)
        # is not missing: the post holds it, and the report lists it on its own; nor is one
        # whose record HQ holds for a person to decide (hq_held_records).
        reported = {r[0] for r in self.db.execute(
            "SELECT regno FROM post_unreadable WHERE post = ?"
            " UNION SELECT regno FROM hq_held_records WHERE post = ? AND regno IS NOT NULL",
            (post, post))}
        # (A malformed number in an audit entry is the held record's business, not a gap.)
        missing = {regno for regno in unsent if is_canonical_regno(regno)} - reported
        if self.missing(post):
            return sorted(missing)  # the others may be in the batches not received yet
        # As many numbers in a year as the highest's sequence: none is missing, and the
        # numbers themselves need not be read (a million people: a few rows, not 250,000).
        # Every number HQ applies passed validate.py (well-formed, of its post), so each
        # sequence counts once.
        for yy, (held, highest) in by_year.items():
            try:
                top = parse_regno(highest)
            except FieldRegError:
                top = None  # a malformed number (older registries): read the year's numbers
            if top is not None and held == top.sequence:
                continue
            seen: dict[int, set[int]] = {}
            for (regno,) in self.db.execute(
                    f"SELECT DISTINCT regno FROM household_versions WHERE post = ? AND {_YEAR} = ?",
                    (post, yy)):
                try:
                    number = parse_regno(regno)
                except FieldRegError:
                    continue
                seen.setdefault(number.year, set()).add(number.sequence)
            missing.update(str(RegNo.build(post, y, n))
                           for y, have in seen.items() for n in range(1, max(have)) if n not in have)
        return sorted(missing - reported)

    def numbers_by_year(self, post: str) -> dict[str, tuple[int, str]]:
        """Per two-digit year: how many registration numbers of ``post`` HQ holds, and the highest.

        Numbers are fixed-width (``POST-YY-NNNNNN-C``), so the highest sorts last.
        """
        return {yy: (held, highest) for yy, held, highest in self.db.execute(
            f"SELECT {_YEAR}, COUNT(DISTINCT regno), MAX(regno) FROM household_versions"
            f" WHERE post = ? GROUP BY {_YEAR}", (post,))}

    def current_state(self) -> CurrentState:
        """The registry's current state (the newest version of each registration), counted.

        The same households as the view ``current_households``, found as an
        anti-join — no newer version exists — which both engines run in one pass
        (the view's per-row MAX subquery takes seconds on PostgreSQL at a million
        people): per status, households and members; per post and year, how many
        numbers and the highest.
        """
        totals: dict[str, tuple[int, int]] = {}
        numbers: dict[str, dict[str, tuple[int, str]]] = {}
        for post, yy, status, households, members, highest in self.db.execute(
                f"SELECT post, {_YEAR}, status, COUNT(*), SUM(members), MAX(regno)"
                " FROM household_versions v WHERE NOT EXISTS (SELECT 1 FROM household_versions w"
                f" WHERE w.regno = v.regno AND w.version > v.version) GROUP BY post, {_YEAR}, status"):
            count, people = totals.get(status, (0, 0))
            totals[status] = (count + int(households), people + int(members or 0))
            held, top = numbers.setdefault(post, {}).get(yy, (0, ""))
            numbers[post][yy] = (held + int(households), max(top, highest))
        return CurrentState(totals, numbers)

    def alerts(self, post: str) -> list[tuple[int, str, str]]:
        """The post's ``audit_alert`` entries HQ holds: (seq, at, code), oldest first."""
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            "SELECT seq, at, subject FROM audit WHERE post = ? AND action = 'audit_alert'"
            " ORDER BY seq", (post,))]

    def held(self, post: str | None = None) -> list[HeldRow]:
        where, args = ("WHERE post = ?", (post,)) if post else ("", ())
        rows = self.db.execute(
            "SELECT post, seq, manifest_hash, reason, detail, path, held_at FROM held"
            f" {where} ORDER BY post, seq, id", args)
        return [HeldRow(*r) for r in rows]

    # -- households -------------------------------------------------------------------------
    def versions(self, regno: str) -> list[HouseholdVersion]:
        return self._versions("household_versions", regno)

    def household(self, regno: str) -> HouseholdVersion:
        """The newest version HQ holds of ``regno`` (its current state)."""
        rows = self._versions("current_households", regno)
        if not rows:
            raise NotFound("HQ holds no registration {regno}", regno=regno)
        return rows[0]

    def current_active(self) -> Iterator[HouseholdVersion]:
        """The newest version of every registration whose newest version is active, by
        registration number: one query (an anti-join, as ``current_state``), not one per
        registration."""
        rows = self.db.execute(
            f"SELECT {_VERSION_COLUMNS} FROM household_versions v WHERE NOT EXISTS"
            " (SELECT 1 FROM household_versions w WHERE w.regno = v.regno AND w.version > v.version)"
            " AND status = 'active' ORDER BY regno")
        return (self._opened(row) for row in rows)

    def _versions(self, table: str, regno: str) -> list[HouseholdVersion]:
        rows = self.db.execute(
            f"SELECT {_VERSION_COLUMNS} FROM {table} WHERE regno = ? ORDER BY version", (regno,)).fetchall()
        return [self._opened(row) for row in rows]

    def _opened(self, row: tuple[Any, ...]) -> HouseholdVersion:
        post, regno, version, kind, status, at, by, batch_seq, sealed = row
        content = json.loads(self._sealer.open(sealed, _version_aad(regno, version)))
        return HouseholdVersion(post, regno, version, kind, status, at, by, batch_seq,
                                content["household"], content["reason"])

    def audit_entries(self, post: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit"
            " WHERE post = ? ORDER BY seq", (post,))
        return [{"seq": r[0], "at": r[1], "actor": r[2], "action": r[3], "subject": r[4],
                 "details": json.loads(r[5]), "prev_hash": r[6], "hash": r[7]} for r in rows]


_VERSION_COLUMNS = "post, regno, version, kind, status, at, by_user, batch_seq, sealed"


def _held_aad(post: str, batch_seq: int, n: int) -> bytes:
    return f"hq_held_records|{post}|{batch_seq}|{n}".encode()


def _version_aad(regno: str, version: int) -> bytes:
    return f"household_versions|{regno}|{version}".encode()


def describe_missing_numbers(post: str, missing: list[str], *, shown: int = 12) -> str | None:
    """``"post TGR1: registration numbers missing: TGR1-26-000002-X"`` (None if none)."""
    if not missing:
        return None
    more = f" (and {len(missing) - shown} more)" if len(missing) > shown else ""
    noun = "number" if len(missing) == 1 else "numbers"
    return f"post {post}: registration {noun} missing: {', '.join(missing[:shown])}{more}"


def describe_missing(post: str, missing: list[int]) -> str | None:
    """``"post TGR1: batches 4–5, 7 missing"`` (``None`` when nothing is missing)."""
    if not missing:
        return None
    ranges: list[list[int]] = []
    for seq in sorted(missing):
        if ranges and seq == ranges[-1][1] + 1:
            ranges[-1][1] = seq
        else:
            ranges.append([seq, seq])
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in ranges]
    noun = "batch" if len(missing) == 1 else "batches"
    return f"post {post}: {noun} {', '.join(parts)} missing"
