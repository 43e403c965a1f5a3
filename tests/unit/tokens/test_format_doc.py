"""docs/formats/token.md's worked example must match what the code produces."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from fieldreg.keys import TrustList
from fieldreg.tokens import verify_token

from . import doc_example

DOC = Path(__file__).resolve().parents[3] / "docs" / "formats" / "token.md"


def test_every_value_of_the_example_is_in_the_doc() -> None:
    text = DOC.read_text("utf-8")
    for name, value in doc_example.build().items():
        if name in {"certificate", "length", "qr_q", "qr_m"}:
            continue
        assert value in text, f"docs/formats/token.md is out of date: {name} = {value}"
    values = doc_example.build()
    assert f"Token ({values['length']} characters; QR version {values['qr_q']} at level Q, " \
           f"{values['qr_m']} at level M)" in text


def test_the_example_token_verifies_with_the_example_trust_list() -> None:
    text = DOC.read_text("utf-8")
    blocks = re.findall(r"^```\n(.*?)\n```$", text, re.S | re.M)
    token = next(b for b in blocks if b.startswith("FR1:"))
    trust_hex = blocks[-1]
    root = bytes.fromhex(doc_example.build()["root_public"])
    trust = TrustList.from_bytes(bytes.fromhex(trust_hex), root_public=root)
    verdict = verify_token(token, trust, None, doc_example.ISSUED + timedelta(hours=1))
    assert verdict.ok, verdict.message
    assert verdict.claims is not None and verdict.claims.family_name == "TRAORÉ"
