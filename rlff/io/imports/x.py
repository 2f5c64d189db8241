"""X / Twitter analytics exports: the legacy "tweet activity" files and the current ones.

Column names as in /work/shared/EXPORTS.md. Legacy files from 2015 and before say
``favorites`` where later ones say ``likes``; both are accepted.
"""

from __future__ import annotations

import re

import pandas as pd

from rlff.i18n.messages import Message

from .detect import Kind
from .exports import Hooks, infer_format, most_common, reader
from .sheet import Sheet

_HANDLE = re.compile(r"(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status", re.IGNORECASE)


def _brand(sheet: Sheet) -> str | None:
    """The account, from the permalinks (``https://twitter.com/<handle>/status/<id>``)."""
    if not sheet.has("permalink"):
        return None
    links = sheet.frame["permalink"].dropna().head(500).astype("str")  # a sample names the account
    handles = links.str.extract(_HANDLE)[0].dropna()
    found = most_common(handles)
    return f"@{found}" if found else None


def _format(sheet: Sheet, text: pd.Series, parsed: pd.DataFrame) -> pd.Series:
    """X exports have no post type: media views mean a photo or video, a URL a link."""
    media = parsed["media_views"] > 0 if "media_views" in parsed else None
    return infer_format(text, photo=media)


_HOOKS = Hooks(brand=_brand, post_format=_format)

_LEGACY_COUNTS = {
    "impressions": ("impressions",),
    "clicks": ("url_clicks", "profile_clicks"),
    "retweet": ("retweets",),
    "like": ("likes",),
    "reply": ("replies",),
    "new_follows": ("follows",),
}
_LEGACY_NOTES = {
    "engagements / engagement rate": "not used: RLFF counts each kind of engagement itself",
    "promoted …": "not used: paid reach is not what the CM reports (cells are '-' when not promoted)",
}

X_TWEET_ACTIVITY = Kind(
    key="x_tweet_activity",
    label=Message("import.kind.x_legacy_posts"),
    platform="twitter",
    granularity="post",
    fields={
        "post_id": ("Tweet id",),
        "permalink": ("Tweet permalink",),
        "text": ("Tweet text",),
        "published_at": ("time",),
        "impressions": ("impressions",),
        "retweets": ("retweets",),
        "likes": ("likes", "favorites"),
        "replies": ("replies",),
        "url_clicks": ("url clicks",),
        "profile_clicks": ("user profile clicks",),
        "follows": ("follows",),
        "media_views": ("media views",),
    },
    required=("post_id", "published_at", "impressions", "retweets", "likes", "replies"),
    numeric=frozenset(
        {"impressions", "retweets", "likes", "replies", "url_clicks", "profile_clicks", "follows", "media_views"}
    ),
    dates=frozenset({"published_at"}),
    counts=_LEGACY_COUNTS,
    notes=_LEGACY_NOTES,
    read=reader(_HOOKS),
)

X_TWEET_ACTIVITY_DAILY = Kind(
    key="x_tweet_activity_daily",
    label=Message("import.kind.x_legacy_daily"),
    platform="twitter",
    granularity="day",
    fields={
        "date": ("Date",),
        "tweets_published": ("Tweets published",),
        "impressions": ("impressions",),
        "retweets": ("retweets",),
        "likes": ("likes", "favorites"),
        "replies": ("replies",),
        "follows": ("follows",),
    },
    required=("date", "tweets_published", "retweets", "likes", "replies"),
    numeric=frozenset({"tweets_published", "impressions", "retweets", "likes", "replies", "follows"}),
    dates=frozenset({"date"}),
    counts={"retweet": ("retweets",), "like": ("likes",), "reply": ("replies",), "new_follows": ("follows",)},
    notes={
        "unfollows": "absent from legacy files: counted as 0",
        "impressions": "not used: daily impressions belong to no post",
    },
    read=reader(_HOOKS),
)

X_POSTS = Kind(
    key="x_posts",
    label=Message("import.kind.x_posts"),
    platform="twitter",
    granularity="post",
    fields={
        "post_id": ("Post id",),
        "published_at": ("Date",),
        "text": ("Post text",),
        "permalink": ("Post Link",),
        "impressions": ("Impressions",),
        "likes": ("Likes",),
        "reposts": ("Reposts",),
        "replies": ("Replies",),
        "url_clicks": ("URL Clicks",),
        "profile_visits": ("Profile visits",),
        "new_follows": ("New follows",),
    },
    required=("post_id", "published_at", "impressions", "likes", "reposts", "replies"),
    numeric=frozenset({"impressions", "likes", "reposts", "replies", "url_clicks", "profile_visits", "new_follows"}),
    dates=frozenset({"published_at"}),
    counts={
        "impressions": ("impressions",),
        "clicks": ("url_clicks", "profile_visits"),
        "retweet": ("reposts",),
        "like": ("likes",),
        "reply": ("replies",),
        "new_follows": ("new_follows",),
    },
    notes={
        "Shares": "not used: X 'shares' are sends by DM or copied links, not reposts",
        "Bookmarks": "not used: private, nobody reports them",
        "Date": "has no time of day: posts are placed at midnight",
    },
    read=reader(_HOOKS),
)

X_OVERVIEW = Kind(
    key="x_overview",
    label=Message("import.kind.x_daily"),
    platform="twitter",
    granularity="day",
    fields={
        "date": ("Date",),
        "impressions": ("Impressions",),
        "likes": ("Likes",),
        "reposts": ("Reposts",),
        "replies": ("Replies",),
        "new_follows": ("New follows",),
        "unfollows": ("Unfollows",),
        "create_post": ("Create Post",),
    },
    required=("date", "impressions", "likes", "reposts", "new_follows"),
    excluded=("Post id", "Tweets published"),
    numeric=frozenset({"impressions", "likes", "reposts", "replies", "new_follows", "unfollows", "create_post"}),
    dates=frozenset({"date"}),
    counts={
        "retweet": ("reposts",),
        "like": ("likes",),
        "reply": ("replies",),
        "new_follows": ("new_follows",),
        "unfollows": ("unfollows",),
    },
    notes={
        "Shares": "not used: sends by DM or copied links, not reposts",
        "followers total": "absent: the running total starts at 0",
    },
    read=reader(_HOOKS),
)

KINDS: tuple[Kind, ...] = (X_TWEET_ACTIVITY, X_TWEET_ACTIVITY_DAILY, X_POSTS, X_OVERVIEW)
