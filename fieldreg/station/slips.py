"""What a printed slip says, and the paper it is printed on — no Qt here.

>>> from datetime import datetime, timezone
>>> slip = SlipData(
...     regno="TGR1-26-000042-B", head_family_name="Traoré", head_given_names="Aminata",
...     members=(SlipMember("Aminata", 34, False), SlipMember("Moussa", 6, True)),
...     post_id="TGR1", post_name="Tengréla", issued_at=datetime(2026, 11, 21, 9, 5, tzinfo=timezone.utc),
...     token="FR1:EXAMPLE")
>>> split_check(slip.regno)
('TGR1-26-000042-', 'B')
>>> [format_age(m) for m in slip.members]
['34', '~6']
>>> layout_by_name("80mm").page_width_mm
80.0
>>> len(slip.qr_modules())        # the QR code the renderer paints, modules per side
21

The core builds ``SlipData`` from a stored registration and its signed token;
``fieldreg.ui.slip_render`` draws it (PDF now, the print dialog later). Keeping
the words and the page sizes here lets the CLI validate ``--layout`` and lets
tests check the wording without a display.

A slip carries the same minimum as the token: never nationality, specific
needs, documents, phone, origin or reasons for flight (DESIGN.md, threat model).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from fieldreg.errors import InvalidInput

# About 25 % of the code may be lost: slips get creased, wet and dirty (docs/slips.md).
SLIP_QR_ERROR_CORRECTION: Final = "Q"


@dataclass(frozen=True)
class SlipMember:
    """One line of the slip's member list: first names and age in whole years."""

    given_names: str
    age_years: int
    age_estimated: bool


@dataclass(frozen=True)
class SlipData:
    """Everything printed on one slip.

    ``members`` lists the whole household in registration order, the head
    included, so ``len(members)`` is the household size printed on the slip.
    ``token`` is the signed QR text; ``issued_at`` must be timezone-aware.
    """

    regno: str
    head_family_name: str
    head_given_names: str
    members: tuple[SlipMember, ...]
    post_id: str
    post_name: str
    issued_at: datetime
    token: str

    def __post_init__(self) -> None:
        # A naive datetime would be printed as if it were UTC: refuse it early.
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise InvalidInput("slip issue time must be timezone-aware (UTC)")
        if not self.token:
            raise InvalidInput("slip has no token to print as a QR code")

    def qr_modules(self) -> list[list[bool]]:
        """The QR code of this slip's token: rows of dark (True) and light modules, no quiet zone.

        A token too long for any QR code raises ``QrTooLarge`` (an
        ``InvalidInput``) here, before anything is drawn.
        """
        # Imported here: qrcode and Pillow load when a slip is drawn, not when a station opens.
        from fieldreg.tokens.qr import qr_matrix

        return qr_matrix(self.token, SLIP_QR_ERROR_CORRECTION).modules


@dataclass(frozen=True)
class Layout:
    """A paper size and the limits the renderer works within (all lengths in mm).

    ``qr_max_mm`` bounds the QR's width *including* its quiet zone (which may
    lie in the margin: it only needs blank paper). Module sizes
    are picked on a 0.125 mm grid (one dot of a 203 dpi thermal head) between
    ``min_module_mm`` and ``max_module_mm``; a token that would need smaller
    modules than ``min_module_mm`` is refused rather than printed unreadably.
    """

    name: str
    title: str
    page_width_mm: float
    page_height_mm: float
    margin_mm: float
    qr_max_mm: float
    min_module_mm: float = 0.5
    max_module_mm: float = 1.0
    base_pt: float = 9.0  # member lines and values; labels and titles scale from it
    regno_pt: float = 16.0
    is_roll: bool = False  # continuous thermal paper; the page height is a cut length

    @property
    def content_width_mm(self) -> float:
        return self.page_width_mm - 2 * self.margin_mm

    @property
    def content_height_mm(self) -> float:
        return self.page_height_mm - 2 * self.margin_mm


# A6 is the smallest sheet office printers feed; four fit on an A4 sheet.
A6 = Layout("a6", "A6 (105 × 148 mm)", 105.0, 148.0, margin_mm=6.0, qr_max_mm=60.0)
# Thermal heads print 72 mm of an 80 mm roll and 48 mm of a 58 mm roll: the
# margins keep everything inside the printable band.
THERMAL_80MM = Layout(
    "80mm", "80 mm thermal roll", 80.0, 160.0, margin_mm=4.0, qr_max_mm=58.0, is_roll=True
)
THERMAL_58MM = Layout(
    "58mm", "58 mm thermal roll", 58.0, 150.0, margin_mm=5.0, qr_max_mm=50.0,
    base_pt=8.5, regno_pt=14.0, is_roll=True,
)

LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (A6, THERMAL_80MM, THERMAL_58MM)}
DEFAULT_LAYOUT = A6


QUIET_ZONE_MODULES = 4  # the QR standard's minimum light border on every side
_DOT_MM = 0.125  # one dot of a 203 dpi thermal head


def module_size_mm(
    modules: int, layout: Layout, *, printable_mm: float | None = None, paper_mm: float | None = None
) -> float:
    """Module size for a QR ``modules`` wide (quiet zone excluded) on ``layout``.

    >>> module_size_mm(69, A6)   # version 13: 77 modules with the quiet zone
    0.75

    The largest size on the 0.125 mm grid such that the dark symbol fits the
    printable band (``printable_mm``, default the layout's content width) and
    the whole code, quiet zone included, fits ``layout.qr_max_mm`` and the
    paper (``paper_mm``, default the page width). The quiet zone only has to be
    blank paper, so it may reach into the margin a thermal head cannot print.
    The size is capped at ``layout.max_module_mm``. A token too long for the
    paper is an ``InvalidInput``: a smaller code would print but not scan.
    """
    band = layout.content_width_mm if printable_mm is None else printable_mm
    paper = layout.page_width_mm if paper_mm is None else paper_mm
    total = modules + 2 * QUIET_ZONE_MODULES
    fitted = min(band / modules, min(layout.qr_max_mm, paper) / total)
    size = min(math.floor(fitted / _DOT_MM + 1e-9) * _DOT_MM, layout.max_module_mm)
    if size < layout.min_module_mm:
        raise InvalidInput(
            "QR code of {modules} modules does not fit the {name} slip at {min_module_mm} mm per module; "
            "use a larger layout",
            modules=modules, name=layout.name, min_module_mm=layout.min_module_mm
        )
    return size


def layout_by_name(name: str) -> Layout:
    """``layout_by_name("a6") is A6``; an unknown name is an ``InvalidInput``."""
    try:
        return LAYOUTS[name.strip().lower()]
    except KeyError:
        choices = ", ".join(LAYOUTS)
        raise InvalidInput(
            "unknown slip layout {name!r}; choose one of: {choices}",
            name=name, choices=choices
        ) from None


# Labels are bilingual on the paper itself: the slip travels to camps and
# villages whose staff may read either language, whatever the officer's UI is.
LABELS: dict[str, str] = {
    "title": "Fiche d'enregistrement · Registration slip",
    "regno": "N° d'enregistrement / Registration no.",
    "head": "Chef de ménage / Head of household",
    "members": "Membres / Members",
    "age": "Âge / Age",
    "estimated": "~ âge estimé / estimated age",
    "post": "Poste / Post",
    "issued": "Délivré le / Issued",
    "footer": "Gratuit. Gardez cette fiche, présentez-la au camp. / "
    "Free of charge. Keep this slip and show it at the camp.",
}


def split_check(regno: str) -> tuple[str, str]:
    """``split_check("TGR1-26-000042-B") == ("TGR1-26-000042-", "B")``.

    The check character is whatever follows the last ``-``; a number without
    one is returned whole with an empty check part.
    """
    head, sep, check = regno.rpartition("-")
    if not sep or not check:
        return regno, ""
    return head + sep, check


def format_age(member: SlipMember) -> str:
    """``"34"``, or ``"~34"`` when the age was estimated (the slip explains ``~``)."""
    return f"~{member.age_years}" if member.age_estimated else str(member.age_years)


def format_head(slip: SlipData) -> str:
    """Family name in capitals first, as on West African civil documents: ``"TRAORÉ Aminata"``."""
    return f"{slip.head_family_name.upper()} {slip.head_given_names}".strip()


def format_post(slip: SlipData) -> str:
    """``"Tengréla (TGR1)"``."""
    return f"{slip.post_name} ({slip.post_id})" if slip.post_name else slip.post_id


def format_issued(slip: SlipData) -> str:
    """Issue time in UTC, ISO order so that it reads the same in both languages."""
    return slip.issued_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
