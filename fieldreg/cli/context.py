"""Who the CLI works as: the user and passphrases from flags, environment, then prompts.

The data directory is found as the app finds it: :func:`fieldreg.station.datadir.locate`.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from fieldreg.errors import AuthError, InvalidInput
from fieldreg.station import Station, datadir
from fieldreg.station.session import Session

ENV_USER = "FIELDREG_USER"
ENV_PASSPHRASE = "FIELDREG_PASSPHRASE"
ENV_NEW_PASSPHRASE = "FIELDREG_NEW_PASSPHRASE"


def interactive() -> bool:
    return sys.stdin.isatty()


def read_passphrase_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InvalidInput("cannot read passphrase file {path}: {strerror}", path=path, strerror=err.strerror) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise InvalidInput("passphrase file {path} is empty", path=path)
    return lines[0]


def prompt_new_passphrase(whose: str) -> str:
    """Ask twice on the terminal; refuse when there is no terminal to ask on."""
    if not interactive():
        raise InvalidInput(
            "no passphrase for {whose}: use --passphrase-file (or run in a terminal)", whose=whose
        )
    first = getpass.getpass(f"New passphrase for {whose}: ")
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInput("the two passphrases differ; nothing was changed")
    return first


def credentials() -> tuple[str, str]:
    user = os.environ.get(ENV_USER)
    if not user:
        if not interactive():
            raise AuthError("who are you? set {variable} (or run in a terminal)", variable=ENV_USER)
        user = input("User: ").strip()
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase is None:
        if not interactive():
            raise AuthError("no passphrase: set {variable} (or run in a terminal)", variable=ENV_PASSPHRASE)
        passphrase = getpass.getpass(f"Passphrase for {user}: ")
    return user, passphrase


def open_session(directory: Path, *, allow_must_change: bool = False) -> Session:
    """Unlock the store as the user from the environment or the terminal.

    A user who must still replace a first passphrase is asked for a new one
    (or given ``$FIELDREG_NEW_PASSPHRASE``) before anything else happens.
    """
    store = Station.open(directory)
    datadir.start(directory)
    user, passphrase = credentials()
    session = store.unlock(user, passphrase)
    if session.account.must_change and not allow_must_change:
        new = os.environ.get(ENV_NEW_PASSPHRASE)
        if new is None and not interactive():
            raise AuthError(
                "{user} must choose a new passphrase first: run 'fieldreg user passwd'", user=user
            )
        if new is None:
            print("This is your first login: choose your own passphrase.", file=sys.stderr)
            new = prompt_new_passphrase(user)
        session.accounts.change_passphrase(new)
    return session
