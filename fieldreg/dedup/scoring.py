"""Score a pair of people: name similarity, birth year, sex and origin.

Example::

    >>> from fieldreg.dedup import Person, score_pair, DEFAULT_THRESHOLD
    >>> father = Person("a", "Moussa", "Coulibaly", sex="M", birth_year=1961)
    >>> son = Person("b", "Moussa", "Kulibali", sex="M", birth_year=1992)
    >>> m = score_pair(father, son)
    >>> m.score < DEFAULT_THRESHOLD, str(m.reasons[-2])
    (True, 'birth year differs by 31 (more than the 5 expected)')

The score runs from 0 to 1. It starts from a name score (family and given names
compared word by word after normalisation, allowing swapped order and missing
middle names), adds small bonuses for agreeing birth year, sex and origin, and
subtracts penalties for disagreeing ones; the sum is divided by the largest
possible bonus so that a pair agreeing on everything scores 1. A missing field
(no birth year, sex unknown, no locality) is neither evidence for nor against.
The weights are explained in docs/dedup.md and were tuned on the *dev* half of
the evaluation set only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from fieldreg.dedup.birth import MAX_TOLERANCE, year_tolerance
from fieldreg.dedup.person import Match, Person
from fieldreg.dedup.profile import Names, Profile, Token, cached_profile
from fieldreg.messages import Message

#: Pairs at or above this score are reported as possible duplicates.
DEFAULT_THRESHOLD = 0.80

# Two words are "the same name" at or above this similarity (a one-letter typo
# in a five-letter canonical word is 0.8).
WORD_MATCH = 0.75
# Two names that both appear in the variant tables as *different* names are
# different names, whatever their letters share (Aminata / Alimata).
_LISTED_DISTINCT_CAP = 0.6
# Below WORD_MATCH a word is evidence *against*: its similarity is lowered by this.
_MISMATCH_DROP = 0.3
_FAMILY_WEIGHT = 0.45
_SWAP_PENALTY = 0.02
_DROPPED_MIDDLE_PENALTY = 0.02
_CONFLICTING_MIDDLE_PENALTY = 0.10

_BIRTH_BONUS = 0.06
_SEX_BONUS = 0.01
_LOCALITY_BONUS = 0.03
_MAX_BONUS = _BIRTH_BONUS + _SEX_BONUS + _LOCALITY_BONUS
_SEX_PENALTY = 0.35
_LOCALITY_PENALTY = 0.03
#: Two known origin localities less similar than this are "different" (counted
#: against a pair; an HQ pass with ``same_origin`` does not pair them at all).
LOCALITY_DIFFERENT = 0.6
#: Two origin localities at least this similar (rapidfuzz ratio / 100) are taken for two
#: spellings of one place.
LOCALITY_SIMILAR = 0.85
_BIRTH_PENALTY_BASE = 0.05
_BIRTH_PENALTY_EXACT_BASE = 0.25
_BIRTH_PENALTY_PER_YEAR = 0.05
_BIRTH_PENALTY_CAP = 0.6


# Word pairs already compared (folded a, folded b) -> similarity. Bounded:
# about 120 bytes an entry, so at most ~60 MB; emptied when full.
_SIMILARITY: dict[tuple[str, str], float] = {}
_SIMILARITY_MAX = 1 << 19


def word_similarity(a: Token, b: Token, *, prefix: bool = False) -> float:
    """Similarity of two name words in [0, 1], on their normalised forms.

    With ``prefix`` (a probe still being typed), ``a`` also matches any word it
    begins, once it has at least two letters: "Tra" matches "Traoré".
    """
    if a.key == b.key:
        return 1.0
    if prefix and len(a.folded) >= 2 and (
        b.folded.startswith(a.folded) or b.canonical.startswith(a.canonical)
    ):
        return 1.0
    # Everything below depends on the folded words only (canonical, key and
    # listed derive from them), and an all-pairs pass meets the same two words
    # in thousands of name pairs: remember the answer.
    pair = (a.folded, b.folded)
    sim = _SIMILARITY.get(pair)
    if sim is None:
        # The canonical spellings catch a typo in a listed variant ("Muhammda");
        # the folded ones catch a typo that a rewrite rule amplifies (Diarra →
        # "jara" but its typo Dairra → "daira").
        sim = max(ratio(a.key, b.key), ratio(a.canonical, b.canonical), ratio(a.folded, b.folded)) / 100.0
        if a.listed and b.listed:
            sim = min(sim, _LISTED_DISTINCT_CAP)
        if len(_SIMILARITY) >= _SIMILARITY_MAX:
            _SIMILARITY.clear()
        _SIMILARITY[pair] = sim
    return sim


@dataclass(frozen=True, slots=True)
class _WordPair:
    sim: float
    a: Token
    b: Token


def _best(xs: tuple[Token, ...], ys: tuple[Token, ...], prefix: bool) -> _WordPair | None:
    best: _WordPair | None = None
    for x in xs:
        for y in ys:
            s = word_similarity(x, y, prefix=prefix)
            if best is None or s > best.sim:
                best = _WordPair(s, x, y)
                if s == 1.0:
                    return best
    return best


def _evidence(pair: _WordPair | None) -> float | None:
    if pair is None:
        return None
    return pair.sim if pair.sim >= WORD_MATCH else max(0.0, pair.sim - _MISMATCH_DROP)


@dataclass(frozen=True, slots=True)
class NameVerdict:
    """How two names compare: the score and the word pairs behind it."""

    score: float
    family: _WordPair | None
    given: _WordPair | None
    swapped: bool
    dropped: tuple[Token, ...]
    conflicting: bool


def _agree(pair: _WordPair | None) -> bool:
    return pair is None or pair.sim >= WORD_MATCH


def _unmatched(xs: tuple[Token, ...], ys: tuple[Token, ...]) -> tuple[Token, ...]:
    return tuple(x for x in xs if all(word_similarity(x, y) < WORD_MATCH for y in ys))


def name_verdict(p: Names, q: Names, *, prefix: bool = False) -> NameVerdict:
    """Compare two names: family and given words, straight or swapped.

    ``prefix`` lets the words of ``p`` match the beginning of words of ``q``
    (live probes, see :func:`word_similarity`).
    """
    pg, qg = p.given + p.other, q.given + q.other
    options = [(_best(p.family, q.family, prefix), _best(pg, qg, prefix), False)]
    if p.family and q.family and pg and qg:
        options.append((_best(p.family, qg, prefix), _best(pg, q.family, prefix), True))
    best: NameVerdict | None = None
    for fam, giv, swapped in options:
        ef, eg = _evidence(fam), _evidence(giv)
        if ef is not None and eg is not None:
            # Swapped, each pair holds one family and one given word: equal
            # weights keep the score symmetric in p and q.
            wf = 0.5 if swapped else _FAMILY_WEIGHT
            score = wf * ef + (1.0 - wf) * eg
        elif ef is not None or eg is not None:
            # A partial name (the officer has typed only one field so far) is
            # judged on what is there.
            score = ef if ef is not None else (eg or 0.0)
        else:
            score = 0.0
        if swapped:
            score -= _SWAP_PENALTY
        if best is None or score > best.score:
            best = NameVerdict(score, fam, giv, swapped, (), False)
    assert best is not None
    # Middle names: a name on one side only is often just dropped; a name on
    # each side that matches nothing on the other suggests two people.
    if prefix or not _agree(best.family) or not _agree(best.given):
        return best
    extra_p, extra_q = _unmatched(p.given, q.all), _unmatched(q.given, p.all)
    if extra_p or extra_q:
        conflicting = bool(extra_p and extra_q)
        penalty = _CONFLICTING_MIDDLE_PENALTY if conflicting else _DROPPED_MIDDLE_PENALTY
        best = NameVerdict(
            best.score - penalty, best.family, best.given, best.swapped, extra_p + extra_q, conflicting
        )
    return best


# The explanation's sentences, one template per role so each can be translated whole.
_WORD_REASONS = {
    "family": {
        "same": Message("same family name {name}"),
        "folded": Message("family name equal after normalisation {a}/{b}"),
        "variant": Message("family name variant {a}/{b}"),
        "similar": Message("family name similar {a}/{b} ({percent}%)"),
        "differs": Message("family name differs {a}/{b}"),
    },
    "given": {
        "same": Message("same given name {name}"),
        "folded": Message("given name equal after normalisation {a}/{b}"),
        "variant": Message("given name variant {a}/{b}"),
        "similar": Message("given name similar {a}/{b} ({percent}%)"),
        "differs": Message("given name differs {a}/{b}"),
    },
}
_SWAPPED = Message("given and family names swapped")
_SAME_BIRTH_YEAR = Message("same birth year")
_SAME_SEX = Message("same sex")
_SEX_DIFFERS = Message("sex differs")
_SAME_LOCALITY = Message("same origin locality (after normalisation)")
_SIMILAR_LOCALITY = Message("similar origin locality")
_DIFFERENT_LOCALITY = Message("different origin locality")


def _word_reason(role: str, pair: _WordPair | None) -> Message | None:
    if pair is None:
        return None
    a, b = pair.a.raw, pair.b.raw
    says = _WORD_REASONS[role]
    if pair.a.folded == pair.b.folded:
        # Only case, accents or punctuation differ (Traoré / TRAORE).
        return says["same"].with_values(name=a) if a == b else says["folded"].with_values(a=a, b=b)
    if pair.a.key == pair.b.key:
        # A spelling rule or a variant table brought them together.
        return says["variant"].with_values(a=a, b=b)
    if pair.sim >= WORD_MATCH:
        return says["similar"].with_values(a=a, b=b, percent=round(pair.sim * 100))
    return says["differs"].with_values(a=a, b=b)


def _name_reasons(v: NameVerdict) -> list[Message]:
    reasons = [_SWAPPED] if v.swapped else []
    for role, pair in (("family", v.family), ("given", v.given)):
        text = _word_reason(role, pair)
        if text:
            reasons.append(text)
    if v.dropped:
        names = ", ".join(t.raw for t in v.dropped)
        reasons.append(Message("other given names differ ({names})", names=names) if v.conflicting
                       else Message("middle name on one side only ({names})", names=names))
    return reasons


def _birth(p: Profile, q: Profile, ref_year: int) -> tuple[float, Message | None]:
    if p.birth_year is None or q.birth_year is None:
        return 0.0, None
    diff = abs(p.birth_year - q.birth_year)
    exact = not p.birth_estimated and not q.birth_estimated
    # The younger reading decides: it is the smaller age, so the stricter tolerance.
    age = max(0, ref_year - max(p.birth_year, q.birth_year))
    tolerance = year_tolerance(age=age, exact=exact)
    if diff == 0:
        return _BIRTH_BONUS, _SAME_BIRTH_YEAR
    if diff <= tolerance:
        return _BIRTH_BONUS * (1 - diff / (tolerance + 1)), Message("birth year differs by {years}", years=diff)
    base = _BIRTH_PENALTY_EXACT_BASE if exact else _BIRTH_PENALTY_BASE
    penalty = min(_BIRTH_PENALTY_CAP, base + _BIRTH_PENALTY_PER_YEAR * (diff - tolerance))
    if exact:
        return -penalty, Message("birth year differs by {years} (exact dates)", years=diff)
    return -penalty, Message("birth year differs by {years} (more than the {expected} expected)",
                             years=diff, expected=tolerance)


def _sex(p: Profile, q: Profile) -> tuple[float, Message | None]:
    if p.sex in ("", "X") or q.sex in ("", "X"):
        return 0.0, None
    if p.sex == q.sex:
        return _SEX_BONUS, _SAME_SEX
    return -_SEX_PENALTY, _SEX_DIFFERS


def _locality(p: Profile, q: Profile) -> tuple[float, Message | None]:
    # Localities are not names of the two people, so the reasons never quote them.
    if not p.locality or not q.locality:
        return 0.0, None
    if p.locality == q.locality:
        return _LOCALITY_BONUS, _SAME_LOCALITY
    sim = ratio(p.locality, q.locality) / 100.0
    if sim >= LOCALITY_SIMILAR:
        return _LOCALITY_BONUS * sim, _SIMILAR_LOCALITY
    if sim < LOCALITY_DIFFERENT:
        return -_LOCALITY_PENALTY, _DIFFERENT_LOCALITY
    return 0.0, None


def adjustment(p: Profile, q: Profile, ref_year: int) -> float:
    """Sum of the birth-year, sex and locality bonuses and penalties (no reasons)."""
    return _birth(p, q, ref_year)[0] + _sex(p, q)[0] + _locality(p, q)[0]


def combine(name_score: float, adjust: float) -> float:
    """Final score from a name score and the summed adjustments, in [0, 1]."""
    return round(min(1.0, max(0.0, (name_score + adjust) / (1.0 + _MAX_BONUS))), 4)


def best_possible(name_score: float) -> float:
    """Highest final score a pair with this name score can reach (for pruning)."""
    return combine(name_score, _MAX_BONUS)


def different_sex_can_pass(threshold: float) -> bool:
    """Whether two people of different recorded sex can reach ``threshold`` at all
    (an all-pairs pass compares them only then)."""
    return combine(1.0, _MAX_BONUS - _SEX_BONUS - _SEX_PENALTY) >= threshold


def birth_window(name_score: float, threshold: float) -> int:
    """Largest birth-year difference at which a pair with this name score can
    still reach ``threshold`` (the all-pairs pass compares nobody further apart).

    Derived from the penalty formula in :func:`_birth`, with every other bonus
    assumed, so it never cuts a pair that would have scored above threshold.
    """
    allowed = name_score + _SEX_BONUS + _LOCALITY_BONUS - threshold * (1.0 + _MAX_BONUS)
    if allowed >= _BIRTH_PENALTY_CAP:
        return 10**6
    if allowed < _BIRTH_PENALTY_BASE:
        return MAX_TOLERANCE
    return MAX_TOLERANCE + int((allowed - _BIRTH_PENALTY_BASE) / _BIRTH_PENALTY_PER_YEAR) + 1


def current_year() -> int:
    """The reference year used to turn birth years into ages."""
    return datetime.date.today().year


def score_profiles(
    p: Profile, q: Profile, *, ref_year: int | None = None, explain: bool = True, prefix: bool = False
) -> Match:
    """Score two prepared profiles (see :func:`score_pair`).

    With ``explain=False`` the reasons are left empty, which saves building
    strings for pairs that fall below the threshold. ``prefix`` treats the words
    of ``p`` as possibly unfinished (see :func:`word_similarity`).
    """
    year = ref_year if ref_year is not None else current_year()
    names = name_verdict(p.names, q.names, prefix=prefix)
    parts = (_birth(p, q, year), _sex(p, q), _locality(p, q))
    score = combine(names.score, sum(adj for adj, _ in parts))
    reasons: tuple[Message, ...] = ()
    if explain:
        reasons = tuple(_name_reasons(names) + [r for _, r in parts if r])
    return Match(p.key, q.key, score, reasons)


def score_pair(p: Person, q: Person, *, ref_year: int | None = None) -> Match:
    """Score two people; ``ref_year`` (default: this year) turns birth years into ages."""
    return score_profiles(cached_profile(p), cached_profile(q), ref_year=ref_year)
