"""Scenario + integer seed -> RLFF's tidy tables, vectorised with numpy.

Faker only builds text pools (:mod:`rlff.simulation.providers`); every number comes from one
``numpy`` generator per table, spawned from the seed, so a knob that touches one
table does not reshuffle the others, and the same scenario and seed give the same
tables in any process. The period comes from the scenario, never from today's date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rlff.schema import ACTIVITIES, MESSAGE_KINDS, POST_FORMATS, Meta, Tables, conform
from rlff.simulation import calibration as cal
from rlff.simulation.budget import check_budget
from rlff.simulation.platforms import PROFILES, audience_fraction, audience_shares, post_shares
from rlff.simulation.providers import TextPools, text_pools
from rlff.simulation.scenario import DEFAULT, Scenario, reported_month
from rlff.simulation.workweek import week_plan

OTHER_FORMAT_WEIGHTS = {"photo": 0.35, "link": 0.3, "video": 0.2, "text": 0.15}
# Vanity pull of a format (likes) vs the clicks it earns (value).
FORMAT_LIKE_WEIGHT = {"photo_question": 1.8, "photo": 1.2, "link": 0.5, "video": 1.3, "text": 0.6}
FORMAT_CLICK_RATE = {"photo_question": 0.002, "photo": 0.003, "link": 0.03, "video": 0.006, "text": 0.002}
MESSAGE_MIX = {"compliment": 0.4, "question": 0.35, "complaint": 0.25}
CRISIS_SHAPE = np.array([0.35, 0.25, 0.18, 0.12, 0.1])  # messages per crisis day, decaying
CUSTOMER_REPLIES_PER_LIKE = 0.08
# Customer service (DESIGN row 15): minutes a first answer takes, by message kind.
REPLY_MINUTES = {"compliment": 0.5, "question": 3.0, "complaint": 8.0, "crisis": 10.0}
# Customer-service time over the time answering every message would take, at which the
# reply_* knobs hold as set: the article's ordinary week (2.1 h for ~70 messages). More
# time answers more and sooner; less answers fewer and later.
REFERENCE_TIME_RATIO = (35.0 * 0.06 * 60) / (70.0 * sum(MESSAGE_MIX[k] * REPLY_MINUTES[k] for k in MESSAGE_MIX))
FASTEST_REPLY_HOURS = 0.05  # three minutes: nobody answers faster, however idle
STREAMS = ("posts", "engagements", "followers", "inbox", "mentions", "money", "strategy", "time", "peers")
BOT_POOL_SIZE = 2_000
# Bought bot accounts: the same handles in every simulation.
BOT_HANDLES = tuple(f"@{'fan' if i % 3 else 'user'}{(i * 7919) % 100_000:05d}" for i in range(BOT_POOL_SIZE))


def _rngs(seed: int) -> dict[str, np.random.Generator]:
    children = np.random.SeedSequence([int(seed), 0x524C4646]).spawn(len(STREAMS))
    return {name: np.random.default_rng(child) for name, child in zip(STREAMS, children, strict=True)}


def _weights(keys: tuple[str, ...], table: dict[str, float]) -> np.ndarray:
    w = np.array([table[k] for k in keys], dtype=float)
    return w / w.sum()


def _seconds(values: np.ndarray) -> np.ndarray:
    """Timestamps floored to the second: what the CSV keeps, so a round trip is exact."""
    return values.astype("datetime64[s]").astype("datetime64[us]")


def _lexsort(keys: list[np.ndarray]) -> np.ndarray:
    """``np.lexsort(keys[::-1])``: the stable order by the first key, then the second...

    Integer keys that fit together in 63 bits (each shifted to start at 0 and divided by
    the step all its values share, e.g. microseconds that are whole seconds) are packed
    into one int64 and sorted once: a third of lexsort's time on the engagement table.
    """
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    used = 0
    for key in keys:
        k = key.astype(np.int64)
        if len(k):
            k -= k.min()
            step = int(np.gcd.reduce(k))
            if step > 1:
                k //= step
        width = int(k.max()).bit_length() if len(k) else 0
        used += width
        if used > 63:
            return np.lexsort(keys[::-1])
        packed = (packed << width) | k
    return np.argsort(packed, kind="stable")


def _cat(codes: np.ndarray, categories: tuple[str, ...] | list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int32), categories=pd.Index(list(categories), dtype="str"))


def simulate(scenario: Scenario = DEFAULT, seed: int = 0) -> Tables:
    """Simulate the community manager's period.

    Args:
        scenario: the knobs; :data:`rlff.simulation.scenario.DEFAULT` reproduces the article.
        seed: any integer; the same scenario and seed give byte-identical tables.

    Returns:
        Every table of :mod:`rlff.schema`, with the reported month in ``meta``.

    Raises:
        rlff.simulation.budget.ScenarioTooLarge: when the knobs would simulate more rows
            than :data:`rlff.simulation.budget.MAX_SCENARIO_ROWS`.
    """
    check_budget(scenario)  # before any work: a scenario over the row ceiling is refused at once
    rng = _rngs(seed)
    pools = text_pools(scenario.lang, int(seed), scenario.brand, scenario.cm_name, scenario.ring_size)
    months = cal.period_months(scenario)
    posts = _posts(scenario, pools, months, rng["posts"])
    engagements = _engagements(scenario, pools, posts, months, rng["engagements"])
    followers = _followers(scenario, rng["followers"])
    time_use = _time_use(scenario, rng["time"])
    inbox = _inbox(scenario, pools, rng["inbox"], time_use)
    mentions = _mentions(scenario, pools, rng["mentions"])
    costs, revenue = _money(scenario, posts)
    strategy = _strategy(scenario, pools, rng["strategy"])
    events = _events(scenario)
    peers = _peers(scenario, pools, engagements, posts, rng["peers"])
    meta = Meta(
        brand=scenario.brand,
        cm_name=pools.cm_name,
        start=scenario.start,
        end=scenario.end,
        reported_month=reported_month(scenario),
        lang=scenario.lang,
        source="simulation",
    )
    return Tables(
        meta=meta,
        posts=conform("posts", posts),
        engagements=conform("engagements", engagements),
        followers=conform("followers", followers),
        inbox=conform("inbox", inbox),
        mentions=conform("mentions", mentions),
        costs=conform("costs", costs),
        revenue=conform("revenue", revenue),
        strategy=conform("strategy", strategy),
        time_use=conform("time_use", time_use),
        events=conform("events", events),
        peers=conform("peers", peers),
    )


def _audience_at(s: Scenario, platforms: np.ndarray, when: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expected (organic, bought) followers of each post's platform at its time."""
    w = audience_shares(tuple(s.platforms))
    share = np.array([w[p] for p in platforms])
    days = (when - np.datetime64(pd.Timestamp(s.start))).astype("timedelta64[D]").astype(float) + 1
    organic = s.organic_followers_start + s.organic_follows_per_day * days * (1 - cal.ORGANIC_CHURN)
    organic = organic * audience_fraction(tuple(s.platforms))
    bought = np.zeros_like(days)
    for d in cal.purchase_dates(s):
        bought += np.where(when >= np.datetime64(d), s.bought_followers, 0)
    # Bought followers all sit on the platform they were bought for.
    on_target = platforms == cal.purchase_platform(s)
    return share * organic, np.where(on_target, bought, 0.0)


