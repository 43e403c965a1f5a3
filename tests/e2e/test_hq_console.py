"""HQ's duplicate decisions through the real receiver, signed with a console key (issue 17 item 4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.hq import Registry, add_console_key
from fieldreg.hq.console import console_keys
from fieldreg.hq.decisions import settled
from fieldreg.keys import key_id_hex
from fieldreg.station.tokens import current_post_key
from fieldreg.sync.signing import sign_request
from fieldreg.validation import parse_household
from tests.e2e.hq_receiver import HQ_PASS, REPO, HqSite, Server
from tests.e2e.sync_setup import post_at
from tests.unit.station.test_duplicates import _key, _single


def _decide(server: Server, private: Ed25519PrivateKey, key_id: str, query: dict[str, str]) -> httpx.Response:
    with httpx.Client(verify=False, timeout=30) as client:  # loopback; the pin is the posts' concern
        request = client.build_request("POST", f"{server.url}/v1/duplicates/decisions", params=query)
        request.headers.update(sign_request(private, key_id, "POST", str(request.url), dict(request.headers)))
        return client.send(request)


def test_a_console_decides_a_pair_through_the_receiver_and_the_post_hears_of_it(
        site: HqSite, server: Server, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url, households=0)
    first = post.households.register(parse_household(_single("Amadou", "Traoré", 1988)))
    again = post.households.register(parse_household(_single("Ahmadou", "Trawore", 1989)))
    assert post.sync.run_once().problem is None and len(post.duplicates.pairs()) == 1
    pair = {"a": _key(post, first), "b": _key(post, again)}
    mariam = Ed25519PrivateKey.generate()
    add_console_key(site.hq, "mariam", mariam.public_key())

    # A post's own key may not decide, an unknown console name is refused, a bad word too:
    # each one line, and nothing recorded.
    own = current_post_key(post)
    refused = _decide(server, own.private_key, key_id_hex(own.key_id), {**pair, "decision": "same"})
    assert refused.status_code == 403 and refused.json()["problem"] == "not_console"
    unknown = _decide(server, mariam, "console:issa", {**pair, "decision": "same"})
    assert unknown.status_code == 401 and unknown.json()["problem"] == "unknown_key"
    bad = _decide(server, mariam, "console:mariam", {**pair, "decision": "maybe"})
    assert bad.status_code == 400 and "\n" not in bad.json()["message"], bad.text
    missing = _decide(server, mariam, "console:mariam", {"a": pair["a"], "decision": "same"})
    assert missing.status_code == 400
    with Registry.open(site.hq) as registry:
        assert settled(registry) == {}

    answer = _decide(server, mariam, "console:mariam", {**pair, "decision": "different"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["decision"] == "different" and body["decided_by"] == "console:mariam"
    assert body["posts"] == ["TGR1"]
    with Registry.open(site.hq) as registry:
        assert [d.decided_by for d in settled(registry).values()] == ["console:mariam"]
    report = post.sync.run_once()  # the receipt written again carries it to the post
    assert report.problem is None and report.receipt is not None and report.receipt.decisions == 1
    assert post.duplicates.pairs() == []


def test_console_keys_are_added_and_removed_with_the_hq_passphrase(site: HqSite, server: Server,
                                                                   tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HQ_PASSPHRASE=HQ_PASS, PYTHONPATH=str(REPO))

    def hq(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "fieldreg", "hq", "console-key", "--dir",
                               str(site.hq.path), *words], env=env, capture_output=True, text=True)

    out = tmp_path / "awa.pem"
    added = hq("add", "awa", "--out", str(out))
    assert added.returncode == 0, added.stderr
    assert out.stat().st_mode & 0o077 == 0
    private = serialization.load_pem_private_key(out.read_bytes(), password=None)
    assert isinstance(private, Ed25519PrivateKey)
    again = hq("add", "awa", "--out", str(out))  # never over a private key already written
    assert again.returncode != 0 and again.stderr.count("\n") == 1
    nowhere = hq("add", "issa", "--out", str(tmp_path / "no-such-folder" / "issa.pem"))
    assert nowhere.returncode != 0 and "issa" not in console_keys(site.hq)  # HQ trusts nothing new
    bad_name = tmp_path / "x.pem"
    assert hq("add", "Not A Name", "--out", str(bad_name)).returncode != 0 and not bad_name.exists()
    query = {"a": "TGR1-26-000001-0/1", "b": "TGR1-26-000002-0/1", "decision": "same"}
    assert _decide(server, private, "console:awa", query).status_code == 404  # signed: HQ looked
    assert hq("remove", "awa").returncode == 0
    assert _decide(server, private, "console:awa", query).status_code == 401
    # A key written into the file behind HQ's back fails the signature: every console request refused.
    (site.hq.path / "console_keys.cose").write_bytes(b"\xd2\x84" + b"\x00" * 40)
    assert _decide(server, private, "console:awa", query).status_code == 401
