"""The reader shared by platform exports: per-post and per-day totals to RLFF's tables.

Platform modules (:mod:`.x`, :mod:`.meta_business`, :mod:`.linkedin`) only declare their columns
and a few hooks; parsing, validation and the reshaping into ``posts``, ``engagements``
and ``followers`` happen here, the same way for every platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rlff.i18n.messages import Day, Message
from rlff.schema import conform, empty_table

from . import cells, validate
from .followers import running_total
from .sheet import Part, Sheet

ENGAGEMENT_TARGETS = {"retweet": "retweets", "like": "likes", "reply": "replies"}


@dataclass(frozen=True)
class Hooks:
    """What differs between platforms beyond their column names.

    Attributes:
        post_id: The post ids of a sheet (default: the ``post_id`` field).
        text: The caption of each post (default: the ``text`` field).
        post_format: RLFF format of each post from the sheet, its captions and parsed counts.
        brand: The account or page name, when the file says it.
    """

    post_id: Callable[[Sheet], pd.Series] | None = None
    text: Callable[[Sheet], pd.Series] | None = None
    post_format: Callable[[Sheet, pd.Series, pd.DataFrame], pd.Series] | None = None
    brand: Callable[[Sheet], str | None] | None = None


def reader(hooks: Hooks = Hooks()) -> Callable[[Sheet], Part]:
    """A reader for a platform export kind, with that platform's hooks."""
    return lambda sheet: read_export(sheet, hooks)


def read_export(sheet: Sheet, hooks: Hooks = Hooks()) -> Part:
    """Parse, validate and reshape one platform export.

    Raises:
        ImportProblem: for unreadable or invalid cells, or a file with no data rows.
    """
    kind = sheet.kind
    if sheet.frame.empty:
        raise sheet.problem(
            None,
            Message("import.no_rows"),
            hint=Message("import.hint.period_with_activity"),
        )
    parsed = pd.DataFrame(index=sheet.frame.index)
    rules: dict = {}
    for fld in kind.fields:
        if not sheet.has(fld):
            continue
        if fld in kind.numeric:
            parsed[fld] = cells.numbers(sheet, fld, whole=True)
            rules[fld] = validate.count()
        elif fld in kind.dates:
            parsed[fld] = cells.dates(sheet, fld, dayfirst=kind.dayfirst)
            rules[fld] = validate.moment(nullable=fld not in kind.required)
    if kind.granularity == "post":
        parsed["post_id"] = hooks.post_id(sheet) if hooks.post_id else cells.text(sheet, "post_id")
        rules["post_id"] = validate.identifier()
    validate.check(parsed, validate.schema(rules), sheet)

    totals = pd.DataFrame(index=parsed.index)
    warnings = list(sheet.warnings)
    for target, fields in kind.counts.items():
        present = [f for f in fields if f in parsed.columns]
        totals[target] = parsed[present].sum(axis=1) if present else 0.0
        if not present and target in ("unfollows", "new_follows"):
            column = kind.fields[fields[0]][0] if fields else target.replace("_", " ")
            what = Message(f"import.count.{target}")
            warnings.append(Message("import.note.no_column_zero", file=sheet.file, column=column, what=what))
    brand = hooks.brand(sheet) if hooks.brand else None
    if kind.granularity == "post":
        text = hooks.text(sheet) if hooks.text else cells.text(sheet, "text")
        fmt = hooks.post_format(sheet, text, parsed) if hooks.post_format else infer_format(text)
        part = _per_post(sheet, parsed, totals, text, fmt)
    else:
        part = _per_day(sheet, parsed, totals, warnings)
    part.warnings[:0] = warnings
    part.brand = brand
    part.bought_known = "followers" not in part.tables  # exports never say which follows were bought
    return part