def _posts(s: Scenario, pools: TextPools, months: list[pd.Timestamp], rng: np.random.Generator) -> pd.DataFrame:
    platforms = tuple(s.platforms)
    post_w = _weights(platforms, post_shares(platforms))
    other_formats = tuple(f for f in POST_FORMATS if f != "photo_question")
    other_w = _weights(other_formats, OTHER_FORMAT_WEIGHTS)
    parts: dict[str, list[np.ndarray]] = {"published_at": [], "platform": [], "format": [], "is_cm": []}

    def add(when: np.ndarray, platform: np.ndarray, fmt: np.ndarray, is_cm: bool) -> None:
        for key, values in zip(parts, (when, platform, fmt, np.full(len(when), is_cm)), strict=True):
            parts[key].append(values)

    for month in months:
        first = max(month, pd.Timestamp(s.start))
        days = cal.days_in_period(s, month)
        n = cal.brand_posts_in_month(s, month)
        offsets = np.sort(rng.integers(0, days, n) * 86_400 + rng.integers(7 * 3600, 22 * 3600, n))
        when = np.datetime64(first) + offsets.astype("timedelta64[s]")
        is_pq = rng.random(n) < s.photo_question_share
        fmt = np.where(is_pq, "photo_question", np.array(other_formats)[rng.choice(len(other_formats), n, p=other_w)])
        plat = np.array(platforms)[rng.choice(len(platforms), n, p=post_w)]
        add(when, plat, fmt, False)
        # The CM's own blog: ten-line translations every other day.
        nb = int(round(week_plan(s).blog_posts_per_week * days / 7))  # no blog hours, no blog
        if nb:
            boff = np.sort(rng.integers(0, days, nb) * 86_400 + rng.integers(9 * 3600, 12 * 3600, nb))
            add(np.datetime64(first) + boff.astype("timedelta64[s]"), np.full(nb, "blog"), np.full(nb, "text"), True)
    cols = {key: np.concatenate(values) for key, values in parts.items()}
    # By time, the brand ("brand" < "cm") first at the same second: stable, like sort_values.
    order = np.lexsort((cols["is_cm"], cols["published_at"]))
    when, platform, fmt_arr, blog = (cols[k][order] for k in ("published_at", "platform", "format", "is_cm"))
    n = len(when)
    account = np.where(blog, "cm", "brand")
    texts = np.empty(n, dtype=object)
    for fmt_name in POST_FORMATS:
        mask = (fmt_arr == fmt_name) & ~blog
        pool = pools.captions[fmt_name]
        texts[mask] = np.array(pool, dtype=object)[rng.integers(0, len(pool), int(mask.sum()))]
    texts[blog] = np.array(pools.blog_titles, dtype=object)[rng.integers(0, len(pools.blog_titles), int(blog.sum()))]
    social = ~blog
    organic, bought = np.zeros(n), np.zeros(n)
    organic[social], bought[social] = _audience_at(s, platform[social], when[social])
    lift = rng.lognormal(0.0, 0.5, n)
    reach = np.array([PROFILES[p].reach if p in PROFILES else 0.0 for p in platform])
    impressions = np.round((organic + 0.3 * bought) * reach * lift).astype(np.int64)
    impressions[blog] = rng.integers(20, 200, int(blog.sum()))
    # Bots see posts but never click: clicks come from the organic share of impressions.
    organic_share = np.divide(organic, organic + 0.3 * bought, out=np.ones(n), where=(organic + bought) > 0)
    click_rate = np.array([FORMAT_CLICK_RATE[f] for f in fmt_arr])
    click_rate *= np.array([PROFILES[p].click if p in PROFILES else 1.0 for p in platform])
    clicks = rng.binomial(np.round(impressions * organic_share).astype(np.int64), np.minimum(click_rate, 1.0))
    buyers = np.array([PROFILES[p].buyers if p in PROFILES else 0.0 for p in platform])
    conversions = rng.binomial(clicks, buyers)
    conversions[blog] = 0
    return pd.DataFrame(
        {
            "published_at": _seconds(when),
            "platform": platform,
            "format": fmt_arr,
            "account": account,
            "post_id": [f"post-{i + 1:06d}" for i in range(n)],
            "text": texts,
            "impressions": impressions,
            "clicks": clicks,
            "conversions": conversions,
        }
    )


