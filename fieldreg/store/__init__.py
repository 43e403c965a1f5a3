"""The post's encrypted SQLite store.

All of the post's SQL lives in this package; the services a signed-in user
calls (:mod:`fieldreg.station`) call these functions and never write SQL.
A store is opened (and unlocked) through :class:`fieldreg.station.Station`.
"""

from fieldreg.store.db import DB_FILENAME, SCHEMA_VERSION
from fieldreg.store.post import PostStore

__all__ = ["DB_FILENAME", "SCHEMA_VERSION", "PostStore"]
