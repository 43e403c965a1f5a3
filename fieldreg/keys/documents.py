"""HQ-signed documents: a CBOR map in a COSE_Sign1 whose content type names kind and version.

    blob = sign_document("trustlist", 1, {"ver": 7, ...}, root_key)
    payload = open_document(blob, kind="trustlist", versions={1}, public_key=root_pub).payload

The content type ``fieldreg/<kind>/<version>`` sits in the *protected* header,
so a signature made for one kind of document (a certificate) can never be
replayed as another (a trust list, a receipt). Unknown versions are refused
explicitly, before anything in the payload is interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldreg.errors import CorruptData
from fieldreg.keys.cose import Sign1, canonical_dumps, parse_sign1, sign1, strict_loads
from fieldreg.keys.ids import key_id
from fieldreg.messages import Message

_CONTENT_TYPE_RE = re.compile(r"fieldreg/([a-z]+)/([0-9]{1,4})")
_LABELS = {
    "cert": Message("certificate"),
    "trustlist": Message("trust list"),
    "revocations": Message("revocation list"),
}

T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """A verified document: its kind, version, decoded payload and the exact signed bytes."""

    kind: str
    version: int
    payload: dict[str, Any]
    message: Sign1
    raw: bytes


def label(kind: str) -> Message:
    """What a person calls this kind of document, for messages."""
    return _LABELS.get(kind) or Message(kind)


def sign_document(kind: str, version: int, payload: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """Sign ``payload`` (a map with text keys) as a ``fieldreg/<kind>/<version>`` document."""
    return sign1(
        canonical_dumps(payload),
        key,
        kid=key_id(key.public_key()),
        content_type=f"fieldreg/{kind}/{version}",
    )


def open_document(
    data: bytes, *, kind: str, versions: set[int], public_key: Ed25519PublicKey
) -> Document:
    """Check kind, version and signature, then decode the payload; ``CorruptData`` otherwise."""
    name = label(kind)
    message = parse_sign1(data, require_canonical=False)
    match = _CONTENT_TYPE_RE.fullmatch(message.content_type or "")
    if match is None or match.group(1) != kind:
        raise CorruptData("this file is not a FieldReg {name}", name=name)
    version = int(match.group(2))
    if version not in versions:
        raise CorruptData("{name} format version {version} is not supported by this FieldReg",
                          name=name, version=version)
    if message.kid != key_id(public_key) or not message.verify(public_key):
        raise CorruptData("{name} is not signed by the HQ key this computer trusts", name=name)
    payload = strict_loads(message.payload)
    if not isinstance(payload, dict) or not all(isinstance(k, str) for k in payload):
        raise CorruptData("{name} payload is not a map with text keys", name=name)
    return Document(kind, version, payload, message, data)


# What each field type is called in a message (a person reads it, not a programmer).
_TYPE_WORDS = {
    str: Message("text"),
    int: Message("a whole number"),
    bytes: Message("bytes"),
    dict: Message("a map"),
    list: Message("a list"),
}


def field(payload: dict[str, Any], name: str, kind: type[T], *, where: Message) -> T:
    """``payload[name]`` if it has the expected type, else ``CorruptData`` naming it."""
    value = payload.get(name)
    # bool is an int subclass; a flag is never a valid integer field here.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CorruptData("{where}: field {name!r} is missing or not {type}",
                          where=where, name=name, type=_TYPE_WORDS[kind])
    return value
