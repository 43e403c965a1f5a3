"""Several HQ processes on one registry, on both engines: imports once, readers never block.

An import is one transaction. The same batch arriving twice at the same moment
(two receiver workers, a stick and an upload) is imported once: the database
decides, through the batch row's unique keys (fieldreg/hq/importer.py), not a
lock in Python. A report reads a snapshot and never holds an import up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fieldreg.hq import Registry, build_report, import_batch, importer as importer_module
from fieldreg.hq.checks import check_sequence
from fieldreg.keys import HqDir

from .builders import HQ_PASSPHRASE, PostSim, household
from .conftest import merged

# One HQ process: opens the HQ directory and imports a file once "go" exists (so that two
# start together), printing the result. A real separate process, with its own connection.
_IMPORTER = """
import json, sys, time
from pathlib import Path
from fieldreg.hq import HqDir, Registry, import_batch
hq_path, passphrase, batch, go = sys.argv[1:5]
hq = HqDir.open(Path(hq_path), passphrase)
with Registry.open(hq) as registry:
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    result = import_batch(hq, registry, batch)
    print(json.dumps({"status": result.status, "records": result.records}), flush=True)
"""


def _family(n: int) -> str:
    """A distinct family name of letters (digits would fail the post's validation)."""
    return "Famille " + "".join("abcdefghij"[int(d)] for d in str(n))


def test_two_processes_importing_the_same_batch_at_once_import_it_once(
        hq: HqDir, post: PostSim, tmp_path: Path) -> None:
    for n in range(300):
        post.register(household(family=_family(n)))
    batch = post.batch(tmp_path / "stick")
    script = tmp_path / "importer.py"
    script.write_text(_IMPORTER, "utf-8")
    go = tmp_path / "go"
    with Registry.open(hq):
        pass  # the schema in place first: what is raced here is the import, not the set-up
    workers = [subprocess.Popen([sys.executable, str(script), str(hq.path), HQ_PASSPHRASE,
                                 str(batch), str(go)], stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
    go.touch()
    results = []
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0
        results.append(json.loads(out))
    assert sorted(r["status"] for r in results) == ["already_imported", "imported"]
    with Registry.open(hq) as registry:
        counts = merged(registry)
        assert counts["batches"] == 1
        assert counts["household_versions"] == 300
        assert counts["audit"] == 300


def test_the_database_refuses_a_batch_another_import_committed_after_the_checks(
        hq: HqDir, post: PostSim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The narrowest race: this import's checks ran just before the other import committed
    # the same batch. Nothing in Python can see it; the batch row's unique keys do.
    post.register(household(family="Sanogo"))
    batch = post.batch(tmp_path / "stick")
    with Registry.open(hq) as first, Registry.open(hq) as second:
        calls: list[str] = []

        def checked_too_early(registry: Registry, read: object) -> None:
            if registry is first:  # the other process's import: checked as always
                check_sequence(registry, read)  # type: ignore[arg-type]
            elif not calls:  # the check before the transaction: passes, then the other commits
                check_sequence(registry, read)  # type: ignore[arg-type]
                assert import_batch(hq, first, batch).status == "imported"
                calls.append("other committed")
            elif len(calls) == 1:  # the check inside the transaction: as if it ran earlier
                calls.append("stale")
            else:  # after the rollback: decided again against what the other committed
                check_sequence(registry, read)  # type: ignore[arg-type]

        monkeypatch.setattr(importer_module, "check_sequence", checked_too_early)
        result = import_batch(hq, second, batch)
        assert calls == ["other committed", "stale"]
        assert result.status == "already_imported", result.line()
        counts = merged(second)  # the other import's rows, once; this one's rolled back
        assert (counts["batches"], counts["household_versions"], counts["audit"]) == (1, 1, 1)


def test_a_reader_never_blocks_an_import_and_sees_one_moment(
        hq: HqDir, post: PostSim, tmp_path: Path) -> None:
    post.register(household(family="Coulibaly"))
    stick = tmp_path / "stick"
    first = post.batch(stick)
    for n in range(50):
        post.register(household(family=_family(n)))
    second = post.batch(stick)
    with Registry.open(hq) as writer, Registry.open(hq) as reader:
        assert import_batch(hq, writer, first).status == "imported"
        with reader.db.snapshot():
            assert build_report(reader).totals.registrations == 1
            done: list[str] = []
            importing = threading.Thread(
                target=lambda: done.append(import_batch(hq, writer, second).status))
            started = time.monotonic()
            importing.start()
            importing.join(timeout=60)
            assert done == ["imported"], "the import waited for the reader"
            assert time.monotonic() - started < 30
            assert build_report(reader).totals.registrations == 1  # still the same moment
        assert build_report(reader).totals.registrations == 51
