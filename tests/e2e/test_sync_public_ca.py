"""An HQ whose receiver shows a certificate from an authority, with no pin published.

The post then checks the chain and the name the ordinary way, against the authorities
the machine trusts (here one made for the test, named by ``SSL_CERT_FILE`` as an
administrator would install it): accepted when the chain holds, refused when it does not.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from fieldreg.model import utcnow
from tests.e2e.hq_receiver import LOOPBACK, HqSite
from tests.e2e.sync_setup import household_versions_at_hq, post_at


def _authority_and_server(directory: Path) -> Path:
    """A test authority, and a certificate for 127.0.0.1 it signs in HQDIR/tls/; returns its PEM."""
    now = utcnow()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test authority (fictitious)")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=10))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca_key, hashes.SHA256()))
    tls = directory / "tls"
    (tls / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                    serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()))
    (tls / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    authority = directory.parent / "authority.pem"
    authority.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return authority


def test_a_certificate_from_an_authority_works_without_a_pin(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    site = HqSite.create(tmp_path)
    try:
        authority = _authority_and_server(site.hq.path)
        site.hq.set_tls_pins([])  # HQ publishes no pin: its certificate speaks for itself
        server = site.start()
        post = post_at(site, tmp_path / "post", server.url)

        refused = post.sync.run_once()  # this machine does not know the authority yet
        assert refused.problem is not None and "certificate" in refused.problem, refused.problem
        assert refused.permanent and household_versions_at_hq(site) == 0

        monkeypatch.setenv("SSL_CERT_FILE", str(authority))  # the authority installed on the laptop
        report = post.sync.run_once()
        assert report.problem is None, report.problem
        assert [(s, r.status) for s, r in report.uploads] == [(1, "imported")]
        assert household_versions_at_hq(site) == 3
    finally:
        site.stop_all()
