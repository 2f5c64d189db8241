"""The dashboard's uses of Streamlit's private insides (see :mod:`rlff._compat` for the rules)."""
