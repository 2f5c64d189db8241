"""A throw-away PostgreSQL server for the tests: initdb into a temporary folder, start, stop.

Uses Debian's binaries (``/usr/lib/postgresql/*/bin``). PostgreSQL refuses to run as root, so
as root the server runs as the ``postgres`` user (through ``runuser``), in a folder it owns.
It listens on a free loopback port and keeps its unix socket in the temporary folder, so it
never meets the machine's own server.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding initdb, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def why_unavailable() -> str | None:
    """Why a server cannot be started here, or None when it can."""
    if find_bin_dir() is None:
        return "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/initdb); apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root without runuser to drop to the 'postgres' user"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    """A running server; :meth:`stop` ends it and removes its folder."""

    folder: Path
    port: int
    user: str
    bin_dir: Path

    def url(self, database: str = "rlff") -> str:
        """SQLAlchemy URL of ``database`` on this server (trust authentication on loopback)."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name``; returns its URL."""
        _run(self, [str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, name])
        return self.url(name)

    def stop(self) -> None:
        """Stop fast (open connections are cut) and remove the data folder."""
        try:
            _run(self, [str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.folder / "data"), "-m", "fast", "-w"])
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _as_server_user(server_user: str | None, cmd: list[str]) -> list[str]:
    return ["runuser", "-u", server_user, "--", *cmd] if server_user else cmd


def _run(server: PostgresServer, cmd: list[str]) -> None:
    runner = "postgres" if os.geteuid() == 0 else None
    subprocess.run(_as_server_user(runner, cmd), check=True, capture_output=True, timeout=120)


def start() -> PostgresServer:
    """initdb + start a server; raises RuntimeError (with the server's log) when it fails."""
    reason = why_unavailable()
    if reason:
        raise RuntimeError(reason)
    bin_dir = find_bin_dir()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="rlff-pg-"))
    runner = None
    if os.geteuid() == 0:
        runner = "postgres"
        info = pwd.getpwnam(runner)
        os.chown(folder, info.pw_uid, info.pw_gid)
    user = runner or pwd.getpwuid(os.geteuid()).pw_name
    port = _free_port()
    data = folder / "data"
    init = [str(bin_dir / "initdb"), "-D", str(data), "-U", user, "-A", "trust", "-E", "UTF8", "--no-sync"]
    server = PostgresServer(folder, port, user, bin_dir)
    try:
        subprocess.run(_as_server_user(runner, init), check=True, capture_output=True, timeout=120)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        ctl = [
            str(bin_dir / "pg_ctl"),
            "start",
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(folder / "log"),
            "-o",
            options,
        ]
        subprocess.run(_as_server_user(runner, ctl), check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
        log = (folder / "log").read_text(errors="replace")[-2000:] if (folder / "log").exists() else ""
        stderr = getattr(err, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {stderr.decode(errors='replace')[-1000:]} {log}") from None
    return server
