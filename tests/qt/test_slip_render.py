"""Slips rendered to PDF, rasterized like a scan, and read back like a camp would.

All names are fictitious.
"""

from __future__ import annotations

import math
import os
import random
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from fieldreg.errors import InvalidInput, StorageError
from fieldreg.station.slips import (
    A6,
    DEFAULT_LAYOUT,
    LAYOUTS,
    QUIET_ZONE_MODULES,
    THERMAL_58MM,
    Layout,
    SlipData,
    SlipMember,
    layout_by_name,
)
from fieldreg.tokens.qr import qr_matrix
from fieldreg.ui.slip_render import paint_slip, write_slips_pdf

BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
FAMILY = [
    ("Aminata", 34, False), ("Moussa", 41, False), ("Fatoumata Bintou Aïssata Kadiatou", 15, True),
    ("Ousmane", 12, False), ("Mariam", 9, True), ("Seydou", 6, False), ("Kadidia", 3, False),
    ("Ibrahim", 0, True),
]
DPI = 150


def token(length: int = 300, *, seed: int = 1) -> str:
    """A realistic signed-token stand-in: versioned prefix, base45 alphabet."""
    rnd = random.Random(seed)
    return "FR1:" + "".join(rnd.choice(BASE45) for _ in range(length - 4))


def household(size: int = 8, *, seed: int = 1, regno: str = "TGR1-26-000042-B", **changes: object) -> SlipData:
    members = tuple(SlipMember(*FAMILY[i % len(FAMILY)]) for i in range(size))
    fields: dict[str, object] = dict(
        regno=regno, head_family_name="Traoré", head_given_names="Aminata", members=members,
        post_id="TGR1", post_name="Tengréla", issued_at=datetime(2026, 11, 21, 9, 5, tzinfo=UTC),
        token=token(seed=seed),
    )
    fields.update(changes)
    return SlipData(**fields)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """pytest-qt's QApplication first, so the renderer reuses it instead of making its own."""


def render_pages(tmp_path: Path, pdf_tools: object, slips: list[SlipData], layout: Layout) -> list[Image.Image]:
    pdf = tmp_path / f"slips-{layout.name}.pdf"
    write_slips_pdf(slips, pdf, layout=layout)
    return pdf_tools.rasterize(pdf, dpi=DPI)  # type: ignore[attr-defined]


def module_mm_on_page(barcode: object, modules: int) -> float:
    """Printed module size, from the corners zxing-cpp found on a 150 dpi page."""
    pos = barcode.position  # type: ignore[attr-defined]
    width_px = math.dist((pos.top_left.x, pos.top_left.y), (pos.top_right.x, pos.top_right.y))
    return width_px / modules * 25.4 / DPI


@pytest.mark.parametrize("layout", list(LAYOUTS.values()), ids=list(LAYOUTS))
def test_household_of_8_decodes_from_150_dpi_page(tmp_path, pdf_tools, layout):
    slip = household(8)
    (page,) = render_pages(tmp_path, pdf_tools, [slip], layout)

    (found,) = pdf_tools.decode(page)
    assert found.text == slip.token
    assert found.ec_level == "Q"
    code = qr_matrix(slip.token, "Q")
    assert code.version <= 13, "a household of 8 must fit in a version ≤ 13 code"
    modules = code.size
    assert module_mm_on_page(found, modules) >= 0.5 * 0.95  # 5 %: corner detection at 150 dpi

    # The full quiet zone: nothing dark within 4 modules of the code on any side.
    module_px = module_mm_on_page(found, modules) * DPI / 25.4
    corners = (found.position.top_left, found.position.top_right,
               found.position.bottom_right, found.position.bottom_left)
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    quiet = round((QUIET_ZONE_MODULES - 0.5) * module_px)  # half a module for antialiased edges
    outer = page.crop((min(xs) - quiet, min(ys) - quiet, max(xs) + 1 + quiet, max(ys) + 1 + quiet))
    inner_box = (quiet - 1, quiet - 1, outer.width - quiet + 1, outer.height - quiet + 1)
    ring = outer.copy()
    ring.paste(255, inner_box)
    assert ring.getextrema()[0] > 200, "something is printed in the quiet zone"


