"""HQ receipts: signed by HQ's root, acknowledging (seq, manifest hash) pairs only."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldreg.batches.receipt import issue_receipt, open_receipt, receipt_filename
from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import CorruptData
from fieldreg.keys import HqDir
from fieldreg.keys.documents import sign_document

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
H1, H2 = b"\x01" * 32, b"\x02" * 32


@pytest.fixture
def hq(tmp_path: Path) -> HqDir:
    return HqDir.init(tmp_path / "hq", "test-only", kdf=KdfParams.fast_for_tests(), now=T0)


def test_receipt_round_trip(hq: HqDir) -> None:
    data = issue_receipt(hq, "TGR1", [(2, H2), (1, H1)], now=T0)
    receipt = open_receipt(data, root_public=hq.root_public)
    assert receipt.post == "TGR1" and receipt.issued_at == T0
    assert receipt.batches == ((1, H1), (2, H2))
    assert receipt.acknowledges(1, H1) and not receipt.acknowledges(1, H2)  # a fork is not acknowledged
    assert not receipt.acknowledges(3, H1)
    assert receipt_filename("TGR1") == "receipt-TGR1.cose"


def test_receipt_from_another_hq_or_altered_is_refused(hq: HqDir, tmp_path: Path) -> None:
    other = HqDir.init(tmp_path / "other", "test-only", kdf=KdfParams.fast_for_tests(), now=T0)
    data = issue_receipt(other, "TGR1", [(1, H1)], now=T0)
    with pytest.raises(CorruptData):
        open_receipt(data, root_public=hq.root_public)
    genuine = bytearray(issue_receipt(hq, "TGR1", [(1, H1)], now=T0))
    genuine[-70] ^= 0x01
    with pytest.raises(CorruptData):
        open_receipt(bytes(genuine), root_public=hq.root_public)


def test_receipt_with_bad_entries_is_refused(hq: HqDir) -> None:
    root = hq._root  # test-only: sign malformed payloads with the genuine key
    for payload in (
        {"post": "TGR1", "issued_at": 1, "batches": [[0, H1]]},
        {"post": "TGR1", "issued_at": 1, "batches": [[1, b"short"]]},
        {"post": "TGR1", "issued_at": 1, "batches": [], "extra": 1},
    ):
        with pytest.raises(CorruptData):
            open_receipt(sign_document("receipt", 1, payload, root), root_public=hq.root_public)
