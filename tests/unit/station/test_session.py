"""The session façade: each sub-service says who may call each method, and refuses before it runs.

The services are found, not listed: every :class:`Service` subclass defined in
``fieldreg.station``, reached through the session property of its name
(``Households`` -> ``session.households``). A service added later is checked
here without a change to this file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

import pytest

import fieldreg.station
from fieldreg.errors import AuthError, PermissionDenied
from fieldreg.station import Session, Station
from fieldreg.station.service import ANY_USER, Service
from fieldreg.store.accounts import ACTIONS, PERMISSIONS, ROLES
from fieldreg.validation import parse_household
from tests.conftest import household, make_user


def _station_services() -> list[type[Service]]:
    for module in pkgutil.iter_modules(fieldreg.station.__path__):
        importlib.import_module(f"fieldreg.station.{module.name}")
    return sorted((cls for cls in Service.__subclasses__()
                   if cls.__module__.startswith("fieldreg.station.")),
                  key=lambda cls: cls.__name__)


SERVICES = _station_services()
GUARDED = [pytest.param(cls, name, id=f"{cls.__name__}.{name}")
           for cls in SERVICES for name, permission in cls.permissions.items()
           if permission != ANY_USER]
REFUSALS = [pytest.param(cls, name, permission, role, id=f"{cls.__name__}.{name}-{role}")
            for cls in SERVICES for name, permission in cls.permissions.items()
            if permission != ANY_USER for role in ROLES if role not in PERMISSIONS[permission]]


def _method(session: Session, cls: type[Service], name: str) -> Callable[..., object]:
    return getattr(getattr(session, cls.__name__.lower()), name)  # type: ignore[no-any-return]


@pytest.fixture
def by_role(admin: Session) -> dict[str, Session]:
    return {"officer": make_user(admin, "moussa", "officer"),
            "supervisor": make_user(admin, "fanta", "supervisor"), "admin": admin}


def test_the_services_of_the_facade_are_found() -> None:
    assert {"Households", "Accounts", "Audit"} <= {cls.__name__ for cls in SERVICES}


@pytest.mark.parametrize("cls", SERVICES, ids=lambda cls: cls.__name__)
def test_each_service_is_one_cached_session_property(cls: type[Service], admin: Session) -> None:
    service = getattr(admin, cls.__name__.lower())
    assert type(service) is cls and getattr(admin, cls.__name__.lower()) is service


@pytest.mark.parametrize("cls", SERVICES, ids=lambda cls: cls.__name__)
def test_every_public_method_declares_an_existing_permission(cls: type[Service]) -> None:
    public = {name for name, value in vars(cls).items()
              if not name.startswith("_") and callable(value)}
    assert public == set(cls.permissions)
    for name, permission in cls.permissions.items():
        assert permission == ANY_USER or permission in PERMISSIONS
        assert getattr(cls, name).permission == permission  # wrapped by the table, once


@pytest.mark.parametrize(("cls", "name", "permission", "role"), REFUSALS)
def test_a_role_without_the_permission_is_refused_before_anything_happens(
    cls: type[Service], name: str, permission: str, role: str, by_role: dict[str, Session],
) -> None:
    session = by_role[role]
    conn = session.store.db
    changes, entries = conn.total_changes, len(by_role["admin"].audit.entries())
    # Called without arguments: had the method itself started, it would fail on them instead.
    with pytest.raises(PermissionDenied) as refused:
        _method(session, cls, name)()
    assert refused.value.message.params["action"] == ACTIONS[permission]
    assert conn.total_changes == changes and len(by_role["admin"].audit.entries()) == entries


@pytest.mark.parametrize(("cls", "name"), GUARDED)
def test_a_user_who_must_change_a_first_passphrase_may_do_nothing_else(
    cls: type[Service], name: str, admin: Session, store: Station,
) -> None:
    admin.accounts.add("moussa", role="admin", passphrase="moussa first pass")  # the widest role
    first = store.unlock("moussa", "moussa first pass")
    conn = admin.store.db
    changes = conn.total_changes
    with pytest.raises(AuthError, match="must choose a new passphrase first"):
        _method(first, cls, name)()
    assert conn.total_changes == changes


def test_changing_the_first_passphrase_is_open_to_every_user_and_opens_the_rest(
    admin: Session, store: Station,
) -> None:
    everyone = {f"{cls.__name__}.{name}" for cls in SERVICES
                for name, permission in cls.permissions.items() if permission == ANY_USER}
    assert {"Accounts.change_passphrase"} <= everyone
    admin.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    first = store.unlock("moussa", "moussa first pass")
    with pytest.raises(AuthError, match="must choose a new passphrase first"):
        first.households.register(parse_household(household()))
    first.accounts.change_passphrase("moussa chose this one")
    assert not first.account.must_change
    assert first.households.register(parse_household(household())).startswith("TGR1-")


def test_a_public_method_without_a_permission_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="Sloppy: no permission declared for forget"):
        class Sloppy(Service):
            permissions = {"keep": "view"}

            def keep(self) -> None: ...

            def forget(self) -> None: ...


def test_a_permission_for_no_method_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="Stale: permissions name no method gone"):
        class Stale(Service):
            permissions = {"keep": "view", "gone": "view"}

            def keep(self) -> None: ...


def test_a_misspelt_permission_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="Typo: no such permission veiw"):
        class Typo(Service):
            permissions = {"keep": "veiw"}

            def keep(self) -> None: ...


def test_private_helpers_need_no_permission_and_are_not_guarded() -> None:
    class Tidy(Service):
        permissions = {"keep": "view"}

        def keep(self) -> None: ...

        def _helper(self) -> None: ...

    assert Tidy.keep.permission == "view"  # type: ignore[attr-defined]
    assert not hasattr(Tidy._helper, "permission")
