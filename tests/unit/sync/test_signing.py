"""Signed requests: what HQ accepts and refuses (RFC 9421 through http-message-signatures)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldreg.model import utcnow
from fieldreg.sync.signing import SignatureRefused, sign_request, verify_request

KEY = Ed25519PrivateKey.generate()
URL = "https://hq.example.org:8443/v1/uploads/TGR1-1-" + "ab" * 32


def signed(headers: dict[str, str], **kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = {k.lower(): v for k, v in headers.items()}
    out.update({k.lower(): v for k, v in sign_request(KEY, "00aa", "PATCH", URL, headers,
                                                      **kwargs).items()})
    return out


def resolve(key_id: str) -> Ed25519PublicKey:
    assert key_id == "00aa"
    return KEY.public_key()


def test_a_signed_request_verifies_and_names_its_key() -> None:
    headers = signed({"Upload-Offset": "10", "Content-Length": "5", "Tus-Resumable": "1.0.0"})
    assert verify_request("PATCH", URL, headers, resolve=resolve) == "00aa"


@pytest.mark.parametrize("change", [
    ("upload-offset", "11"),          # a covered header changed
    ("content-length", "6"),
])
def test_a_changed_header_is_refused(change: tuple[str, str]) -> None:
    headers = signed({"Upload-Offset": "10", "Content-Length": "5"})
    headers[change[0]] = change[1]
    with pytest.raises(SignatureRefused) as err:
        verify_request("PATCH", URL, headers, resolve=resolve)
    assert err.value.reason == "bad_signature"


def test_an_uncovered_header_that_should_be_covered_is_refused() -> None:
    headers = signed({"Content-Length": "5"})
    headers["upload-offset"] = "0"  # added after signing: not covered
    with pytest.raises(SignatureRefused) as err:
        verify_request("PATCH", URL, headers, resolve=resolve)
    assert err.value.reason == "bad_signature"


def test_another_path_or_method_is_refused() -> None:
    headers = signed({"Content-Length": "5"})
    with pytest.raises(SignatureRefused):
        verify_request("PATCH", URL.replace("TGR1-1", "TGR1-2"), headers, resolve=resolve)
    with pytest.raises(SignatureRefused):
        verify_request("POST", URL, headers, resolve=resolve)


@pytest.mark.parametrize("skew", [timedelta(days=1), timedelta(days=-1), timedelta(minutes=6)])
def test_a_clock_too_far_from_hq_is_refused_as_clock(skew: timedelta) -> None:
    headers = signed({"Content-Length": "0"}, now=utcnow() + skew)
    with pytest.raises(SignatureRefused) as err:
        verify_request("PATCH", URL, headers, resolve=resolve)
    assert err.value.reason == "clock"


def test_four_minutes_off_is_accepted() -> None:
    headers = signed({"Content-Length": "0"}, now=utcnow() - timedelta(minutes=4))
    assert verify_request("PATCH", URL, headers, resolve=resolve) == "00aa"


def test_unsigned_and_unknown_keys_are_refused_before_any_crypto() -> None:
    with pytest.raises(SignatureRefused) as err:
        verify_request("GET", URL, {}, resolve=resolve)
    assert err.value.reason == "unsigned"

    def unknown(key_id: str) -> Ed25519PublicKey:
        raise SignatureRefused("unknown_key", "not in the trust list")

    with pytest.raises(SignatureRefused) as err:
        verify_request("PATCH", URL, signed({}), resolve=unknown)
    assert err.value.reason == "unknown_key"


def test_another_key_is_refused() -> None:
    other = Ed25519PrivateKey.generate().public_key()
    with pytest.raises(SignatureRefused) as err:
        verify_request("PATCH", URL, signed({}), resolve=lambda kid: other)
    assert err.value.reason == "bad_signature"
