"""Damaged and tampered batch files: every one refused in one line, nothing merged (issue 4 item 5)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fieldreg.batches.manifest import MANIFEST_NAME
from fieldreg.hq import Registry, import_batch
from fieldreg.keys import HqDir
from fieldreg.keys.cose import parse_sign1, strict_loads
from fieldreg.keys.documents import sign_document

from .builders import PostSim, handmade_batch, repack, unlisted_key, unpack
from .conftest import snapshot


def small_batch(post: PostSim) -> bytes:
    post.register({"consent": True, "origin": {"country": "MLI"},
                   "members": [{"given_names": "Awa", "family_name": "Koné"}]})
    data, _ = post.batch_bytes(advance=False)
    return data


def test_every_single_byte_flip_is_refused(hq: HqDir, registry: Registry, post: PostSim,
                                           tmp_path: Path) -> None:
    data = small_batch(post)
    assert len(data) < 6000  # keep this loop fast
    before = snapshot(registry)
    path = tmp_path / "TGR1-000001.frb"
    reasons: set[str] = set()
    for position in range(len(data)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        path.write_bytes(bytes(flipped))
        result = import_batch(hq, registry, path)
        assert result.refused, f"byte {position}: {result.line()}"
        assert "\n" not in result.line()
        reasons.add(result.reason)
    assert reasons <= {"damaged", "not_for_this_hq"}
    assert snapshot(registry) == before
    path.write_bytes(data)  # the intact file still imports afterwards
    assert import_batch(hq, registry, path).status == "imported"


def test_truncated_files_are_refused(hq: HqDir, registry: Registry, post: PostSim,
                                     tmp_path: Path) -> None:
    data = small_batch(post)
    before = snapshot(registry)
    path = tmp_path / "TGR1-000001.frb"
    for size in sorted({0, 1, 20, 100, len(data) // 2, len(data) - 17, len(data) - 1,
                        *range(0, len(data), 97)}):
        path.write_bytes(data[:size])
        result = import_batch(hq, registry, path)
        assert result.refused and result.reason in ("damaged", "not_for_this_hq"), size
    path.write_bytes(data + b"\x00")
    assert import_batch(hq, registry, path).reason == "damaged"
    assert snapshot(registry) == before


def test_manifest_from_another_batch_is_refused(hq: HqDir, registry: Registry, post: PostSim,
                                                tmp_path: Path) -> None:
    post.register()
    first, _ = post.batch_bytes()
    post.register()
    second, _ = post.batch_bytes()
    files_a, files_b = unpack(hq, first), unpack(hq, second)
    manifest_b = dict(files_b)[MANIFEST_NAME]
    swapped = [(n, c) if n != MANIFEST_NAME else (n, manifest_b) for n, c in files_a]
    path = tmp_path / "TGR1-000001.frb"
    path.write_bytes(repack(hq.age_recipient, swapped))
    before = snapshot(registry)
    result = import_batch(hq, registry, path)
    assert (result.status, result.reason) == ("refused", "damaged"), result.line()
    assert "do not match the manifest" in result.message
    # ...and records from another batch under an intact manifest.
    records_b = [(n, c) for n, c in files_b if n.startswith("records-")]
    mixed = [files_a[0], *records_b, files_a[-1]]
    path.write_bytes(repack(hq.age_recipient, mixed))
    assert import_batch(hq, registry, path).reason == "damaged"
    assert snapshot(registry) == before
    # The genuine files, repacked by hand, import: the refusals above are about the swap.
    path.write_bytes(repack(hq.age_recipient, files_a))
    assert import_batch(hq, registry, path).status == "imported"


def test_manifest_not_signed_by_the_post_key_is_forged(hq: HqDir, registry: Registry,
                                                        post: PostSim, tmp_path: Path) -> None:
    post.register()
    data, _ = post.batch_bytes()
    files = unpack(hq, data)
    genuine = dict(files)[MANIFEST_NAME]
    payload = strict_loads(parse_sign1(genuine, require_canonical=False).payload)
    rogue = sign_document("manifest", 1, payload, unlisted_key(hq, "TGR1").private_key)
    bad_signature = genuine[:-1] + bytes([genuine[-1] ^ 0x01])  # the last signature byte
    path = tmp_path / "TGR1-000001.frb"
    before = snapshot(registry)
    for manifest in (rogue, bad_signature):
        changed = [(n, c) if n != MANIFEST_NAME else (n, manifest) for n, c in files]
        path.write_bytes(repack(hq.age_recipient, changed))
        result = import_batch(hq, registry, path)
        assert (result.status, result.reason) == ("refused", "forged"), result.line()
    assert snapshot(registry) == before


def test_held_copy_is_the_file_as_received(hq: HqDir, registry: Registry, post: PostSim,
                                           tmp_path: Path) -> None:
    post.register()
    path = post.batch(tmp_path)
    import_batch(hq, registry, path)
    clone = PostSim(hq, "TGR1", key=post.key)
    clone.register()
    clone.register()
    fork = clone.batch(tmp_path / "other")
    result = import_batch(hq, registry, fork)
    assert result.held is not None
    assert hashlib.sha256(result.held.read_bytes()).digest() == hashlib.sha256(
        fork.read_bytes()).digest()
    assert not [p for p in result.held.parent.iterdir() if p.name.startswith(".")]


def _registration(household_json: str) -> bytes:
    return ('{"kind":"registration","n":1,"regno":"TGR1-26-000001-E","version":1,'
            '"at":"2026-11-01T09:00:00Z","by":"agent","status":"active","household":'
            + household_json + "}\n").encode()


def test_signed_records_json_cannot_carry_are_damaged(hq: HqDir, registry: Registry,
                                                      post: PostSim, tmp_path: Path) -> None:
    """A genuine post key signing odd lines: refused in one line, never an internal error."""
    path = tmp_path / "TGR1-000001.frb"
    before = snapshot(registry)
    for household_json in ['{"members":[{"age":NaN}]}', '{"members":[{"x":' + "[" * 50_000 + "]" * 50_000 + "}]}"]:
        path.write_bytes(handmade_batch(post, [_registration(household_json)],
                                        counts={"registration": 1}))
        result = import_batch(hq, registry, path)
        assert (result.status, result.reason) == ("refused", "damaged"), result.line()
        assert "not valid JSON" in result.message  # refused by the batch reader itself
    assert snapshot(registry) == before
    # JSON that a post's validation refuses (a lone surrogate, no origin...): held, the batch applies.
    path.write_bytes(handmade_batch(post, [_registration('{"members":[{"family_name":"\\ud800"}]}')],
                                    counts={"registration": 1}))
    result = import_batch(hq, registry, path)
    assert (result.status, result.held_records) == ("imported", 1), result.line()
    assert registry.db.execute("SELECT COUNT(*) FROM household_versions").fetchone()[0] == 0
