"""RLFF's CSV schema on disk: round trip, atomic writes, data dictionary."""

from __future__ import annotations

import pandas as pd
import pytest

from rlff.io import atomic
from rlff.io import tables as tables_io
from rlff.io.tables import read_tables, write_tables
from rlff.schema import COLUMNS, TABLE_NAMES


def test_round_trip_keeps_every_table_equal(default_tables, tmp_path):
    write_tables(default_tables, tmp_path)
    back = read_tables(tmp_path)
    assert back.meta == default_tables.meta
    for name in TABLE_NAMES:
        a, b = default_tables.table(name), back.table(name)
        for col in COLUMNS[name]:
            left, right = a[col], b[col]
            if isinstance(left.dtype, pd.CategoricalDtype):
                left, right = left.astype(str), right.astype(str)
            pd.testing.assert_series_equal(
                left, right, check_dtype=False, check_exact=False, rtol=1e-5, obj=f"{name}.{col}"
            )


def test_data_dictionary_lists_every_column(tmp_path, default_tables):
    write_tables(default_tables, tmp_path)
    text = (tmp_path / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    for name, cols in COLUMNS.items():
        assert f"`{name}.csv`" in text
        for col in cols:
            assert f"`{col}`" in text


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "posts.csv"
    target.write_bytes(b"old content")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic.atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["posts.csv"]


def test_read_tables_names_the_folder_when_it_holds_no_rlff_table(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FileNotFoundError, match="none of RLFF's tables"):
        read_tables(tmp_path)


def test_read_tables_infers_the_period_without_meta(default_tables, tmp_path):
    write_tables(default_tables, tmp_path)
    (tmp_path / "meta.json").unlink()
    back = read_tables(tmp_path)
    assert back.meta.source == "import"
    assert back.meta.reported_month.isoformat() == "2026-01-01"


def test_a_carriage_return_inside_a_cell_does_not_split_the_row(default_tables, tmp_path):
    posts = default_tables.posts.head(3).copy()
    posts.loc[0, "text"] = "line one\rline two\r\nline three"
    data = tables_io.table_to_csv_bytes("posts", posts)
    back = tables_io.read_table_csv("posts", data)
    assert len(back) == 3
    assert back.loc[0, "text"] == "line one\nline two\nline three"


def test_written_files_get_the_usual_permissions_not_private_ones(tmp_path):
    import os
    import stat

    target = tmp_path / "deck.pptx"
    atomic.atomic_write_bytes(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
