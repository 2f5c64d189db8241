"""RLFF's Streamlit dashboard (``streamlit run dashboard.py`` or ``rlff dashboard``).

Kept apart from :mod:`rlff`, which never imports streamlit. This ``__init__`` imports
nothing, so ``import rlff_app`` stays cheap and streamlit-free; the app itself is
:mod:`rlff_app.main`, one small script per view lives in :mod:`rlff_app.views`.
"""
