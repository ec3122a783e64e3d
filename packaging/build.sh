#!/usr/bin/env bash
# Build the one-folder program in dist/recovery-desk with PyInstaller (a build tool: the `build` extra
# of pyproject.toml, not a runtime dependency), then print its size and its start time against the
# program run from the virtual environment, measured in this same run.
#   bash packaging/build.sh            one-folder program
#   bash packaging/build.sh deb        and, on Linux, the Debian package (packaging/deb.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -c "import PyInstaller" 2>/dev/null || .venv/bin/python -m pip install -q -e ".[build]"
start=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/recovery-desk.spec
echo "built dist/recovery-desk in $(( $(date +%s) - start )) s"
.venv/bin/python packaging/measure_build.py dist/recovery-desk --runs "${RUNS:-5}"
if [ "${1:-}" = deb ]; then
  bash packaging/deb.sh dist/recovery-desk
fi
