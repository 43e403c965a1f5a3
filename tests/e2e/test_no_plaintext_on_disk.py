"""A copied data directory must reveal no one: scan every byte of every file."""

from __future__ import annotations

import json
from pathlib import Path

from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household

# Distinctive values, unlikely to appear by chance in any binary file.
SECRETS = {
    "given_names": "Zoumanaxq", "family_name": "Kwarteyqz", "other_names": "Djelikabq",
    "locality": "Ouroumpanaq", "region": "Kpelirazone", "destination": "Campozephyr",
    "notes": "Blessuretrucq", "document": "PX-4471-QQZ", "phone": "+223 00 87 65 43",
    "reason": "Motifsecretq", "birth_date": "2019-02-17",
}


def distinctive_household() -> dict[str, object]:
    obj = household(
        origin={"country": "MLI", "region": SECRETS["region"], "locality": SECRETS["locality"]},
        destination=SECRETS["destination"], notes=SECRETS["notes"],
    )
    obj["members"][0] = dict(
        obj["members"][0], given_names=SECRETS["given_names"],
        family_name=SECRETS["family_name"], other_names=SECRETS["other_names"],
        phone=SECRETS["phone"], documents=[{"type": "passport", "number": SECRETS["document"]}],
    )
    obj["members"][1] = {"given_names": "Ténin", "family_name": "Kwarteyqz", "sex": "F",
                         "birth_date": SECRETS["birth_date"], "relationship": "child"}
    return obj


def encodings(secret: str) -> list[bytes]:
    forms = {secret, secret.upper(), secret.lower(), json.dumps(secret)}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def scan(directory: Path) -> list[str]:
    found = []
    files = [p for p in directory.rglob("*") if p.is_file()]
    assert files, "nothing to scan"
    for path in files:
        data = path.read_bytes()
        for name, secret in SECRETS.items():
            if any(form in data for form in encodings(secret)):
                found.append(f"{name} in {path.name}")
    return found


def test_no_personal_field_in_clear_anywhere(admin: Session, data_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    regnos = [admin.households.register(parse_household(distinctive_household())) for _ in range(20)]
    changed = admin.households.get(regnos[0]).household.to_json()
    changed["notes"] = SECRETS["notes"] + " corrected"
    admin.households.correct(regnos[0], parse_household(changed), base_version=1, reason=SECRETS["reason"])
    admin.households.void(regnos[1], reason=SECRETS["reason"])
    # The CLI too (it writes the log file), reading and searching.
    stdin = json.dumps(distinctive_household(), ensure_ascii=False)
    assert run_cli("register", "-", stdin=stdin).returncode == 0
    assert SECRETS["family_name"] in run_cli("search", SECRETS["family_name"]).stdout
    assert SECRETS["document"] in run_cli("show", regnos[0]).stdout
    assert (data_dir / "fieldreg.db-wal").exists()  # scan the WAL before any checkpoint
    assert (data_dir / "logs" / "fieldreg.log").exists()
    assert scan(data_dir) == []
    # And after a checkpoint has moved everything into the main file.
    admin.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert scan(data_dir) == []


def test_scanner_would_see_a_leak(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "leak.tmp").write_bytes(b"\x00junk" + "Kwarteyqz".encode("utf-16-le"))
    assert scan(data_dir) == ["family_name in leak.tmp"]
