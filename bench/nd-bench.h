/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What every benchmark program shares: a monotonic clock, the
 * "RUN <figure> <unit> <value>" lines bench/run reads, and failing loudly
 * when the app did not do what was measured.
 */
#pragma once

#include <stdlib.h>
#include <time.h>

#include <glib.h>

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline void
report (const char *figure, const char *unit, double value)
{
  g_print ("RUN %s %s %.3f\n", figure, unit, value);
}

static inline G_NORETURN void
fail (const char *what, const char *detail)
{
  g_printerr ("%s: %s: %s\n", g_get_prgname (), what, detail ? detail : "(no detail)");
  exit (1);
}
