"""``fieldreg hq ...``: HQ's keys, post enrollment, trust and revocation lists, batch import.

    fieldreg hq init --dir /srv/hq [--escrow age1...]
    fieldreg hq enroll-post --dir /srv/hq --post-id TGR1 --out tgr1.enroll
    fieldreg hq revoke-key --dir /srv/hq 57fabf4ce8e9eb34
    fieldreg hq trustlist --dir /srv/hq --out trustlist.cose
    fieldreg hq import --dir /srv/hq E:/TGR1-000004.frb [--receipts E:/]
    fieldreg hq report --dir /srv/hq [--format text|json|csv] [--output FILE]
    fieldreg hq duplicates --dir /srv/hq [--json] [--threshold 0.8] [--min-evidence -5] [--within-post]
    fieldreg hq duplicates decide TGR1-26-000012-7/1 NIA-26-000410-3/2 same --dir /srv/hq [--by NAME]
    fieldreg hq console-key --dir /srv/hq add mariam --out mariam.pem ; ... remove mariam
    fieldreg hq held --dir /srv/hq [--post TGR1] [--all] [--json] [--show ID | --release ID | --reject ID]
    fieldreg hq tls --dir /srv/hq --name HOST ; fieldreg hq serve --dir /srv/hq --listen ADDR:PORT

The HQ passphrase comes from ``$FIELDREG_HQ_PASSPHRASE``, else a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.cli import cmd_hq_serve, context
from fieldreg.cli.output import emit_json
from fieldreg.errors import InvalidInput
from fieldreg.fsutil import atomic_write
from fieldreg.hq import (
    CROWD,
    DEFAULT_THRESHOLD,
    MIN_EVIDENCE,
    HqCandidate,
    HqDir,
    HqDuplicates,
    Registry,
    abridged,
    add_console_key,
    answer_recovery,
    build_report,
    check_console_name,
    check_escrow_recipients,
    decide,
    held_content,
    held_record,
    held_records,
    import_batch,
    key_id_hex,
    national_figures,
    parse_key_id,
    reject_held,
    release_held,
    remove_console_key,
    write_receipts,
)
from fieldreg.model import utcnow

ENV_HQ_PASSPHRASE = "FIELDREG_HQ_PASSPHRASE"
PROGRESS_LINES_EVERY = 10_000  # records


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    hq = sub.add_parser("hq", help="HQ: keys, post enrollment, trust and revocation lists"
                        ).add_subparsers(dest="hq_command", required=True, metavar="COMMAND")
    base = argparse.ArgumentParser(add_help=False)
    base.add_argument("--dir", required=True, help="HQ's key directory")

    p = hq.add_parser("init", parents=[base], help="create HQ's root key and empty lists")
    p.add_argument("--escrow", action="append", default=[], metavar="AGE_RECIPIENT",
                   help="an escrow age public key (from age-keygen, kept offline) that posts "
                   "also encrypt batches to; repeatable")
    p.set_defaults(func=cmd_init)
    p = hq.add_parser("enroll-post", parents=[base],
                      help="new key for a post (a second time: rotation) and its enrollment file")
    p.add_argument("--post-id", required=True)
    p.add_argument("--out", required=True, help="the enrollment file to write")
    p.add_argument("--grace-days", type=int, default=None,
                   help="older keys of the post may sign for this many more days only")
    p.set_defaults(func=cmd_enroll)
    p = hq.add_parser("trustlist", parents=[base], help="write the current trust list to publish")
    p.add_argument("--out", required=True)
    p.add_argument("--renew", action="store_true", help="re-sign it first with a fresh expiry")
    p.set_defaults(func=cmd_trustlist)
    p = hq.add_parser("revoke-key", parents=[base], help="revoke a post key (new trust list)")
    p.add_argument("key_id", metavar="KEYID")
    p.set_defaults(func=cmd_revoke_key)
    p = hq.add_parser("console-key", parents=[base],
                      help="add or remove an HQ console key (deciding duplicates through 'hq serve')")
    p.add_argument("action", choices=("add", "remove"))
    p.add_argument("name", metavar="NAME", help="who holds it: lower-case letters, digits, . _ -")
    p.add_argument("--out", metavar="FILE", help="add: where to write the private key (PEM; a new file)")
    p.set_defaults(func=cmd_console_key)
    p = hq.add_parser("revoke-token", parents=[base], help="revoke token ids (new revocation list)")
    p.add_argument("token_ids", metavar="TOKENID", nargs="+", help="32 hex digits")
    p.set_defaults(func=cmd_revoke_token)
    p = hq.add_parser("revocations", parents=[base], help="write the current revocation list")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_revocations)
    p = hq.add_parser("keys", parents=[base], help="list post keys in the trust list")
    p.set_defaults(func=cmd_keys)
    p = hq.add_parser("import", parents=[base],
                      help="check and merge batch files from posts, and write their receipts")
    p.add_argument("files", metavar="FILE", nargs="+",
                   help="batch files (.frb), or folders holding them")
    p.add_argument("--receipts", metavar="DIR", default=None,
                   help="where to write receipt-<POST>.cose (default: HQDIR/receipts)")
    p.set_defaults(func=cmd_import)
    p = hq.add_parser("report", parents=[base],
                      help="posts, batches, gaps, held files and totals in the registry; people and "
                      "households counted once across posts, by post, day, origin, sex and age band")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text",
                   help="csv: the national figures only, one row per breakdown and value")
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument("--output", metavar="FILE", default=None,
                   help="write the report to FILE (replaced if it exists) instead of printing it")
    p.set_defaults(func=cmd_report)
    p = hq.add_parser("duplicates", parents=[base],
                      help="list members who may be registered at two posts, strongest evidence "
                      "first (nothing is merged); 'decide A B same|different' records HQ's decision")
    p.add_argument("decide", nargs="*", metavar="decide A B same|different",
                   help="record that members A and B (<regno>/<member id>) are the same person or not")
    p.add_argument("--by", default=None,
                   help="who decides (default: the user name of this session)")
    p.add_argument("--json", action="store_true", help="one JSON object per pair")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"lowest score to list (0-1, default {DEFAULT_THRESHOLD})")
    p.add_argument("--min-evidence", type=float, default=MIN_EVIDENCE, metavar="BITS",
                   help=f"lowest household evidence to list, in bits (default {MIN_EVIDENCE:g}; "
                   "lower lists more namesakes)")
    p.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                   help="processes sharing the pass (default: one per core)")
    p.add_argument("--within-post", action="store_true",
                   help="also list pairs whose two members were registered at the same post")
    p.add_argument("--any-origin", action="store_true",
                   help="also pair people of a very common name whose origin localities clearly "
                   f"differ (by default only names with at most {CROWD} namesakes are; slower, "
                   "and mostly namesakes on a large registry)")
    p.set_defaults(func=cmd_duplicates)
    p = hq.add_parser("recover", parents=[base],
                      help="answer a post's recovery request (every admin forgot), recorded at HQ")
    p.add_argument("request", metavar="REQUEST", help="the post's <POST>-recovery-request.json")
    p.add_argument("--out", required=True, help="the answer file to write (back to the post)")
    p.set_defaults(func=cmd_recover)
    p = hq.add_parser("held", parents=[base],
                      help="records HQ held because they failed validation: list, show, "
                      "release or reject one")
    p.add_argument("--post", default=None, help="only this post's")
    p.add_argument("--all", action="store_true", help="also those already released or rejected")
    p.add_argument("--json", action="store_true", help="one JSON object per record")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--show", type=int, metavar="ID", help="the record as the post sent it")
    action.add_argument("--release", type=int, metavar="ID", help="apply it as if it had passed")
    action.add_argument("--reject", type=int, metavar="ID", help="never apply it")
    p.set_defaults(func=cmd_held)
    cmd_hq_serve.add_parsers(hq, base, _open)


def _passphrase(*, new: bool) -> str:
    phrase = os.environ.get(ENV_HQ_PASSPHRASE)
    if phrase is not None:
        return phrase
    if not context.interactive():
        raise InvalidInput("no HQ passphrase: set {variable} (or run in a terminal)", variable=ENV_HQ_PASSPHRASE)
    if new:
        first = getpass.getpass("New HQ passphrase: ")
        if getpass.getpass("Repeat it: ") != first:
            raise InvalidInput("the two passphrases differ; nothing was changed")
        return first
    return getpass.getpass("HQ passphrase: ")


def _open(args: argparse.Namespace) -> HqDir:
    return HqDir.open(Path(args.dir), _passphrase(new=False))


def _write_new(path: str, data: bytes) -> None:
    if Path(path).exists():
        raise InvalidInput("{path} already exists; choose another file name", path=path)
    atomic_write(path, data)


def cmd_init(args: argparse.Namespace) -> int:
    escrow = check_escrow_recipients(args.escrow)  # before asking for anything
    phrase = _passphrase(new=True)
    if len(phrase) < 12:
        raise InvalidInput("the HQ passphrase must be at least 12 characters")
    hq = HqDir.init(Path(args.dir), phrase, escrow=escrow)
    print(f"HQ ready in {args.dir}")
    if escrow:
        print(f"{len(escrow)} escrow recipient(s): enrolled posts will also encrypt batches to them")
    print(f"HQ fingerprint: {hq.fingerprint}  (give it to posts and camps by phone or on paper)")
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    hq = _open(args)
    grace = None if args.grace_days is None else timedelta(days=args.grace_days)
    pkg = hq.enroll_post(args.post_id, retire_old_keys_after=grace)
    _write_new(args.out, pkg.data)
    print(f"enrollment file for post {args.post_id} written to {args.out}")
    print(f"key id: {key_id_hex(pkg.certificate.key.key_id)}; "
          f"trust list version {hq.trust_list().version} (publish it: fieldreg hq trustlist)")
    print(f"HQ fingerprint: {hq.fingerprint}")
    print(f"one-time enrollment passphrase (send it separately from the file): {pkg.passphrase}")
    return 0


def cmd_trustlist(args: argparse.Namespace) -> int:
    hq = _open(args)
    trust = hq.issue_trust_list() if args.renew else hq.trust_list()
    atomic_write(args.out, trust.raw)
    print(f"trust list version {trust.version} ({len(trust.entries)} keys, expires "
          f"{trust.expires_at:%Y-%m-%d}) written to {args.out}")
    if not args.renew and trust.expires_at - utcnow() < timedelta(days=30):
        print("note: it expires within 30 days; publish a fresh one with --renew")
    return 0


def cmd_revoke_key(args: argparse.Namespace) -> int:
    hq = _open(args)
    trust = hq.revoke_key(parse_key_id(args.key_id))
    print(f"key {args.key_id} revoked in trust list version {trust.version}; "
          "publish it with 'fieldreg hq trustlist --out FILE'")
    return 0


def cmd_console_key(args: argparse.Namespace) -> int:
    hq = _open(args)
    if args.action == "remove":
        remove_console_key(hq, args.name)
        print(f"console key {args.name} removed: the receiver refuses it from the next request on")
        return 0
    # Everything checked, and the private key written, before HQ trusts its public half:
    # a refusal changes nothing at HQ.
    if not args.out:
        raise InvalidInput("console-key add needs --out FILE for the private key")
    if Path(args.out).exists():
        raise InvalidInput("{path} exists already: give a new file for the private key", path=args.out)
    check_console_name(args.name)
    private = Ed25519PrivateKey.generate()
    atomic_write(args.out, private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()))
    add_console_key(hq, args.name, private.public_key())
    print(f"console key {args.name} added; its private key is in {args.out} (only for {args.name}: "
          f"it decides duplicates at HQ as console:{args.name})")
    return 0


def _token_id(text: str) -> bytes:
    try:
        raw = bytes.fromhex(text.strip())
    except ValueError:
        raw = b""
    if len(raw) != 16:
        raise InvalidInput("token id {text!r} must be 32 hexadecimal digits", text=text)
    return raw


def cmd_revoke_token(args: argparse.Namespace) -> int:
    ids = [_token_id(t) for t in args.token_ids]  # all checked before anything changes
    hq = _open(args)
    revocations = hq.revoke_tokens(ids)
    print(f"{len(ids)} token(s) revoked in revocation list version {revocations.version}; "
          "publish it with 'fieldreg hq revocations --out FILE'")
    return 0


def cmd_revocations(args: argparse.Namespace) -> int:
    revocations = _open(args).revocation_list()
    atomic_write(args.out, revocations.raw)
    print(f"revocation list version {revocations.version} ({len(revocations.token_ids)} tokens) "
          f"written to {args.out}")
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    hq = _open(args)
    trust = hq.trust_list()
    print(f"HQ fingerprint {hq.fingerprint}; trust list version {trust.version}")
    for entry in trust.entries:
        print(f"  {entry.describe()}")
    return 0


def _batch_files(names: list[str]) -> list[Path]:
    """The files named, a folder standing for the ``*.frb`` files in it (in name order)."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.frb") if not p.name.startswith("."))
            if not found:
                raise InvalidInput("{name} holds no batch file (*.frb)", name=name)
            files.extend(found)
        else:
            files.append(path)
    return files


