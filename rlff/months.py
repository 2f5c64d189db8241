"""Calendar rules every layer shares: which month a period reports on."""

from __future__ import annotations

from datetime import date

import pandas as pd


def last_complete_month(start: date, end: date) -> date:
    """First day of the last calendar month fully inside [start, end]; the last month if none is."""
    end_ts = pd.Timestamp(end)
    month_start = end_ts.to_period("M").start_time
    if end_ts != (month_start + pd.offsets.MonthEnd(0)).normalize():
        month_start = (month_start - pd.offsets.MonthBegin(1)).normalize()
    if month_start < pd.Timestamp(start).to_period("M").start_time or month_start < pd.Timestamp(start):
        month_start = end_ts.to_period("M").start_time
    return month_start.date()
