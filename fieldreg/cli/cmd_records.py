"""register, search, show, correct, void."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import BinaryIO

from fieldreg.cli import context
from fieldreg.cli.ahead import read_ahead
from fieldreg.cli.output import (
    emit_json,
    note_unreadable,
    print_registration,
    summary_json,
    summary_line,
)
from fieldreg.errors import InvalidInput, StorageError, UnreadableRecord, ValidationError
from fieldreg.messages import Message
from fieldreg.model import Household, Registration
from fieldreg.station import datadir
from fieldreg.validation import MAX_LINE_BYTES, household_input, parse_household, parse_json, read_households


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "register", parents=[common], help="register households from JSON or JSON Lines",
        description="Register one household (a JSON object) or many (JSON Lines, one per line). "
        "Each new registration number is printed as soon as that household is durably saved.",
    )
    p.add_argument("file", help="a .json/.jsonl file, or - for standard input")
    p.add_argument("--json", action="store_true", help="one JSON object per input household")
    p.set_defaults(func=cmd_register)

    p = sub.add_parser("search", parents=[common], help="find registrations by name or number")
    p.add_argument("text", help="names (any order, prefixes, accents optional) or a number")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", parents=[common], help="show one registration and its history")
    p.add_argument("regno")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "correct", parents=[common], help="replace a registration's content (keeps history)",
        description="FILE is the whole corrected household, e.g. the output of "
        "'fieldreg show REGNO --json' edited. The previous version is kept.",
    )
    p.add_argument("regno")
    p.add_argument("file", help="JSON file, or - for standard input")
    p.add_argument("--reason", default="", help="why (recorded with the previous version)")
    p.set_defaults(func=cmd_correct)

    p = sub.add_parser("void", parents=[common], help="void a registration (never deleted)")
    p.add_argument("regno")
    p.add_argument("--reason", required=True, help="why it is void")
    p.set_defaults(func=cmd_void)


def _open_input(name: str) -> BinaryIO:
    """The input's bytes: FILE, or standard input for ``-`` (decoded line by line, never whole)."""
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(Path(name), "rb")
    except OSError as err:
        raise InvalidInput("cannot read {name}: {strerror}", name=name, strerror=err.strerror) from None


# Households stored in one transaction at most: enough to spread a commit's fsync thin, few
# enough that a failing group (a full disk) names a near line.
REGISTER_GROUP = 64


def cmd_register(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    stream = _open_input(args.file)
    saved = invalid = 0
    for group in read_ahead(read_households(stream), most=REGISTER_GROUP):
        parsed: list[tuple[int, Household | ValidationError]] = []
        for line, obj in group:
            try:
                if isinstance(obj, ValidationError):
                    raise obj
                parsed.append((line, parse_household(obj)))
            except ValidationError as err:
                parsed.append((line, err))
        households = [value for _, value in parsed if not isinstance(value, ValidationError)]
        try:
            regnos = iter(session.households.register_many(households) if households else [])
        except StorageError as err:  # a full disk, a read-only store: stop, saying what was saved
            first = next(line for line, value in parsed if not isinstance(value, ValidationError))
            for line, value in parsed:
                if line < first and isinstance(value, ValidationError):
                    _report_invalid(line, value, as_json=args.json)
            raise type(err)(Message(
                "{problem}; line {line} and the lines after it were not stored, "
                "{saved} household(s) before it were saved", problem=err.message, line=first, saved=saved,
            )) from err
        for line, value in parsed:  # in input order, once the group is durable
            if isinstance(value, ValidationError):
                invalid += 1
                _report_invalid(line, value, as_json=args.json)
                continue
            saved += 1
            regno = next(regnos)
            if args.json:
                emit_json({"line": line, "regno": regno})
            else:
                print(regno)
        sys.stdout.flush()
    if not saved and not invalid:
        raise InvalidInput("the input holds no household")
    if invalid:
        print(f"{invalid} invalid household(s) not stored; {saved} stored", file=sys.stderr)
        return 1
    return 0


def _report_invalid(line: int, err: ValidationError, *, as_json: bool) -> None:
    if as_json:
        emit_json({"line": line, "errors": [str(p) for p in err.problems],
                   "problems": [p.to_json() for p in err.problems]})
    for problem in err.problems:
        print(f"line {line}: {problem}", file=sys.stderr, flush=True)


def cmd_search(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    hits = session.households.search(args.text, limit=args.limit)
    if args.json:
        emit_json([summary_json(h) for h in hits])
    else:
        for h in hits:
            print(summary_line(h))
    note_unreadable(session.households.unreadable())
    if not hits:
        print("no registration matches", file=sys.stderr)
        return 1
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    reg = session.households.get(args.regno)
    if args.json:
        emit_json(reg.to_json())
    else:
        print_registration(reg)
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    current: Registration | str
    try:
        current = session.households.get(args.regno)
        current_version = current.version
    except UnreadableRecord as err:
        # Repaired by a correction typed from its slip: the unreadable version is replaced.
        print(f"note: {err}; this correction replaces it", file=sys.stderr)
        current, current_version = err.regno, err.version or 0
    regno = current if isinstance(current, str) else current.regno
    with _open_input(args.file) as stream:
        data = stream.read(MAX_LINE_BYTES + 1)
    if len(data) > MAX_LINE_BYTES:
        raise InvalidInput("{file} is larger than {most} bytes", file=args.file, most=MAX_LINE_BYTES)
    obj = parse_json(data)
    household = parse_household(household_input(obj, current))
    # The version the file was made from ('fieldreg show --json' writes it), else the one just
    # read: a correction of a registration changed since then is refused, not silently merged.
    shown = obj.get("version") if isinstance(obj, dict) else None
    base = shown if type(shown) is int else current_version
    version = session.households.correct(regno, household, base_version=base,
                                         reason=args.reason or "not stated")
    print(f"{regno} corrected (version {version}; version {version - 1} kept)")
    return 0


def cmd_void(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    version = session.households.void(args.regno, reason=args.reason)
    print(f"{args.regno.strip().upper()} is void (version {version}; nothing was deleted)")
    return 0