def _per_post(sheet: Sheet, parsed: pd.DataFrame, totals: pd.DataFrame, text: pd.Series, fmt: pd.Series) -> Part:
    platform = sheet.kind.platform
    frame = pd.DataFrame(
        {
            "post_id": parsed["post_id"],
            "published_at": parsed["published_at"],
            "text": text,
            "format": fmt,
            "impressions": totals.get("impressions", 0.0),
            "clicks": totals.get("clicks", 0.0),
        }
    )
    for target in ENGAGEMENT_TARGETS:
        frame[target] = totals.get(target, 0.0)
    frame["new_follows"] = totals.get("new_follows", 0.0)
    # The same post twice in one file (two exports pasted together): keep its largest counts.
    if frame["post_id"].duplicated().any():
        size = frame[["impressions", "clicks", *ENGAGEMENT_TARGETS]].sum(axis=1)
        frame = frame.assign(_size=size).sort_values(["_size"], kind="stable").drop_duplicates("post_id", keep="last")
    frame = frame.sort_values("published_at", kind="stable")  # exports list the newest first
    n = len(frame)
    frame = frame.reset_index(drop=True)
    posts = pd.DataFrame(
        {
            "post_id": frame["post_id"].astype("str"),
            "platform": pd.Categorical.from_codes(np.zeros(n, dtype="int8"), [platform]),
            "account": pd.Categorical.from_codes(np.zeros(n, dtype="int8"), ["brand"]),
            "published_at": frame["published_at"],
            "format": frame["format"].astype("category"),
            "text": frame["text"].astype("str"),
            "impressions": frame["impressions"],
            "clicks": frame["clicks"],
            "conversions": np.zeros(n, dtype="int64"),
        }
    )
    engagements = engagement_rows(frame["post_id"], frame["published_at"], frame[list(ENGAGEMENT_TARGETS)])
    tables = {"posts": conform("posts", posts), "engagements": engagements}
    derived: frozenset[str] = frozenset()
    if "new_follows" in sheet.kind.counts and any(f in parsed for f in sheet.kind.counts["new_follows"]):
        daily = frame.groupby(frame["published_at"].dt.normalize())["new_follows"].sum()
        tables["followers"] = followers_rows(platform, daily.index, daily.to_numpy(), np.zeros(len(daily)))
        derived = frozenset({"followers"})
    return Part(tables, derived=derived, followers_known=False)


def _per_day(sheet: Sheet, parsed: pd.DataFrame, totals: pd.DataFrame, warnings: list[str]) -> Part:
    platform = sheet.kind.platform
    day = parsed["date"].dt.normalize()
    # One row per day; a day listed twice (two exports pasted together) keeps its largest counts.
    daily = totals.groupby(day).max().sort_index()
    tables: dict[str, pd.DataFrame] = {}
    derived = set()
    if "new_follows" in daily or "unfollows" in daily:
        follows = daily.get("new_follows", pd.Series(0.0, index=daily.index)).to_numpy()
        unfollows = daily.get("unfollows", pd.Series(0.0, index=daily.index)).to_numpy()
        tables["followers"] = followers_rows(platform, daily.index, follows, unfollows)
        if len(daily):
            start = int(tables["followers"]["followers"].iloc[0] - follows[0] + unfollows[0])
            warnings.append(
                Message("import.note.followers_from", file=sheet.file, start=start, day=Day(daily.index[0]))
            )
    present = [t for t in ENGAGEMENT_TARGETS if t in daily]
    if present:
        ids = pd.Series("", index=daily.index, dtype="str")
        tables["engagements"] = engagement_rows(ids, pd.Series(daily.index, index=daily.index), daily[present])
        derived.add("engagements")
    return Part(tables, derived=frozenset(derived), followers_known=False)


