"""Sample export files for the import tests, built from the headers in EXPORTS.md.

Each builder returns ``(filename, bytes, rows)`` where ``rows`` are the plain Python values
the file was written from, so tests can check imported totals against independent sums.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

LEGACY_METRICS = [
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
]
PROMOTED = [f"promoted {m}" for m in LEGACY_METRICS]
LEGACY_POST_HEADER = ["Tweet id", "Tweet permalink", "Tweet text", "time", *LEGACY_METRICS, *PROMOTED]
LEGACY_DAILY_HEADER = ["Date", "Tweets published", *LEGACY_METRICS, *PROMOTED]
X_POSTS_HEADER = [
    "Post id",
    "Date",
    "Post text",
    "Post Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Detail Expands",
    "URL Clicks",
    "Hashtag Clicks",
    "Permalink Clicks",
]
X_OVERVIEW_HEADER = [
    "Date",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Unfollows",
    "Replies",
    "Reposts",
    "Profile visits",
    "Create Post",
    "Video views",
    "Media views",
]
FACEBOOK_HEADER = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Funded content status",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
    "Link clicks",
    "Other clicks",
    "Matched audience targeting consumption (Photo click)",
    "Negative feedback from users: Hide all",
    "Seconds viewed",
    "Average Seconds viewed",
    "Estimated earnings (USD)",
    "Ad impressions",
    "Ad CPM (USD)",
]
INSTAGRAM_HEADER = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]
LINKEDIN_POSTS_HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Off-site views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]
LINKEDIN_FOLLOWERS_HEADER = [
    "Date",
    "Sponsored followers",
    "Organic followers",
    "Auto-invited followers",
    "Total followers",
]

CAPTIONS = [
    "Happy Monday! Who needs coffee?",
    "Our new product is here https://example.com/p",
    "Merci à tous, c'est énorme",
    "Thread: 5 tips",
    "Contest time, RT to win!",
    "Weekend vibes",
]


def to_csv(header: list[str], rows: list[list[object]], *, sep: str = ",", preamble: list[list[str]] = ()) -> str:
    """Rows as CSV text with ``\\r\\n`` line ends (as exports write them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    for line in preamble:
        writer.writerow(line)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _counts(rng: random.Random, n: int) -> list[dict[str, int]]:
    return [
        {
            "impressions": rng.randint(0, 30000),
            "likes": rng.randint(0, 400),
            "retweets": rng.randint(0, 90),
            "replies": rng.randint(0, 30),
            "url_clicks": rng.randint(0, 50),
            "profile_clicks": rng.randint(0, 20),
            "follows": rng.randint(0, 9),
            "unfollows": rng.randint(0, 4),
            "media_views": rng.choice([0, 0, 120]),
            "shares": rng.randint(0, 15),
            "comments": rng.randint(0, 40),
        }
        for _ in range(n)
    ]


def legacy_tweets(n: int = 30, *, favorites: bool = False, encoding: str = "utf-8", seed: int = 1):
    """A legacy per-tweet activity CSV, newest first, ``424.0`` numbers, ``-`` promoted cells."""
    rng = random.Random(seed)
    start = datetime(2015, 9, 1, 8, 0)
    rows, data = [], []
    for i, c in enumerate(_counts(rng, n)):
        when = start + timedelta(hours=19 * i)
        tid = str(640000000000000000 + i)
        c |= {"id": tid, "time": when, "text": CAPTIONS[i % len(CAPTIONS)]}
        data.append(c)
        metrics = {m: "0.0" for m in LEGACY_METRICS}
        metrics |= {
            "impressions": f"{c['impressions']}.0",
            "retweets": f"{c['retweets']}.0",
            "replies": f"{c['replies']}.0",
            "likes": f"{c['likes']}.0",
            "user profile clicks": f"{c['profile_clicks']}.0",
            "url clicks": f"{c['url_clicks']}.0",
            "follows": f"{c['follows']}.0",
            "media views": f"{c['media_views']}.0",
            "engagement rate": "0.0123",
        }
        rows.append(
            [
                tid,
                f"https://twitter.com/acme/status/{tid}",
                c["text"],
                when.strftime("%Y-%m-%d %H:%M +0000"),
                *[metrics[m] for m in LEGACY_METRICS],
                *["-"] * len(PROMOTED),
            ]
        )
    header = [h.replace("likes", "favorites") if favorites else h for h in LEGACY_POST_HEADER]
    rows.reverse()  # exports list the newest tweet first
    name = "tweet_activity_metrics_acme_20150901_20151130_en.csv"
    return name, to_csv(header, rows).encode(encoding), data


def legacy_daily(n: int = 20, *, favorites: bool = False, seed: int = 2):
    """A legacy daily activity CSV."""
    rng = random.Random(seed)
    rows, data = [], []
    for i, c in enumerate(_counts(rng, n)):
        day = datetime(2015, 10, 1) + timedelta(days=i)
        c |= {"date": day}
        data.append(c)
        metrics = {m: "0" for m in LEGACY_METRICS}
        metrics |= {
            "impressions": str(c["impressions"]),
            "retweets": str(c["retweets"]),
            "likes": str(c["likes"]),
            "replies": str(c["replies"]),
            "follows": str(c["follows"]),
        }
        rows.append(
            [
                day.strftime("%Y-%m-%d"),
                str(rng.randint(0, 5)),
                *[metrics[m] for m in LEGACY_METRICS],
                *["-"] * len(PROMOTED),
            ]
        )
    header = [h.replace("likes", "favorites") if favorites else h for h in LEGACY_DAILY_HEADER]
    return "daily_tweet_activity_metrics_acme_20151001_20151020_en.csv", to_csv(header, rows).encode(), data


def x_posts(n: int = 40, *, encoding: str = "utf-8", sep: str = ",", seed: int = 3):
    """The current X per-post export: ``Sat, Sep 12, 2026`` dates, some ``1,000`` thousands."""
    rng = random.Random(seed)
    rows, data = [], []
    for i, c in enumerate(_counts(rng, n)):
        day = datetime(2026, 9, 1) + timedelta(days=i // 2)
        pid = str(1830000000000000000 + i)
        c |= {"id": pid, "date": day, "text": CAPTIONS[i % len(CAPTIONS)]}
        data.append(c)
        impressions = f"{c['impressions']:,}" if i % 3 == 0 else str(c["impressions"])
        rows.append(
            [
                pid,
                day.strftime("%a, %b %d, %Y"),
                c["text"],
                f"https://x.com/acme/status/{pid}",
                impressions,
                c["likes"],
                c["likes"] + c["retweets"],
                1,
                c["shares"],
                c["follows"],
                c["replies"],
                c["retweets"],
                c["profile_clicks"],
                3,
                c["url_clicks"],
                0,
                2,
            ]
        )
    rows.reverse()
    return (
        "account_analytics_content_2026-09-01_2026-09-20.csv",
        to_csv(X_POSTS_HEADER, rows, sep=sep).encode(encoding),
        data,
    )


def x_overview(n: int = 30, *, sep: str = ";", unfollows: bool = True, seed: int = 4):
    """The current X daily overview; by default ``;``-separated with decimal commas, as re-saved in France."""
    rng = random.Random(seed)
    rows, data = [], []
    header = X_OVERVIEW_HEADER if unfollows else [h for h in X_OVERVIEW_HEADER if h != "Unfollows"]
    for i, c in enumerate(_counts(rng, n)):
        day = datetime(2026, 10, 1) + timedelta(days=i)
        c |= {"date": day}
        if not unfollows:
            c["unfollows"] = 0
        data.append(c)
        values = {
            "Date": day.strftime("%a, %b %d, %Y"),
            "Impressions": f"{c['impressions']:,}".replace(",", " "),
            "Likes": f"{c['likes']},0" if sep == ";" else str(c["likes"]),
            "Engagements": "1",
            "Bookmarks": "0",
            "Shares": "0",
            "New follows": str(c["follows"]),
            "Unfollows": str(c["unfollows"]),
            "Replies": str(c["replies"]),
            "Reposts": str(c["retweets"]),
            "Profile visits": "4",
            "Create Post": "1",
            "Video views": "-",
            "Media views": "0",
        }
        rows.append([values[h] for h in header])
    rows.reverse()
    return "account_overview_analytics.csv", to_csv(header, rows, sep=sep).encode(), data


def facebook_posts(n: int = 25, *, old: bool = False, seed: int = 5):
    """A Meta Business Suite Facebook posts export: UTF-8 with BOM, month-first times, ``15,000``."""
    rng = random.Random(seed)
    header = [("Impressions" if old and h == "Views" else h) for h in FACEBOOK_HEADER]
    rows, data = [], []
    types = ["Photos", "Videos", "Reels", "Links", "Photos"]
    for i, c in enumerate(_counts(rng, n)):
        when = datetime(2026, 11, 1, 9, 30) + timedelta(hours=29 * i)
        pid = f"1234567890_{9000 + i}"
        c |= {"id": pid, "time": when, "type": types[i % len(types)], "text": CAPTIONS[i % len(CAPTIONS)]}
        data.append(c)
        row = {h: "" for h in header}
        row |= {
            "Post ID": pid,
            "Page ID": "1234567890",
            "Page name": "Acme Coffee",
            "Title": c["text"] if i % 2 else "",
            "Description": "" if i % 2 else c["text"],
            "Publish time": when.strftime("%m/%d/%Y %H:%M"),
            "Post type": c["type"],
            "Permalink": f"https://www.facebook.com/{pid}",
            "Date": "Lifetime",
            ("Impressions" if old else "Views"): f"{c['impressions']:,}",
            "Reach": str(c["impressions"] // 2),
            "Reactions, Comments and Shares": str(c["likes"] + c["comments"] + c["shares"]),
            "Reactions": str(c["likes"]),
            "Comments": str(c["comments"]),
            "Shares": str(c["shares"]),
            "Total clicks": str(c["url_clicks"]),
        }
        rows.append([row[h] for h in header])
    return "Nov-01-2026_Nov-30-2026_posts.csv", b"\xef\xbb\xbf" + to_csv(header, rows).encode(), data


def instagram_posts(n: int = 25, *, seed: int = 6):
    """A Meta Business Suite Instagram posts export, columns in another order, ``15,000`` numbers."""
    rng = random.Random(seed)
    header = INSTAGRAM_HEADER[:]
    rng.shuffle(header)
    rows, data = [], []
    types = ["IG image", "IG reel", "IG carousel"]
    for i, c in enumerate(_counts(rng, n)):
        c["impressions"] += 1000
        when = datetime(2026, 11, 2, 18, 5) + timedelta(hours=31 * i)
        c |= {"id": f"1790000000{i:04d}", "time": when, "type": types[i % 3], "text": CAPTIONS[i % len(CAPTIONS)]}
        data.append(c)
        row = {
            "Post ID": c["id"],
            "Account ID": "17841400000",
            "Account username": "acme.coffee",
            "Account name": "Acme Coffee",
            "Description": c["text"],
            "Duration (sec)": "0",
            "Publish time": when.strftime("%m/%d/%Y %H:%M"),
            "Permalink": f"https://www.instagram.com/p/{i}/",
            "Post type": c["type"],
            "Data comment": "",
            "Date": "Lifetime",
            "Views": f"{c['impressions']:,}",
            "Reach": "0",
            "Likes": f"{c['likes']:,}",
            "Shares": str(c["shares"]),
            "Follows": str(c["follows"]),
            "Comments": str(c["comments"]),
            "Saves": "2",
        }
        rows.append([row[h] for h in header])
    return "instagram_posts.csv", to_csv(header, rows).encode(), data


def meta_daily(n: int = 14, *, metric: str = "Facebook follows", seed: int = 7):
    """A Meta page-level daily file: UTF-16, ``sep=,`` line, the metric's name, ``Date,Primary``."""
    rng = random.Random(seed)
    data = [{"date": datetime(2026, 11, 1) + timedelta(days=i), "value": rng.randint(0, 25)} for i in range(n)]
    body = "sep=,\r\n" + to_csv(
        ["Date", "Primary"], [[d["date"].strftime("%Y-%m-%dT%H:%M:%S"), d["value"]] for d in data], preamble=[[metric]]
    )
    return "Follows.csv", body.encode("utf-16"), data


def linkedin_posts_rows(n: int = 15, seed: int = 8):
    rng = random.Random(seed)
    data, rows = [], []
    types = ["Image", "Video", "Article", "Text", "Document"]
    for i, c in enumerate(_counts(rng, n)):
        when = datetime(2026, 11, 3) + timedelta(days=i)
        link = f"https://www.linkedin.com/feed/update/urn:li:activity:{7260000000000000000 + i}"
        c |= {"link": link, "date": when, "text": CAPTIONS[i % len(CAPTIONS)], "type": types[i % len(types)]}
        data.append(c)
        row = {h: "" for h in LINKEDIN_POSTS_HEADER}
        row |= {
            "Post title": c["text"],
            "Post link": link,
            "Post type": "Organic",
            "Posted by": "Jane CM",
            "Created date": when,
            "Impressions": c["impressions"],
            "Clicks": c["url_clicks"],
            "Click through rate (CTR)": 0.01,
            "Likes": c["likes"],
            "Comments": c["comments"],
            "Reposts": c["retweets"],
            "Follows": c["follows"],
            "Engagement rate": 0.02,
            "Content Type": c["type"],
        }
        rows.append([row[h] for h in LINKEDIN_POSTS_HEADER])
    note = ["All posts: lifetime metrics for posts created between 11/03/2026 and 11/17/2026."]
    return note, LINKEDIN_POSTS_HEADER, rows, data


def linkedin_followers_rows(n: int = 20, seed: int = 9):
    rng = random.Random(seed)
    data, rows = [], []
    for i in range(n):
        day = datetime(2026, 11, 1) + timedelta(days=i)
        c = {"date": day, "sponsored": rng.randint(0, 3), "organic": rng.randint(0, 12), "auto": rng.randint(0, 2)}
        data.append(c)
        rows.append(
            [
                day.strftime("%m/%d/%Y"),
                c["sponsored"],
                c["organic"],
                c["auto"],
                c["sponsored"] + c["organic"] + c["auto"],
            ]
        )
    note = ["Followers: new followers per day. Dates are in UTC."]
    return note, LINKEDIN_FOLLOWERS_HEADER, rows, data


def xlsx(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    """An .xlsx workbook with the given sheets (rows of Python values) written by openpyxl."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    """An old-style .xls workbook written by xlwt (dates as real Excel date cells)."""
    import xlwt

    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM")
    for title, rows in sheets:
        ws = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def linkedin_posts_workbook(kind: str = "xlsx", n: int = 15):
    """The LinkedIn content export: a 'Metrics' sheet, then 'All posts' with a note row above its header."""
    note, header, rows, data = linkedin_posts_rows(n)
    metrics = [
        ["Aggregated daily metrics"],
        ["Date", "Impressions (organic)", "Clicks (organic)"],
        ["11/03/2026", 10, 1],
    ]
    sheets = [("Metrics", metrics), ("All posts", [note, header, *rows])]
    build = xlsx if kind == "xlsx" else xls
    return f"acme_content_1700000000000.{kind}", build(sheets), data


def linkedin_followers_workbook(kind: str = "xlsx", n: int = 20):
    """The LinkedIn followers export: 'New followers' with a note row, then demographic sheets."""
    note, header, rows, data = linkedin_followers_rows(n)
    sheets = [("New followers", [note, header, *rows]), ("Location", [["Location", "Total followers"], ["Paris", 40]])]
    build = xlsx if kind == "xlsx" else xls
    return f"acme_followers_1700000000000.{kind}", build(sheets), data


def french_inbox(seed: int = 10):
    """A partial RLFF inbox as a French spreadsheet saves it: cp1252, ``;``, day-first dates, ``channel``."""
    rng = random.Random(seed)
    kinds = ["compliment", "question", "réclamation", "crise", "Complaint"]
    rows, data = [], []
    for i in range(24):
        received = datetime(2026, 11, 1, 8, 0) + timedelta(hours=13 * i + 1)
        answered = None if i % 4 == 3 else received + timedelta(minutes=rng.randint(2, 3000))
        kind = kinds[i % len(kinds)]
        data.append({"received": received, "answered": answered, "kind": kind})
        rows.append(
            [
                received.strftime("%d/%m/%Y %H:%M"),
                kind,
                answered.strftime("%d/%m/%Y %H:%M") if answered else "",
                "Twitter" if i % 2 else "Facebook",
            ]
        )
    text = to_csv(["received_at", "kind", "first_response_at", "channel"], rows, sep=";")
    return "boîte de réception.csv", text.encode("cp1252"), data


def costs_csv():
    """A costs file with decimal commas in a ``;`` file, and thousands separators."""
    rows = [
        ["2026-11-01", "salary", "4 200,00", "CM salary"],
        ["2026-11-01", "monitoring_tool", "650,50", "Radian6"],
        ["2026-11-15", "bought_followers", "49", "5,000 followers pack"],
        ["2026-11-01", "ads", "1.250,75", ""],
    ]
    return (
        "costs.csv",
        to_csv(["date", "category", "amount_eur", "note"], rows, sep=";").encode(),
        4200.00 + 650.50 + 49 + 1250.75,
    )


def revenue_csv():
    rows = [["2026-11-03", "1830000000000000001", "twitter", "2", "59.80"], ["2026-11-20", "", "", "1", "19.90"]]
    return "revenue.csv", to_csv(["date", "post_id", "platform", "conversions", "amount_eur"], rows).encode(), 79.70
