"""HQ's receiver: posts upload batches over HTTPS and fetch receipts and lists.

    app.py        the routes (Starlette): health, tus uploads, receipts, trust and revocation lists
    guard.py      signed requests checked against the trust list; rate limits; the access log
    receiving.py  a PATCH's bytes onto disk; the import, serial per post, parallel across posts
    uploads.py    the receiver's own state: HQDIR/uploads/<id>.part and .json, HQDIR/received/
    published.py  what a post fetches besides its receipt: its next key's enrollment file
    serve.py      serve(): the app on uvicorn, TLS, graceful stop on SIGTERM

HQ's TLS certificate, whose key the posts pin, is fieldreg.keys.hqtls. Specified in
docs/formats/sync.md; run as a service as docs/hq.md shows.
"""

from fieldreg.hq.server.app import create_app
from fieldreg.hq.server.published import publish_enrollment
from fieldreg.hq.server.serve import parse_listen, serve
from fieldreg.keys.hqtls import TlsFiles, existing_certificate, make_certificate
from fieldreg.sync.tls import describe_pin

__all__ = ["TlsFiles", "create_app", "describe_pin", "existing_certificate", "make_certificate",
           "parse_listen", "publish_enrollment", "serve"]
