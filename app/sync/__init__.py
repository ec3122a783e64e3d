"""Sync between a counter and head office: case files, the outbox, the client. No Qt."""
