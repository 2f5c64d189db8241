"""What a page needs to draw itself: the scenario, the language, and cached data and charts.

Caching lives here, around pure ``rlff`` calls, and is bounded. A knob change gives a
new :class:`~rlff.simulation.scenario.Scenario`, so only the functions whose arguments changed
run again; switching pages reuses the same tables.

Every page reads its data through :class:`AppContext`. The "Your data" page
(:mod:`rlff_app.upload`) keeps an upload's :class:`~rlff.schema.Tables` under
``st.session_state[UPLOAD_TABLES]``, a content digest under ``UPLOAD_KEY`` and the
:class:`~rlff_app.dataset.UploadedData` under ``UPLOAD_INFO``; when the switch
``st.session_state[DATA_SOURCE]`` says "upload", every view and the exports draw those
tables, with what the files cannot tell shown as "—" (:mod:`rlff_app.dataset`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from rlff import charts, metrics
from rlff.charts import Chart, build_chart, chart_inputs
from rlff.memo import shared
from rlff.schema import Tables
from rlff.simulation.scenario import Scenario
from rlff.simulation.simulate import simulate
from rlff_app.bounded_cache import BoundedCache, tables_nbytes
from rlff_app.dataset import Gaps, UploadedData, chart_hint, honest_chart, honest_kpis, honest_reality

CONTEXT = "rlff.context"
UPLOAD_TABLES = "rlff.upload.tables"
UPLOAD_KEY = "rlff.upload.key"
UPLOAD_INFO = "rlff.upload.data"
DATA_SOURCE = "data.source"  # the switch's widget key: "simulation" or "upload"
SOURCES: tuple[str, ...] = ("simulation", "upload")
CACHE_TTL_SECONDS = 3600


# Every cached function takes the scenario as ``_scenario`` (not hashed: hashing a
# dataclass of 40 knobs on every call costs more than the lookup) and is keyed by
# ``data_key``, a short string that names the data: the scenario's repr and the seed, or
# the digest of an upload. Tables and figures are kept as objects (cache_resource):
# unpickling 1 MB of tables or eleven figures on every rerun would eat the rerun budget.
# Nothing mutates them: builders never modify a frame, st.plotly_chart serialises a copy.


# Simulated datasets, bounded by memory as well as by count: a link with every knob near
# the row ceiling (rlff.simulation.budget) weighs ~65 MB, the default scenario ~2 MB.
SIMULATED_CACHE_MB = 256
SIMULATED_CACHE_ENTRIES = 16
_SIMULATED: BoundedCache[Tables] = BoundedCache(
    max_bytes=SIMULATED_CACHE_MB * 1024 * 1024,
    max_entries=SIMULATED_CACHE_ENTRIES,
    ttl_seconds=CACHE_TTL_SECONDS,
    sizeof=tables_nbytes,
)


def simulated_tables(_scenario: Scenario, seed: int, data_key: str) -> Tables:
    """The simulated dataset of a scenario (the expensive step: cached per scenario and seed)."""
    return _SIMULATED.get_or_compute(data_key, lambda: simulate(_scenario, seed))


def _tables(scenario: Scenario, seed: int, data_key: str) -> Tables:
    if data_key.startswith("upload|"):
        uploaded = st.session_state.get(UPLOAD_TABLES)
        if isinstance(uploaded, Tables):
            return uploaded
    return simulated_tables(scenario, seed, data_key)


@st.cache_data(max_entries=32, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def vanity_kpis(_scenario: Scenario, seed: int, data_key: str) -> metrics.VanityKPIs:
    """The four tiles of the reported month (rlff.metrics.vanity_kpis)."""
    return shared(_tables(_scenario, seed, data_key), metrics.vanity_kpis)


@st.cache_data(max_entries=32, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def reality_numbers(_scenario: Scenario, seed: int, data_key: str) -> dict[str, Any]:
    """The reality tiles of the reported month, each from rlff.metrics (as in metrics.report)."""
    tables = _tables(_scenario, seed, data_key)
    month = metrics.month_start(tables.meta.reported_month)
    inbox = metrics.messages_received_in(tables.inbox, month)
    return {
        "reply_rate": metrics.reply_rate(inbox),
        "complaint_median_minutes": metrics.median_first_response_minutes(inbox)["complaint"],
        "unanswered_backlog": None
        if tables.inbox.empty
        else metrics.unanswered_backlog(tables.inbox, metrics.month_bounds(month)[1]),
        "roi": metrics.roi(tables.costs, tables.revenue, month),
        "bought_follower_share": metrics.known_bought_follower_share(tables, month),
        "strategy_adherence": metrics.strategy_adherence(tables.strategy, month),
    }


@st.cache_data(max_entries=32, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def top_posts_table(_scenario: Scenario, seed: int, data_key: str, lang: str) -> pd.DataFrame:
    """The month's top posts with translated columns (rlff.charts.top_posts_table)."""
    return charts.top_posts_table(_tables(_scenario, seed, data_key), lang)


