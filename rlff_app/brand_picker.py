"""The data picker: the simulated scenario (the default, for a newcomer) or a brand of the workspace.

Drawn at the top of the sidebar, mirrored in the URL as ``?brand=NAME`` (absent for the
simulation). A brand the workspace does not know (an old link, another machine's
workspace) gets a one-line message and the simulation stays in use. The data page asks
for a switch after an upload with :func:`request`; it is applied on the next run, before
the widget is drawn.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from rlff.i18n import t
from rlff.io.workspace import ImportRecord, WorkspaceError
from rlff_app import login, workspace
from rlff_app.context import BRAND, BRAND_KEY, BRAND_TABLES
from rlff_app.show import plain_md

SOURCE_KEY = "data.source"  # the selectbox: "" is the simulation, any other value a brand's name
QUERY = "brand"
INIT_FLAG = "rlff.brand.initialised"
PENDING = "rlff.brand.pending"
HISTORY = "rlff.data.history"  # the shown brand's imports, newest first (read once per run)
SIMULATION = ""


def request(brand: str) -> None:
    """Show ``brand`` from the next run on (call, then ``st.rerun()``)."""
    st.session_state[PENDING] = brand


def _from_link() -> str | None:
    if st.session_state.get(INIT_FLAG):
        return None
    st.session_state[INIT_FLAG] = True
    return st.query_params.get(QUERY)


def _forget_brand() -> None:
    for key in (BRAND, BRAND_KEY, BRAND_TABLES, HISTORY):
        st.session_state.pop(key, None)


def pick_brand(lang: str, slot: Any) -> str | None:
    """Draw the picker in ``slot``, load the chosen brand's tables into the session, return its name (None: simulation).

    Nothing here raises: a workspace that cannot be read is a message, and the simulation is shown.
    """
    try:
        brands = workspace.brands()
    except WorkspaceError as exc:
        st.error(plain_md(t("brand.error", lang, message=exc.message(lang))), icon=":material/error:")
        brands = []
    # A brand the user may not see is not listed, and named in a link it is "unknown", like a brand that is not there.
    brands = [b for b in brands if login.allowed("view", b.name)]
    names = [b.name for b in brands]
    shown = {b.name: b.shown_name for b in brands}
    link = _from_link()
    pending = st.session_state.pop(PENDING, None)
    wanted = pending if pending is not None else link if link is not None else st.session_state.get(SOURCE_KEY)
    wanted = (wanted or SIMULATION).strip()
    if wanted and wanted not in names:
        st.warning(plain_md(t("brand.unknown", lang, brand=wanted[:100])), icon=":material/help:")
        wanted = SIMULATION
    st.session_state[SOURCE_KEY] = wanted  # before the widget is drawn: kept across runs, follows links and uploads
    with slot:
        chosen = st.selectbox(
            t("brand.label", lang),
            [SIMULATION, *names],
            key=SOURCE_KEY,
            format_func=lambda name: t("brand.simulation", lang) if name == SIMULATION else shown.get(name, name),
            help=t("brand.help", lang),
        )
    brand = _load(chosen, lang) if chosen else None
    if brand is None:
        _forget_brand()
    else:
        with slot:
            st.caption(plain_md(t("brand.sidebar_note", lang, brand=shown.get(brand, brand))))
    _sync_url(brand)
    return brand


def _load(brand: str, lang: str) -> str | None:
    """Put ``brand``'s tables (cached per what it holds) in the session; None when the workspace cannot give them."""
    try:
        ws = workspace.existing()
        if ws is None:
            return None
        history = ws.history(brand)
        key = workspace.state_key(ws, brand, history)
        tables = workspace.brand_tables(ws, ws.url, brand, key)
    except WorkspaceError as exc:
        st.error(plain_md(t("brand.error", lang, message=exc.message(lang))), icon=":material/error:")
        return None
    st.session_state[BRAND] = brand
    st.session_state[BRAND_KEY] = key
    st.session_state[BRAND_TABLES] = tables
    st.session_state[HISTORY] = history
    return brand


def history() -> list[ImportRecord]:
    """The imports of the brand shown, newest first (empty for the simulation)."""
    return list(st.session_state.get(HISTORY, [])) if st.session_state.get(BRAND) else []


def _sync_url(brand: str | None) -> None:
    current = st.query_params.get(QUERY)
    if brand is None:
        if current is not None:
            del st.query_params[QUERY]
    elif current != brand:
        st.query_params[QUERY] = brand
