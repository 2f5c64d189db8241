"""rlff_app.startup.launch: `streamlit run` with the dashboard warmed up in the background."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import rlff_app
from rlff_app.startup import launch
from rlff_app.startup.flags import server_flags


def test_option_reads_both_spellings_and_the_last_one_wins():
    argv = ["app.py", "--server.port", "8600", "--server.headless", "true", "--server.port=8601"]
    assert launch.option(argv, "--server.port", "8501") == "8601"
    assert launch.option(argv, "--server.address", "127.0.0.1") == "127.0.0.1"
    assert launch.option(["--server.port"], "--server.port", "8501") == "8501"  # no value: the default


def test_the_gate_holds_sessions_until_the_warm_up_ends():
    rlff_app.warming_up()
    try:
        assert rlff_app.wait_for_warm_up(timeout=0.05) is False
        threading.Timer(0.1, rlff_app.warmed_up).start()
        assert rlff_app.wait_for_warm_up(timeout=5) is True
    finally:
        rlff_app.warmed_up()
    assert rlff_app.wait_for_warm_up(timeout=0) is True


def test_main_runs_streamlit_with_the_options_and_warms_up_on_its_port(monkeypatch):
    import streamlit.web.cli

    warmed: list[tuple[str, int]] = []
    ran: list[list[str]] = []
    monkeypatch.setattr(launch, "_warm_up", lambda host, port: (warmed.append((host, port)), rlff_app.warmed_up()))
    monkeypatch.setattr(streamlit.web.cli, "main", lambda prog_name: ran.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    launch.main(["app.py", "--server.port", "8642", "--server.address", "0.0.0.0"])
    # The dashboard's server options first, the caller's after them (the last one wins).
    assert ran == [
        ["streamlit", "run", "app.py", *server_flags(), "--server.port", "8642", "--server.address", "0.0.0.0"]
    ]
    assert rlff_app.wait_for_warm_up(timeout=5)
    assert warmed == [("127.0.0.1", 8642)]


def test_a_failed_warm_up_still_opens_the_gate(monkeypatch, capsys):
    monkeypatch.setattr(launch, "_listening", lambda host, port: True)
    monkeypatch.setitem(sys.modules, "rlff_app.startup.warmup", None)  # importing it raises ImportError
    rlff_app.warming_up()
    launch._warm_up("127.0.0.1", 1)
    assert rlff_app.wait_for_warm_up(timeout=0)
    assert "warm-up failed" in capsys.readouterr().err


def test_a_session_during_the_warm_up_draws_placeholders_waits_then_the_real_view():
    from streamlit.testing.v1 import AppTest

    main_script = Path(rlff_app.__file__).with_name("main.py")  # what `rlff dashboard` runs, every run
    rlff_app.warming_up()
    rlff_app.libraries_loaded()
    opened = threading.Timer(1.0, rlff_app.warmed_up)
    opened.start()
    try:
        started = time.perf_counter()
        at = AppTest.from_file(str(main_script), default_timeout=120).run()
        waited = time.perf_counter() - started
    finally:
        opened.cancel()
        rlff_app.warmed_up()
    assert not at.exception
    assert waited >= 0.9  # it waited for the gate
    assert [m.value for m in at.metric][:2] == ["1,754", "9,540"]
    assert not at.dataframe or all(df.proto.id.find("rlff.prefetch") < 0 for df in at.dataframe)
    assert len(at.get("plotly_chart")) == 3  # the view's charts; the blank one was cleared
