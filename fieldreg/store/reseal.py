"""Upgrading households written before record seals (schema step ``0007_record_seals``).

    if needs_reseal(conn):
        outcome = reseal_earlier_records(conn, cipher)   # in the first sign-in's transaction

Earlier FieldReg bound a household's envelopes to its number only
(``households|<regno>|<column>``) and kept no seal. Binding them to the version
and sealing the clear columns needs the data key, so it happens once, at the
first sign-in after the upgrade, in one transaction recorded in the audit log
(``records_sealed``).

The upgrade cannot be replayed as a downgrade: it runs only while the store has
no commitment *and* the audit log records no earlier ``records_sealed``; a row that
already carries a seal, or whose envelopes open under the new binding, means the
store was sealed before (someone removed the commitment to re-run the upgrade over
rows put back from an older copy), and the whole upgrade is refused. A row that
opens under neither binding is damaged: it is left as it is (it then fails its
check by name) and the others are upgraded.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from fieldreg.errors import CorruptData
from fieldreg.store.fields import FieldCipher
from fieldreg.store.registry import HOUSEHOLD_SEALED, MEMBER_SEALED, record_of
from fieldreg.store.seals import COMMITMENT_KEY, SEALED_COLUMNS, tag_of, write_commitment


@dataclass
class ResealOutcome:
    households: int = 0  # upgraded
    damaged: list[str] = field(default_factory=list)  # left as they were
    refused: str = ""  # why nothing was upgraded ("" when it ran)


def needs_reseal(conn: sqlite3.Connection) -> bool:
    """No commitment and no earlier upgrade in the audit log."""
    if conn.execute("SELECT 1 FROM meta WHERE key = ?", (COMMITMENT_KEY,)).fetchone():
        return False
    return conn.execute(
        "SELECT 1 FROM audit WHERE action = 'records_sealed' LIMIT 1").fetchone() is None


def reseal_earlier_records(conn: sqlite3.Connection, cipher: FieldCipher) -> ResealOutcome:
    """Bind every earlier household to its version and seal it; call inside a write transaction."""
    outcome = ResealOutcome()
    if conn.execute("SELECT 1 FROM households WHERE seal != '' LIMIT 1").fetchone():
        outcome.refused = "sealed_rows"
        return outcome
    conn.execute("SAVEPOINT reseal")
    total = 0
    count = 0
    cols = ("id", *SEALED_COLUMNS, *HOUSEHOLD_SEALED)
    for row in conn.execute(f"SELECT {', '.join(cols)} FROM households").fetchall():
        rec = dict(zip(cols, row, strict=True))
        regno, record = rec["regno"], record_of(rec["regno"], rec["version"])
        try:
            households = [cipher.rebind("households", regno, record, c, rec[c])
                          for c in HOUSEHOLD_SEALED]
            members = [
                (position, [cipher.rebind("members", f"{regno}/{uid}", f"{record}/{uid}", c, blob)
                            for c, blob in zip(MEMBER_SEALED, blobs, strict=True)])
                for position, uid, *blobs in conn.execute(
                    f"SELECT position, member_uid, {', '.join(MEMBER_SEALED)} FROM members"
                    " WHERE household_id = ?", (rec["id"],))
            ]
        except CorruptData:
            if _opens_as_sealed(cipher, record, rec):
                conn.execute("ROLLBACK TO reseal")
                conn.execute("RELEASE reseal")
                return ResealOutcome(refused="sealed_envelopes")
            outcome.damaged.append(regno)
            continue
        seal = cipher.seals.seal(*(rec[c] for c in SEALED_COLUMNS))
        conn.execute(
            f"UPDATE households SET seal = ?, seal_tag = ?,"
            f" {', '.join(f'{c} = ?' for c in HOUSEHOLD_SEALED)} WHERE id = ?",
            (seal, tag_of(seal), *households, rec["id"]))
        conn.executemany(
            f"UPDATE members SET {', '.join(f'{c} = ?' for c in MEMBER_SEALED)}"
            " WHERE household_id = ? AND position = ?",
            [(*blobs, rec["id"], position) for position, blobs in members])
        total += tag_of(seal)
        count += 1
    # A damaged row is counted (its tag, 0, adds nothing to the sum): it is reported by
    # name as altered, not as a row missing from the commitment.
    write_commitment(conn, cipher.seals, count + len(outcome.damaged), total)
    conn.execute("RELEASE reseal")
    outcome.households = count
    return outcome


def _opens_as_sealed(cipher: FieldCipher, record: str, rec: dict[str, object]) -> bool:
    try:
        cipher.open("households", record, "summary", rec["summary"])  # type: ignore[arg-type]
    except CorruptData:
        return False
    return True
