"""The receiver's HTTP interface, on Starlette (docs/formats/sync.md is its specification).

    app = create_app(hq)            # an ASGI app; 'fieldreg hq serve' runs it on uvicorn

Every route but ``/v1/health`` and the tus discovery (``OPTIONS /v1/uploads``)
needs a request signed with a post key (:mod:`fieldreg.hq.server.guard`); the
key is checked before the body is read. Uploads are tus 1.0.0 core with the
creation extension; what becomes of a batch is its upload's result.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fieldreg import __version__
from fieldreg.batches import receipt_filename
from fieldreg.hq.registry import RECEIPTS_DIR
from fieldreg.hq.server.deciding import decide_through_api
from fieldreg.hq.server.guard import AccessLog, Guard, RateLimit, Refuse
from fieldreg.hq.server.published import published_enrollment
from fieldreg.hq.server.receiving import IMPORT_WAIT, Receiver
from fieldreg.hq.server.uploads import Upload
from fieldreg.keys.certificate import KeyEntry
from fieldreg.keys.hqdir import REVOCATIONS_FILE, TRUST_FILE, HqDir
from fieldreg.sync.protocol import (
    API,
    BATCH_STATUS,
    COSE_CONTENT_TYPE,
    IMPORTING,
    PROBLEM,
    RECEIVING,
    TUS_CONTENT_TYPE,
    TUS_VERSION,
    parse_metadata,
)

DEFAULT_MAX_BATCH = 256 * 1024 * 1024
Endpoint = Callable[[Request], Coroutine[Any, Any, Response]]


def create_app(hq: HqDir, *, max_batch_bytes: int = DEFAULT_MAX_BATCH,
               rate: RateLimit | None = None, max_imports: int = 2,
               import_wait: float = IMPORT_WAIT) -> Starlette:
    guard = Guard(hq, rate=rate)
    receiver = Receiver(hq, max_imports=max_imports, import_wait=import_wait)
    tus = {"Tus-Resumable": TUS_VERSION}

    def status_of(upload: Upload) -> str:
        offset = receiver.uploads.offset(upload)
        return IMPORTING if upload.status == RECEIVING and offset == upload.length else upload.status

    def upload_headers(upload: Upload) -> dict[str, str]:
        return {**tus, "Upload-Offset": str(receiver.uploads.offset(upload)),
                "Upload-Length": str(upload.length), BATCH_STATUS: status_of(upload),
                "Cache-Control": "no-store"}

    def own_upload(request: Request, entry: KeyEntry) -> Upload:
        upload = receiver.uploads.get(request.path_params["upload_id"])
        if upload is None:
            raise Refuse(404, "no_upload", "HQ has no such upload: create it again (POST)")
        if upload.post != entry.post_id:
            raise Refuse(403, "wrong_post", "this upload belongs to another post")
        return upload

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__,
                             "importing": receiver.importing})

    async def discover(request: Request) -> Response:
        return Response(status_code=204, headers={
            **tus, "Tus-Version": TUS_VERSION, "Tus-Extension": "creation",
            "Tus-Max-Size": str(max_batch_bytes)})

    async def create(request: Request) -> Response:
        entry = guard.authenticate(request)
        check_tus(request)
        batch = parse_metadata(request.headers.get("upload-metadata", ""))
        if batch is None:
            raise Refuse(400, "bad_metadata", "Upload-Metadata must give post, seq and sha256")
        if batch.post != entry.post_id:
            raise Refuse(403, "wrong_post", f"this key signs for post {entry.post_id}, "
                         f"not {batch.post}")
        length = header_int(request, "upload-length")
        if length < 1 or length > max_batch_bytes:
            raise Refuse(413, "too_large", f"a batch may hold at most {max_batch_bytes} bytes")
        upload = receiver.uploads.create(batch, length=length, kid=entry.key_id.hex())
        if upload.length != length:
            raise Refuse(409, "length_differs", "this batch was announced with another length")
        upload = await receiver.settle(upload)
        return Response(status_code=201, headers={
            **upload_headers(upload), "Location": f"{API}/uploads/{upload.id}"})

    async def head(request: Request) -> Response:
        upload = await receiver.settle(own_upload(request, guard.authenticate(request)))
        return Response(status_code=200, headers=upload_headers(upload))

    async def patch(request: Request) -> Response:
        upload = own_upload(request, guard.authenticate(request))
        check_tus(request)
        if request.headers.get("content-type") != TUS_CONTENT_TYPE:
            raise Refuse(415, "content_type", f"PATCH needs Content-Type: {TUS_CONTENT_TYPE}")
        offset = header_int(request, "upload-offset")
        async with receiver.upload_lock(upload):
            upload = receiver.uploads.get(upload.id) or upload
            current = receiver.uploads.offset(upload)
            if offset != current:
                raise Refuse(409, "offset", f"HQ holds {current} bytes of this upload, not {offset}",
                             headers={"Upload-Offset": str(current)})
            declared = request.headers.get("content-length")
            if declared is not None and (not declared.isdigit()
                                         or current + int(declared) > upload.length):
                raise Refuse(413, "too_long", "more bytes than Upload-Length")
            if current < upload.length:
                await receiver.append(upload, current, request.stream())
        upload = await receiver.settle(upload)
        return Response(status_code=204, headers=upload_headers(upload))

    async def result(request: Request) -> Response:
        upload = await receiver.settle(own_upload(request, guard.authenticate(request)))
        return JSONResponse({"post": upload.post, "seq": upload.seq, "sha256": upload.sha256,
                             "length": upload.length, "offset": receiver.uploads.offset(upload),
                             "status": status_of(upload), "message": upload.message},
                            headers={"Cache-Control": "no-store"})

    async def receipt(request: Request) -> Response:
        entry = guard.authenticate(request)
        if request.path_params["post"] != entry.post_id:
            raise Refuse(403, "wrong_post", "a post may fetch its own receipt only")
        return document(request, hq.path / RECEIPTS_DIR / receipt_filename(entry.post_id))

    async def enrollment(request: Request) -> Response:
        entry = guard.authenticate(request)
        if request.path_params["post"] != entry.post_id:
            raise Refuse(403, "wrong_post", "a post may fetch its own enrollment only")
        return document(request, published_enrollment(hq.path, entry.post_id),
                        media_type="application/json")

    def published(name: str) -> Endpoint:
        async def endpoint(request: Request) -> Response:
            guard.authenticate(request)
            return document(request, hq.path / name)
        return endpoint

    async def decision(request: Request) -> Response:
        return await decide_through_api(hq, guard, request)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refuse)
        return JSONResponse({"problem": exc.problem, "message": exc.message},
                            status_code=exc.status,
                            headers={**tus, PROBLEM: exc.problem, **exc.headers})

    routes = [
        Route(f"{API}/health", health, methods=["GET"]),
        Route(f"{API}/uploads", discover, methods=["OPTIONS"]),
        Route(f"{API}/uploads", create, methods=["POST"]),
        Route(f"{API}/uploads/{{upload_id}}", head, methods=["HEAD"]),
        Route(f"{API}/uploads/{{upload_id}}", patch, methods=["PATCH"]),
        Route(f"{API}/uploads/{{upload_id}}", result, methods=["GET"]),
        Route(f"{API}/posts/{{post}}/receipt", receipt, methods=["GET"]),
        Route(f"{API}/posts/{{post}}/enrollment", enrollment, methods=["GET"]),
        Route(f"{API}/trustlist", published(TRUST_FILE), methods=["GET"]),
        Route(f"{API}/revocations", published(REVOCATIONS_FILE), methods=["GET"]),
        Route(f"{API}/duplicates/decisions", decision, methods=["POST"]),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await receiver.finish_imports()  # SIGTERM: uvicorn closed the connections; imports end

    app = Starlette(routes=routes, middleware=[Middleware(AccessLog)],
                    exception_handlers={Refuse: refused}, lifespan=lifespan)
    app.state.receiver = receiver
    return app


def check_tus(request: Request) -> None:
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise Refuse(412, "tus_version", f"this receiver speaks tus {TUS_VERSION}",
                     headers={"Tus-Version": TUS_VERSION})


def header_int(request: Request, name: str) -> int:
    text = request.headers.get(name, "")
    if not text.isdigit() or len(text) > 12:
        raise Refuse(400, "bad_header", f"{name} must be a whole number")
    return int(text)


def document(request: Request, path: Path, *, media_type: str = COSE_CONTENT_TYPE) -> Response:
    """A signed document with its ETag; 304 when the post already holds these bytes."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Refuse(404, "not_yet", "HQ has no such document yet") from None
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=media_type, headers=headers)


__all__ = ["create_app"]
