"""Trusting exactly one HQ over TLS: the certificate's public-key pin (docs/formats/sync.md §2).

    pin = spki_pin(certificate_der)                  # SHA-256 of its SubjectPublicKeyInfo
    context = pinned_context(trust_list.tls_pins)    # an ssl.SSLContext for httpx (verify=...)

HQ's receiver may show a self-signed certificate: a border post has no public
authority to ask, and no name to check either (HQ may be reached by an address).
The post instead knows, from its enrollment file and from every trust list HQ
signs, the SHA-256 of each public key HQ's receiver may use. The context below
completes the handshake without the usual chain check and then, before a single
byte of a request is sent, compares the server certificate's key with the pins
and checks its dates; a mismatch ends the connection with :class:`TlsRefused`.
A proxy that intercepts TLS shows its own key and is refused the same way.
With no pin at all, the ordinary public-authority check applies.
"""

from __future__ import annotations

import ssl
from datetime import UTC, datetime

from cryptography import x509

from fieldreg.keys.hqtls import spki_pin
from fieldreg.keys.ids import fingerprint
from fieldreg.sync.problems import SyncProblem

__all__ = ["TlsRefused", "check_certificate", "describe_pin", "pinned_context", "refusal_in",
           "spki_pin"]


class TlsRefused(ssl.SSLCertVerificationError):
    """The server is not the HQ this post trusts; ``str()`` is one line for a person,
    ``problem`` the same as a code and values (fieldreg.sync.problems)."""

    def __init__(self, problem: SyncProblem):
        super().__init__(str(problem))
        self.problem = problem


def describe_pin(pin: bytes) -> str:
    """A pin as people compare it: the same grouped base32 as HQ's fingerprint."""
    return fingerprint(pin)


def check_certificate(certificate_der: bytes | None, pins: frozenset[bytes], *,
                      now: datetime | None = None) -> None:
    """Raise :class:`TlsRefused` unless the certificate's key is pinned and it is in date."""
    if certificate_der is None:
        raise TlsRefused(SyncProblem("tls_no_certificate"))
    pin = spki_pin(certificate_der)
    if pin not in pins:
        raise TlsRefused(SyncProblem("tls_wrong_key", {"pin": describe_pin(pin)}))
    cert = x509.load_der_x509_certificate(certificate_der)
    now = now or datetime.now(UTC)
    if now >= cert.not_valid_after_utc:
        raise TlsRefused(SyncProblem("tls_expired", {"date": f"{cert.not_valid_after_utc:%Y-%m-%d}"}))
    if now < cert.not_valid_before_utc:
        raise TlsRefused(SyncProblem("tls_not_yet_valid",
                                     {"moment": f"{cert.not_valid_before_utc:%Y-%m-%d %H:%M}"}))


def pinned_context(pins: tuple[bytes, ...] | frozenset[bytes]) -> ssl.SSLContext:
    """A client context that accepts exactly the pinned keys (or public authorities if none)."""
    if not pins:
        return ssl.create_default_context()
    pinned = frozenset(pins)

    class PinnedSocket(ssl.SSLSocket):
        def do_handshake(self, block: bool = False) -> None:
            super().do_handshake(block)
            check_certificate(self.getpeercert(binary_form=True), pinned)

    class PinnedObject(ssl.SSLObject):  # TLS inside a proxy's TLS tunnel (memory BIOs)
        def do_handshake(self) -> None:
            super().do_handshake()
            check_certificate(self.getpeercert(binary_form=True), pinned)

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False  # the pin names the server, not a host name
    context.verify_mode = ssl.CERT_NONE  # the chain is replaced by the pin check above
    context.sslsocket_class = PinnedSocket
    context.sslobject_class = PinnedObject
    return context


def refusal_in(error: BaseException) -> TlsRefused | None:
    """The :class:`TlsRefused` behind an httpx connection error, if that is what it was.

    With no pin (a certificate from an authority), OpenSSL's own chain or name check
    failing is a refusal too, worded here: it needs a person, not another try.
    """
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, TlsRefused):
            return seen
        if seen.args and isinstance(seen.args[0], TlsRefused):
            return seen.args[0]
        if isinstance(seen, ssl.SSLCertVerificationError):
            return TlsRefused(SyncProblem("tls_unverified", said=str(seen.verify_message or "")))
        seen = seen.__cause__ or seen.__context__
    return None
