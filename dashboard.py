"""RLFF's dashboard: ``streamlit run dashboard.py`` (the same app as ``rlff dashboard``)."""

from rlff_app.main import main

main()
