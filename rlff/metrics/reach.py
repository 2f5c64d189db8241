"""Engagement measured against who saw the posts, not only against who follows.

Platform exports give impressions per post; the deck divides by followers, which an
inflated audience makes look small and steady. A marketer reads both side by side.
"""

from __future__ import annotations

import pandas as pd

from rlff.metrics.periods import MonthLike, brand_posts, count_per_post


def reach_numbers(posts: pd.DataFrame, engagements: pd.DataFrame, month: MonthLike) -> dict[str, float | int | None]:
    """Impressions of the month's brand posts and engagements (likes + retweets + replies) per impression.

    Args:
        posts: the posts table (``impressions`` may be missing or empty in an import).
        engagements: the engagements table.
        month: any day of the month.

    Returns:
        ``{"impressions": int | None, "engagement_per_impression": float | None}``: None when
        the data has no impressions for those posts (never a made-up 0).
    """
    if "impressions" not in posts.columns:
        return {"impressions": None, "engagement_per_impression": None}
    month_posts = brand_posts(posts, month, ["post_id", "impressions"])
    shown = pd.to_numeric(month_posts["impressions"], errors="coerce")
    if month_posts.empty or shown.isna().all() or shown.fillna(0).sum() <= 0:
        return {"impressions": None, "engagement_per_impression": None}
    (engaged,) = count_per_post(month_posts["post_id"], engagements, (None,))
    # Only posts whose impressions are known count on both sides of the ratio.
    known = shown.notna().to_numpy()
    total = float(shown[known].sum())
    return {"impressions": int(total), "engagement_per_impression": float(engaged[known].sum()) / total}
