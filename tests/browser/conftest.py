"""Shared fixtures of the real-browser tests: the served dashboard and a headless Chromium.

The dashboard runs as ``python -m rlff_app.startup.launch dashboard.py`` (``streamlit run``, as ``rlff dashboard`` starts it) on a free loopback port
(health polled on ``/_stcore/health``); Chromium is the system one, /usr/bin/chromium,
driven by Playwright (never ``playwright install``). Export and import tests reuse both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from served_app import CHROMIUM, CHROMIUM_ARGS, served_app


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the dashboard served for the whole test session (log in a temp folder)."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with served_app(log=log) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """A headless system Chromium (Playwright Browser) for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleErrors(list):
    """Errors the page logged to its console or threw, collected while a test runs."""


@pytest.fixture
def page(chromium) -> Iterator[object]:
    """A fresh page (1400 × 1000) whose console errors are collected in ``page.console_errors``."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors = ConsoleErrors()

    def on_console(msg) -> None:
        # Opened on a page's own URL (/reality), streamlit's frontend first probes
        # /reality/_stcore/health and falls back to /_stcore/health: that 404 is not an error.
        if msg.type == "error" and "/_stcore/" not in (msg.location or {}).get("url", ""):
            errors.append(msg.text)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.console_errors = errors
    yield pg
    context.close()
