"""The worked example of docs/formats/token.md, rebuilt from code (TEST-ONLY KEYS).

The seeds below are public and printed in the documentation: they must never
sign anything real. ``test_format_doc.py`` checks the document still matches.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.keys import Certificate, PostKey, TrustList
from fieldreg.keys.cose import canonical_dumps, parse_sign1
from fieldreg.keys.ids import key_id, public_raw
from fieldreg.tokens import Claims, Member, Sex, encode_token
from fieldreg.tokens.base45 import b45decode
from fieldreg.tokens.qr import qr_matrix

TEST_ONLY_ROOT_SEED = hashlib.sha256(b"FieldReg TEST-ONLY HQ root key").digest()
TEST_ONLY_POST_SEED = hashlib.sha256(b"FieldReg TEST-ONLY post key TGR1").digest()
ISSUED = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
START = datetime(2026, 11, 1, tzinfo=UTC)


def build() -> dict[str, str]:
    root = Ed25519PrivateKey.from_private_bytes(TEST_ONLY_ROOT_SEED)
    post = Ed25519PrivateKey.from_private_bytes(TEST_ONLY_POST_SEED)
    cert = Certificate.issue(
        post_id="TGR1", public_key=public_raw(post), not_before=START,
        not_after=START + timedelta(days=730), issued_at=START, root=root,
    )
    claims = Claims(
        registration_number="TGR1-26-000042-B",
        family_name="TRAORÉ",
        given_names="Awa",
        members=(Member(Sex.FEMALE, 1988), Member(Sex.MALE, 2012), Member(Sex.FEMALE, 2016)),
        household_size=3,
        issuing_post="TGR1",
        issued_at=ISSUED,
        token_id=bytes.fromhex("00112233445566778899aabbccddeeff"),
        serial=1,
    )
    text = encode_token(claims, PostKey(post, cert))
    body = b45decode(text[4:])
    msg = parse_sign1(body)
    trust = TrustList.issue(version=1, issued_at=START, expires_at=START + timedelta(days=90),
                            entries=[cert.key], root=root)
    return {
        "root_seed": TEST_ONLY_ROOT_SEED.hex(),
        "root_public": public_raw(root).hex(),
        "post_seed": TEST_ONLY_POST_SEED.hex(),
        "post_public": public_raw(post).hex(),
        "kid": key_id(public_raw(post)).hex(),
        "payload": canonical_dumps(claims.to_cbor_map()).hex(),
        "protected": msg.protected.hex(),
        "sig_structure": msg.to_sign().hex(),
        "signature": msg.signature.hex(),
        "cose": body.hex(),
        "token": text,
        "length": str(len(text)),
        "qr_q": str(qr_matrix(text, "Q").version),
        "qr_m": str(qr_matrix(text, "M").version),
        "trustlist": trust.raw.hex(),
        "certificate": cert.raw.hex(),
    }


if __name__ == "__main__":
    for k, v in build().items():
        print(f"{k}: {v}")
