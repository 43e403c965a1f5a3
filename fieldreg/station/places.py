"""Places already used at this post, most used first: what the register form offers to complete.

    places = session.households.places()
    places.localities[:3]      # ['Loulouni', 'Zégoua', 'Kadiolo']
    places.regions_of("MLI")   # regions typed with Mali as the country

:meth:`fieldreg.station.households.Households.places` counts them with
:func:`count_places`: origins (country, region, locality) from the session's
in-memory index, already decrypted at unlock (read without decoding its members:
the register screen asks at sign-in, on a post of 100,000 households); destinations and travel modes,
which are not in the index, from the most recent ``RECENT`` registrations only
(decrypting each one's attributes): enough to offer what the post uses today,
and bounded however large the store grows. No Qt here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldreg.store.index import fold

RECENT = 2000


def _ranked(counts: Counter[str]) -> list[str]:
    """Most used first; ties in accent- and case-blind alphabetical order."""
    return [value for value, _ in sorted(counts.items(), key=lambda kv: (-kv[1], fold(kv[0]), kv[0]))]


@dataclass
class UsedPlaces:
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    localities: list[str] = field(default_factory=list)
    destinations: list[str] = field(default_factory=list)
    travel_modes: list[str] = field(default_factory=list)
    _regions_by_country: dict[str, list[str]] = field(default_factory=dict)

    def regions_of(self, country: str) -> list[str]:
        """Regions used with ``country`` (upper-case code), else every region used."""
        return self._regions_by_country.get(country.strip().upper(), self.regions)

    def add(self, *, country: str = "", region: str = "", locality: str = "",
            destination: str = "", travel_mode: str = "") -> None:
        """Remember values just saved, so the next household is offered them at once."""
        for values, value in ((self.countries, country), (self.regions, region),
                              (self.localities, locality), (self.destinations, destination),
                              (self.travel_modes, travel_mode)):
            if value and value not in values:
                values.append(value)
        if country and region:
            by_country = self._regions_by_country.setdefault(country, [])
            if region not in by_country:
                by_country.append(region)


def _counts(values: Iterable[str]) -> Counter[str]:
    return Counter(v for v in values if v)


def count_places(origins: Iterable[tuple[str, str, str]],
                 attributes: Iterable[Mapping[str, Any]]) -> UsedPlaces:
    """Rank ``origins`` (country, region, locality) and the destinations and travel modes of ``attributes``.

    Void registrations count too: the names were real.
    """
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    localities: Counter[str] = Counter()
    by_country: dict[str, Counter[str]] = {}
    for country, region, locality in origins:
        countries[country] += 1
        if region:
            regions[region] += 1
            of_country = by_country.get(country)
            if of_country is None:
                of_country = by_country[country] = Counter()
            of_country[region] += 1
        if locality:
            localities[locality] += 1
    destinations: Counter[str] = Counter()
    modes: Counter[str] = Counter()
    for attrs in attributes:
        destinations.update(_counts([attrs.get("destination", "")]))
        modes.update(_counts([attrs.get("travel_mode", "")]))
    return UsedPlaces(
        countries=_ranked(countries),
        regions=_ranked(regions), localities=_ranked(localities),
        destinations=_ranked(destinations), travel_modes=_ranked(modes),
        _regions_by_country={c: _ranked(r) for c, r in by_country.items()},
    )
