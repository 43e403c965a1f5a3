"""Per-field encryption of personal data, bound to record and column.

Each value is sealed with AES-256-GCM; the associated data is
``fieldreg/v1|<table>|<record>|<column>``, where record is the registration
number and the version it belongs to (``<regno>@<version>``; plus
``/<member id>`` for members; history too is ``<regno>@<version>``). A
ciphertext copied to another registration, version, member or column fails to
open. ``cipher.seals`` authenticates the households' clear columns
(fieldreg/store/seals.py).

The plaintext starts with one byte telling its type: ``0x00`` raw bytes
(photos), ``0x01`` UTF-8 text (most fields: no JSON round trip on the hot
path), ``0x02`` JSON (lists, objects, numbers, booleans).

>>> from fieldreg.crypto.aead import new_key
>>> cipher = FieldCipher(new_key())
>>> blob = cipher.seal("members", "MLI01-26-000001-7@1/ab12", "family_name", "Traoré")
>>> cipher.open("members", "MLI01-26-000001-7@1/ab12", "family_name", blob)
'Traoré'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from fieldreg.crypto.aead import Sealer
from fieldreg.errors import CorruptData, UnreadableRecord
from fieldreg.store.seals import RecordSeals

_BYTES, _TEXT, _JSON = b"\x00", b"\x01", b"\x02"
_EMPTY_LIST = _JSON + b"[]"


def _plaintext(value: Any) -> bytes:
    if isinstance(value, str):
        return _TEXT + value.encode("utf-8")
    if isinstance(value, bytes):
        return _BYTES + value
    if isinstance(value, list) and not value:
        return _EMPTY_LIST  # most members have no documents: skip the JSON encoder
    return _JSON + json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# The tables whose records belong to one registration, and how their record names it.
_REGISTRATION_TABLES = frozenset({"households", "members", "history"})


def unreadable(table: str, record: str, column: str) -> UnreadableRecord | None:
    """The error naming the registration an envelope belongs to, and which part failed.

    ``None`` for an envelope that is not part of a registration (a token, a key).
    No personal data: a member is named by its random id, a version by its number.

    >>> unreadable("members", "TGR1-26-000001-7@2/ab12", "family_name").part
    'members/ab12.family_name'
    """
    if table not in _REGISTRATION_TABLES:
        return None
    at_version, _, uid = record.partition("/")
    regno, _, version = at_version.partition("@")
    if table == "members":
        error = UnreadableRecord(regno, part=f"members/{uid}.{column}")
    elif table == "history":
        return UnreadableRecord(regno, part=f"history@{version}.{column}")
    else:
        error = UnreadableRecord(regno, part=f"{table}.{column}")
    error.version = int(version) if version.isdigit() else None
    return error


OnUnreadable = Callable[[UnreadableRecord], None]


class FieldCipher:
    def __init__(self, data_key: bytes):
        self._sealer = Sealer(data_key)
        self.seals = RecordSeals(data_key)

    @staticmethod
    def _aad(table: str, record: str, column: str) -> bytes:
        return f"fieldreg/v1|{table}|{record}|{column}".encode()

    def seal(self, table: str, record: str, column: str, value: Any) -> bytes:
        return self._sealer.seal(_plaintext(value), self._aad(table, record, column))

    def seal_records(
        self, records: Iterable[tuple[str, str, Iterable[tuple[str, Any]]]]
    ) -> list[list[bytes]]:
        """Seal every (column, value) of several (table, record, columns) at once.

        The save hot path: a household and its members are sealed in one pass,
        drawing all their nonces together. Returns each record's envelopes, in order.
        """
        items: list[tuple[bytes, bytes]] = []
        ends = []
        for table, record, columns in records:
            prefix = f"fieldreg/v1|{table}|{record}|"
            items += [(_plaintext(value), f"{prefix}{column}".encode()) for column, value in columns]
            ends.append(len(items))
        sealed = self._sealer.seal_many(items)
        return [sealed[start:end] for start, end in zip([0, *ends], ends, strict=False)]

    def open(self, table: str, record: str, column: str, blob: bytes) -> Any:
        """The value sealed there; ``UnreadableRecord`` naming the registration and the part
        when a registration's envelope fails (``CorruptData`` for any other envelope)."""
        try:
            plaintext = self._sealer.open(blob, self._aad(table, record, column))
            kind, body = plaintext[:1], plaintext[1:]
            if kind == _TEXT:
                return body.decode("utf-8")
            if kind == _BYTES:
                return body
            if kind == _JSON:
                return json.loads(body)
        except (CorruptData, ValueError):  # ValueError: not UTF-8, not JSON
            pass
        error = unreadable(table, record, column)
        if error is not None:
            raise error
        raise CorruptData(
            "{table}.{column} of {record} fails its integrity check or holds a value of unknown type",
            table=table, column=column, record=record
        )

    def rebind(self, table: str, old_record: str, new_record: str, column: str, blob: bytes) -> bytes:
        """The same value sealed anew for ``new_record`` (the upgrade of earlier stores)."""
        plaintext = self._sealer.open(blob, self._aad(table, old_record, column))
        return self._sealer.seal(plaintext, self._aad(table, new_record, column))

    def open_texts(
        self, table: str, column: str, rows: Iterable[tuple[str, bytes]], *,
        on_unreadable: OnUnreadable | None = None,
    ) -> Iterator[tuple[str, str]]:
        """Bulk-open one text column of many (record, blob) rows: the unlock hot path.

        A row that does not open raises ``UnreadableRecord``, or, given
        ``on_unreadable``, is passed to it and left out while the others are yielded.
        """
        prefix, suffix = f"fieldreg/v1|{table}|", f"|{column}"
        rows = iter(rows)
        while chunk := list(islice(rows, 1024)):
            try:
                plaintexts = list(self._sealer.open_many(
                    (blob, f"{prefix}{record}{suffix}".encode()) for record, blob in chunk
                ))
                texts = [p[1:].decode("utf-8") if p[:1] == _TEXT else None for p in plaintexts]
            except (CorruptData, UnicodeDecodeError):
                texts = None
            if texts is not None and None not in texts:
                yield from zip((record for record, _ in chunk), texts, strict=True)
                continue
            for record, blob in chunk:  # the slow path finds the rows that fail
                try:
                    value = self.open(table, record, column, blob)
                    if not isinstance(value, str):
                        raise unreadable(table, record, column) or CorruptData(
                            "{table}.{column} of {record} is not text",
                            table=table, column=column, record=record)
                except UnreadableRecord as err:
                    if on_unreadable is None:
                        raise
                    on_unreadable(err)
                    continue
                yield record, value
