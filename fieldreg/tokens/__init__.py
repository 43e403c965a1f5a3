"""Signed household tokens: claims -> compact QR-friendly string -> verdict.

    text = encode_token(Claims.new(...), post_key)                  # at the post
    verdict = verify_token(text, trust, revocations, now,           # at a camp
                           clock_floor=store.clock_floor)

Format: docs/formats/token.md. QR images: ``fieldreg.tokens.qr``.
"""

from fieldreg.tokens.claims import Claims, Member, Sex
from fieldreg.tokens.codec import PREFIX, DecodedToken, decode_token, encode_token
from fieldreg.tokens.verdict import Reason, Status, TokenError, Verdict
from fieldreg.tokens.verify import verify_token

__all__ = [
    "PREFIX",
    "Claims",
    "DecodedToken",
    "Member",
    "Reason",
    "Sex",
    "Status",
    "TokenError",
    "Verdict",
    "decode_token",
    "encode_token",
    "verify_token",
]
