"""The audit trail: every change to people, settings, lockouts, script packs and imports as an event, and reading it."""
