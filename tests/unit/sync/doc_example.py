"""The example exchange of docs/formats/sync.md §7, rebuilt from a test-only key.

Ed25519 signatures are deterministic, so the same key, time and request give
the same bytes: test_doc_example.py compares this text with the document.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from http_message_signatures import HTTPMessageSigner, algorithms

from fieldreg.sync.protocol import BatchId
from fieldreg.sync.signing import LABEL, TAG, covered_components, sign_request

TEST_ONLY_SEED = bytes(range(32))  # test fixture only: never a real post's key
KEY_ID = "56475aa75463474c"  # SHA-256(public key)[0:8] of the test-only key, as a post key id is
CREATED = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
HOST = "hq.example.org:8443"
BATCH = b"an example batch file of 40 bytes......."


def _signed(method: str, path: str, headers: dict[str, str]) -> tuple[dict[str, str], str]:
    key = Ed25519PrivateKey.from_private_bytes(TEST_ONLY_SEED)
    url = f"https://{HOST}{path}"
    lowered = {k.lower(): v for k, v in headers.items()}

    class Message:  # the library's view of a request
        def __init__(self) -> None:
            self.method, self.url, self.headers = method, url, dict(lowered)

    prepared = HTTPMessageSigner(signature_algorithm=algorithms.ED25519).prepare(
        Message(), key_id=KEY_ID, created=CREATED, label=LABEL, tag=TAG,
        covered_component_ids=covered_components(lowered))
    return ({**headers, **sign_request(key, KEY_ID, method, url, headers, now=CREATED)},
            prepared.signature_base.decode())


def example() -> str:
    batch = BatchId("TGR1", 4, hashlib.sha256(BATCH).digest())
    out: list[str] = []
    create = {"Tus-Resumable": "1.0.0", "Upload-Length": str(len(BATCH)),
              "Upload-Metadata": batch.metadata(), "Content-Length": "0"}
    headers, base = _signed("POST", "/v1/uploads", create)
    out += ["POST /v1/uploads HTTP/1.1", f"Host: {HOST}",
            *(f"{k}: {v}" for k, v in headers.items()), "",
            "# signature base (RFC 9421 §2.5) that the Signature signs:", base, "",
            "HTTP/1.1 201 Created",
            f"Location: /v1/uploads/{batch.upload_id}",
            "Tus-Resumable: 1.0.0", "Upload-Offset: 0", f"Upload-Length: {len(BATCH)}",
            "FieldReg-Batch-Status: receiving", "Cache-Control: no-store", ""]
    patch = {"Tus-Resumable": "1.0.0", "Upload-Offset": "0",
             "Content-Type": "application/offset+octet-stream",
             "Content-Length": str(len(BATCH))}
    headers, _ = _signed("PATCH", f"/v1/uploads/{batch.upload_id}", patch)
    out += [f"PATCH /v1/uploads/{batch.upload_id} HTTP/1.1", f"Host: {HOST}",
            *(f"{k}: {v}" for k, v in headers.items()), "",
            f"<{len(BATCH)} bytes of the batch file>", "",
            "HTTP/1.1 204 No Content", "Tus-Resumable: 1.0.0", f"Upload-Offset: {len(BATCH)}",
            f"Upload-Length: {len(BATCH)}", "FieldReg-Batch-Status: imported",
            "Cache-Control: no-store"]
    return "\n".join(out)


if __name__ == "__main__":
    print(example())
