"""Exports without a browser (the deck: ``test_deck*.py``): CSV formula neutralisation, atomic
writes, the missing-Chromium error, the shared renderer under two threads (with a stand-in for kaleido), and `rlff export` run in-process.

Real renders (kaleido, LibreOffice) are in ``test_export_render.py``.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
import os
import threading
import zipfile

import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

import rlff.export.command
import rlff.export.deck
import rlff.export.images
from rlff.charts import CHART_KEYS, Chart
from rlff.cli import main
from rlff.export.images import ChromiumMissing, ExportError, ImageRenderer, chromium_path, export_images, save_images
from rlff.io.tables import table_to_csv_bytes, write_tables

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
BOTH_FIXES = ("apt-get install chromium", "plotly_get_chrome")


def _chart(key: str, view: str, title: str, headline: dict[str, str] | None = None) -> Chart:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": title}})
    caption = f"What {title.lower()} shows, with its numbers: 1,754 retweets and 9,540 likes in January 2026."
    return Chart(key=key, view=view, title=title, caption=caption, figure=fig, headline=headline or {})


FAKE_CHARTS = [
    _chart("boss_tiles", "boss", "This month's results", {"Retweets": "1,754", "Likes": "9,540", "Friends": "1,210", "Fans": "17,042"}),
    _chart("follower_growth", "boss", "A community that keeps growing", {"Fans": "+184%"}),
    _chart("engagement_over_time", "boss", "Engagement, month after month", {"Retweets": "1,754", "Likes": "9,540"}),
    _chart("competitor_benchmark", "boss", "Us vs the competition", {"#": "6 / 13"}),
    _chart("top_posts", "boss", "Our best posts " + "with a long title " * 4),
    _chart("response_time", "reality", "How long customers wait for a first answer", {"Median wait": "66 h"}),
    _chart("roi", "reality", "What it costs, what it earns", {"ROI": "-81%"}),
    _chart("vanity_index", "side", "Vanity index: 68 / 100", {"Vanity index": "68"}),
]  # fmt: skip
N_BOSS = sum(c.view == "boss" for c in FAKE_CHARTS)
N_REALITY = sum(c.view == "reality" for c in FAKE_CHARTS)


@functools.lru_cache
def _png(width: int = 1600, height: int = 900) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def images() -> dict[str, bytes]:
    png = _png()
    return {c.key: png for c in FAKE_CHARTS}


def _read(prs) -> Presentation:  # noqa: ANN001 - a pptx Presentation
    buf = io.BytesIO()
    prs.save(buf)
    return Presentation(io.BytesIO(buf.getvalue()))


def _pictures(slide):  # noqa: ANN001, ANN202
    return [sh for sh in slide.shapes if sh.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


# --- CSV ---------------------------------------------------------------------------------------

RISKY = ['=HYPERLINK("http://x")', "+33 6 12", "-3", "@brand", "\tcmd", "plain", ""]


def test_formula_neutralisation_covers_every_risky_start_including_tab_and_cr():
    import pandas as pd

    from rlff.io.tables import neutralise_formula_text

    values = pd.Series(["=1+1", "+1", "-1", "@a", "\tb", "\rc", "ok", "a=b", ""], dtype="str")
    assert neutralise_formula_text(values).tolist() == ["'=1+1", "'+1", "'-1", "'@a", "'\tb", "'\rc", "ok", "a=b", ""]
    handles = pd.Series(["@peer", "brand", "@peer"], dtype="category")
    out = neutralise_formula_text(handles)
    assert out.tolist() == ["'@peer", "brand", "'@peer"] and isinstance(out.dtype, pd.CategoricalDtype)


def test_csv_export_neutralises_formulas_in_text_columns_only(default_tables):
    import pandas as pd

    inbox = default_tables.inbox.head(len(RISKY)).copy()
    inbox["text"] = RISKY
    mentions = default_tables.mentions.head(2).copy()
    mentions["sentiment"] = [-3.0, 0.5]
    safe = pd.read_csv(io.BytesIO(table_to_csv_bytes("inbox", inbox, neutralise_formulas=True)), keep_default_na=False)
    assert safe["text"].tolist() == ['\'=HYPERLINK("http://x")', "'+33 6 12", "'-3", "'@brand", "'\tcmd", "plain", ""]
    numbers = table_to_csv_bytes("mentions", mentions, neutralise_formulas=True).decode()
    assert ",-3," in numbers.splitlines()[1], "a negative number stays a number"
    # Categorical text (handles) is neutralised too; without the flag nothing changes.
    eng = table_to_csv_bytes("engagements", default_tables.engagements.head(5000), neutralise_formulas=True).decode()
    assert ",'@" in eng and ",@" not in eng
    assert "=HYPERLINK" in table_to_csv_bytes("inbox", inbox).decode().splitlines()[1]
    assert "'=HYPERLINK" not in table_to_csv_bytes("inbox", inbox).decode()


def test_rlff_export_csv_writes_the_schema_with_formulas_neutralised(tmp_path, capsys):
    from rlff.schema import TABLE_NAMES

    assert main(["export", "--format", "csv", "--out", str(tmp_path)]) == 0
    assert f"wrote {len(TABLE_NAMES) + 2} files" in capsys.readouterr().out
    events = (tmp_path / "events.csv").read_text()
    assert "'+5000 followers bought" in events
    generated = tmp_path / "generated"
    assert main(["generate", "--out", str(generated)]) == 0
    assert sorted(p.name for p in generated.iterdir()) == sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert (generated / "costs.csv").read_bytes() == (tmp_path / "costs.csv").read_bytes(), "no risky cell there"


# --- atomic writes ------------------------------------------------------------------------------


class _DiskFull:
    """A file that writes half of what it is given, then fails like a full disk."""

    def __init__(self, fh):  # noqa: ANN001
        self.fh = fh

    def write(self, data: bytes) -> int:
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        raise OSError(28, "No space left on device")

    def __enter__(self):  # noqa: ANN204
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()


def _fail_half_way(monkeypatch) -> None:  # noqa: ANN001
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: _DiskFull(real(fd, mode, *a, **k)))


def test_an_image_write_that_fails_half_way_leaves_no_truncated_file(tmp_path, monkeypatch):
    monkeypatch.setattr(rlff.export.images, "export_images", lambda charts, fmt, **kw: {"a": b"\x89PNG" + b"1" * 5000})
    _fail_half_way(monkeypatch)
    with pytest.raises(OSError):
        save_images(FAKE_CHARTS[:1], "png", tmp_path / "charts")
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


# --- no Chromium ---------------------------------------------------------------------------------


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")


def test_a_missing_browser_is_chromium_missing_naming_both_fixes(no_chromium):
    assert chromium_path() is None
    with pytest.raises(ChromiumMissing) as exc:
        ImageRenderer().render([FAKE_CHARTS[0].figure])
    assert all(fix in str(exc.value) for fix in BOTH_FIXES)
    assert "BROWSER_PATH" in str(exc.value)


def test_no_browser_on_the_path_is_chromium_missing_too(monkeypatch):
    from choreographer.browsers.chromium import Chromium

    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kw: None))
    with pytest.raises(ChromiumMissing, match="apt-get install chromium"):
        export_images(FAKE_CHARTS[:2], "svg")


@pytest.mark.parametrize(("fmt", "out"), [("png", "charts"), ("pptx", "deck.pptx"), ("zip", "all.zip")])
def test_rlff_export_without_a_browser_says_so_and_writes_nothing(no_chromium, tmp_path, capsys, fmt, out):
    code = main(["export", "--format", fmt, "--out", str(tmp_path / out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1
    assert all(fix in err for fix in BOTH_FIXES)
    assert list(tmp_path.iterdir()) == []


def test_rlff_export_images_into_a_file_is_a_usage_error(tmp_path, capsys):
    target = tmp_path / "not_a_folder"
    target.write_text("keep me")
    assert main(["export", "--format", "svg", "--out", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert target.read_text() == "keep me"


# --- the shared renderer, with a stand-in for kaleido ---------------------------------------------


class FakeKaleido:
    """Renders a figure to JSON of its title and options, slowly, one at a time like kaleido's one tab."""

    opened = 0

    def __init__(self, **kwargs: object) -> None:
        self.lock: asyncio.Lock | None = None

    async def open(self) -> None:
        type(self).opened += 1
        self.lock = asyncio.Lock()
        await asyncio.sleep(0.05)

    async def calc_fig(self, fig: dict, opts: dict) -> bytes:
        assert self.lock is not None
        async with self.lock:
            await asyncio.sleep(0.005)
            title = fig["layout"]["title"]["text"]
            if title == "boom":
                raise RuntimeError("plotly.js error")
            return json.dumps([title, opts["format"], opts["scale"], opts["width"]]).encode()

    async def close(self) -> None:
        pass


