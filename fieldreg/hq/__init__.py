"""HQ's side of batches: the registry of everything posts sent, import, report.

    registry.py   HQDIR/registry.db: batches, household versions (sealed), decisions,
                  token revocations, audit entries, held forks
    schema.py     its tables and migrations
    importer.py   import_batch: every check of docs/formats/batch.md §5, one commit, receipt
    duplicates.py HqDuplicates: possible duplicates across posts
    report.py     build_report: posts, batches, gaps, held files, totals

Described for people in docs/hq.md. HQ shares building blocks with the posts
(the batch format and its record schema in fieldreg.batches, keys, dedup,
crypto, fieldreg.sqlitedb) and never imports a post's store or station.
"""

from fieldreg.hq.importer import ImportResult, import_batch
from fieldreg.hq.registry import Registry, describe_missing
from fieldreg.hq.report import Report, build_report

__all__ = ["ImportResult", "Registry", "Report", "build_report", "describe_missing", "import_batch"]
