"""HQ's TLS certificate for its receiver: self-signed, its key pinned by the posts.

    cert = make_certificate(hq.path, names=["hq.example.org", "127.0.0.1"])   # HQDIR/tls/
    hq.set_tls_pins([cert.pin])                       # the next trust list carries it
    tls = existing_certificate(hq.path)               # what 'fieldreg hq serve' loads
    spki_pin(certificate_der)                         # what a post compares (fieldreg.sync.tls)

A post trusts the key, not a name or an authority (docs/formats/sync.md §2), so
the certificate's names matter only to other clients. The private key is kept
unencrypted in ``HQDIR/tls/key.pem`` (mode 0600), as any TLS server's is: it
authenticates HQ's receiver only; HQ's root key and the batches' decryption key
stay sealed under the HQ passphrase. A certificate from a public authority may
be put in the same two files instead; its pin is published the same way.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID

from fieldreg.errors import CorruptData, NotFound
from fieldreg.fsutil import atomic_write
from fieldreg.model import utcnow

TLS_DIR = "tls"
CERT_FILE = "cert.pem"
KEY_FILE = "key.pem"
CERT_VALIDITY = timedelta(days=825)


def spki_pin(certificate_der: bytes) -> bytes:
    """SHA-256 of the certificate's DER SubjectPublicKeyInfo (as HPKP and curl's --pinnedpubkey)."""
    cert = x509.load_der_x509_certificate(certificate_der)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).digest()


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path
    pin: bytes
    not_after: str


def make_certificate(hq_path: Path, *, names: list[str], valid_for: timedelta = CERT_VALIDITY,
                     not_before_delta: timedelta = timedelta(minutes=-5)) -> TlsFiles:
    """A new P-256 key and a self-signed certificate for ``names`` (host names or addresses)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = utcnow()
    alt: list[x509.GeneralName] = []
    for name in names or ["localhost"]:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "FieldReg HQ receiver")])
    cert = (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + not_before_delta)
            .not_valid_after(now + valid_for)
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    directory = hq_path / TLS_DIR
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(directory / KEY_FILE, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    atomic_write(directory / CERT_FILE, cert.public_bytes(serialization.Encoding.PEM))
    return existing_certificate(hq_path)


def existing_certificate(hq_path: Path) -> TlsFiles:
    directory = hq_path / TLS_DIR
    cert_path, key_path = directory / CERT_FILE, directory / KEY_FILE
    try:
        pem = cert_path.read_bytes()
    except FileNotFoundError:
        raise NotFound("HQ has no TLS certificate yet: run 'fieldreg hq tls --name HOST'") from None
    if not key_path.exists():
        raise NotFound("{key} is missing: run 'fieldreg hq tls --name HOST' again", key=key_path)
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise CorruptData("{path} is not a PEM certificate", path=cert_path) from None
    der = cert.public_bytes(serialization.Encoding.DER)
    return TlsFiles(cert_path, key_path, spki_pin(der), f"{cert.not_valid_after_utc:%Y-%m-%d}")
