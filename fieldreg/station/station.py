"""A station's data directory, locked until one of its users signs in.

    station = Station.open(data_dir)          # a border post or a camp, set up earlier
    station.post_id, station.kind             # what the sign-in page shows
    session = station.unlock("awa", passphrase)   # everything else goes through the session

Setting a station up: :meth:`Station.create` (a post without keys),
:func:`fieldreg.station.enrollment.create_enrolled_post`,
:func:`fieldreg.station.enrollment.create_camp` and
:func:`fieldreg.station.demo.create_demo`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.model import utcnow
from fieldreg.station.integrity import check_at_sign_in
from fieldreg.station.session import Session
from fieldreg.store import PostStore, accounts

log = logging.getLogger(__name__)


class Station:
    """The locked station: who it is, and the door (:meth:`unlock`)."""

    def __init__(self, store: PostStore):
        self._store = store

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return PostStore.exists(data_dir)

    @classmethod
    def open(cls, data_dir: Path) -> Station:
        """The station in ``data_dir`` (its schema brought up to date); ``NotFound`` if none."""
        return cls(PostStore.open(data_dir))

    @classmethod
    def create(
        cls, data_dir: Path, *, post_id: str, post_name: str, admin: str, passphrase: str,
        kdf: KdfParams | None = None,
    ) -> Station:
        """A border post with its first (admin) account and no signing key yet (``fieldreg init``)."""
        return cls(PostStore.create(data_dir, post_id=post_id, post_name=post_name, admin=admin,
                                    passphrase=passphrase, kdf=kdf))

    @property
    def store(self) -> PostStore:
        """The station's store, for the station package's own use."""
        return self._store

    @property
    def data_dir(self) -> Path:
        return self._store.data_dir

    @property
    def post_id(self) -> str:
        return self._store.post_id

    @property
    def post_name(self) -> str:
        return self._store.post_name

    @property
    def kind(self) -> str:
        """``"post"`` (registers, signs slips, exports) or ``"camp"`` (verifies slips)."""
        return self._store.kind

    def unlock(self, username: str, passphrase: str, *, now: datetime | None = None) -> Session:
        """Check the passphrase and open a session; ``AuthError`` explains any refusal."""
        now = now or utcnow()
        account, data_key, failed = accounts.try_unlock(self._store.db, username, passphrase,
                                                         now=now)
        session = Session(self, account, data_key)
        session.audit_sign_in(failed_before=failed,
                              checks=lambda conn: check_at_sign_in(session, conn))
        log.info("login %s", username)
        return session

    def close(self) -> None:
        self._store.close()
