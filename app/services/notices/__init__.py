"""Notices: decisions and news for the person concerned, derived from the event log and kept until read."""
