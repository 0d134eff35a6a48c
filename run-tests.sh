#!/usr/bin/env bash
# Runs every test: a build under AddressSanitizer + UndefinedBehaviorSanitizer,
# then the core's tests under valgrind: no invalid reads/writes, no definite
# leaks.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf build-asan build-valgrind
meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug >/dev/null
ninja -C build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-asan --print-errorlogs --suite core --suite data --suite chart
# GTK widgets in real windows under Xvfb; GTK and fontconfig keep caches
# for the process's life, so leak checking is left to the core's tests.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  xvfb-run -a -s "-screen 0 1280x800x24" meson test -C build-asan --print-errorlogs --suite widgets
meson setup build-valgrind --buildtype=debug >/dev/null
ninja -C build-valgrind
meson test -C build-valgrind --print-errorlogs --suite core --suite data \
  --wrapper 'valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --quiet'
