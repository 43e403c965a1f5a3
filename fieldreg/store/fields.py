"""Per-field encryption of personal data, bound to record and column.

Each value is JSON-encoded (bytes pass through) and sealed with AES-256-GCM;
the associated data is ``fieldreg/v1|<table>|<record>|<column>``, where record
is the registration number (plus the member id for members). A ciphertext
copied to another registration, member or column therefore fails to open.

>>> from fieldreg.crypto.aead import new_key
>>> cipher = FieldCipher(new_key())
>>> blob = cipher.seal("members", "MLI01-26-000001-7/ab12", "family_name", "Traoré")
>>> cipher.open("members", "MLI01-26-000001-7/ab12", "family_name", blob)
'Traoré'
"""

from __future__ import annotations

import json
from typing import Any

from fieldreg.crypto.aead import Sealer


class FieldCipher:
    def __init__(self, data_key: bytes):
        self._sealer = Sealer(data_key)

    @staticmethod
    def _aad(table: str, record: str, column: str) -> bytes:
        return f"fieldreg/v1|{table}|{record}|{column}".encode()

    def seal(self, table: str, record: str, column: str, value: Any) -> bytes:
        if isinstance(value, bytes):
            plaintext = b"\x00" + value  # raw bytes (photos), told apart by the marker
        else:
            plaintext = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return self._sealer.seal(plaintext, self._aad(table, record, column))

    def open(self, table: str, record: str, column: str, blob: bytes) -> Any:
        plaintext = self._sealer.open(blob, self._aad(table, record, column))
        if plaintext[:1] == b"\x00":
            return plaintext[1:]
        return json.loads(plaintext)
