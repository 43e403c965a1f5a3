"""``fieldreg init --demo``: a ready demo post full of clearly fictitious households.

Every name is a random pairing of common given and family names from the
region, drawn with a fixed seed; documents and phone numbers use formats no
real document or line has (``DEMO-…``, ``+223 00 …``). The last three days
carry a surge so the supervisor's "unusual flow" warning has something to show.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import InvalidInput
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.keys.hqtls import make_certificate
from fieldreg.model import utcnow
from fieldreg.station.enrollment import create_enrolled_post
from fieldreg.station.station import Station
from fieldreg.validation import parse_household

DEMO_POST_ID = "DEMO"
DEMO_POST_NAME = "Poste frontière de démonstration (fictif)"
DEMO_HQ_DIR = "demo-hq"
DEMO_HQ_PASSPHRASE = "demo-hq-2026"  # published: the demo HQ signs only fictitious slips
DEMO_HQ_LISTEN = "127.0.0.1:8443"
DEMO_HQ_URL = f"https://{DEMO_HQ_LISTEN}"
# Published demo credentials: the demo holds no real person's data.
DEMO_USERS = (
    ("admin", "admin", "demo-admin-2026"),
    ("superviseur", "supervisor", "demo-superviseur-2026"),
    ("agent", "officer", "demo-agent-2026"),
)

FEMALE = ("Aminata", "Fatoumata", "Mariam", "Awa", "Kadiatou", "Djeneba", "Oumou", "Salimata",
          "Assitan", "Rokia", "Hawa", "Bintou", "Korotoumou", "Nana", "Safiatou", "Aïssata",
          "Ramata", "Maimouna", "Fanta", "Sitan")
MALE = ("Moussa", "Ousmane", "Amadou", "Mamadou", "Seydou", "Bakary", "Drissa", "Souleymane",
        "Ibrahim", "Lassina", "Yacouba", "Boubacar", "Modibo", "Issa", "Abdoulaye", "Sékou",
        "Siaka", "Zoumana", "Oumar", "Daouda")
FAMILY = ("Traoré", "Coulibaly", "Diarra", "Keïta", "Koné", "Sangaré", "Diallo", "Cissé",
          "Touré", "Sidibé", "Dembélé", "Konaté", "Samaké", "Doumbia", "Maïga", "Ouattara",
          "Sanogo", "Bagayoko", "Dao", "Fofana", "Togola", "Berthé", "Guindo", "Kanté")
ORIGINS = (
    ("MLI", "Sikasso", ("Loulouni", "Kadiolo", "Zégoua", "Misséni", "Fourou", "Niéna")),
    ("MLI", "Bougouni", ("Garalo", "Yanfolila", "Kolondiéba")),
    ("MLI", "Koutiala", ("Molobala", "Zangasso")),
    ("BFA", "Cascades", ("Niangoloko", "Mangodara")),
)
DESTINATIONS = ("Site de transit de Tengréla", "Village hôte de Kimbirila-Nord",
                "Site de Ouangolodougou")
TRAVEL = ("à pied", "moto", "camion", "charrette", "")


def _member(rng: random.Random, *, relationship: str, family: str, age: int, sex: str,
            today: date) -> dict[str, Any]:
    member: dict[str, Any] = {
        "given_names": rng.choice(FEMALE if sex == "F" else MALE),
        "family_name": family,
        "sex": sex,
        "relationship": relationship,
        "nationality": "MLI",
        "languages": rng.sample(["bm", "fr", "ff", "sef"], k=rng.randint(1, 2)),
    }
    if age < 12 and rng.random() < 0.3:
        born = today - timedelta(days=365 * age + rng.randint(0, 364))
        member["birth_date"] = born.isoformat()
    elif rng.random() < 0.5:
        member["age"] = age
    else:
        member["birth_year"] = today.year - age
    if age >= 18 and rng.random() < 0.4:
        member["documents"] = [{"type": "national_id", "number": f"DEMO-{rng.randint(0, 99999):05d}"}]
    if age >= 18 and rng.random() < 0.3:
        member["phone"] = f"+223 00 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
    if rng.random() < 0.06:
        member["specific_needs"] = [rng.choice(["SM", "DS", "PL", "ER", "WR"])]
    return member


def demo_household(rng: random.Random, day: date) -> dict[str, Any]:
    country, region, localities = rng.choice(ORIGINS)
    family = rng.choice(FAMILY)
    head_sex = "F" if rng.random() < 0.35 else "M"
    members = [_member(rng, relationship="head", family=family, age=rng.randint(22, 60),
                       sex=head_sex, today=day)]
    if head_sex == "M" and rng.random() < 0.8:
        members.append(_member(rng, relationship="spouse", family=rng.choice(FAMILY),
                               age=rng.randint(18, 45), sex="F", today=day))
    for _ in range(rng.choice([0, 1, 2, 2, 3, 3, 4, 5])):
        members.append(_member(rng, relationship="child", family=family,
                               age=rng.randint(0, 17), sex=rng.choice("FM"), today=day))
    if rng.random() < 0.1:
        members.append(_member(rng, relationship="parent", family=family,
                               age=rng.randint(60, 85), sex=rng.choice("FM"), today=day))
    household: dict[str, Any] = {
        "arrival_date": day.isoformat(),
        "origin": {"country": country, "region": region, "locality": rng.choice(localities)},
        "destination": rng.choice(DESTINATIONS),
        "consent": True,
        "members": members,
    }
    travel = rng.choice(TRAVEL)
    if travel:
        household["travel_mode"] = travel
    return household


def create_demo(data_dir: Path, *, days: int = 30, seed: int = 2026) -> str:
    """Create the demo post in ``data_dir``; returns a message naming the demo users."""
    admin_name, _, admin_pass = DEMO_USERS[0]
    if Station.exists(data_dir):
        raise InvalidInput("{data_dir} already holds a FieldReg store; nothing was changed", data_dir=data_dir)
    # A demo HQ next to the post, so slips and verification work at once. Its
    # passphrase is published, so the cheapest KDF costs no protection here.
    hq = HqDir.init(data_dir / DEMO_HQ_DIR, DEMO_HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests())
    # Its receiver's TLS key is pinned before the post is enrolled, so the post trusts it
    # from the start ('fieldreg hq serve --demo' runs it on DEMO_HQ_URL).
    hq.set_tls_pins([make_certificate(hq.path, names=["127.0.0.1", "localhost"]).pin])
    package = hq.enroll_post(DEMO_POST_ID)
    enrollment = open_enrollment(package.data, package.passphrase)
    station = create_enrolled_post(data_dir, enrollment, post_name=DEMO_POST_NAME,
                                   admin=admin_name, passphrase=admin_pass, with_recovery_code=True)
    code = station.recovery_code
    admin = station.unlock(admin_name, admin_pass)
    for name, role, passphrase in DEMO_USERS[1:]:
        admin.accounts.add(name, role=role, passphrase=passphrase, must_change=False)
    admin.sync.configure(url=DEMO_HQ_URL, auto_batch=True)
    officer = station.unlock(DEMO_USERS[2][0], DEMO_USERS[2][2])
    rng = random.Random(seed)
    today = utcnow().date()
    count = 0
    for back in range(days, -1, -1):
        day = today - timedelta(days=back)
        per_day = rng.randint(25, 32) if back < 3 else rng.randint(5, 10)
        for _ in range(per_day):
            officer.households.register(parse_household(demo_household(rng, day)))
            count += 1
    users = "\n".join(f"  {name:<12} {role:<11} passphrase: {pw}" for name, role, pw in DEMO_USERS)
    return (
        f"Demo post {DEMO_POST_ID} ready in {data_dir} with {count} fictitious households.\n"
        f"Demo accounts (demo only, never use these passphrases for real):\n{users}\n"
        f"Demo HQ in {data_dir / DEMO_HQ_DIR}, fingerprint {hq.fingerprint}, "
        f"HQ passphrase: {DEMO_HQ_PASSPHRASE} (demo only); its receiver: "
        f"'fieldreg hq serve --demo', then 'fieldreg sync --once' as {DEMO_USERS[1][0]}\n"
        f"Recovery code (shown once; opens the post if every administrator forgets): {code}"
    )
