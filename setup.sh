#!/usr/bin/env bash
# Sets ndash up on a fresh Debian 12 machine: system packages, a release
# build, then runs the main job (--deps-only stops after the packages).
set -euo pipefail
cd "$(dirname "$0")"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS="build-essential pkg-config meson ninja-build gettext libglib2.0-dev
  libjson-glib-dev libsoup-3.0-dev libcmark-dev gobject-introspection
  libgirepository1.0-dev valgrind curl libgtk-4-dev libgtk-4-bin
  libplplot-dev plplot-driver-cairo xvfb xauth xdotool imagemagick dbus
  fonts-dejavu-core python3-plotly python3-pandas"
missing=""
for p in $PKGS; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 \
    --no-install-recommends $missing
fi
[ "${1:-}" = "--deps-only" ] && exit 0
meson setup build-release --buildtype=release --wipe >/dev/null 2>&1 || meson setup build-release --buildtype=release
ninja -C build-release
# Until the gallery exists, the main job is the hello demo: a window on a
# desktop, or (no display) its first frame rendered to hello.png.
export G_SLICE=always-malloc   # GLib 2.76's allocator: json-glib trees build 2x faster
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./build-release/demos/ndash-hello
fi
GTK_A11Y=none xvfb-run -a -s "-screen 0 1280x800x24" ./build-release/demos/ndash-hello --screenshot=hello.png
./build-release/demos/ndash-demo-hello
echo "No display: rendered the demo window to $(pwd)/hello.png"