def cmd_import(args: argparse.Namespace) -> int:
    files = _batch_files(args.files)
    hq = _open(args)
    refused = unreceipted = 0
    receipts: dict[str, Path] = {}
    with Registry.open(hq) as registry:
        for path in files:
            def progress(n: int, name: str = path.name) -> None:
                if n % PROGRESS_LINES_EVERY == 0:
                    print(f"{name}: {n} records read...", file=sys.stderr, flush=True)

            result = import_batch(hq, registry, path, receipts_dir=args.receipts,
                                  progress=progress)
            print(result.line(), flush=True)
            refused += result.refused
            unreceipted += result.receipt_error is not None
            if result.receipt is not None and result.post:
                receipts[result.post] = result.receipt
    for post, receipt in sorted(receipts.items()):
        print(f"receipt for post {post}: {receipt} (take it back to the post)")
    if refused:
        print(f"fieldreg: {refused} of {len(files)} batch file(s) refused; nothing of them was "
              "merged", file=sys.stderr)
    if unreceipted:
        print("fieldreg: some receipts could not be written; run the import again to write them "
              "(batches already imported are not imported twice)", file=sys.stderr)
    return 1 if refused or unreceipted else 0


def cmd_report(args: argparse.Namespace) -> int:
    form = "json" if args.json else args.format
    hq = _open(args)
    with Registry.open(hq) as registry, registry.db.snapshot():  # one moment, imports go on
        report = build_report(registry, trust=hq.trust_list())
        figures = national_figures(registry)
    if form == "json":
        text = json.dumps({**report.to_json(), "figures": figures.to_json()}, indent=1,
                          ensure_ascii=False) + "\n"
    elif form == "csv":
        text = figures.csv()
    else:
        text = "".join(line + "\n" for line in report.lines() + figures.lines())
    if args.output is None:
        sys.stdout.write(text)
        return 0
    atomic_write(args.output, text.encode("utf-8"))  # StorageError: one line, nothing half-written
    print(f"report written to {args.output}")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    if args.decide:
        return _decide(args)
    if not 0 < args.threshold <= 1:
        raise InvalidInput("--threshold must be between 0 and 1")
    if args.processes < 1:
        raise InvalidInput("--processes must be at least 1")
    hq = _open(args)
    shown = {"pairs": -1}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "households" and total >= PROGRESS_LINES_EVERY:
            print(f"{done} of {total} households read...", file=sys.stderr, flush=True)
        elif stage == "pairs" and total >= 1000 and done * 10 // total > shown["pairs"]:
            shown["pairs"] = done * 10 // total
            print(f"pairs: {done * 100 // total}% of name blocks compared...", file=sys.stderr,
                  flush=True)

    with Registry.open(hq) as registry:
        finder = HqDuplicates(registry, progress=progress)
        pairs = finder.pairs(threshold=args.threshold, within_post=args.within_post,
                             same_origin=not args.any_origin, min_evidence=args.min_evidence,
                             processes=args.processes, progress=progress)
    for pair in pairs:
        if args.json:
            emit_json(pair.to_json())
            continue
        print(f"{pair.evidence:+.1f} bits  {pair.match.score:.2f}  {_who(pair, 'a')}  ~  {_who(pair, 'b')}")
        print(f"      {pair.explanation}")
    if not args.json:
        where = "at any posts" if args.within_post else "across posts"
        print(f"{len(pairs)} possible duplicate pair(s) {where} among {len(finder)} members; "
              "nothing was merged")
    return 0


