"""Spelling normalisation and phonetic keys for transliterated names.

Example::

    >>> from fieldreg.dedup.normalise import fold, canon, skeleton, split_tokens
    >>> fold("Keïta"), canon("Traoré"), canon("Coulibaly"), canon("Kulibali")
    ('keita', 'traor', 'kulibali', 'kulibali')
    >>> canon("Diallo"), canon("Djalo"), canon("Jallo")
    ('jalo', 'jalo', 'jalo')
    >>> skeleton("umar"), skeleton("amadu")
    ('Vmr', 'Vmd')
    >>> split_tokens("Abdoul-Karim  N'Diaye")
    ['abdoul', 'karim', 'ndiaye']

Three levels, each coarser than the last:

``fold``
    what the officer typed, without case, diacritics or punctuation. Works for
    every script: Arabic and N'Ko names keep their letters (only vowel and tone
    marks and letter-shape variants are folded) so they still match themselves.
``canon``
    a Latin-script token rewritten so that the spellings French and English
    clerks use for the same Bambara/Fulfulde/Soninke/Songhai/Tamasheq/Arabic
    sound become the same string (ou/u/w, dj/j/dy/di+vowel, ch/sh, kh/k, gn/ny,
    c/k/q, doubled letters, silent h, final e). Tokens in other scripts are
    returned folded.
``skeleton``
    the consonant frame of a canonical token, used only to *block* (choose which
    pairs are worth scoring); never shown and never used as evidence on its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters of the Bambara/Fulfulde official alphabets (and a few Latin-extended
# letters clerks paste in) that have no Unicode decomposition, so NFKD alone
# would keep them and "Ɲaré" would never meet "Nyaré".
_NO_DECOMPOSITION = str.maketrans(
    {
        "ɲ": "ny",
        "ŋ": "ng",
        "ɛ": "e",
        "ɔ": "o",
        "ɓ": "b",
        "ɗ": "d",
        "ƴ": "y",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "ı": "i",
    }
)

# Arabic letters that clerks (and keyboards) write interchangeably: hamza-bearing
# alefs, alef maksura/ya, ta marbuta/ha, Persian/Urdu ya and kaf.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ک": "ك",
        "ـ": None,  # tatweel: a stretching stroke, not a letter
    }
)

# Apostrophes join ("N'Diaye" → "ndiaye"); everything else that is not a letter
# separates tokens ("Abdoul-Karim" → "abdoul karim").
_APOSTROPHES = re.compile(r"['’ʼ`´‘]")
_NON_LETTER = re.compile(r"[^\w]|[\d_]")

_VOWELS = "aeiou"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text`` and drop diacritics, in any script.

    NFKD splits "ï" into "i" + a combining mark and maps presentation forms
    (Arabic ligatures, full-width letters) to plain letters; dropping every
    combining mark then removes French accents, Arabic harakat and N'Ko tone
    marks alike, so the same name typed with or without them folds the same.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_NO_DECOMPOSITION).translate(_ARABIC_FOLD)
    return unicodedata.normalize("NFC", stripped)


def split_tokens(text: str) -> list[str]:
    """Fold ``text`` and split it into name tokens (see module example)."""
    joined = _APOSTROPHES.sub("", fold(text))
    return [tok for tok in _NON_LETTER.sub(" ", joined).split() if tok]


def is_latin(token: str) -> bool:
    """True when a folded token is plain a-z (the rewrite rules only apply there)."""
    return token.isascii() and token.isalpha()


# Ordered rewrites. Order matters: digraphs before the single letters they
# contain (tch before ch before c), and placeholders in upper case so that a
# later rule cannot re-read what an earlier one produced ("tch" → "C" must not
# then become "k").
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"t[cs]h", "C"),  # Tchiamo / Tshiamo: English "ch"
        (r"s?ch|sh", "X"),  # French "ch" = English "sh": Cheick / Sheik
        (r"ph", "f"),
        (r"th", "t"),  # Thiam / Tiam
        (r"kh", "k"),  # Khadidja / Kadidja (Arabic kha, heard as k)
        (r"gh", "g"),
        (r"ck|qu|q", "k"),  # Yacouba / Yakuba / Yaquba
        (r"c(?=[eiy])", "s"),  # Cissé / Sissé
        (r"c", "k"),  # Coulibaly / Kulibali
        (r"dj|dy|dz", "j"),  # Djénéba / Jeneba / Dyeneba
        (r"^di(?=[aeou])", "j"),  # Diallo / Jallo, Diarra / Jara (only word-initially:
        #                             "Sidibé" keeps its "di")
        (r"gn", "ny"),  # Bagnan / Banyan (French gn = ɲ)
        (r"^ni(?=[aeou])", "ny"),  # Niaré / Nyaré, same word-initial glide as di-
        (r"oo", "u"),  # English spelling of /u/: Moosa
        (r"ou|w", "u"),  # Moussa / Musa, Ouattara / Wattara
        (r"y(?![aeiou])", "i"),  # Kulibaly / Kulibali, Seydou / Seidou (not Yaya)
        (r"h", ""),  # silent or weak h: Hawa / Awa, Ahmadou / Amadou
        (r"(.)\1+", r"\1"),  # doubled letters: Diarra / Diara, Cissé / Cisé
        (r"(?<=[^aeiou])e$", ""),  # final e / é: Koné / Kon, Sangaré / Sangar
    )
)


@lru_cache(maxsize=65536)
def canon(token: str) -> str:
    """Canonical spelling of one token (folded first; see module example).

    Non-Latin tokens are only folded: we do not transliterate between scripts.
    """
    folded = fold(token)
    if not is_latin(folded):
        return folded
    out = folded
    for pattern, repl in _RULES:
        out = pattern.sub(repl, out)
    # A rule must never erase a whole token ("h", "e"): keep the folded form.
    return out.lower() if len(out) >= 1 else folded


@lru_cache(maxsize=65536)
def skeleton(canonical: str) -> str:
    """Consonant frame of a canonical token: initial vowel as "V", then consonants.

    Vowels are where transliterations disagree most (Oumar/Omar/Umar,
    Sangaré/Sangare/Sangari), so the key keeps only the consonants. Semi-vowels
    count as vowels for the same reason (Trawore/Traore). Tokens in other scripts
    key on their first four letters.
    """
    if not is_latin(canonical):
        return canonical[:4]
    head = "V" if canonical[0] in _VOWELS else canonical[0]
    tail = "".join(ch for ch in canonical[1:] if ch not in _VOWELS and ch not in "yw")
    # Doubled consonants appear once vowels are gone (Sanogo → "snG"); collapse them.
    return head + re.sub(r"(.)\1+", r"\1", tail)
