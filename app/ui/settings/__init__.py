"""Settings: language, declared settings, the counter's users."""
