"""Period selections (rlff.metrics.periods): the numpy paths select exactly what pandas' comparisons select."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rlff.metrics import periods
from rlff.metrics.periods import isin_mask, month_bounds, period_mask, previous_month, rows_in_month, take_rows

STAMPS = pd.Series(
    pd.to_datetime(
        [
            "2024-02-29 23:59:59",
            None,
            "2024-02-01 00:00:00",
            "2024-03-01 00:00:00",
            "2024-01-31 23:59:59.5",
            "2024-02-10 00:00:00",
        ],
        format="ISO8601",
    )
)


def _pandas_mask(column: pd.Series, start, end) -> np.ndarray:
    """What period_mask computed before it had a numpy path."""
    mask = pd.Series(True, index=column.index)
    if start is not None:
        mask &= column >= start
    if end is not None:
        mask &= column < end
    return mask.to_numpy()


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-01")),
        (None, pd.Timestamp("2024-02-10")),
        (pd.Timestamp("2024-02-10"), None),
        (None, None),
        (pd.Timestamp("2024-01-31 23:59:59.25"), pd.Timestamp("2024-03-01")),  # finer than a unit: pandas path
        ("2024-02-01", "2024-03-01"),  # strings: pandas path
    ],
)
def test_period_mask_equals_pandas_comparisons_in_every_unit(unit, start, end):
    column = STAMPS.astype(f"datetime64[{unit}]")
    column.index = [10, 3, 7, 1, 2, 2]  # any index, duplicates included
    mask = period_mask(column, start, end)
    assert mask.index.equals(column.index)
    assert mask.to_numpy().tolist() == _pandas_mask(column, start, end).tolist()


def test_period_mask_of_strings_and_aware_stamps_still_compares_with_pandas():
    aware = STAMPS.dt.tz_localize("UTC")
    start, end = pd.Timestamp("2024-02-01", tz="UTC"), pd.Timestamp("2024-03-01", tz="UTC")
    assert period_mask(aware, start, end).tolist() == _pandas_mask(aware, start, end).tolist()
    text = pd.Series(["2024-02-03", "2024-01-03"])
    assert period_mask(text, "2024-02-01", "2024-03-01").tolist() == [True, False]


@pytest.mark.parametrize("month", ["2024-02-01", "2024-01-01", "2023-12-01"])
def test_rows_in_month_equals_a_boolean_selection(month):
    df = pd.DataFrame({"at": STAMPS.astype("datetime64[us]"), "n": range(len(STAMPS))}, index=list("abcdef"))
    start, end = month_bounds(month)
    expected = df[_pandas_mask(df["at"], start, end)]
    got = rows_in_month(df, "at", month)
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(
    "mask", [[True, True, False, False], [False, True, True, True], [True, False, True, False], [False] * 4, [True] * 4]
)
def test_take_rows_equals_a_boolean_selection(mask):
    df = pd.DataFrame({"a": [1, 2, 3, 4], "b": pd.Series(["w", "x", None, "z"], dtype="str")}, index=[9, 8, 7, 6])
    pd.testing.assert_frame_equal(take_rows(df, np.array(mask)), df[np.array(mask)])


@pytest.mark.parametrize(
    "values", [["a"], ["a", None], ["x"], [np.nan, "c"], [], pd.Series(["b", None], dtype="str"), ("a", "a")]
)
@pytest.mark.parametrize("dtype", ["category", "str", "object"])
def test_isin_mask_equals_series_isin(values, dtype):
    column = pd.Series(["a", "b", None, "c", "a"], dtype=dtype)
    expected = column.isin(pd.Index(list(values)).unique()).to_numpy()
    assert isin_mask(column, values).tolist() == expected.tolist()


def test_month_bounds_and_previous_month_equal_date_offsets():
    for year in (1, 1999, 2024, 9998, 9999):
        for month in range(1, 13):
            first = pd.Timestamp(year=year, month=month, day=1)
            if year > 1 or month > 1:
                assert previous_month(first) == first - pd.DateOffset(months=1)
                assert previous_month(first).unit == (first - pd.DateOffset(months=1)).unit
            if year < 9999 or month < 12:
                end = month_bounds(first)[1]
                assert end == first + pd.DateOffset(months=1)
                assert end.unit == (first + pd.DateOffset(months=1)).unit
    assert periods.month_bounds("2024-02-29 13:00") == (pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-01"))


@pytest.mark.parametrize("month", [None, "2024-02-01", "2024-03-01"])
def test_brand_posts_equals_the_account_then_month_selection(month):
    posts = pd.DataFrame(
        {
            "post_id": ["a", "b", "c", "d", "e"],
            "account": pd.Categorical(["brand", "cm", "brand", None, "brand"]),
            "published_at": STAMPS.iloc[:5].astype("datetime64[us]").to_numpy(),
            "text": pd.Series(["x", "y", None, "w", "v"], dtype="str"),
        },
        index=[4, 0, 3, 1, 2],
    )
    selected = posts[posts["account"] == "brand"]
    if month is not None:
        start, end = month_bounds(month)
        selected = selected[_pandas_mask(selected["published_at"], start, end)]
    pd.testing.assert_frame_equal(periods.brand_posts(posts, month), selected)
    pd.testing.assert_frame_equal(periods.brand_posts(posts, month, ["post_id"]), selected[["post_id"]])
