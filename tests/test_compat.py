"""Every private hook into kaleido, choreographer, plotly and streamlit is on with the installed
versions, and each one falls back, with one warning, outside the versions it was written for."""

from __future__ import annotations

import logging

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import rlff._compat
from rlff._compat import Hook, choreographer, kaleido, parse_version, plotly
from rlff_app._compat import streamlit

MODULES = {"kaleido": kaleido, "choreographer": choreographer, "plotly": plotly, "streamlit": streamlit}


@pytest.fixture(autouse=True)
def fresh_warnings():
    rlff._compat.reset_warnings()
    yield
    rlff._compat.reset_warnings()


def _pretend(monkeypatch, library: str, version: str | None) -> None:
    real = rlff._compat.installed_version.__wrapped__
    monkeypatch.setattr(rlff._compat, "installed_version", lambda dist: version if dist == library else real(dist))


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "rlff.compat" and r.levelno == logging.WARNING]


@pytest.mark.parametrize("library", MODULES)
def test_every_fast_path_is_on_with_the_installed_versions(library, caplog):
    caplog.set_level(logging.WARNING)
    paths = MODULES[library].fast_paths()
    assert paths and all(paths.values()), (paths, _warnings(caplog))
    assert _warnings(caplog) == []


@pytest.mark.parametrize("library", MODULES)
@pytest.mark.parametrize("version", ["0.9.0", "99.0"])
def test_outside_its_range_every_hook_is_off_and_warns_once_naming_library_and_version(
    library, version, monkeypatch, caplog
):
    caplog.set_level(logging.WARNING)
    _pretend(monkeypatch, library, version)
    paths = MODULES[library].fast_paths()
    assert paths and not any(paths.values())
    messages = _warnings(caplog)
    assert len(messages) == len(paths)
    assert all(m.startswith(f"{library} {version}:") for m in messages)
    MODULES[library].fast_paths()
    assert len(_warnings(caplog)) == len(paths)  # once per process, not at every call


def test_versions_compare_by_release_numbers():
    hook = Hook("x", "h", "1.5", "1.6", "slower")
    assert [hook.in_range(v) for v in ("1.4.9", "1.5", "1.5.1", "1.5.10rc1", "1.6.0", "1.10")] == [
        False,
        True,
        True,
        True,
        False,
        False,
    ]
    assert parse_version("v2.0.1.post3") == (2, 0, 1) and parse_version("dev") == ()


def test_a_missing_library_counts_as_out_of_range(monkeypatch, caplog):
    caplog.set_level(logging.WARNING)
    _pretend(monkeypatch, "plotly", None)
    assert not any(plotly.fast_paths().values())
    assert all("(not installed)" in m for m in _warnings(caplog))


# --- each hook, off: the slower public path gives the same result ---------------------------------


def test_kaleido_outside_its_range_is_kaleidos_own_class(monkeypatch, caplog):
    import kaleido as real_kaleido

    caplog.set_level(logging.WARNING)
    assert kaleido.kaleido_class(served_page=lambda k: None) is not real_kaleido.Kaleido
    _pretend(monkeypatch, "kaleido", "1.6.0")
    assert kaleido.kaleido_class(served_page=lambda k: None) is real_kaleido.Kaleido
    assert kaleido.page_with_scripts("http://h/p.js", "http://h/s.js") is None
    assert any("no_reload" in m and "kaleido reloads" in m for m in _warnings(caplog))


def test_kaleido_without_its_private_methods_falls_back(monkeypatch, caplog):
    import kaleido as real_kaleido

    caplog.set_level(logging.WARNING)
    monkeypatch.delattr(real_kaleido.Kaleido, "_return_kaleido_tab")
    cls = kaleido.kaleido_class()
    assert cls is real_kaleido.Kaleido
    assert any("no longer has what it uses" in m for m in _warnings(caplog))


def test_the_served_page_loads_both_scripts_from_the_given_urls():
    page = kaleido.page_with_scripts("http://host/plotly-abc.js", "http://host/scopes-def.js")
    assert page is not None and "file://" not in page
    assert 'src="http://host/plotly-abc.js"' in page and 'src="http://host/scopes-def.js"' in page


def test_choreographer_outside_its_range_leaves_the_command_line_alone(monkeypatch, caplog):
    caplog.set_level(logging.WARNING)

    class Impl:
        def get_cli(self) -> list[str]:
            return ["chromium"]

    class Browser:
        _browser_impl = Impl()

    browser = Browser()
    assert choreographer.add_chromium_args(browser, ["--x"]) and browser._browser_impl.get_cli() == ["chromium", "--x"]
    _pretend(monkeypatch, "choreographer", "1.5.0")
    other = Browser()
    other._browser_impl = Impl()
    assert not choreographer.add_chromium_args(other, ["--x"]) and other._browser_impl.get_cli() == ["chromium"]
    assert _warnings(caplog) and "choreographer 1.5.0" in _warnings(caplog)[0]


def _template_copies(monkeypatch) -> list[object]:
    """Count plotly's deep copies of a template while it is set (the validating path copies it)."""
    import copy

    copies: list[object] = []
    real = copy.deepcopy

    def counting(value, memo=None):  # noqa: ANN001, ANN202
        if isinstance(value, go.layout.Template):
            copies.append(value)
        return real(value, memo)

    monkeypatch.setattr(copy, "deepcopy", counting)
    return copies


