"""One root for every failure FieldReg expects.

``FieldRegError`` subclasses are *known* failures: a wrong passphrase, a malformed
household, a full disk, a forged token. Their message is written for the person
at the keyboard and fits on one line; the CLI prints it and exits with
``exit_code``, the GUI shows it in a dialog, translated. Anything else is a
bug and is logged with its traceback.

The message is a template and its values (fieldreg/messages.py), so the app
can show it in the user's language::

    raise NotFound("no registration {regno} at this post", regno=regno)

``str(err)`` is the English sentence; ``err.message`` the
:class:`~fieldreg.messages.Message`. Subclasses that take more arguments take
the template last.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fieldreg.messages import Message, as_message


class FieldRegError(Exception):
    """An expected failure with a message a border officer can act on."""

    exit_code = 1

    def __init__(self, template: str | Message = "", /, **params: Any) -> None:
        self.message = Message(template, **params) if isinstance(template, str) else template
        super().__init__(str(self.message))


class InvalidInput(FieldRegError):
    """Input that cannot be accepted (bad JSON, bad registration number...)."""


class ValidationError(InvalidInput):
    """A household failed validation; ``problems`` holds one message per problem."""

    def __init__(self, problems: Sequence[str | Message]):
        self.problems = [as_message(p) for p in problems]
        # The app translates each problem (fieldreg/ui/text.py); the joined
        # line is for the CLI and logs.
        super().__init__(as_message("; ".join(str(p) for p in self.problems)))


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
