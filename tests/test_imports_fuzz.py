"""Random and mutated files never escape as anything but an ImportProblem."""

from __future__ import annotations

import csv
import io

import export_samples as S
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlff.io.imports import KINDS, ImportProblem, import_files, read_file

SAMPLES = {
    "legacy": S.legacy_tweets(n=4)[:2],
    "legacy_cp1252": S.legacy_tweets(n=4, favorites=True, encoding="cp1252")[:2],
    "legacy_daily": S.legacy_daily(n=4)[:2],
    "x_posts_utf16": S.x_posts(n=4, encoding="utf-16", sep="\t")[:2],
    "x_overview": S.x_overview(n=4)[:2],
    "facebook": S.facebook_posts(n=4)[:2],
    "instagram": S.instagram_posts(n=4)[:2],
    "meta_daily": S.meta_daily(n=4)[:2],
    "linkedin_xlsx": S.linkedin_posts_workbook("xlsx", n=4)[:2],
    "linkedin_xls": S.linkedin_followers_workbook("xls", n=4)[:2],
    "inbox": S.french_inbox()[:2],
    "costs": S.costs_csv()[:2],
}
pytestmark = pytest.mark.filterwarnings(
    "error::pandas.errors.ParserWarning", "error::FutureWarning", "error::DeprecationWarning"
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_problem(data: bytes, name: str) -> None:
    try:
        result = read_file(data, name)
    except ImportProblem as problem:
        text = str(problem)
        assert text.startswith(name) and "\n" not in text and "Traceback" not in text
        # the catch-all for reader bugs must never be what a fuzzed file meets
        assert "could not read this file" not in text, text
        return
    assert result.tables  # a file that reads gives at least one table


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_give_a_result_or_a_problem(data):
    read_or_problem(data, "random.csv")


@FUZZ
@given(st.text(max_size=2000))
def test_random_text_gives_a_result_or_a_problem(text):
    read_or_problem(text.encode("utf-8", errors="surrogatepass"), "random.txt")


mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 200)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=40)),
    st.tuples(st.just("replace"), st.integers(0, 10**6), st.binary(min_size=1, max_size=20)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(b"")),
    st.tuples(
        st.just("swap"),
        st.sampled_from([b",", b";", b"\t", b'"', b"\n", b"-", b"/", b"."]),
        st.sampled_from([b",", b";", b"\t", b'"', b"\n", b"", b"x", b"-1", b"9" * 30]),
    ),
)


def mutate(data: bytes, op: tuple) -> bytes:
    kind, a, b = op
    if kind == "swap":
        return data.replace(a, b, 3)
    at = a % (len(data) + 1)
    if kind == "delete":
        return data[:at] + data[at + b :]
    if kind == "insert":
        return data[:at] + b + data[at:]
    if kind == "replace":
        return data[:at] + b + data[at + len(b) :]
    return data[:at]


@FUZZ
@given(st.sampled_from(sorted(SAMPLES)), st.lists(mutation, min_size=1, max_size=4))
def test_mutated_exports_give_a_result_or_a_problem(sample, ops):
    name, data = SAMPLES[sample]
    for op in ops:
        data = mutate(data, op)
    read_or_problem(data, name)


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "-",
            "12",
            "-3",
            "1,5",
            "15,000",
            "1.234,5",
            "2026-11-25",
            "25/11/2026 14:05",
            "13/13/2026",
            "Sat, Sep 12, 2026",
            "nan",
            "inf",
            "1e400",
            "true",
            "crisis",
            "twitter",
            "#x",
        ]
    ),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True).map(str),
)


@FUZZ
@given(
    st.sampled_from(KINDS),
    st.lists(st.lists(cell, min_size=0, max_size=25), min_size=1, max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_known_headers_with_random_cells_give_a_result_or_a_problem(kind, rows, sep, note_row):
    header = [aliases[0] for aliases in kind.fields.values()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    if note_row:
        writer.writerow(["Exported from somewhere"])
    writer.writerow(header)
    writer.writerows(rows)
    read_or_problem(buffer.getvalue().encode(), f"{kind.key}.csv")


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_fuzz_seed_file_reads(sample):
    name, data = SAMPLES[sample]
    assert read_file(data, name).tables


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(SAMPLES)), min_size=1, max_size=3), st.binary(max_size=200))
def test_import_files_never_raises(samples, junk):
    outcome = import_files([SAMPLES[s] for s in samples] + [("junk.bin", junk)])
    assert (
        len(outcome.results) + len(outcome.problems) + sum("same file" in w for w in outcome.warnings)
        == len(samples) + 1
    )
