"""The program's life: start, sign-in, the main window, idle lock."""
