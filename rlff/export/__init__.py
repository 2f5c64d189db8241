"""Figures and tables to files: chart images (kaleido in Chromium), the .pptx deck, zip and CSV."""
