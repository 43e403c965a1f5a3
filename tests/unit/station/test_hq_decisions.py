"""HQ's duplicate decisions reach the post: a real post exports, a real HQ imports and decides,
the post loads HQ's receipt and stops proposing the pair HQ settled."""

from __future__ import annotations

from pathlib import Path

from fieldreg.batches import receipt_filename
from fieldreg.hq import HqDuplicates, Registry, decide, import_batch, write_receipts
from fieldreg.keys import HqDir
from fieldreg.station.session import Session
from fieldreg.validation import parse_household

from .test_duplicates import _key, _single


def test_a_pair_hq_settled_is_no_longer_proposed_at_the_post(post: Session, hq: HqDir, usb: Path) -> None:
    first = post.households.register(parse_household(_single("Amadou", "Traoré", 1988)))
    again = post.households.register(parse_household(_single("Ahmadou", "Trawore", 1989)))
    other = post.households.register(parse_household(_single("Moussa", "Keïta", 1975)))
    other_again = post.households.register(parse_household(_single("Musa", "Keita", 1976)))
    assert len(post.duplicates.pairs()) == 2
    exported = post.batches.export(usb)
    assert exported is not None

    with Registry.open(hq) as registry:
        assert import_batch(hq, registry, exported.path).status == "imported"
        assert len(HqDuplicates(registry).pairs(within_post=True)) == 2
        decide(registry, _key(post, first), _key(post, again), "different", by="mariam")
        [line] = write_receipts(hq, registry, {"TGR1"})
    assert line.startswith("receipt for TGR1: ")

    result = post.batches.load_receipt((hq.path / "receipts" / receipt_filename("TGR1")).read_bytes())
    assert result.acknowledged == (1,) and result.decisions == 1
    [left] = post.duplicates.pairs()
    assert {left.a[0].regno, left.b[0].regno} == {other, other_again}
    assert post.audit.entries()[-1].details["hq_decisions"] == 1
    # The post's own decisions still travel to HQ: HQ's are kept apart and never sent back.
    assert post.store.db.execute("SELECT COUNT(*) FROM duplicate_decisions").fetchone()[0] == 0
    # The same receipt again changes nothing.
    assert post.batches.load_receipt(
        (hq.path / "receipts" / receipt_filename("TGR1")).read_bytes()).decisions == 0
