"""docs/formats/sync.md §7 is what the code sends: rebuilt from the test-only key, byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

from fieldreg.sync.protocol import parse_metadata, parse_upload_id

from .doc_example import BATCH, example

DOC = Path(__file__).resolve().parents[3] / "docs" / "formats" / "sync.md"


def documented() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- example:begin -->")[1].split("<!-- example:end -->")[0]
    return block.strip().removeprefix("```").removesuffix("```").strip("\n")


def test_the_documented_exchange_is_what_the_code_produces() -> None:
    assert documented() == example()


def test_the_documented_metadata_and_upload_id_read_back() -> None:
    text = documented()
    metadata = re.search(r"^Upload-Metadata: (.+)$", text, re.M)
    location = re.search(r"^Location: /v1/uploads/(.+)$", text, re.M)
    assert metadata and location
    batch = parse_metadata(metadata.group(1))
    assert batch is not None and (batch.post, batch.seq) == ("TGR1", 4)
    assert parse_upload_id(location.group(1)) == batch
    assert f"Upload-Length: {len(BATCH)}" in text
