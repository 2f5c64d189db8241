"""Every RLFF figure, by key, and the registry the dashboard and the exporter read.

Two ways in:

* ``fig_<key>(tables, *, lang) -> go.Figure`` — one figure, e.g. :func:`fig_response_time`;
* ``build_charts(tables, *, lang, views=None, keys=None) -> list[Chart]`` — figures with
  their translated title, caption and headline numbers, in the stable order of
  :data:`CHART_KEYS` (key -> view).

Builders live in :mod:`rlff.charts.boss`, :mod:`rlff.charts.reality` and
:mod:`rlff.charts.side`; the theme in :mod:`rlff.charts.theme`. Nothing here imports streamlit.

Example:
    >>> from rlff.simulation.simulate import simulate
    >>> charts = build_charts(simulate(), lang="fr", views=("boss",))
    >>> [c.key for c in charts]
    ['boss_tiles', 'follower_growth', 'engagement_over_time', 'competitor_benchmark', 'top_posts']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

import plotly.graph_objects as go

from rlff.charts import (
    boss,
    reality,
    side,
    theme,  # noqa: F401 - registers the templates
)
from rlff.charts.base import VIEWS, Chart, plain_text
from rlff.charts.fingerprints import inputs_fingerprint
from rlff.i18n import check_lang
from rlff.schema import Tables

__all__ = [
    "BUILDERS",
    "CHART_KEYS",
    "CHART_TABLES",
    "VIEWS",
    "Chart",
    "build_chart",
    "build_charts",
    "chart_inputs",
    "plain_text",
    "top_posts_table",
    *(
        f"fig_{k}"
        for k in (
            "boss_tiles",
            "follower_growth",
            "engagement_over_time",
            "competitor_benchmark",
            "top_posts",
            "response_time",
            "reply_rate",
            "roi",
            "bought_followers",
            "engagement_sources",
            "strategy_adherence",
            "e_reputation",
            "crisis_timeline",
            "hours_per_activity",
            "platform_effort",
            "cm_output",
            "self_likes",
            "vanity_index",
            "vanity_vs_value",
            "posts_vanity_value",
            "format_performance",
        )
    ),
]

Builder = Callable[..., Chart]

# key -> (view, builder), in the order the dashboard and the deck show them.
BUILDERS: dict[str, tuple[str, Builder]] = {
    # The deck for Big Boss.
    "boss_tiles": ("boss", boss.chart_boss_tiles),
    "follower_growth": ("boss", boss.chart_follower_growth),
    "engagement_over_time": ("boss", boss.chart_engagement_over_time),
    "competitor_benchmark": ("boss", boss.chart_competitor_benchmark),
    "top_posts": ("boss", boss.chart_top_posts),
    # What it hides.
    "response_time": ("reality", reality.chart_response_time),
    "reply_rate": ("reality", reality.chart_reply_rate),
    "crisis_timeline": ("reality", reality.chart_crisis_timeline),
    "roi": ("reality", reality.chart_roi),
    "bought_followers": ("reality", reality.chart_bought_followers),
    "engagement_sources": ("reality", reality.chart_engagement_sources),
    "self_likes": ("reality", reality.chart_self_likes),
    "platform_effort": ("reality", reality.chart_platform_effort),
    "strategy_adherence": ("reality", reality.chart_strategy_adherence),
    "hours_per_activity": ("reality", reality.chart_hours_per_activity),
    "e_reputation": ("reality", reality.chart_e_reputation),
    "cm_output": ("reality", reality.chart_cm_output),
    # Vanity next to value.
    "vanity_index": ("side", side.chart_vanity_index),
    "vanity_vs_value": ("side", side.chart_vanity_vs_value),
    "posts_vanity_value": ("side", side.chart_posts_vanity_value),
    "format_performance": ("side", side.chart_format_performance),
}

CHART_KEYS: dict[str, str] = {key: view for key, (view, _) in BUILDERS.items()}

# key -> the tables its builder reads (every builder reads ``meta`` too). The dashboard
# caches a chart by these tables' content, so a knob that leaves them alone keeps the chart.
# tests/test_chart_inputs.py changes every other table and checks the chart stays the same.
CHART_TABLES: dict[str, tuple[str, ...]] = {
    "boss_tiles": ("posts", "engagements", "followers"),
    "follower_growth": ("followers", "events"),
    "engagement_over_time": ("posts", "engagements"),
    "competitor_benchmark": ("posts", "engagements", "peers"),
    "top_posts": ("posts", "engagements"),
    "response_time": ("inbox",),
    "reply_rate": ("inbox",),
    "crisis_timeline": ("inbox", "events"),
    "roi": ("costs", "revenue"),
    "bought_followers": ("followers",),
    "engagement_sources": ("posts", "engagements"),
    "self_likes": ("posts", "engagements"),
    "platform_effort": ("posts", "followers"),
    "strategy_adherence": ("strategy",),
    "hours_per_activity": ("time_use",),
    "e_reputation": ("mentions",),
    "cm_output": ("posts", "time_use"),
    "vanity_index": ("posts", "engagements", "followers", "inbox", "costs", "revenue", "strategy"),
    "vanity_vs_value": ("posts", "engagements", "followers", "inbox", "revenue"),
    "posts_vanity_value": ("posts", "engagements"),
    "format_performance": ("posts", "engagements"),
}


def chart_inputs(tables: Tables, key: str) -> str:
    """A short string equal for two datasets exactly when chart ``key`` is drawn from the same data."""
    return inputs_fingerprint(tables, CHART_TABLES[key])


top_posts_table = boss.top_posts_table


def build_chart(tables: Tables, key: str, *, lang: str = "en") -> Chart:
    """The chart called ``key`` (one of :data:`CHART_KEYS`)."""
    if key not in BUILDERS:
        raise KeyError(f"unknown chart {key!r}; expected one of {', '.join(CHART_KEYS)}")
    chart = BUILDERS[key][1](tables, lang=check_lang(lang))
    if not chart.available and tables.meta.source == "simulation":
        # "Not in the data… RLFF does not invent it" is for uploads; a scenario simply has nothing to draw.
        chart = _empty_in_scenario(chart, check_lang(lang))
    # Captions may start with a month, lower-case in French ("janvier 2026 : …").
    if chart.caption[:1].islower():
        chart = dataclasses.replace(chart, caption=chart.caption[:1].upper() + chart.caption[1:])
    return chart


def _empty_in_scenario(chart: Chart, lang: str) -> Chart:
    """An unavailable chart of a simulation, reworded: the scenario's knobs left nothing to draw."""
    from rlff.i18n import t

    message = t("app.chart_empty_scenario", lang, title=chart.title)
    fig = go.Figure(chart.figure)
    for note in fig.layout.annotations:
        note.text = plain_text(message, 140)
    return dataclasses.replace(chart, caption=message, figure=fig)


