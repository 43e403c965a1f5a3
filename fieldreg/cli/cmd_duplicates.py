"""``fieldreg duplicates`` and ``fieldreg duplicates decide``: possible double registrations at this post."""

from __future__ import annotations

import argparse

from fieldreg.cli import context
from fieldreg.cli.output import emit_json
from fieldreg.errors import InvalidInput
from fieldreg.model import HouseholdSummary, MemberSummary
from fieldreg.station import datadir
from fieldreg.station.duplicates import DECISIONS, DEFAULT_THRESHOLD, member_key


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("duplicates", parents=[common],
                       help="list members who may be registered twice (nothing is merged)")
    p.add_argument("--json", action="store_true", help="one JSON object per pair")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"lowest score to list (0-1, default {DEFAULT_THRESHOLD})")
    p.set_defaults(func=cmd_duplicates)
    decisions = p.add_subparsers(dest="duplicates_command", metavar="COMMAND")
    d = decisions.add_parser("decide", parents=[common],
                             help="record that two members are the same person or different people")
    d.add_argument("member_a", metavar="REGNO/MEMBER")
    d.add_argument("member_b", metavar="REGNO/MEMBER")
    d.add_argument("decision", choices=DECISIONS)
    d.set_defaults(func=cmd_decide)


def cmd_duplicates(args: argparse.Namespace) -> int:
    if not 0 < args.threshold <= 1:
        raise InvalidInput("--threshold must be between 0 and 1")
    session = context.open_session(datadir.locate(args.data_dir))
    pairs = session.duplicates.pairs(threshold=args.threshold)
    for pair in pairs:
        if args.json:
            emit_json(pair.to_json())
            continue
        print(f"{pair.match.score:.2f}  {_who(*pair.a)}  ~  {_who(*pair.b)}")
        print(f"      {pair.match.explanation()}")
    if not args.json:
        print(f"{len(pairs)} possible duplicate pair(s); decide with "
              "'fieldreg duplicates decide REGNO/MEMBER REGNO/MEMBER same|different'")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    session.duplicates.decide(args.member_a, args.member_b, args.decision)
    print(f"recorded: {args.member_a} and {args.member_b} are "
          f"{'the same person' if args.decision == 'same' else 'different people'}")
    return 0


def _who(household: HouseholdSummary, member: MemberSummary) -> str:
    return (f"{member_key(household.regno, member.uid)} {member.family_name} {member.given_names}"
            f" ({member.birth_year})")
