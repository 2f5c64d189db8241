"""The dashboard's pages, in menu order.

Adding a page: one script file in :mod:`rlff_app.views` that defines ``PAGE`` (a
:class:`~rlff_app.context.PageSpec`) and draws itself under ``if __name__ == "__main__":``,
and one line below.
"""

from __future__ import annotations

from rlff_app.context import PageSpec
from rlff_app.views import boss, data, export, reality, side

PAGES: list[PageSpec] = [
    boss.PAGE,
    reality.PAGE,
    side.PAGE,
    data.PAGE,
    export.PAGE,
]
