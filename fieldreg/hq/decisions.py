"""HQ's own decisions on candidate pairs: the same person, or not. Nothing is ever merged.

    d = decide(registry, "TGR1-26-000012-7/1", "NIA-26-000410-3/2", "same", by="mariam")
    settled(registry)                  # {(a, b): HqDecision}: the newest decision of each pair
    for_post(registry, "TGR1")         # those touching a member of TGR1 (its receipt carries them)
    same_person(registry)              # [(a, b)]: pairs whose newest decision is "same"

``decide`` is a plain function of the registry so that the command line
(``fieldreg hq duplicates decide A B same``) and a future HQ console behind
the receiver call the same thing. A decision is a row of ``hq_decisions``
(schema step ``0005_hq_decisions``): the two member keys in ``ordered`` form,
the registration numbers and posts they belong to, who and when. Deciding a
pair again adds a row (the newest counts, the history stays); deciding it the
way it already stands changes nothing. A "same" decision links the two
registration numbers: the report counts the person once (fieldreg/hq/report.py).

Every statement here is plain SQL that SQLite and PostgreSQL both run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fieldreg.dedup.candidates import ordered
from fieldreg.errors import InvalidInput, NotFound
from fieldreg.hq.members import summary
from fieldreg.hq.registry import Registry
from fieldreg.model import iso_utc, utcnow

DECISIONS = ("same", "different")
_MAX_NAME = 64
_COLUMNS = "member_a, member_b, seq, decision, regno_a, regno_b, post_a, post_b, decided_at, decided_by"


@dataclass(frozen=True)
class HqDecision:
    member_a: str
    member_b: str
    decision: str
    decided_at: str
    decided_by: str
    regno_a: str
    regno_b: str
    post_a: str
    post_b: str

    def to_json(self) -> dict[str, str]:
        return {"a": self.member_a, "b": self.member_b, "decision": self.decision,
                "decided_at": self.decided_at, "decided_by": self.decided_by}


def decide(registry: Registry, member_a: str, member_b: str, decision: str, *, by: str,
           now: datetime | None = None) -> HqDecision:
    """Record that two members (``<regno>/<member id>``) are, or are not, the same person.

    Both must be members of current, active registrations HQ holds, of two
    households. Refused with a one-line ``InvalidInput`` / ``NotFound``, and
    nothing written, otherwise. Returns the pair's decision as it now stands.
    """
    if decision not in DECISIONS:
        raise InvalidInput("decision must be 'same' or 'different', not {decision!r}", decision=decision)
    by = by.strip()
    if not by or len(by) > _MAX_NAME or not by.isprintable():
        raise InvalidInput("the name of who decides must be 1 to {n} printable characters", n=_MAX_NAME)
    a, b = ordered(member_a.strip(), member_b.strip())
    (regno_a, post_a), (regno_b, post_b) = _member(registry, a), _member(registry, b)
    if regno_a == regno_b:
        raise InvalidInput("{a} and {b} are members of one household: not a duplicate pair", a=a, b=b)
    with registry.db.transaction() as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM hq_decisions WHERE member_a = ? AND member_b = ?"
                            " ORDER BY seq DESC", (a, b)).fetchall()
        if rows and rows[0][3] == decision:
            return _decision(rows[0])
        row = (a, b, len(rows) + 1, decision, regno_a, regno_b, post_a, post_b,
               iso_utc(now or utcnow()), by)
        conn.execute(f"INSERT INTO hq_decisions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    return _decision(row)


def settled(registry: Registry) -> dict[tuple[str, str], HqDecision]:
    """The newest decision of every pair HQ decided, by ``ordered`` member keys."""
    newest: dict[tuple[str, str], HqDecision] = {}
    for row in registry.db.execute(f"SELECT {_COLUMNS} FROM hq_decisions ORDER BY seq"):
        newest[(row[0], row[1])] = _decision(row)
    return newest


def for_post(registry: Registry, post: str) -> list[HqDecision]:
    """The newest decision of each pair with a member registered at ``post``, oldest pair first."""
    return sorted((d for d in settled(registry).values() if post in (d.post_a, d.post_b)),
                  key=lambda d: (d.member_a, d.member_b))


def same_person(registry: Registry) -> list[tuple[str, str]]:
    """Pairs of member keys whose newest decision is "same"."""
    return [pair for pair, d in settled(registry).items() if d.decision == "same"]


def _member(registry: Registry, key: str) -> tuple[str, str]:
    """(regno, post) of the member ``key``; refused unless HQ holds it in an active registration."""
    regno, sep, uid = key.partition("/")
    if not sep or not regno or not uid:
        raise InvalidInput("{key} is not a member key: expected <registration number>/<member id>", key=key)
    version = registry.household(regno)  # NotFound: "HQ holds no registration ..."
    if version.status != "active":
        raise InvalidInput("registration {regno} is void: its members are not compared", regno=regno)
    if uid not in {m.uid for m in summary(regno, version.household).members}:
        raise NotFound("registration {regno} has no member {uid}", regno=regno, uid=uid)
    return regno, version.post


def _decision(row: tuple[object, ...]) -> HqDecision:
    a, b, _, decision, regno_a, regno_b, post_a, post_b, at, by = (str(x) for x in row)
    return HqDecision(a, b, decision, at, by, regno_a, regno_b, post_a, post_b)
