"""The receiver's uploads on disk: an abandoned one is dropped, a live or finished one kept."""

from __future__ import annotations

import os
import time
from pathlib import Path

from fieldreg.hq.server.uploads import ABANDONED_AFTER, UploadStore
from fieldreg.sync.protocol import BatchId


def _upload(store: UploadStore, seq: int, *, received: bytes, idle_days: float) -> Path:
    upload = store.create(BatchId("TGR1", seq, bytes([seq]) * 32), length=1000, kid="57fabf4ce8e9eb34")
    part = store.part(upload)
    part.write_bytes(received)
    then = time.time() - idle_days * 86400
    os.utime(part, (then, then))
    return part


def test_only_uploads_untouched_for_the_limit_are_dropped(tmp_path: Path) -> None:
    store = UploadStore(tmp_path)
    old = _upload(store, 1, received=b"x" * 400, idle_days=ABANDONED_AFTER.days + 1)
    live = _upload(store, 2, received=b"y" * 300, idle_days=ABANDONED_AFTER.days - 1)
    finished = _upload(store, 3, received=b"z" * 1000, idle_days=ABANDONED_AFTER.days + 5)
    upload = store.get(finished.stem)
    assert upload is not None
    store.finish(upload, "imported", "")

    assert store.forget_abandoned() == 1
    assert not old.exists() and store.get(old.stem) is None
    assert live.exists() and store.offset(store.get(live.stem)) == 300  # type: ignore[arg-type]
    assert store.get(finished.stem) is not None  # a repeated upload is still answered at once
    assert store.forget_abandoned() == 0
