"""Held records at HQ: a person's release applies them as the import would have, or refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.hq import Registry, held_records, import_batch, reject_held, release_held
from fieldreg.keys import HqDir

from .builders import PostSim, household


def test_release_applies_a_revocation_and_refuses_a_conflicting_version(
        hq: HqDir, registry: Registry, post: PostSim, stick: Path) -> None:
    regno = post.register()
    post.revoke_token(regno, b"\x07" * 16, reason="slip lost\x1b[2J")  # control character: held
    post.correct(regno, content={**household(), "notes": "n" * 2001})  # notes too long: held
    result = import_batch(hq, registry, post.batch(stick))
    assert (result.status, result.held_records) == ("imported", 2), result.line()
    revocation, correction = held_records(registry)
    assert [p.code for p in revocation.problems] == ["control_character"]
    assert (correction.regno, correction.version, [p.code for p in correction.problems]) == (
        regno, 2, ["too_long"])
    assert b"\x07" * 16 not in hq.revocation_list()

    release_held(hq, registry, revocation.id)
    assert b"\x07" * 16 in hq.revocation_list()
    # Meanwhile the post sent another version 2 of the same household, which applied.
    post.current[regno] = (1, household())
    post.correct(regno, reason="family name")
    assert import_batch(hq, registry, post.batch(stick)).held_records == 0
    with pytest.raises(InvalidInput, match=r"already holds .* version 2 with other content"):
        release_held(hq, registry, correction.id)
    assert registry.household(regno).household["notes"] == "corrected 2"
    reject_held(registry, correction.id)
    assert held_records(registry) == []
    assert [r.decision for r in held_records(registry, decided=True)] == ["released", "rejected"]
