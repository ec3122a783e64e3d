"""Sync at the counter: rounds off the UI thread, status, problems, connecting."""
