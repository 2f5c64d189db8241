"""The article's month, simulated: the scenario's knobs, text pools, and the vectorised simulation."""
