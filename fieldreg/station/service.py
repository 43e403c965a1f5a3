"""The base of the session's sub-services, and where each declares what it needs.

A service is one part of what a signed-in user can do (``session.households``,
``session.tokens``...). Its ``permissions`` table names, for every public
method, the permission (``fieldreg.store.accounts.PERMISSIONS``) that method
needs, or ``ANY_USER`` for what every signed-in user may do::

    class Checkins(Service):
        permissions = {"record": "verify", "lookup": "verify"}

        def record(self, verdict: Verdict, token_text: str) -> list[Checkin]: ...

The table is the one place a role is checked: each listed method is wrapped,
once, when the class is defined, so it refuses before it runs. A public method
missing from the table (or a table naming no method, or a permission that
does not exist) is a ``TypeError`` at import, so no operation can be added
without saying who may use it. A user who must still replace a first
passphrase may use only what a table marks ``ANY_USER``, such as
:meth:`fieldreg.station.accounts.Accounts.change_passphrase`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

from fieldreg.station.signed_in import SignedIn
from fieldreg.store.accounts import PERMISSIONS

#: A method every signed-in user may call (their own passphrase, their own preferences).
ANY_USER = ""

_F = TypeVar("_F", bound=Callable[..., Any])


class Service:
    """One part of the session façade; subclasses declare ``permissions``."""

    permissions: ClassVar[Mapping[str, str]] = {}

    def __init__(self, session: SignedIn) -> None:
        self._session = session

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        public = {name for name, value in vars(cls).items()
                  if not name.startswith("_") and callable(value)
                  and not isinstance(value, (staticmethod, classmethod, type))}
        if undeclared := sorted(public - set(cls.permissions)):
            raise TypeError(f"{cls.__name__}: no permission declared for {', '.join(undeclared)}")
        if unknown := sorted(set(cls.permissions) - public):
            raise TypeError(f"{cls.__name__}: permissions name no method {', '.join(unknown)}")
        if misspelt := sorted({p for p in cls.permissions.values()
                               if p != ANY_USER and p not in PERMISSIONS}):
            raise TypeError(f"{cls.__name__}: no such permission {', '.join(misspelt)}")
        for name, permission in cls.permissions.items():
            setattr(cls, name, _guarded(vars(cls)[name], permission))


def _guarded(method: _F, permission: str) -> _F:
    @functools.wraps(method)
    def guarded(self: Service, /, *args: Any, **kwargs: Any) -> Any:
        self._session.require(permission)
        return method(self, *args, **kwargs)

    guarded.permission = permission  # type: ignore[attr-defined]
    return guarded  # type: ignore[return-value]
