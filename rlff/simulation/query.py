"""The knobs as a query string: knobs <-> URL query <-> :class:`~rlff.simulation.scenario.Scenario`.

One parser for the dashboard's URL (``rlff_app.sidebar``) and the command line
(``rlff report|export --scenario "reply_policy=ghost&ring_size=40"``): same knobs, same
bounds, same errors, in the user's language. Pure (no streamlit). The URL holds only
the knobs that differ from the article's scenario: ``?lang=fr`` alone is the French
dashboard, ``?lang=fr&ring_size=40&reply_policy=responsive`` a copied what-if.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import parse_qs

from rlff.i18n import fmt_float, fmt_int, t
from rlff.schema import MESSAGE_KINDS
from rlff.simulation.budget import check_budget
from rlff.simulation.scenario import DEFAULT, SOCIAL_PLATFORMS, Scenario, ScenarioError

# Reply policies (DESIGN row 3): preset values of the eight reply_* knobs.
REPLY_POLICIES: dict[str, dict[str, float]] = {
    "vain": {},  # the article: compliments thanked at once, complaints "whenever I feel like it"
    "responsive": {
        k: v for kind in MESSAGE_KINDS for k, v in ((f"reply_rate_{kind}", 0.95), (f"reply_hours_{kind}", 1.0))
    },
    "ghost": {k: v for kind in MESSAGE_KINDS if kind != "compliment" for k, v in ((f"reply_rate_{kind}", 0.0),)},
}


@dataclass(frozen=True)
class Knob:
    """One sidebar widget: its query name, type, default and bounds.

    ``kind`` is one of "int", "float", "bool", "date", "choice", "platforms", "str".
    The widget key is ``"scenario." + name``.
    """

    name: str
    kind: str
    default: Any
    group: str = "general"
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The widget key, e.g. ``"scenario.bought_followers"``."""
        return f"scenario.{self.name}"


def _d(name: str) -> Any:
    return getattr(DEFAULT, name)


KNOBS: tuple[Knob, ...] = (
    Knob("lang", "choice", "en", choices=("en", "fr")),
    Knob("seed", "int", 0, min=0, max=2**31 - 1, step=1),
    Knob("brand", "str", _d("brand")),
    Knob("start", "date", _d("start")),
    Knob("end", "date", _d("end")),
    Knob("platforms", "platforms", tuple(_d("platforms")), group="audience"),
    Knob("posts_per_day", "float", _d("posts_per_day"), group="audience", min=0.5, max=20.0, step=0.5),
    Knob("photo_question_share", "float", _d("photo_question_share"), group="audience", min=0.0, max=1.0, step=0.05),
    Knob("bought_followers", "int", _d("bought_followers"), group="audience", min=0, max=100_000, step=1_000),
    Knob("follower_purchases", "int", _d("follower_purchases"), group="audience", min=0, max=12, step=1),
    Knob("ring_size", "int", _d("ring_size"), group="audience", min=0, max=200, step=1),
    Knob("follow_for_follow", "int", _d("follow_for_follow"), group="audience", min=0, max=10_000, step=100),
    Knob("like_own_comments", "bool", _d("like_own_comments"), group="audience"),
    Knob("reply_policy", "choice", "vain", group="customers", choices=tuple(REPLY_POLICIES)),
    Knob("crisis", "bool", _d("crisis"), group="customers"),
    Knob("crisis_day", "int", _d("crisis_day"), group="customers", min=1, max=28, step=1),
    Knob("strategy_adherence", "float", _d("strategy_adherence"), group="work", min=0.0, max=1.0, step=0.05),
    Knob("customer_service_share", "float", _d("customer_service_share"), group="work", min=0.0, max=1.0, step=0.01),
    Knob("salary_eur_year", "float", _d("salary_eur_year"), group="money", min=0.0, max=200_000.0, step=1_000.0),
    Knob(
        "monitoring_tool_eur_month",
        "float",
        _d("monitoring_tool_eur_month"),
        group="money",
        min=0.0,
        max=5_000.0,
        step=50.0,
    ),
)
KNOBS_BY_NAME: dict[str, Knob] = {k.name: k for k in KNOBS}
GROUPS: tuple[str, ...] = ("general", "audience", "customers", "work", "money")
_SCENARIO_FIELDS = {f.name for f in fields(Scenario)}


@dataclass(frozen=True)
class QueryProblem:
    """A URL parameter that could not be used: its name, its text and why (an i18n key)."""

    key: str
    value: str
    reason: str

    def message(self, lang: str) -> str:
        """Why, in ``lang``; an out-of-range value says the range."""
        knob = KNOBS_BY_NAME.get(self.key)
        if self.reason == "app.query_error.range" and knob is not None and knob.min is not None:
            low, high = (_shown(knob, v, lang) for v in (knob.min, knob.max))
            return t("app.query_error.range_between", lang, min=low, max=high)
        return t(self.reason, lang)


def default_state() -> dict[str, Any]:
    """Every knob at the article's value."""
    return {k.name: k.default for k in KNOBS}


