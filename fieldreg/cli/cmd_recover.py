"""fieldreg recover: a new administrator passphrase when every administrator has forgotten.

    fieldreg recover request --out /media/usb            # a request for HQ (enrolled posts)
    fieldreg recover answer /media/usb/TGR1-recovery.cose --admin awa
    fieldreg recover code --admin awa                    # the code shown at set-up (no HQ)
    fieldreg recover new-code                            # an administrator: a new code, shown once
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from fieldreg.cli import context
from fieldreg.errors import InvalidInput
from fieldreg.station import Station, datadir
from fieldreg.station.recovery import recover_with_answer, recover_with_code, request_recovery

ENV_RECOVERY_CODE = "FIELDREG_RECOVERY_CODE"


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rec = sub.add_parser("recover", help="set a new admin passphrase when every admin has forgotten"
                         ).add_subparsers(dest="recover_command", required=True, metavar="COMMAND")
    p = rec.add_parser("request", parents=[common], help="write a recovery request for HQ")
    p.add_argument("--out", required=True, help="folder to write <POST>-recovery-request.json to")
    p.set_defaults(func=cmd_request)
    for name, helptext in (("answer", "use HQ's answer to this post's request"),
                           ("code", "use the recovery code shown at set-up")):
        p = rec.add_parser(name, parents=[common], help=helptext)
        if name == "answer":
            p.add_argument("file", metavar="FILE", help="HQ's answer (from 'fieldreg hq recover')")
        else:
            p.add_argument("--code-file", help=f"read the code from this file (else ${ENV_RECOVERY_CODE} or a prompt)")
        p.add_argument("--admin", required=True,
                       help="the administrator to give a new passphrase (a new user name makes one)")
        p.add_argument("--passphrase-file", help="read the new passphrase from this file")
        p.set_defaults(func=cmd_apply, via=name)
    p = rec.add_parser("new-code", parents=[common],
                       help="administrators: replace the recovery code (the new one is shown once)")
    p.set_defaults(func=cmd_new_code)


def cmd_request(args: argparse.Namespace) -> int:
    station = Station.open(datadir.locate(args.data_dir))
    path = request_recovery(station, Path(args.out))
    print(f"recovery request written to {path}; take it to HQ ('fieldreg hq recover'). "
          "Only this newest request can be answered.")
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    station = Station.open(datadir.locate(args.data_dir))
    datadir.setup_logging(station.data_dir)
    if args.via == "answer":
        try:
            answer = Path(args.file).read_bytes()
        except OSError as err:
            raise InvalidInput("cannot read {path}: {strerror}", path=args.file, strerror=err.strerror) from None
    else:
        code = _code(args)
    passphrase = (context.read_passphrase_file(args.passphrase_file) if args.passphrase_file
                  else os.environ.get(context.ENV_NEW_PASSPHRASE) or context.prompt_new_passphrase(args.admin))
    if args.via == "answer":
        new_code = recover_with_answer(station, answer, admin=args.admin, passphrase=passphrase)
    else:
        new_code = recover_with_code(station, code, admin=args.admin, passphrase=passphrase)
    print(f"administrator {args.admin} has a new passphrase; the recovery was recorded in the audit log")
    if new_code:
        print(f"the old recovery code no longer works; the new one (write it down, shown once): {new_code}")
    return 0


def cmd_new_code(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    code = session.accounts.new_recovery_code()
    print(f"new recovery code (write it down and keep it safe, shown once): {code}")
    return 0


def _code(args: argparse.Namespace) -> str:
    if args.code_file:
        return context.read_passphrase_file(args.code_file)
    if os.environ.get(ENV_RECOVERY_CODE):
        return os.environ[ENV_RECOVERY_CODE]
    if not context.interactive():
        raise InvalidInput("no recovery code: use --code-file (or run in a terminal)")
    return getpass.getpass("Recovery code: ")
