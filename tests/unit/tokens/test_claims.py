"""Claims: what goes into a token, and what never does."""

from __future__ import annotations

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.tokens import Claims, Member, Sex, claims as c

from .conftest import make_claims


def test_map_holds_exactly_the_documented_keys() -> None:
    cl = make_claims(3)
    m = cl.to_cbor_map()
    assert set(m) == {c.ISS, c.IAT, c.CTI, c.VERSION, c.REGNO, c.FAMILY, c.GIVEN, c.MEMBERS, c.SIZE, c.SERIAL}
    assert m[c.MEMBERS] == [21988, 22008, 12009]  # 10000 × sex + birth year
    assert Claims.from_cbor_map(m) == cl


def test_token_id_is_random_not_derived() -> None:
    assert make_claims().token_id != make_claims().token_id


def test_household_size_may_exceed_members_listed() -> None:
    cl = make_claims(2, household_size=12)
    assert cl.household_size == 12 and len(cl.members) == 2
    with pytest.raises(InvalidInput):
        make_claims(3, household_size=2)


@pytest.mark.parametrize(
    "kw",
    [
        {"family": ""},
        {"given": "Awa\u202eevil"},  # right-to-left override
        {"given": "Awa\nBintou"},
        {"serial": 0},
    ],
)
def test_bad_values_refused(kw: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        make_claims(**kw)  # type: ignore[arg-type]


def test_long_names_are_fitted_and_the_constructor_refuses_them() -> None:
    cl = make_claims(family="OULD MOHAMED EL MOCTAR OULD SIDI AHMED BOUBACAR", given="ت" * 30)
    assert cl.family_name == "OULD MOHAMED EL MOCTAR OULD SIDI AHMED"
    assert cl.given_names == "ت" * 20  # 2 bytes each
    with pytest.raises(InvalidInput, match="bytes"):
        Claims(**{**cl.__dict__, "family_name": "X" * 41})


def test_arabic_and_nko_names_are_fine() -> None:
    assert make_claims(family="تراوري", given="ߊߥߊ").family_name == "تراوري"


def test_bad_regno_refused() -> None:
    good = make_claims()
    for regno in ["TGR1-26-000042-C", "tgr1-26-000042-b", "nonsense"]:
        with pytest.raises(InvalidInput):
            Claims(**{**good.__dict__, "registration_number": regno})


def test_member_validation() -> None:
    with pytest.raises(InvalidInput):
        Member(Sex.MALE, 1800)
    with pytest.raises(InvalidInput):
        Member(3, 2000)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda m: m.pop(c.REGNO),
        lambda m: m.__setitem__(99, 1),
        lambda m: m.__setitem__(c.MEMBERS, [[1, 2000]]),  # the pair form is not a member code
        lambda m: m.__setitem__(c.MEMBERS, [52000]),  # sex 5 is not an ISO 5218 code
        lambda m: m.__setitem__(c.MEMBERS, [12101]),  # birth year out of range
        lambda m: m.__setitem__(c.MEMBERS, [True]),
        lambda m: m.__setitem__(c.MEMBERS, [12000.0]),
        lambda m: m.__setitem__(c.MEMBERS, 12000),
        lambda m: m.__setitem__(c.IAT, True),
        lambda m: m.__setitem__(c.IAT, -5),
        lambda m: m.__setitem__(c.CTI, "x" * 16),
        lambda m: m.__setitem__(c.FAMILY, 7),
        lambda m: m.__setitem__(c.REGNO, b"TGR1"),
    ],
)
def test_from_map_refuses_bad_shapes(mutate: object) -> None:
    m = make_claims().to_cbor_map()
    mutate(m)  # type: ignore[operator]
    with pytest.raises(InvalidInput):
        Claims.from_cbor_map(m)
