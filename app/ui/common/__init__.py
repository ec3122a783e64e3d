"""Pieces every view uses: widgets, style, wording, dates, background work."""
