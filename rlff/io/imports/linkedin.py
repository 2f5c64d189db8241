"""LinkedIn page analytics (.xls/.xlsx): the "All posts" sheet and the followers export.

Both workbooks put a note row above the header; the header is found wherever it is among
the first rows. LinkedIn writes dates month first (``11/25/2026``).
"""

from __future__ import annotations

import pandas as pd

from rlff.i18n.messages import Message

from . import cells
from .detect import Kind
from .exports import Hooks, format_from_types, reader
from .sheet import Sheet

_CONTENT_TYPES = {
    "image": "photo",
    "photo": "photo",
    "document": "photo",
    "carousel": "photo",
    "video": "video",
    "article": "link",
    "link": "link",
    "url": "link",
}


def _post_id(sheet: Sheet) -> pd.Series:
    """LinkedIn has no id column: the activity number in the post link is the id."""
    link = cells.text(sheet, "permalink")
    activity = link.str.extract(r"(\d{12,})")[0]
    return activity.fillna(link).astype("str")


def _text(sheet: Sheet) -> pd.Series:
    return cells.text(sheet, "text")


def _format(sheet: Sheet, text: pd.Series, parsed: pd.DataFrame) -> pd.Series:
    return format_from_types(cells.text(sheet, "content_type"), text, _CONTENT_TYPES)


LINKEDIN_POSTS = Kind(
    key="linkedin_posts",
    label=Message("import.kind.linkedin_posts"),
    platform="linkedin",
    granularity="post",
    fields={
        "text": ("Post title",),
        "permalink": ("Post link",),
        "published_at": ("Created date",),
        "impressions": ("Impressions",),
        "clicks": ("Clicks",),
        "likes": ("Likes", "Reactions"),
        "comments": ("Comments",),
        "reposts": ("Reposts", "Shares"),
        "follows": ("Follows",),
        "content_type": ("Content Type",),
    },
    required=("permalink", "published_at", "impressions", "likes", "reposts"),
    numeric=frozenset({"impressions", "clicks", "likes", "comments", "reposts", "follows"}),
    dates=frozenset({"published_at"}),
    counts={
        "impressions": ("impressions",),
        "clicks": ("clicks",),
        "retweet": ("reposts",),
        "like": ("likes",),
        "reply": ("comments",),
        "new_follows": ("follows",),
    },
    notes={
        "Post link": "its activity number becomes the post id",
        "Views (excluding off-site video views)": "not used: impressions are counted",
    },
    dayfirst=False,
    read=reader(Hooks(post_id=_post_id, text=_text, post_format=_format)),
)

LINKEDIN_FOLLOWERS = Kind(
    key="linkedin_followers",
    label=Message("import.kind.linkedin_followers"),
    platform="linkedin",
    granularity="day",
    fields={
        "date": ("Date",),
        "organic": ("Organic followers",),
        "sponsored": ("Sponsored followers",),
        "auto_invited": ("Auto-invited followers",),
    },
    required=("date", "organic"),
    numeric=frozenset({"organic", "sponsored", "auto_invited"}),
    dates=frozenset({"date"}),
    counts={"new_follows": ("organic", "sponsored", "auto_invited"), "unfollows": ()},
    notes={
        "Total followers": "not used: it is the day's new followers, already the sum of the three",
        "unfollows": "absent from LinkedIn exports: counted as 0",
    },
    dayfirst=False,
    read=reader(Hooks()),
)

KINDS: tuple[Kind, ...] = (LINKEDIN_POSTS, LINKEDIN_FOLLOWERS)
