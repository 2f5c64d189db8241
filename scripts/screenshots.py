"""Screenshots of every dashboard view, in a real Chromium, for the README.

    .venv/bin/python scripts/screenshots.py            # English, docs/img/*.png
    .venv/bin/python scripts/screenshots.py --lang fr  # French, docs/img/*_fr.png

Starts the app on a free loopback port, opens each view, waits for every plotly chart
to be drawn, and writes one PNG per view (a tall viewport: full_page only shows it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the served-app harness lives with the tests

from served_app import CHROMIUM, CHROMIUM_ARGS, served_app, wait_for_charts  # noqa: E402

# view url path -> (file stem, number of plotly charts it draws, viewport height)
VIEWS = {"": ("boss", 3, 2600), "reality": ("reality", 12, 4600), "side": ("side", 10, 4600)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--query", default="", help='extra scenario knobs, e.g. "reply_policy=ghost"')
    parser.add_argument("--suffix", default="", help="added to the file names, e.g. _ghost")
    parser.add_argument("--views", default="boss,reality,side", help="which views (comma-separated)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = ("" if args.lang == "en" else f"_{args.lang}") + args.suffix
    wanted = set(args.views.split(","))
    with served_app() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path, (stem, n_charts, height) in VIEWS.items():
            if stem not in wanted:
                continue
            page = browser.new_page(viewport={"width": args.width, "height": height})
            params = [p for p in (f"lang={args.lang}" if args.lang != "en" else "", args.query) if p]
            query = "?" + "&".join(params) if params else ""
            page.goto(f"{url}/{path}{query}", wait_until="domcontentloaded")
            wait_for_charts(page, n_charts, timeout_ms=180_000)  # a busy machine draws slowly
            target = args.out / f"{stem}{suffix}.png"
            page.screenshot(path=str(target), full_page=True)
            print(f"wrote {target}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
