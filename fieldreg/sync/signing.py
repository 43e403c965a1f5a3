"""Requests signed with the post key: HTTP Message Signatures (RFC 9421), Ed25519.

    headers = sign_request(post_key, "PATCH", url, headers, now=corrected_now)   # the post
    kid = verify_request(method, url, headers, resolve=lookup_key)              # HQ, before the body

The library ``http-message-signatures`` builds the signature base exactly as
RFC 9421 §2.5 says and signs it with ``ed25519`` (§3.3.6); this module only
decides what is covered (:data:`COVERED`, the headers among
:data:`SIGNED_HEADERS` that the request carries) and the parameters: ``keyid``
is the post key id in hex, ``tag`` is ``fieldreg-sync``, ``created`` is the
post's clock corrected by HQ's ``Date`` (docs/formats/sync.md §3). The body is
not covered: a batch carries its own signature, and its SHA-256 is declared in
the signed ``Upload-Metadata`` and checked when the last byte has arrived.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException

from fieldreg.model import utcnow

TAG = "fieldreg-sync"
LABEL = "post"
COVERED = ("@method", "@path", "@query")
SIGNED_HEADERS = ("upload-length", "upload-metadata", "upload-offset", "content-length",
                  "if-none-match", "tus-resumable")
# A signature is good for this long on either side of HQ's clock (after the post
# corrected its own clock from HQ's Date header).
MAX_SKEW = timedelta(minutes=5)


class SignatureRefused(Exception):
    """Why HQ refuses a request's signature: ``reason`` (a protocol word) and one line."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass
class _Message:
    """The view of a request the library reads: method, absolute URL, header fields."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)


class _OneKey(HTTPSignatureKeyResolver):
    def __init__(self, key_id: str, private: Ed25519PrivateKey | None = None,
                 public: Ed25519PublicKey | None = None):
        self.key_id, self.private, self.public = key_id, private, public

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey | None:
        return self.private if key_id == self.key_id else None

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey | None:
        return self.public if key_id == self.key_id else None


class _Verifier(HTTPMessageVerifier):
    max_clock_skew = MAX_SKEW


def covered_components(headers: Mapping[str, str]) -> tuple[str, ...]:
    present = {name.lower() for name in headers}
    return COVERED + tuple(h for h in SIGNED_HEADERS if h in present)


def sign_request(private: Ed25519PrivateKey, key_id: str, method: str, url: str,
                 headers: Mapping[str, str], *, now: datetime | None = None) -> dict[str, str]:
    """``Signature-Input`` and ``Signature`` for this request (to add to its headers)."""
    message = _Message(method.upper(), url, {k.lower(): v for k, v in headers.items()})
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519,
                               key_resolver=_OneKey(key_id, private=private))
    signer.sign(message, key_id=key_id, created=now or utcnow(), label=LABEL, tag=TAG,
                covered_component_ids=covered_components(message.headers))
    return {"Signature-Input": message.headers["Signature-Input"],
            "Signature": message.headers["Signature"]}


def signed_key_id(headers: Mapping[str, str]) -> str:
    """The ``keyid`` a request claims (not yet verified): to look the key up first."""
    text = headers.get("signature-input")
    if not text:
        raise SignatureRefused("unsigned", "the request is not signed with a post key")
    marker = 'keyid="'
    start = text.find(marker)
    end = text.find('"', start + len(marker)) if start >= 0 else -1
    if start < 0 or end < 0:
        raise SignatureRefused("bad_signature", "the request's signature names no key")
    return text[start + len(marker):end]


def verify_request(method: str, url: str, headers: Mapping[str, str], *,
                   resolve: Callable[[str], Ed25519PublicKey]) -> str:
    """Check the post's signature; return its key id, or raise :class:`SignatureRefused`.

    ``resolve(key_id)`` returns the post's public key or raises
    ``SignatureRefused`` itself (unknown or revoked key): HQ decides that first.
    Every header the request carries among :data:`SIGNED_HEADERS` must be covered.
    """
    key_id = signed_key_id(headers)
    public = resolve(key_id)
    message = _Message(method.upper(), url, {k.lower(): v for k, v in headers.items()})
    verifier = _Verifier(signature_algorithm=algorithms.ED25519,
                         key_resolver=_OneKey(key_id, public=public))
    try:
        verifier.verify(message, max_age=MAX_SKEW, expect_tag=TAG,
                        require_components=covered_components(message.headers))
    except InvalidSignature as err:
        text = str(err)
        if "created" in text or "maximum allowable age" in text:
            raise SignatureRefused("clock", "the request's time is more than 5 minutes from "
                                   "HQ's clock (see the Date header)") from None
        raise SignatureRefused("bad_signature", "the request's signature does not verify") from None
    except HTTPMessageSignaturesException:
        raise SignatureRefused("bad_signature", "the request's signature is malformed") from None
    return key_id
