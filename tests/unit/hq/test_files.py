"""What an import writes beside the registry: a held batch copied whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from fieldreg.errors import StorageError
from fieldreg.hq import Registry, import_batch
from fieldreg.keys import HqDir

from .builders import PostSim


def test_a_held_copy_that_cannot_be_written_leaves_nothing(hq: HqDir, registry: Registry, post: PostSim,
                                                           stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post.register()
    clone = PostSim(hq, "TGR1", key=post.key)  # a cloned laptop: the second batch 1 is a fork
    assert import_batch(hq, registry, post.batch(stick)).status == "imported"
    clone.register()
    clone.register()
    fork = clone.batch(stick)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match=f"cannot keep a copy of {fork.name} in .*held: No space left"):
        import_batch(hq, registry, fork)
    monkeypatch.undo()
    assert list((hq.path / "held").iterdir()) == []  # no temporary file, no partial copy
    assert registry.held() == []
    result = import_batch(hq, registry, fork)  # with space again, the fork is held as usual
    assert result.reason == "fork" and result.held is not None
    assert result.held.read_bytes() == fork.read_bytes()
    assert [row.path for row in registry.held()] == [f"held/{result.held.name}"]
