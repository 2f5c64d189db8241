"""A real OpenID Connect provider on loopback (``oidc-provider``, Node) for the single sign-on tests.

``tests/oidc/`` holds the provider script and its exact npm dependencies (package-lock.json).
:func:`oidc_provider` installs them with ``npm ci`` into a cache folder once (keyed by the lock's
hash, so the repository holds no node_modules), starts ``node provider.mjs`` on a free port of
127.0.0.1, waits for its discovery document and stops it afterwards. Without node or npm it
skips, saying what to install (``scripts/system_packages.sh`` installs Debian's ``nodejs npm``).

The provider's login form accepts any login and password; the login is the e-mail the ID token
carries (``email_verified: true``, false for a local part ending in ``+unverified``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from served_app import free_port

HERE = Path(__file__).resolve().parent / "oidc"
FILES = ("package.json", "package-lock.json", "provider.mjs")
CLIENT_ID = "rlff-dashboard"
CLIENT_SECRET = "rlff-tests-client-secret"  # test only: the provider lives for one test


@dataclass(frozen=True)
class Provider:
    """A running provider: its issuer URL and discovery document's URL."""

    issuer: str
    metadata_url: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def secrets_toml(self, redirect_uri: str) -> str:
        """The app's ``[auth]`` secrets for this provider (prompt=login: the form at every login)."""
        values = {
            "redirect_uri": redirect_uri,
            "cookie_secret": "rlff-tests-cookie-secret-0123456789",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "server_metadata_url": self.metadata_url,
        }
        lines = ["[auth]", *(f"{k} = {json.dumps(v)}" for k, v in values.items())]
        # Streamlit asks for prompt=select_account by default, which oidc-provider does not know.
        return "\n".join([*lines, 'client_kwargs = { prompt = "login" }', ""])


def cache_dir() -> Path:
    """Where ``npm ci`` installs the provider: ``$RLFF_OIDC_CACHE``, else ~/.cache/rlff/oidc-provider-<lock hash>."""
    if os.environ.get("RLFF_OIDC_CACHE"):
        return Path(os.environ["RLFF_OIDC_CACHE"])
    digest = hashlib.sha256((HERE / "package-lock.json").read_bytes()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "rlff" / f"oidc-provider-{digest}"


def installed() -> Path:
    """The cache folder with the provider and its node_modules (``npm ci`` when missing); skips without npm."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("single sign-on tests need Node.js and npm: apt-get install nodejs npm")
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(HERE / name, folder / name)
    done_stamp = folder / "node_modules" / ".rlff-npm-ci-done"  # not there after an interrupted npm ci
    if not done_stamp.exists():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"npm ci in {folder} failed:\n{done.stdout}\n{done.stderr}")
        done_stamp.touch()
    return folder


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited ({proc.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200 and json.load(resp).get("issuer"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the OIDC provider did not answer {url} within {timeout:.0f} s:\n{log.read_text()}")


@contextlib.contextmanager
def oidc_provider(redirect_uri: str, log: Path) -> Iterator[Provider]:
    """Run the provider for a client whose only redirect (and post-logout) URI is ``redirect_uri``."""
    folder = installed()
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_HOST": "127.0.0.1",
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": redirect_uri,
    }
    with open(log, "wb") as out:
        proc = subprocess.Popen(["node", "provider.mjs"], cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            metadata = f"{issuer}/.well-known/openid-configuration"
            _wait_ready(metadata, proc, log)
            yield Provider(issuer, metadata)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
