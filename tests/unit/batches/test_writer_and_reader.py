"""The batch file format on its own: write, read back, and what a reader refuses (docs/formats/batch.md)."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyrage
import pytest

from fieldreg.batches import (
    KINDS,
    NO_PREVIOUS,
    BatchError,
    BatchHeader,
    batch_filename,
    read_batch,
    write_batch,
)
from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import InvalidInput
from fieldreg.keys import HqDir, PostKey, open_enrollment

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[HqDir, PostKey, HqDir]:
    base = tmp_path_factory.mktemp("batch-format")
    hq = HqDir.init(base / "hq", "test-only", kdf=KdfParams.fast_for_tests(), now=T0)
    package = hq.enroll_post("TGR1", now=T0, kdf=KdfParams.fast_for_tests())
    post_key = open_enrollment(package.data, package.passphrase).post_key
    other = HqDir.init(base / "other", "test-only", kdf=KdfParams.fast_for_tests(), now=T0)
    return hq, post_key, other


def header(post_key: PostKey, hq: HqDir, *, seq: int = 1, hq_root: bytes | None = None) -> BatchHeader:
    return BatchHeader(
        batch_id=bytes(range(16)), post_key=post_key, seq=seq, prev=NO_PREVIOUS,
        hq_root_public=hq_root or hq.root_public, created_at=T0 + timedelta(days=1),
        exporter="superviseur", app_version="0.1.0", schema_version=4, tokens=(b"\x01" * 16,),
    )


def sample_records(households: int = 3) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = [
        {"kind": "registration", "regno": f"TGR1-26-{i:06d}-X", "version": 1, "at": "2026-11-02T08:00:00Z",
         "by": "agent", "status": "active", "household": {"members": [{"family_name": "KONÉ"}]}}
        for i in range(1, households + 1)
    ]
    records.append({"kind": "token_revocation", "token_id": "00" * 16, "regno": "TGR1-26-000001-X",
                    "serial": 1, "at": "2026-11-02T09:00:00Z", "by": "superviseur", "reason": "torn"})
    records += [{"kind": "audit", "seq": s, "at": "2026-11-02T08:00:00Z", "actor": "agent",
                 "action": "register", "subject": "", "details": {}, "prev_hash": "0" * 64,
                 "hash": f"{s:064x}"} for s in (7, 8)]
    return records


def write(hq: HqDir, post_key: PostKey, records: list[dict[str, Any]], **kw: Any) -> tuple[bytes, Any]:
    out = io.BytesIO()
    written = write_batch(out, header(post_key, hq, **kw), iter(records), recipients=[hq.age_recipient])
    return out.getvalue(), written


def read(hq: HqDir, data: bytes) -> tuple[list[dict[str, Any]], Any]:
    seen: list[dict[str, Any]] = []
    batch = read_batch(io.BytesIO(data), hq.age_identity(), hq_root_public=hq.root_public,
                       on_record=seen.append)
    return seen, batch


def test_round_trip(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world
    records = sample_records()
    data, written = write(hq, post_key, records)
    assert written.size == len(data) and written.sha256 == hashlib.sha256(data).digest()
    seen, batch = read(hq, data)
    assert [r["n"] for r in seen] == list(range(1, len(records) + 1))
    assert [{k: v for k, v in r.items() if k != "n"} for r in seen] == records
    assert batch.manifest == written.manifest and batch.manifest_hash == written.manifest_hash
    m = batch.manifest
    assert (m.post, m.seq, m.exporter, m.tokens) == ("TGR1", 1, "superviseur", (b"\x01" * 16,))
    assert m.counts == {**dict.fromkeys(KINDS, 0), "registration": 3, "token_revocation": 1, "audit": 2}
    assert m.audit == (7, 8, bytes.fromhex(f"{8:064x}"))
    assert [f[0] for f in m.files] == ["certificate.cose", "records-000001.jsonl"]
    assert batch_filename("TGR1", 4) == "TGR1-000004.frb"


def test_inner_archive_is_plain_ustar_readable_by_standard_tools(world: tuple[HqDir, PostKey, HqDir],
                                                                   tmp_path: Path) -> None:
    hq, post_key, _ = world
    data, _ = write(hq, post_key, sample_records())
    inner = pyrage.decrypt(data, [hq.age_identity()])
    with tarfile.open(fileobj=io.BytesIO(inner), mode="r:") as tar:
        assert tar.getnames() == ["certificate.cose", "records-000001.jsonl", "manifest.cose"]
    (tmp_path / "inner.tar").write_bytes(inner)
    listing = subprocess.run(["tar", "-tf", str(tmp_path / "inner.tar")], capture_output=True,
                             text=True, check=True).stdout.split()
    assert listing == ["certificate.cose", "records-000001.jsonl", "manifest.cose"]


def test_records_split_into_bounded_files(world: tuple[HqDir, PostKey, HqDir],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    hq, post_key, _ = world
    monkeypatch.setattr("fieldreg.batches.writer.RECORDS_CHUNK", 600)
    records = sample_records(10)
    data, written = write(hq, post_key, records)
    names = [f[0] for f in written.manifest.files]
    assert len(names) > 3 and names[1:3] == ["records-000001.jsonl", "records-000002.jsonl"]
    seen, _ = read(hq, data)
    assert len(seen) == len(records)


def test_empty_batch(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world
    data, written = write(hq, post_key, [])
    seen, batch = read(hq, data)
    assert seen == [] and batch.records == 0 and written.manifest.audit == (0, 0, NO_PREVIOUS)


def test_writer_refuses_bad_input(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world
    with pytest.raises(InvalidInput, match="recipient"):
        write_batch(io.BytesIO(), header(post_key, hq), [], recipients=["age1notakey"])
    with pytest.raises(ValueError, match="kind"):
        write(hq, post_key, [{"kind": "gossip"}])
    audit_first = sample_records()[-1:] + sample_records()[:1]
    with pytest.raises(ValueError, match="before audit"):
        write(hq, post_key, audit_first)


def test_writer_error_propagates_unchanged(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world

    def failing() -> Any:
        yield sample_records()[0]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_batch(io.BytesIO(), header(post_key, hq), failing(), recipients=[hq.age_recipient])


def test_not_for_this_hq(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, other = world
    data, _ = write(hq, post_key, sample_records())
    with pytest.raises(BatchError, match="not encrypted for this HQ") as info:
        read(other, data)
    assert info.value.reason == "not_for_this_hq"


def test_manifest_naming_another_hq(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, other = world
    data, _ = write(hq, post_key, sample_records(), hq_root=other.root_public)
    with pytest.raises(BatchError, match="another HQ") as info:
        read(hq, data)
    assert info.value.reason == "other_hq"


def test_truncated_and_flipped_files_are_refused(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world
    data, _ = write(hq, post_key, sample_records())
    for bad in (data[:-1], data[: len(data) // 2], data[:100]):
        with pytest.raises(BatchError) as info:
            read(hq, bad)
        assert info.value.reason == "damaged"
    for position in range(0, len(data), 97):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        with pytest.raises(BatchError):
            read(hq, bytes(flipped))


def _retar(inner: bytes, change: Any) -> bytes:
    """Rebuild the inner archive with ``change(name, content) -> content`` applied."""
    out = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(inner), mode="r:") as src, \
            tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as dst:
        for member in src.getmembers():
            file = src.extractfile(member)
            assert file is not None
            content = change(member.name, file.read())
            member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    return out.getvalue()


def test_a_changed_record_or_a_swapped_manifest_is_refused(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world
    data, _ = write(hq, post_key, sample_records())
    other_data, _ = write(hq, post_key, sample_records(4), seq=2)
    inner = pyrage.decrypt(data, [hq.age_identity()])
    other_inner = pyrage.decrypt(other_data, [hq.age_identity()])
    with tarfile.open(fileobj=io.BytesIO(other_inner), mode="r:") as tar:
        other_manifest = tar.extractfile("manifest.cose").read()  # type: ignore[union-attr]
    # Anyone can encrypt to HQ's public recipient: these are decryptable forgeries.
    edited = _retar(inner, lambda n, c: c.replace("KONÉ".encode(), b"KONA") if n.startswith("records") else c)
    swapped = _retar(inner, lambda n, c: other_manifest if n == "manifest.cose" else c)
    for forged in (edited, swapped):
        with pytest.raises(BatchError, match="do not match the manifest"):
            read(hq, pyrage.encrypt(forged, [pyrage.x25519.Recipient.from_str(hq.age_recipient)]))


def _resign(inner: bytes, post_key: PostKey, change: Any) -> bytes:
    """``_retar`` by the post itself: the manifest lists the changed files and is signed again."""
    import dataclasses

    from fieldreg.batches.manifest import open_manifest, sign_manifest

    changed = _retar(inner, lambda n, c: c if n == "manifest.cose" else change(n, c))
    with tarfile.open(fileobj=io.BytesIO(changed), mode="r:") as tar:
        files = [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]
    manifest = open_manifest(files[-1][1], post_key.certificate)
    listed = tuple((n, len(c), hashlib.sha256(c).digest()) for n, c in files[:-1])
    raw = sign_manifest(dataclasses.replace(manifest, files=listed), post_key.private_key)
    return _retar(changed, lambda n, c: raw if n == "manifest.cose" else c)


def test_a_signed_record_of_another_post_is_refused(world: tuple[HqDir, PostKey, HqDir]) -> None:
    hq, post_key, _ = world
    data, _ = write(hq, post_key, sample_records())
    inner = pyrage.decrypt(data, [hq.age_identity()])
    # The writer refuses to write it (below): a post that would, writes its batch by hand.
    forged = _resign(inner, post_key, lambda n, c: c.replace(b"TGR1-26-000001", b"NIA1-26-000001", 1))
    with pytest.raises(BatchError, match="record 1 names a registration of another post"):
        read(hq, pyrage.encrypt(forged, [pyrage.x25519.Recipient.from_str(hq.age_recipient)]))
    # Edited without signing again, it is refused before any record is read.
    edited = _retar(inner, lambda n, c: c.replace(b"TGR1-26-000001", b"NIA1-26-000001", 1))
    with pytest.raises(BatchError, match="do not match the manifest"):
        read(hq, pyrage.encrypt(edited, [pyrage.x25519.Recipient.from_str(hq.age_recipient)]))


@pytest.mark.parametrize(("index", "change", "problem"), [
    (0, {"regno": "NIA1-26-000001-X"}, "record 1 names a registration of another post"),
    (1, {"household": {"members": []}}, "record 2 (registration): field 'household' has a wrong"),
    (3, {"reason": None}, "record 4 (token_revocation): field 'reason' has a wrong"),
    (4, {"extra": 1}, "record 5 (audit): unknown field 'extra'"),
    (5, {"seq": 9}, "record 6: audit entries are not consecutive"),
    (5, {"details": {"x": float("nan")}}, "Out of range float values are not JSON compliant"),
    (0, {"by": "\ud800"}, "surrogates not allowed"),
])
def test_writer_refuses_a_record_hq_would_refuse(world: tuple[HqDir, PostKey, HqDir], index: int,
                                                  change: dict[str, Any], problem: str) -> None:
    hq, post_key, _ = world
    records = sample_records()
    records[index] = {**records[index], **change}
    with pytest.raises(ValueError, match=re.escape(problem)):
        write(hq, post_key, records)


@pytest.mark.parametrize("line", [b'{"kind":"audit","n":1,"x":NaN}', b"[" * 100_000 + b"]" * 100_000])
def test_non_json_records_are_refused_as_damaged(world: tuple[HqDir, PostKey, HqDir], line: bytes) -> None:
    hq, post_key, _ = world
    data, _ = write(hq, post_key, sample_records(1))
    inner = pyrage.decrypt(data, [hq.age_identity()])
    forged = _resign(inner, post_key, lambda n, c: line + b"\n" if n.startswith("records") else c)
    with pytest.raises(BatchError, match="not valid JSON"):
        read(hq, pyrage.encrypt(forged, [pyrage.x25519.Recipient.from_str(hq.age_recipient)]))


def test_a_file_swapped_between_the_two_passes_stages_nothing_of_it(world: tuple[HqDir, PostKey, HqDir]) -> None:
    """HQ verifies the file, then reads it again: a stick swapped in between is refused."""
    from fieldreg.batches import read_records, verify_batch

    hq, post_key, _ = world
    first, _ = write(hq, post_key, sample_records())
    other, _ = write(hq, post_key, sample_records(4))  # same post and key, other content
    verified = verify_batch(io.BytesIO(first), hq.age_identity(), hq_root_public=hq.root_public)
    seen: list[dict[str, Any]] = []
    with pytest.raises(BatchError, match="changed after it was verified"):
        read_records(io.BytesIO(other), hq.age_identity(), verified, hq_root_public=hq.root_public,
                     on_record=seen.append)
    assert seen == []  # refused at the first records file's header (its size differs)
    assert read_records(io.BytesIO(first), hq.age_identity(), verified, hq_root_public=hq.root_public,
                        on_record=seen.append) == verified.records == len(seen)


def test_writer_keeps_to_the_record_size_hq_reads(world: tuple[HqDir, PostKey, HqDir]) -> None:
    from fieldreg.batches import MAX_RECORD_BYTES

    hq, post_key, _ = world
    records = sample_records(1)
    records[0]["household"] = {**records[0]["household"], "notes": "x" * MAX_RECORD_BYTES}
    with pytest.raises(ValueError, match="over the batch limits"):
        write(hq, post_key, records)
