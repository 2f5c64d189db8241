"""The served dashboard in a real Chromium: charts draw, tiles show the calibrated deck, knobs update it."""

from __future__ import annotations

from served_app import charts_drawn, open_sidebar_group, wait_for_charts, wait_idle

from rlff import metrics
from rlff.charts import CHART_KEYS
from rlff.i18n import fmt_int
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

REALITY_CHARTS = sum(view == "reality" for view in CHART_KEYS.values())

TILE_VALUES = "[data-testid='stMetricValue']"


def _tiles(page) -> list[str]:
    return [t.strip() for t in page.locator(TILE_VALUES).all_inner_texts()]


def test_the_boss_view_draws_its_charts_and_the_calibrated_tiles(page, dashboard_url):
    page.goto(dashboard_url, wait_until="domcontentloaded")
    wait_for_charts(page, 3)
    assert _tiles(page)[:2] == ["1,754", "9,540"]
    assert charts_drawn(page) >= 3
    assert page.get_by_text("Monthly report — January 2026").is_visible()
    assert page.console_errors == []


def test_moving_a_knob_updates_the_tiles_and_the_url(page, dashboard_url):
    page.goto(dashboard_url, wait_until="domcontentloaded")
    wait_for_charts(page, 3)
    assert page.get_by_role("slider").count() == 0  # the groups start closed
    open_sidebar_group(page, "Inflate the community")
    slider = page.get_by_role("slider", name="Peers in the retweet ring")
    slider.focus()
    slider.press("ArrowRight")  # 12 -> 13 peers
    expected = metrics.vanity_kpis(simulate(DEFAULT.replace(ring_size=13), 0))
    page.wait_for_function(
        "v => document.querySelector(\"[data-testid='stMetricValue']\").innerText.trim() === v",
        arg=fmt_int(expected.retweets, "en"),
        timeout=30_000,
    )
    assert _tiles(page)[:2] == [fmt_int(expected.retweets, "en"), fmt_int(expected.likes, "en")]
    assert "ring_size=13" in page.url
    assert page.console_errors == []


def test_the_reality_check_opens_in_french_from_a_link(page, dashboard_url):
    page.goto(f"{dashboard_url}/reality?lang=fr", wait_until="domcontentloaded")
    wait_for_charts(page, REALITY_CHARTS)
    assert page.get_by_text("Retour au réel — janvier 2026").is_visible()
    assert charts_drawn(page) == REALITY_CHARTS
    assert page.console_errors == []


def test_the_knobs_follow_the_reader_to_another_view(page, dashboard_url):
    page.goto(f"{dashboard_url}/?ring_size=13", wait_until="domcontentloaded")
    wait_for_charts(page, 3)
    page.get_by_role("link", name="Reality check").click()
    wait_for_charts(page, REALITY_CHARTS)
    assert page.get_by_text("Reality check — January 2026").is_visible()
    assert "/reality" in page.url and "ring_size=13" in page.url
    assert page.console_errors == []


# Before any script of the page runs: every plotly chart, from the moment plotly.js starts it,
# counts its "afterplot" events and keeps the calcdata of the first one.
COUNT_PLOTS_JS = """
new MutationObserver(changes => { for (const change of changes) { const gd = change.target;
  if (!gd.classList || !gd.classList.contains('js-plotly-plot') || gd.__rlffDraws !== undefined) continue;
  gd.__rlffDraws = 0;
  const hook = () => { if (!gd.on) { setTimeout(hook, 0); return; }
    gd.on('plotly_afterplot', () => { gd.__rlffDraws += 1; if (gd.__rlffFirstCalc === undefined) gd.__rlffFirstCalc = gd.calcdata; }); };
  hook(); } }).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});
"""
CALCULATIONS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .map(gd => [gd.__rlffDraws, gd.__rlffFirstCalc === gd.calcdata])"""


def test_each_new_chart_is_computed_once_after_a_knob_change(page, dashboard_url):
    """Streamlit hands plotly.js a copy of each new figure right after drawing it: with the
    template folded in and plain arrays (rlff_app.browser_figure), plotly.js finds nothing to redo."""
    page.context.add_init_script(COUNT_PLOTS_JS)
    page.goto(f"{dashboard_url}/side?seed=5", wait_until="domcontentloaded")
    wait_for_charts(page, 10)
    open_sidebar_group(page, "Inflate the community")
    tiles_before = _tiles(page)
    slider = page.get_by_role("slider", name="Number of purchases")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(
        "v => document.querySelectorAll(\"[data-testid='stMetricValue']\")[3].innerText.trim() !== v",
        arg=tiles_before[3],
        timeout=30_000,
    )
    wait_idle(page)
    page.wait_for_timeout(500)  # Streamlit's effect re-sends each new figure after it is painted
    charts = page.evaluate(CALCULATIONS_JS)
    assert len(charts) >= 10
    # Every chart was seen from its first draw, and Streamlit's second pass did happen...
    assert all(draws >= 2 for draws, _ in charts), charts
    # ...without computing the chart again.
    assert all(kept for _, kept in charts), charts
    assert page.console_errors == []
