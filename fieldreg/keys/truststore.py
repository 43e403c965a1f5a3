"""What a verifier (camp, post) trusts: the newest trust list and revocation list it has seen.

    store = TrustStore.create(camp_dir / "trust", data, fingerprint="K3QF-9XDM-...")
    store = TrustStore.open(camp_dir / "trust")
    store.load_trust_list(newer_bytes)        # StaleTrustList if older than what we have
    store.load_revocations(rl_bytes)
    verify_token(text, store.trust, store.revocations, now, clock_floor=store.clock_floor)

HQ's root key is pinned by the first trust list (checked against a fingerprint a
person typed in); every later list must be signed by that same key. Versions
only go up: a stolen or old USB stick cannot roll a camp back to a list in which
a compromised key was still trusted. ``clock_floor`` is the newest issue time
seen, below which this computer's clock is not believed.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from fieldreg.errors import CorruptData, InvalidInput, NotFound
from fieldreg.fsutil import atomic_write
from fieldreg.keys.documents import label
from fieldreg.keys.trustlist import RevocationList, TrustList, peek_root

TRUST_FILE = "trustlist.cose"
REVOCATIONS_FILE = "revocations.cose"


class StaleTrustList(InvalidInput):
    """A trust or revocation list older than (or conflicting with) the one already loaded."""


class TrustStore:
    """Newest trust list + revocation list, optionally persisted in a directory (files 0600)."""

    def __init__(
        self,
        trust: TrustList,
        revocations: RevocationList | None = None,
        *,
        directory: str | os.PathLike[str] | None = None,
    ):
        self._trust = trust
        self._revocations = revocations
        self._dir = None if directory is None else Path(directory)

    # -- construction ---------------------------------------------------------------
    @classmethod
    def create(
        cls, directory: str | os.PathLike[str] | None, trust_list: bytes, *, fingerprint: str
    ) -> TrustStore:
        """Pin HQ's key from ``trust_list`` after checking ``fingerprint``; save if ``directory``."""
        store = cls(TrustList.bootstrap(trust_list, fingerprint=fingerprint), directory=directory)
        store._save(TRUST_FILE, trust_list)
        return store

    @classmethod
    def open(cls, directory: str | os.PathLike[str]) -> TrustStore:
        """Reload a store saved by :meth:`create`; files are re-verified, not trusted blindly."""
        path = Path(directory)
        try:
            trust_bytes = (path / TRUST_FILE).read_bytes()
        except FileNotFoundError:
            raise NotFound("no trust list in {path}: set this computer up first", path=path) from None
        trust = TrustList.from_bytes(trust_bytes, root_public=peek_root(trust_bytes))
        revocations = None
        if (path / REVOCATIONS_FILE).exists():
            revocations = RevocationList.from_bytes(
                (path / REVOCATIONS_FILE).read_bytes(), root_public=trust.root_public
            )
        return cls(trust, revocations, directory=path)

    # -- state ------------------------------------------------------------------------
    @property
    def trust(self) -> TrustList:
        return self._trust

    @property
    def revocations(self) -> RevocationList | None:
        return self._revocations

    @property
    def root_public(self) -> bytes:
        return self._trust.root_public

    @property
    def clock_floor(self) -> datetime:
        """The newest HQ issue time seen: the clock is never believed to be earlier."""
        floor = self._trust.issued_at
        if self._revocations is not None and self._revocations.issued_at > floor:
            floor = self._revocations.issued_at
        return floor

    # -- updates ----------------------------------------------------------------------
    def load_trust_list(self, data: bytes) -> TrustList:
        """Accept a newer trust list signed by the pinned HQ key; refuse older ones."""
        new = TrustList.from_bytes(data, root_public=self.root_public)
        if self._is_current(new.version, new.raw, self._trust.version, self._trust.raw, "trustlist"):
            return self._trust
        self._save(TRUST_FILE, data)
        self._trust = new
        return new

    def load_revocations(self, data: bytes) -> RevocationList:
        """Accept a newer revocation list signed by the pinned HQ key; refuse older ones."""
        new = RevocationList.from_bytes(data, root_public=self.root_public)
        old = self._revocations
        if old is not None and self._is_current(new.version, new.raw, old.version, old.raw, "revocations"):
            return old
        self._save(REVOCATIONS_FILE, data)
        self._revocations = new
        return new

    @staticmethod
    def _is_current(new_version: int, new_raw: bytes, old_version: int, old_raw: bytes, kind: str) -> bool:
        """True when the new list is the one we have; raise if it is older or conflicting."""
        name = label(kind)
        if new_version < old_version:
            raise StaleTrustList(
                "{name} version {new_version} is older than the loaded version {old_version}: refused",
                name=name, new_version=new_version, old_version=old_version
            )
        if new_version == old_version:
            if new_raw != old_raw:
                raise CorruptData(
                    "two different files of the {name} both claim version {version}: ask HQ for a new one",
                    name=name, version=new_version
                )
            return True
        return False

    def _save(self, name: str, data: bytes) -> None:
        if self._dir is not None:
            self._dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write(self._dir / name, data)
