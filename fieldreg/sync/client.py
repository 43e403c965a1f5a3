"""The post's side of the wire: HqClient (httpx, tus 1.0.0 core + creation, signed requests).

    client = HqClient("https://hq.example.org:8443", post_key, pins=trust.tls_pins)
    result = client.upload(BatchId("TGR1", 4, sha256), path, progress=show)   # resumes by itself
    data, etag = client.fetch("/v1/trustlist", etag=old_etag)                 # None: unchanged

``upload`` creates (or finds again) the batch's upload, asks where HQ stands
and sends the rest in chunks, one PATCH each, sized to the link
(fieldreg.sync.chunks); when the link drops it asks again and goes on from the
byte HQ holds — so it hands again at most the chunk HQ had not acknowledged —
waiting with back-off only while no byte gets through. What it
cannot settle it raises: :class:`Unreachable` (try later: the link, HQ busy,
HQ's disk) or :class:`HqRefused` (a person must act: wrong pin, unknown key,
a batch HQ will not take). ``HTTPS_PROXY`` is honoured (httpx ``trust_env``);
the pin check still applies through a proxy's tunnel.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from fieldreg.errors import FieldRegError
from fieldreg.keys.ids import key_id_hex
from fieldreg.keys.postkey import PostKey
from fieldreg.model import utcnow
from fieldreg.sync.backoff import Backoff
from fieldreg.sync.chunks import ChunkSizer
from fieldreg.sync.problems import SyncProblem
from fieldreg.sync.protocol import (
    API,
    BATCH_STATUS,
    FINISHED,
    PROBLEM,
    RECEIVING,
    TUS_CONTENT_TYPE,
    TUS_VERSION,
    BatchId,
)
from fieldreg.sync.signing import sign_request
from fieldreg.sync.tls import pinned_context, refusal_in

# Bytes of a chunk handed to the connection at a time: one TLS record each; HQ keeps every
# whole record that reached it, so a cut wastes on the link little more than one in flight.
PIECE = 4 * 1024
TRANSIENT = {429, 500, 502, 503, 504, 507}
Progress = Callable[[int, int], None]  # (bytes HQ holds or that are on their way, batch size)


class Unreachable(FieldRegError):
    """HQ cannot be reached or cannot take it now: try again later (``retry_after`` seconds)."""

    def __init__(self, problem: SyncProblem, /, *, retry_after: float | None = None):
        super().__init__(problem.english())
        self.problem = problem
        self.retry_after = retry_after


class HqRefused(FieldRegError):
    """HQ, or the connection to it, refuses: retrying will not help until a person acts."""

    def __init__(self, problem: SyncProblem, /):
        super().__init__(problem.english())
        self.problem = problem


@dataclass(frozen=True)
class Resume:
    """The transfer went on after a chunk was cut short: from HQ's ``offset``, handing again
    ``handed_again`` bytes that had been handed to a connection before; ``chunk``: the size of
    the chunk that got no acknowledgement (handed_again <= chunk, by construction)."""

    offset: int
    handed_again: int
    chunk: int


@dataclass(frozen=True)
class UploadResult:
    status: str  # imported | already_imported | fork | refused (protocol words)
    message: str
    sent: int  # bytes of the batch sent by this call (re-sent ones included)
    resumed_from: tuple[int, ...]  # the offsets the transfer (re)started from
    chunks: int = 0  # PATCH requests that carried bytes
    resumes: tuple[Resume, ...] = ()


class _Handed:
    """What one upload handed to its connections: chunks, the furthest byte, the resumes."""

    def __init__(self) -> None:
        self.sent = 0
        self.chunks = 0
        self.starts: list[int] = []
        self.resumes: list[Resume] = []
        self._furthest = 0  # every byte before it was handed to a connection at least once
        self._offset = self._chunk = 0  # the chunk being sent
        self._cut_chunk: int | None = None  # the chunk a cut interrupted, until the next starts
        self._fresh = True  # the next chunk (re)starts the transfer

    def starting(self, offset: int, chunk: int) -> None:
        if self._cut_chunk is not None:
            self.resumes.append(Resume(offset, max(0, self._furthest - offset), self._cut_chunk))
            self._cut_chunk = None
        if self._fresh:
            self.starts.append(offset)
            self._fresh = False
        self._offset, self._chunk = offset, chunk
        self.chunks += 1

    def answered(self, handed: int) -> None:
        self.sent += handed
        self._furthest = max(self._furthest, self._offset + handed)

    def interrupted(self, handed: int) -> None:
        """The chunk got no acknowledgement (a cut, or HQ holds another offset)."""
        self.answered(handed)
        self._cut_chunk, self._fresh = self._chunk, True


class HqClient:
    def __init__(self, base_url: str, post_key: PostKey, *, pins: tuple[bytes, ...],
                 timeout: float = 60.0, max_stalls: int = 6,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], datetime] = utcnow):
        self.base_url = base_url.rstrip("/")
        self.post_key = post_key
        self.key_id = key_id_hex(post_key.key_id)
        self.clock_offset = timedelta(0)  # HQ's clock minus ours, from its Date header
        self.answered = False  # HQ answered at least once (the status bar's "reached")
        self.max_stalls = max_stalls
        self.sleep = sleep
        self.clock = clock  # this laptop's clock (HQ's Date header corrects it)
        self._http = httpx.Client(verify=pinned_context(pins), trust_env=True,
                                  timeout=httpx.Timeout(timeout, connect=min(timeout, 30.0)))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HqClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one signed request --------------------------------------------------------------

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                content: bytes | Iterator[bytes] | None = None) -> httpx.Response:
        """Send a signed request; transport failures become :class:`Unreachable`/`HqRefused`."""
        for attempt in (1, 2):
            response = self._send(method, path, dict(headers or {}), content)
            if (response.status_code == 401 and response.headers.get(PROBLEM) == "clock"
                    and attempt == 1 and content is None):
                continue  # our clock was off: _send learnt HQ's from the Date header
            return response
        return response

    def _send(self, method: str, path: str, headers: dict[str, str],
              content: bytes | Iterator[bytes] | None) -> httpx.Response:
        url = self.base_url + path
        headers.setdefault("Tus-Resumable", TUS_VERSION)
        if content is None and method in ("POST", "PATCH"):
            headers["Content-Length"] = "0"
        headers.update(sign_request(self.post_key.private_key, self.key_id, method, url, headers,
                                    now=self.clock() + self.clock_offset))
        try:
            response = self._http.request(method, url, headers=headers, content=content)
        except httpx.TransportError as err:
            refusal = refusal_in(err)
            if refusal is not None:  # the pin check's own problem (fieldreg.sync.tls)
                raise HqRefused(refusal.problem) from None
            raise Unreachable(SyncProblem(transport_problem(err))) from None
        self.answered = True
        self._learn_clock(response)
        return response

    def _learn_clock(self, response: httpx.Response) -> None:
        date = response.headers.get("date")
        if not date:
            return
        try:
            theirs = parsedate_to_datetime(date)
        except (TypeError, ValueError):
            return
        offset = theirs - self.clock()
        # Only a difference the signature window cannot absorb is corrected (Date has 1 s steps).
        self.clock_offset = offset if abs(offset) > timedelta(minutes=1) else timedelta(0)

    # -- upload --------------------------------------------------------------------------

    def upload(self, batch: BatchId, path: Path, *, progress: Progress | None = None,
               piece: int = PIECE, chunks: ChunkSizer | None = None) -> UploadResult:
        """Send the batch in chunks (one PATCH each, fieldreg.sync.chunks) until HQ's outcome."""
        length = path.stat().st_size
        created = self.request("POST", f"{API}/uploads", headers={
            "Upload-Length": str(length), "Upload-Metadata": batch.metadata()})
        check(created, expect=(200, 201))
        location = created.headers.get("location", f"{API}/uploads/{batch.upload_id}")
        state = created
        sizer = chunks or ChunkSizer()
        log = _Handed()
        stalls = Backoff(base=0.5, cap=30.0)
        importing = Backoff(base=1.0, cap=10.0)
        while state.headers.get(BATCH_STATUS, RECEIVING) not in FINISHED:
            offset = int(state.headers.get("upload-offset", "0"))
            if offset < length:
                chunk = min(sizer.size, length - offset)
                log.starting(offset, chunk)
                counted = [0]
                began = time.monotonic()
                try:
                    state = self.request("PATCH", location, headers={
                        "Upload-Offset": str(offset), "Content-Type": TUS_CONTENT_TYPE,
                        "Content-Length": str(chunk)},
                        content=_read_from(path, offset, offset + chunk, piece, counted,
                                           length, progress))
                except Unreachable:
                    log.interrupted(counted[0])
                    state = self._after_stall(location, stalls, progressed=counted[0] > 0)
                    continue
                if state.status_code == 409 and "upload-offset" in state.headers:
                    log.interrupted(counted[0])
                    continue  # HQ holds another amount than we thought: go on from there
                log.answered(counted[0])
                if state.status_code == 404:  # HQ dropped the upload: the next try creates it
                    raise Unreachable(SyncProblem("upload_dropped"))
                if state.status_code == 460:  # discarded at HQ: start again from byte 0
                    raise Unreachable(SyncProblem("damaged_copy"))
                check(state, expect=(204,))
                if state.headers.get(BATCH_STATUS, RECEIVING) == RECEIVING:
                    sizer.learn(counted[0], seconds=time.monotonic() - began)
                stalls.reset()
            else:  # every byte is at HQ, which is importing it: ask again a little later
                self.sleep(importing.next())
                state = self._status(location, stalls)
        final = self.request("GET", location)
        check(final, expect=(200,))
        body = final.json()
        return UploadResult(body["status"], body.get("message", ""), log.sent,
                            tuple(log.starts), log.chunks, tuple(log.resumes))

    def _after_stall(self, location: str, stalls: Backoff, *, progressed: bool) -> httpx.Response:
        """The link dropped mid-transfer: wait (only if nothing got through), ask HQ's offset."""
        if progressed:
            stalls.reset()
        if stalls.attempt >= self.max_stalls:
            raise Unreachable(SyncProblem("link_drops"))
        self.sleep(stalls.next())
        return self._status(location, stalls)

    def _status(self, location: str, stalls: Backoff) -> httpx.Response:
        while True:
            try:
                head = self.request("HEAD", location)
            except Unreachable:
                if stalls.attempt >= self.max_stalls:
                    raise
                self.sleep(stalls.next())
                continue
            check(head, expect=(200,))
            return head

    # -- documents -----------------------------------------------------------------------

    def fetch(self, path: str, *, etag: str | None = None) -> tuple[bytes | None, str | None]:
        """A signed document: (bytes, ETag), or (None, etag) when unchanged or not there yet."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self.request("GET", path, headers=headers)
        if response.status_code == 304:
            return None, etag
        if response.status_code == 404 and response.headers.get(PROBLEM) == "not_yet":
            return None, etag
        check(response, expect=(200,))
        return response.content, response.headers.get("etag")


def _read_from(path: Path, offset: int, end: int, piece: int, counted: list[int], length: int,
               progress: Progress | None) -> Iterator[bytes]:
    """The file's bytes from ``offset`` to ``end``, ``piece`` at a time (one TLS record each)."""
    with path.open("rb") as src:
        src.seek(offset)
        while block := src.read(min(piece, end - offset - counted[0])):
            counted[0] += len(block)
            if progress is not None:
                progress(offset + counted[0], length)
            yield block


def check(response: httpx.Response, *, expect: tuple[int, ...]) -> None:
    """Nothing if the status is expected; else Unreachable (try later) or HqRefused."""
    if response.status_code in expect:
        return
    try:
        said = str(response.json().get("message", ""))
    except (ValueError, AttributeError):
        said = ""
    params = {"status": response.status_code, "word": response.headers.get(PROBLEM, "")}
    if response.status_code in TRANSIENT:
        retry = response.headers.get("retry-after", "")
        raise Unreachable(SyncProblem("hq_busy", params, said=said),
                          retry_after=float(retry) if retry.isdigit() else None)
    raise HqRefused(SyncProblem("hq_refused", params, said=said))


def transport_problem(err: httpx.TransportError) -> str:
    """The code of a failed connection (fieldreg.sync.problems)."""
    if isinstance(err, httpx.TimeoutException):
        return "no_answer"
    if isinstance(err, httpx.ConnectError):
        return "no_connection"
    return "connection_cut"
