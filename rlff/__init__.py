"""RLFF: the vain community manager's deck (Retweets, Likes, Friends, Fans) and what it hides."""

from __future__ import annotations

__version__ = "0.1.0"
