"""One script file per view (drawn by streamlit as a page); the menu is :data:`rlff_app.pages.PAGES`.

Not called ``pages/``: streamlit treats a ``pages/`` folder next to the main script
(``rlff_app/main.py``, what ``rlff dashboard`` runs) as an old-style multipage app and
would run these files without the entry script.
"""
