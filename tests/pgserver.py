"""A real PostgreSQL server for the tests (and bench/), started in a temporary directory.

    server = PgServer.start()               # initdb + pg_ctl; unix socket only, no TCP port
    url = server.new_database()             # "postgresql://fieldreg@/t3?host=/tmp/fr-pg-..."
    server.stop()                           # and its directory removed

The binaries are Debian's ``postgresql`` package (scripts/bootstrap.sh installs
it). PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to
the ``postgres`` account the package created and its commands run through
``runuser``. It listens on a unix socket in its own directory only
(``listen_addresses=''``), trusts local connections (nothing else can reach
it), and skips fsync: a test server's data need not survive a power cut
(benchmarks start it ``durable``, with PostgreSQL's default settings).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

SUPERUSER = "fieldreg"


def bindir() -> Path:
    """The newest installed PostgreSQL's programs (Debian: /usr/lib/postgresql/<major>/bin)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("PostgreSQL is not installed: run scripts/bootstrap.sh (Debian's postgresql "
                       "package), which the test command does first")


@dataclass
class PgServer:
    base: Path  # the cluster's data, its log and its socket
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def socket_dir(self) -> Path:
        return self.base

    @classmethod
    def start(cls, *, durable: bool = False) -> PgServer:
        """``durable``: fsync every commit as a production server does (bench/), not a test's."""
        base = Path(tempfile.mkdtemp(prefix="fr-pg-"))  # short: a socket path has ~100 bytes
        server = cls(base)
        as_root = os.geteuid() == 0
        if as_root:
            shutil.chown(base, "postgres", "postgres")
        bin_ = bindir()
        server._run([str(bin_ / "initdb"), "-D", str(base / "data"), "-U", SUPERUSER,
                     "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        options = f"-c listen_addresses='' -k {base} -c max_connections=60"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        server._run([str(bin_ / "pg_ctl"), "-D", str(base / "data"), "-l", str(base / "log"),
                     "-w", "-t", "60", "-o", options, "start"])
        return server

    def _run(self, command: list[str]) -> None:
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.base / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}{tail}")

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.base}"

    def version(self) -> str:
        with psycopg.connect(self.url("postgres")) as conn:
            return str(conn.execute("SHOW server_version").fetchone()[0])  # type: ignore[index]

    def new_database(self) -> str:
        """A fresh, empty database; its connection URL."""
        name = f"t{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY file_copy")
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run([str(bindir() / "pg_ctl"), "-D", str(self.base / "data"), "-m", "immediate",
                       "-w", "stop"])
        shutil.rmtree(self.base, ignore_errors=True)


def use_postgresql(hq_path: Path, url: str) -> None:
    """Point the HQ directory's registry at ``url`` (HQDIR/registry.conf), as an HQ team would."""
    (hq_path / "registry.conf").write_text(
        "# The HQ registry on PostgreSQL (test server; no password: local trust)\n"
        f'url = "{url}"\n', "utf-8")
