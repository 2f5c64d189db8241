"""The scenario sidebar: one widget per knob, its state mirrored in the URL query.

On a session's first run the knobs are read from the URL (``?lang=fr&ring_size=40``);
on every run the URL is rewritten with the knobs that differ from the article's, so a
copied link reopens the same dashboard.

The language is always shown; the other knobs sit in groups that start closed (open when
the link changes one of their knobs) and draw their widgets only while open (Streamlit's
lazy expanders). Twenty widgets cost a first-time visitor's browser about a second of work
before the deck appears (measured: main-thread time 4.6-5.1 s with them, 3.4-3.8 s
without). A closed group's knobs keep their values (:func:`_keep_knob_values`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from rlff.i18n import check_lang, fmt_eur, fmt_float, fmt_int, fmt_pct, name, t, widget_date_format
from rlff.simulation.scenario import SOCIAL_PLATFORMS
from rlff_app.query import (
    GROUPS,
    KNOBS,
    KNOBS_BY_NAME,
    Knob,
    QueryProblem,
    default_state,
    state_from_query,
    state_to_query,
)

INIT_FLAG = "rlff.sidebar.initialised"
PROBLEMS = "rlff.sidebar.query_problems"
ALWAYS_SHOWN: tuple[str, ...] = ("lang",)
# ``?brand=`` names a brand of the workspace (rlff_app.brand_picker): the simulated brand's name
# knob travels under another name in the URL.
URL_NAMES: dict[str, str] = {"brand": "sim_brand"}


def url_name(knob_name: str) -> str:
    """The URL parameter of a knob: its name, except where :data:`URL_NAMES` says otherwise."""
    return URL_NAMES.get(knob_name, knob_name)


def group_key(group: str) -> str:
    """Session-state key of a group's open/closed state, e.g. ``"rlff.sidebar.open.audience"``."""
    return f"rlff.sidebar.open.{group}"


def _init_from_query() -> None:
    """Seed the widgets' session state from the URL, once per session."""
    if st.session_state.get(INIT_FLAG):
        return
    params = {k.name: st.query_params.get_all(url_name(k.name)) for k in KNOBS if url_name(k.name) in st.query_params}
    state, problems = state_from_query(params)
    defaults = default_state()
    for knob in KNOBS:
        st.session_state[knob.key] = _to_widget(knob, state[knob.name])
        if knob.name not in ALWAYS_SHOWN and state[knob.name] != defaults[knob.name]:
            st.session_state[group_key(knob.group)] = True  # show the reader what the link changed
    st.session_state[PROBLEMS] = problems
    st.session_state[INIT_FLAG] = True


def _keep_knob_values() -> None:
    """Keep the values of knobs whose widget is not drawn this run (their group is closed).

    Streamlit forgets a widget's value after a run that does not draw it; a key set through
    the Session State API instead is kept, and the widget picks it up when drawn again
    (Streamlit's documented way to keep widget values across such runs).
    """
    for knob in KNOBS:
        if knob.key in st.session_state:
            st.session_state[knob.key] = st.session_state[knob.key]


def _to_widget(knob: Knob, value: Any) -> Any:
    return list(value) if knob.kind == "platforms" else value


def reset_to_defaults() -> None:
    """Callback of the reset button: every knob back to the article's scenario (language kept)."""
    for knob in KNOBS:
        if knob.name != "lang":
            st.session_state[knob.key] = _to_widget(knob, knob.default)


def _widget(knob: Knob, lang: str) -> None:
    label = t(f"knob.{knob.name}", lang)
    key = knob.key
    if knob.name == "lang":
        st.radio(label, knob.choices, key=key, horizontal=True, format_func=lambda x: t(f"lang.{x}", lang))
    elif knob.name == "reply_policy":
        st.selectbox(label, knob.choices, key=key, format_func=lambda x: t(f"policy.{x}", lang))
    elif knob.kind == "platforms":
        st.multiselect(label, SOCIAL_PLATFORMS, key=key, format_func=lambda x: name("platform", x, lang))
    elif knob.kind == "bool":
        st.checkbox(label, key=key)
    elif knob.kind == "date":
        st.date_input(label, key=key, format=widget_date_format(lang))
    elif knob.kind == "str":
        st.text_input(label, key=key, max_chars=80)
    elif knob.name == "seed":
        low, high, _step = _range(knob)
        st.number_input(label, min_value=int(low), max_value=int(high), step=1, key=key)
    elif knob.kind == "int" and _range(knob)[1] < 1000:
        low, high, step = _range(knob)
        st.slider(label, min_value=int(low), max_value=int(high), step=int(step), key=key)
    else:
        _localized_slider(knob, label, lang)


