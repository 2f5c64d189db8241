"""How the dashboard starts: the launcher, the background warm-up and the placeholders drawn meanwhile."""
