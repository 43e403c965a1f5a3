"""French typography and one term per concept, over every string of resources/translations/fr/*.ts.

The rules, as a French editor applies them (the lead re-runs this at merge, when
other branches have added strings):

1. **Non-breaking space before ``: ; ! ? %`` and inside ``« »``.** FieldReg uses
   U+00A0 everywhere (never U+202F, so a line never breaks there and the fonts we ship
   draw one width). Only punctuation counts: a colon or semicolon followed by a space or
   the end of the string (not ``FR1:6BF``, ``12:30``, ``C:\\``), a ``!``/``?`` likewise,
   a ``%`` not followed by a letter or digit (not strftime's ``%Y`` inside a placeholder).
   Placeholders (``{name}``, ``{now:%Y-%m-%d}``) are taken out first.
2. **Elision.** ``de``, ``le``, ``la``, ``je``, ``me``, ``te``, ``se``, ``ne``, ``que``,
   ``jusque``, ``lorsque``, ``puisque`` before a vowel (``de agent`` → ``d'agent``), and
   ``si il`` → ``s'il``. A placeholder after one of those words is refused unless its value
   is known to start with a digit or a consonant (:data:`SAFE_AFTER_ELIDABLE`): write
   ``par {user}`` or ``de l'utilisateur {user}``, never ``de {user}`` (``de ali``).
3. **Sentences.** The English source decides what a string is. A *sentence* is a source
   that ends with ``.``, ``?`` or ``!`` (messages, explanations): its French starts with
   a capital (after a leading symbol such as ⚠ or ✓, a placeholder or a quotation) and
   ends with ``.``, ``?``, ``!`` or ``…``. Anything else is a *label* (buttons, titles,
   column headings, field labels ending with ``:``) or a *fragment* (the core's messages,
   context ``Core``: lower-case, no full stop, because they are also put inside other
   sentences; fieldreg/ui/text.py ``error_text`` makes one a sentence when it is shown
   alone): its French does not end with a full stop, and starts with a capital exactly
   when the English does.
4. **One term per concept.** resources/translations/glossary.tsv names, for each
   concept, the English term and the French term: a source holding the English term has
   the French term in its translation; the forbidden variants appear in no source (English)
   and no translation (French).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FRENCH = ROOT / "resources" / "translations" / "fr"
GLOSSARY = ROOT / "resources" / "translations" / "glossary.tsv"

NBSP = "\u00a0"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
VOWEL = "aeiouyàâäéèêëîïôöûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒÆ"
ELIDABLE = ("de", "le", "la", "je", "me", "te", "se", "ne", "que", "jusque", "lorsque", "puisque")
# Words after which no elision is made although they start with a vowel sound letter.
NO_ELISION = {"oui", "un", "une", "onze", "onzième", "ouate", "yaourt", "yeux"}
# Placeholders whose value starts with a digit or a consonant whatever the data: numbers,
# dates, times, registration numbers (TGR1-...), versions, post codes (upper-case letters
# starting a code are read as letters: "de TGR1" is right).
SAFE_AFTER_ELIDABLE = {
    # numbers and counts
    "count", "n", "number", "numbers", "total", "size", "percent", "score", "seq", "serial", "version",
    "years", "expected", "most", "length", "modules", "max_age", "average", "people", "limit",
    "seconds", "min_module_mm",
    # dates and times (digits in every format the app prints)
    "year", "when", "date", "day", "born", "expires", "revoked", "effective", "now", "issued",
    # registration numbers, file paths, lists of quoted choices, a literal "{type, number}"
    "regno", "trust_dir", "choices", "join", "type, number",
}
SENTENCE_END = (".", "?", "!", "…")
ABBREVIATIONS = ("etc.", "p. ex.", "cf.", "env.")


@dataclass(frozen=True)
class Message:
    file: str
    context: str
    source: str
    translation: str

    def where(self) -> str:
        return f"{self.file} [{self.context}] {self.source!r} -> {self.translation!r}"


def messages() -> list[Message]:
    found = []
    for path in sorted(FRENCH.glob("*.ts")):
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in {"obsolete", "vanished"}:
                    continue
                numerus = translation.findall("numerusform")
                texts = [n.text or "" for n in numerus] if numerus else [translation.text or ""]
                for text in texts:
                    if text:
                        found.append(Message(path.name, name, message.findtext("source") or "", text))
    return found


MESSAGES = messages()


def without_placeholders(text: str) -> str:
    return PLACEHOLDER.sub("\x00", text)


# -- 1. spaces --------------------------------------------------------------------------------

def spacing_faults(text: str) -> list[str]:
    """What is wrong with the spaces around French high punctuation in ``text``."""
    plain = without_placeholders(text)
    faults = []
    if "\u202f" in plain:
        faults.append("narrow NBSP (U+202F): FieldReg uses U+00A0")
    for m in re.finditer(r"[:;!?]", plain):
        i, after = m.start(), plain[m.end():m.end() + 1]
        if after and not after.isspace() and after not in "»)\"'":
            continue  # FR1:6BF, 12:30, http://, ?!
        if m.group() in "!?" and i > 0 and plain[i - 1] in "!?":
            continue  # ?! counted once
        if i == 0 or plain[i - 1] != NBSP:
            faults.append(f"no NBSP before {m.group()!r} at {i}")
    for m in re.finditer(r"%(?![A-Za-z0-9])", plain):
        i = m.start()
        if i > 0 and plain[i - 1] != NBSP:
            faults.append(f"no NBSP before '%' at {i}")
    for m in re.finditer("«", plain):
        if plain[m.end():m.end() + 1] != NBSP:
            faults.append(f"no NBSP after '«' at {m.start()}")
    for m in re.finditer("»", plain):
        if m.start() == 0 or plain[m.start() - 1] != NBSP:
            faults.append(f"no NBSP before '»' at {m.start()}")
    return faults


# -- 2. elision -------------------------------------------------------------------------------

ELISION = re.compile(r"(?<![\w'’-])(" + "|".join(ELIDABLE) + r")\s+(\{[^{}]*\}|[\w]+)", re.IGNORECASE)
SI_IL = re.compile(r"(?<![\w'’-])si\s+ils?\b", re.IGNORECASE)


def elision_faults(text: str) -> list[str]:
    faults = []
    for m in ELISION.finditer(text):
        word, nxt = m.group(1), m.group(2)
        if nxt.startswith("{"):
            name = re.split(r"[:!.\[]", nxt[1:-1])[0]
            if name not in SAFE_AFTER_ELIDABLE:
                faults.append(f"{word!r} before the placeholder {nxt} (its elision cannot be known)")
        elif nxt[0] in VOWEL and nxt.lower() not in NO_ELISION and not nxt.isupper():
            faults.append(f"{word} {nxt} (elide: {word[:-1]}'{nxt})")
    faults += [f"{m.group()} (elide: s'il)" for m in SI_IL.finditer(text)]
    return faults


# -- 3. sentences -----------------------------------------------------------------------------

def first_letter(text: str) -> str:
    """The first letter of ``text`` after leading symbols, spaces and quotes; '' if a placeholder
    or a digit comes first."""
    for ch in without_placeholders(text):
        if ch == "\x00" or ch.isdigit():
            return ""
        if ch.isalpha():
            return ch
    return ""


def is_sentence(source: str) -> bool:
    """A sentence ends with . ? ! or … and has more than one word ("No." is a label)."""
    text = source.strip()
    return text.endswith(SENTENCE_END) and len(text.split()) > 1


def starts_with_a_code(text: str) -> bool:
    """``CBOR``, ``HQ``, ``COSE_Sign1``, ``JSON``: a code or acronym, whose case says nothing."""
    words = without_placeholders(text).split()
    if not words:
        return False
    return (len(words[0]) > 1 and words[0].upper() == words[0]) or "_" in words[0]


def sentence_faults(m: Message) -> list[str]:
    text = m.translation.rstrip()
    faults = []
    letter, english = first_letter(text), first_letter(m.source)
    if is_sentence(m.source):
        if not text.endswith(SENTENCE_END):
            faults.append("a sentence must end with . ? ! or …")
        if letter and letter.islower() and (not english or english.isupper()):
            faults.append("a sentence must start with a capital")
    else:
        if text.endswith(".") and not text.endswith("...") and not text.endswith(ABBREVIATIONS):
            faults.append("a label or fragment ends without a full stop")
        if (letter and english and letter.isupper() != english.isupper()
                and not starts_with_a_code(m.source) and not starts_with_a_code(text)):
            faults.append("starts with a capital exactly when the English does")
    return faults


# -- 4. one term per concept ------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    english: str
    french: str
    forbidden_english: tuple[str, ...]
    forbidden_french: tuple[str, ...]


def glossary() -> list[Term]:
    terms = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", "", ""][:4]
        split = lambda cell: tuple(v.strip() for v in cell.split(",") if v.strip())  # noqa: E731
        terms.append(Term(cells[0].strip(), cells[1].strip(), split(cells[2]), split(cells[3])))
    return terms


def word_pattern(term: str) -> re.Pattern[str]:
    """``term`` as whole words, any case, with a plural ``s`` on each word (``phrases secrètes``)."""
    words = [re.escape(w) + "s?" for w in re.split(r"[\s']+", term)]
    return re.compile(r"(?<![\w-])" + r"[\s'’]+".join(words) + r"(?![\w-])", re.IGNORECASE)


def term_faults(m: Message, terms: list[Term]) -> list[str]:
    faults = []
    source = without_placeholders(m.source)
    text = without_placeholders(m.translation).replace(NBSP, " ")
    for term in terms:
        if word_pattern(term.english).search(source) and not word_pattern(term.french).search(text):
            faults.append(f"{term.english!r} is {term.french!r} in French")
        faults += [f"English variant {v!r}: say {term.english!r}" for v in term.forbidden_english
                   if word_pattern(v).search(source)]
        faults += [f"French variant {v!r}: say {term.french!r}" for v in term.forbidden_french
                   if word_pattern(v).search(text)]
    return faults


# -- the rules over every string ----------------------------------------------------------------

def report(check: object) -> list[str]:
    found = []
    for m in MESSAGES:
        faults = check(m)  # type: ignore[operator]
        found += [f"{m.where()}: {f}" for f in faults]
    return found


def test_there_are_strings_to_check() -> None:
    assert len(MESSAGES) > 500
    assert {m.context for m in MESSAGES} >= {"Core", "VerdictPanel"}


def test_non_breaking_spaces() -> None:
    assert report(lambda m: spacing_faults(m.translation)) == []


def test_elision() -> None:
    assert report(lambda m: elision_faults(m.translation)) == []


def test_sentences_start_with_a_capital_and_end_with_a_full_stop() -> None:
    assert report(sentence_faults) == []


def test_one_term_per_concept() -> None:
    terms = glossary()
    assert {t.english for t in terms} >= {"slip", "passphrase", "household", "officer", "supervisor",
                                          "HQ", "batch"}
    assert report(lambda m: term_faults(m, terms)) == []


# -- the rules themselves catch what they must (and nothing else) ---------------------------------

@pytest.mark.parametrize(("text", "faults"), [
    ("Arrivée: 12 h", 1), ("Arrivée : 12 h", 1), (f"Arrivée{NBSP}: 12{NBSP}h", 0),
    ("91 %", 1), (f"91{NBSP}%", 0), ("91\u202f%", 2), (f"{{percent}}{NBSP}%", 0), ("{percent} %", 1),
    ("Vraiment ?", 1), (f"Vraiment{NBSP}?", 0), ("« fiche »", 2), (f"«{NBSP}fiche{NBSP}»", 0),
    ("FR1:6BF et 12:30", 0), ("{now:%Y-%m-%d %H:%M} UTC", 0), ("a ; b", 1), (f"a{NBSP}; b", 0),
])
def test_spacing_rule(text: str, faults: int) -> None:
    assert len(spacing_faults(text)) == faults, spacing_faults(text)


@pytest.mark.parametrize(("text", "faults"), [
    ("compte de agent", 1), ("compte d'agent", 0), ("le officier", 1), ("la ancienne fiche", 1),
    ("de {user}", 1), ("par {user}", 0), ("de {count} personnes", 0), ("si il manque", 1),
    ("de oui ou de non", 0), ("de TGR1", 0), ("le un", 0), ("délai de attente", 1),
    ("de {regno}", 0), ("que {name}", 1), ("jusque au bout", 1), ("le {when:%H}", 0),
])
def test_elision_rule(text: str, faults: int) -> None:
    assert len(elision_faults(text)) == faults, elision_faults(text)


@pytest.mark.parametrize(("source", "translation", "faults"), [
    ("The slip was saved.", "La fiche est enregistrée.", 0),
    ("The slip was saved.", "la fiche est enregistrée.", 1),
    ("The slip was saved.", "La fiche est enregistrée", 1),
    ("{role}: sign in again.", "agent : reconnectez-vous.", 1),
    ("{user} may sign in again.", "{user} peut se reconnecter.", 0),
    ("⚠ This same slip was seen.", "⚠ cette fiche a été vue.", 1),
    ("Save", "Enregistrer.", 1), ("Save", "enregistrer", 1), ("Arrival:", "Arrivée :", 0),
    ("not a fingerprint: {text}", "pas une empreinte : {text}", 0),
    ("not a fingerprint", "Pas une empreinte.", 2),
    ("No.", "N°", 0), ("not valid CBOR", "CBOR non valide", 0), ("HQ key expired", "la clé a expiré", 0),
    ("{sex}, born {year}", "{sex}, né en {year}", 0),
])
def test_sentence_rule(source: str, translation: str, faults: int) -> None:
    found = sentence_faults(Message("x.ts", "X", source, translation))
    assert len(found) == faults, found


def test_term_rule() -> None:
    terms = glossary()
    ok = Message("x.ts", "X", "Passphrase of the officer", "Phrase secrète de l'agent")
    assert term_faults(ok, terms) == []
    assert len(term_faults(Message("x.ts", "X", "Passphrase", "Phrase de passe"), terms)) == 2
    assert len(term_faults(Message("x.ts", "X", "Two slips", "Deux tickets"), terms)) == 2
    assert term_faults(Message("x.ts", "X", "Two slips", "Deux fiches"), terms) == []
    assert len(term_faults(Message("x.ts", "X", "Enter the password", "Phrase secrète"), terms)) == 1
