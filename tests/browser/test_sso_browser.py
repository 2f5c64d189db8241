"""Single sign-on in a real Chromium against a real OpenID provider (oidc-provider on loopback).

One provider and one served app: a user whose e-mail is in the workspace logs in through the
provider, lands on the page the link asked for and sees their brand only; logging out ends the
provider's session too; an e-mail no user has is refused, with no data.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from oidc_provider import oidc_provider  # noqa: E402
from served_app import free_port, served_app, wait_idle  # noqa: E402

from rlff.io.workspace import open_workspace  # noqa: E402
from rlff.io.workspace.users import add_user  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample_data"
TILE = "[data-testid='stMetricValue']"
SSO_BUTTON = "Log in with single sign-on"


def _sso_login(page, email: str) -> None:  # noqa: ANN001 - a playwright Page
    """From the dashboard's login form, through the provider's form, back to the dashboard."""
    page.get_by_role("button", name=SSO_BUTTON).click()
    page.locator("input[name='login']").wait_for(timeout=30_000)
    assert "/interaction/" in page.url  # the provider's own page, not the app's
    page.locator("input[name='login']").fill(email)
    page.locator("input[name='password']").fill("any password: the dev provider takes it")
    page.get_by_role("button", name="Sign-in").click()


def test_single_sign_on_through_a_real_provider(chromium, tmp_path):
    database = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
    posts = [("posts.csv", (SAMPLE / "posts.csv").read_bytes())]
    with open_workspace(database) as ws:
        ws.import_files(posts, brand="acme")
        ws.import_files(posts, brand="beta-secret")
        add_user(ws, "vic", "viewer-pass", "viewer", ["acme"], email="Vic@Example.com")
    port = free_port()
    # The browser, the redirect URI and Streamlit's cookies all say "localhost"; the provider is
    # 127.0.0.1, another site, as a real identity provider is.
    app = f"http://localhost:{port}"
    with oidc_provider(f"{app}/oauth2callback", tmp_path / "provider.log") as provider:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(provider.secrets_toml(f"{app}/oauth2callback"))
        env = {"RLFF_DATABASE_URL": database}
        extra = ["--secrets.files", str(secrets)]
        with served_app(port=port, env=env, extra=extra, log=tmp_path / "server.log"):
            page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{app}/reality?brand=acme", wait_until="domcontentloaded")
            page.get_by_role("button", name=SSO_BUTTON).wait_for(timeout=60_000)
            assert page.get_by_role("button", name="Log in", exact=True).count() == 1  # the password form stays

            # (a) The provider vouches for vic@example.com (another case than stored): vic, acme only,
            # on the page and brand the link asked for (the callback itself lands on the home page).
            _sso_login(page, "vic@example.com")
            page.get_by_text("Logged in as vic (viewer)").wait_for(timeout=60_000)
            # st.switch_page moves with the history API: no load event to wait for
            page.wait_for_function("() => location.pathname === '/reality' && location.search === '?brand=acme'",
                                   timeout=60_000)  # fmt: skip
            page.get_by_role("heading", name="Reality check").first.wait_for(timeout=60_000)
            data_shown = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
            wait_idle(page)
            assert data_shown.locator("input").input_value() == "acme"  # the link's brand, not the simulation
            page.locator(TILE).first.wait_for(timeout=60_000)
            wait_idle(page)
            page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
            options = page.get_by_role("option").all_inner_texts()
            assert any("acme" in o for o in options) and not any("beta" in o for o in options)
            page.keyboard.press("Escape")

            # (c) Logging out ends the provider's session too: its sign-out page, then the form again.
            page.get_by_role("button", name="Log out", exact=True).click()
            page.get_by_role("button", name="Yes, sign me out").click(timeout=30_000)
            page.get_by_role("button", name=SSO_BUTTON).wait_for(timeout=60_000)
            assert page.url.startswith(app) and page.locator(TILE).count() == 0
            page.reload(wait_until="domcontentloaded")  # no identity cookie left to log back in with
            page.get_by_role("button", name=SSO_BUTTON).wait_for(timeout=60_000)
            assert page.get_by_text("Logged in as").count() == 0

            # (b) An e-mail no user has: refused, no data, a way out of the provider's session.
            page.goto(f"{app}/?brand=beta-secret", wait_until="domcontentloaded")
            page.get_by_role("button", name=SSO_BUTTON).wait_for(timeout=60_000)
            _sso_login(page, "stranger@example.com")
            page.get_by_text("No user of this dashboard has the e-mail stranger@example.com").wait_for(timeout=60_000)
            wait_idle(page)
            assert page.locator(TILE).count() == 0 and page.get_by_text("Logged in as").count() == 0
            assert "beta-secret" not in page.content().replace("?brand=", "")
            page.get_by_role("button", name="Log out of single sign-on").click()
            page.get_by_role("button", name="Yes, sign me out").click(timeout=30_000)
            page.get_by_role("button", name=SSO_BUTTON).wait_for(timeout=60_000)
            assert page.get_by_text("No user of this dashboard").count() == 0
