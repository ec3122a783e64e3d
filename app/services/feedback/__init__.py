"""Feedback forms: their values, the one writer, entry and correction, verification calls."""
