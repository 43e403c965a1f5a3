"""HQ's side of batches: the registry of everything posts sent, import, report.

    registry.py   the registry: batches, household versions (sealed), decisions,
                  token revocations, audit entries, held forks
    db/           where it lives: HQDIR/registry.db (SQLite) or the PostgreSQL server
                  HQDIR/registry.conf names; the one place the engines differ
    schema.py     its tables and migrations, one definition for both engines
    importer.py   import_batch: every check of docs/formats/batch.md §5, one commit, receipt
    staging.py    each record of a batch into the import's open transaction
    validate.py   each data record checked as the post checks it; failing ones are held
    held.py       held records: list, show, release, reject (fieldreg hq held)
    checks.py     the key, sequence and audit-chain checks; the refusals
    authority.py  each post's account authority pinned; changed authority, bad and new grants flagged
    files.py      a refused fork's or conflict's held copy; the post's receipt
    duplicates.py HqDuplicates: possible duplicates across posts, ranked by household evidence
    decisions.py  decide: HQ's own same/different decisions on pairs (never a merge)
    console.py    the registry team's console keys, to decide pairs through the receiver
    members.py    a household version's JSON as the matcher and the report read it
    report.py     build_report: posts, batches, gaps, held files, totals
    national.py   national_figures: people and households counted once, by post, day, origin, sex, age
    counted.py    the counting rows national.py sums: each member's coarse facts, stored at import
    server/       the receiver posts upload to over HTTPS ('fieldreg hq serve', docs/formats/sync.md)

Described for people in docs/hq.md. HQ shares building blocks with the posts
(the batch format and its record schema in fieldreg.batches, keys, dedup,
crypto, fieldreg.sqlitedb; psycopg for PostgreSQL) and never imports a post's store or station.

The CLI's ``fieldreg hq ...`` commands call this package only (and the plain
types): HQ's key directory (``HqDir``, from fieldreg.keys) and the duplicate
search's defaults are exported here with the registry, import and report.

    hq = HqDir.open(path, passphrase)
    with Registry.open(hq) as registry:
        result = import_batch(hq, registry, batch_path, receipts_dir=None)
        report = build_report(registry, trust=hq.trust_list())
"""

from fieldreg.dedup import DEFAULT_THRESHOLD
from fieldreg.dedup.crowd import CROWD
from fieldreg.dedup.households import MIN_EVIDENCE
from fieldreg.hq.console import add_console_key, check_console_name, remove_console_key
from fieldreg.hq.decisions import HqDecision, decide
from fieldreg.hq.duplicates import HqCandidate, HqDuplicates
from fieldreg.hq.files import write_receipts
from fieldreg.hq.held import (
    HeldRecord,
    abridged,
    held_content,
    held_record,
    held_records,
    reject as reject_held,
    release as release_held,
)
from fieldreg.hq.importer import ImportResult, import_batch
from fieldreg.hq.national import NationalFigures, national_figures
from fieldreg.hq.recovery import answer_recovery, issued_recoveries
from fieldreg.hq.registry import Registry, describe_missing
from fieldreg.hq.report import Report, build_report
from fieldreg.keys import HqDir, key_id_hex, parse_key_id
from fieldreg.keys.hqdir import check_escrow_recipients

__all__ = [
    "CROWD",
    "DEFAULT_THRESHOLD",
    "MIN_EVIDENCE",
    "HeldRecord",
    "HqCandidate",
    "HqDecision",
    "HqDir",
    "HqDuplicates",
    "ImportResult",
    "NationalFigures",
    "Registry",
    "Report",
    "abridged",
    "add_console_key",
    "answer_recovery",
    "build_report",
    "check_console_name",
    "check_escrow_recipients",
    "decide",
    "describe_missing",
    "held_content",
    "held_record",
    "held_records",
    "import_batch",
    "issued_recoveries",
    "key_id_hex",
    "national_figures",
    "parse_key_id",
    "reject_held",
    "release_held",
    "remove_console_key",
    "write_receipts",
]
