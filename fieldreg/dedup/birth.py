"""How far two birth years may drift and still be one person.

Example::

    >>> from fieldreg.dedup.birth import year_tolerance
    >>> year_tolerance(age=4, exact=False), year_tolerance(age=35, exact=False)
    (1, 5)
    >>> year_tolerance(age=35, exact=True)
    0

Most border-post birth years come from an age the person or an officer
estimated, and estimates drift between registrations roughly in proportion to
age: a toddler's age is known within a year, a forty-year-old's often within
five, an elder's within a decade. Exact dates (from a document) are strict.
"""

from __future__ import annotations

# (upper age bound inclusive, tolerated difference in years), youngest first.
_ESTIMATED_TOLERANCE: tuple[tuple[int, int], ...] = (
    (5, 1),
    (12, 2),
    (17, 3),
    (29, 4),
    (49, 5),
    (64, 7),
)
_ELDER_TOLERANCE = 10


def year_tolerance(*, age: int, exact: bool) -> int:
    """Largest birth-year difference expected for one person of ``age`` years."""
    if exact:
        return 0
    for bound, tolerance in _ESTIMATED_TOLERANCE:
        if age <= bound:
            return tolerance
    return _ELDER_TOLERANCE


MAX_TOLERANCE = _ELDER_TOLERANCE
