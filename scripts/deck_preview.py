"""Render one slide of the deck to PNG for the docs: .pptx -> LibreOffice -> PDF -> pdftoppm -> PNG.

Run: .venv/bin/python scripts/deck_preview.py [--slide 2] [--lang en] [--boss] [--out docs/img/deck_slide.png]

Needs Chromium (the charts), LibreOffice Impress (``apt-get install libreoffice-impress``)
and poppler's pdftoppm (``apt-get install poppler-utils``). By default it shows slide 2 of
the honest edition: the deck's four giant numbers with the red pen next to them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slide", type=int, default=2, help="slide number, from 1")
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--boss", action="store_true", help="the boss edition (no red pen)")
    parser.add_argument("--dpi", type=int, default=96, help="resolution of the PNG")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "deck_slide.png")
    args = parser.parse_args(argv)
    for tool, package in (("libreoffice", "libreoffice-impress"), ("pdftoppm", "poppler-utils")):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found; install it with `apt-get install {package}`", file=sys.stderr)
            return 2

    from rlff.export.deck import export_deck
    from rlff.export.images import ChromiumMissing
    from rlff.io.atomic import atomic_write_bytes
    from rlff.simulation.scenario import DEFAULT
    from rlff.simulation.simulate import simulate

    tables = simulate(DEFAULT.replace(lang=args.lang), 0)
    try:
        deck = export_deck(tables, lang=args.lang, honest=not args.boss)
    except ChromiumMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "deck.pptx").write_bytes(deck)
        subprocess.run(
            ["libreoffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(work), str(work / "deck.pptx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(args.slide), "-l", str(args.slide),
             "-singlefile", str(work / "deck.pdf"), str(work / "slide")],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        atomic_write_bytes(args.out, (work / "slide.png").read_bytes())
    print(f"wrote slide {args.slide} of the {'boss' if args.boss else 'honest'} deck to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
