"""rlff.metrics.gaps outside the app: `rlff report` and `rlff export` on imported data show no invented number."""

from __future__ import annotations

import asyncio
import json
import re
import zipfile
from pathlib import Path

import export_samples as S
import pytest
from pptx import Presentation

import rlff.export.images
from rlff import metrics
from rlff.charts.gaps import honest_chart
from rlff.cli import main
from rlff.i18n import MISSING
from rlff.io.imports import import_files
from rlff.io.tables import read_tables
from rlff.metrics.gaps import Gaps, gaps_of, honest_report
from rlff.simulation.scenario import DEFAULT


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 9), "white").save(buf, format="PNG")
    return buf.getvalue()


class _PngKaleido:
    """A stand-in for kaleido: every figure becomes a small blank PNG (no Chromium needed)."""

    def __init__(self, **kwargs: object) -> None:
        pass

    async def open(self) -> None:
        pass

    async def calc_fig(self, fig: dict, opts: dict) -> bytes:
        await asyncio.sleep(0)
        return _png()

    async def close(self) -> None:
        pass


@pytest.fixture
def fake_browser(monkeypatch):
    monkeypatch.setattr(rlff.export.images, "_kaleido_class", lambda: _PngKaleido)
    monkeypatch.setattr(rlff.export.images, "chromium_path", lambda: "/usr/bin/chromium")


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A single X per-post export (September 1-20, 2026) through `rlff import`, as files on disk."""
    name, data, _rows = S.x_posts(n=40)
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "mydata"
    assert main(["import", str(source), "--out", str(out)]) == 0
    return out


def _report(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["report", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_follower_total_counted_from_zero_travels_in_meta_json(imported):
    meta = json.loads((imported / "meta.json").read_text(encoding="utf-8"))
    assert meta["followers_total_known"] is False
    gaps = gaps_of(read_tables(imported))
    assert not gaps.fans_known and not gaps.friends_known and not gaps.previous_month
    assert gaps.lacks("bought_follower_share") and gaps.lacks("engagement_sources")


def test_the_app_and_the_files_on_disk_have_the_same_gaps(imported, tmp_path):
    name, data, _rows = S.x_posts(n=40)
    outcome = import_files([(name, data)])
    in_memory, on_disk = gaps_of(outcome.tables), gaps_of(read_tables(imported))
    assert in_memory == on_disk


def test_report_json_on_an_export_gives_null_not_zero(imported, capsys):
    rep = _report(capsys, "--data", str(imported))
    vanity, reality = rep["vanity"], rep["reality"]
    assert vanity["friends"] is None and vanity["fans"] is None  # exports give new follows, no totals
    assert vanity["engagement_rate"] is None  # divided by a follower count counted from 0
    # The data starts on September 1: August is not in it, not a month of 0 retweets.
    for k in ("retweets", "likes", "friends", "fans"):
        assert vanity[f"{k}_prev"] is None and vanity[f"{k}_change"] is None
    assert vanity["retweets"] > 0 and vanity["likes"] > 0  # what the export does give stays
    assert reality["bought_follower_share"] is None
    assert reality["peer_share"] is None and reality["bot_share"] is None and reality["self_like_share"] is None
    assert reality["roi"] is None and reality["revenue_eur"] is None and reality["cost_eur"] is None
    assert reality["median_first_response_minutes"] == dict.fromkeys(("compliment", "question", "complaint", "crisis"))
    assert rep["vanity_index"] is None
    assert all(v is None for v in rep["vanity_index_components"].values())


def test_report_text_on_an_export_says_na(imported, capsys):
    capsys.readouterr()
    assert main(["report", "--data", str(imported)]) == 0
    text = capsys.readouterr().out
    assert re.search(r"Friends\s+n/a", text) and re.search(r"Fans\s+n/a", text)
    assert "0.0%" not in text and "never answered" not in text


def test_the_simulations_report_is_unchanged(capsys):
    from rlff.simulation.simulate import simulate

    tables = simulate(DEFAULT, 0)
    raw = metrics.report(tables)
    assert honest_report(raw, tables) is raw
    assert gaps_of(tables) == Gaps()
    assert _report(capsys) == json.loads(json.dumps(raw))


def test_sample_data_report_is_unchanged(capsys):
    folder = Path(__file__).resolve().parents[1] / "sample_data"
    tables = read_tables(folder)
    assert _report(capsys, "--data", str(folder)) == json.loads(json.dumps(metrics.report(tables)))


def _slide_texts(path: Path) -> list[list[str]]:
    prs = Presentation(str(path))
    return [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in prs.slides]


def _tiles(path: Path) -> dict[str, str]:
    """Big numbers of the tiles slide: each tile is a label box and a value box (rlff.export.deck.native.add_tiles)."""
    labels = ("Retweets", "Likes", "Friends", "Fans")
    for slide in Presentation(str(path)).slides:
        boxes = {s.name: s.text_frame.text for s in slide.shapes if s.has_text_frame}
        tiles = {
            text: boxes.get(name.removesuffix(" label") + " value", "")
            for name, text in boxes.items()
            if name.endswith(" label") and text in labels
        }
        if set(tiles) == set(labels):
            return tiles
    raise AssertionError("no tiles slide")


@pytest.mark.parametrize("honest", [False, True])
def test_exported_deck_states_no_invented_figure(imported, tmp_path, fake_browser, capsys, honest):
    target = tmp_path / "deck.pptx"
    args = ["export", "--format", "pptx", "--data", str(imported), "--out", str(target)]
    assert main([*args, "--honest"] if honest else args) == 0
    slides = _slide_texts(target)
    tiles = _tiles(target)
    assert tiles["Friends"] == MISSING and tiles["Fans"] == MISSING
    assert tiles["Retweets"] not in (MISSING, "0") and tiles["Likes"] not in (MISSING, "0")
    text = "\n".join(t for texts in slides for t in texts)
    assert not re.search(r"(?<![\d.,])0%", text), "no invented 0%"
    assert "+1," not in text and "0 sales" not in text
    assert "of the fans were bought" not in text  # the exports cannot say which fans were bought
    if honest:
        assert "Red pen" in text
        # what the files cannot say is listed once, on its own slide, not as dashes in every note
        assert "What your files don’t say" in text
        assert "bought fans: 0" not in text and "ROI: 0" not in text


def test_exported_zip_captions_state_no_invented_figure(imported, tmp_path, fake_browser, capsys):
    target = tmp_path / "charts.zip"
    assert main(["export", "--format", "zip", "--data", str(imported), "--out", str(target)]) == 0
    with zipfile.ZipFile(target) as zf:
        captions = next(zf.read(n).decode() for n in zf.namelist() if n.endswith("captions.md"))
    assert f"- Friends: {MISSING}" in captions and f"- Fans: {MISSING}" in captions
    assert "arrows compare with" not in captions  # the data does not reach August
    assert not re.search(r"(?<![\d.,])0%", captions)


def test_honest_chart_is_idempotent_on_the_tiles(imported):
    from rlff.charts import build_charts

    tables = read_tables(imported)
    gaps = gaps_of(tables)
    (tiles,) = build_charts(tables, keys=["boss_tiles"])
    once = honest_chart(tiles, gaps, "en")
    twice = honest_chart(once, gaps, "en")
    assert len(once.figure.layout.annotations) == len(twice.figure.layout.annotations)
    assert twice.headline == once.headline
