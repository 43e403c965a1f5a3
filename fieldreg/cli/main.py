"""``fieldreg``: entry point, argument parsing and the error-to-exit-code rule.

Exit codes: 0 ok; 1 invalid input or not found; 2 usage; 3 authentication or
permission refused; 4 token invalid; 5 token revoked; 70 internal error (a
bug: logged with its trace, reported in one line). Errors are always one line
on stderr, never a traceback. Everything a command prints goes through
``fieldreg.safetext.escape_controls`` (fieldreg/cli/output.py), so a name holding
a terminal escape or a bidi override prints escaped.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from fieldreg import __version__
from fieldreg.cli import (
    cmd_batches,
    cmd_duplicates,
    cmd_hq,
    cmd_records,
    cmd_recover,
    cmd_review,
    cmd_setup,
    cmd_sync,
    cmd_tokens,
)
from fieldreg.cli.output import escaped_output
from fieldreg.errors import FieldRegError
from fieldreg.fsutil import forbid_core_dumps

EXIT_INTERNAL = 70
log = logging.getLogger("fieldreg.cli")


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="the station's data directory (default: $FIELDREG_HOME, "
                        "else the platform's user data directory)")
    parser = argparse.ArgumentParser(
        prog="fieldreg",
        description="Offline registration of arriving households at border posts.",
        epilog="User and passphrase come from FIELDREG_USER / FIELDREG_PASSPHRASE, "
        "else you are asked. With no command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"fieldreg {__version__}")
    parser.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (cmd_setup, cmd_records, cmd_review, cmd_duplicates, cmd_tokens, cmd_batches, cmd_hq,
                   cmd_recover, cmd_sync):
        module.add_parsers(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    forbid_core_dumps()  # the app and every command: no core file holds a key or a name
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        return start_gui(parser)
    with escaped_output():  # names may hold terminal escapes or bidi overrides: never raw
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except FieldRegError as err:
        print(f"fieldreg: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("fieldreg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as err:  # a bug: keep the trace in the log, one line for the user
        log.exception("internal error")
        print(f"fieldreg: internal error ({type(err).__name__}); details are in the log",
              file=sys.stderr)
        return EXIT_INTERNAL


def start_gui(parser: argparse.ArgumentParser) -> int:
    """The desktop app, once it exists; until then, the help."""
    try:
        from fieldreg.ui.app import run
    except ImportError:
        parser.print_help()
        return 0
    return int(run())
