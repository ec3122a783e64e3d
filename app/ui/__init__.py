"""The Qt side: windows, dialogs, table models and the background-operation helper."""
