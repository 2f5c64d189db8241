"""Tables in and out: RLFF's CSV folders, platform exports, atomic writes."""
