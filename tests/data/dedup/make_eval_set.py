"""Generate the labelled duplicate-detection evaluation set (fictitious people).

Usage::

    /work/venv/bin/python tests/data/dedup/make_eval_set.py            # rewrite both CSVs
    /work/venv/bin/python tests/data/dedup/make_eval_set.py --out DIR  # write elsewhere

Writes ``eval_dev.csv`` (seed 1; used to tune weights and threshold) and
``eval_test.csv`` (seed 2; only reported, never tuned on). Every person is
invented: given and family names are drawn independently from lists of common
Malian, Burkinabè and Ivorian names, so no row describes a real individual.

The variant model below is written separately from the matcher's tables and
rules (it does not import ``fieldreg``), and includes spellings the matcher's
tables do not list, so the evaluation measures generalisation rather than
table lookup. Pair kinds, each about equally represented within its label:

true duplicates (label 1)
    spelling (table-like aliases or rule mutations in one or both names),
    swapped (given/family swapped, maybe respelled), middle (a given name
    dropped), typo (one keyboard slip), drift (birth-year drift only) and mixed
    (several of these, with missing sex, birth year or locality). Every true
    pair also carries realistic birth-year drift (children little, adults more,
    a tail beyond the matcher's tolerance), and localities respelled, coarser
    (the commune instead of the village) or missing.
hard non-duplicates (label 0)
    sibling (same family, different given names, birth years 0-5 apart, same
    village), twin (traditional twin names, same year), parent (same name one
    generation apart), sex (same name and age, other sex), namesake (same
    common name, same sex, other village, 6-20 years apart), neighbour (same
    given name, another family name, often a look-alike: Koné/Kané,
    Diarra/Diawara), cousin (same family, look-alike given names:
    Aminata/Alimata, Mohamed/Mamadou).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable
from pathlib import Path

REF_YEAR = 2026
HERE = Path(__file__).resolve().parent

FAMILY = (
    "Traoré Coulibaly Diarra Keïta Koné Diallo Touré Sangaré Ouattara Camara Sidibé Cissé Sissoko "
    "Konaté Dembélé Doumbia Bagayoko Maïga Kanté Kouyaté Samaké Sanogo Bamba Fofana Dao Sawadogo "
    "Ouédraogo Kaboré Compaoré Zongo Barry Sow Guindo Dicko Haïdara Dolo Tangara Berthé Mariko "
    "Diakité Dramé Tounkara Niaré Fané Bengaly Soumaré Sylla Kanouté Diawara Kané Magassa Yattara "
    "Goïta Kamissoko Thiam Togola Sacko Dembélé Ballo Bouaré Sissoko Konta Kassogué Timbiné"
).split()
# Weights: the first names of the list are far more common (as in real registers).
FAMILY_WEIGHTS = [1.0 / (i + 3) for i in range(len(FAMILY))]

MALE = (
    "Amadou Mamadou Moussa Oumar Ibrahim Mohamed Seydou Boubacar Abdoulaye Adama Souleymane Issa "
    "Yacouba Lassina Drissa Bakary Modibo Siaka Sékou Salif Aliou Hamidou Fousseyni Karim Ousmane "
    "Daouda Tiémoko Bourama Sidiki Youssouf Cheick Zoumana Madou Kassoum Hassane Issiaka Soumaïla "
    "Tidiani Ali Nouhoum Sambou Mahamane Ahmed Housseini Lamine Abdou Harouna Alassane Birama"
).split()
FEMALE = (
    "Fatoumata Aminata Awa Mariam Kadiatou Oumou Assétou Rokia Djénéba Salimata Kadidia Fanta "
    "Aïssata Korotoumou Bintou Nana Safiatou Maïmouna Adiaratou Sitan Massitan Ramata Mariétou Tenin "
    "Sali Adama Ami Kankou Sata Nassira Alimata Aïcha Hadizatou Habibatou Zeinab Sanata Minata Batoma"
).split()
GIVEN_WEIGHTS = {name: 1.0 / (i + 4) for names in (MALE, FEMALE) for i, name in enumerate(names)}

VILLAGES = (
    "Loulouni Zégoua Kadiolo Misséni Fourou Niéna Kignan Sikasso Koutiala Kolondiéba Yanfolila "
    "Bougouni Garalo Ouéléssébougou Ségou Macina Niono Bla San Tominian Mopti Djenné Bandiagara "
    "Douentza Tombouctou Goundam Ménaka Ansongo Bourem Djibo Dori Ouahigouya Tougan Nouna Banfora"
).split()
COMMUNE_OF = {"Misséni": "Kadiolo", "Fourou": "Kadiolo", "Zégoua": "Kadiolo", "Garalo": "Bougouni", "Kignan": "Sikasso"}

# Alias spellings a clerk might use, written for this generator independently
# of fieldreg/dedup/data (several are deliberately absent from those tables).
ALIASES = {
    "Mohamed": ["Muhammad", "Mouhamed", "Mohammed", "Mahamat", "Mohamad"],
    "Ibrahim": ["Ibrahima", "Brahima", "Bréhima", "Ebrahim"],
    "Moussa": ["Musa", "Moussaa"],
    "Oumar": ["Umar", "Omar", "Oumarou"],
    "Amadou": ["Ahmadou", "Hamadou", "Amadu"],
    "Mamadou": ["Mahamadou", "Mamadu"],
    "Boubacar": ["Aboubakar", "Abubakar", "Bubacarr", "Aboubacar"],
    "Youssouf": ["Yusuf", "Yousouf", "Youssoufou"],
    "Souleymane": ["Sulaiman", "Souleimane", "Suleiman"],
    "Abdoulaye": ["Abdullahi", "Abdoulahi", "Abdulaye"],
    "Seydou": ["Seidou", "Saïdou", "Seidu"],
    "Daouda": ["Dawuda", "Dauda", "Dawda"],
    "Sékou": ["Sekou", "Seku", "Sékouba"],
    "Lassina": ["Lacina", "Lassana"],
    "Fousseyni": ["Fousseni", "Foussény"],
    "Drissa": ["Idrissa", "Driss"],
    "Ousmane": ["Usman", "Ousmana", "Osmane"],
    "Cheick": ["Sheikh", "Cheikh", "Chaka"],
    "Soumaïla": ["Ismaila", "Sumaila"],
    "Kassoum": ["Kassim", "Qasim"],
    "Fatoumata": ["Fatimata", "Fatoumatta", "Fatumata"],
    "Kadiatou": ["Khadiatou", "Kadiatu", "Kadijatu", "Khadija"],
    "Aïssata": ["Aissata", "Aïssatou", "Aisata"],
    "Mariam": ["Mariama", "Maryam", "Meriem"],
    "Djénéba": ["Jeneba", "Dieneba", "Zeinabou"],
    "Awa": ["Hawa", "Haoua"],
    "Assétou": ["Assetou", "Assita"],
    "Rokia": ["Rokiatou", "Rukiya"],
    "Maïmouna": ["Maimuna", "Mamouna"],
    "Salimata": ["Salamata", "Salimatou"],
    "Traoré": ["Trawore", "Tarawore", "Traouré"],
    "Coulibaly": ["Kulibali", "Koulibaly", "Kulubali"],
    "Diallo": ["Jallo", "Djalo", "Jalloh"],
    "Cissé": ["Sissé", "Cissey"],
    "Keïta": ["Kéita", "Kaita"],
    "Touré": ["Turé", "Turay"],
    "Diarra": ["Jara", "Djara", "Jarra"],
    "Ouattara": ["Wattara", "Watara"],
    "Sissoko": ["Cissoko", "Sisoko"],
    "Ouédraogo": ["Wedraogo", "Ouedraogho"],
    "Doumbia": ["Dumbuya", "Doumbouya"],
    "Camara": ["Kamara"],
    "Sangaré": ["Sangari"],
    "Kouyaté": ["Kuyateh", "Kouyate"],
    "Haïdara": ["Aïdara", "Haydara"],
    "Dicko": ["Diko", "Dikko"],
    "Diakité": ["Jakite", "Diakhité"],
    "Bagayoko": ["Bagayogo"],
    "Togola": ["Togora"],
    "Kassogué": ["Kassoge"],
}
# Traditional names given to twins (name, sex, name, sex).
TWIN_NAMES = [("Hassane", "M", "Housseini", "M"), ("Lassina", "M", "Fousseyni", "M"), ("Adama", "M", "Awa", "F")]
LOOKALIKE_FAMILY = [("Koné", "Kané"), ("Konaté", "Kanté"), ("Diarra", "Diawara"), ("Touré", "Traoré"),
                    ("Sissoko", "Kamissoko"), ("Sacko", "Sanogo"), ("Bamba", "Ballo"), ("Dao", "Dolo")]
LOOKALIKE_GIVEN = [("Aminata", "Alimata"), ("Mohamed", "Mamadou"), ("Ahmed", "Amadou"), ("Fanta", "Fatoumata"),
                   ("Sali", "Salif"), ("Minata", "Aminata"), ("Madou", "Mamadou"), ("Ali", "Aliou"),
                   ("Sata", "Sitan"), ("Hassane", "Alassane"), ("Abdou", "Abdoulaye"), ("Nana", "Sanata")]

Person = dict[str, str]

# --- spelling mutations: what a clerk's ear and keyboard do to a name --------
MUTATIONS: list[tuple[str, str]] = [
    ("é", "e"), ("è", "e"), ("ï", "i"), ("ë", "e"), ("ou", "u"), ("Ou", "W"), ("ou", "w"),
    ("dj", "j"), ("Dj", "J"), ("Di", "J"), ("Di", "Dj"), ("ch", "sh"), ("Ch", "Sh"), ("kh", "k"),
    ("c", "k"), ("C", "K"), ("ss", "s"), ("ll", "l"), ("rr", "r"), ("tt", "t"), ("y", "i"),
    ("é", ""), ("ao", "awo"), ("gn", "ny"), ("ia", "ya"), ("ei", "ey"), ("a", "ah"),
]
KEYBOARD = "azertyuiopqsdfghjklmwxcvbn"


def mutate(rng: random.Random, word: str) -> str:
    """Apply one applicable spelling mutation (or an alias) to ``word``."""
    if word in ALIASES and rng.random() < 0.6:
        return rng.choice(ALIASES[word])
    options = [(a, b) for a, b in MUTATIONS if a in word]
    if not options:
        return word + "h" if word[-1] in "aeiou" else word
    a, b = rng.choice(options)
    spots = [i for i in range(len(word)) if word.startswith(a, i)]
    i = rng.choice(spots)
    return word[:i] + b + word[i + len(a):]


def typo(rng: random.Random, word: str) -> str:
    """One keyboard slip: substitution, deletion, insertion or transposition."""
    if len(word) < 3:
        return word + rng.choice(KEYBOARD)
    i = rng.randrange(1, len(word))  # first letters are rarely mistyped
    kind = rng.choice("sdit")
    if kind == "s":
        return word[:i] + rng.choice(KEYBOARD) + word[i + 1:]
    if kind == "d":
        return word[:i] + word[i + 1:]
    if kind == "i":
        return word[:i] + rng.choice(KEYBOARD) + word[i:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


# --- people -------------------------------------------------------------------
def pick(rng: random.Random, names: list[str], weights: list[float] | None = None) -> str:
    return rng.choices(names, weights=weights)[0]


def given_for(rng: random.Random, sex: str) -> str:
    pool = MALE if sex == "M" else FEMALE
    return pick(rng, pool, [GIVEN_WEIGHTS[n] for n in pool])


def new_person(rng: random.Random, *, sex: str | None = None, year: int | None = None) -> Person:
    sex = sex or rng.choice("MF")
    given = given_for(rng, sex)
    if rng.random() < 0.25:  # a second given name
        second = given_for(rng, sex)
        if second != given:
            given = f"{given} {second}"
    return {
        "given": given,
        "family": pick(rng, FAMILY, FAMILY_WEIGHTS),
        "other": "",
        "sex": sex,
        "year": str(year if year is not None else REF_YEAR - rng.choice(range(1, 80))),
        "estimated": "1" if rng.random() < 0.9 else "0",
        "locality": rng.choice(VILLAGES),
    }


def drift(rng: random.Random, p: Person) -> int:
    """How far the second registration's birth year moves: realistic, with a tail."""
    if p["estimated"] == "0":
        return 0
    age = REF_YEAR - int(p["year"])
    if age < 12:
        steps, weights = [0, 1, 2], [60, 35, 5]
    else:
        steps, weights = [0, 1, 2, 3, 4, 5, 6, 7, 8], [28, 24, 18, 10, 8, 5, 3, 2, 2]
    return rng.choices(steps, weights)[0] * rng.choice((-1, 1))


