"""RLFF's tidy tables: names, columns and their meaning.

Every source of data (the simulation, a user's platform exports, RLFF's own CSVs)
produces a :class:`Tables`; every metric and chart reads one. Timestamps are naive
and in UTC. Counts are integers. Column names are English snake_case constants;
only the display is translated.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

PLATFORMS: tuple[str, ...] = ("twitter", "facebook", "instagram", "linkedin", "pinterest", "blog")
POST_FORMATS: tuple[str, ...] = ("photo_question", "photo", "link", "video", "text")
ACCOUNTS: tuple[str, ...] = ("brand", "cm")
ENGAGEMENT_KINDS: tuple[str, ...] = ("retweet", "like", "reply")
ENGAGEMENT_SOURCES: tuple[str, ...] = ("customer", "peer", "bot", "self", "unknown")
MESSAGE_KINDS: tuple[str, ...] = ("compliment", "question", "complaint", "crisis")
MENTION_TARGETS: tuple[str, ...] = ("cm", "brand")
COST_CATEGORIES: tuple[str, ...] = (
    "salary",
    "monitoring_tool",
    "bought_followers",
    "training",
    "ads",
    "other",
)
ACTIVITIES: tuple[str, ...] = (
    "finding_next_picture",
    "posting",
    "own_blog",
    "watching_own_name",
    "peer_networking",
    "customer_service",
    "strategy",
    "reporting",
)
EVENT_KINDS: tuple[str, ...] = (
    "cm_day",
    "certificate",
    "follower_purchase",
    "crisis_start",
    "crisis_peak",
    "strategy_deck",
)

# table name -> {column: (dtype, meaning)}. dtype is one of
# "str", "category", "int", "float", "bool", "datetime", "date".
# The data dictionary written by `rlff generate` comes from here, so it cannot drift.
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "posts": {
        "post_id": ("str", "Unique id of the post (platform id for imported posts)."),
        "platform": ("category", f"Where it was published: one of {', '.join(PLATFORMS)}."),
        "account": ("category", "Who published it: 'brand' (the company's pages) or 'cm' (the CM's own blog/account)."),
        "published_at": ("datetime", "Publication time, UTC."),
        "format": ("category", f"Post format: one of {', '.join(POST_FORMATS)}."),
        "text": ("str", "Caption or text of the post (shown as plain text, never as HTML)."),
        "impressions": ("int", "Times the post was shown."),
        "clicks": ("int", "Link/profile clicks the post earned."),
        "conversions": ("int", "Sales or sign-ups attributed to the post."),
    },
    "engagements": {
        "post_id": ("category", "The post engaged with (posts.post_id)."),
        "engaged_at": ("datetime", "When the engagement happened, UTC (post time for imported aggregates)."),
        "kind": (
            "category",
            f"One of {', '.join(ENGAGEMENT_KINDS)} (reposts/shares count as retweets, reactions as likes).",
        ),
        "source": (
            "category",
            f"Who engaged: one of {', '.join(ENGAGEMENT_SOURCES)} ('peer' = the retweet ring, 'bot' = bought accounts, 'self' = the CM liking their own posts and comments, 'unknown' = platform totals with no source).",
        ),
        "actor": ("category", "Handle of the account that engaged (empty for aggregates)."),
        "count": (
            "int",
            "Number of engagements this row stands for (1 for simulated rows; a platform total for imports).",
        ),
    },
    "followers": {
        "date": ("date", "Day."),
        "platform": ("category", "Platform of the audience."),
        "organic_follows": ("int", "New followers that came on their own that day."),
        "bought_follows": ("int", "New followers that were bought that day."),
        "unfollows": ("int", "Followers lost that day."),
        "followers": ("int", "Followers ('fans') at the end of the day."),
        "friends": ("int", "Accounts the brand follows ('friends') at the end of the day."),
    },
    "inbox": {
        "message_id": ("str", "Unique id of the inbound message."),
        "received_at": ("datetime", "When the message came in, UTC."),
        "platform": ("category", "Channel the message came through."),
        "kind": ("category", f"One of {', '.join(MESSAGE_KINDS)}."),
        "first_response_at": ("datetime", "First answer from the brand, UTC; empty when never answered."),
        "resolved": ("bool", "Whether the issue was closed."),
        "author": ("str", "Name of the customer."),
        "text": ("str", "The message."),
    },
    "mentions": {
        "mentioned_at": ("datetime", "When the mention was published, UTC."),
        "target": ("category", "Who is mentioned: 'cm' (the community manager by name) or 'brand'."),
        "platform": ("category", "Where."),
        "sentiment": ("float", "Sentiment from -1 (hostile) to +1 (glowing)."),
        "author": ("str", "Who wrote it."),
        "text": ("str", "The mention."),
    },
    "costs": {
        "date": ("date", "First day of the month the cost belongs to (or the day of a one-off purchase)."),
        "category": ("category", f"One of {', '.join(COST_CATEGORIES)}."),
        "amount_eur": ("float", "Amount in euros."),
        "note": ("str", "What it was."),
    },
    "revenue": {
        "date": ("date", "Day the attributed sales happened."),
        "post_id": ("str", "Post the sales are attributed to (empty when unattributed)."),
        "platform": ("category", "Platform of that post."),
        "conversions": ("int", "Number of sales."),
        "amount_eur": ("float", "Revenue in euros."),
    },
    "strategy": {
        "week": ("date", "Monday of the week the action was planned for."),
        "action": ("str", "The planned action, as written in the strategy deck."),
        "planned": ("bool", "Whether it was in the presented strategy."),
        "executed": ("bool", "Whether it was actually done."),
    },
    "time_use": {
        "week": ("date", "Monday of the week."),
        "activity": ("category", f"One of {', '.join(ACTIVITIES)}."),
        "hours": ("float", "Hours spent."),
    },
    "events": {
        "date": ("date", "Day of the event."),
        "kind": ("category", f"One of {', '.join(EVENT_KINDS)}."),
        "label": ("str", "What happened."),
    },
    "peers": {
        "handle": ("str", "Account handle of a peer ('competitor') in the retweet ring."),
        "name": ("str", "Display name."),
        "followers": ("int", "Their followers at the end of the period."),
        "likes_reported_month": ("int", "Likes they report for the reported month."),
        "retweets_reported_month": ("int", "Retweets they report for the reported month."),
        "in_ring": ("bool", "Whether they retweet the brand and are retweeted back."),
    },
}

TABLE_NAMES: tuple[str, ...] = tuple(COLUMNS)


@dataclass(frozen=True)
class Meta:
    """Facts about a dataset that are not rows: who, when, which month is reported."""

    brand: str
    cm_name: str
    start: date
    end: date
    reported_month: date  # first day of the month the deck reports on
    lang: str = "en"
    source: str = "simulation"  # "simulation" or "import"
    # Platform exports never say which follows were bought: their bought_follows are 0 by
    # default, not by observation, so bought-follower metrics must say "unknown".
    bought_flag_known: bool = True
    # Exports give new follows, not a follower total: the ``followers`` column was then
    # counted from 0 and the fans it gives must say "unknown".
    followers_total_known: bool = True


@dataclass(frozen=True)
class Tables:
    """One dataset: the tables above plus :class:`Meta`. Missing tables are empty frames."""

    meta: Meta
    posts: pd.DataFrame = field(default_factory=lambda: empty_table("posts"))
    engagements: pd.DataFrame = field(default_factory=lambda: empty_table("engagements"))
    followers: pd.DataFrame = field(default_factory=lambda: empty_table("followers"))
    inbox: pd.DataFrame = field(default_factory=lambda: empty_table("inbox"))
    mentions: pd.DataFrame = field(default_factory=lambda: empty_table("mentions"))
    costs: pd.DataFrame = field(default_factory=lambda: empty_table("costs"))
    revenue: pd.DataFrame = field(default_factory=lambda: empty_table("revenue"))
    strategy: pd.DataFrame = field(default_factory=lambda: empty_table("strategy"))
    time_use: pd.DataFrame = field(default_factory=lambda: empty_table("time_use"))
    events: pd.DataFrame = field(default_factory=lambda: empty_table("events"))
    peers: pd.DataFrame = field(default_factory=lambda: empty_table("peers"))

    def table(self, name: str) -> pd.DataFrame:
        """The table called ``name`` (one of :data:`TABLE_NAMES`)."""
        if name not in COLUMNS:
            raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLE_NAMES)}")
        return getattr(self, name)

    def replace(self, **changes: object) -> Tables:
        """A copy with some tables or the meta replaced."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


