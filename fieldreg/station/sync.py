"""The post's outbox over the network: ``session.sync`` (``fieldreg sync``, the app's background sync).

    session.sync.configure(url="https://hq.example.org:8443", auto_batch=True)   # an admin, once
    report = session.sync.run_once(progress=show)   # one round; never raises for a bad link
    status = session.sync.status()                  # what the status bar says

One round: (1) if the post allows it and records wait, the next batch is
prepared exactly as for a stick (:meth:`Batches.prepare`); (2) every batch HQ
has not acknowledged is uploaded (resumable: fieldreg.sync.client) — the same
file a stick would carry, so a batch that travels both ways is imported once;
(3) HQ's receipt is loaded as a stick's would be (:meth:`Batches.load_receipt`);
(4) a new post key's enrollment file, if HQ published one (key rotation), is
saved for an administrator to load with its one-time passphrase; (5) the
trust list and the revocation list are fetched when they changed
(conditional requests: ``If-None-Match`` with the ETag kept in the store's
settings) and loaded as files from a stick would be. Each step's outcome is in
the report; what stopped the round (HQ not reached, a refusal) is
``report.reason``, a code and its values (fieldreg.sync.problems) the app words
in its language, and ``report.problem`` its English line; the settings keep
both, for the status bar and 'fieldreg sync --status'. The caller decides
when to try again (:class:`fieldreg.sync.backoff.Backoff`).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fieldreg.errors import InvalidInput
from fieldreg.fsutil import atomic_write
from fieldreg.keys.enrollment import read_enrollment_info
from fieldreg.keys.truststore import StaleTrustList
from fieldreg.model import iso_utc, utcnow
from fieldreg.sqlitedb import transaction
from fieldreg.station.batches import Batches, ReceiptResult
from fieldreg.station.service import Service
from fieldreg.station.tokens import current_post_key
from fieldreg.station.trust import Trust, station_trust
from fieldreg.store.batches import every_batch, waiting_households
from fieldreg.store.keys import list_keys
from fieldreg.store.post import delete_meta, set_meta
from fieldreg.sync.backoff import Backoff
from fieldreg.sync.problems import SyncProblem
from fieldreg.sync.protocol import API, BatchId

if TYPE_CHECKING:  # the client brings httpx and TLS: loaded when a round first runs
    from fieldreg.sync.client import HqClient, UploadResult

__all__ = ["Backoff", "Sync", "SyncReport", "SyncStatus", "describe_status", "describe_uploads"]

URL_META = "sync_hq_url"
AUTO_META = "sync_auto_batch"  # "1": a round may make a batch of the waiting records
CONTACT_META = "sync_last_contact"  # when HQ last answered (ISO UTC)
PROBLEM_META = "sync_problem"  # what stopped the last round, one English line ("" when none)
REASON_META = "sync_problem_code"  # the same as code and values, JSON (SyncProblem.to_json)
PERMANENT_META = "sync_problem_permanent"  # "1": a person must act before it can work
ETAG_META = "sync_etag_"  # + receipt | trustlist | revocations | enrollment
FROM_HQ_DIRNAME = "from-hq"  # <data dir>/from-hq/<POST>-<key id>.enroll

Progress = Callable[[int, int, int], None]  # (batch seq, bytes at HQ or on the way, batch size)


@dataclass
class SyncReport:
    reached: bool = False
    uploads: list[tuple[int, UploadResult]] = field(default_factory=list)
    receipt: ReceiptResult | None = None
    loaded: list[str] = field(default_factory=list)  # "trust list version 3", ...
    # a new post key's enrollment file from HQ, saved for an administrator to load with its
    # one-time passphrase ('fieldreg keys load PATH')
    new_key: Path | None = None
    reason: SyncProblem | None = None  # what stopped the round
    retry_after: float | None = None

    @property
    def problem(self) -> str | None:
        """What stopped the round, one English line (the log, the command line)."""
        return None if self.reason is None else str(self.reason)

    @property
    def permanent(self) -> bool:
        """The problem needs a person (wrong pin, refused batch, fork)."""
        return self.reason is not None and self.reason.permanent


@dataclass(frozen=True)
class SyncStatus:
    url: str | None
    last_contact: str | None
    problem: str | None  # the last round's problem, one English line
    permanent: bool
    waiting: int  # households HQ has not acknowledged
    oldest_waiting: str | None  # when the oldest of them was registered
    # the same problem as code and values, for the app's language; None for a line an
    # earlier version stored (it kept only the English)
    reason: SyncProblem | None = None


class Sync(Service):
    """Uploads and downloads with HQ's receiver: supervisors and administrators."""

    permissions = {"configure": "manage_all_accounts", "run_once": "sync", "status": "sync"}

    def configure(self, *, url: str | None = None, auto_batch: bool | None = None) -> None:
        """Set HQ's address (``https://host:port``) and whether rounds may make batches."""
        if url is not None and not url.startswith("https://"):
            raise InvalidInput("HQ's address must start with https:// (got {url!r})", url=url)
        session = self._session
        with transaction(session.store.db) as conn:
            if url is not None:
                set_meta(conn, URL_META, url.rstrip("/"))
            if auto_batch is not None:
                set_meta(conn, AUTO_META, "1" if auto_batch else "0")
            session.audit_on(conn).append(actor=session.user, action="sync_configure",
                                          subject=session.store.post_id,
                                          details={"url": url, "auto_batch": auto_batch})

    def status(self) -> SyncStatus:
        store = self._session.store
        count, oldest = waiting_households(store.db)
        problem = store.meta_or(PROBLEM_META) or None
        reason = SyncProblem.from_json(store.meta_or(REASON_META) or "") if problem else None
        return SyncStatus(store.meta_or(URL_META), store.meta_or(CONTACT_META), problem,
                          store.meta_or(PERMANENT_META) == "1", count, oldest, reason)

    def run_once(self, *, progress: Progress | None = None, now: datetime | None = None,
                 client: HqClient | None = None) -> SyncReport:
        """One round with HQ; a link that fails is a report, never an exception."""
        from fieldreg.sync.client import HqClient, HqRefused, Unreachable

        session, store = self._session, self._session.store
        url = store.meta_or(URL_META)
        if not url:
            raise InvalidInput("this post has no HQ address: an administrator sets it with "
                               "'fieldreg sync --hq https://HOST:PORT'")
        batches = Batches(session)
        if store.meta_or(AUTO_META) == "1":
            batches.prepare(now=now)
        report = SyncReport()
        own = client is None
        if client is None:
            pins = station_trust(session.station).trust.tls_pins
            client = HqClient(url, current_post_key(session, now=now), pins=pins)
        try:
            self._round(client, batches, report, progress)
        except Unreachable as err:
            report.reason, report.retry_after = err.problem, err.retry_after
        except HqRefused as err:
            report.reason = err.problem
        finally:
            report.reached = client.answered
            if own:
                client.close()
        self._remember(report, now or utcnow())
        return report

    def _round(self, client: HqClient, batches: Batches, report: SyncReport,
               progress: Progress | None) -> None:
        session, store = self._session, self._session.store
        post = store.post_id
        for row in every_batch(store.db):
            if row.status == "acknowledged":
                continue
            show = None if progress is None else (
                lambda done, size, seq=row.seq: progress(seq, done, size))
            result = client.upload(BatchId(post, row.seq, row.sha256),
                                   batches.local_dir() / row.file_name, progress=show)
            report.uploads.append((row.seq, result))
            if result.status not in ("imported", "already_imported"):
                report.reason = SyncProblem("batch_fork" if result.status == "fork" else
                                            "batch_refused", {"seq": row.seq}, said=result.message)
                break  # a later batch would only be refused as out of sequence
        data, etag = self._fetch(client, f"{API}/posts/{post}/receipt", "receipt")
        if data is not None:
            report.receipt = batches.load_receipt(data)
            self._keep_etag("receipt", etag)
        self._fetch_enrollment(client, report)
        trust = Trust(session)
        for name, what in (("trustlist", "trust list"), ("revocations", "revocation list")):
            data, etag = self._fetch(client, f"{API}/{name}", name)
            if data is None:
                continue
            try:
                loaded = trust.load_list(data)
                report.loaded.append(f"{what} version {loaded.version}")
            except StaleTrustList:
                pass  # this station holds it or a newer one already
            self._keep_etag(name, etag)

    def _fetch_enrollment(self, client: HqClient, report: SyncReport) -> None:
        """A new key's enrollment file HQ published (rotation): kept for an administrator to load."""
        store = self._session.store
        data, etag = self._fetch(client, f"{API}/posts/{store.post_id}/enrollment", "enrollment")
        if data is None:
            return
        info = read_enrollment_info(data)
        held = {key.key_id for key in list_keys(store.db)}
        if info.post_id == store.post_id and info.key_id not in held:
            target = store.data_dir / FROM_HQ_DIRNAME / f"{info.post_id}-{info.key_id}.enroll"
            target.parent.mkdir(mode=0o700, exist_ok=True)
            atomic_write(target, data)
            report.new_key = target
        self._keep_etag("enrollment", etag)

    # -- settings --------------------------------------------------------------------------

    def _fetch(self, client: HqClient, path: str, name: str) -> tuple[bytes | None, str | None]:
        return client.fetch(path, etag=self._session.store.meta_or(ETAG_META + name))

    def _keep_etag(self, name: str, etag: str | None) -> None:
        """Kept only once the document is loaded: an interrupted load fetches it again."""
        with transaction(self._session.store.db) as conn:
            if etag:
                set_meta(conn, ETAG_META + name, etag)
            else:
                delete_meta(conn, ETAG_META + name)

    def _remember(self, report: SyncReport, now: datetime) -> None:
        with transaction(self._session.store.db) as conn:
            if report.reached:
                set_meta(conn, CONTACT_META, iso_utc(now))
            set_meta(conn, PROBLEM_META, report.problem or "")
            set_meta(conn, REASON_META, "" if report.reason is None else report.reason.to_json())
            set_meta(conn, PERMANENT_META, "1" if report.permanent else "0")


def describe_uploads(uploads: builtins.list[tuple[int, UploadResult]]) -> builtins.list[str]:
    return [f"batch {seq}: {result.status.replace('_', ' ')}" for seq, result in uploads]


def describe_status(status: SyncStatus) -> str:
    """What a supervisor reads: HQ reached when, how many households wait, since when."""
    reached = (f"HQ last reached {status.last_contact.replace('T', ' ').rstrip('Z')} UTC"
               if status.last_contact else "HQ never reached")
    waiting = (f"{status.waiting} household{'s' if status.waiting != 1 else ''} waiting for HQ"
               if status.waiting else "nothing waiting for HQ")
    if status.oldest_waiting:
        waiting += f", the oldest registered {status.oldest_waiting[:10]}"
    text = f"{reached}; {waiting}"
    if status.problem:
        text += f"; last try: {status.problem}"
    return text
