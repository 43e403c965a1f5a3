"""Keys and trust: HQ root key, post keys and certificates, trust and revocation lists.

    hq = HqDir.init(path, passphrase)                    # HQ, once
    pkg = hq.enroll_post("NIA")                          # -> enrollment file + passphrase
    enr = open_enrollment(pkg.data, pkg.passphrase)      # at the post
    store = TrustStore.create(None, hq.trust_list().raw, fingerprint=hq.fingerprint)  # at a camp

Formats: docs/formats/trustlist.md and docs/formats/enrollment.md.
"""

from fieldreg.keys.certificate import Certificate, KeyEntry, check_post_id
from fieldreg.keys.enrollment import (
    Enrollment,
    EnrollmentInfo,
    generate_passphrase,
    open_enrollment,
    read_enrollment_info,
)
from fieldreg.keys.hqdir import EnrollmentPackage, HqDir
from fieldreg.keys.ids import fingerprint, key_id, key_id_hex, parse_key_id
from fieldreg.keys.postkey import PostKey
from fieldreg.keys.trustlist import RevocationList, TrustList
from fieldreg.keys.truststore import StaleTrustList, TrustStore

__all__ = [
    "Certificate",
    "Enrollment",
    "EnrollmentInfo",
    "EnrollmentPackage",
    "HqDir",
    "KeyEntry",
    "PostKey",
    "RevocationList",
    "StaleTrustList",
    "TrustList",
    "TrustStore",
    "check_post_id",
    "fingerprint",
    "generate_passphrase",
    "key_id",
    "key_id_hex",
    "open_enrollment",
    "parse_key_id",
    "read_enrollment_info",
]