def _engagements(
    s: Scenario,
    pools: TextPools,
    posts: pd.DataFrame,
    months: list[pd.Timestamp],
    rng: np.random.Generator,
) -> pd.DataFrame:
    rep = pd.Timestamp(reported_month(s))
    actors = (pools.cm_handle, *pools.peer_handles, *pools.customer_handles, *BOT_HANDLES)
    peer0, cust0 = 1, 1 + len(pools.peer_handles)
    bot0 = cust0 + len(pools.customer_handles)
    published = posts["published_at"].to_numpy()
    brand = posts["account"].to_numpy() == "brand"
    like_w = np.array([FORMAT_LIKE_WEIGHT[f] for f in posts["format"].to_numpy()]) * rng.lognormal(0, 0.6, len(posts))
    # Where each kind lands: customers follow the platform's audience and habits; retweets
    # need a platform that has them (Instagram has none).
    plat = posts["platform"].to_numpy()
    social = np.isin(plat, tuple(s.platforms))
    customer_w = {
        kind: np.array([cal.customer_weight(s, p, kind) if ok else 0.0 for p, ok in zip(plat, social, strict=True)])
        for kind in ("like", "retweet")
    }
    repost_w = np.array([PROFILES[p].repost if ok else 0.0 for p, ok in zip(plat, social, strict=True)])
    on_bought = plat == cal.purchase_platform(s)
    chunks: list[dict[str, np.ndarray]] = []
    kinds, sources = ("retweet", "like", "reply"), ("customer", "peer", "bot", "self", "unknown")

    def emit(post_idx: np.ndarray, kind: str, source: str, actor: np.ndarray) -> None:
        delay = rng.exponential(6 * 3600, len(post_idx)).astype(np.int64)
        chunks.append(
            {
                "post": post_idx.astype(np.int32),
                "at": published[post_idx] + delay.astype("timedelta64[s]"),
                "kind": np.full(len(post_idx), kinds.index(kind), np.int8),
                "source": np.full(len(post_idx), sources.index(source), np.int8),
                "actor": actor.astype(np.int32),
            }
        )

    month_of = posts["published_at"].dt.to_period("M").dt.start_time.to_numpy()
    for month in months:
        idx = np.flatnonzero(brand & (month_of == np.datetime64(month)))
        if len(idx) == 0:
            continue
        expected = cal.expected_engagement(s, month)
        for (source, kind), mean in expected.items():
            # The reported month is the deck: exact totals. Other months vary with the seed.
            count = int(round(mean)) if month == rep else int(rng.poisson(mean))
            if count <= 0:
                continue
            if source == "customer":
                w = like_w[idx] * customer_w[kind][idx]
                if w.sum() <= 0:
                    continue
                w = w / w.sum()
                chosen = idx[rng.choice(len(idx), count, p=w)]
                actor = cust0 + rng.integers(0, len(pools.customer_handles), count)
            else:
                if kind == "retweet":
                    pick = idx[repost_w[idx] > 0]
                    if source == "bot":
                        pick = pick[on_bought[pick]]
                elif source == "bot":
                    pick = idx[on_bought[idx]]
                else:
                    pick = idx
                if len(pick) == 0:
                    continue
                chosen = pick[rng.integers(0, len(pick), count)]
                if source == "peer":
                    actor = peer0 + rng.integers(0, max(1, len(pools.peer_handles)), count)
                elif source == "bot":
                    actor = bot0 + rng.integers(0, BOT_POOL_SIZE, count)
                else:
                    actor = np.zeros(count, np.int64)
            emit(chosen, kind, source, actor)
            if source == "customer" and kind == "like":
                n_rep = int(rng.poisson(count * CUSTOMER_REPLIES_PER_LIKE))
                emit(
                    idx[rng.choice(len(idx), n_rep, p=w)],
                    "reply",
                    "customer",
                    cust0 + rng.integers(0, len(pools.customer_handles), n_rep),
                )
    # The CM's blog is liked by the ring: their e-reputation, not the brand's.
    blog_idx = np.flatnonzero(~brand)
    if len(blog_idx) and len(pools.peer_handles):
        n_blog = int(rng.poisson(len(blog_idx) * len(pools.peer_handles) * 0.5))
        emit(
            blog_idx[rng.integers(0, len(blog_idx), n_blog)],
            "like",
            "peer",
            peer0 + rng.integers(0, len(pools.peer_handles), n_blog),
        )
    if not chunks:
        return pd.DataFrame({c: [] for c in ("post_id", "engaged_at", "kind", "source", "actor", "count")})
    cols = {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}
    order = _lexsort([cols["post"], cols["at"].astype(np.int64), cols["kind"], cols["source"], cols["actor"]])
    post_ids = tuple(posts["post_id"])
    return pd.DataFrame(
        {
            "post_id": _cat(cols["post"][order], post_ids),
            "engaged_at": _seconds(cols["at"][order]),
            "kind": _cat(cols["kind"][order], kinds),
            "source": _cat(cols["source"][order], sources),
            "actor": _cat(cols["actor"][order], actors),
            "count": np.ones(len(order), np.int64),
        }
    )


