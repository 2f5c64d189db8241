"""`rlff dashboard` as a server: loopback by default, gone when told to stop, one list of options."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import psutil
import pytest
from served_app import free_port, wait_healthy

from rlff.cli import build_parser
from rlff_app.startup.flags import DEFAULT_ADDRESS, SERVER_OPTIONS, server_flags

ROOT = Path(__file__).resolve().parent.parent


def _listening(port: int) -> list[str]:
    """The addresses something listens on at ``port`` (TCP)."""
    return [
        c.laddr.ip
        for c in psutil.net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
    ]


def _connects(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.fixture
def dashboard(tmp_path):
    """`rlff dashboard --headless` on a free port, as a user starts it; yields (process, port)."""
    port = free_port()
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "rlff.cli", "dashboard", "--headless", "--port", str(port)],
        cwd=tmp_path,  # not the repository: no .streamlit/config.toml, as after `pip install`
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", timeout=120, proc=proc)
        yield proc, port
    finally:
        for p in psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else []:
            p.kill()
        proc.kill()
        proc.wait()
        log.close()


@pytest.mark.slow
def test_rlff_dashboard_listens_on_loopback_only_by_default(dashboard):
    _proc, port = dashboard
    assert _listening(port) == ["127.0.0.1"]


@pytest.mark.slow
def test_sigterm_to_rlff_dashboard_leaves_nothing_listening_within_5_s(dashboard):
    proc, port = dashboard
    proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 5
    while (_connects(port) or _listening(port)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _connects(port) and not _listening(port)
    proc.wait(timeout=5)  # and `rlff dashboard` itself has exited


def test_the_address_defaults_to_loopback_and_0_0_0_0_is_for_hosting():
    parser = build_parser()
    assert parser.parse_args(["dashboard"]).address == DEFAULT_ADDRESS == "127.0.0.1"
    assert parser.parse_args(["dashboard", "--address", "0.0.0.0"]).address == "0.0.0.0"
    readme = (ROOT / "README.md").read_text()
    assert "--address 0.0.0.0" in readme


def test_a_bad_port_is_a_one_line_usage_error(capsys):
    from rlff.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["dashboard", "--port", "99999"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("error: argument --port: port must be between 1 and 65535")


def test_the_repository_config_agrees_with_the_launcher_s_options():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    in_config = {
        f"{section}.{key}": str(value).lower() if isinstance(value, bool) else str(value)
        for section in ("server", "runner", "browser")
        for key, value in config.get(section, {}).items()
    }
    assert in_config == SERVER_OPTIONS
    flags = server_flags()
    assert dict(zip(flags[::2], flags[1::2], strict=True)) == {f"--{k}": v for k, v in SERVER_OPTIONS.items()}


def test_nothing_else_spells_out_the_server_options():
    for path in (ROOT / "rlff" / "cli.py", ROOT / "tests" / "served_app.py"):
        text = path.read_text()
        for name in SERVER_OPTIONS:
            assert f'"--{name}"' not in text, (path.name, name)