_PANDAS_DTYPES = {
    "str": "str",
    "category": "category",
    "int": "int64",
    "float": "float64",
    "bool": "bool",
    "datetime": "datetime64[us]",
    "date": "datetime64[us]",
}


def pandas_dtype(table: str, column: str) -> str:
    """The pandas dtype a column of a table has in memory."""
    return _PANDAS_DTYPES[COLUMNS[table][column][0]]


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows and the right columns and dtypes."""
    cols = COLUMNS[name]
    return pd.DataFrame({c: pd.Series([], dtype=pandas_dtype(name, c)) for c in cols})


_DATETIME_US = np.dtype("datetime64[us]")
_NUMPY_DTYPES = {"int": np.dtype("int64"), "float": np.dtype("float64"), "bool": np.dtype("bool")}
_STR_DTYPE = pd.Series([], dtype="str").dtype
_DAY_US = 86_400_000_000


def _at_midnight(s: pd.Series) -> bool:
    """True when every value of a datetime64[us] column is at 00:00 (NaT aside): normalize() would keep it."""
    values = s.to_numpy()
    ticks = values.view("int64")[~np.isnat(values)]
    return bool((ticks % _DAY_US == 0).all())


def conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, with the schema's dtypes.

    Missing columns raise ``KeyError``; extra columns are dropped. Dates and datetimes
    both live as ``datetime64[us]`` (dates at midnight). Never modifies ``df``. A column
    that already has its dtype is kept as it is (the simulation builds most of them so).
    """
    cols = COLUMNS[name]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(f"table {name!r} lacks column(s): {', '.join(missing)}")
    out = {}
    for c, (kind, _) in cols.items():
        s = df[c]
        if kind in ("datetime", "date"):
            if s.dtype != _DATETIME_US:
                s = pd.to_datetime(s).astype("datetime64[us]")
            if kind == "date" and not _at_midnight(s):
                s = s.dt.normalize()
        elif kind in ("int", "float", "bool"):
            if s.dtype != _NUMPY_DTYPES[kind]:
                s = s.astype(_NUMPY_DTYPES[kind])
        elif kind == "category":
            # Already-categorical columns (a million engagement rows) are kept as they are.
            if not isinstance(s.dtype, pd.CategoricalDtype):
                s = s.astype("str").astype("category")
        elif not (isinstance(s.dtype, pd.StringDtype) and s.dtype == _STR_DTYPE):
            s = s.astype("str")
        index = s.index
        if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
            s = s.reset_index(drop=True)
        out[c] = s
    return pd.DataFrame(out)
