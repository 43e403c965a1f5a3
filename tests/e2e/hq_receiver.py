"""The real HQ receiver over loopback for the sync tests, and the faults put in its way.

    hq = HqSite.create(tmp_path)             # HQ directory, TLS certificate (its pin published)
    with hq.serve() as server: ...           # 'fieldreg hq serve' as a subprocess on 127.0.0.1
    proxy = FaultProxy(server.port)          # an asyncio TCP proxy the test steers: cut, throttle,
    proxy.cut_after(90_000)                  #   switch upstream, answer HTTP CONNECT (HTTPS_PROXY)
    other = TlsApp(cert_dir, status=503)     # another TLS server: a wrong pin, an expired
                                             #   certificate, an HQ answering 503

Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fieldreg.hq.server import TlsFiles, make_certificate
from fieldreg.keys import HqDir
from tests.conftest import FAST_KDF, HQ_PASS

LOOPBACK = "127.0.0.1"
REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """One 'fieldreg hq serve' process."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"https://{LOOPBACK}:{self.port}"

    def stop(self, *, kill: bool = False) -> int:
        if self.process.poll() is None:
            (self.process.kill if kill else self.process.terminate)()
        return self.process.wait(timeout=60)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@dataclass
class HqSite:
    hq: HqDir
    tls: TlsFiles
    base: Path
    servers: list[Server] = field(default_factory=list)

    @classmethod
    def create(cls, base: Path) -> HqSite:
        hq = HqDir.init(base / "hq", HQ_PASS, kdf=FAST_KDF)
        tls = make_certificate(hq.path, names=[LOOPBACK])
        hq.set_tls_pins([tls.pin])
        return cls(hq, tls, base)

    def start(self, *, file_size_limit: int | None = None, port: int | None = None) -> Server:
        port = port or free_port()
        log = self.base / f"server-{len(self.servers)}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
        env.update(FIELDREG_HQ_PASSPHRASE=HQ_PASS, PYTHONPATH=str(REPO))

        def limit() -> None:  # a file-size limit stands in for a full disk (EFBIG like ENOSPC)
            if file_size_limit is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "fieldreg", "hq", "serve", "--dir", str(self.hq.path),
                 "--listen", f"{LOOPBACK}:{port}"], env=env, stdout=out, stderr=out,
                preexec_fn=limit)
        server = Server(process, port, log)
        self.servers.append(server)
        wait_healthy(server)
        return server

    def stop_all(self) -> None:
        for server in self.servers:
            server.stop(kill=True)


def wait_healthy(server: Server, *, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the receiver stopped: {server.log_text()}")
        try:
            if httpx.get(f"{server.url}/v1/health", verify=False, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("the receiver did not answer its health check")


class FaultProxy:
    """A TCP proxy on 127.0.0.1 between the post and HQ; the link's faults on demand."""

    def __init__(self, upstream_port: int):
        self.upstream_port = upstream_port
        self.rate: float | None = None  # bytes per second, each direction (a slow link)
        self.cut_every: float | None = None  # seconds: the link drops this often
        self.down = False  # no link at all: connections are closed at once
        self.bytes_up = 0
        self.connects: list[str] = []  # "CONNECT host:port" lines seen (HTTPS_PROXY)
        self.connections = 0
        self.cuts = 0
        self._cut_at: int | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def url(self) -> str:
        return f"https://{LOOPBACK}:{self.port}"

    def cut_after(self, upload_bytes: int) -> None:
        """Drop every connection once this many more bytes went towards HQ."""
        self._cut_at = self.bytes_up + upload_bytes

    def cut_now(self) -> None:
        self._loop.call_soon_threadsafe(self._cut_all)

    def close(self) -> None:
        async def shut() -> None:
            self._server.close()
            self._cut_all()
            await self._server.wait_closed()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shut(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _cut_all(self) -> None:
        self.cuts += 1
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, LOOPBACK, 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._loop.create_task(self._cutter())
        self._ready.set()
        self._loop.run_forever()

    async def _cutter(self) -> None:
        while True:
            await asyncio.sleep(0.05)
            if self.cut_every is not None:
                await asyncio.sleep(self.cut_every)
                if self.cut_every is not None:
                    self._cut_all()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if self.down:
            writer.transport.abort()
            return
        try:
            head = await reader.readexactly(1)
        except asyncio.IncompleteReadError:
            writer.transport.abort()
            return
        if head == b"C":  # a client that speaks to us as its HTTPS_PROXY: CONNECT host:port
            line = head + await reader.readuntil(b"\r\n\r\n")
            self.connects.append(line.split(b"\r\n")[0].decode())
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            head = b""  # (a TLS ClientHello starts with 0x16, never with "C")
        try:
            up_reader, up_writer = await asyncio.open_connection(LOOPBACK, self.upstream_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update({writer, up_writer})
        if head:
            self.bytes_up += len(head)
            up_writer.write(head)
        await asyncio.gather(self._pump(reader, up_writer, upward=True),
                             self._pump(up_reader, writer, upward=False),
                             return_exceptions=True)
        for w in (writer, up_writer):
            self._writers.discard(w)
            w.transport.abort()

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *,
                    upward: bool) -> None:
        while True:
            size = 4096 if self.rate is None else max(256, int(self.rate / 20))
            data = await reader.read(size)
            if not data:
                writer.transport.abort()
                return
            if self.rate is not None:
                await asyncio.sleep(len(data) / self.rate)
            if upward:
                self.bytes_up += len(data)
                if self._cut_at is not None and self.bytes_up >= self._cut_at:
                    self._cut_at = None
                    self._cut_all()
                    return
            writer.write(data)
            await writer.drain()


class TlsApp:
    """Another TLS server on 127.0.0.1, in a thread: not HQ (a wrong pin), an expired HQ, an HQ
    answering 503 -- or, given ``app``, HQ's own app with settings the command line does not offer."""

    def __init__(self, tls: TlsFiles, *, status: int = 503, retry_after: int = 1,
                 app: Starlette | None = None):
        async def answer(request: Request) -> Response:
            self.requests += 1
            return JSONResponse({"problem": "busy", "message": "HQ is busy"}, status_code=status,
                                headers={"Retry-After": str(retry_after)})

        self.requests = 0
        app = app or Starlette(routes=[Route("/{path:path}", answer,
                                             methods=["GET", "HEAD", "POST", "PATCH", "OPTIONS"])])
        self.port = free_port()
        config = uvicorn.Config(app, host=LOOPBACK, port=self.port, ssl_certfile=str(tls.cert),
                                ssl_keyfile=str(tls.key), log_config=None, access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.05)

    def close(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)


def other_certificate(base: Path, *, expired: bool = False) -> TlsFiles:
    """A certificate in a directory of its own: another key, or HQ's kind of cert but expired."""
    base.mkdir(parents=True, exist_ok=True)
    if expired:
        return make_certificate(base, names=[LOOPBACK], valid_for=timedelta(days=-1),
                                not_before_delta=timedelta(days=-30))
    return make_certificate(base, names=[LOOPBACK])


@contextlib.contextmanager
def running(site: HqSite) -> Iterator[Server]:
    server = site.start()
    try:
        yield server
    finally:
        site.stop_all()
