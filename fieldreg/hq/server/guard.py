"""Who may talk to the receiver, how often, and what the access log keeps.

    guard = Guard(hq, rate=RateLimit(burst=60, per_second=10))
    entry = guard.authenticate(request)      # the post's KeyEntry, or Refuse (401/403/429)

A request is signed with the post key (fieldreg.sync.signing). The key is
looked up in HQ's current trust list *before* anything else, the body
included: an unknown or revoked key is refused at once. The trust list file is
re-read when it changes on disk, so a key revoked with 'fieldreg hq revoke-key'
while the receiver runs is refused from the next request on.

The access log (logger ``fieldreg.hq.access``) keeps method, path, status,
bytes in and out, time taken and the key id: no address, no query string and
nothing from a batch (the paths name posts, sequence numbers and hashes only).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from starlette.requests import Request

from fieldreg.errors import FieldRegError
from fieldreg.hq.console import KEY_ID_PREFIX, console_key
from fieldreg.keys.certificate import KeyEntry
from fieldreg.keys.hqdir import REVOCATIONS_FILE, TRUST_FILE, HqDir
from fieldreg.keys.trustlist import TrustList
from fieldreg.sync.signing import SignatureRefused, verify_request

access_log = logging.getLogger("fieldreg.hq.access")


class Refuse(Exception):
    """An HTTP refusal: status, a protocol word (``FieldReg-Problem``) and one line."""

    def __init__(self, status: int, problem: str, message: str, *,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.problem, self.message = status, problem, message
        self.headers = headers or {}


@dataclass
class RateLimit:
    """A token bucket per key (and per address for unsigned or refused requests)."""

    burst: int = 60
    per_second: float = 10.0
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, who: str) -> None:
        now = time.monotonic()
        tokens, then = self._buckets.get(who, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_second)
        if tokens < 1:
            wait = max(1, int((1 - tokens) / self.per_second + 0.999))
            raise Refuse(429, "rate", "too many requests: wait and try again",
                         headers={"Retry-After": str(wait)})
        self._buckets[who] = (tokens - 1, now)
        if len(self._buckets) > 10_000:  # forget the idle ones: memory stays bounded
            cutoff = now - self.burst / self.per_second
            self._buckets = {k: v for k, v in self._buckets.items() if v[1] >= cutoff}


class Guard:
    def __init__(self, hq: HqDir, *, rate: RateLimit | None = None):
        self.hq = hq
        self.rate = rate or RateLimit()
        self._stamps: tuple[int, ...] = ()

    def trust(self) -> TrustList:
        """HQ's current trust list, read again when 'fieldreg hq' changed the lists on disk."""
        stamps = tuple((self.hq.path / name).stat().st_mtime_ns
                       for name in (TRUST_FILE, REVOCATIONS_FILE))
        if stamps != self._stamps:
            self.hq.reload_lists()  # the importer reads them from the same HqDir
            self._stamps = stamps
        return self.hq.trust_list()

    def authenticate(self, request: Request) -> KeyEntry:
        """The signing post's key entry (its id also kept in ``request.state.kid`` for the log)."""
        found: list[KeyEntry] = []

        def resolve(key_id: str) -> tuple[Ed25519PublicKey, str]:
            try:
                kid = bytes.fromhex(key_id)
            except ValueError:
                raise SignatureRefused("unknown_key", "the request names no post key") from None
            hit = self.trust().lookup(kid)
            if hit is None:
                raise SignatureRefused("unknown_key", "this post key is not in HQ's trust list")
            entry, public = hit
            if entry.revoked:
                raise SignatureRefused("revoked_key", "this post key was revoked by HQ")
            found.append(entry)
            return public, entry.key_id.hex()

        self._verified(request, resolve)
        return found[0]

    def authenticate_console(self, request: Request) -> str:
        """The name of the HQ console key that signed (fieldreg/hq/console.py); a post's key
        is refused (403): posts never decide HQ's pairs."""
        def resolve(key_id: str) -> tuple[Ed25519PublicKey, str]:
            if not key_id.startswith(KEY_ID_PREFIX):
                raise SignatureRefused("not_console", "only an HQ console key may do this")
            try:
                public = console_key(self.hq, key_id.removeprefix(KEY_ID_PREFIX))
            except FieldRegError as err:
                raise SignatureRefused("unknown_key", f"HQ's console keys cannot be read: {err}") from None
            if public is None:
                raise SignatureRefused("unknown_key", "this console key is not one HQ signed")
            return public, key_id

        return self._verified(request, resolve).removeprefix(KEY_ID_PREFIX)

    def _verified(self, request: Request, resolve: Callable[[str], tuple[Ed25519PublicKey, str]]) -> str:
        """The key (``resolve``: its public key and its one spelling, which names it in the
        log and the rate limit whatever case the request wrote) whose signature verified.
        Refused requests are limited per address, accepted ones per key."""
        client = request.client.host if request.client else "?"
        named: list[str] = []

        def public(key_id: str) -> Ed25519PublicKey:
            key, name = resolve(key_id)
            named.append(name)
            return key

        try:
            verify_request(request.method, str(request.url), request.headers, resolve=public)
        except SignatureRefused as err:
            self.rate.take(f"addr:{client}")
            status = 403 if err.reason in ("revoked_key", "not_console") else 401
            raise Refuse(status, err.reason, str(err)) from None
        request.state.kid = named[0]
        self.rate.take(f"key:{named[0]}")
        return named[0]


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class AccessLog:
    """ASGI middleware: one line per request, without personal data."""

    def __init__(self, app: App):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        counts = {"in": 0, "out": 0, "status": 0}

        async def counting_receive() -> Message:
            message = await receive()
            counts["in"] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                counts["status"] = message["status"]
            elif message["type"] == "http.response.body":
                counts["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            kid = scope.get("state", {}).get("kid", "-")
            access_log.info("%s %s %d in=%d out=%d %.3fs key=%s", scope["method"], scope["path"],
                            counts["status"], counts["in"], counts["out"],
                            time.monotonic() - started, kid)
