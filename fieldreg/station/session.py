"""What a signed-in user can do: one façade, with a sub-service for each part of the work.

    session = Station.open(data_dir).unlock("awa", passphrase)
    regno = session.households.register(parse_household(obj))
    session.households.void(regno, reason="registered twice by mistake")
    session.accounts.add("ali", role="officer", passphrase="a first passphrase")

The CLI and the GUI call the sub-services (``households``, ``accounts``,
``audit``, ``tokens``, ``checkins``, ``trust``, ``duplicates``, ``batches``, ``sync``);
each declares in one table the permission each of its methods needs
(:class:`fieldreg.station.service.Service`). Every change is one durable
transaction together with its audit entry, and returns once it is on disk.

The session itself is who signed in (``user``, ``role``, ``account``) at which
``station``, and, for the services only, the store, the field cipher, the
audit log of a transaction and the decrypted in-memory index.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from fieldreg.station.accounts import Accounts
from fieldreg.station.audit import Audit
from fieldreg.station.batches import Batches
from fieldreg.station.checkins import Checkins
from fieldreg.station.duplicates import Duplicates
from fieldreg.station.households import Households
from fieldreg.station.signed_in import SignedIn
from fieldreg.station.tokens import Tokens
from fieldreg.station.trust import Trust

if TYPE_CHECKING:  # the sync brings httpx and TLS: loaded when a session first syncs
    from fieldreg.station.sync import Sync


class Session(SignedIn):
    """A signed-in user at a station: made by :meth:`fieldreg.station.Station.unlock`."""

    # -- the sub-services (fieldreg.station.service) --------------------------------------

    @cached_property
    def households(self) -> Households:
        return Households(self)

    @cached_property
    def accounts(self) -> Accounts:
        return Accounts(self)

    @cached_property
    def audit(self) -> Audit:
        return Audit(self)

    @cached_property
    def tokens(self) -> Tokens:
        return Tokens(self)

    @cached_property
    def checkins(self) -> Checkins:
        return Checkins(self)

    @cached_property
    def trust(self) -> Trust:
        return Trust(self)

    @cached_property
    def duplicates(self) -> Duplicates:
        return Duplicates(self)

    @cached_property
    def batches(self) -> Batches:
        return Batches(self)


    @cached_property
    def sync(self) -> Sync:
        from fieldreg.station.sync import Sync

        return Sync(self)
