"""Places already used at a post, offered by the register form's completers."""

from __future__ import annotations

from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household, make_user


def _register(session: Session, locality: str, destination: str = "", *, country: str = "MLI",
              region: str = "Sikasso", travel_mode: str = "") -> str:
    extra = {"destination": destination} if destination else {"destination": None}
    if travel_mode:
        extra["travel_mode"] = travel_mode
    obj = household(origin={"country": country, "region": region, "locality": locality}, **extra)
    obj = {k: v for k, v in obj.items() if v is not None}
    return session.households.register(parse_household(obj))


def test_empty_post_offers_nothing(admin: Session) -> None:
    places = admin.households.places()
    assert places.countries == places.localities == places.destinations == places.travel_modes == []


def test_most_used_first_distinct_and_void_ones_kept(admin: Session) -> None:
    _register(admin, "Zégoua", "Tengréla transit site")
    _register(admin, "Loulouni", "Tengréla transit site", travel_mode="à pied")
    voided = _register(admin, "Loulouni", "Kaouara host village")
    _register(admin, "Kadiolo", country="BFA", region="Cascades")
    admin.households.void(voided, reason="registered twice")
    places = admin.households.places()
    assert places.countries == ["MLI", "BFA"]
    assert places.localities == ["Loulouni", "Kadiolo", "Zégoua"]
    assert places.destinations == ["Tengréla transit site", "Kaouara host village"]
    assert places.travel_modes == ["à pied"]
    assert places.regions_of("mli") == ["Sikasso"] and places.regions_of("BFA") == ["Cascades"]
    assert places.regions_of("GIN") == ["Sikasso", "Cascades"]  # unknown country: every region


def test_only_recent_registrations_feed_destinations(admin: Session) -> None:
    _register(admin, "Loulouni", "Old camp")
    _register(admin, "Loulouni", "New camp")
    assert admin.households.places(recent=1).destinations == ["New camp"]


def test_an_officer_may_read_them_and_new_values_are_remembered(admin: Session) -> None:
    _register(admin, "Loulouni", "Tengréla transit site")
    places = make_user(admin, "ali", "officer").households.places()
    places.add(country="GIN", region="Kankan", locality="Mandiana", destination="Tengréla transit site")
    assert places.localities == ["Loulouni", "Mandiana"] and places.destinations == ["Tengréla transit site"]
    assert places.regions_of("GIN") == ["Kankan"]
