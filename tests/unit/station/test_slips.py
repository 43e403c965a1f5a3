"""fieldreg.station.slips: the QR code a slip's renderer paints.

All names are fictitious.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image, ImageOps

from fieldreg.errors import InvalidInput
from fieldreg.station.slips import SlipData, SlipMember
from fieldreg.tokens.qr import QrTooLarge, decode_qr_image, qr_matrix


def slip(token: str) -> SlipData:
    return SlipData(
        regno="TGR1-26-000042-B", head_family_name="Traoré", head_given_names="Aminata",
        members=(SlipMember("Aminata", 34, False),), post_id="TGR1", post_name="Tengréla",
        issued_at=datetime(2026, 11, 21, 9, 5, tzinfo=UTC), token=token)


def scan(modules: list[list[bool]]) -> list[str]:
    """What a camp's reader finds in the modules, drawn 4 pixels each inside the quiet zone."""
    side = len(modules)
    image = Image.frombytes("L", (side, side), bytes(0 if dark else 255 for row in modules for dark in row))
    image = ImageOps.expand(image, border=4, fill=255)
    image = image.resize((image.width * 4, image.height * 4), Image.Resampling.NEAREST)
    png = io.BytesIO()
    image.save(png, format="PNG")
    return decode_qr_image(png.getvalue())


def test_the_slip_qr_code_is_its_token_at_error_correction_q() -> None:
    token = "FR1:" + "6BF-QK2" * 30
    modules = slip(token).qr_modules()
    assert modules == qr_matrix(token, "Q").modules
    assert scan(modules) == [token]


def test_a_token_too_long_for_any_qr_code_is_a_domain_error() -> None:
    with pytest.raises(QrTooLarge) as raised:
        slip("FR1:" + "A" * 5000).qr_modules()
    assert isinstance(raised.value, InvalidInput)
