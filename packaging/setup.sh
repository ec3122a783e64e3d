#!/usr/bin/env bash
# Set Recovery Desk up on Debian 12 with Python 3.11: the system libraries Qt needs, a virtual
# environment in .venv, and the program. `setup.sh app` for using it, `setup.sh test` adds what
# the test suite needs (pytest, pytest-qt, poppler-utils, a PostgreSQL server for head-office tests,
# gnome-keyring and dbus for a real Secret Service).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
case "$mode" in app|test) ;; *) echo "usage: $0 [app|test]" >&2; exit 2 ;; esac

debs=(python3-venv python3-pip libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
      libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1)
if [ "$mode" = test ]; then
  # gnome-keyring on a private D-Bus session: the real Secret Service a counter PC keeps its credential in.
  debs+=(poppler-utils postgresql xvfb xauth gnome-keyring dbus-daemon dbus-bin)
fi
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$mode" = test ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q -e .
fi
