#!/usr/bin/env bash
# A Debian package from the one-folder program: installs under /opt/recovery-desk with a
# /usr/bin/recovery-desk link, a desktop entry and its icon.
#   bash packaging/deb.sh [dist/recovery-desk] [OUT_DIR]      -> OUT_DIR/recovery-desk_VERSION_ARCH.deb
# DEB_COMPRESSION=none|gzip|xz (default gzip: xz takes minutes on a busy 2-core machine)
set -euo pipefail
umask 022  # a package's files and folders are world-readable whatever the caller's umask (dpkg-deb checks)
cd "$(dirname "$0")/.."
dist=${1:-dist/recovery-desk}
out=${2:-dist}
[ -x "$dist/recovery-desk" ] || { echo "no one-folder program at $dist: run packaging/build.sh first" >&2; exit 2; }
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
arch=$(dpkg --print-architecture)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 0755 "$root"  # mktemp makes it private

mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
         "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$dist" "$root/opt/recovery-desk"
chmod -R u+rwX,go+rX,go-w "$root/opt/recovery-desk"  # every user of the PC runs it, whatever umask built it
ln -s /opt/recovery-desk/recovery-desk "$root/usr/bin/recovery-desk"
install -m 644 packaging/recovery-desk.desktop "$root/usr/share/applications/recovery-desk.desktop"
install -m 644 resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/recovery-desk.svg"
size_kb=$(du -sk "$root" | cut -f1)
# What Qt's xcb platform needs from the system (the one-folder program brings Qt itself), as in
# packaging/setup.sh; a Secret Service keyring holds the counter's sync credential.
cat > "$root/DEBIAN/control" <<CONTROL
Package: recovery-desk
Version: $version
Architecture: $arch
Maintainer: Recovery Desk <support@recovery-desk.invalid>
Installed-Size: $size_kb
Depends: libegl1, libgl1, libxkbcommon0, libfontconfig1, libdbus-1-3, libglib2.0-0, libxkbcommon-x11-0,
 libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0, libxcb-render0,
 libxcb-shape0, libxcb-util1, libxcb-xkb1
Recommends: gnome-keyring | kwalletmanager
Section: misc
Priority: optional
Description: 服务补救台 Recovery Desk: service recovery for car dealers' service counters
 Records complaints and post-service feedback forms, guides the recovery of a failed visit and
 syncs with head office.
CONTROL
mkdir -p "$out"
deb="$out/recovery-desk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-gzip}" --build "$root" "$deb" >/dev/null
echo "built $deb ($(du -m "$deb" | cut -f1) MB)"