def one_chart(_scenario: Scenario, seed: int, data_key: str, key: str, lang: str) -> Chart:
    """One chart of rlff.charts in one language (for an upload: blank where the files cannot tell).

    Cached by what the chart is drawn from (rlff.charts.chart_inputs: its tables' content),
    not by the scenario: after a knob change, the charts whose tables did not move are the
    same objects, neither built again here nor redrawn in the browser.
    """
    tables = _tables(_scenario, seed, data_key)
    inputs = chart_inputs(tables, key)
    if data_key.startswith("upload|"):
        inputs = f"{data_key}|{inputs}"  # what the files cannot tell depends on the upload
    return chart_of_inputs(tables, _gaps(data_key), inputs, key, lang)


# One entry per chart, so a view builds only what it shows and the side-by-side view
# reuses the charts the other two already built. 20 charts × 2 languages × ~10 datasets.
@st.cache_resource(max_entries=512, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def chart_of_inputs(_tables: Tables, _gaps: Gaps, inputs: str, key: str, lang: str) -> Chart:
    """Chart ``key`` drawn from ``_tables``, whose inputs ``inputs`` names (see :func:`one_chart`)."""
    return honest_chart(build_chart(_tables, key, lang=lang), _gaps, lang)


def _gaps(data_key: str) -> Gaps:
    """What the data of ``data_key`` cannot tell: nothing for the simulation."""
    uploaded = st.session_state.get(UPLOAD_INFO)
    if data_key.startswith("upload|") and isinstance(uploaded, UploadedData):
        return uploaded.gaps
    return Gaps()


def uses_upload() -> bool:
    """True when the switch says "my data" and an upload is loaded in this session."""
    return (
        st.session_state.get(DATA_SOURCE) == "upload"
        and bool(st.session_state.get(UPLOAD_KEY))
        and isinstance(st.session_state.get(UPLOAD_TABLES), Tables)
    )


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
        """Cache key of the data in use: the uploaded tables if switched to them, else the simulation."""
        digest = st.session_state.get(UPLOAD_KEY) if uses_upload() else None
        return data_key(self.scenario, self.seed, str(digest) if digest else None)

    def tables(self) -> Tables:
        """The dataset every view draws (the upload when switched to it, else the simulation)."""
        return _tables(self.scenario, self.seed, self.data_key)

    def gaps(self) -> Gaps:
        """What the data in use cannot tell (nothing, for the simulation)."""
        return _gaps(self.data_key)

    def chart_hint(self, key: str) -> str | None:
        """What to upload to draw the chart ``key``, when the data in use lacks it."""
        return chart_hint(key, self.gaps(), self.lang)

    def kpis(self) -> metrics.VanityKPIs:
        """The deck's four tiles ("—" where the files cannot tell)."""
        return honest_kpis(vanity_kpis(self.scenario, self.seed, self.data_key), self.gaps())

    def reality_numbers(self) -> dict[str, Any]:
        """The reality tiles' numbers for the reported month (None where the files cannot tell)."""
        return honest_reality(reality_numbers(self.scenario, self.seed, self.data_key), self.gaps())

    def top_posts(self) -> pd.DataFrame:
        """The Big Boss view's table of top posts, translated."""
        return top_posts_table(self.scenario, self.seed, self.data_key, self.lang)

    def charts(self, keys: tuple[str, ...]) -> dict[str, Chart]:
        """Charts of rlff.charts by key (see ``CHARTS`` in each view), blank where the files cannot tell."""
        data = self.data_key
        return {k: one_chart(self.scenario, self.seed, data, k, self.lang) for k in keys}


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