@pytest.fixture
def fake_kaleido(monkeypatch):
    FakeKaleido.opened = 0
    monkeypatch.setattr(rlff.export.images, "_kaleido_class", lambda: FakeKaleido)
    monkeypatch.setattr(rlff.export.images, "chromium_path", lambda: "/usr/bin/chromium")
    return FakeKaleido


def _figs(tag: str, n: int) -> list[go.Figure]:
    return [go.Figure(layout={"title": {"text": f"{tag}-{i}"}}) for i in range(n)]


def test_two_sessions_exporting_at_once_share_one_browser_and_get_their_own_files(fake_kaleido):
    renderer = ImageRenderer()
    results: dict[str, list[bytes]] = {}
    progress_threads: dict[str, set[str]] = {"a": set(), "b": set()}

    def session(tag: str, fmt: str) -> None:
        me = threading.current_thread().name
        results[tag] = renderer.render(
            _figs(tag, 12), fmt=fmt, progress=lambda d, n, label: progress_threads[tag].add(me)
        )
        assert progress_threads[tag] == {me}, "progress runs in the caller's thread"

    threads = [threading.Thread(target=session, args=(t, f), name=t) for t, f in (("a", "png"), ("b", "svg"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    renderer.close()
    assert [json.loads(x)[:3] for x in results["a"]] == [[f"a-{i}", "png", 2.0] for i in range(12)]
    assert [json.loads(x)[:3] for x in results["b"]] == [[f"b-{i}", "svg", 1.0] for i in range(12)]
    assert fake_kaleido.opened == 1 and renderer.browsers_started == 1


def test_progress_counts_every_image_and_export_images_keys_by_chart(fake_kaleido):
    seen: list[tuple[int, int, str]] = []
    images = export_images(FAKE_CHARTS[:3], "pdf", progress=lambda *a: seen.append(a))
    assert list(images) == [c.key for c in FAKE_CHARTS[:3]]
    assert seen == [(i + 1, 3, c.title) for i, c in enumerate(FAKE_CHARTS[:3])]
    assert json.loads(images["boss_tiles"])[3] == 1280, "16:9 export width"


def test_a_failed_render_names_the_chart_and_the_renderer_recovers(fake_kaleido):
    renderer = ImageRenderer()
    bad = _chart("bad", "boss", "boom")
    with pytest.raises(ExportError, match="could not render boom as PNG"):
        export_images([FAKE_CHARTS[0], bad], "png", renderer=renderer)
    assert json.loads(renderer.render(_figs("again", 1))[0])[0] == "again-0"
    renderer.close()


def test_an_idle_renderer_closes_its_browser(fake_kaleido):
    renderer = ImageRenderer(idle_timeout=0.05)
    renderer.render(_figs("x", 1))
    threading.Event().wait(0.3)
    assert not renderer.is_open
    renderer.render(_figs("y", 1))  # and opens a new one when needed
    assert renderer.browsers_started == 2
    renderer.close()


def test_the_zip_holds_png_svg_and_captions_with_fixed_dates(fake_kaleido):
    data = rlff.export.command.export_zip(FAKE_CHARTS[:2], folder="rlff-charts-2026-01")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [
        "rlff-charts-2026-01/png/boss_tiles.png",
        "rlff-charts-2026-01/png/follower_growth.png",
        "rlff-charts-2026-01/svg/boss_tiles.svg",
        "rlff-charts-2026-01/svg/follower_growth.svg",
        "rlff-charts-2026-01/captions.md",
    ]
    captions = zipfile.ZipFile(io.BytesIO(data)).read("rlff-charts-2026-01/captions.md").decode()
    assert FAKE_CHARTS[0].caption in captions and "Retweets: 1,754" in captions
    assert data == rlff.export.command.export_zip(FAKE_CHARTS[:2], folder="rlff-charts-2026-01"), "deterministic"


def test_write_tables_default_output_is_unchanged(default_tables, tmp_path):
    plain = write_tables(default_tables, tmp_path / "a", dictionary=False)
    assert all(b"'@" not in p.read_bytes() for p in plain)


class FakePngKaleido(FakeKaleido):
    """Like FakeKaleido, but every image is a real (blank) PNG of the requested size."""

    async def calc_fig(self, fig: dict, opts: dict) -> bytes:
        await asyncio.sleep(0.005)
        return _png(int(opts["width"] * opts["scale"]), int(opts["height"] * opts["scale"]))


@pytest.fixture
def fake_png_browser(monkeypatch):
    monkeypatch.setattr(rlff.export.images, "_kaleido_class", lambda: FakePngKaleido)
    monkeypatch.setattr(rlff.export.images, "chromium_path", lambda: "/usr/bin/chromium")


def test_rlff_export_pptx_into_a_folder_names_the_deck_by_month(fake_png_browser, tmp_path, capsys):
    assert main(["export", "--format", "pptx", "--honest", "--lang", "fr", "--out", str(tmp_path)]) == 0
    deck = tmp_path / "rlff-deck-2026-01-honest.pptx"
    assert capsys.readouterr().out.strip() == f"présentation honnête écrite dans {deck}"  # --lang fr: French
    prs = Presentation(str(deck))
    assert prs.slides[0].shapes.title.text_frame.text == "Rapport mensuel de la communauté"
    assert list(tmp_path.iterdir()) == [deck]


def test_rlff_export_zip_writes_one_archive(fake_png_browser, tmp_path, capsys):
    target = tmp_path / "all.zip"
    assert main(["export", "--format", "zip", "--out", str(target)]) == 0
    names = zipfile.ZipFile(target).namelist()
    assert names[0].startswith("rlff-charts-2026-01/png/") and names[-1] == "rlff-charts-2026-01/captions.md"
    assert f"wrote {len(CHART_KEYS)} charts (PNG and SVG)" in capsys.readouterr().out