def _followers(s: Scenario, rng: np.random.Generator) -> pd.DataFrame:
    days = pd.date_range(s.start, s.end, freq="D")
    nd = len(days)
    platforms = tuple(s.platforms)
    share = _weights(platforms, audience_shares(platforms))
    reachable = audience_fraction(platforms)  # a platform left out takes its followers with it
    organic_total = rng.poisson(s.organic_follows_per_day * reachable, nd)
    organic = np.stack([rng.multinomial(n, share) for n in organic_total]) if nd else np.zeros((0, len(platforms)))
    bought = np.zeros((nd, len(platforms)), np.int64)
    # Purchases land on the main platform (Twitter when present), over two days.
    target = platforms.index(cal.purchase_platform(s))
    purchases = cal.purchase_dates(s)
    for d in purchases:
        i = (d - days[0]).days
        first = s.bought_followers * 6 // 10
        bought[i, target] += first
        bought[min(i + 1, nd - 1), target] += s.bought_followers - first
    # Organic churn, plus the platform purging some bots after each purchase.
    churn = rng.poisson(s.organic_follows_per_day * reachable * cal.ORGANIC_CHURN * share, (nd, len(platforms)))
    bots_alive = np.cumsum(bought, axis=0)
    purge = rng.poisson(bots_alive * 0.0005)
    unfollows = churn + purge
    start = np.round(s.organic_followers_start * reachable * share).astype(np.int64)
    followers = start + np.cumsum(organic + bought - unfollows, axis=0)
    # Friends: a base, the ring, follow-for-follow over the first 30 days, then a trickle of it.
    day_no = np.arange(1, nd + 1)
    ramp = np.minimum(day_no / 30.0, 1.0) + np.maximum(day_no - 30, 0) / 300.0
    friends = np.round((150 + s.ring_size + s.follow_for_follow * ramp)[:, None] * share).astype(np.int64)
    return pd.DataFrame(
        {
            "date": np.repeat(days.to_numpy(), len(platforms)),
            "platform": np.tile(np.array(platforms), nd),
            "organic_follows": organic.reshape(-1),
            "bought_follows": bought.reshape(-1),
            "unfollows": unfollows.reshape(-1),
            "followers": followers.reshape(-1),
            "friends": friends.reshape(-1),
        }
    )