def _parse(knob: Knob, text: str) -> Any:
    """Parse one query value; raises ValueError with an i18n reason key."""
    if knob.kind == "int":
        try:
            value: Any = int(text)
        except ValueError:
            raise ValueError("app.query_error.number") from None
    elif knob.kind == "float":
        try:
            value = float(text)
        except ValueError:
            raise ValueError("app.query_error.number") from None
        if value != value:  # NaN
            raise ValueError("app.query_error.number")
    elif knob.kind == "bool":
        low = text.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ValueError("app.query_error.choice")
    elif knob.kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError("app.query_error.date") from None
    elif knob.kind == "choice":
        if text not in knob.choices:
            raise ValueError("app.query_error.choice")
        return text
    elif knob.kind == "platforms":
        items = tuple(p for p in (x.strip() for x in text.split(",")) if p)
        if any(p not in SOCIAL_PLATFORMS for p in items):
            raise ValueError("app.query_error.choice")
        return tuple(p for p in SOCIAL_PLATFORMS if p in items)  # canonical order
    else:
        return text[:80]
    if (knob.min is not None and value < knob.min) or (knob.max is not None and value > knob.max):
        raise ValueError("app.query_error.range")
    return value


def state_from_query(params: Mapping[str, Any]) -> tuple[dict[str, Any], list[QueryProblem]]:
    """Knob values from URL parameters (unknown parameters are ignored, bad ones reported).

    Args:
        params: ``st.query_params`` or any mapping of name -> text (or list of texts:
            the last one wins).

    Returns:
        (state with every knob, problems) — a bad value leaves the knob at its default.
    """
    state = default_state()
    problems: list[QueryProblem] = []
    for name, raw in params.items():
        knob = KNOBS_BY_NAME.get(name)
        if knob is None:
            continue
        text = str(raw[-1] if isinstance(raw, list | tuple) and raw else raw)
        try:
            state[name] = _parse(knob, text)
        except ValueError as exc:
            problems.append(QueryProblem(name, text[:40], str(exc)))
    return state, problems


def _shown(knob: Knob, value: Any, lang: str) -> str:
    """A bound as the user reads it: ``1,000`` / ``1 000``, ``0.05`` / ``0,05``."""
    if knob.kind == "int":
        return fmt_int(value, lang)
    step = knob.step or 1.0
    digits = 0 if float(step).is_integer() or float(value).is_integer() else len(f"{step:g}".split(".")[1])
    return fmt_float(float(value), lang, digits)


def _text(knob: Knob, value: Any) -> str:
    if knob.kind == "bool":
        return "1" if value else "0"
    if knob.kind == "date":
        return value.isoformat()
    if knob.kind == "platforms":
        return ",".join(value)
    if knob.kind == "float":
        return f"{float(value):g}"
    return str(value)


def _same(knob: Knob, a: Any, b: Any) -> bool:
    if knob.kind == "float":
        return abs(float(a) - float(b)) < 1e-9
    if knob.kind == "platforms":
        return tuple(a) == tuple(b)
    return a == b


def state_to_query(state: Mapping[str, Any]) -> dict[str, str]:
    """The URL parameters for a state: only the knobs that differ from their default."""
    return {
        k.name: _text(k, state[k.name]) for k in KNOBS if k.name in state and not _same(k, state[k.name], k.default)
    }


def scenario_from_state(state: Mapping[str, Any]) -> tuple[Scenario, int]:
    """The engine's scenario and seed for a state.

    Raises:
        rlff.simulation.scenario.ScenarioError: when the knobs cannot describe a month (say, a
            period that ends before it starts).
    """
    changes: dict[str, Any] = {}
    for knob in KNOBS:
        if knob.name in _SCENARIO_FIELDS and knob.name in state:
            value = state[knob.name]
            if knob.kind == "platforms":
                value = tuple(value)
            elif knob.kind == "int":
                value = int(value)
            elif knob.kind == "float":
                value = float(value)
            changes[knob.name] = value
    changes.update(REPLY_POLICIES.get(str(state.get("reply_policy", "vain")), {}))
    try:
        scenario = Scenario(**changes)
        check_budget(scenario)  # a link with every knob at its maximum is refused before it is simulated
        return scenario, int(state.get("seed", 0))
    except ScenarioError as exc:
        lang = str(state.get("lang", "en"))
        raise exc.in_lang(lang if lang in ("en", "fr") else "en") from None


def parse_query_string(text: str) -> dict[str, list[str]]:
    """``"a=1&b=2"`` (a leading ``?`` or a whole URL allowed) -> ``{"a": ["1"], "b": ["2"]}``."""
    query = text.split("?", 1)[1] if "?" in text else text
    return parse_qs(query, keep_blank_values=True)


def scenario_from_query(text: str, lang: str = "en", seed: int = 0) -> tuple[Scenario, int, str]:
    """The scenario, seed and language of a query string, strictly (for the command line).

    Where the dashboard ignores a bad parameter with a warning, a command must not run a
    scenario the user did not ask for: any unknown knob or bad value is an error.

    Args:
        text: the query part of a dashboard URL, e.g. ``"reply_policy=ghost&ring_size=40"``.
        lang: the language of errors (and of the scenario) when the query has no valid ``lang``.
        seed: the seed when the query has none.

    Returns:
        (scenario, seed, language).

    Raises:
        ScenarioError: the first problem, in the query's language (else ``lang``).
    """
    params = parse_query_string(text)
    if "seed" not in params:
        params["seed"] = [str(seed)]
    if "lang" not in params:
        params["lang"] = [lang]
    state, problems = state_from_query(params)
    lang = str(state["lang"])
    unknown = [k for k in params if k not in KNOBS_BY_NAME]
    if unknown:
        raise ScenarioError("cli.scenario_unknown", key=unknown[0], known=", ".join(KNOBS_BY_NAME)).in_lang(lang)
    if problems:
        p = problems[0]
        raise ScenarioError("cli.scenario_problem", key=p.key, value=p.value, message=p.message(lang)).in_lang(lang)
    scenario, seed_out = scenario_from_state(state)
    return scenario, seed_out, lang
