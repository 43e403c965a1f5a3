"""``fieldreg export``, ``fieldreg batches``, ``fieldreg receipt load``: the post side of batches.

    fieldreg export --to /media/usb              # the pending records, as TGR1-000004.frb
    fieldreg export --again 4 --to /media/usb    # the same file again (a lost stick)
    fieldreg batches --json
    fieldreg receipt load /media/usb/receipt-TGR1.cose

Service code lives in fieldreg.station.batches (``session.batches``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldreg.cli import context
from fieldreg.cli.cmd_tokens import read_file
from fieldreg.cli.output import emit_json
from fieldreg.errors import InvalidInput
from fieldreg.station import datadir

_KIND_WORDS = (  # (count key, singular, plural) in the order they are printed
    ("registration", "registration", "registrations"),
    ("correction", "correction", "corrections"),
    ("void", "void", "voids"),
    ("duplicate_decision", "duplicate decision", "duplicate decisions"),
    ("token_revocation", "slip revocation", "slip revocations"),
    ("unreadable", "unreadable version left out", "unreadable versions left out"),
    ("audit", "audit entry", "audit entries"),
)


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Registered by cli/main.py."""
    p = sub.add_parser(
        "export", parents=[common], help="write the new records for HQ to a folder (USB stick)",
        description="Write every record not yet exported as one signed, encrypted batch "
        "(<POST>-<SEQ>.frb) into DIR, read it back, and only then mark it exported. If it "
        "fails (stick full or removed), run it again: the same batch is written. "
        "--again SEQ writes an exported batch again, for a lost stick.",
    )
    p.add_argument("--to", required=True, metavar="DIR", help="the folder to write to")
    p.add_argument("--again", type=int, metavar="SEQ", help="write batch SEQ again")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("batches", parents=[common], help="list this post's batches",
                       description="Every batch this post made: number, date, records, "
                       "status (prepared, exported, acknowledged by HQ) and file name.")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_batches)

    receipt = sub.add_parser("receipt", help="HQ's receipts for this post's batches"
                             ).add_subparsers(dest="receipt_command", required=True,
                                              metavar="COMMAND")
    p = receipt.add_parser("load", parents=[common], help="load a receipt from HQ",
                           description="Mark the batches HQ acknowledges (number and content "
                           "must match) and delete their rows from the outbox.")
    p.add_argument("file", help="receipt-<POST>.cose")
    p.set_defaults(func=cmd_receipt_load)


def describe_counts(counts: dict[str, int]) -> str:
    """``2 registrations, 1 correction, 7 audit entries`` (kinds with none left out)."""
    parts = [f"{counts[key]} {one if counts[key] == 1 else many}"
             for key, one, many in _KIND_WORDS if counts.get(key)]
    return ", ".join(parts) or "no records"


def cmd_export(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    target = Path(args.to).expanduser()
    if args.again is not None:
        if args.again < 1:
            raise InvalidInput("--again takes a batch number (see 'fieldreg batches')")
        result = session.batches.export_again(args.again, target)
        print(f"{result.path}: batch {result.batch.seq} written again and verified "
              f"({describe_counts(result.batch.counts)})")
        return 0

    def progress(done: int, total: int) -> None:
        print(f"  {done:,} of {total:,} records", file=sys.stderr, flush=True)

    found = session.batches.export(target, progress=progress)
    if found is None:
        print("nothing to export: no new registrations, corrections, duplicate decisions or "
              "slips since the last batch", file=sys.stderr)
        return 0
    if found.reused:
        print(f"batch {found.batch.seq} had been prepared by an export that did not finish: "
              "the same batch was written", file=sys.stderr)
    print(f"{found.path}: batch {found.batch.seq} written and verified "
          f"({describe_counts(found.batch.counts)})")
    for item in found.batch.unreadable:
        print(f"note: {item.line()} cannot be opened (damaged or altered): "
              + ("its content is lost; HQ is told" if item.lost else
                 "it was left out and HQ is told; it stays queued for a later batch — a "
                 "supervisor can correct it from its slip ('fieldreg correct REGNO FILE')"),
              file=sys.stderr)
    return 0


def cmd_batches(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    found = session.batches.list()
    if args.json:
        emit_json([b.to_json() for b in found])
        return 0
    if not found:
        print("no batch yet: 'fieldreg export --to DIR' writes the first", file=sys.stderr)
        return 0
    print(f"{'seq':>6}  {'created (UTC)':<20}  {'records':>8}  {'status':<12}  file")
    for b in found:
        print(f"{b.seq:>6}  {b.created_at:<20}  {b.records:>8}  {b.status:<12}  {b.file_name}")
    return 0


def cmd_receipt_load(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    result = session.batches.load_receipt(read_file(args.file, "receipt"))
    plural = "es" if len(result.acknowledged) > 1 else ""
    what = (f"batch{plural} {_ranges(result.acknowledged)} acknowledged" if result.acknowledged
            else "no new batch acknowledged")
    before = f" (acknowledged before: {_ranges(result.already)})" if result.already else ""
    print(f"receipt from HQ for post {result.post}: {what}{before}; "
          f"{result.pruned} outbox rows deleted")
    if result.decisions:
        print(f"{result.decisions} duplicate pair(s) settled by HQ: no longer proposed here")
    problem = False
    for seq in result.mismatched:
        problem = True
        print(f"WARNING: HQ holds a different batch {seq} from post {result.post} than this "
              "station made (a copied laptop or a restored backup?): tell HQ", file=sys.stderr)
    if result.unknown:
        problem = True
        which = f"batch{'es' if len(result.unknown) > 1 else ''} {_ranges(result.unknown)}"
        print(f"WARNING: HQ holds {which} of post {result.post} that "
              "this station never made (a copied laptop or a restored backup?): tell HQ before "
              "exporting again", file=sys.stderr)
    return 1 if problem else 0


def _ranges(numbers: tuple[int, ...]) -> str:
    """``1-3, 5``"""
    out: list[str] = []
    for n in sorted(numbers):
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