def engagement_rows(post_id: pd.Series, when: pd.Series, counts: pd.DataFrame) -> pd.DataFrame:
    """Aggregate engagement rows: one per post (or day) and kind with a non-zero count, source unknown.

    Built as categoricals from codes: a 100,000-post export gives 300,000 rows, and turning
    repeated strings into categories afterwards would cost more than everything else.
    """
    if post_id.is_unique:  # one row per post: the ids are their own categories
        ids, codes = pd.Index(post_id.astype("str")), np.arange(len(post_id))
    else:
        codes, ids = pd.factorize(post_id.astype("str"))
    rows, times, kinds, values = [], [], [], []
    for k, kind in enumerate(ENGAGEMENT_TARGETS):
        if kind not in counts:
            continue
        c = counts[kind].to_numpy()
        keep = c > 0
        rows.append(codes[keep])
        times.append(when.to_numpy()[keep])
        kinds.append(np.full(int(keep.sum()), k, dtype="int8"))
        values.append(c[keep])
    if not rows:
        return empty_table("engagements")
    n = sum(len(v) for v in values)
    frame = pd.DataFrame(
        {
            "post_id": pd.Categorical.from_codes(np.concatenate(rows), pd.Index(ids, dtype="str")),
            "engaged_at": np.concatenate(times),
            "kind": pd.Categorical.from_codes(np.concatenate(kinds), list(ENGAGEMENT_TARGETS)),
            "source": pd.Categorical.from_codes(np.zeros(n, dtype="int8"), ["unknown"]),
            "actor": pd.Categorical.from_codes(np.zeros(n, dtype="int8"), [""]),
            "count": np.concatenate(values),
        }
    )
    return conform("engagements", frame)


def followers_rows(platform: str | None, days: pd.Index, follows: np.ndarray, unfollows: np.ndarray) -> pd.DataFrame:
    """Daily follower rows from new follows and unfollows; total from 0, nothing known as bought."""
    net = pd.Series(np.asarray(follows, dtype="float64") - np.asarray(unfollows, dtype="float64"))
    total, _ = running_total(net)
    n = len(days)
    frame = pd.DataFrame(
        {
            "date": pd.DatetimeIndex(days).normalize(),
            "platform": np.full(n, platform),
            "organic_follows": np.asarray(follows, dtype="int64"),
            "bought_follows": np.zeros(n, dtype="int64"),  # exports never say which followers were bought
            "unfollows": np.asarray(unfollows, dtype="int64"),
            "followers": total.to_numpy(),
            "friends": np.zeros(n, dtype="int64"),
        }
    )
    return conform("followers", frame)


def infer_format(text: pd.Series, photo: pd.Series | None = None, video: pd.Series | None = None) -> pd.Series:
    """RLFF post format from what an export tells: video, photo, a link in the text, else text.

    A photo whose caption asks a question is a ``photo_question`` (the seed's favourite recipe).
    """
    fmt = pd.Series("text", index=text.index, dtype="object")
    # two literal searches: a case-insensitive regex over 100,000 captions costs several times more
    fmt[text.str.contains("http", regex=False) | text.str.contains("www.", regex=False)] = "link"
    if photo is not None:
        fmt[photo.to_numpy(dtype=bool)] = "photo"
    if video is not None:
        fmt[video.to_numpy(dtype=bool)] = "video"
    question = (fmt == "photo") & text.str.contains("?", regex=False)
    fmt[question] = "photo_question"
    return fmt.astype("str")


def format_from_types(types: pd.Series, text: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """RLFF post format from a platform's post type column (matched by keyword), else from the text."""
    lowered = types.str.lower()
    photo = pd.Series(False, index=types.index)
    video = pd.Series(False, index=types.index)
    link = pd.Series(False, index=types.index)
    for keyword, fmt in mapping.items():
        hit = lowered.str.contains(keyword, regex=False)
        {"photo": photo, "video": video, "link": link}[fmt].loc[hit] = True
    fmt = infer_format(text, photo & ~video, video)
    fmt[link & ~photo & ~video] = "link"
    return fmt


def most_common(values: pd.Series) -> str | None:
    """The most frequent non-empty value, or None."""
    values = values[values.astype(str).str.strip() != ""]
    if values.empty:
        return None
    return str(values.value_counts().index[0]).strip()
