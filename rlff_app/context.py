"""What a page needs to draw itself: the scenario, the language, and cached data and charts.

Caching lives here, around pure ``rlff`` calls, and is bounded. A knob change gives a
new :class:`~rlff.scenario.Scenario`, so only the functions whose arguments changed
run again; switching pages reuses the same tables.

Pages other people add (\"Your data\", \"Export\") read data through :class:`AppContext`
too. To switch the dashboard to uploaded data, a page stores the :class:`~rlff.schema.Tables`
under ``st.session_state[UPLOAD_TABLES]`` and a content digest under
``st.session_state[UPLOAD_KEY]``; every view then draws those tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from rlff import charts, metrics
from rlff.charts import Chart, build_charts
from rlff.scenario import Scenario
from rlff.schema import Tables
from rlff.simulate import simulate

CONTEXT = "rlff.context"
UPLOAD_TABLES = "rlff.upload.tables"
UPLOAD_KEY = "rlff.upload.key"
CACHE_TTL_SECONDS = 3600


# Every cached function takes the scenario as ``_scenario`` (not hashed: hashing a
# dataclass of 40 knobs on every call costs more than the lookup) and is keyed by
# ``data_key``, a short string that names the data: the scenario's repr and the seed, or
# the digest of an upload. Tables and figures are kept as objects (cache_resource):
# unpickling 1 MB of tables or eleven figures on every rerun would eat the rerun budget.
# Nothing mutates them: builders never modify a frame, st.plotly_chart serialises a copy.


@st.cache_resource(max_entries=16, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def simulated_tables(_scenario: Scenario, seed: int, data_key: str) -> Tables:
    """The simulated dataset of a scenario (the expensive step: cached per scenario and seed)."""
    return simulate(_scenario, seed)


def _tables(scenario: Scenario, seed: int, data_key: str) -> Tables:
    if data_key.startswith("upload|"):
        uploaded = st.session_state.get(UPLOAD_TABLES)
        if isinstance(uploaded, Tables):
            return uploaded
    return simulated_tables(scenario, seed, data_key)


@st.cache_data(max_entries=32, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def vanity_kpis(_scenario: Scenario, seed: int, data_key: str) -> metrics.VanityKPIs:
    """The four tiles of the reported month (rlff.metrics.vanity_kpis)."""
    return metrics.vanity_kpis(_tables(_scenario, seed, data_key))


@st.cache_data(max_entries=32, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def report(_scenario: Scenario, seed: int, data_key: str) -> dict[str, Any]:
    """Every number of the reported month (rlff.metrics.report)."""
    return metrics.report(_tables(_scenario, seed, data_key))


@st.cache_data(max_entries=32, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def top_posts_table(_scenario: Scenario, seed: int, data_key: str, lang: str) -> pd.DataFrame:
    """The month's top posts with translated columns (rlff.charts.top_posts_table)."""
    return charts.top_posts_table(_tables(_scenario, seed, data_key), lang)


@st.cache_resource(max_entries=48, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def view_charts(_scenario: Scenario, seed: int, data_key: str, view: str, lang: str) -> tuple[Chart, ...]:
    """The charts of one view ("boss", "reality", "side") in one language."""
    return tuple(build_charts(_tables(_scenario, seed, data_key), lang=lang, views=(view,)))


def data_key(scenario: Scenario, seed: int, upload_digest: str | None = None) -> str:
    """The cache key of a dataset: an upload's digest, or the scenario and the seed."""
    return f"upload|{upload_digest}" if upload_digest else f"sim|{seed}|{scenario!r}"


@dataclass(frozen=True)
class AppContext:
    """The dashboard's state for one run: scenario, seed, language, and the URL state."""

    scenario: Scenario
    seed: int
    lang: str
    state: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def data_key(self) -> str:
        """Cache key of the data in use: the uploaded tables if any, else the simulation."""
        digest = st.session_state.get(UPLOAD_KEY)
        uploaded = digest and isinstance(st.session_state.get(UPLOAD_TABLES), Tables)
        return data_key(self.scenario, self.seed, str(digest) if uploaded else None)

    def tables(self) -> Tables:
        """The dataset every view draws (uploaded tables if any, else the simulation)."""
        return _tables(self.scenario, self.seed, self.data_key)

    def kpis(self) -> metrics.VanityKPIs:
        """The deck's four tiles."""
        return vanity_kpis(self.scenario, self.seed, self.data_key)

    def report(self) -> dict[str, Any]:
        """rlff.metrics.report for the reported month."""
        return report(self.scenario, self.seed, self.data_key)

    def top_posts(self) -> pd.DataFrame:
        """The Big Boss view's table of top posts, translated."""
        return top_posts_table(self.scenario, self.seed, self.data_key, self.lang)

    def charts(self, view: str) -> dict[str, Chart]:
        """The charts of a view, by key."""
        return {c.key: c for c in view_charts(self.scenario, self.seed, self.data_key, view, self.lang)}


def current() -> AppContext:
    """The context the entry script stored for this run (pages call this first)."""
    ctx = st.session_state.get(CONTEXT)
    if not isinstance(ctx, AppContext):
        raise RuntimeError("no dashboard context: run the app through dashboard.py or rlff_app/main.py")
    return ctx


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard, a script file like streamlit's hello pages.

    Adding a page is one file (which defines ``PAGE`` and, under ``if __name__ ==
    "__main__":``, draws itself from :func:`current`) in ``rlff_app/views/`` and one line in
    ``rlff_app/pages.py``.
    """

    key: str  # URL path, e.g. "reality"
    title_key: str  # i18n key of the page title
    file: Path
    default: bool = False
    icon: str = ""  # an emoji; ":material/…:" icons make the browser fetch the favicon from a CDN