@pytest.mark.parametrize("version", ["7.1.0", "8.0.0"])
def test_plotly_sets_the_same_template_either_way(version, monkeypatch):
    _pretend(monkeypatch, "plotly", version)
    registered = pio.templates["plotly_white"]
    fig = go.Figure()
    plotly.set_template(fig, registered)
    assert fig.layout.template.to_plotly_json() == registered.to_plotly_json()
    assert fig.layout._validate is True  # the switch is always put back


def test_plotly_figure_without_validation_is_the_same_figure_either_way(monkeypatch):
    data, layout = [{"type": "bar", "x": [1, 2], "y": [3, 4]}], {"title": {"text": "t"}}
    fast = plotly.figure_without_validation(data, layout)
    assert fast._validate is False
    _pretend(monkeypatch, "plotly", "8.0.0")
    slow = plotly.figure_without_validation(data, layout)
    assert slow._validate is True and slow.to_plotly_json() == fast.to_plotly_json()


def test_streamlit_outside_its_range_leaves_the_tiles_plain_and_skips_the_early_check(monkeypatch, caplog):
    import streamlit.delta_generator as dg

    caplog.set_level(logging.WARNING)
    assert streamlit.metric_selectors() == {
        "metric": 'div[data-testid="stMetric"]',
        "value": 'div[data-testid="stMetricValue"]',
    }
    _pretend(monkeypatch, "streamlit", "1.68.0")
    called: list[bool] = []
    monkeypatch.setattr(dg, "_maybe_print_use_warning", lambda: called.append(True))
    monkeypatch.setattr(dg, "_use_warning_has_been_displayed", False)
    assert streamlit.metric_selectors() is None
    assert streamlit.streamlit_once_per_process() is False and called == []
    with streamlit.quiet_outside_sessions():
        assert logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").level != logging.ERROR
    assert {m.split("'")[1] for m in _warnings(caplog)} == {"metric_css", "use_warning_once", "quiet_warm_up"}


def test_streamlit_in_range_runs_the_early_check_once_and_quiets_the_warm_up(monkeypatch):
    import streamlit.delta_generator as dg

    called: list[bool] = []
    monkeypatch.setattr(dg, "_maybe_print_use_warning", lambda: called.append(True))
    monkeypatch.setattr(dg, "_use_warning_has_been_displayed", False)
    assert streamlit.streamlit_once_per_process() is True and called == [True]
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    before = quiet.level
    with streamlit.quiet_outside_sessions():
        assert quiet.level == logging.ERROR
    assert quiet.level == before


@pytest.mark.chromium
def test_a_real_export_takes_both_kaleido_fast_paths(tmp_path, monkeypatch):
    """Not only switched on: used. The page is served, and PNG tabs go back without a reload."""
    from rlff.export.images import ImageRenderer, chromium_path

    if chromium_path() is None:
        pytest.skip("needs Chromium (apt-get install chromium)")
    monkeypatch.setenv("RLFF_CACHE_DIR", str(tmp_path))
    with ImageRenderer() as renderer:
        pngs = renderer.render([go.Figure(go.Bar(y=[1, 2])), go.Figure(go.Bar(y=[2, 1]))])
        assert renderer._kaleido is not None
        k = renderer._kaleido.result()
        assert all(p.startswith(b"\x89PNG") for p in pngs)
        assert k.served and k.fast_returns == 2


@pytest.mark.chromium
def test_a_tab_left_on_the_blank_pages_context_is_reloaded_before_it_renders(tmp_path, monkeypatch):
    """kaleido may take the blank page's JavaScript context (seen under load): the render must not fail."""
    from kaleido._kaleido_tab import _tab

    from rlff.export.images import ImageRenderer, chromium_path

    if chromium_path() is None:
        pytest.skip("needs Chromium (apt-get install chromium)")
    monkeypatch.setenv("RLFF_CACHE_DIR", str(tmp_path))
    navigate = _tab._KaleidoTab.navigate

    async def navigate_into_the_wrong_context(self, url=""):  # noqa: ANN001, ANN202
        await navigate(self, url)
        self._current_js_id = 987654  # what a context of the blank page looks like to kaleido: unusable

    monkeypatch.setattr(_tab._KaleidoTab, "navigate", navigate_into_the_wrong_context)
    with ImageRenderer() as renderer:
        pngs = renderer.render([go.Figure(go.Bar(y=[1, 2])), go.Figure(go.Bar(y=[2, 1]))])
        k = renderer._kaleido.result()
        assert all(p.startswith(b"\x89PNG") for p in pngs)
        assert k.context_fixes == 1


def test_the_browser_key_outlives_the_cookies_mask_and_is_off_outside_the_range(monkeypatch, caplog):
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    caplog.set_level(logging.WARNING)
    token = bytes(range(16))
    first, again = (generate_xsrf_token_string(token, 1_700_000_000) for _ in range(2))
    assert first != again  # a fresh mask at every page load...
    key = streamlit.browser_key({"_streamlit_xsrf": first})
    assert key is not None and key == streamlit.browser_key({"_streamlit_xsrf": again})  # ...the same browser
    other = generate_xsrf_token_string(bytes(16), 1_700_000_000)
    assert streamlit.browser_key({"_streamlit_xsrf": other}) not in (None, key)
    assert token.hex() not in key  # a hash: the token itself never leaves the cookie
    for cookies in ({}, {"_streamlit_xsrf": ""}, {"_streamlit_xsrf": "2|zz|not-hex|x"}):
        assert streamlit.browser_key(cookies) is None
    _pretend(monkeypatch, "streamlit", "1.68.0")
    assert streamlit.browser_key({"_streamlit_xsrf": first}) is None
    assert {m.split("'")[1] for m in _warnings(caplog)} == {"browser_key"}
