"""Registering households, and finding, correcting and voiding registrations.

    regno = session.households.register(parse_household(obj))
    reg = session.households.get(regno)                 # shows version reg.version
    session.households.correct(regno, corrected, base_version=reg.version,
                               reason="family name misspelled")
    session.households.void(regno, reason="registered twice by mistake")
    hits = session.households.search("traore ami")     # [HouseholdSummary, ...]

Every change is one durable transaction: the encrypted rows, the outbox row
that carries it to HQ in the next batch, and its audit entry; the method
returns once that transaction is on disk. Searches, statistics and the places
the form offers run on the session's in-memory index (decrypted at first use).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from fieldreg.errors import InvalidInput, StaleVersion, UnreadableRecord
from fieldreg.model import Household, HouseholdSummary, Registration, Unreadable, utcnow
from fieldreg.regno import RegNo, parse_regno
from fieldreg.sqlitedb import transaction
from fieldreg.station.places import RECENT, UsedPlaces, count_places
from fieldreg.station.service import Service
from fieldreg.station.signed_in import SignedIn
from fieldreg.store import registry
from fieldreg.store.batches import still_unreadable
from fieldreg.store.outbox import queue_registration
from fieldreg.store.tokens import revoke_active_token
from fieldreg.validation import clean_reason

log = logging.getLogger(__name__)


class Households(Service):
    """``session.households``: the post's registrations."""

    permissions = {
        "register": "register",
        "register_many": "register",
        "get": "view",
        "correct": "correct",
        "void": "void",
        "search": "view",
        "stats": "stats",
        # The household form completes from these, when registering and when correcting:
        # what both need is to see the post's registrations.
        "places": "view",
        # Named to whoever searches, since searches leave them out: numbers and parts only.
        "unreadable": "view",
    }

    def __init__(self, session: SignedIn) -> None:
        super().__init__(session)
        self._post_id = session.store.post_id  # fixed for a store's life; read once, not per save

    def register(self, household: Household) -> str:
        """Store a new household; returns its registration number once durable.

        A household without consent is stored as typed and its audit entry says so
        (``"without_consent": true``, no personal data), so the supervisor can find it.
        """
        return self.register_many([household])[0]

    def register_many(self, households: Sequence[Household]) -> list[str]:
        """Store new households in one durable transaction; their numbers, in order, once durable.

        All or none: each gets its own number, rows, outbox row and audit entry, as
        :meth:`register` gives it, but one commit (one ``fsync``) covers them all. For
        households already in hand (``fieldreg register`` groups the lines it has read);
        no caller waits for more input to fill a group.
        """
        session = self._session
        now = utcnow()
        year = now.year
        regnos: list[str] = []
        with transaction(session.store.db) as conn:
            audit = session.audit_on(conn)
            for household in households:
                seq = registry.next_sequence(conn, year)
                regno = str(RegNo.build(self._post_id, year, seq))
                registry.insert_household(
                    conn, session.cipher, regno=regno, year=year, seq=seq, household=household,
                    actor=session.user, now=now,
                )
                queue_registration(conn, regno, version=1)
                details: dict[str, object] = {"members": len(household.members)}
                if not household.consent:  # saved without consent: the officer confirmed it (the app asks)
                    details["without_consent"] = True
                audit.append(actor=session.user, action="register", subject=regno, details=details)
                regnos.append(regno)
        for regno, household in zip(regnos, households, strict=True):
            session.update_index(regno, household, "active")
            log.info("register %s by %s", regno, session.user)
        return regnos

    def get(self, regno: str) -> Registration:
        """The registration ``regno`` (its number checked), with its history."""
        return registry.load_registration(self._session.store.db, self._session.cipher,
                                          str(parse_regno(regno)))

    def correct(self, regno: str, household: Household, *, base_version: int, reason: str) -> int:
        """Replace a registration's content, keeping the previous version; returns the new version.

        ``base_version`` is the version the correction was made from (the one the
        user was shown): if the registration has changed since, the correction is
        refused (``StaleVersion``), checked inside the write transaction, so of two
        corrections made from the same version at once one wins and the other is
        refused. A registration whose content cannot be opened (``UnreadableRecord``)
        may still be corrected, from its paper slip: that is how it is repaired.
        """

        def corrected(current: Registration | None) -> Household:
            if current is not None and current.household.to_json() == household.to_json():
                raise InvalidInput("nothing to correct: {regno} already says exactly this", regno=current.regno)
            return household

        return self._new_version(regno, action="correct", reason=reason, status="active",
                                 change=corrected, base_version=base_version)

    def void(self, regno: str, *, reason: str) -> int:
        """Mark a registration void (never deleted) and revoke its slip; returns the new version."""

        def voided(current: Registration | None) -> Household:
            if current is None:  # its content is what HQ receives with the void: it must open
                raise InvalidInput(
                    "{regno} cannot be opened, so it cannot be voided: correct it from its slip "
                    "first, then void it", regno=regno)
            return current.household

        return self._new_version(regno, action="void", reason=reason, status="void",
                                 change=voided)

    def search(self, text: str, *, limit: int = 50) -> list[HouseholdSummary]:
        """By registration number (whole, checked; or a fragment) or by names."""
        text = text.strip()
        if not text:
            raise InvalidInput("type a name or a registration number to search for")
        index = self._session.index
        if "-" in text and any(ch.isdigit() for ch in text) and len(text.split("-")) == 4:
            regno = str(parse_regno(text))  # a whole number: its check character must hold
            found = index.get(regno)
            return [found] if found else []
        if any(ch.isdigit() for ch in text):
            return index.find_regno(text, limit=limit)
        return index.search(text, limit=limit)

    def stats(self) -> dict[str, Any]:
        """Households and people by day, origin, sex and age band (void ones left out)."""
        return self._session.index.stats()

    def unreadable(self) -> list[Unreadable]:
        """Registrations known not to open, each once: those whose summary did not open
        (left out of searches and statistics) and those the latest batch left out (and
        nothing has replaced since). A damaged member or note shows only when the
        registration is opened or exported (docs/store.md)."""
        session = self._session
        found = {regno: Unreadable(regno, part) for regno, part in session.index.unreadable.items()}
        for item in still_unreadable(session.store.db):
            found.setdefault(item.regno, item)
        return sorted(found.values(), key=lambda u: u.regno)

    def places(self, *, recent: int = RECENT) -> UsedPlaces:
        """Places already used at this post, most used first (see fieldreg.station.places)."""
        session = self._session
        return count_places(
            session.index.origins(),
            registry.recent_attributes(session.store.db, session.cipher, limit=recent),
        )

    def _new_version(
        self, regno: str, *, action: str, reason: str, status: str,
        change: Callable[[Registration | None], Household], base_version: int | None = None,
    ) -> int:
        """One durable transaction: keep the current version in history, store the
        household ``change`` returns (given the current registration, or None if it
        cannot be opened), queue it for export and audit it."""
        session = self._session
        reason = clean_reason(reason)
        regno = str(parse_regno(regno))
        with transaction(session.store.db) as conn:
            base = registry.stored(conn, regno)  # read under the write lock: no one changes it now
            if base.status == "void" and action == "void":
                raise InvalidInput("{regno} is already void", regno=regno)
            if base.status == "void":
                raise InvalidInput("{regno} is void and cannot be corrected", regno=regno)
            if base_version is not None and base.version != base_version:
                raise StaleVersion(
                    "{regno} has changed since version {base} was shown (it is now version "
                    "{version}): nothing was saved; open it again and redo the correction",
                    regno=regno, base=base_version, version=base.version)
            current: Registration | None
            unreadable_part = ""
            try:
                current = registry.load_registration(conn, session.cipher, regno,
                                                     with_history=False)
                previous = registry.snapshot(current)
            except UnreadableRecord as err:
                current, previous = None, {"unreadable": err.part, "status": base.status}
                unreadable_part = err.part
            household = change(current)
            version = registry.replace_household(
                conn, session.cipher, base, previous=previous, household=household,
                status=status, void_reason=reason if status == "void" else "", action=action,
                reason=reason, actor=session.user, now=utcnow(),
            )
            queue_registration(conn, regno, version=version)
            details: dict[str, Any] = {"version": version}
            if action == "correct":
                details["fields"] = (["*"] if current is None
                                     else _changed_fields(current.household, household))
            if current is None:
                # The unreadable version is replaced; its content is lost (docs/store.md).
                details["replaced_unreadable"] = unreadable_part
            if status == "void":
                # A void registration's slip must stop verifying at camps.
                revoked = revoke_active_token(conn, session.cipher, regno,
                                              actor=session.user,
                                              reason=f"registration void: {reason}", now=utcnow())
                if revoked is not None:
                    details["token_revoked"] = revoked[0]
            session.audit_on(conn).append(
                actor=session.user, action=action, subject=regno, details=details
            )
        session.update_index(regno, household, status)
        log.info("%s %s v%d by %s", action, regno, version, session.user)
        return version


def _changed_fields(before: Household, after: Household) -> list[str]:
    """Names (never values) of the fields a correction changed, for the audit log."""
    old, new = before.to_json(), after.to_json()
    changed = sorted(k for k in set(old) | set(new) if k != "members" and old.get(k) != new.get(k))
    old_members = {m["id"]: m for m in old["members"]}
    for m in new["members"]:
        previous = old_members.pop(m["id"], None)
        if previous is None:
            changed.append("members (added)")
        else:
            changed.extend(sorted(
                f"member.{k}" for k in set(previous) | set(m) if previous.get(k) != m.get(k)
            ))
    if old_members:
        changed.append("members (removed)")
    return sorted(set(changed))
