"""``python -m rlff_app.startup.launch APP [streamlit run options]``: Streamlit, with the app warmed up while the page loads.

``streamlit run`` imports nothing of the app until a browser session connects; that first
session then waits for pandas, plotly and the default scenario's charts (3-4 s here),
after the browser has already spent 2 s loading Streamlit's page. This launcher runs
``streamlit run`` in this process and, as soon as the server listens, imports
:mod:`rlff_app.startup.warmup` in a background thread: the warm-up and the browser's page load
overlap. Sessions that arrive before it ends wait for it (:func:`rlff_app.wait_for_warm_up`
at the top of :mod:`rlff_app.main`), so no session imports a heavy module at the same time
as another thread; once pandas and plotly are in (:mod:`rlff_app.startup.libraries`, the first
step), a waiting session draws a blank chart and table so that the browser fetches and
compiles their code meanwhile (:mod:`rlff_app.startup.prefetch`).
``rlff dashboard`` and the tests start the dashboard this way;
``streamlit run dashboard.py`` still works, warming up on the first session as before.
"""

from __future__ import annotations

import importlib
import socket
import sys
import threading
import time
from collections.abc import Sequence

import rlff_app
from rlff_app._compat.streamlit import quiet_outside_sessions, run_streamlit
from rlff_app.startup.flags import DEFAULT_ADDRESS, DEFAULT_PORT, server_flags

LISTEN_TIMEOUT_S = 60.0


def option(argv: Sequence[str], name: str, default: str) -> str:
    """The value of ``--name VALUE`` or ``--name=VALUE`` in ``argv`` (the last one wins), else ``default``."""
    value = default
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    return value


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def _warm_up(host: str, port: int | None) -> None:
    # After the server listens: the cached functions then find Streamlit's runtime (its cache
    # storage), and the server's own start-up does not compete with the warm-up for the GIL.
    deadline = time.monotonic() + LISTEN_TIMEOUT_S
    while port is not None and not _listening(host, port) and time.monotonic() < deadline:
        time.sleep(0.05)
    started = time.perf_counter()
    try:
        # Outside a session Streamlit warns at every cached call; the warm-up is not a session.
        with quiet_outside_sessions():
            importlib.import_module("rlff_app.startup.libraries")
            rlff_app.libraries_loaded()
            importlib.import_module("rlff_app.startup.warmup")
    except Exception as exc:  # noqa: BLE001 - the first session imports it again and shows the error
        print(f"rlff: warm-up failed ({type(exc).__name__}: {exc})", file=sys.stderr, flush=True)
    else:
        print(f"rlff: dashboard warmed up in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    finally:
        rlff_app.warmed_up()


def main(argv: Sequence[str] | None = None) -> None:
    """Warm up in the background, then run ``streamlit run APP`` with the dashboard's server options
    (:mod:`rlff_app.startup.flags`), then the rest of ``argv`` (which win), in this process."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args = [args[0], *server_flags(), *args[1:]]
    if option(args, "--server.address", "") == "":
        args += ["--server.address", DEFAULT_ADDRESS]
    host = option(args, "--server.address", DEFAULT_ADDRESS) or DEFAULT_ADDRESS
    if host in ("0.0.0.0", "::"):  # noqa: S104 - listening everywhere: reach it on loopback
        host = "127.0.0.1"
    try:
        port: int | None = int(option(args, "--server.port", str(DEFAULT_PORT)))
    except ValueError:  # Streamlit says what is wrong with it
        port = None
    rlff_app.warming_up()
    threading.Thread(target=_warm_up, args=(host, port), name="rlff-warm-up", daemon=True).start()
    run_streamlit(["run", *args])


if __name__ == "__main__":
    main()