def _decide(args: argparse.Namespace) -> int:
    words = args.decide
    if len(words) != 4 or words[0] != "decide":
        raise InvalidInput("usage: fieldreg hq duplicates decide A B same|different --dir HQDIR")
    hq = _open(args)
    with Registry.open(hq) as registry:
        decision = decide(registry, words[1], words[2], words[3], by=args.by or getpass.getuser())
        written = write_receipts(hq, registry, {decision.post_a, decision.post_b})
    print(f"{decision.member_a} and {decision.member_b}: {decision.decision} "
          f"(decided by {decision.decided_by} at {decision.decided_at}); nothing was merged")
    for line in written:
        print(line)
    return 0


def cmd_held(args: argparse.Namespace) -> int:
    hq = _open(args)
    with Registry.open(hq) as registry:
        if args.show is not None:
            record = held_record(registry, args.show)
            print(record.line())
            print(json.dumps(abridged(held_content(registry, args.show)), indent=1, ensure_ascii=False))
            return 0
        if args.release is not None:
            print(f"released: {release_held(hq, registry, args.release).line()}")
            return 0
        if args.reject is not None:
            print(f"rejected: {reject_held(registry, args.reject).line()}")
            return 0
        records = held_records(registry, post=args.post, decided=args.all)
    for record in records:
        if args.json:
            emit_json(record.to_json())
        else:
            print(record.line())
    if not args.json:
        print(f"{len(records)} held record(s); see one with --show ID, then --release ID or --reject ID")
    return 0


def _who(pair: HqCandidate, side: str) -> str:
    key, (_, member), post = ((pair.match.a, pair.a, pair.post_a) if side == "a"
                              else (pair.match.b, pair.b, pair.post_b))
    return (f"{key} [{post}] {member.family_name} {member.given_names}"
            f" ({member.sex or '?'}, {member.birth_year or '?'})")


def cmd_recover(args: argparse.Namespace) -> int:
    try:
        request = Path(args.request).read_bytes()
    except OSError as err:
        raise InvalidInput("cannot read {path}: {strerror}", path=args.request, strerror=err.strerror) from None
    if Path(args.out).exists():
        raise InvalidInput("{path} already exists; choose another file name", path=args.out)
    issued = answer_recovery(_open(args), request)
    _write_new(args.out, issued.answer)
    print(f"recovery answer for post {issued.post} written to {args.out} (recorded in "
          f"{args.dir}/recoveries.jsonl); it opens that post's current vault once")
    return 0