def second_registration(rng: random.Random, p: Person) -> Person:
    """The same person registered again: drifted year, respelled or coarser origin."""
    q = dict(p)
    q["year"] = str(int(p["year"]) + drift(rng, p))
    # An exact date stays exact when the document is shown again, mostly.
    q["estimated"] = "1" if p["estimated"] == "1" or rng.random() < 0.5 else "0"
    r = rng.random()
    if r < 0.15:
        q["locality"] = ""
    elif r < 0.25:
        q["locality"] = COMMUNE_OF.get(p["locality"], rng.choice(VILLAGES))
    elif r < 0.45:
        q["locality"] = mutate(rng, p["locality"])
    if rng.random() < 0.05:
        q["sex"] = ""
    return q


def respell(rng: random.Random, text: str, *, n: int = 1) -> str:
    words = text.split()
    for _ in range(n):
        i = rng.randrange(len(words))
        words[i] = mutate(rng, words[i])
    return " ".join(words)


# --- pair kinds ------------------------------------------------------------------
def m_spelling(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    q = second_registration(rng, p)
    field = rng.choice(["family", "given", "both"])
    if field in ("family", "both"):
        q["family"] = respell(rng, p["family"], n=rng.choice((1, 1, 2)))
    if field in ("given", "both"):
        q["given"] = respell(rng, p["given"])
    return p, q


def m_swapped(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    q = second_registration(rng, p)
    q["given"], q["family"] = p["family"], p["given"].split()[0]
    if rng.random() < 0.5:
        q["given"] = respell(rng, q["given"])
    return p, q


def m_middle(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    second = given_for(rng, p["sex"])
    first = p["given"].split()[0]
    if second == first:
        second = "Baba" if p["sex"] == "M" else "Nènè"
    p["given"] = f"{first} {second}"
    q = second_registration(rng, p)
    q["given"] = first
    return (q, p) if rng.random() < 0.5 else (p, q)


def m_typo(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    q = second_registration(rng, p)
    role = rng.choice(["given", "family"])
    words = q[role].split()
    i = rng.randrange(len(words))
    words[i] = typo(rng, words[i])
    q[role] = " ".join(words)
    return p, q


def m_drift(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    return p, second_registration(rng, p)


def m_mixed(rng: random.Random) -> tuple[Person, Person]:
    p, q = m_spelling(rng)
    if rng.random() < 0.5:
        q["given"], q["family"] = q["family"], q["given"]
    if rng.random() < 0.3:
        q["year"] = ""
    if rng.random() < 0.3:
        q["sex"] = ""
    if rng.random() < 0.3:
        q["other"] = mutate(rng, p["given"].split()[0])
    return p, q


def n_sibling(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    q = new_person(rng, year=int(p["year"]) + rng.choice((-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)))
    while q["given"].split()[0] == p["given"].split()[0]:
        q["given"] = given_for(rng, q["sex"])
    q["family"], q["locality"] = p["family"], p["locality"]
    return p, q


def n_twin(rng: random.Random) -> tuple[Person, Person]:
    a, sex_a, b, sex_b = rng.choice(TWIN_NAMES)
    p = new_person(rng, sex=sex_a, year=REF_YEAR - rng.randrange(1, 50))
    q = dict(p)
    p["given"], q["given"], q["sex"] = a, b, sex_b
    return p, q


def n_parent(rng: random.Random) -> tuple[Person, Person]:
    child = new_person(rng, year=REF_YEAR - rng.randrange(1, 40))
    parent = dict(child)
    parent["year"] = str(int(child["year"]) - rng.randrange(18, 41))
    if rng.random() < 0.3:
        parent["family"] = respell(rng, child["family"])
    return parent, child


def n_sex(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    q = dict(p)
    q["sex"] = "F" if p["sex"] == "M" else "M"
    q["year"] = str(int(p["year"]) + rng.randrange(-5, 6))
    return p, q


def n_namesake(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    p["given"] = p["given"].split()[0]
    q = new_person(rng, sex=p["sex"], year=int(p["year"]) + rng.choice((-1, 1)) * rng.randrange(6, 21))
    q["given"], q["family"] = p["given"], p["family"]
    while q["locality"] == p["locality"]:
        q["locality"] = rng.choice(VILLAGES)
    return p, q


def n_neighbour(rng: random.Random) -> tuple[Person, Person]:
    p = new_person(rng)
    q = new_person(rng, sex=p["sex"], year=int(p["year"]) + rng.randrange(-3, 4))
    q["given"], q["locality"] = p["given"], p["locality"]
    if rng.random() < 0.6:
        p["family"], q["family"] = rng.choice(LOOKALIKE_FAMILY)
    while q["family"] == p["family"]:
        q["family"] = pick(rng, FAMILY, FAMILY_WEIGHTS)
    return p, q


def n_cousin(rng: random.Random) -> tuple[Person, Person]:
    a, b = rng.choice(LOOKALIKE_GIVEN)
    sex = "F" if a in FEMALE else "M"
    p = new_person(rng, sex=sex)
    q = new_person(rng, sex=sex, year=int(p["year"]) + rng.randrange(-4, 5))
    p["given"], q["given"] = a, b
    q["family"] = p["family"] if rng.random() < 0.7 else respell(rng, p["family"])
    return p, q


KINDS: list[tuple[str, int, Callable[[random.Random], tuple[Person, Person]]]] = [
    ("spelling", 1, m_spelling), ("swapped", 1, m_swapped), ("middle", 1, m_middle),
    ("typo", 1, m_typo), ("drift", 1, m_drift), ("mixed", 1, m_mixed),
    ("sibling", 0, n_sibling), ("twin", 0, n_twin), ("parent", 0, n_parent), ("sex", 0, n_sex),
    ("namesake", 0, n_namesake), ("neighbour", 0, n_neighbour), ("cousin", 0, n_cousin),
]
FIELDS = ["given", "family", "other", "sex", "year", "estimated", "locality"]
PAIRS_PER_LABEL = 360


def build(seed: int) -> list[list[str]]:
    """All rows (header first) for one split."""
    rng = random.Random(seed)
    header = ["pair", "kind", "label"] + [f"{s}_{f}" for s in "ab" for f in FIELDS]
    rows = [header]
    for label in (1, 0):
        kinds = [k for k in KINDS if k[1] == label]
        for n in range(PAIRS_PER_LABEL):
            name, _, make = kinds[n % len(kinds)]
            p, q = make(rng)
            rows.append([f"{seed}-{len(rows):04d}", name, str(label)] + [p[f] for f in FIELDS] + [q[f] for f in FIELDS])
    return rows


def write(out: Path) -> None:
    """Write eval_dev.csv (seed 1) and eval_test.csv (seed 2) into ``out``."""
    for name, seed in (("eval_dev.csv", 1), ("eval_test.csv", 2)):
        with (out / name).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(build(seed))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    write(parser.parse_args().out)
