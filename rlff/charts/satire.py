"""The article's sixteen practices (DESIGN.md) and the chart that carries each one.

docs/satire.md is written from this table by ``scripts/satire_doc.py`` (titles and
captions in English and French, a screenshot of each chart from the served app), and
tests/test_satire_rows.py checks that every row's chart draws with a caption in both
languages.
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    """One row of DESIGN.md: what the article mocks, and the chart (and view) that shows it."""

    number: int
    practice: str
    chart: str
    view: str


ROWS: tuple[Row, ...] = (
    Row(1, "RLFF: retweets, likes, friends, fans are all that counts", "boss_tiles", "boss"),
    Row(2, "The monthly deck: “1754 RT and 9540 likes”", "engagement_over_time", "boss"),
    Row(3, "“Real time” means “when I feel like it”", "response_time", "reality"),
    Row(4, "Inflate the community with bought followers", "bought_followers", "reality"),
    Row(5, "Follow peers and retweet each other: a “sphere of influence”", "engagement_sources", "reality"),
    Row(6, "Like all your own posts", "self_likes", "reality"),
    Row(7, "Be present everywhere, even on Pinterest", "platform_effort", "reality"),
    Row(8, "Photo + heavy text phrased as a question, in one post", "format_performance", "side"),
    Row(9, "A strategy you present and do not follow", "strategy_adherence", "reality"),
    Row(10, "“The competitors do the same” (the competitors are the RT buddies)", "competitor_benchmark", "boss"),
    Row(11, "Monitoring = a Google Alert on your own name", "e_reputation", "reality"),
    Row(12, "A blog of ten-line translations every other day", "cm_output", "reality"),
    Row(13, "“The crisis is a myth”; quit and change brand", "crisis_timeline", "reality"),
    Row(14, "Salary, a monitoring licence, bought followers: the ROI", "roi", "reality"),
    Row(15, "A 35-hour week, no time for customer service", "hours_per_activity", "reality"),
    Row(16, "#CMday at the end of January, one-week certificates", "follower_growth", "boss"),
)
