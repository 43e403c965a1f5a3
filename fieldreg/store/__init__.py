"""The post's encrypted SQLite store.

Open it, unlock it with a user's passphrase, and work through the returned
:class:`~fieldreg.session.Session`::

    store = PostStore.open(data_dir)
    session = store.unlock("awa", passphrase)
    regno = session.register(household)
"""

from fieldreg.store.db import DB_FILENAME, SCHEMA_VERSION
from fieldreg.store.post import PostStore

__all__ = ["DB_FILENAME", "SCHEMA_VERSION", "PostStore"]
