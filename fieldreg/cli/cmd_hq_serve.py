"""``fieldreg hq tls`` and ``fieldreg hq serve``: HQ's receiver for posts' uploads.

    fieldreg hq tls --dir /srv/hq --name hq.example.org --name 10.0.0.5
    fieldreg hq serve --dir /srv/hq --listen 0.0.0.0:8443
    fieldreg hq serve --demo          # the demo post's demo HQ, on 127.0.0.1:8443
    fieldreg hq publish-enrollment --dir /srv/hq --post-id TGR1 tgr1-2027.enroll

Registered by cli/cmd_hq.py under ``fieldreg hq``; the HQ passphrase comes as for
every HQ command. The receiver is fieldreg.hq.server (docs/hq.md, docs/formats/sync.md).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from fieldreg.errors import InvalidInput
from fieldreg.hq import HqDir
from fieldreg.station import datadir
from fieldreg.station.demo import DEMO_HQ_DIR, DEMO_HQ_LISTEN, DEMO_HQ_PASSPHRASE

OpenHq = Callable[[argparse.Namespace], HqDir]


def add_parsers(hq: argparse._SubParsersAction, base: argparse.ArgumentParser,
                open_hq: OpenHq) -> None:
    p = hq.add_parser("tls", parents=[base],
                      help="make the receiver's TLS certificate and publish its pin to the posts")
    p.add_argument("--name", action="append", default=[], metavar="HOST",
                   help="a host name or address posts use to reach HQ; repeatable")
    p.add_argument("--keep-old", action="store_true",
                   help="keep publishing the previous pin too (while posts learn the new one)")
    p.set_defaults(func=lambda args: cmd_tls(args, open_hq(args)))
    p = hq.add_parser("publish-enrollment", parents=[base],
                      help="offer a post its new key's enrollment file at its next sync",
                      description="The file 'hq enroll-post' wrote (a key rotation) is fetched by "
                      "the post's next sync; its administrator loads it with the one-time "
                      "passphrase you send by another channel.")
    p.add_argument("--post-id", required=True)
    p.add_argument("file", metavar="FILE", help="the enrollment file")
    p.set_defaults(func=cmd_publish_enrollment)
    p = hq.add_parser("serve", help="receive batches from posts over HTTPS",
                      description="Run HQ's receiver: posts upload batches (resumable), get "
                      "their receipts and HQ's lists. Stops cleanly on SIGTERM or Ctrl-C, "
                      "after the imports in progress. --demo serves the demo post's demo HQ "
                      f"(made by 'fieldreg init --demo') on {DEMO_HQ_LISTEN}.")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", help="HQ's key directory")
    where.add_argument("--demo", action="store_true",
                       help="the demo HQ beside the demo post (--data-dir), demo passphrase")
    p.add_argument("--listen", metavar="ADDR:PORT", help="e.g. 0.0.0.0:8443")
    p.add_argument("--max-batch-mb", type=int, default=256, help="largest batch accepted")
    p.set_defaults(func=lambda args: cmd_serve(args, open_demo_hq(args) if args.demo
                                               else open_hq(args)))


# The receiver (Starlette, uvicorn) is imported by the commands that use it, not by every
# 'fieldreg' command that starts: it would add a tenth of a second to each.

def cmd_tls(args: argparse.Namespace, hq: HqDir) -> int:
    from fieldreg.hq.server import describe_pin, make_certificate

    old = hq.trust_list().tls_pins if args.keep_old else ()
    tls = make_certificate(hq.path, names=args.name or ["localhost", "127.0.0.1"])
    trust = hq.set_tls_pins([*old, tls.pin])
    print(f"TLS certificate {tls.cert} (valid until {tls.not_after}); its pin "
          f"{describe_pin(tls.pin)} is in trust list version {trust.version}: posts enrolled "
          "from now on have it; give the others the new trust list")
    return 0


def cmd_publish_enrollment(args: argparse.Namespace) -> int:
    from fieldreg.hq.server import publish_enrollment

    try:
        data = Path(args.file).read_bytes()
    except OSError as err:
        raise InvalidInput("cannot read {file}: {reason}", file=args.file,
                           reason=err.strerror or err) from None
    target = publish_enrollment(Path(args.dir), args.post_id, data)
    print(f"{target}: post {args.post_id} fetches it at its next sync")
    return 0


def open_demo_hq(args: argparse.Namespace) -> HqDir:
    return HqDir.open(datadir.locate(getattr(args, "data_dir", None)) / DEMO_HQ_DIR,
                      DEMO_HQ_PASSPHRASE)


def cmd_serve(args: argparse.Namespace, hq: HqDir) -> int:
    from fieldreg.hq.server import parse_listen, serve

    if args.listen is None and not args.demo:
        raise InvalidInput("--listen ADDR:PORT is needed (e.g. 0.0.0.0:8443)")
    host, port = parse_listen(args.listen or DEMO_HQ_LISTEN)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(message)s")
    serve(hq, host=host, port=port, max_batch_bytes=args.max_batch_mb * 1024 * 1024)
    return 0
