"""The one theme every RLFF figure shares: two named plotly templates and their palettes.

* ``rlff_boss`` (:data:`BOSS`): the glossy agency deck — deep navy slide, big bold
  type, saturated colours, green for every arrow that goes up.
* ``rlff_reality`` (:data:`REALITY`): the sober reality check — white paper, grey
  text, thin lines, one warning colour for what hurts.

Both use the Okabe–Ito palette (safe for the common colour-vision deficiencies) and
fonts that ship with Debian (Liberation Sans, DejaVu Sans). Importing this module
registers both templates in ``plotly.io.templates``. The export size fits a 16:9 slide.
No streamlit here.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

BOSS = "rlff_boss"
REALITY = "rlff_reality"
TEMPLATES: tuple[str, ...] = (BOSS, REALITY)

# A 16:9 slide: 1280 × 720 CSS pixels, rendered at scale 2 for PNG (2560 × 1440).
EXPORT_WIDTH = 1280
EXPORT_HEIGHT = 720
EXPORT_SCALE = 2
SCREEN_HEIGHT = 420  # default figure height in the dashboard

FONT_FAMILY = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"

# Boss: bright colours that read on a navy slide.
BOSS_BG = "#0B1F3A"
BOSS_PANEL = "#12305A"
BOSS_TEXT = "#FFFFFF"
BOSS_MUTED = "#A9C1E0"
BOSS_COLORWAY: tuple[str, ...] = (
    OKABE_ITO["sky_blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["yellow"],
    OKABE_ITO["reddish_purple"],
    "#FFFFFF",
)
# Reality: dark blue for facts, vermillion for what hurts, grey for context.
REALITY_TEXT = "#262626"
REALITY_COLORWAY: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    GREY,
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
)

UP = OKABE_ITO["bluish_green"]  # green arrows (bluish green stays distinct from vermillion)
DOWN = OKABE_ITO["vermillion"]
GOOD = OKABE_ITO["blue"]
BAD = OKABE_ITO["vermillion"]
NEUTRAL = GREY
REFERENCE = "#404040"

# Fixed colours for categories, so a source or a kind has the same colour in every chart.
SOURCE_COLORS: dict[str, str] = {
    "customer": OKABE_ITO["blue"],
    "peer": OKABE_ITO["orange"],
    "bot": OKABE_ITO["reddish_purple"],
    "self": OKABE_ITO["vermillion"],
    "unknown": GREY,
}
MESSAGE_KIND_COLORS: dict[str, str] = {
    "compliment": OKABE_ITO["bluish_green"],
    "question": OKABE_ITO["sky_blue"],
    "complaint": OKABE_ITO["orange"],
    "crisis": OKABE_ITO["vermillion"],
}
EVENT_COLORS: dict[str, str] = {
    "cm_day": OKABE_ITO["yellow"],
    "certificate": OKABE_ITO["reddish_purple"],
    "follower_purchase": OKABE_ITO["orange"],
    "crisis_start": OKABE_ITO["vermillion"],
    "crisis_peak": OKABE_ITO["vermillion"],
    "strategy_deck": OKABE_ITO["sky_blue"],
}


def _boss_template() -> go.layout.Template:
    axis = {
        "showgrid": True,
        "gridcolor": "rgba(255,255,255,0.12)",
        "zeroline": False,
        "linecolor": "rgba(255,255,255,0.35)",
        "tickfont": {"color": BOSS_MUTED, "size": 14},
        "title": {"font": {"color": BOSS_MUTED, "size": 14}},
        "automargin": True,
    }
    return go.layout.Template(
        layout={
            "font": {"family": FONT_FAMILY, "color": BOSS_TEXT, "size": 15},
            "title": {"font": {"size": 26, "color": BOSS_TEXT}, "x": 0.03, "xanchor": "left", "y": 0.95},
            "paper_bgcolor": BOSS_BG,
            "plot_bgcolor": BOSS_BG,
            "colorway": list(BOSS_COLORWAY),
            "xaxis": axis,
            "yaxis": axis,
            "legend": {
                "font": {"color": BOSS_TEXT, "size": 14},
                "bgcolor": "rgba(0,0,0,0)",
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.02,
                "xanchor": "right",
                "x": 1,
            },
            "margin": {"l": 60, "r": 30, "t": 90, "b": 50},
            "height": SCREEN_HEIGHT,
            "hoverlabel": {"font": {"family": FONT_FAMILY}},
            "bargap": 0.25,
        },
        data={
            "bar": [go.Bar(marker={"line": {"width": 0}})],
            "scatter": [go.Scatter(line={"width": 4})],
        },
    )


def _reality_template() -> go.layout.Template:
    axis = {
        "showgrid": True,
        "gridcolor": "#EBEBEB",
        "zeroline": False,
        "linecolor": "#BFBFBF",
        "ticks": "outside",
        "tickcolor": "#BFBFBF",
        "tickfont": {"color": "#595959", "size": 12},
        "title": {"font": {"color": "#595959", "size": 12}},
        "automargin": True,
    }
    return go.layout.Template(
        layout={
            "font": {"family": FONT_FAMILY, "color": REALITY_TEXT, "size": 13},
            "title": {"font": {"size": 17, "color": REALITY_TEXT}, "x": 0.01, "xanchor": "left", "y": 0.97},
            "paper_bgcolor": "#FFFFFF",
            "plot_bgcolor": "#FFFFFF",
            "colorway": list(REALITY_COLORWAY),
            "xaxis": axis,
            "yaxis": axis,
            "legend": {
                "font": {"size": 12},
                "orientation": "h",
                "yanchor": "bottom",
                "y": 1.0,
                "xanchor": "right",
                "x": 1,
            },
            "margin": {"l": 60, "r": 20, "t": 105, "b": 50},
            "height": SCREEN_HEIGHT,
            "hoverlabel": {"font": {"family": FONT_FAMILY}},
            "bargap": 0.3,
        },
        data={
            "bar": [go.Bar(marker={"line": {"width": 0}})],
            "scatter": [go.Scatter(line={"width": 2})],
        },
    )


def register() -> None:
    """(Re)register both templates in ``plotly.io.templates``; safe to call twice."""
    pio.templates[BOSS] = _boss_template()
    pio.templates[REALITY] = _reality_template()


def template_for(view: str) -> str:
    """The template name for a view: the boss view is glossy, the rest sober."""
    return BOSS if view == "boss" else REALITY


def text_color(template: str) -> str:
    """Main text colour of a template (for annotations drawn by hand)."""
    return BOSS_TEXT if template == BOSS else REALITY_TEXT


def muted_color(template: str) -> str:
    """Secondary text colour of a template."""
    return BOSS_MUTED if template == BOSS else "#595959"


register()
