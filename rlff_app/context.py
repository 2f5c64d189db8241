"""What a page needs to draw itself: the scenario, the language, and cached data and charts.

Caching lives here, around pure ``rlff`` calls, and is bounded. A knob change gives a
new :class:`~rlff.simulation.scenario.Scenario`, so only the functions whose arguments changed
run again; switching pages reuses the same tables.

Every page reads its data through :class:`AppContext`. When the sidebar's data picker
(:mod:`rlff_app.brand_picker`) shows a brand of the workspace, this run's tables of that
brand are under ``st.session_state[BRAND_TABLES]`` and their state key under ``BRAND_KEY``
(:mod:`rlff_app.workspace`); every view and the exports then draw them, with what the files
cannot tell shown as "—" (:mod:`rlff_app.dataset`). Otherwise they draw the simulation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from rlff import charts, metrics
from rlff.charts import Chart, build_chart, chart_inputs
from rlff.memo import shared
from rlff.metrics.periods import parse_month, with_month
from rlff.schema import Tables
from rlff.simulation.scenario import Scenario
from rlff.simulation.simulate import simulate
from rlff_app.bounded_cache import BoundedCache, tables_nbytes
from rlff_app.dataset import Gaps, chart_hint, gaps_of, honest_chart, honest_kpis, honest_reality

CONTEXT = "rlff.context"
BRAND = "rlff.data.brand"  # the workspace brand shown this run (absent: the simulation)
BRAND_TABLES = "rlff.data.tables"  # its merged tables
BRAND_KEY = "rlff.data.key"  # what it holds (rlff_app.workspace.state_key): the cache key of its data
CACHE_TTL_SECONDS = 3600


# Every cached function takes the scenario as ``_scenario`` (not hashed: hashing a
# dataclass of 40 knobs on every call costs more than the lookup) and is keyed by
# ``data_key``, a short string that names the data: the scenario's repr and the seed, or
# the state key of a workspace brand. Tables and figures are kept as objects (cache_resource):
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


MONTH_SEP = "|month="  # data_key suffix naming the month shown, when it is not the data's own


@st.cache_resource(max_entries=64, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def month_tables(_base: Tables, base_key: str, month: str) -> Tables:
    """``_base`` (the data named ``base_key``) reporting on ``month`` ("YYYY-MM"): the same frames, another meta.

    Kept as one object per month, so the metrics memoised on it (rlff.memo.shared) last across reruns.
    """
    return with_month(_base, parse_month(month))


def _base_tables(scenario: Scenario, seed: int, base_key: str) -> Tables:
    if base_key.startswith("brand|"):
        stored = st.session_state.get(BRAND_TABLES)
        if isinstance(stored, Tables):
            return stored
    return simulated_tables(scenario, seed, base_key)


def _tables(scenario: Scenario, seed: int, data_key: str) -> Tables:
    base_key, _, month = data_key.partition(MONTH_SEP)
    base = _base_tables(scenario, seed, base_key)
    return month_tables(base, base_key, month) if month else base


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
    if data_key.startswith("brand|"):
        inputs = f"{data_key}|{inputs}"  # what the files cannot tell depends on the brand's files
    return chart_of_inputs(tables, _gaps(tables), inputs, key, lang)


# One entry per chart, so a view builds only what it shows and the side-by-side view
# reuses the charts the other two already built. 20 charts × 2 languages × ~10 datasets.
@st.cache_resource(max_entries=512, ttl=CACHE_TTL_SECONDS, show_spinner=False)
def chart_of_inputs(_tables: Tables, _gaps: Gaps, inputs: str, key: str, lang: str) -> Chart:
    """Chart ``key`` drawn from ``_tables``, whose inputs ``inputs`` names (see :func:`one_chart`)."""
    return honest_chart(build_chart(_tables, key, lang=lang), _gaps, lang)


def _gaps(tables: Tables) -> Gaps:
    """What ``tables`` cannot tell for its reported month: nothing for the simulation (computed once per object)."""
    return shared(tables, gaps_of)


def uses_workspace() -> bool:
    """True when this run shows a brand of the workspace (its tables are loaded), not the simulation."""
    return bool(st.session_state.get(BRAND_KEY)) and isinstance(st.session_state.get(BRAND_TABLES), Tables)


def data_key(scenario: Scenario, seed: int, brand_key: str | None = None, month: date | None = None) -> str:
    """The cache key of a dataset: a brand's state key, or the scenario and the seed; then the month shown, if chosen."""
    base = f"brand|{brand_key}" if brand_key else f"sim|{seed}|{scenario!r}"
    return base if month is None else f"{base}{MONTH_SEP}{month:%Y-%m}"


@dataclass(frozen=True)
class AppContext:
    """The dashboard's state for one run: scenario, seed, language, and the URL state."""

    scenario: Scenario
    seed: int
    lang: str
    state: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    month: date | None = None  # the month shown; None: the data's own (its last complete month)

    @property
    def data_key(self) -> str:
        """Cache key of the data in use (the workspace brand shown, else the simulation) and its month."""
        key = st.session_state.get(BRAND_KEY) if uses_workspace() else None
        return data_key(self.scenario, self.seed, str(key) if key else None, self.month)

    def tables(self) -> Tables:
        """The dataset every view draws (the workspace brand shown, else the simulation), for the month shown."""
        return _tables(self.scenario, self.seed, self.data_key)

    def base_tables(self) -> Tables:
        """The dataset in use reporting on its own month (what the month picker offers months of)."""
        return _tables(self.scenario, self.seed, self.data_key.partition(MONTH_SEP)[0])

    def gaps(self) -> Gaps:
        """What the data in use cannot tell for the month shown (nothing, for the simulation)."""
        return _gaps(self.tables())

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
