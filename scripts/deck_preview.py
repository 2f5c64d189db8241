"""Look at the deck: .pptx -> LibreOffice -> PDF -> pdftoppm -> PNG (one slide, or a montage of several).

Run: .venv/bin/python scripts/deck_preview.py [--slides 2,6,9] [--lang en] [--boss] [--out docs/img/deck_slide.png]

Needs Chromium (the pictures of the honest appendix), LibreOffice Impress
(``apt-get install libreoffice-impress``) and poppler's pdftoppm (``apt-get install
poppler-utils``). By default it writes a montage of three slides of the honest edition
(the four big numbers with the red pen, the best posts, the vanity index) to
docs/img/deck_slide.png. ``--all`` writes every slide to a folder instead, to look at a
whole deck; ``--data`` takes an RLFF folder (imported data) instead of the simulation.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAP = 12  # pixels between slides in the montage


def _montage(pngs: list[bytes], columns: int) -> bytes:
    from PIL import Image

    images = [Image.open(io.BytesIO(p)).convert("RGB") for p in pngs]
    w, h = images[0].size
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * w + (columns - 1) * GAP, rows * h + (rows - 1) * GAP), "white")
    for i, im in enumerate(images):
        sheet.paste(im, ((i % columns) * (w + GAP), (i // columns) * (h + GAP)))
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", default="2,6,8", help="slide numbers, from 1, comma-separated")
    parser.add_argument("--columns", type=int, default=0, help="slides per row in the montage (default: all)")
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--boss", action="store_true", help="the boss edition (no red pen, no appendix)")
    parser.add_argument("--data", default=None, help="folder of RLFF CSVs (default: the simulation)")
    parser.add_argument("--template", default=None, help="a company .pptx/.potx to build on")
    parser.add_argument("--dpi", type=int, default=72, help="resolution of each slide")
    parser.add_argument("--all", action="store_true", help="write every slide as slide-NN.png into --out (a folder)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "deck_slide.png")
    args = parser.parse_args(argv)
    for tool, package in (("libreoffice", "libreoffice-impress"), ("pdftoppm", "poppler-utils")):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found; install it with `apt-get install {package}`", file=sys.stderr)
            return 2
    try:
        slides = [int(s) for s in args.slides.split(",") if s.strip()]
    except ValueError:
        print(f"error: --slides must be numbers like 2,6,8, got {args.slides!r}", file=sys.stderr)
        return 2

    from rlff.export.deck import TemplateError, export_deck
    from rlff.export.images import ChromiumMissing
    from rlff.io.atomic import atomic_write_bytes

    if args.data:
        from rlff.io.tables import read_tables

        tables = read_tables(Path(args.data))
    else:
        from rlff.simulation.scenario import DEFAULT
        from rlff.simulation.simulate import simulate

        tables = simulate(DEFAULT.replace(lang=args.lang), 0)
    try:
        deck = export_deck(tables, lang=args.lang, honest=not args.boss, template=args.template)
    except (ChromiumMissing, TemplateError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "deck.pptx").write_bytes(deck)
        subprocess.run(
            ["libreoffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(work), str(work / "deck.pptx")],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), str(work / "deck.pdf"), str(work / "slide")],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        pages = sorted(work.glob("slide-*.png"))
        if args.all:
            args.out.mkdir(parents=True, exist_ok=True)
            for n, page in enumerate(pages, 1):
                atomic_write_bytes(args.out / f"slide-{n:02d}.png", page.read_bytes())
            print(f"wrote {len(pages)} slides to {args.out}")
            return 0
        bad = [n for n in slides if not 1 <= n <= len(pages)]
        if bad:
            print(f"error: the deck has {len(pages)} slides; no slide {bad[0]}", file=sys.stderr)
            return 2
        chosen = [pages[n - 1].read_bytes() for n in slides]
        data = chosen[0] if len(chosen) == 1 else _montage(chosen, args.columns or len(chosen))
        atomic_write_bytes(args.out, data)
    edition = "boss" if args.boss else "honest"
    print(f"wrote slide(s) {', '.join(map(str, slides))} of the {edition} deck to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
