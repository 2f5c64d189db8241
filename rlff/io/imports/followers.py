"""Daily follows and unfollows to the running follower total no export gives."""

from __future__ import annotations

import numpy as np
import pandas as pd


def running_total(net: pd.Series, start: float = 0.0) -> tuple[pd.Series, float]:
    """Followers at the end of each day from daily net follows, starting from ``start``.

    Exports give new follows and unfollows per day but no total, so the curve starts at
    ``start`` (0 unless known). When unfollows would take it below zero the start is lifted
    just enough to keep every day at zero or more, and the lift is returned so callers can say so.

    Args:
        net: Follows minus unfollows per day, in date order.
        start: Followers before the first day.

    Returns:
        The running total per day, and the start actually used.
    """
    total = start + net.cumsum()
    lowest = float(total.min()) if len(total) else 0.0
    lifted = start - lowest if lowest < 0 else start
    return (total + (lifted - start)).astype("int64"), lifted


def fill_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill the unknown (NaN) ``followers`` and ``friends`` of one platform's rows, sorted by date.

    A known total anchors the days after it (known total + net follows since); days before
    any known total count from 0. Unknown ``friends`` repeat the last known value, else 0.
    """
    out = frame.sort_values("date", kind="stable").copy()
    net = (out["organic_follows"] + out["bought_follows"] - out["unfollows"]).astype("float64")
    known = out["followers"].notna().to_numpy()
    segment = np.cumsum(known)  # rows after a known total belong to its segment
    anchor = out["followers"].where(known).ffill().fillna(0.0)
    since = net.where(~known, 0.0).groupby(segment).cumsum()
    first_segment = segment == 0
    if first_segment.any():
        totals, _ = running_total(net[first_segment])
        since = since.where(~first_segment, totals)
    out["followers"] = out["followers"].where(known, anchor + since).astype("int64")
    out["friends"] = out["friends"].ffill().fillna(0).astype("int64")
    return out
