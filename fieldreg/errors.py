"""One root for every failure FieldReg expects.

``FieldRegError`` subclasses are *known* failures: a wrong passphrase, a malformed
household, a full disk, a forged token. Their message is written for the person
at the keyboard and fits on one line; the CLI prints it and exits with
``exit_code``, the GUI shows it in a dialog. Anything else is a bug and is
logged with its traceback.
"""

from __future__ import annotations


class FieldRegError(Exception):
    """An expected failure with a message a border officer can act on."""

    exit_code = 1


class InvalidInput(FieldRegError):
    """Input that cannot be accepted (bad JSON, bad registration number...)."""


class ValidationError(InvalidInput):
    """A household failed validation; ``problems`` holds one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class NotFound(FieldRegError):
    """The registration, user or file asked for does not exist."""


class AuthError(FieldRegError):
    """Unknown user, wrong passphrase, locked or disabled account."""

    exit_code = 3


class PermissionDenied(FieldRegError):
    """The signed-in user's role may not do this."""

    exit_code = 3


class StorageError(FieldRegError):
    """The environment failed us: disk full, read-only medium, I/O error."""


class CorruptData(FieldRegError):
    """Stored or received bytes fail their integrity check."""


class TokenInvalid(FieldRegError):
    """A QR token is malformed, forged, or signed by an unknown or revoked key."""

    exit_code = 4


class TokenRevoked(FieldRegError):
    """A genuine token whose id HQ has revoked."""

    exit_code = 5
