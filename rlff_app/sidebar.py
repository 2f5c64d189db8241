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

from rlff.i18n import check_lang, name, t
from rlff.simulation.scenario import SOCIAL_PLATFORMS
from rlff_app.context import uses_upload
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


def group_key(group: str) -> str:
    """Session-state key of a group's open/closed state, e.g. ``"rlff.sidebar.open.audience"``."""
    return f"rlff.sidebar.open.{group}"


def _init_from_query() -> None:
    """Seed the widgets' session state from the URL, once per session."""
    if st.session_state.get(INIT_FLAG):
        return
    state, problems = state_from_query({k: st.query_params.get_all(k) for k in st.query_params})
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
        st.date_input(label, key=key, format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD")
    elif knob.kind == "str":
        st.text_input(label, key=key, max_chars=80)
    elif knob.name == "seed":
        st.number_input(label, min_value=int(knob.min), max_value=int(knob.max), step=1, key=key)
    elif knob.kind == "int":
        st.slider(label, min_value=int(knob.min), max_value=int(knob.max), step=int(knob.step), key=key)
    else:
        st.slider(label, min_value=float(knob.min), max_value=float(knob.max), step=float(knob.step), key=key)


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
        if uses_upload():
            st.info(t("data.sidebar_note", lang), icon=":material/upload_file:")
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
        current = st.query_params.get(knob.name)
        if knob.name in wanted:
            if current != wanted[knob.name]:
                st.query_params[knob.name] = wanted[knob.name]
        elif current is not None:
            del st.query_params[knob.name]


def pop_query_problems() -> list[QueryProblem]:
    """URL parameters ignored on this session's first run; returned once, for one warning."""
    return list(st.session_state.pop(PROBLEMS, []))
