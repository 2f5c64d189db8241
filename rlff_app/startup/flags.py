"""The Streamlit server options every start of the dashboard uses: one list, one place.

:mod:`rlff_app.startup.launch` puts them before the caller's own options (``rlff dashboard``
passes its port, address and headless switch; ``tests/served_app.py`` its test port), so
a caller's option of the same name wins. ``.streamlit/config.toml`` holds the same values
for a plain ``streamlit run dashboard.py``; ``tests/test_dashboard_server.py`` checks both agree.
"""

from __future__ import annotations

from rlff.io.imports import MAX_UPLOAD_MB

__all__ = ["DEFAULT_ADDRESS", "DEFAULT_PORT", "SERVER_OPTIONS", "server_flags"]

DEFAULT_PORT = 8501
DEFAULT_ADDRESS = "127.0.0.1"
"""Loopback only: ``0.0.0.0`` (every network address) is for hosting, and says so on the command line."""

SERVER_OPTIONS: dict[str, str] = {
    # No usage statistics sent to Streamlit.
    "browser.gatherUsageStats": "false",
    # No first-run "Email:" prompt holding the terminal before the browser opens.
    "server.showEmailPrompt": "false",
    # Per uploaded file, in MB: the importer's own limit (tests/test_app_upload.py checks it).
    "server.maxUploadSize": str(MAX_UPLOAD_MB),
    # No full gc.collect() after every run: it holds the GIL for 0.1-0.3 s (the heap holds
    # pandas and plotly objects), delaying the frames of every session.
    "runner.postScriptGC": "false",
}


def server_flags() -> list[str]:
    """:data:`SERVER_OPTIONS` as ``streamlit run`` options: ``["--browser.gatherUsageStats", "false", ...]``."""
    flags: list[str] = []
    for name, value in SERVER_OPTIONS.items():
        flags += [f"--{name}", value]
    return flags
