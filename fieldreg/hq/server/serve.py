"""Running the receiver: uvicorn with HQ's certificate; SIGTERM lets running imports finish.

    serve(hq, host="0.0.0.0", port=8443)      # blocks until SIGTERM / SIGINT

uvicorn stops accepting connections on SIGTERM and waits for the requests in
progress, up to ``graceful_seconds``; an import in progress is shielded from
that timeout's cancellation (:mod:`fieldreg.hq.server.receiving`), so it always
ends with its commit or its rollback. One process only: the per-post import
lock lives in memory (run several receivers on one HQ directory and two imports
of one post could race; the registry's own checks would still refuse the second).
"""

from __future__ import annotations

import logging

import uvicorn

from fieldreg.errors import InvalidInput
from fieldreg.hq.server.app import DEFAULT_MAX_BATCH, create_app
from fieldreg.hq.server.guard import RateLimit
from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.hqtls import existing_certificate

log = logging.getLogger("fieldreg.hq.receiver")


def parse_listen(text: str) -> tuple[str, int]:
    """``ADDR:PORT`` (``[::1]:8443`` for IPv6) into its parts."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InvalidInput("--listen takes ADDR:PORT, e.g. 127.0.0.1:8443 (got {text!r})", text=text)
    return host, int(port)


def serve(hq: HqDir, *, host: str, port: int, max_batch_bytes: int = DEFAULT_MAX_BATCH,
          rate: RateLimit | None = None, graceful_seconds: int = 120) -> None:
    tls = existing_certificate(hq.path)
    pins = hq.trust_list().tls_pins
    # With pins published, posts accept only those keys: a certificate outside them would
    # lock every post out. With none, posts check the certificate against the public
    # authorities they trust (a certificate from an authority, installed by HQ's team).
    if pins and tls.pin not in pins:
        raise InvalidInput("the trust list does not carry this certificate's pin: run "
                           "'fieldreg hq tls --name HOST' (it publishes it)")
    app = create_app(hq, max_batch_bytes=max_batch_bytes, rate=rate)
    config = uvicorn.Config(app, host=host, port=port, ssl_certfile=str(tls.cert),
                            ssl_keyfile=str(tls.key), access_log=False, log_config=None,
                            timeout_graceful_shutdown=graceful_seconds, server_header=False,
                            timeout_keep_alive=30, limit_concurrency=1000)
    log.info("HQ receiver on https://%s:%d (certificate valid until %s)", host, port,
             tls.not_after)
    uvicorn.Server(config).run()
