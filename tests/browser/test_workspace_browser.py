"""The workspace in a real Chromium: an upload survives a server restart, and its Remove button changes the views."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from export_samples import legacy_tweets  # noqa: E402
from served_app import served_app, wait_idle  # noqa: E402

TILE = "[data-testid='stMetricValue']"


def _first_tile(page) -> str:  # noqa: ANN001 - a playwright Page
    page.locator(TILE).first.wait_for(timeout=60_000)
    wait_idle(page)
    return page.locator(TILE).first.inner_text().strip()


def test_an_upload_survives_a_restart_and_removing_it_changes_the_views(chromium, tmp_path):
    name, data, rows = legacy_tweets(80)  # September and October 2015 whole, two days of November
    october = f"{sum(r['retweets'] for r in rows if r['time'].month == 10):,}"
    # This test's own workspace, in the environment of both servers.
    env = {"RLFF_DATABASE_URL": f"sqlite:///{tmp_path / 'workspace.sqlite'}"}

    first = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    with served_app(env=env, log=tmp_path / "first.log") as url:
        page.goto(f"{url}/data", wait_until="domcontentloaded")
        assert not (tmp_path / "workspace.sqlite").exists()  # looking creates nothing
        dropzone = page.get_by_test_id("stFileUploaderDropzoneInput")
        dropzone.wait_for(state="attached", timeout=60_000)
        dropzone.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
        page.get_by_text("The dashboard now shows this brand").wait_for(timeout=60_000)
        wait_idle(page)
        brand = parse_qs(urlsplit(page.url).query)["brand"][0]
        assert (tmp_path / "workspace.sqlite").is_file()
    first.close()

    # Restarted server, another browser: the brand's link shows the stored data.
    second = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = second.new_page()
    with served_app(env=env, log=tmp_path / "second.log") as url:
        page.goto(f"{url}/?{urlencode({'brand': brand})}", wait_until="domcontentloaded")
        assert _first_tile(page) == october
        assert page.get_by_text("Monthly report — October 2015").is_visible()

        page.get_by_role("link", name="Your data").click()
        page.get_by_role("button", name="Remove").click()
        page.get_by_text("Import #1 removed").wait_for(timeout=60_000)
        wait_idle(page)
        page.get_by_role("link", name="Big Boss view").click()
        # Nothing left in the brand: no October 2015, and no number where there is no data.
        page.get_by_text("No row of the data falls in").wait_for(timeout=60_000)
        assert _first_tile(page) == "—"
        assert not page.get_by_text("Monthly report — October 2015").is_visible()
    second.close()
