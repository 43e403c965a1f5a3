"""``fieldreg sync``: the post's outbox over the network, to HQ's receiver.

    fieldreg sync --hq https://hq.example.org:8443 --auto-batch   # an administrator, once
    fieldreg sync --once          # one round; waits with back-off while HQ cannot be reached
    fieldreg sync                 # keeps going: a round every --every seconds
    fieldreg sync --status

Service code lives in fieldreg.station.sync (``session.sync``); exit code 0 when
the round finished, 1 when something needs a person, 75 when HQ was not reached.
"""

from __future__ import annotations

import argparse
import sys
import time

from fieldreg.cli import context
from fieldreg.station import datadir
from fieldreg.station.session import Session
from fieldreg.station.sync import Backoff, SyncReport, describe_status, describe_uploads

EXIT_TEMPFAIL = 75  # sysexits.h EX_TEMPFAIL: try again later


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync", parents=[common], help="upload batches to HQ and fetch receipts and lists",
        description="Upload every batch HQ has not acknowledged (resuming where a cut left "
        "off), load HQ's receipt, fetch a newer trust list and revocation list. With "
        "--auto-batch set, records waiting are first made into the next batch.")
    p.add_argument("--hq", metavar="URL", help="set HQ's address (https://HOST:PORT) and stop")
    auto = p.add_mutually_exclusive_group()
    auto.add_argument("--auto-batch", action="store_true", default=None,
                      help="let sync make a batch of the records waiting")
    auto.add_argument("--no-auto-batch", dest="auto_batch", action="store_false")
    p.add_argument("--once", action="store_true", help="one round, then stop")
    p.add_argument("--give-up-after", type=float, default=600, metavar="SECONDS",
                   help="with --once: stop retrying after this long (default 600)")
    p.add_argument("--every", type=float, default=300, metavar="SECONDS",
                   help="without --once: time between rounds (default 300)")
    p.add_argument("--status", action="store_true", help="say when HQ was reached and what waits")
    p.set_defaults(func=cmd_sync)


def cmd_sync(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    if args.hq is not None or args.auto_batch is not None:
        session.sync.configure(url=args.hq, auto_batch=args.auto_batch)
        print("sync settings saved")
        return 0
    if args.status:
        print(describe_status(session.sync.status()))
        return 0
    backoff = Backoff(base=5, cap=args.every if not args.once else 300)
    started = time.monotonic()
    while True:
        report = one_round(session)
        if report.problem is None:
            backoff.reset()
            if args.once:
                return 0
            time.sleep(args.every)
            continue
        if report.permanent:
            return 1
        wait = backoff.next(retry_after=report.retry_after)
        if args.once and time.monotonic() - started + wait > args.give_up_after:
            print("fieldreg: HQ not reached; the batches wait for the next sync", file=sys.stderr)
            return EXIT_TEMPFAIL
        print(f"trying again in {wait:.0f} s", file=sys.stderr)
        time.sleep(wait)


def one_round(session: Session) -> SyncReport:
    shown = {"at": 0.0, "start": time.monotonic(), "first": 0}

    def progress(seq: int, done: int, size: int) -> None:
        now = time.monotonic()
        if not shown["first"]:
            shown["first"] = done or 1
        if now - shown["at"] < 5 and done < size:
            return
        shown["at"] = now
        rate = (done - shown["first"]) / max(now - shown["start"], 1e-6)
        left = f", about {(size - done) / rate:.0f} s left" if rate > 0 and done < size else ""
        print(f"batch {seq}: {done:,} of {size:,} bytes{left}", file=sys.stderr)

    report = session.sync.run_once(progress=progress)
    for line in describe_uploads(report.uploads):
        print(line)
    if report.receipt is not None and report.receipt.acknowledged:
        print("HQ acknowledged batch " + ", ".join(map(str, report.receipt.acknowledged)))
    for line in report.loaded:
        print(f"loaded {line}")
    if report.new_key is not None:
        print(f"HQ sent this post a new key: an administrator loads it with "
              f"'fieldreg keys load {report.new_key}' and the one-time passphrase from HQ")
    if report.problem:
        print(f"fieldreg: {report.problem}", file=sys.stderr)
    return report
