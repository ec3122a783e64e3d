"""Feedback forms: typing and correcting them, verification calls."""
