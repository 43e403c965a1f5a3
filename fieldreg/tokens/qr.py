"""QR codes for tokens: the matrix (for Qt to paint), a PNG, and decoding from photos and scans.

    code = qr_matrix(token_text, ec="Q")        # QrMatrix: .modules (list of rows of bool), .version
    png = qr_png(token_text, module_px=6)       # bytes, with the 4-module quiet zone
    decode_qr_image("scan.jpg")                 # ['FR1:...'] or InvalidInput
    decode_qr_image("slip.pdf")                 # the slip's PDF too: each page rasterized

The library builds, Qt draws: ``qr_matrix`` is what the slip renderer paints,
so an overflowing token becomes ``QrTooLarge`` (a ``FieldRegError``) here,
before any widget or PDF sees it. Tokens are base45, i.e. entirely in the QR
alphanumeric alphabet, and are encoded as one alphanumeric segment (5.5 bits a
character instead of 8).
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from typing import Literal

import qrcode
import qrcode.util
import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError
from qrcode.exceptions import DataOverflowError

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.messages import Message

EcLevel = Literal["L", "M", "Q", "H"]
_EC = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
_ALNUM = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
# A phone photo is ~12-50 Mpx; beyond this we refuse rather than exhaust a small laptop.
MAX_IMAGE_PIXELS = 60_000_000
QUIET_ZONE = 4
_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class QrTooLarge(InvalidInput):
    """The text does not fit a QR code of the allowed size at this error-correction level."""


@dataclass(frozen=True)
class QrMatrix:
    """Dark (True) / light (False) modules, without quiet zone; ``version`` 1-40."""

    modules: list[list[bool]]
    version: int
    ec: EcLevel

    @property
    def size(self) -> int:
        """Modules per side (17 + 4 x version)."""
        return len(self.modules)


def qr_matrix(text: str, ec: EcLevel = "Q", *, max_version: int = 40) -> QrMatrix:
    """Encode ``text`` in the smallest QR version that fits; ``QrTooLarge`` otherwise."""
    if ec not in _EC:
        raise ValueError(f"error-correction level must be one of L, M, Q, H, not {ec!r}")
    code = qrcode.QRCode(version=None, error_correction=_EC[ec], border=0)
    if text and set(text) <= _ALNUM:
        # One explicit alphanumeric segment: qrcode's optimiser would split around digit runs.
        code.add_data(qrcode.util.QRData(text.encode("ascii"), mode=qrcode.util.MODE_ALPHA_NUM))
    else:
        code.add_data(text.encode("utf-8"))
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError):
        # qrcode reports "needs version 41" as ValueError rather than DataOverflowError.
        raise QrTooLarge(
            "{length} characters do not fit in any QR code at level {ec}",
            length=len(text), ec=ec
        ) from None
    if code.version > max_version:
        raise QrTooLarge(
            "{length} characters need QR version {version} at level {ec}; at most {max_version} fits this slip",
            length=len(text), version=code.version, ec=ec, max_version=max_version
        )
    return QrMatrix([[bool(m) for m in row] for row in code.get_matrix()], code.version, ec)


def qr_png(text: str, *, module_px: int, border: int = QUIET_ZONE, ec: EcLevel = "Q") -> bytes:
    """A black-on-white PNG, ``module_px`` pixels per module, ``border`` modules of quiet zone."""
    if module_px < 1 or border < 0:
        raise ValueError("module_px must be >= 1 and border >= 0")
    matrix = qr_matrix(text, ec)
    n = matrix.size
    pixels = bytes(0 if dark else 255 for row in matrix.modules for dark in row)
    image = Image.frombytes("L", (n, n), pixels)
    image = ImageOps.expand(image, border=border, fill=255)
    side = (n + 2 * border) * module_px
    image = image.resize((side, side), Image.Resampling.NEAREST).convert("1")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def decode_qr_image(source: str | os.PathLike[str] | bytes) -> list[str]:
    """Every QR code's text in an image file or image bytes (photo, scan, PNG), in reading order.

    Raises ``NotFound`` for a missing file and ``InvalidInput`` for something
    that is not an image or shows no readable QR code.
    """
    if _is_pdf(source):
        texts = [text for page in _pdf_pages(source) for text in _read(page, zxingcpp.Binarizer.LocalAverage)]
        if not texts:
            raise InvalidInput("no readable QR code found in the PDF: open the slip's own PDF, not a copy of it")
        return texts
    image = _load_image(source)
    texts = _read(image, zxingcpp.Binarizer.LocalAverage)
    if not texts:
        # Blurred or unevenly lit photos sometimes only binarize well globally.
        texts = _read(image, zxingcpp.Binarizer.GlobalHistogram)
    if not texts and max(image.size) < 600:
        # Very small scans: give the detector more pixels per module to work with.
        texts = _read(image.resize((image.width * 2, image.height * 2), Image.Resampling.BICUBIC),
                      zxingcpp.Binarizer.LocalAverage)
    if not texts:
        raise InvalidInput(
            "no readable QR code found in the image: photograph the slip flat, in good light, "
            "filling most of the picture"
        )
    return texts


PDF_DPI = 200  # a slip's QR code (>= 20 mm wide) gets >= 3 pixels a module
MAX_PDF_PAGES = 10  # a slip is one page; a long document is not a slip


def _is_pdf(source: str | os.PathLike[str] | bytes) -> bool:
    if isinstance(source, bytes):
        return source.startswith(b"%PDF-")
    try:
        with open(source, "rb") as file:
            return file.read(5) == b"%PDF-"
    except OSError:
        return False  # _load_image says what is wrong with it


def _pdf_pages(source: str | os.PathLike[str] | bytes) -> list[Image.Image]:
    """The first pages of a PDF as greyscale images (PDFium, through pypdfium2)."""
    import pypdfium2

    where: Message | str = Message("the PDF") if isinstance(source, bytes) else os.fspath(source)
    try:
        document = pypdfium2.PdfDocument(source if isinstance(source, bytes) else os.fspath(source))
    except pypdfium2.PdfiumError:
        raise InvalidInput("{where} is not a PDF FieldReg can read", where=where) from None
    try:
        return [document[index].render(scale=PDF_DPI / 72, grayscale=True).to_pil().convert("L")
                for index in range(min(len(document), MAX_PDF_PAGES))]
    finally:
        document.close()


def _load_image(source: str | os.PathLike[str] | bytes) -> Image.Image:
    where: Message | str = Message("the image") if isinstance(source, bytes) else os.fspath(source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
            if opened.width * opened.height > MAX_IMAGE_PIXELS:
                raise InvalidInput(
                    "{where} is too large ({width}x{height} pixels)",
                    where=where, width=opened.width, height=opened.height
                )
            opened.load()
            upright = ImageOps.exif_transpose(opened) or opened  # phone photos carry a rotation tag
            return upright.convert("L")
    except FileNotFoundError:
        raise NotFound("no such file: {where}", where=where) from None
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput("{where} is not an image FieldReg can read (PNG, JPEG, ...)", where=where) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        # Truncated or corrupt image data surfaces as any of these from Pillow's decoders;
        # which one says nothing to the person holding the photo.
        raise InvalidInput("{where} is damaged or truncated", where=where) from None


def _read(image: Image.Image, binarizer: zxingcpp.Binarizer) -> list[str]:
    try:
        found = zxingcpp.read_barcodes(image, formats=_QR_ONLY, binarizer=binarizer)
    except (ValueError, RuntimeError):
        return []
    texts: list[str] = []
    for barcode in found:
        if barcode.valid and barcode.text not in texts:
            texts.append(barcode.text)
    return texts
