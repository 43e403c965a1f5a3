"""HQ's side of batches: the registry of everything posts sent, import, report.

    registry.py   HQDIR/registry.db: batches, household versions (sealed), decisions,
                  token revocations, audit entries, held forks
    schema.py     its tables and migrations
    records.py    the shape of each record kind
    importer.py   import_batch: every check of docs/formats/batch.md §5, one commit, receipt
    report.py     build_report: posts, batches, gaps, held files, totals

Described for people in docs/hq.md.
"""

from fieldreg.hq.importer import ImportResult, import_batch
from fieldreg.hq.registry import Registry, describe_missing
from fieldreg.hq.report import Report, build_report

__all__ = ["ImportResult", "Registry", "Report", "build_report", "describe_missing", "import_batch"]
