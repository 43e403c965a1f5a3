"""Regenerate the schema-v1 fixture store (run once per released schema; commit the result).

    python tests/data/stores/make_v1.py

TEST FIXTURE ONLY: the admin passphrase below is public and the households are
fictitious. Old fixtures are never regenerated: they stand for stores already
in the field, which every later FieldReg must still open.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.station import Station
from fieldreg.validation import parse_household

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))
from tests.conftest import household  # noqa: E402

PASSPHRASE = "fixture passphrase v1"  # public test fixture


def main() -> None:
    target = HERE / "v1"
    shutil.rmtree(target, ignore_errors=True)
    store = Station.create(target, post_id="FIX1", post_name="Fixture post", admin="fixture",
                             passphrase=PASSPHRASE, kdf=KdfParams.fast_for_tests())
    session = store.unlock("fixture", PASSPHRASE)
    first = session.households.register(parse_household(household()))
    changed = session.households.get(first).household.to_json()
    changed["notes"] = "corrected in v1"
    session.households.correct(first, parse_household(changed), base_version=1, reason="fixture correction")
    session.households.void(session.households.register(parse_household(household())), reason="fixture void")
    store.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for extra in ("fieldreg.db-wal", "fieldreg.db-shm"):
        (target / extra).unlink(missing_ok=True)
    with sqlite3.connect(target / "fieldreg.db") as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    print(f"wrote {target / 'fieldreg.db'}: {first} and one void registration")


if __name__ == "__main__":
    main()
