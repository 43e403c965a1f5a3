"""The registry index's lean readers (households, origins) agree with summaries(), damaged ones included."""

from __future__ import annotations

from fieldreg.store.index import RegistryIndex, encode_summary
from tests.unit.station.finder_population import registrations


def _good(day: str = "2026-11-20", year: int = 1990) -> str:
    return encode_summary(day=day, status="active", country="MLI", region="Sikasso", locality="Zégoua",
                          members=[("a1", "Awa", "Diallo", "", "F", year, False, "head"),
                                   ("a2", "Issa", "Diallo", "", "M", 2015, True, "child")])


def _as_rows(index: RegistryIndex) -> list[tuple[object, ...]]:
    return [(h.regno, h.day, h.status, h.country, h.region, h.locality,
             [[m.uid, m.given_names, m.family_name, m.other_names, m.sex, str(m.birth_year),
               "1" if m.birth_estimated else "0", m.relationship] for m in h.members])
            for h in index.summaries()]


def test_households_and_origins_read_what_summaries_decode() -> None:
    index = RegistryIndex()
    for regno, raw in registrations(households=300):
        index.put(regno, raw)
    assert [tuple(h) for h in index.households()] == _as_rows(index)
    expected = [(h.country, h.region, h.locality) for h in index.summaries()]
    assert list(index.origins()) == expected  # not yet known to parse: read whole
    assert list(index.origins()) == expected  # known to parse: first fields only


def test_a_summary_that_does_not_decode_is_left_out_and_named_by_every_reader() -> None:
    bad_year = _good().replace("\x1f1990\x1f", "\x1fabcd\x1f")
    shifted = _good().replace("\x1fIssa\x1f", "\x1f").replace("\x1fhead", "\x1fhead\x1fextra")  # same total
    for reader in ("households", "origins"):
        index = RegistryIndex()
        index.load([("TGR1-26-000001-7", _good()), ("TGR1-26-000002-5", _good(day="not a day")),
                    ("TGR1-26-000003-3", bad_year), ("TGR1-26-000004-1", shifted)])
        assert len(list(getattr(index, reader)())) == 1
        assert set(index.unreadable) == {"TGR1-26-000002-5", "TGR1-26-000003-3", "TGR1-26-000004-1"}
        assert [h.regno for h in index.summaries()] == ["TGR1-26-000001-7"]


def test_a_correction_is_read_again_in_full() -> None:
    index = RegistryIndex()
    index.put("TGR1-26-000001-7", _good())
    assert len(list(index.origins())) == 1  # now known to parse
    index.put("TGR1-26-000001-7", _good(day="not a day"))  # a damaged replacement
    assert list(index.origins()) == [] and "TGR1-26-000001-7" in index.unreadable
    index.put("TGR1-26-000001-7", _good(year=1991))  # repaired
    assert list(index.origins()) == [("MLI", "Sikasso", "Zégoua")]
    assert [r[5] for r in next(index.households()).rows] == ["1991", "2015"]
