"""The month picker: which month of the data every view reports on, mirrored in the URL as ``?month=YYYY-MM``.

The choices are the months the data in use covers, newest first; the default is the
data's own reported month (its last complete month). The URL holds the month only when
it is not the default, like the knobs. A month the data does not cover (from a link, or
kept from other data) gets a one-line message and the default month instead; a partial
or empty month gets a note above the page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import streamlit as st

from rlff.i18n import fmt_date, fmt_month, t
from rlff.memo import shared
from rlff.metrics.periods import MonthOutOfRange, check_month, data_months, month_coverage, parse_month
from rlff_app.context import AppContext
from rlff_app.show import plain_md

MONTH_KEY = "data.month"  # the selectbox's key; its value is "YYYY-MM"
QUERY = "month"
INIT_FLAG = "rlff.month.initialised"
SHOWN_DEFAULT = "rlff.month.default"  # the default of the last run: a month left at it follows new data


def _text(month: date) -> str:
    return f"{month:%Y-%m}"


def _from_link(lang: str) -> str | None:
    """The month of ``?month=`` on the session's first run (None when absent); a bad one is warned about once."""
    if st.session_state.get(INIT_FLAG):
        return None
    st.session_state[INIT_FLAG] = True
    raw = st.query_params.get(QUERY)
    if raw is None:
        return None
    try:
        return _text(parse_month(raw))
    except ValueError:
        message = t("app.query_error", lang, key=QUERY, value=raw[:40], message=t("month.query_error", lang))
        st.warning(plain_md(message))
        return None


def _out_of_range_message(exc: MonthOutOfRange, shown: date, lang: str) -> str:
    return t(
        "month.no_data",
        lang,
        month=fmt_month(exc.month, lang),
        first=fmt_month(exc.first, lang),
        last=fmt_month(exc.last, lang),
        shown=fmt_month(shown, lang),
    )


def pick_month(ctx: AppContext, slot: Any) -> AppContext:
    """Draw the picker in ``slot`` (a sidebar container) and return ``ctx`` set to the month chosen.

    Call after the data source is settled (the choices are the months of the data in use).
    """
    lang = ctx.lang
    base = ctx.base_tables()
    months = data_months(base)
    options = [_text(m) for m in reversed(months)]
    default = _text(check_month(base, base.meta.reported_month))
    previous_default = st.session_state.get(SHOWN_DEFAULT)
    st.session_state[SHOWN_DEFAULT] = default
    wanted = _from_link(lang) or st.session_state.get(MONTH_KEY)
    if wanted is None or wanted == previous_default:
        wanted = default  # never chosen, or left at the default: follow the data's newest complete month
    if wanted not in options:
        try:
            check_month(base, parse_month(wanted))
        except MonthOutOfRange as exc:
            st.warning(plain_md(_out_of_range_message(exc, parse_month(default), lang)), icon=":material/event_busy:")
        wanted = default
    st.session_state[MONTH_KEY] = wanted  # set before the widget is drawn (kept across runs, like the knobs)
    with slot:
        chosen = st.selectbox(
            t("month.label", lang),
            options,
            key=MONTH_KEY,
            format_func=lambda m: fmt_month(parse_month(m), lang),
            help=t("month.help", lang),
        )
    month = parse_month(chosen)
    _sync_url(None if chosen == default else chosen)
    ctx = replace(ctx, month=None if chosen == default else month)
    _coverage_note(ctx, lang)
    return ctx


def _coverage_note(ctx: AppContext, lang: str) -> None:
    """Above the page: say when the month shown is only partly covered by the data, or has no row at all."""
    tables = ctx.tables()
    coverage = shared(tables, month_coverage)  # once per month's tables, not on every rerun
    month = fmt_month(coverage.month, lang)
    if coverage.empty:
        st.warning(t("month.empty", lang, month=month), icon=":material/event_busy:")
    elif coverage.partial:
        meta = tables.meta
        start, end = fmt_date(meta.start, lang), fmt_date(meta.end, lang)
        st.info(t("month.partial", lang, month=month, start=start, end=end), icon=":material/date_range:")


def _sync_url(month: str | None) -> None:
    """``?month=`` holds the month when it is not the default, and nothing otherwise."""
    current = st.query_params.get(QUERY)
    if month is None:
        if current is not None:
            del st.query_params[QUERY]
    elif current != month:
        st.query_params[QUERY] = month
