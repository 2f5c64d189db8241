"""Write docs/satire.md: the 16 rows of DESIGN.md, each with its chart, caption and screenshot (EN and FR).

    .venv/bin/python scripts/satire_doc.py             # screenshots and the page
    .venv/bin/python scripts/satire_doc.py --no-shots  # the page only (texts changed)

Screenshots come from the served app in a real Chromium (as scripts/screenshots.py): one
per row and language, the chart's own element (the four tiles for row 1), in
docs/img/satire/. Titles and captions come from rlff.charts for the default scenario.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the served-app harness lives with the tests

from rlff.charts import build_chart  # noqa: E402
from rlff.charts.satire import ROWS  # noqa: E402
from rlff.simulation.scenario import DEFAULT  # noqa: E402
from rlff.simulation.simulate import simulate  # noqa: E402

IMG = ROOT / "docs" / "img" / "satire"
PATHS = {"boss": "", "reality": "reality", "side": "side"}
CHARTS_PER_VIEW = {"boss": 3, "reality": 12, "side": 10}


def shot_name(number: int, chart: str, lang: str) -> str:
    """The screenshot of a row: ``row03_response_time_en.png``."""
    return f"row{number:02d}_{chart}_{lang}.png"


def take_screenshots() -> None:
    from playwright.sync_api import sync_playwright
    from served_app import CHROMIUM, CHROMIUM_ARGS, served_app, wait_for_charts

    IMG.mkdir(parents=True, exist_ok=True)
    with served_app() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in ("en", "fr"):
            for view, path in PATHS.items():
                page = browser.new_page(viewport={"width": 1400, "height": 6000})
                page.goto(f"{url}/{path}?lang={lang}", wait_until="domcontentloaded")
                print(f"{lang} {view}…", flush=True)
                wait_for_charts(page, CHARTS_PER_VIEW[view], timeout_ms=180_000)
                for row in (r for r in ROWS if r.view == view):
                    if row.chart == "boss_tiles":
                        metric = page.locator("[data-testid='stMetric']")
                        element = page.locator("[data-testid='stHorizontalBlock']").filter(has=metric).first
                    else:
                        element = page.locator(f"div.st-key-chart-{row.chart}").first
                    element.screenshot(path=str(IMG / shot_name(row.number, row.chart, lang)))
                    print(f"wrote docs/img/satire/{shot_name(row.number, row.chart, lang)}")
                page.close()
        browser.close()


def write_page() -> Path:
    tables = {lang: simulate(DEFAULT.replace(lang=lang), 0) for lang in ("en", "fr")}
    lines = [
        "# The satire, row by row",
        "",
        "The sixteen practices the article mocks (DESIGN.md, “What the seed mocks”), each with",
        "the chart that carries it, its title and caption in English and French for the default",
        "scenario (seed 0, January 2026), and a screenshot of the served dashboard. Captions are",
        "chosen by rules on the data (`rlff/charts/captions.py`): the punchline when the numbers",
        "make it, a plain line when they do not. Regenerate with `scripts/satire_doc.py`; the",
        "table of rows is `rlff/charts/satire.py`, checked by `tests/test_satire_rows.py`.",
        "",
    ]
    for row in ROWS:
        lines += [f"## {row.number}. {row.practice}", "", f"Chart `{row.chart}` ({row.view} view).", ""]
        for lang in ("en", "fr"):
            chart = build_chart(tables[lang], row.chart, lang=lang)
            lines += [
                f"**{lang.upper()}: {chart.title}**",
                "",
                f"> {chart.caption}",
                "",
                f"![{chart.title}](img/satire/{shot_name(row.number, row.chart, lang)})",
                "",
            ]
    out = ROOT / "docs" / "satire.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-shots", action="store_true", help="rewrite the page without new screenshots")
    args = parser.parse_args(argv)
    if not args.no_shots:
        take_screenshots()
    print(f"wrote {write_page().relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
