"""Several files to one dataset: concatenate, count each post, day and message once, derive the meta."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from rlff.i18n.messages import Message
from rlff.months import last_complete_month
from rlff.schema import TABLE_NAMES, Meta, Tables, conform, empty_table

from .followers import fill_totals
from .problems import ImportProblem
from .read import ImportResult, read_file

DEFAULT_BRAND = "My brand"
# Columns holding the moments a dataset covers, for its start and end.
_TIME_COLUMNS = {
    "posts": "published_at",
    "engagements": "engaged_at",
    "followers": "date",
    "inbox": "received_at",
    "mentions": "mentioned_at",
    "costs": "date",
    "revenue": "date",
    "strategy": "week",
    "time_use": "week",
    "events": "date",
}


@dataclass
class ImportOutcome:
    """Everything an upload of several files gave.

    Attributes:
        tables: The merged dataset (empty tables when nothing could be read).
        results: One per file that was read, in upload order.
        problems: One per file that could not be read; the other files are still merged.
        warnings: Notes about the merge (duplicates dropped, totals recomputed) and each file's warnings.
    """

    tables: Tables
    results: list[ImportResult] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file was read."""
        return not self.problems

    @property
    def row_counts(self) -> dict[str, int]:
        """Rows per table of the merged dataset."""
        return {name: len(self.tables.table(name)) for name in TABLE_NAMES}


def import_files(files: Iterable[tuple[str, bytes]]) -> ImportOutcome:
    """Read several files and merge them into one dataset; a bad file never stops the others.

    Args:
        files: ``(filename, bytes)`` pairs, e.g. from an upload widget or read from disk.

    Returns:
        The merged tables, each file's result, and a problem for each file that failed.
    """
    results: list[ImportResult] = []
    problems: list[ImportProblem] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for name, data in files:
        try:
            result = read_file(data, name)
        except ImportProblem as problem:
            problems.append(problem)
            continue
        if result.digest in seen:
            warnings.append(Message("import.note.same_file", name=name, other=seen[result.digest]))
            continue
        seen[result.digest] = name
        results.append(result)
        warnings += [w for w in result.warnings if w not in warnings]
    tables = merge_results(results, warnings)
    return ImportOutcome(tables, results, problems, warnings)


def merge_results(results: Sequence[ImportResult], warnings: list[str] | None = None) -> Tables:
    """Merge read files into one :class:`~rlff.schema.Tables` (see docs/imports.md for the rules).

    Args:
        results: Files already read, in upload order (later files win ties).
        warnings: A list that receives notes about what the merge dropped.
    """
    notes = warnings if warnings is not None else []
    frames = {name: _stack(results, name) for name in TABLE_NAMES}
    merged: dict[str, pd.DataFrame] = {}
    merged["posts"] = _posts(frames["posts"], frames["engagements"], notes)
    merged["engagements"] = _engagements(frames["engagements"], merged["posts"], notes)
    merged["followers"] = _followers(frames["followers"], notes)
    merged["inbox"] = _last_per_key(frames["inbox"], ["message_id"])
    merged["peers"] = _last_per_key(frames["peers"], ["handle"])
    for name in ("mentions", "costs", "revenue", "strategy", "time_use", "events"):
        merged[name] = _once_across_files(frames[name])
    clean = {
        name: conform(name, frame.drop(columns=[c for c in frame.columns if c.startswith("_")]))
        for name, frame in merged.items()
    }
    brand = next((r.brand for r in results if r.brand), None)
    # Follows summed from posts are dropped where a daily file exists: only the files that count decide.
    with_followers = [r for r in results if "followers" in r.tables]
    deciding = [r for r in with_followers if "followers" not in r.derived] or with_followers
    bought_known = all(r.bought_known for r in deciding)
    # The follower total is known when one file gives it (not counted from 0 out of new follows).
    total_known = any(r.followers_known and r.row_counts.get("followers", 0) > 0 for r in results)
    meta = derive_meta(clean, brand, bought_known=bought_known, followers_total_known=total_known)
    return Tables(meta=meta, **clean)


def _stack(results: Sequence[ImportResult], name: str) -> pd.DataFrame:
    """One table from every file, tagged with its file's position, platform and role."""
    pieces = []
    for i, result in enumerate(results):
        frame = result.tables.get(name)
        if frame is None or frame.empty:
            continue
        pieces.append(
            frame.assign(
                _file=i,
                _platform=result.platform or "",
                _derived=name in result.derived,
                _known=result.followers_known,
            )
        )
    if not pieces:
        return empty_table(name).assign(
            _file=pd.Series(dtype="int64"),
            _platform=pd.Series(dtype="str"),
            _derived=pd.Series(dtype="bool"),
            _known=pd.Series(dtype="bool"),
        )
    return pd.concat(pieces, ignore_index=True)


