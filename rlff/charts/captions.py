"""Which caption a chart gets: the article's punchline when the numbers make it, a plain line when not.

Each rule takes the numbers the chart already computed and returns a catalog key; the
chart fills it. A joke the data does not support ("complaints get 'real time'" when every
complaint was answered in ten minutes) reads as a lie, so every punchline has a plain
twin, and tests/test_caption_rules.py checks both sides of every rule.
"""

from __future__ import annotations

from collections.abc import Mapping

# Row 3: what "customers expect" means (EXPORTS.md): an answer within 4 hours.
EXPECTED_HOURS = 4.0
# Row 3: compliments thanked at least this much more often than complaints: "real time" is a mood.
VAIN_REPLY_GAP = 0.2
# Row 7: a platform whose share of the posts is at least this multiple of its share of the sales.
EFFORT_OVER_VALUE = 2.0
# Row 13: a crisis "is a myth" when fewer than this share of its messages got an answer.
CRISIS_ANSWERED_MAX = 0.5
# Row 15: customer service under this share of the week: "no time for customer service".
SERVICE_SHARE_LOW = 0.1


def reply_rate_caption(rates: Mapping[str, float | None]) -> str:
    """Row 3, reply rate by kind: ghost, vain, or plain.

    Args:
        rates: message kind -> share answered (None when the month has none of that kind).
    """
    compliment, complaint = rates.get("compliment"), rates.get("complaint")
    ignored = [rates.get(k) for k in ("question", "complaint") if rates.get(k) is not None]
    if compliment and ignored and all(r == 0 for r in ignored):
        return "chart.reply_rate.caption.ghost"
    if compliment is not None and complaint is not None and compliment - complaint >= VAIN_REPLY_GAP:
        return "chart.reply_rate.caption.vain"
    return "chart.reply_rate.caption.plain"


def response_time_caption(complaints: int, complaint_median_hours: float | None) -> str:
    """Row 3, time to a first answer: complaints never answered, slow (the joke), or on time."""
    if complaints == 0:
        return "chart.response_time.caption.no_complaints"
    if complaint_median_hours is None:
        return "chart.response_time.caption.never"
    if complaint_median_hours > EXPECTED_HOURS:
        return "chart.response_time.caption.slow"
    return "chart.response_time.caption.plain"


def crisis_caption(crisis_messages: int, crisis_answered: int) -> str:
    """Row 13: the crisis left to rot ("a myth"), a crisis handled, or no crisis at all."""
    if crisis_messages == 0:
        return "chart.crisis_timeline.caption.none"
    if crisis_answered < CRISIS_ANSWERED_MAX * crisis_messages:
        return "chart.crisis_timeline.caption.myth"
    return "chart.crisis_timeline.caption.handled"


def crisis_title(crisis_messages: int, crisis_answered: int) -> str:
    """Row 13: the article's title only when the caption calls the crisis a myth."""
    myth = crisis_caption(crisis_messages, crisis_answered).endswith(".myth")
    return "chart.crisis_timeline.title" if myth else "chart.crisis_timeline.title.plain"


def platform_caption(posts: Mapping[str, float], sales: Mapping[str, float]) -> tuple[str, str | None]:
    """Row 7: (key, platform named). "Even on Pinterest" when Pinterest is worked for nothing.

    Args:
        posts: platform -> share of the posts (0..1).
        sales: platform -> share of the sales (0..1).

    Returns:
        The caption key, and the platform it names (None for the plain "effort follows value").
    """

    def overworked(p: str) -> bool:
        return posts.get(p, 0.0) > 0.05 and posts.get(p, 0.0) >= EFFORT_OVER_VALUE * sales.get(p, 0.0)

    if overworked("pinterest"):
        return "chart.platform_effort.caption.pinterest", "pinterest"
    worst = [p for p in posts if overworked(p)]
    if worst:
        ratio = {p: posts[p] / max(sales.get(p, 0.0), 1e-9) for p in worst}
        return "chart.platform_effort.caption.worst", max(worst, key=lambda p: (ratio[p], posts[p]))
    return "chart.platform_effort.caption.plain", None


def platform_title(platforms: list[str]) -> str:
    """Row 7: "even on Pinterest" only when the CM is on Pinterest."""
    return "chart.platform_effort.title" if "pinterest" in platforms else "chart.platform_effort.title.plain"


def self_likes_caption(self_likes: int | None) -> str:
    """Row 6: the CM liking their own posts, or a CM who leaves that to others."""
    return "chart.self_likes.caption.none" if not self_likes else "chart.self_likes.caption"


def e_reputation_caption(cm_sentiment: float | None, brand_sentiment: float | None) -> str:
    """Row 11: "the Google Alert is set on the right name" when the CM's name shines and the brand's does not.

    Args:
        cm_sentiment: net sentiment of the mentions of the CM, -1..1.
        brand_sentiment: net sentiment of the mentions of the brand, -1..1.
    """
    if cm_sentiment is not None and brand_sentiment is not None and cm_sentiment - brand_sentiment >= 0.3:
        return "chart.e_reputation.caption.cm"
    return "chart.e_reputation.caption.brand"


def shows_sales(posts: int, sales: int) -> bool:
    """Rows 1/8, the deck for Big Boss: a vain CM shows sales only when they flatter (one a post or more)."""
    return bool(posts) and sales >= posts


def top_posts_caption_key(posts: int, sales: int) -> str:
    """The top posts' caption: their sales named only when :func:`shows_sales`."""
    return "chart.top_posts.caption" if shows_sales(posts, sales) else "chart.top_posts.caption.no_sales"


def format_caption(best_engagement: str | None, best_sales: str | None, has_photo_question: bool = True) -> str:
    """Row 8: photo + question wins the likes and loses the sales (the joke), or not."""
    if not has_photo_question:
        return "chart.format_performance.caption.no_pq"
    if best_engagement == "photo_question" and best_sales not in (None, "photo_question"):
        return "chart.format_performance.caption.vain"
    return "chart.format_performance.caption.plain"


def bought_caption(share: float | None) -> str:
    """Row 4: followers bought, none bought, or an export that cannot say."""
    if share is None:
        return "chart.bought_followers.caption.unknown"
    return "chart.bought_followers.caption.bought" if share > 0 else "chart.bought_followers.caption.none"


def hours_caption(service_share: float | None) -> str:
    """Row 15: "no time for customer service" when it gets under a tenth of the week."""
    if service_share is not None and service_share < SERVICE_SHARE_LOW:
        return "chart.hours_per_activity.caption.low"
    return "chart.hours_per_activity.caption.plain"


def calendar_caption(has_cm_day: bool, has_certificate: bool) -> str:
    """Row 16: #CMday and the one-week certificate get their joke when they are in the period."""
    if has_cm_day and has_certificate:
        return "chart.follower_growth.caption.calendar"
    if has_cm_day or has_certificate:
        return "chart.follower_growth.caption.one"
    return "chart.follower_growth.caption.plain"