def knob_text(knob: Knob, value: float, lang: str) -> str:
    """A knob's value as the language writes it: ``50 000 €``, ``20 %``, ``2,5`` / ``€50,000``, ``20%``, ``2.5``."""
    step = float(_range(knob)[2])
    if knob.name.endswith("_eur") or "_eur_" in knob.name:
        return fmt_eur(value, lang, _decimals(step))
    if knob.name.endswith("_share") or knob.name == "strategy_adherence":
        return fmt_pct(value, lang, _decimals(step * 100))
    if knob.kind == "int":
        return fmt_int(value, lang)
    return fmt_float(value, lang, _decimals(step))


def _decimals(step: float) -> int:
    """Decimals a step needs: 1000 → 0, 0.5 → 1, 0.05 → 2."""
    text = f"{step:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def knob_options(knob: Knob, current: Any) -> list[Any]:
    """Every value from min to max by step, and the current one (a link may set a value between steps)."""
    low, high, step = _range(knob)
    count = round((high - low) / step) + 1
    if knob.kind == "int":
        grid: set[Any] = {int(low) + i * int(step) for i in range(count)}
    else:
        grid = {round(low + i * step, 10) for i in range(count)}
    if isinstance(current, int | float) and not isinstance(current, bool):
        grid.add(current)
    return sorted(grid)


def _localized_slider(knob: Knob, label: str, lang: str) -> None:
    """A slider whose values read as the language writes numbers.

    ``st.slider`` formats with a printf string (sprintf.js), which has no narrow no-break
    space, no decimal comma and no euro after the number, and its "localized" formats
    follow the browser's locale, not the dashboard's language: a select slider over the
    knob's steps shows each value through :func:`knob_text` instead.
    """
    options = knob_options(knob, st.session_state.get(knob.key, knob.default))
    st.select_slider(label, options=options, key=knob.key, format_func=lambda v: knob_text(knob, v, lang))


def _range(knob: Knob) -> tuple[float, float, float]:
    """A numeric knob's min, max and step (every numeric knob of KNOBS sets all three)."""
    if knob.min is None or knob.max is None or knob.step is None:
        raise ValueError(f"the numeric knob {knob.name!r} needs a min, a max and a step")
    return knob.min, knob.max, knob.step


def _state() -> dict[str, Any]:
    """The knob state as the widgets hold it in this run."""
    state = default_state()
    for knob in KNOBS:
        value = st.session_state.get(knob.key, knob.default)
        state[knob.name] = tuple(value) if knob.kind == "platforms" else value
    return state


def page_links(pages: Sequence[Any], state: dict[str, Any]) -> None:
    """One link per page that carries the scenario, so a page opened in a new tab keeps it.

    Streamlit's own navigation links point at the bare page (``/reality``): the knobs in the
    URL would be lost. The app hides that navigation and draws these instead.
    """
    query = state_to_query(state)
    for page in pages:
        st.page_link(page, query_params=query)


def render(pages: Callable[[str], Sequence[Any]] | None = None) -> dict[str, Any]:
    """Draw the sidebar, sync the URL, and return the knob state (name -> value).

    Args:
        pages: the navigation's ``st.Page`` list for a language; when given, the sidebar
            starts with links to them that keep the scenario in the URL.
    """
    _init_from_query()
    _keep_knob_values()
    lang = check_lang(str(st.session_state.get(KNOBS_BY_NAME["lang"].key, "en")))
    with st.sidebar:
        if pages is not None:
            page_links(pages(lang), _state())
            st.divider()
        st.header(t("sidebar.title", lang))
        st.caption(t("sidebar.intro", lang))
        for knob in KNOBS:
            if knob.name in ALWAYS_SHOWN:
                _widget(knob, lang)
        for group in GROUPS:
            box = st.expander(t(f"sidebar.group.{group}", lang), key=group_key(group), on_change="rerun")
            if box.open:
                with box:
                    for knob in KNOBS:
                        if knob.group == group and knob.name not in ALWAYS_SHOWN:
                            _widget(knob, lang)
        st.button(t("app.reset", lang), key="scenario.reset", on_click=reset_to_defaults)
        st.caption(t("app.share_link", lang))
    state = _state()
    _sync_url(state)
    return state


def _sync_url(state: dict[str, Any]) -> None:
    """Write the non-default knobs into the URL, leaving other parameters alone."""
    wanted = state_to_query(state)
    for knob in KNOBS:
        param = url_name(knob.name)
        current = st.query_params.get(param)
        if knob.name in wanted:
            if current != wanted[knob.name]:
                st.query_params[param] = wanted[knob.name]
        elif current is not None:
            del st.query_params[param]


def pop_query_problems() -> list[QueryProblem]:
    """URL parameters ignored on this session's first run; returned once, for one warning."""
    return list(st.session_state.pop(PROBLEMS, []))
