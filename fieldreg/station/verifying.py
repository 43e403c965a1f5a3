"""Checking a slip at a camp (or a post): trust material, verdicts, hand-typed numbers, check-in.

    verifier = Verifier.for_station(store)                      # HQ's lists held by the station
    verdict = verifier.verify_text("FR1:6BF...")                # Verdict: VALID / INVALID / REVOKED
    result = verifier.scan(raw_text, session=session)           # what a scan at the desk does:
    #   repair a scanner's keyboard mangling, tell a token from a registration number,
    #   verify, and at a camp record the check-in and return the earlier ones
    check_regno("TGR1-26-000042-B", session)                    # RegnoCheck, or InvalidInput
    decode_qr_image("scan.jpg")                                 # ['FR1:...']: the codes in a photo

The CLI (``fieldreg verify``) and the app's verify screen both go through
here, so a slip gets the same verdict wherever it is checked. Trust material
comes from the station (``Verifier.for_station``) or from files given
explicitly (``Verifier.from_sources``, e.g. on a computer that is not set up
as a station, with HQ's fingerprint to check the trust list). A verdict's types
(``Verdict``, ``Status``, ``Reason``, and the slip's ``Claims`` with their
``Sex``) are the token format's, exported here for the UI and the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from os import PathLike

from fieldreg.errors import InvalidInput
from fieldreg.keys import RevocationList, TrustList, TrustStore
from fieldreg.model import utcnow
from fieldreg.regno import parse_regno
from fieldreg.station.checkins import Checkin, EarlierWarning, Seen, earlier_warnings
from fieldreg.station.scanner import repair_scanned
from fieldreg.station.session import Session
from fieldreg.station.station import Station
from fieldreg.station.trust import station_trust
from fieldreg.tokens import Claims, Reason, Sex, Status, Verdict, verify_token

__all__ = [
    "Checkin",
    "Claims",
    "EarlierWarning",
    "Reason",
    "RegnoCheck",
    "ScanResult",
    "Seen",
    "Sex",
    "Status",
    "Verdict",
    "Verifier",
    "approximate_age",
    "check_regno",
    "decode_qr_image",
    "earlier_warnings",
    "head_name",
    "is_token_text",
]


def is_token_text(text: str) -> bool:
    """Tokens start ``FR1:``; registration numbers never hold a colon."""
    return ":" in text


@dataclass(frozen=True)
class RegnoCheck:
    """A registration number typed by hand whose check character is right.

    ``checkins`` is ``None`` where nothing was looked up (not a camp, or no session).
    A number alone proves nothing: only the slip's QR code does.
    """

    regno: str
    checkins: tuple[Checkin, ...] | None = None


def check_regno(text: str, session: Session | None = None) -> RegnoCheck:
    """Check a typed number's check character (``InvalidInput`` saying what is wrong otherwise);
    at a camp, with a session, also say when that household was checked in."""
    regno = str(parse_regno(text))
    if session is None or session.station.kind != "camp":
        return RegnoCheck(regno)
    return RegnoCheck(regno, tuple(session.checkins.lookup(regno)))


@dataclass(frozen=True)
class ScanResult:
    """What one scan (or typed entry) gave: exactly one of ``verdict`` and ``regno`` is set."""

    text: str                       # what was checked, after any keyboard repair
    repaired: bool                  # the scanner's keyboard layout was wrong; the text was un-mangled
    verdict: Verdict | None = None  # a token's verdict
    regno: RegnoCheck | None = None  # a hand-typed registration number
    checked_in: bool = False        # this scan was recorded as a check-in
    earlier: tuple[Checkin, ...] = field(default=())  # earlier check-ins of this household

    def warnings(self) -> list[EarlierWarning]:
        """The earlier check-ins as warnings, one per kind (same slip / another slip / household)."""
        return earlier_warnings(self.earlier, scanned=self.verdict is not None)


@dataclass(frozen=True)
class Verifier:
    """HQ's trust list, revocation list and clock floor, ready to verify tokens offline."""

    trust: TrustList
    revocations: RevocationList | None = None
    clock_floor: datetime | None = None
    clock: Callable[[], datetime] = utcnow

    @classmethod
    def for_station(cls, station: Station) -> Verifier:
        """The lists the station holds (``InvalidInput`` if it holds none, ``CorruptData`` if
        its trust files were swapped for another HQ's)."""
        held = station_trust(station)
        return cls(held.trust, held.revocations, held.clock_floor)

    @classmethod
    def from_sources(
        cls, station: Station | None, *, trust_list: bytes | None = None,
        revocation_list: bytes | None = None, fingerprint: str | None = None,
    ) -> Verifier:
        """Lists given as files win over the station's; a trust list given on a computer that is
        not a station is checked against HQ's ``fingerprint``."""
        held: TrustStore | None = station_trust(station) if station is not None and (
            station.store.meta_or("hq_root") is not None) else None
        if trust_list is not None:
            if held is not None:
                trust = TrustList.from_bytes(trust_list, root_public=held.root_public)
            elif fingerprint:
                trust = TrustList.bootstrap(trust_list, fingerprint=fingerprint)
            else:
                raise InvalidInput("this computer is not set up as a station: give HQ's --fingerprint "
                                   "with --trust, so the list can be checked")
        elif held is not None:
            trust = held.trust
        else:
            raise InvalidInput("no trust list: set this computer up as a camp ('fieldreg init --camp "
                               "ID --trust FILE --admin USER') or give --trust FILE --fingerprint FP")
        revocations = held.revocations if held is not None and trust_list is None else None
        if revocation_list is not None:
            revocations = RevocationList.from_bytes(revocation_list, root_public=trust.root_public)
        return cls(trust, revocations, held.clock_floor if held is not None else None)

    def verify_text(self, text: str, *, now: datetime | None = None) -> Verdict:
        """The verdict on one token text (never raises for bad input)."""
        return verify_token(text.strip(), self.trust, self.revocations, now or self.clock(),
                            clock_floor=self.clock_floor)

    def scan(self, raw: str, *, session: Session | None = None,
             now: datetime | None = None) -> ScanResult:
        """One entry at the desk: scanner text or a number typed by hand.

        With a camp ``session`` a valid slip is checked in and earlier check-ins
        of the same household come back in ``earlier``. A number with a wrong
        check character raises ``InvalidInput``; a token never raises.
        """
        text, repaired = repair_scanned(raw)
        if not text:
            raise InvalidInput("nothing was scanned or typed")
        at_camp = session is not None and session.station.kind == "camp"
        if not is_token_text(text):
            checked = check_regno(text, session if at_camp else None)
            return ScanResult(text, repaired, regno=checked, earlier=checked.checkins or ())
        verdict = self.verify_text(text, now=now)
        if not at_camp or session is None or verdict.status is not Status.VALID:
            return ScanResult(text, repaired, verdict=verdict)
        earlier = session.checkins.record(verdict, text, now=now)
        return ScanResult(text, repaired, verdict=verdict, checked_in=True, earlier=tuple(earlier))


def decode_qr_image(source: str | PathLike[str] | bytes) -> list[str]:
    """Every QR code's text in a photo or scan of a slip (a file or its bytes), in reading order.

    ``NotFound`` for a missing file, ``InvalidInput`` for something that is not
    an image or shows no readable QR code.
    """
    # Imported here: zxing-cpp and Pillow load when an image is read, not with every command.
    from fieldreg.tokens import qr

    return qr.decode_qr_image(source)


def approximate_age(birth_year: int, now: datetime | None = None) -> int:
    """Age this year from a (possibly estimated) birth year, as the slip's reader works it out."""
    return max(0, (now or utcnow()).year - birth_year)


def head_name(claims: Claims) -> str:
    """``TRAORÉ Aminata``: family name in capitals first, as printed on the slip."""
    return f"{claims.family_name.upper()} {claims.given_names}".strip()
