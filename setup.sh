#!/usr/bin/env bash
# Sets ndash up on a fresh Debian 12 machine: system packages, a release
# build, then runs the main job (--deps-only stops after the packages).
set -euo pipefail
cd "$(dirname "$0")"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS="build-essential pkg-config meson ninja-build gettext libglib2.0-dev
  libjson-glib-dev libsoup-3.0-dev libcmark-dev gobject-introspection
  libgirepository1.0-dev valgrind curl"
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
# Until the gallery exists, the main job is the hello demo run headless.
exec ./build-release/demos/ndash-demo-hello
