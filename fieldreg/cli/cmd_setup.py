"""init and user management."""

from __future__ import annotations

import argparse
import os
import sys

from fieldreg.cli import context
from fieldreg.errors import InvalidInput
from fieldreg.station import Station, datadir


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "init", parents=[common], help="set up this laptop as a border post (or a demo)",
        description="Create the station's encrypted store and its first (admin) account.",
    )
    p.add_argument("--demo", action="store_true",
                   help="a ready demo post with a few hundred fictitious households")
    p.add_argument("--post-id", help="the post id HQ assigned, e.g. TGR1")
    p.add_argument("--post-name", help="the post's name, e.g. 'Tengréla'")
    p.add_argument("--admin", help="user name of the first administrator")
    p.add_argument("--passphrase-file", help="read the admin's passphrase from this file")
    p.add_argument("--enroll", metavar="FILE",
                   help="a border post enrolled by HQ (post id and keys from this file)")
    p.add_argument("--camp", metavar="ID", help="a verify-only camp station with this id")
    p.add_argument("--trust", metavar="FILE", help="with --camp: HQ's trust list")
    p.add_argument("--fingerprint", help="with --camp: HQ's fingerprint, as HQ gave it to you")
    p.set_defaults(func=cmd_init)

    user = sub.add_parser("user", help="manage staff accounts").add_subparsers(
        dest="user_command", required=True, metavar="COMMAND")
    p = user.add_parser("add", parents=[common], help="add an account (first passphrase to change)")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=["officer", "supervisor", "admin"])
    p.add_argument("--passphrase-file", help="read the new user's first passphrase from this file")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("passwd", parents=[common], help="change your own passphrase")
    p.add_argument("--passphrase-file", help="read the new passphrase from this file")
    p.set_defaults(func=cmd_user_passwd)
    p = user.add_parser("list", parents=[common], help="list accounts")
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("reset", parents=[common], help="give someone a new first passphrase")
    p.add_argument("username")
    p.add_argument("--passphrase-file")
    p.set_defaults(func=cmd_user_reset)
    for name, disabled in (("disable", True), ("enable", False)):
        p = user.add_parser(name, parents=[common], help=f"{name} an account")
        p.add_argument("username")
        p.set_defaults(func=cmd_user_disable, disabled=disabled)


def _new_passphrase(args: argparse.Namespace, whose: str, *, env: str | None = None) -> str:
    if args.passphrase_file:
        return context.read_passphrase_file(args.passphrase_file)
    if env and os.environ.get(env) is not None:
        return os.environ[env]
    return context.prompt_new_passphrase(whose)


def cmd_init(args: argparse.Namespace) -> int:
    directory = datadir.locate(args.data_dir)
    if args.enroll or args.camp or args.trust or args.fingerprint:
        from fieldreg.cli.cmd_tokens import init_station

        return init_station(args, directory, _new_passphrase)
    if args.demo:
        if args.post_id or args.post_name or args.admin:
            raise InvalidInput("--demo sets up its own post and users; give no other options")
        from fieldreg.station.demo import create_demo

        summary = create_demo(directory)
        datadir.start(directory)
        print(summary)
        return 0
    missing = [f"--{n.replace('_', '-')}" for n in ("post_id", "post_name", "admin")
               if not getattr(args, n)]
    if missing:
        raise InvalidInput("init needs {options} (or --demo)", options=', '.join(missing))
    if Station.exists(directory):
        raise InvalidInput("{directory} already holds a FieldReg store; nothing was changed", directory=directory)
    passphrase = _new_passphrase(args, args.admin, env=context.ENV_PASSPHRASE)
    station = Station.create(directory, post_id=args.post_id, post_name=args.post_name,
                             admin=args.admin, passphrase=passphrase)
    datadir.start(directory)
    print(f"post {args.post_id} ready in {directory}; administrator: {args.admin}")
    print(f"recovery code (write it down and keep it apart from the laptop, shown once; it sets a "
          f"new administrator passphrase if every administrator forgets): {station.recovery_code}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    passphrase = _new_passphrase(args, args.username)
    session.accounts.add(args.username, role=args.role, passphrase=passphrase)
    print(f"{args.role} {args.username} added; they must choose their own passphrase at first login")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir), allow_must_change=True)
    session.accounts.change_passphrase(
        _new_passphrase(args, session.user, env=context.ENV_NEW_PASSPHRASE))
    print(f"passphrase of {session.user} changed")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    for account in session.accounts.list():
        state = "disabled" if account.disabled else (
            "must change passphrase" if account.must_change else "active")
        print(f"{account.username:<20} {account.role:<11} {state:<24} "
              f"last login {account.last_login or 'never'}")
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    session.accounts.reset(args.username, passphrase=_new_passphrase(args, args.username))
    print(f"{args.username} has a new first passphrase, to change at next login")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    session = context.open_session(datadir.locate(args.data_dir))
    session.accounts.set_disabled(args.username, args.disabled)
    print(f"{args.username} {'disabled' if args.disabled else 'enabled'}", file=sys.stdout)
    return 0
