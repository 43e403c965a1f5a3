"""The outcome of checking a token: VALID / INVALID / REVOKED, why, and what to show.

    verdict = verify_token(text, trust, revocations, now)
    if verdict.status is Status.VALID: show(verdict.claims)
    verdict.message      # one line, e.g. "INVALID: bad signature (altered or forged)"
    verdict.exit_code    # 0 / 4 / 5, as `fieldreg verify` exits
    verdict.raise_for_status()   # TokenInvalid / TokenRevoked for callers that prefer exceptions

``Reason`` is the machine-readable cause; the UI translates it, the CLI prints
``message``. A clock problem is its own reason, never reported as a forgery.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple

from fieldreg.errors import TokenInvalid, TokenRevoked
from fieldreg.keys.certificate import KeyEntry
from fieldreg.messages import Message
from fieldreg.tokens.claims import Claims


class Status(Enum):
    VALID = "valid"
    INVALID = "invalid"
    REVOKED = "revoked"


class Reason(Enum):
    """Why a token is not VALID (docs/formats/token.md, "Verification")."""

    WRONG_PREFIX = "wrong prefix"
    UNSUPPORTED_VERSION = "unsupported version"
    MALFORMED = "malformed"
    UNKNOWN_KEY = "unknown key"
    BAD_SIGNATURE = "bad signature"
    REVOKED_KEY = "revoked key"
    KEY_NOT_VALID_AT_ISSUE = "key not valid at issue time"
    ISSUER_MISMATCH = "issuer mismatch"
    CLOCK = "clock problem"
    EXPIRED = "expired"
    TOKEN_REVOKED = "token revoked"


class TokenError(TokenInvalid):
    """A token rejected while decoding; carries the ``Reason``."""

    def __init__(self, reason: Reason, detail: str | Message, /, **params: Any):
        self.reason = reason
        self.detail = Message(detail, **params) if isinstance(detail, str) else detail
        super().__init__(Message("{reason}: {detail}", reason=reason.value, detail=self.detail))


class Verdict(NamedTuple):
    """What ``verify_token`` found (a NamedTuple: immutable and cheap to build on every scan)."""

    status: Status
    reason: Reason | None
    detail: Message | None
    claims: Claims | None = None
    key: KeyEntry | None = None
    warnings: tuple[Message, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status is Status.VALID

    @property
    def message(self) -> str:
        """One line for the CLI; built on demand (verification itself stays cheap)."""
        head = self.status.name
        if self.reason is None and self.claims is not None:
            c = self.claims
            return f"{head}: {c.registration_number}, issued by post {c.issuing_post} on {c.issued_at:%Y-%m-%d}"
        if self.reason is None:
            return f"{head}: {self.detail}" if self.detail else head
        return f"{head}: {self.reason.value} ({self.detail})"

    @property
    def exit_code(self) -> int:
        if self.status is Status.VALID:
            return 0
        return TokenRevoked.exit_code if self.status is Status.REVOKED else TokenInvalid.exit_code

    def raise_for_status(self) -> Verdict:
        if self.status is Status.REVOKED:
            raise TokenRevoked(self.message)
        if self.status is Status.INVALID:
            raise TokenInvalid(self.message)
        return self
