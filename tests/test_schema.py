"""schema.conform keeps columns that already have their dtype and converts the rest as it always did."""

from __future__ import annotations

import pandas as pd
import pytest

from rlff.schema import COLUMNS, TABLE_NAMES, conform


def _converting_conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """conform() as it was before it kept columns already in their dtype: every column converted."""
    out = {}
    for c, (kind, _) in COLUMNS[name].items():
        s = df[c]
        if kind in ("datetime", "date"):
            s = pd.to_datetime(s).astype("datetime64[us]")
            if kind == "date":
                s = s.dt.normalize()
        elif kind == "int":
            s = s.astype("int64")
        elif kind == "float":
            s = s.astype("float64")
        elif kind == "bool":
            s = s.astype("bool")
        elif kind == "category":
            if not isinstance(s.dtype, pd.CategoricalDtype):
                s = s.astype("str").astype("category")
        else:
            s = s.astype("str")
        out[c] = s.reset_index(drop=True)
    return pd.DataFrame(out)


def _raw(name: str, rows: int = 3) -> pd.DataFrame:
    """A frame of ``name`` in loose dtypes: object strings, datetimes at odd hours, ints as floats."""
    data: dict[str, object] = {}
    for c, (kind, _) in COLUMNS[name].items():
        if kind in ("datetime", "date"):
            data[c] = ["2024-02-01 10:30:00", None, "2024-03-01 00:00:00"][:rows]
        elif kind == "int":
            data[c] = [1.0, 2.0, 3.0][:rows]
        elif kind == "float":
            data[c] = [1, 2, 3][:rows]
        elif kind == "bool":
            data[c] = [1, 0, 1][:rows]
        else:
            data[c] = pd.Series(["b", None, "a"][:rows], dtype=object)
    return pd.DataFrame(data, index=[5, 3, 4][:rows])


def _assert_identical(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True, check_categorical=True)
    assert list(a.dtypes.astype(str)) == list(b.dtypes.astype(str))


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_conform_converts_loose_columns_as_before(name):
    raw = _raw(name)
    _assert_identical(conform(name, raw), _converting_conform(name, raw))


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_conform_keeps_a_conformed_table_as_it_is(name, default_tables):
    table = default_tables.table(name)
    _assert_identical(conform(name, table), table)
    _assert_identical(conform(name, table), _converting_conform(name, table))
    shuffled = table.iloc[::-1]
    _assert_identical(conform(name, shuffled), _converting_conform(name, shuffled))


def test_conform_moves_dates_to_midnight_and_keeps_datetimes():
    raw = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-02-01 10:30", "2024-02-02 00:00"]).astype("datetime64[us]"),
            "platform": ["x", "y"],
            "organic_follows": [1, 2],
            "bought_follows": [0, 0],
            "unfollows": [0, 0],
            "followers": [10, 12],
            "friends": [3, 3],
        }
    )
    out = conform("followers", raw)
    assert out["date"].tolist() == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-02")]
    _assert_identical(out, _converting_conform("followers", raw))