def _crisis_start(s: Scenario) -> pd.Timestamp:
    return pd.Timestamp(reported_month(s)) + pd.Timedelta(days=s.crisis_day - 1)


def capacity_factor(service_minutes: np.ndarray, need_minutes: np.ndarray) -> np.ndarray:
    """How much more (or less) customer-service time, for the week's messages, than in the article.

    1 is the default scenario (the reply_* knobs hold as set); 0 is no time at all.
    """
    ratio = service_minutes / np.maximum(need_minutes, 1e-9)
    return ratio / REFERENCE_TIME_RATIO


def effective_reply(rate: float, hours: float, factor: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reply rate and median hours once the week's customer-service time is counted.

    The reply_* knobs are the CM's habits at the article's workload (``factor`` 1). With
    ``factor`` times that time, the rate becomes ``rate ** (1 / factor)`` (towards 1 with
    time to spare, towards 0 without) and answers come ``factor`` times sooner (never
    faster than :data:`FASTEST_REPLY_HOURS`). A rate of 0 ("ghost") stays 0: that is a
    choice, not a lack of time.
    """
    f = np.maximum(factor, 0.0)
    eff_rate = np.where(f > 0, float(rate) ** (1.0 / np.maximum(f, 1e-6)), 0.0)
    eff_hours = np.maximum(max(hours, 1e-3) / np.maximum(f, 1e-6), FASTEST_REPLY_HOURS)
    return eff_rate, eff_hours


def _inbox(s: Scenario, pools: TextPools, rng: np.random.Generator, time_use: pd.DataFrame) -> pd.DataFrame:
    days = pd.date_range(s.start, s.end, freq="D")
    per_day = rng.poisson(s.inbox_per_day, len(days))
    received_day = np.repeat(days.to_numpy(), per_day)
    n = len(received_day)
    base_kinds = tuple(MESSAGE_MIX)
    kind = np.array(base_kinds)[rng.choice(len(base_kinds), n, p=_weights(base_kinds, MESSAGE_MIX))]
    if s.crisis and s.crisis_messages:
        start = _crisis_start(s)
        spread = rng.multinomial(s.crisis_messages, CRISIS_SHAPE)
        crisis_days = (start + pd.to_timedelta(np.arange(len(CRISIS_SHAPE)), unit="D")).to_numpy()
        keep = crisis_days <= np.datetime64(pd.Timestamp(s.end))
        extra = np.repeat(crisis_days[keep], spread[keep])
        received_day = np.concatenate([received_day, extra])
        kind = np.concatenate([kind, np.full(len(extra), "crisis")])
        n = len(received_day)
    received = received_day + rng.integers(0, 86_400, n).astype("timedelta64[s]")
    # Each message's week (Monday): its customer-service hours against what that week's
    # messages would take to answer. A crisis week swamps the same two hours.
    day_index = pd.DatetimeIndex(received_day)
    week = (day_index - pd.to_timedelta(day_index.day_of_week, unit="D")).to_numpy()
    weeks, week_idx = np.unique(week, return_inverse=True)
    need = np.zeros(len(weeks))
    np.add.at(need, week_idx, np.array([REPLY_MINUTES[k] for k in kind]))
    service = time_use[time_use["activity"] == "customer_service"].set_index("week")["hours"]
    have = service.reindex(pd.DatetimeIndex(weeks), fill_value=0.0).to_numpy() * 60
    factor = capacity_factor(have, need)[week_idx]
    answered = np.zeros(n, bool)
    delay_s = np.zeros(n)
    for k in MESSAGE_KINDS:
        mask = kind == k
        rate, hours = s.reply_policy(k)
        eff_rate, eff_hours = effective_reply(rate, hours, factor[mask])
        answered[mask] = rng.random(int(mask.sum())) < eff_rate
        delay_s[mask] = rng.lognormal(np.log(eff_hours * 3600), 0.8, int(mask.sum()))
    first = received + delay_s.astype(np.int64).astype("timedelta64[s]")
    period_end = np.datetime64(pd.Timestamp(s.end) + pd.Timedelta(days=1))
    # An answer after the export date has not happened yet.
    answered &= first < period_end
    resolved = answered & (rng.random(n) < 0.7)
    order = np.argsort(received, kind="stable")
    platforms = tuple(s.platforms)
    plat = np.array(platforms)[rng.choice(len(platforms), n, p=_weights(platforms, audience_shares(platforms)))]
    texts = np.empty(n, dtype=object)
    for k in MESSAGE_KINDS:
        mask = kind == k
        pool = pools.messages[k]
        texts[mask] = np.array(pool, dtype=object)[rng.integers(0, len(pool), int(mask.sum()))]
    authors = np.array(pools.customer_names, dtype=object)[rng.integers(0, len(pools.customer_names), n)]
    first_at = np.where(answered, _seconds(first), np.datetime64("NaT", "us"))
    return pd.DataFrame(
        {
            "message_id": [f"msg-{i + 1:06d}" for i in range(n)],
            "received_at": _seconds(received)[order],
            "platform": plat[order],
            "kind": kind[order],
            "first_response_at": first_at[order],
            "resolved": resolved[order],
            "author": authors[order],
            "text": texts[order],
        }
    )


def _mentions(s: Scenario, pools: TextPools, rng: np.random.Generator) -> pd.DataFrame:
    days = pd.date_range(s.start, s.end, freq="D")
    parts: dict[str, list[np.ndarray]] = {
        k: [] for k in ("mentioned_at", "is_cm", "platform", "sentiment", "author", "text")
    }
    crisis_days = set()
    if s.crisis:
        start = _crisis_start(s)
        crisis_days = {start + pd.Timedelta(days=i) for i in range(len(CRISIS_SHAPE))}
    in_crisis = np.array([d in crisis_days for d in days])
    for target, per_day in (("brand", s.brand_mentions_per_day), ("cm", s.cm_mentions_per_day)):
        rate = np.full(len(days), per_day) * (np.where(in_crisis, 4.0, 1.0) if target == "brand" else 1.0)
        count = rng.poisson(rate)
        day = np.repeat(days.to_numpy(), count)
        crisis_row = np.repeat(in_crisis, count)
        n = len(day)
        if target == "brand":
            sentiment = np.where(crisis_row, rng.normal(-0.6, 0.25, n), rng.normal(0.1, 0.35, n))
            authors_pool = pools.customer_names
        else:
            sentiment = rng.normal(0.55, 0.2, n)  # the ring congratulating itself
            authors_pool = pools.peer_names or pools.customer_names
        pool = pools.mentions[target]
        # Drawn in this order: when, platform, author, text.
        parts["mentioned_at"].append(_seconds(day + rng.integers(0, 86_400, n).astype("timedelta64[s]")))
        parts["is_cm"].append(np.full(n, target == "cm"))
        parts["platform"].append(np.array(s.platforms)[rng.integers(0, len(s.platforms), n)])
        parts["sentiment"].append(np.round(np.clip(sentiment, -1, 1), 3))
        parts["author"].append(np.array(authors_pool, dtype=object)[rng.integers(0, len(authors_pool), n)])
        parts["text"].append(np.array(pool, dtype=object)[rng.integers(0, len(pool), n)])
    cols = {key: np.concatenate(values) for key, values in parts.items()}
    # By time, the brand ("brand" < "cm") first at the same second: stable, like sort_values.
    order = np.lexsort((cols["is_cm"], cols["mentioned_at"]))
    return pd.DataFrame(
        {
            "mentioned_at": cols["mentioned_at"][order],
            "target": np.where(cols["is_cm"][order], "cm", "brand"),
            "platform": cols["platform"][order],
            "sentiment": cols["sentiment"][order],
            "author": cols["author"][order],
            "text": cols["text"][order],
        }
    )


def _money(s: Scenario, posts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for month in cal.period_months(s):
        frac = cal.days_in_period(s, month) / month.days_in_month
        rows.append((month, "salary", round(s.salary_eur_year / 12 * frac, 2), "Community manager salary"))
        if s.monitoring_tool_eur_month:
            rows.append((month, "monitoring_tool", round(s.monitoring_tool_eur_month * frac, 2), "Monitoring licence"))
    for d in cal.purchase_dates(s):
        cost = round(s.bought_followers * s.price_per_1000_followers_eur / 1000, 2)
        rows.append((d, "bought_followers", cost, f"{s.bought_followers} followers"))
    if s.training_eur:
        rows.append(
            (pd.Timestamp(s.start) + pd.Timedelta(days=20), "training", s.training_eur, "One-week CM certificate")
        )
    costs = pd.DataFrame(rows, columns=["date", "category", "amount_eur", "note"])
    costs = costs.sort_values(["date", "category"], kind="stable", ignore_index=True)
    sold = posts[posts["conversions"] > 0]
    revenue = pd.DataFrame(
        {
            "date": sold["published_at"].dt.normalize(),
            "post_id": sold["post_id"],
            "platform": sold["platform"],
            "conversions": sold["conversions"],
            "amount_eur": sold["conversions"] * s.revenue_per_conversion_eur,
        }
    )
    return costs, revenue.reset_index(drop=True)


def _strategy(s: Scenario, pools: TextPools, rng: np.random.Generator) -> pd.DataFrame:
    weeks = pd.date_range(pd.Timestamp(s.start) - pd.offsets.Week(weekday=0), s.end, freq="W-MON")
    weeks = weeks[weeks >= pd.Timestamp(s.start) - pd.Timedelta(days=6)]
    k = s.strategy_actions_per_week
    n_plan = len(weeks) * k
    planned_text = np.array(pools.planned_actions, dtype=object)[
        (np.arange(n_plan) + rng.integers(0, len(pools.planned_actions))) % len(pools.planned_actions)
    ]
    executed = rng.random(n_plan) < s.strategy_adherence
    n_extra = len(weeks) * 2
    extra_text = np.array(pools.unplanned_actions, dtype=object)[rng.integers(0, len(pools.unplanned_actions), n_extra)]
    df = pd.DataFrame(
        {
            "week": np.concatenate([np.repeat(weeks.to_numpy(), k), np.repeat(weeks.to_numpy(), 2)]),
            "action": np.concatenate([planned_text, extra_text]),
            "planned": np.concatenate([np.ones(n_plan, bool), np.zeros(n_extra, bool)]),
            "executed": np.concatenate([executed, np.ones(n_extra, bool)]),
        }
    )
    return df.sort_values(["week", "planned"], ascending=[True, False], kind="stable", ignore_index=True)


def _time_use(s: Scenario, rng: np.random.Generator) -> pd.DataFrame:
    weeks = pd.date_range(pd.Timestamp(s.start) - pd.offsets.Week(weekday=0), s.end, freq="W-MON")
    weeks = weeks[weeks >= pd.Timestamp(s.start) - pd.Timedelta(days=6)]
    # The week: customer service is the knob's share; finding pictures and posting take what
    # the platforms and the rhythm cost (capped by what is left); the rest goes by habit.
    week = s.hours_per_week
    hours = week_plan(s).hours
    acts = (*(a for a in ACTIVITIES if a != "customer_service"), "customer_service")
    shares = np.array([hours[a] for a in acts]) / week
    noisy = shares * rng.gamma(50, 1 / 50, (len(weeks), len(acts)))
    noisy = noisy / noisy.sum(axis=1, keepdims=True) * s.hours_per_week
    df = pd.DataFrame(
        {
            "week": np.repeat(weeks.to_numpy(), len(acts)),
            "activity": np.tile(np.array(acts), len(weeks)),
            "hours": np.round(noisy.reshape(-1), 2),
        }
    )
    return df


def cm_day(year: int) -> pd.Timestamp:
    """Community Manager Appreciation Day: the fourth Monday of January."""
    jan1 = pd.Timestamp(year=year, month=1, day=1)
    first_monday = jan1 + pd.Timedelta(days=(7 - jan1.weekday()) % 7)
    return first_monday + pd.Timedelta(weeks=3)


def _events(s: Scenario) -> pd.DataFrame:
    start, end = pd.Timestamp(s.start), pd.Timestamp(s.end)
    rows = [(start, "strategy_deck", "Strategy deck presented")]
    for year in range(start.year, end.year + 1):
        day = cm_day(year)
        if start <= day <= end:
            rows.append((day, "cm_day", "#CMday"))
    if s.training_eur:
        rows.append((start + pd.Timedelta(days=20), "certificate", "One-week CM certificate"))
    for d in cal.purchase_dates(s):
        rows.append((d, "follower_purchase", f"+{s.bought_followers} followers bought"))
    if s.crisis and s.crisis_messages:
        c = _crisis_start(s)
        rows.append((c, "crisis_start", "Crisis starts"))
        rows.append((c + pd.Timedelta(days=1), "crisis_peak", "Crisis peak"))
    df = pd.DataFrame(rows, columns=["date", "kind", "label"])
    return df.sort_values(["date", "kind"], kind="stable", ignore_index=True)


def _peers(
    s: Scenario,
    pools: TextPools,
    engagements: pd.DataFrame,
    posts: pd.DataFrame,
    rng: np.random.Generator,
) -> pd.DataFrame:
    # The "competitors" report numbers in the brand's own range: they all do the same.
    n = len(pools.peer_handles)
    scale = rng.lognormal(0.0, 0.35, n)
    month = cal.month_start(reported_month(s))
    exp = cal.expected_engagement(s, month)
    likes = sum(v for (_, k), v in exp.items() if k == "like")
    rts = sum(v for (_, k), v in exp.items() if k == "retweet")
    fans = s.organic_followers_start + s.bought_followers * s.follower_purchases
    return pd.DataFrame(
        {
            "handle": list(pools.peer_handles),
            "name": list(pools.peer_names),
            "followers": np.round(fans * scale * rng.lognormal(0, 0.2, n)).astype(np.int64),
            "likes_reported_month": np.round(likes * scale).astype(np.int64),
            "retweets_reported_month": np.round(rts * scale).astype(np.int64),
            "in_ring": np.ones(n, bool),
        }
    )
