"""French typography over every French catalog string and every chart title and caption.

A narrow no-break space (U+202F) before : ; ! ? and %, inside « »; no hyphen-minus before
a number (the minus sign is U+2212); captions start with a capital letter.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from rlff.charts import build_charts
from rlff.i18n import STRINGS
from rlff.simulation.query import REPLY_POLICIES
from rlff.simulation.scenario import DEFAULT
from rlff.simulation.simulate import simulate

NNBSP = "\u202f"


def spacing_problems(text: str) -> list[str]:
    """Every : ; ! ? % not preceded by a narrow no-break space (URLs, times and "?!" aside)."""
    found = []
    text = re.sub(
        r"\{[\w.]*(?:![rsa])?(?::[^{}]*)?\}", "{}", text
    )  # placeholders ({brand!r}, {n:,}) are not punctuation
    for m in re.finditer(r"[:;!?%]", text):
        i, mark = m.start(), m.group()
        before = text[i - 1] if i else ""
        if before == NNBSP or (before in "?!" and mark in "?!"):
            continue
        if mark == ":" and (text[i : i + 3] == "://" or (before.isdigit() and text[i + 1 : i + 2].isdigit())):
            continue
        if mark == "%" and before in "{":
            continue
        found.append(f"{text[max(0, i - 12) : i + 2]!r}")
    for m in re.finditer(r"«(?!\u202f)|(?<!\u202f)»", text):
        found.append(f"guillemet {text[max(0, m.start() - 8) : m.start() + 8]!r}")
    return found


def minus_problems(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"(?:^|[\s(])-\d[\d\s\u202f,.]*", text)]


FRENCH = {key: texts["fr"] for key, texts in STRINGS.items() if texts.get("fr")}


@pytest.mark.parametrize("key", sorted(FRENCH))
def test_every_french_catalog_string_has_narrow_spaces_and_true_minus_signs(key):
    text = FRENCH[key]
    assert not spacing_problems(text), spacing_problems(text)
    assert not minus_problems(text), minus_problems(text)


def test_the_checker_catches_the_issues_examples():
    assert spacing_problems("Stylo rouge: 3")
    assert spacing_problems("Fans achetés : 59 %")
    assert not spacing_problems(f"Fans achetés{NNBSP}: 59{NNBSP}%")
    assert minus_problems("ROI -81 %") and not minus_problems("ROI −81 %")


@cache
def french_charts(changes: tuple = ()):
    return build_charts(simulate(DEFAULT.replace(lang="fr", **dict(changes)), 0), lang="fr")


SCENARIOS = [(), tuple(REPLY_POLICIES["ghost"].items()), (("crisis", False), ("ring_size", 0))]


@pytest.mark.parametrize("changes", SCENARIOS, ids=["default", "ghost", "calm"])
def test_every_french_title_and_caption_reads_right(changes):
    for chart in french_charts(changes):
        for text in (chart.title, chart.caption):
            assert not spacing_problems(text), (chart.key, spacing_problems(text))
        assert chart.caption[:1].isupper() or chart.caption[:1].isdigit(), (chart.key, chart.caption[:30])
        assert not re.search(r"\. [a-zéû]+ 20\d\d", chart.caption), (
            chart.key,
            "a month starts a sentence in lower case",
        )


def test_no_hyphen_minus_before_a_number_in_french_captions():
    for chart in french_charts():
        assert not minus_problems(chart.caption), (chart.key, minus_problems(chart.caption))


def test_french_share_axes_space_their_percent_sign():
    # plotly's ".0%" tick format writes "80%": French axes give their ticks as text instead.
    seen = 0
    for chart in french_charts():
        layout = chart.figure.to_dict()["layout"]
        for name, axis in layout.items():
            if not (name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)):
                continue
            assert not str(axis.get("tickformat", "")).endswith("%"), (chart.key, name)  # %d/%m are dates
            for tick in axis.get("ticktext", ()):
                seen += "%" in tick
                assert not spacing_problems(tick), (chart.key, name, tick)
    assert seen >= 20  # the share axes of the reply-rate, strategy, e-reputation and platform charts
