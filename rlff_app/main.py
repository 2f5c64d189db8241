"""The RLFF dashboard: the deck for Big Boss, the reality check, and both side by side.

Run with ``streamlit run dashboard.py`` or ``rlff dashboard``. This file only lays out
the app: the sidebar (:mod:`rlff_app.sidebar`) gives a scenario, the pages
(:mod:`rlff_app.views`, listed in :mod:`rlff_app.pages`) draw it; every number comes from :mod:`rlff.metrics`, every
figure from :mod:`rlff.charts`.
"""

# ruff: noqa: E402 - the warm-up gate comes before the imports it protects
from __future__ import annotations

import rlff_app

# Started by rlff_app.startup.launch (`rlff dashboard`), the server is warming up in another thread:
# wait for it rather than import the same modules at the same time, and meanwhile let the
# browser fetch the code of the charts and tables it is about to draw.
if rlff_app.is_warming_up():
    rlff_app.wait_for_libraries()
    from rlff_app.startup.prefetch import start_loading_components

    _slot = start_loading_components()
    rlff_app.wait_for_warm_up()
    _slot.empty()

# Heavy modules first, fully imported (and plotly exercised once) before any chart code
# runs in a session: a cold server starts many sessions at once.
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import streamlit as st

import rlff.charts  # noqa: F401
import rlff_app.startup.warmup  # noqa: F401
from rlff.i18n import check_lang, t
from rlff.simulation.budget import ScenarioTooLarge
from rlff.simulation.scenario import DEFAULT, ScenarioError
from rlff_app import login, sidebar
from rlff_app.brand_picker import pick_brand
from rlff_app.context import CONTEXT, AppContext, PageSpec, uses_workspace
from rlff_app.month_picker import pick_month
from rlff_app.pages import PAGES
from rlff_app.query import KNOBS_BY_NAME, scenario_from_state
from rlff_app.show import plain_md

PAGES_STATE = "rlff.pages"


def _page(spec: PageSpec, lang: str) -> st.Page:
    return st.Page(spec.file, title=t(spec.title_key, lang), icon=spec.icon, url_path=spec.key, default=spec.default)


def _pages(lang: str) -> list[st.Page]:
    """The navigation's pages in ``lang``, made once per session and language (st.Page resolves its file)."""
    made: dict[str, list[st.Page]] = st.session_state.setdefault(PAGES_STATE, {})
    if lang not in made:
        made[lang] = [_page(spec, lang) for spec in PAGES]
    return made[lang]


def _localized(exc: ScenarioError, lang: str) -> str:
    return exc.text(lang) if isinstance(exc, ScenarioTooLarge) else str(exc.in_lang(lang))


def main() -> None:
    """Draw one run of the app."""
    st.set_page_config(page_title="RLFF", layout="wide")  # default favicon: nothing fetched from a CDN
    data_slot = st.sidebar.container()  # the data and month pickers head the sidebar; drawn once the language is known
    # A workspace with users: nothing below runs before a login (except the demo with --public-demo).
    login.gate(check_lang(str(st.session_state.get(KNOBS_BY_NAME["lang"].key) or st.query_params.get("lang") or "")))
    wanted = login.pop_wanted_page()  # a deep link answered by the login form: go there below
    if wanted is not None and wanted[1] is not None:
        # Back from single sign-on on the bare home page: the link's query first, so that the
        # sidebar, the brand and the month below read it as if the link had been opened.
        grouped: dict[str, list[str]] = {}
        for key, value in wanted[1]:
            grouped.setdefault(key, []).append(value)
        st.query_params.from_dict(grouped)
    state = sidebar.render(_pages)  # its page links carry the scenario's query
    lang = check_lang(str(state["lang"]))
    pick_brand(lang, data_slot)
    for problem in sidebar.pop_query_problems():
        # The value comes from the link: escaped, so a crafted URL cannot add links or markup.
        message = t(
            "app.query_error",
            lang,
            key=sidebar.url_name(problem.key),
            value=problem.value,
            message=problem.message(lang),
        )
        st.warning(plain_md(message))
    error: str | None = None
    try:
        scenario, seed = scenario_from_state(state)
        st.session_state[CONTEXT] = AppContext(scenario=scenario, seed=seed, lang=lang, state=state)
    except ScenarioError as exc:
        if uses_workspace():  # the views draw the workspace brand: the broken scenario only gets a note
            st.sidebar.warning(plain_md(t("app.scenario_error", lang, message=_localized(exc, lang))))
            st.session_state[CONTEXT] = AppContext(scenario=DEFAULT, seed=0, lang=lang, state=state)
        else:
            error = _localized(exc, lang)
            st.session_state.pop(CONTEXT, None)
    ctx = st.session_state.get(CONTEXT)
    if isinstance(ctx, AppContext):
        st.session_state[CONTEXT] = pick_month(ctx, data_slot)
    nav = st.navigation(_pages(lang), position="hidden")  # the sidebar's links replace it
    if wanted is not None and wanted[0] != nav.url_path:
        page = next((p for p in _pages(lang) if p.url_path == wanted[0]), None)
        if page is not None:
            st.switch_page(page, query_params=[(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    if error is not None:
        st.error(plain_md(t("app.scenario_error", lang, message=error)), icon="⚠️")
        return
    nav.run()
    st.divider()
    st.caption(t("app.footer", lang))


if __name__ == "__main__":
    main()
