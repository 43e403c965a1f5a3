"""English in a text of the French app: the core's vocabulary and the words of an English sentence.

    >>> english_in("Membre 2 · Date de naissance : 2027-01-03 est dans le futur.")
    []
    >>> english_in("member 2 birth_date : 2027-01-03 est dans le futur.")
    ['member', 'birth_date']

A word counts when it is in :data:`ENGLISH` (compared in lower case) or is a
``snake_case`` key (``birth_date``, ``other_relative``: only the core writes those).
Words that are French as well ("date", "document", "photo", "notes", "destination",
"type", "camp", "audit", "correction", "parent", "page", "file", "minute", "on", "a", "an",
"or", "as") are not in the list, nor is "age" (the encryption tool batches use). Left out of
the text before looking: absolute paths (the test's temporary folders), words in capitals
(codes: MLI, POST-YY-NNNNNN-C, FILE), file patterns (receipt-*.cose), a command quoted for the officer to type
(« fieldreg audit verify »), and one quoted word ('cousin', "head"): a value as it was
given, or the name of a key in a file format.
"""

from __future__ import annotations

import re

ENGLISH = frozenset("""
officer officers supervisor supervisors admin admins administrator administrators role roles
member members household households head spouse child children sibling grandchild relative unrelated
origin country region locality consent sex nationality languages language phone relationship
family given name names birth year estimated needs specific travel travelled arrival arrived destinations
registered registration registrations corrected voided void pending exported received acknowledged
held missing forged mismatch valid invalid revoked checked active disabled enabled locked unlocked
yes true false none unknown male female other
slip slips batch batches record records receipt receipts passphrase account accounts user users log
entry entries post posts station stations alert alerts seal seals grant authority
the and of is are was were be been by with from not cannot has have had this that these those to at for in
into which what when no if it its only must may will should there here after before new old please
error errors warning warnings failed done found deleted changed added removed
day days hour hours second seconds today yesterday tomorrow ago
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday am pm
cancel open save close print apply help back next finish files look directory folder details
modified size preview printer
""".split())

_WORD = re.compile(r"\w+")
_COMMAND = re.compile(r"(['«\"(]\s*)fieldreg [^'»\")]*")
_QUOTED_WORD = re.compile(r"'[^'\s]*'|\"[^\"\s]*\"|«\u00a0?[^»\s]*\u00a0?»")


def english_in(text: str) -> list[str]:
    """The English words in ``text``, in order (each once)."""
    text = _QUOTED_WORD.sub(" ", _COMMAND.sub(r"\1", text))
    kept = " ".join(part for part in text.split()  # not a path, not a file pattern (receipt-*.cose)
                    if not part.lstrip("(").startswith(("/", "~")) and "*" not in part)
    found: list[str] = []
    for word in _WORD.findall(kept):
        if word.isupper():
            continue
        lower = word.lower()
        identifier = "_" in word.strip("_") and not word.isupper() and not any(c.isdigit() for c in word)
        if (lower in ENGLISH or identifier) and word not in found:
            found.append(word)
    return found
