"""Logins in a real Chromium, one served app: no data before a login, wrong passwords, brands per user, viewers, logout."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from served_app import served_app, wait_idle  # noqa: E402

from rlff.io.workspace import open_workspace  # noqa: E402
from rlff.io.workspace.users import add_user  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_data"
TILE = "[data-testid='stMetricValue']"


def _log_in(page, name: str, password: str) -> None:  # noqa: ANN001 - a playwright Page
    page.get_by_role("textbox", name="User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def _logged_in_page(chromium, url: str, name: str, password: str):  # noqa: ANN001, ANN202
    page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(url, wait_until="domcontentloaded")
    _log_in(page, name, password)
    page.get_by_text(f"Logged in as {name}").wait_for(timeout=60_000)
    wait_idle(page)
    if "/data?" not in url:  # a deep link lands there by itself (checked below)
        page.get_by_role("link", name="Your data").click()
    page.get_by_text("Imports of").first.wait_for(timeout=60_000)
    wait_idle(page)
    return page


def test_logins_in_a_browser(chromium, tmp_path):
    database = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    posts = [("posts.csv", (SAMPLE / "posts.csv").read_bytes())]
    with open_workspace(database) as ws:
        ws.import_files(posts, brand="acme")
        ws.import_files(posts, brand="beta-secret")
        add_user(ws, "vic", "viewer-pass", "viewer", ["acme"])
        add_user(ws, "ed", "editor-pass", "editor", ["acme"])
    with served_app(env={"RLFF_DATABASE_URL": database}, log=tmp_path / "server.log") as url:
        # No data before a login, whatever the link asks for; a wrong password is refused.
        page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.goto(f"{url}/?brand=beta-secret", wait_until="domcontentloaded")
        page.get_by_role("button", name="Log in").wait_for(timeout=60_000)
        wait_idle(page)
        assert page.locator(TILE).count() == 0
        _log_in(page, "vic", "not-the-password")
        page.get_by_text("Wrong user name or password.").wait_for(timeout=60_000)
        assert page.locator(TILE).count() == 0 and "beta-secret" not in page.content().replace("?brand=", "")
        # The viewer of acme asking for beta-secret: "unknown", the simulation, never a glimpse of beta-secret.
        _log_in(page, "vic", "viewer-pass")
        page.get_by_text("No brand “beta-secret” in the workspace").wait_for(timeout=60_000)
        page.locator(TILE).first.wait_for(timeout=60_000)
        wait_idle(page)
        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
        options = page.get_by_role("option").all_inner_texts()
        assert any("acme" in o for o in options) and not any("beta" in o for o in options)
        page.keyboard.press("Escape")
        # Logout ends the session: the form again, no tiles.
        page.get_by_role("button", name="Log out").click()
        page.get_by_text("You are logged out.").wait_for(timeout=60_000)
        assert page.locator(TILE).count() == 0

        # The editor stores a file in acme ...
        editor = _logged_in_page(chromium, f"{url}/?brand=acme", "ed", "editor-pass")
        dropzone = editor.get_by_test_id("stFileUploaderDropzoneInput")
        dropzone.wait_for(state="attached", timeout=60_000)
        inbox = (SAMPLE / "inbox.csv").read_bytes()
        dropzone.set_input_files(files=[{"name": "inbox.csv", "mimeType": "text/csv", "buffer": inbox}])
        editor.get_by_text("The dashboard now shows this brand").wait_for(timeout=60_000)
        # ... and the viewer of acme sees it, with no upload and no Remove. A deep link to the
        # "Your data" page, answered by the login form, lands on that page with its query once logged in.
        viewer = _logged_in_page(chromium, f"{url}/data?brand=acme", "vic", "viewer-pass")
        assert viewer.url == f"{url}/data?brand=acme"
        viewer.get_by_text("inbox.csv").first.wait_for(timeout=60_000)
        viewer.get_by_text("uploads and removals are for editors").wait_for(timeout=60_000)
        assert viewer.get_by_test_id("stFileUploaderDropzoneInput").count() == 0
        assert viewer.get_by_role("button", name="Remove").count() == 0
        assert editor.get_by_role("button", name="Remove").count() >= 1
