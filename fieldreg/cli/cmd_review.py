"""audit verify, stats."""

from __future__ import annotations

import argparse
import sys

from fieldreg.cli import context
from fieldreg.cli.output import emit_json, note_unreadable
from fieldreg.station import datadir


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="audit_command", required=True, metavar="COMMAND")
    p = audit.add_parser("verify", parents=[common],
                         help="check the hash chain end to end, the records, and list alerts")
    p.set_defaults(func=cmd_audit_verify)
    p = audit.add_parser("show", parents=[common], help="list audit entries")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit_show)

    p = sub.add_parser("stats", parents=[common],
                       help="arrivals by day, origin, sex and age band")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    report = session.audit.check()
    if report.chain_problem:
        print(f"audit log broken: {report.chain_problem}", file=sys.stderr)
    for finding in report.findings:
        print(f"records: {finding}", file=sys.stderr)
    for alert in report.alerts:
        print(f"alert (entry {alert.seq}, {alert.at}, {alert.actor}): "
              f"{session.audit.describe(alert)}", file=sys.stderr)
    if report.clean:
        print(f"audit log intact: {report.entries} entries")
        return 0
    if not report.chain_problem:
        print(f"audit log intact: {report.entries} entries, but see above", file=sys.stderr)
    return 1


def cmd_audit_show(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    for entry in session.audit.entries():
        if args.json:
            emit_json(entry.to_json())
        else:
            details = " ".join(f"{k}={v}" for k, v in entry.details.items())
            print(f"{entry.seq:>6} {entry.at} {entry.actor:<12} {entry.action:<12} "
                  f"{entry.subject} {details}".rstrip())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    stats = session.households.stats()
    note_unreadable(session.households.unreadable())
    if args.json:
        emit_json(stats)
        return 0
    print(f"{stats['households']} households, {stats['people']} people "
          f"({stats['voided']} voided registrations not counted)")
    print("\nArrivals by day (households / people):")
    for day, counts in stats["by_day"].items():
        print(f"  {day}  {counts['households']:>5}  {counts['people']:>6}")
    for key, title in (("by_origin", "By origin"), ("by_sex", "By sex"),
                       ("by_age_band", "By age band at arrival")):
        print(f"\n{title} (people):")
        width = max((len(label) for label in stats[key]), default=0)
        for label, n in stats[key].items():
            print(f"  {label:<{width}}  {n:>6}")
    return 0
