"""``fieldreg slip``, ``fieldreg verify``, ``fieldreg keys ...``, ``fieldreg trust ...``.

    fieldreg slip TGR1-26-000042-B --pdf slip.pdf --layout 80mm
    fieldreg slip --all-today --pdf today.pdf
    fieldreg verify --image scan.jpg --checkin
    fieldreg trust load revocations.cose

Service code lives in the session's ``tokens``, ``checkins`` and ``trust`` services,
fieldreg.station.enrollment and fieldreg.station.verifying; Qt (the PDF writer) is
imported only inside ``cmd_slip``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldreg.cli import context
from fieldreg.cli.output import emit_json
from fieldreg.errors import InvalidInput
from fieldreg.model import utcnow
from fieldreg.regno import parse_regno
from fieldreg.station import Station, datadir
from fieldreg.station.enrollment import create_camp, create_enrolled_post, open_enrollment, read_enrollment_info
from fieldreg.station.slips import layout_by_name
from fieldreg.station.tokens import NO_KEY
from fieldreg.station.trust import TrustList, station_trust
from fieldreg.station.verifying import (
    Checkin,
    Status,
    Verdict,
    Verifier,
    approximate_age,
    check_regno,
    decode_qr_image,
    earlier_warnings,
    head_name,
)

ENV_ENROLL_PASSPHRASE = "FIELDREG_ENROLL_PASSPHRASE"


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("slip", parents=[common], help="print slips (PDF) or show a slip's token",
                       description="A token is signed on a household's first slip and reused "
                       "on every reprint; --reissue replaces it (the old one is revoked).")
    p.add_argument("regnos", metavar="REGNO", nargs="*")
    p.add_argument("--all-today", action="store_true", help="every registration made today (UTC)")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", metavar="FILE", help="write the slips to this PDF")
    out.add_argument("--text", action="store_true", help="print the token string")
    p.add_argument("--layout", default="a6", help="a6 (default), 80mm or 58mm")
    p.add_argument("--reissue", action="store_true", help="new token, the old one revoked")
    p.add_argument("--reason", help="why the slip is reissued (required with --reissue)")
    p.set_defaults(func=cmd_slip)

    p = sub.add_parser("verify", parents=[common], help="check a slip: VALID 0, INVALID 4, REVOKED 5")
    p.add_argument("token", metavar="TOKEN", nargs="?",
                   help="the token text (FR1:...), or a registration number typed by hand")
    p.add_argument("--image", help="a photo or scan of the QR code")
    p.add_argument("--trust", help="a trust list file (default: this station's)")
    p.add_argument("--revocations", help="a revocation list file (default: this station's)")
    p.add_argument("--fingerprint", help="HQ's fingerprint, to check --trust on a computer "
                   "that is not set up as a station")
    p.add_argument("--checkin", action="store_true", help="record a valid scan in this station")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)

    keys = sub.add_parser("keys", help="this post's signing keys").add_subparsers(
        dest="keys_command", required=True, metavar="COMMAND")
    p = keys.add_parser("load", parents=[common], help="load a new enrollment file (key rotation)")
    p.add_argument("file")
    p.set_defaults(func=cmd_keys_load)
    p = keys.add_parser("list", parents=[common], help="list this post's keys")
    p.set_defaults(func=cmd_keys_list)

    trust = sub.add_parser("trust", help="HQ's trust and revocation lists at this station"
                           ).add_subparsers(dest="trust_command", required=True, metavar="COMMAND")
    p = trust.add_parser("load", parents=[common], help="load a newer trust or revocation list")
    p.add_argument("file")
    p.set_defaults(func=cmd_trust_load)
    p = trust.add_parser("show", parents=[common], help="what this station trusts")
    p.set_defaults(func=cmd_trust_show)


def read_file(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise InvalidInput(
            "cannot read {what} {path}: {strerror}",
            what=what, path=path, strerror=err.strerror
        ) from None


def enrollment_passphrase() -> str:
    phrase = os.environ.get(ENV_ENROLL_PASSPHRASE)
    if phrase is not None:
        return phrase
    if not context.interactive():
        raise InvalidInput(
            "no enrollment passphrase: set {variable} (or run in a terminal)",
            variable=ENV_ENROLL_PASSPHRASE
        )
    import getpass

    return getpass.getpass("Enrollment passphrase (from HQ): ")


# -- slips ----------------------------------------------------------------------------

def cmd_slip(args: argparse.Namespace) -> int:
    layout = layout_by_name(args.layout)  # a bad layout fails before anything is signed
    if args.reissue and not (args.reason or "").strip():
        raise InvalidInput("--reissue needs --reason TEXT")
    if args.reason and not args.reissue:
        raise InvalidInput("--reason goes with --reissue")
    if args.all_today and args.regnos:
        raise InvalidInput("give registration numbers or --all-today, not both")
    regnos = [str(parse_regno(r)) for r in args.regnos]  # every number checked up front
    if args.text and (len(regnos) != 1 or args.all_today):
        raise InvalidInput("--text shows the token of exactly one registration")
    if args.reissue and len(regnos) != 1:
        raise InvalidInput("--reissue works on exactly one registration")
    session = context.open_session(datadir.locate(args.data_dir))
    if args.all_today:
        regnos = session.tokens.registered_today()
        if not regnos:
            raise InvalidInput("no registrations today: nothing to print")
    if not regnos:
        raise InvalidInput("give one or more registration numbers, or --all-today")
    if args.reissue:
        issued, old = session.tokens.reissue(regnos[0], reason=args.reason)
        print(f"token {old} of {issued.registration.regno} revoked; new slip serial "
              f"{issued.claims.serial} (token {issued.token_id})", file=sys.stderr)
        tokens = [issued]
    else:
        tokens = [session.tokens.issue(r) for r in regnos]
    if args.text:
        print(tokens[0].text)
        session.tokens.record_print(tokens[0].registration.regno, what="token text")
        return 0
    slips = [session.tokens.slip(t) for t in tokens]
    from fieldreg.ui.slip_render import write_slips_pdf

    write_slips_pdf(slips, args.pdf, layout=layout)
    for t in tokens:
        session.tokens.record_print(t.registration.regno, what=f"slip pdf {layout.name}")
    print(f"{len(slips)} slip(s) written to {args.pdf}")
    return 0


# -- verification ---------------------------------------------------------------------

def _station(args: argparse.Namespace) -> Station | None:
    directory = datadir.locate(args.data_dir)
    return Station.open(directory) if Station.exists(directory) else None


def _verifier(args: argparse.Namespace, store: Station | None) -> Verifier:
    """Trust material from the files given, else from the station."""
    return Verifier.from_sources(
        store,
        trust_list=read_file(args.trust, "trust list") if args.trust else None,
        revocation_list=(read_file(args.revocations, "revocation list")
                         if args.revocations else None),
        fingerprint=args.fingerprint,
    )


def _claims_json(verdict: Verdict) -> dict[str, Any] | None:
    c = verdict.claims
    if c is None:
        return None
    return {
        "regno": c.registration_number, "family_name": c.family_name,
        "given_names": c.given_names, "household_size": c.household_size,
        "members": [{"sex": m.sex.name.lower(), "birth_year": m.birth_year} for m in c.members],
        "post": c.issuing_post, "issued_at": f"{c.issued_at:%Y-%m-%dT%H:%M:%SZ}",
        "serial": c.serial, "token_id": c.token_id.hex(),
    }


def _print_claims(verdict: Verdict) -> None:
    c = verdict.claims
    if c is None:
        return
    now = utcnow()
    print(f"  registration  {c.registration_number}  (slip serial {c.serial})")
    print(f"  head          {head_name(c)}")
    print(f"  household     {c.household_size} people:")
    for m in c.members:
        print(f"    {m.sex.name.lower():<8} born ~{m.birth_year} (about {approximate_age(m.birth_year, now)})")
    print(f"  issued        {c.issued_at:%Y-%m-%d %H:%M} UTC by post {c.issuing_post}")
    print(f"  token id      {c.token_id.hex()}")


def _verify_regno(args: argparse.Namespace, store: Station | None) -> int:
    """A number typed from a damaged slip: its check character, then (at a camp) its check-ins."""
    checked = check_regno(args.token)  # a wrong check character fails before any passphrase
    if store is not None and store.kind == "camp":
        checked = check_regno(checked.regno, context.open_session(store.data_dir))
    regno = checked.regno
    result: dict[str, Any] = {"regno": regno, "check_character": "ok"}
    lines = [f"{regno}: check character OK (a number alone proves nothing: the slip's QR does)"]
    if checked.checkins is not None:
        seen = checked.checkins
        result["checkins"] = [c.__dict__ for c in seen]
        lines += [f"  checked in {c.checked_at} by {c.checked_by} (token {c.token_id})" for c in seen]
        if not seen:
            lines.append("  never checked in at this station")
    if args.json:
        emit_json(result)
    else:
        print("\n".join(lines))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    if bool(args.token) == bool(args.image):
        raise InvalidInput("give a token (or a registration number) or --image FILE, not both")
    store = _station(args)
    if args.token and ":" not in args.token:  # tokens start "FR1:"; numbers have no colon
        return _verify_regno(args, store)
    if args.checkin and (store is None or store.kind != "camp"):
        raise InvalidInput("--checkin records scans at a camp station ('fieldreg init --camp ...')")
    verifier = _verifier(args, store)
    texts = decode_qr_image(args.image) if args.image else [args.token.strip()]
    session = context.open_session(store.data_dir) if args.checkin and store is not None else None
    worst = 0
    for text in texts:
        verdict = verifier.verify_text(text)
        earlier = []
        if session is not None and verdict.status is Status.VALID:
            earlier = session.checkins.record(verdict, text)
        _report(args, verdict, earlier)
        worst = max(worst, verdict.exit_code)
    return worst


def _report(args: argparse.Namespace, verdict: Verdict, earlier: list[Checkin]) -> None:
    if args.json:
        emit_json({"status": verdict.status.value,
                   "reason": verdict.reason.value if verdict.reason else None,
                   "message": verdict.message, "warnings": [str(w) for w in verdict.warnings],
                   "claims": _claims_json(verdict),
                   "checked_in_before": [c.__dict__ for c in earlier]})
        return
    print(verdict.message)
    if verdict.status is Status.VALID:
        _print_claims(verdict)
    for warning in verdict.warnings:
        print(f"warning: {warning}")
    for seen in earlier_warnings(earlier):
        print(f"WARNING: {seen.describe()}")


# -- keys and trust at a station ------------------------------------------------------

def cmd_keys_load(args: argparse.Namespace) -> int:
    data = read_file(args.file, "enrollment file")
    info = read_enrollment_info(data)
    session = context.open_session(datadir.locate(args.data_dir))
    session.trust.check_enroll()  # refused before HQ's one-time passphrase is asked
    print(f"enrollment file for post {info.post_id}, key {info.key_id}; "
          f"HQ fingerprint {info.hq_fingerprint}", file=sys.stderr)
    enrollment = open_enrollment(data, enrollment_passphrase())
    session.trust.enroll(enrollment)
    print(f"key {info.key_id} loaded for post {info.post_id}; new slips are signed with it "
          "(older keys are kept)")
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    keys = session.trust.post_keys()
    if not keys:
        print(NO_KEY)
    for kid, nbf, exp, current in keys:
        print(f"{kid}  {nbf[:10]} to {exp[:10]}{'  (current)' if current else ''}")
    return 0


def cmd_trust_load(args: argparse.Namespace) -> int:
    data = read_file(args.file, "list")
    session = context.open_session(datadir.locate(args.data_dir))
    loaded = session.trust.load_list(data)
    kind = "trust list" if isinstance(loaded, TrustList) else "revocation list"
    print(f"{kind} version {loaded.version} is now in use")
    return 0


def cmd_trust_show(args: argparse.Namespace) -> int:
    store = Station.open(datadir.locate(args.data_dir))
    held = station_trust(store)
    t = held.trust
    print(f"HQ fingerprint {t.fingerprint}")
    print(f"trust list version {t.version}, issued {t.issued_at:%Y-%m-%d}, expires {t.expires_at:%Y-%m-%d}")
    for entry in t.entries:
        print(f"  {entry.describe()}")
    r = held.revocations
    print(f"revocation list version {r.version} ({len(r.token_ids)} tokens)" if r
          else "no revocation list loaded")
    return 0


def init_station(args: argparse.Namespace, directory: Path,
                 new_passphrase: Callable[..., str]) -> int:
    """``fieldreg init --enroll FILE`` (a post with keys) or ``--camp ID --trust FILE`` (a camp)."""
    if args.demo or args.post_id:
        raise InvalidInput("--enroll and --camp take the station's id from HQ's files; "
                           "give no --demo or --post-id")
    if bool(args.enroll) == bool(args.camp):
        raise InvalidInput("give either --enroll FILE (a border post) or --camp ID --trust FILE")
    if not args.admin:
        raise InvalidInput("init needs --admin USER")
    if Station.exists(directory):
        raise InvalidInput("{directory} already holds a FieldReg store; nothing was changed", directory=directory)
    if args.enroll:
        if args.trust or args.fingerprint:
            raise InvalidInput("an enrollment file carries its own trust list; drop --trust/--fingerprint")
        data = read_file(args.enroll, "enrollment file")
        info = read_enrollment_info(data)
        print(f"enrollment file for post {info.post_id}, key {info.key_id}", file=sys.stderr)
        print(f"HQ fingerprint: {info.hq_fingerprint}  (compare it with the one HQ gave you)",
              file=sys.stderr)
        enrollment = open_enrollment(data, enrollment_passphrase())
        passphrase = new_passphrase(args, args.admin, env=context.ENV_PASSPHRASE)
        create_enrolled_post(directory, enrollment, post_name=args.post_name or info.post_id,
                             admin=args.admin, passphrase=passphrase)
        datadir.start(directory)
        print(f"post {info.post_id} ready in {directory} with signing key {info.key_id}; "
              f"administrator: {args.admin}")
        return 0
    if not args.trust:
        raise InvalidInput("--camp needs --trust FILE (HQ's trust list)")
    data = read_file(args.trust, "trust list")
    fingerprint = args.fingerprint
    if not fingerprint:
        if not context.interactive():
            raise InvalidInput("give HQ's fingerprint with --fingerprint (as HQ told you, by phone "
                               "or on paper)")
        fingerprint = input("HQ fingerprint (from HQ, by phone or on paper): ").strip()
    passphrase = new_passphrase(args, args.admin, env=context.ENV_PASSPHRASE)
    create_camp(directory, camp_id=args.camp, camp_name=args.post_name or args.camp,
                trust_list=data, fingerprint=fingerprint, admin=args.admin, passphrase=passphrase)
    datadir.start(directory)
    print(f"camp {args.camp} ready in {directory} (verify-only); administrator: {args.admin}")
    return 0