def build_charts(
    tables: Tables,
    *,
    lang: str = "en",
    views: Iterable[str] | None = None,
    keys: Iterable[str] | None = None,
) -> list[Chart]:
    """Build charts in the stable order of :data:`CHART_KEYS`.

    Args:
        tables: the dataset.
        lang: "en" or "fr" (anything else falls back to English).
        views: keep only charts of these views ("boss", "reality", "side"); None keeps all.
        keys: keep only these chart keys; None keeps all. Unknown keys raise ``KeyError``.

    Returns:
        One :class:`Chart` per selected key; charts the data cannot draw come back with
        ``available=False`` and a figure that says so.
    """
    wanted_views = None if views is None else set(views)
    if wanted_views is not None and not wanted_views <= set(VIEWS):
        raise KeyError(f"unknown view(s) {sorted(wanted_views - set(VIEWS))}; expected {', '.join(VIEWS)}")
    wanted_keys = None if keys is None else list(keys)
    if wanted_keys is not None:
        unknown = [k for k in wanted_keys if k not in BUILDERS]
        if unknown:
            raise KeyError(f"unknown chart(s) {unknown}; expected one of {', '.join(CHART_KEYS)}")
    return [
        build_chart(tables, key, lang=lang)
        for key, view in CHART_KEYS.items()
        if (wanted_views is None or view in wanted_views) and (wanted_keys is None or key in wanted_keys)
    ]


def _fig(key: str) -> Callable[..., go.Figure]:
    def fig(tables: Tables, *, lang: str = "en") -> go.Figure:
        return build_chart(tables, key, lang=lang).figure

    fig.__name__ = f"fig_{key}"
    fig.__qualname__ = fig.__name__
    fig.__doc__ = f"The ``{key}`` figure ({CHART_KEYS[key]} view): {BUILDERS[key][1].__doc__}"
    return fig


fig_boss_tiles = _fig("boss_tiles")
fig_follower_growth = _fig("follower_growth")
fig_engagement_over_time = _fig("engagement_over_time")
fig_competitor_benchmark = _fig("competitor_benchmark")
fig_top_posts = _fig("top_posts")
fig_response_time = _fig("response_time")
fig_reply_rate = _fig("reply_rate")
fig_roi = _fig("roi")
fig_bought_followers = _fig("bought_followers")
fig_engagement_sources = _fig("engagement_sources")
fig_strategy_adherence = _fig("strategy_adherence")
fig_e_reputation = _fig("e_reputation")
fig_crisis_timeline = _fig("crisis_timeline")
fig_hours_per_activity = _fig("hours_per_activity")
fig_platform_effort = _fig("platform_effort")
fig_cm_output = _fig("cm_output")
fig_self_likes = _fig("self_likes")
fig_vanity_index = _fig("vanity_index")
fig_vanity_vs_value = _fig("vanity_vs_value")
fig_posts_vanity_value = _fig("posts_vanity_value")
fig_format_performance = _fig("format_performance")
