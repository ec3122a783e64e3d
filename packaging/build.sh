#!/usr/bin/env bash
# Build a one-folder bundle in dist/recovery-desk with PyInstaller (a build tool, not a runtime
# dependency, so it is installed here rather than in pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q "pyinstaller>=6"
.venv/bin/python -m PyInstaller --noconfirm --clean --distpath dist --workpath build packaging/recovery-desk.spec
echo "built: dist/recovery-desk/recovery-desk"
