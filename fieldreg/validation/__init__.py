"""Turn untrusted household JSON into a valid :class:`~fieldreg.model.Household`.

Every problem found is reported, each a :class:`~fieldreg.errors.Problem`
naming what (its code), the member and the field, so an officer (or a script
author) can fix them all in one pass::

    try:
        household = parse_household(obj, now=datetime(2026, 11, 20, tzinfo=timezone.utc))
    except ValidationError as err:
        for problem in err.problems:
            print(problem)   # "member 2 birth_date: 2027-01-03 is in the future"
            problem.code, problem.member, problem.field   # "future", 2, "birth_date"

The accepted shape is documented in docs/formats/household.md. One module per
part: ``rules`` (what one value must be: names, codes, reasons, the limits),
``fields`` (reading one field and noting its problem), ``members`` (a member),
``household`` (the household, and a correction file's household part);
``json_input`` (untrusted bytes to JSON values within limits, and JSON Lines).
Import from here.
"""

from fieldreg.validation.household import (
    HOUSEHOLD_KEYS,
    MAX_MEMBERS,
    ORIGIN_KEYS,
    REGISTRATION_KEYS,
    household_input,
    parse_household,
)
from fieldreg.validation.json_input import (
    MAX_DEPTH,
    MAX_LINE_BYTES,
    MAX_NUMBER_CHARS,
    parse_json,
    read_households,
)
from fieldreg.validation.members import DOCUMENT_KEYS, MAX_AGE, MAX_PHOTO_BYTES, MEMBER_KEYS
from fieldreg.validation.rules import (
    MAX_NAME,
    MAX_NOTES,
    MAX_PLACE,
    MAX_REASON,
    clean_reason,
    clean_text,
    country_codes,
    name_problem,
    new_member_id,
)

__all__ = [
    "DOCUMENT_KEYS", "HOUSEHOLD_KEYS", "MAX_AGE", "MAX_DEPTH", "MAX_LINE_BYTES", "MAX_MEMBERS", "MAX_NAME",
    "MAX_NOTES", "MAX_NUMBER_CHARS", "MAX_PHOTO_BYTES", "MAX_PLACE", "MAX_REASON", "MEMBER_KEYS", "ORIGIN_KEYS",
    "REGISTRATION_KEYS", "clean_reason", "clean_text", "country_codes", "household_input", "name_problem",
    "new_member_id", "parse_household", "parse_json", "read_households",
]