def _posts(posts: pd.DataFrame, engagements: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """The same post uploaded twice (same platform and id) is kept once: its largest counts, then the latest file."""
    if posts.empty:
        return posts
    repeated = posts.duplicated(["platform", "post_id"], keep=False)
    if not repeated.any():  # the usual case: nothing to choose between
        return posts.sort_values(["published_at", "_file"], kind="stable")
    engaged = (
        engagements.assign(post_id=engagements["post_id"].astype("str"))
        .groupby(["post_id", "_file"], as_index=False)["count"]
        .sum()
    )
    sized = posts.assign(post_id=posts["post_id"].astype("str")).merge(engaged, on=["post_id", "_file"], how="left")
    size = sized[["impressions", "clicks", "conversions"]].sum(axis=1) + sized["count"].fillna(0)
    ranked = posts.assign(_size=size.to_numpy()).sort_values(["_size", "_file"], kind="stable")
    kept = ranked.drop_duplicates(["platform", "post_id"], keep="last").sort_values(
        ["published_at", "_file"], kind="stable"
    )
    dropped = len(posts) - len(kept)
    if dropped:
        notes.append(Message("import.note.duplicate_posts", n=dropped))
    return kept


def _engagements(engagements: pd.DataFrame, posts: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Each post's engagements come from one file only; daily totals fill days no per-post file covers."""
    if engagements.empty:
        return engagements
    attributed = engagements[engagements["post_id"] != ""]
    daily = engagements[engagements["post_id"] == ""]
    if not attributed.empty and attributed["_file"].nunique() > 1:
        totals = attributed.groupby(["post_id", "_file"], observed=True)["count"].sum().reset_index()
        best = totals.sort_values(["count", "_file"], kind="stable").drop_duplicates("post_id", keep="last")
        keep = pd.MultiIndex.from_frame(best[["post_id", "_file"]])
        rows = pd.MultiIndex.from_arrays([attributed["post_id"], attributed["_file"]])
        before = len(attributed)
        attributed = attributed[rows.isin(keep)]
        if len(attributed) < before:
            notes.append(Message("import.note.engagements_one_file"))
    if not daily.empty:
        day = daily["engaged_at"].dt.normalize()
        daily = (
            daily.assign(engaged_at=day)
            .sort_values(["count", "_file"], kind="stable")
            .drop_duplicates(["_platform", "engaged_at", "kind"], keep="last")
        )
        covered = _covered(posts)
        inside = pd.Series(False, index=daily.index)
        for platform, (first, last) in covered.items():
            inside |= (daily["_platform"] == platform) & daily["engaged_at"].between(first, last)
        if inside.any():
            notes.append(Message("import.note.daily_left_out", n=int(inside.sum())))
        daily = daily[~inside]
    return pd.concat([attributed, daily], ignore_index=True).sort_values("engaged_at", kind="stable")


def _covered(posts: pd.DataFrame) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """Per platform, the days from the first to the last post that per-post files give."""
    if posts.empty:
        return {}
    days = posts["published_at"].dt.normalize()
    span = days.groupby(posts["platform"].astype("str")).agg(["min", "max"])
    return {p: (row["min"], row["max"]) for p, row in span.iterrows()}


def _followers(followers: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """One row per platform and day; daily files beat per-post sums; unknown totals recomputed across files."""
    if followers.empty:
        return followers
    followers = followers.assign(platform=followers["platform"].astype("str"))
    primary_platforms = set(followers.loc[~followers["_derived"], "platform"])
    fallback = followers["_derived"] & followers["platform"].isin(primary_platforms)
    followers = followers[~fallback]
    counts = ["organic_follows", "bought_follows", "unfollows"]
    # Known totals stay; unknown ones (exports) become NaN and are recomputed after the merge.
    followers = followers.assign(
        followers=followers["followers"].where(followers["_known"]).astype("float64"),
        friends=followers["friends"].where(followers["_known"]).astype("float64"),
    )
    # A day given by several files (a follows file and an unfollows file, or overlapping exports):
    # each count keeps its largest value.
    grouped = followers.groupby(["platform", "date"], as_index=False, sort=True)
    merged = grouped[counts + ["followers", "friends"]].max()
    if len(merged) < len(followers):
        notes.append(Message("import.note.follower_days"))
    parts = [fill_totals(group) for _, group in merged.groupby("platform", sort=True)]
    return pd.concat(parts, ignore_index=True)


def _last_per_key(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return frame.drop_duplicates(key, keep="last") if not frame.empty else frame


def _once_across_files(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows repeated within a file stay; a row repeated across files (overlapping uploads) counts once."""
    if frame.empty:
        return frame
    key = frame[[c for c in frame.columns if not c.startswith("_")]].astype("str")
    # the 1st, 2nd, ... copy of a row within its own file; copies beyond what any one file has are repeats
    occurrence = key.groupby([frame["_file"], *[key[c] for c in key.columns]]).cumcount()
    return frame[~key.assign(_n=occurrence).duplicated()]


def derive_meta(
    tables: dict[str, pd.DataFrame],
    brand: str | None = None,
    *,
    bought_known: bool = True,
    followers_total_known: bool = True,
) -> Meta:
    """The :class:`~rlff.schema.Meta` of imported data: span of its dates, last complete month reported.

    Args:
        tables: RLFF tables by name.
        brand: The brand when a file said it; else "My brand".
        bought_known: False when follower rows came from exports, which never say what was bought.
        followers_total_known: False when no file gives the follower total (see Meta.followers_total_known).
    """
    moments = []
    for name, column in _TIME_COLUMNS.items():
        frame = tables.get(name)
        if frame is not None and not frame.empty:
            values = frame[column].dropna()
            if not values.empty:
                moments += [values.min(), values.max()]
    if moments:
        start, end = min(moments).date(), max(moments).date()
    else:
        today = date.today()
        start = end = today.replace(day=1)
    return Meta(
        brand=brand or DEFAULT_BRAND,
        cm_name="",
        start=start,
        end=end,
        reported_month=last_complete_month(start, end),
        source="import",
        bought_flag_known=bought_known,
        followers_total_known=followers_total_known,
    )
