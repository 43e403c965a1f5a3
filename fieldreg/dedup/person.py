"""What the matcher sees of a person, and what it says about a pair.

Example::

    >>> from fieldreg.dedup import Person, score_pair
    >>> a = Person("MLI01-26-000012-7/1", "Amadou", "Traoré", sex="M", birth_year=1988)
    >>> b = Person("CIV02-26-000410-3/2", "Ahmadou", "Trawore", sex="M", birth_year=1989)
    >>> m = score_pair(a, b)
    >>> m.a, m.b, m.score > 0.9
    ('MLI01-26-000012-7/1', 'CIV02-26-000410-3/2', True)
    >>> m.explanation()
    'family name variant Traoré/Trawore; given name variant Amadou/Ahmadou; birth year differs by 1; same sex'

Both classes are plain frozen dataclasses with no reference to the store: the
caller decides what ``key`` and ``group`` mean (FieldReg uses
"registration number/member number" and the registration number).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldreg.messages import Message


@dataclass(frozen=True)
class Person:
    """One household member as the matcher sees it.

    ``sex`` is "F", "M", "X" or "" (unknown). ``birth_estimated`` is True when
    the year comes from an estimated age (the usual case at a border post);
    exact dates are compared strictly. Members sharing a non-empty ``group``
    (the household) are never paired with each other. ``site`` says where the
    person was registered (HQ puts the post id there): an all-pairs pass with
    ``across_sites=True`` pairs only people of different sites.
    """

    key: str
    given_names: str
    family_name: str
    other_names: str = ""
    sex: str = ""
    birth_year: int | None = None
    birth_estimated: bool = True
    locality: str = ""
    group: str = ""
    site: str = ""


@dataclass(frozen=True)
class Match:
    """A scored pair: ``score`` runs from 0 (nothing alike) to 1 (everything agrees).

    ``reasons`` only quote the two people's own names and birth-year difference,
    because the explanation is shown to officers.
    """

    a: str
    b: str
    score: float
    reasons: tuple[Message, ...]

    def explanation(self) -> str:
        """The reasons as one line, e.g. "same family name; birth year differs by 2"."""
        return "; ".join(map(str, self.reasons))