def degrade(page: Image.Image, *, seed: int = 7) -> Image.Image:
    """A poor photocopy: 100 dpi, blurred, noisy, slightly crooked."""
    small = page.resize((page.width * 100 // DPI, page.height * 100 // DPI), Image.Resampling.BILINEAR)
    blurred = small.filter(ImageFilter.GaussianBlur(0.6))
    rnd = random.Random(seed)
    noise = Image.frombytes(
        "L", blurred.size,
        bytes(max(0, min(255, round(128 + rnd.gauss(0, 24)))) for _ in range(blurred.width * blurred.height)),
    )
    noisy = ImageChops.add(blurred, noise, scale=1.0, offset=-128)
    return noisy.rotate(2.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


@pytest.mark.parametrize("layout", [DEFAULT_LAYOUT, THERMAL_58MM], ids=lambda layout: layout.name)
def test_degraded_copy_still_decodes(tmp_path, pdf_tools, layout):
    slip = household(8, seed=2)
    (page,) = render_pages(tmp_path, pdf_tools, [slip], layout)
    found = pdf_tools.decode(degrade(page))
    assert [b.text for b in found] == [slip.token]


def test_pdf_text_has_number_names_and_both_languages(tmp_path, pdf_tools):
    slip = household(3, regno="TGR1-26-000042-B")
    pdf = tmp_path / "one.pdf"
    write_slips_pdf([slip], pdf, layout=A6)
    text = pdf_tools.text(pdf)
    # The check character is drawn in its own box, so the text layer may space it out.
    assert "TGR1-26-000042-B" in "".join(text.split())
    for expected in ("TRAORÉ Aminata", "Fatoumata Bintou Aïssata Kadiatou", "~15", "Tengréla (TGR1)",
                     "2026-11-21 09:05 UTC", "Registration no.", "N° d'enregistrement", "Membres / Members (3)"):
        assert expected in text


def test_several_slips_make_one_page_each(tmp_path, pdf_tools):
    slips = [household(n, seed=n, regno=f"TGR1-26-00004{n}-X") for n in (1, 4, 8)]
    pages = render_pages(tmp_path, pdf_tools, slips, DEFAULT_LAYOUT)
    assert [[b.text for b in pdf_tools.decode(page)] for page in pages] == [[s.token] for s in slips]


def dark_box(image: QImage) -> tuple[int, int, int, int] | None:
    """Bounding box of everything drawn darker than mid-grey."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())[: gray.bytesPerLine() * gray.height()]
    pil = Image.frombytes("L", (gray.width(), gray.height()), data, "raw", "L", gray.bytesPerLine())
    return pil.point(lambda v: 255 if v < 128 else 0).getbbox()


@pytest.mark.parametrize("layout", list(LAYOUTS.values()), ids=list(LAYOUTS))
def test_long_names_other_scripts_and_big_households_stay_inside_margins(layout):
    slip = household(
        20,
        head_family_name="Diallo-Coulibaly-Keïta-Sangaré-Ouattara-Traoré",
        head_given_names="Fatoumata Bintou Aïssata Kadiatou Oumou Hawa",
        post_name="Poste frontalier de Ouangolodougou-Nord, route de Niellé",
        members=(SlipMember("محمد عبد الله", 30, False), SlipMember("ߒߞߏ", 3, True),
                 SlipMember("Aïssata" * 12, 1, True), *(SlipMember(*FAMILY[i % 8]) for i in range(17))),
    )
    # The page sits in a larger white image: anything drawn off the page would show.
    px_per_mm = DPI / 25.4
    image = QImage(round((layout.page_width_mm + 40) * px_per_mm),
                   round((layout.page_height_mm + 40) * px_per_mm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    page = QRectF(20 * px_per_mm, 20 * px_per_mm, layout.page_width_mm * px_per_mm, layout.page_height_mm * px_per_mm)
    painter = QPainter(image)
    try:
        paint_slip(painter, slip, layout=layout, page_rect=page)
    finally:
        painter.end()

    left, top, right, bottom = dark_box(image)
    margin = layout.margin_mm * px_per_mm
    assert left >= page.left() + margin - 1 and top >= page.top() + margin - 1
    assert right <= page.right() - margin + 1 and bottom <= page.bottom() - margin + 1


def test_twenty_members_on_58mm_still_print_and_scan(tmp_path, pdf_tools):
    slip = household(20)
    pdf = tmp_path / "big.pdf"
    write_slips_pdf([slip], pdf, layout=THERMAL_58MM)
    text = pdf_tools.text(pdf)
    assert "Members (20)" in text
    (page,) = pdf_tools.rasterize(pdf, dpi=DPI)
    assert [b.text for b in pdf_tools.decode(page)] == [slip.token]


def test_token_too_long_for_the_paper_is_a_domain_error(tmp_path):
    slip = household(2, token=token(900))
    with pytest.raises(InvalidInput, match="58mm"):
        write_slips_pdf([slip], tmp_path / "x.pdf", layout=THERMAL_58MM)
    with pytest.raises(InvalidInput, match="do not fit in any QR code"):
        write_slips_pdf([household(2, token=token(5000))], tmp_path / "x.pdf", layout=A6)
    assert list(tmp_path.iterdir()) == []


def test_written_file_is_private_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "slip.pdf"
    target.write_bytes(b"old")
    write_slips_pdf([household(2)], target, layout=A6)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["slip.pdf"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_unwritable_destination_and_empty_batch_are_clear_errors(tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        write_slips_pdf([household(1)], tmp_path / "gone" / "slip.pdf", layout=A6)
    with pytest.raises(InvalidInput, match="no slips"):
        write_slips_pdf([], tmp_path / "slip.pdf", layout=A6)


def test_layouts_by_name_and_naive_times_refused():
    assert layout_by_name(" A6 ") is A6
    with pytest.raises(InvalidInput, match="a6, 80mm, 58mm"):
        layout_by_name("letter")
    with pytest.raises(InvalidInput, match="timezone"):
        household(1, issued_at=datetime(2026, 11, 21, 9, 5))
