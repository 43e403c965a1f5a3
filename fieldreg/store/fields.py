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
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from fieldreg.crypto.aead import Sealer
from fieldreg.errors import CorruptData
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
        plaintext = self._sealer.open(blob, self._aad(table, record, column))
        kind, body = plaintext[:1], plaintext[1:]
        if kind == _TEXT:
            return body.decode("utf-8")
        if kind == _BYTES:
            return body
        if kind == _JSON:
            return json.loads(body)
        raise CorruptData(
            "{table}.{column} of {record} holds a value of unknown type",
            table=table, column=column, record=record
        )

    def rebind(self, table: str, old_record: str, new_record: str, column: str, blob: bytes) -> bytes:
        """The same value sealed anew for ``new_record`` (the upgrade of earlier stores)."""
        plaintext = self._sealer.open(blob, self._aad(table, old_record, column))
        return self._sealer.seal(plaintext, self._aad(table, new_record, column))

    def open_texts(
        self, table: str, column: str, rows: Iterable[tuple[str, bytes]]
    ) -> Iterator[tuple[str, str]]:
        """Bulk-open one text column of many (record, blob) rows: the unlock hot path."""
        prefix, suffix = f"fieldreg/v1|{table}|", f"|{column}"
        rows = iter(rows)
        while chunk := list(islice(rows, 1024)):
            try:
                plaintexts = list(self._sealer.open_many(
                    (blob, f"{prefix}{record}{suffix}".encode()) for record, blob in chunk
                ))
            except CorruptData:
                raise self._name_failure(table, column, chunk) from None
            for (record, _), plaintext in zip(chunk, plaintexts, strict=True):
                if plaintext[:1] != _TEXT:
                    raise CorruptData(
                        "{table}.{column} of {record} is not text",
                        table=table, column=column, record=record
                    )
                yield record, plaintext[1:].decode("utf-8")

    def _name_failure(self, table: str, column: str, chunk: list[tuple[str, bytes]]) -> CorruptData:
        """The error naming the first record of ``chunk`` that does not open (``err.record``)."""
        for record, blob in chunk:
            try:
                self._sealer.open(blob, self._aad(table, record, column))
            except CorruptData:
                err = CorruptData("{table}.{column} of {record} fails its integrity check",
                                  table=table, column=column, record=record)
                err.record = record  # type: ignore[attr-defined]
                return err
        return CorruptData("encrypted value fails its integrity check")
