"""Meta Business Suite exports: Facebook and Instagram posts, and page-level daily files.

Posts exports carry lifetime totals per post. ``Publish time`` is written month first
(``11/25/2026 14:05``) unless the column itself proves otherwise. Older files say
``Impressions`` where newer ones say ``Views``.
"""

from __future__ import annotations

import pandas as pd

from rlff.i18n.messages import Message

from . import cells, validate
from .detect import Kind
from .exports import Hooks, followers_rows, format_from_types, most_common, reader
from .problems import ImportProblem
from .sheet import Part, Sheet

_FACEBOOK_TYPES = {"photo": "photo", "video": "video", "reel": "video", "link": "link"}
_INSTAGRAM_TYPES = {"image": "photo", "carousel": "photo", "reel": "video", "video": "video", "story": "photo"}


def _caption(sheet: Sheet) -> pd.Series:
    """Facebook puts the caption in ``Title`` or in ``Description``, depending on the post."""
    title = cells.text(sheet, "title")
    return title.mask(title == "", cells.text(sheet, "description"))


def _types(mapping: dict[str, str]):
    def post_format(sheet: Sheet, text: pd.Series, parsed: pd.DataFrame) -> pd.Series:
        return format_from_types(cells.text(sheet, "post_type"), text, mapping)

    return post_format


def _brand(sheet: Sheet) -> str | None:
    return most_common(cells.text(sheet, "brand"))


_COMMON_NOTES = {
    "Reach": "not used: RLFF reports impressions (views)",
    "Reactions, Comments and Shares": "not used: the three columns are counted one by one",
}

FACEBOOK_POSTS = Kind(
    key="facebook_posts",
    label=Message("import.kind.facebook_posts"),
    platform="facebook",
    granularity="post",
    fields={
        "post_id": ("Post ID",),
        "brand": ("Page name",),
        "title": ("Title",),
        "description": ("Description",),
        "published_at": ("Publish time",),
        "post_type": ("Post type",),
        "permalink": ("Permalink",),
        "views": ("Views", "Impressions"),
        "reactions": ("Reactions",),
        "comments": ("Comments",),
        "shares": ("Shares",),
        "clicks": ("Total clicks",),
    },
    required=("post_id", "published_at", "reactions", "comments", "shares"),
    numeric=frozenset({"views", "reactions", "comments", "shares", "clicks"}),
    dates=frozenset({"published_at"}),
    counts={
        "impressions": ("views",),
        "clicks": ("clicks",),
        "retweet": ("shares",),
        "like": ("reactions",),
        "reply": ("comments",),
    },
    notes=_COMMON_NOTES | {"follows": "absent from posts exports: upload the page's daily 'Follows' file"},
    dayfirst=False,
    read=reader(Hooks(text=_caption, post_format=_types(_FACEBOOK_TYPES), brand=_brand)),
)

INSTAGRAM_POSTS = Kind(
    key="instagram_posts",
    label=Message("import.kind.instagram_posts"),
    platform="instagram",
    granularity="post",
    fields={
        "post_id": ("Post ID",),
        "brand": ("Account username", "Account name"),
        "text": ("Description",),
        "published_at": ("Publish time",),
        "post_type": ("Post type",),
        "permalink": ("Permalink",),
        "views": ("Views", "Impressions"),
        "likes": ("Likes",),
        "comments": ("Comments",),
        "shares": ("Shares",),
        "follows": ("Follows",),
    },
    required=("post_id", "published_at", "likes", "comments"),
    excluded=("Reactions",),
    numeric=frozenset({"views", "likes", "comments", "shares", "follows"}),
    dates=frozenset({"published_at"}),
    counts={
        "impressions": ("views",),
        "retweet": ("shares",),
        "like": ("likes",),
        "reply": ("comments",),
        "new_follows": ("follows",),
    },
    notes={"Reach": "not used: RLFF reports impressions (views)", "Saves": "not used: private, nobody reports them"},
    dayfirst=False,
    read=reader(Hooks(post_format=_types(_INSTAGRAM_TYPES), brand=_brand)),
)


def _read_daily_metric(sheet: Sheet) -> Part:
    """A page-level daily file holds one metric, named on the line above its ``Date,Primary`` header."""
    metric = next((c.strip() for r in sheet.preamble for c in r if c.strip()), "")
    lowered = metric.lower()
    platform = "instagram" if "instagram" in lowered else "facebook"
    if "unfollow" in lowered:
        target = "unfollows"
    elif "follow" in lowered or "page likes" in lowered or "new likes" in lowered or "fans" in lowered:
        target = "new_follows"
    else:
        raise ImportProblem(
            sheet.file,
            Message("import.meta_metric", metric=metric or Message("import.unnamed_metric")),
            sheet=sheet.name,
            hint=Message("import.hint.meta_follows"),
        )
    if sheet.frame.empty:
        raise sheet.problem(None, Message("import.no_rows"), hint=Message("import.hint.longer_period"))
    parsed = pd.DataFrame(
        {"date": cells.dates(sheet, "date", dayfirst=False), "primary": cells.numbers(sheet, "primary", whole=True)}
    )
    validate.check(parsed, validate.schema({"date": validate.moment(), "primary": validate.count()}), sheet)
    daily = parsed.groupby(parsed["date"].dt.normalize())["primary"].max().sort_index()
    zeros = daily * 0
    follows, unfollows = (daily, zeros) if target == "new_follows" else (zeros, daily)
    table = followers_rows(platform, daily.index, follows.to_numpy(), unfollows.to_numpy())
    warnings = [
        *sheet.warnings,
        Message(
            "import.note.meta_metric_read",
            file=sheet.file,
            metric=metric,
            what=Message(f"import.count.{target}"),
            platform=platform,
        ),
    ]
    return Part({"followers": table}, warnings=warnings, followers_known=False, platform=platform, bought_known=False)


META_DAILY = Kind(
    key="meta_daily",
    label=Message("import.kind.meta_daily"),
    platform=None,
    granularity="day",
    fields={"date": ("Date",), "primary": ("Primary",)},
    required=("date", "primary"),
    numeric=frozenset({"primary"}),
    dates=frozenset({"date"}),
    counts={"new_follows": ("primary",), "unfollows": ("primary",)},
    notes={
        "Primary": "new follows when the metric is 'Follows', unfollows when it is 'Unfollows'; "
        "other metrics are refused"
    },
    read=_read_daily_metric,
)

KINDS: tuple[Kind, ...] = (FACEBOOK_POSTS, INSTAGRAM_POSTS, META_DAILY)
