"""QR matrix, PNG, and decoding from clean and degraded images."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageFilter

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.tokens import encode_token
from fieldreg.tokens.qr import QrTooLarge, decode_qr_image, qr_matrix, qr_png

from .conftest import World, make_claims

MM_PER_INCH = 25.4


def _household_of_8_token(world: World) -> str:
    # Long but realistic transliterated names.
    cl = make_claims(8, family="OULD MOHAMED EL MOCTAR", given="Fatimetou Zahra Mint")
    return encode_token(cl, world.post)


def test_household_of_8_fits_version_13_at_q(world: World) -> None:
    text = _household_of_8_token(world)
    code = qr_matrix(text, "Q")
    assert code.version <= 13 and code.size == 17 + 4 * code.version
    assert all(len(row) == code.size for row in code.modules)
    # 0.5 mm modules with the 4-module quiet zone fit a 58 mm thermal roll (48 mm printable).
    assert (code.size + 8) * 0.5 <= 48


def test_overflow_is_a_domain_error() -> None:
    with pytest.raises(QrTooLarge):
        qr_matrix("A" * 5000, "H")
    with pytest.raises(QrTooLarge, match="at most 10"):
        qr_matrix("FR1:" + "A" * 300, "Q", max_version=10)
    assert isinstance(QrTooLarge("x"), InvalidInput)


def test_png_round_trip_with_quiet_zone(world: World) -> None:
    text = _household_of_8_token(world)
    png = qr_png(text, module_px=3)
    image = Image.open(io.BytesIO(png))
    side = (qr_matrix(text).size + 8) * 3
    assert image.size == (side, side)
    assert image.convert("L").getpixel((3 * 4 - 1, 3 * 4 - 1)) == 255  # quiet zone is white
    assert decode_qr_image(png) == [text]


def test_degraded_100_dpi_copy_still_decodes(world: World, tmp_path: object) -> None:
    """Printed at 0.5 mm modules, scanned at 100 dpi, blurred and noisy."""
    text = _household_of_8_token(world)
    code = qr_matrix(text, "Q")
    module_px = 8
    crisp = Image.open(io.BytesIO(qr_png(text, module_px=module_px))).convert("L")
    width_mm = (code.size + 8) * 0.5
    target = round(width_mm / MM_PER_INCH * 100)  # pixels across at 100 dpi
    page = Image.new("L", (target + 40, target + 40), 255)
    small = crisp.resize((target, target), Image.Resampling.BILINEAR)
    page.paste(small, (20, 20))
    blurred = page.filter(ImageFilter.GaussianBlur(0.7))
    rng = random.Random(1234)
    noisy = Image.frombytes(
        "L", blurred.size,
        bytes(max(0, min(255, p + int(rng.gauss(0, 18)))) for p in blurred.tobytes()),
    )
    buf = io.BytesIO()
    noisy.save(buf, format="JPEG", quality=70)
    assert decode_qr_image(buf.getvalue()) == [text]


def test_decode_from_path_and_errors(tmp_path: object, world: World) -> None:
    from pathlib import Path

    base = Path(str(tmp_path))
    png = base / "slip.png"
    png.write_bytes(qr_png("FR1:ABC", module_px=4))
    assert decode_qr_image(png) == ["FR1:ABC"]
    with pytest.raises(NotFound):
        decode_qr_image(base / "missing.png")
    with pytest.raises(InvalidInput, match="not an image"):
        decode_qr_image(b"not an image")
    blank = io.BytesIO()
    Image.new("L", (200, 200), 255).save(blank, format="PNG")
    with pytest.raises(InvalidInput, match="no readable QR code"):
        decode_qr_image(blank.getvalue())
    with pytest.raises(InvalidInput, match=r"damaged|not an image"):
        decode_qr_image(png.read_bytes()[:60])
