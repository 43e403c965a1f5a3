"""Console keys: the HQ registry team's keys for deciding duplicates through the receiver.

    check_console_name("mariam")                 # before anything is written
    add_console_key(hq, "mariam", public)        # HQ passphrase needed; her private key stays hers
    console_key(hq, "mariam")                    # her public key, or None (unknown or removed)
    remove_console_key(hq, "mariam")

A future HQ console (a web page or a desktop tool for the registry team)
decides pairs through the receiver (``POST /v1/duplicates/decisions``,
docs/formats/sync.md §7.3), signing each request as a post does (RFC 9421,
Ed25519) with ``keyid="console:<name>"``. The receiver looks the name up
here, before anything else, and records the decision as made by
``console:<name>`` (fieldreg/hq/decisions.py).

The keys live in ``HQDIR/console_keys.cose``, a document HQ's root key signs
(``fieldreg/consolekeys/1``, payload ``{"keys": {name: raw 32-byte Ed25519
public key}}``), so adding a key takes HQ's passphrase, like enrolling a post,
and a key written into the file behind HQ's back fails its signature: the
receiver then refuses every console request. Posts' keys can never decide;
a console key can do nothing else.
"""

from __future__ import annotations

import re

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.fsutil import atomic_write
from fieldreg.keys.documents import open_document
from fieldreg.keys.hqdir import HqDir

CONSOLE_KEYS_FILE = "console_keys.cose"
#: How a console signs: ``keyid="console:<name>"``.
KEY_ID_PREFIX = "console:"
_KIND = "consolekeys"
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


def console_keys(hq: HqDir) -> dict[str, bytes]:
    """Every console key HQ signed: name -> raw public key ({} when there is no file).
    ``CorruptData`` when the file is not HQ's."""
    path = hq.path / CONSOLE_KEYS_FILE
    if not path.exists():
        return {}
    document = open_document(path.read_bytes(), kind=_KIND, versions={1},
                             public_key=Ed25519PublicKey.from_public_bytes(hq.root_public))
    keys = document.payload.get("keys")
    if not isinstance(keys, dict) or not all(isinstance(k, str) and isinstance(v, bytes) and len(v) == 32
                                             for k, v in keys.items()):
        raise InvalidInput("{file} holds no valid console keys", file=CONSOLE_KEYS_FILE)
    return dict(keys)


def console_key(hq: HqDir, name: str) -> Ed25519PublicKey | None:
    raw = console_keys(hq).get(name)
    return Ed25519PublicKey.from_public_bytes(raw) if raw is not None else None


def add_console_key(hq: HqDir, name: str, public: Ed25519PublicKey) -> None:
    """Trust ``public`` as ``name``'s console key (replacing any earlier one)."""
    check_console_name(name)
    keys = console_keys(hq)
    keys[name] = public.public_bytes_raw()
    _write(hq, keys)


def remove_console_key(hq: HqDir, name: str) -> None:
    keys = console_keys(hq)
    if keys.pop(name, None) is None:
        raise NotFound("HQ has no console key named {name}", name=name)
    _write(hq, keys)


def check_console_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise InvalidInput("a console key's name is 1 to 64 lower-case letters, digits, '.', '_' or '-', "
                           "starting with a letter or digit: {name!r}", name=name)


def _write(hq: HqDir, keys: dict[str, bytes]) -> None:
    atomic_write(hq.path / CONSOLE_KEYS_FILE, hq.sign_document(_KIND, 1, {"keys": keys}))
