"""The dashboard's pages, in menu order. Adding a page: one file defining ``PAGE``, one line below."""

from __future__ import annotations

from rlff_app.context import PageSpec
from rlff_app.pages import boss, reality, side

PAGES: list[PageSpec] = [
    boss.PAGE,
    reality.PAGE,
    side.PAGE,
    # "Your data" (upload, validate, switch the dashboard to it) and "Export" go here.
]
