"""Entry point for the frozen (PyInstaller) build: the same as `recovery-desk`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
