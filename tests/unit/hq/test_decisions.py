"""HQ's own duplicate decisions: recorded with who and when, never a merge, carried in receipts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldreg.batches import open_receipt, receipt_filename
from fieldreg.batches.receipt import RECEIPT_KIND
from fieldreg.errors import CorruptData, InvalidInput, NotFound
from fieldreg.hq import HqDuplicates, Registry, decide, import_batch, write_receipts
from fieldreg.hq.decisions import same_person, settled
from fieldreg.keys import HqDir

from .builders import PostSim
from .conftest import snapshot
from .test_duplicates import _single

WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def pair(hq: HqDir, registry: Registry, stick: Path) -> tuple[str, str]:
    """Amadou Traoré registered at TGR1 and again, respelled, at NIA: the member keys."""
    tgr1, nia = PostSim(hq, "TGR1"), PostSim(hq, "NIA")
    first = tgr1.register(_single("Amadou", "Traoré", 1988))
    again = nia.register(_single("Ahmadou", "Trawore", 1989, locality="Lulouni"))
    nia.register(_single("Fatoumata", "Diallo", 2001, sex="F"))
    for post in (tgr1, nia):
        assert import_batch(hq, registry, post.batch(stick)).status == "imported"
    return f"{first}/m0", f"{again}/m0"


def test_a_decision_is_recorded_with_who_and_when_and_the_pair_leaves_the_list(
        registry: Registry, pair: tuple[str, str]) -> None:
    a, b = pair
    assert len(HqDuplicates(registry).pairs()) == 1
    decision = decide(registry, b, a, "same", by="mariam", now=WHEN)
    assert (decision.member_a, decision.member_b) == tuple(sorted(pair))  # kept in one order
    assert (decision.decision, decision.decided_by, decision.decided_at) == ("same", "mariam",
                                                                              "2026-11-20T09:30:00Z")
    assert {decision.post_a, decision.post_b} == {"TGR1", "NIA"}
    assert HqDuplicates(registry).pairs() == []
    assert same_person(registry) == [tuple(sorted(pair))]
    # Nothing merged: both registrations are still there, as they were.
    assert {registry.household(k.split("/")[0]).status for k in pair} == {"active"}


def test_deciding_again_keeps_the_history_and_the_newest_counts(
        registry: Registry, pair: tuple[str, str]) -> None:
    a, b = pair
    decide(registry, a, b, "same", by="mariam", now=WHEN)
    decide(registry, a, b, "same", by="mariam", now=WHEN)  # as it stands: nothing added
    assert registry.db.execute("SELECT COUNT(*) FROM hq_decisions").fetchone()[0] == 1
    later = decide(registry, a, b, "different", by="oumar", now=WHEN.replace(hour=10))
    assert registry.db.execute("SELECT COUNT(*) FROM hq_decisions").fetchone()[0] == 2
    assert settled(registry) == {tuple(sorted(pair)): later}
    assert same_person(registry) == []


@pytest.mark.parametrize(("a", "b", "decision", "by", "error", "says"), [
    ("A", "B", "maybe", "mariam", InvalidInput, "decision must be 'same' or 'different'"),
    ("A", "B", "same", " ", InvalidInput, "the name of who decides"),
    ("A", "B", "same", "a\nb", InvalidInput, "the name of who decides"),
    ("A", "TGR1-26-000001-X", "same", "mariam", InvalidInput, "is not a member key"),
    ("A", "NIA-26-999999-X/m0", "same", "mariam", NotFound, "HQ holds no registration"),
    ("A", "{B}/m9", "same", "mariam", NotFound, "has no member m9"),
    ("A", "A", "same", "mariam", InvalidInput, "members of one household"),
])
def test_refusals_say_why_in_one_line_and_change_nothing(
        registry: Registry, pair: tuple[str, str], a: str, b: str, decision: str, by: str,
        error: type[Exception], says: str) -> None:
    keys = {"A": pair[0], "B": pair[1]}
    a, b = keys.get(a, a), keys.get(b, b).replace("{B}", pair[1].split("/")[0])
    before = snapshot(registry)
    with pytest.raises(error) as raised:
        decide(registry, a, b, decision, by=by, now=WHEN)
    assert says in str(raised.value) and "\n" not in str(raised.value)
    assert snapshot(registry) == before
    assert registry.db.execute("SELECT COUNT(*) FROM hq_decisions").fetchone()[0] == 0


def test_receipts_carry_the_decisions_of_each_posts_members(
        hq: HqDir, registry: Registry, pair: tuple[str, str]) -> None:
    decide(registry, *pair, "different", by="mariam", now=WHEN)
    lines = write_receipts(hq, registry, {"TGR1", "NIA"})
    assert len(lines) == 2 and all(line.startswith("receipt for ") for line in lines)
    for post in ("TGR1", "NIA"):
        receipt = open_receipt((hq.path / "receipts" / receipt_filename(post)).read_bytes(),
                               root_public=hq.root_public)
        [settled_pair] = receipt.decisions
        assert (settled_pair.member_a, settled_pair.member_b) == tuple(sorted(pair))
        assert (settled_pair.decision, settled_pair.decided_by, settled_pair.decided_at) == (
            "different", "mariam", WHEN)
        assert receipt.batches  # and the batches, as before


def test_a_version_1_receipt_still_opens_with_no_decisions(hq: HqDir) -> None:
    old = hq.sign_document(RECEIPT_KIND, 1, {"post": "TGR1", "issued_at": 1_790_000_000,
                                             "batches": [[1, bytes(32)]]})
    receipt = open_receipt(old, root_public=hq.root_public)
    assert receipt.decisions == () and receipt.acknowledges(1, bytes(32))


@pytest.mark.parametrize("entry", [
    ["B/m0", "A/m0", "same", 1_790_000_000, "mariam"],  # not in order
    ["A/m0", "B/m0", "merge", 1_790_000_000, "mariam"],
    ["A/m0", "B/m0", "same", "yesterday", "mariam"],
    ["A", "B", "same", 1_790_000_000, "mariam"],
    ["A/m0", "B/m0", "same", 1_790_000_000],
])
def test_a_receipt_with_a_malformed_decision_is_refused(hq: HqDir, entry: list[object]) -> None:
    data = hq.sign_document(RECEIPT_KIND, 2, {"post": "TGR1", "issued_at": 1_790_000_000,
                                              "batches": [], "decisions": [entry]})
    with pytest.raises(CorruptData, match="a decision entry is not"):
        open_receipt(data, root_public=hq.root_public)
