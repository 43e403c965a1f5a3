"""Batch tests use the shared ``hq``, ``post`` and ``usb`` fixtures; this adds HQ's reading of a batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldreg.batches import ReadBatch, read_batch
from fieldreg.keys import HqDir


def open_batch(path: Path, hq: HqDir) -> tuple[ReadBatch, list[dict[str, Any]]]:
    """Decrypt and check a batch as HQ does; returns the manifest and every record."""
    records: list[dict[str, Any]] = []
    with open(path, "rb") as f:
        batch = read_batch(f, hq.age_identity(), hq_root_public=hq.root_public,
                           on_record=records.append)
    return batch, records
