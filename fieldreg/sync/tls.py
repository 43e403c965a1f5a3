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

__all__ = ["TlsRefused", "check_certificate", "describe_pin", "pinned_context", "refusal_in",
           "spki_pin"]


class TlsRefused(ssl.SSLCertVerificationError):
    """The server is not the HQ this post trusts; ``str()`` is one line for a person."""


def describe_pin(pin: bytes) -> str:
    """A pin as people compare it: the same grouped base32 as HQ's fingerprint."""
    return fingerprint(pin)


def check_certificate(certificate_der: bytes | None, pins: frozenset[bytes], *,
                      now: datetime | None = None) -> None:
    """Raise :class:`TlsRefused` unless the certificate's key is pinned and it is in date."""
    if certificate_der is None:
        raise TlsRefused("HQ's server showed no certificate: refused")
    pin = spki_pin(certificate_der)
    if pin not in pins:
        raise TlsRefused(
            f"the server's TLS key ({describe_pin(pin)}) is not HQ's: a wrong address, or a "
            "proxy reading the connection; refused (HQ's pin comes with the trust list)")
    cert = x509.load_der_x509_certificate(certificate_der)
    now = now or datetime.now(UTC)
    if now >= cert.not_valid_after_utc:
        raise TlsRefused(f"HQ's TLS certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}: "
                         "HQ must renew it ('fieldreg hq tls'); refused")
    if now < cert.not_valid_before_utc:
        raise TlsRefused(f"HQ's TLS certificate is valid only from "
                         f"{cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC: check this "
                         "laptop's clock; refused")


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
            return TlsRefused(f"HQ's TLS certificate could not be verified ({seen.verify_message}): "
                              "no authority this laptop trusts vouches for it, or it names another "
                              "server; refused")
        seen = seen.__cause__ or seen.__context__
    return None
