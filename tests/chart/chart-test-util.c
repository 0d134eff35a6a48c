/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Helpers for the chart tests: rendering to an image, golden image
 * comparison with a per-channel threshold and a tolerated fraction of
 * differing pixels, ND_UPDATE_GOLDEN=1 to rewrite goldens, and seeded
 * generated figures.
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "nd-json.h"

/* A golden fails when more than this fraction of pixels differ by more
 * than the threshold in some channel. */
#define GOLDEN_THRESHOLD 24
#define GOLDEN_FRACTION 0.01

static guint n_warnings;
static char *last_warning;

JsonNode *
chart_test_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse_file (path, ND_JSON_DEFAULT_MAX_DEPTH, &error);

  g_assert_no_error (error);
  return node;
}

cairo_surface_t *
chart_test_render (JsonNode *figure, int *width, int *height)
{
  g_autoptr(NdChart) chart = nd_chart_new (figure);
  cairo_surface_t *s;
  cairo_t *cr;
  int w, h;

  nd_chart_get_size (chart, &w, &h);
  if (width && *width > 0)
    w = *width;
  if (height && *height > 0)
    h = *height;
  nd_chart_set_size (chart, w, h);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (s);
  nd_chart_render (chart, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (width)
    *width = w;
  if (height)
    *height = h;
  return s;
}

/* Fraction of pixels where some channel differs by more than @threshold. */
double
chart_test_diff (cairo_surface_t *a, cairo_surface_t *b, int threshold)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guint8 *da, *db;
  guint64 bad = 0;

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return 1.0;
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *pa = da + y * sa + 4 * x, *pb = db + y * sb + 4 * x;

        for (int c = 0; c < 4; c++)
          if (abs (pa[c] - pb[c]) > threshold)
            {
              bad++;
              break;
            }
      }
  return (double) bad / ((double) w * h);
}

void
chart_test_check_golden (const char *name, cairo_surface_t *s)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (CHART_TEST_DIR, "golden", file, NULL);
  cairo_surface_t *golden;
  double diff;

  if (g_strcmp0 (g_getenv ("ND_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      return;
    }
  golden = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (golden) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (golden);
      g_test_fail_printf ("no golden image %s (run with ND_UPDATE_GOLDEN=1)", path);
      return;
    }
  diff = chart_test_diff (s, golden, GOLDEN_THRESHOLD);
  if (diff > GOLDEN_FRACTION)
    {
      g_autofree char *out = g_strdup_printf ("%s/chart-%s-actual.png", g_get_tmp_dir (), name);

      cairo_surface_write_to_png (s, out);
      g_test_fail_printf ("%s differs from its golden on %.2f%% of pixels (actual in %s)", name,
                          diff * 100, out);
    }
  cairo_surface_destroy (golden);
}

static gboolean
fatal_handler (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if ((level & G_LOG_LEVEL_WARNING) && message && strstr (message, "chart:"))
    return FALSE;
  return TRUE;
}

static void
log_handler (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if ((level & G_LOG_LEVEL_WARNING) && message && strstr (message, "chart:"))
    {
      n_warnings++;
      g_free (last_warning);
      last_warning = g_strdup (message);
      if (g_test_verbose ())
        g_printerr ("  (expected) %s\n", message);
      return;
    }
  g_log_default_handler (domain, level, message, data);
}

/* Chart warnings become counted, non-fatal messages. */
void
chart_test_quiet_warnings (void)
{
  /* criticals stay fatal; warnings are what these tests provoke */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_log_set_fatal_handler (fatal_handler, NULL);
  g_log_set_handler ("ndash", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                     log_handler, NULL);
}

guint
chart_test_n_warnings (void)
{
  return n_warnings;
}

const char *
chart_test_last_warning (void)
{
  return last_warning;
}

void
chart_test_cleanup (void)
{
  g_clear_pointer (&last_warning, g_free);
  cairo_debug_reset_static_data ();
  FcFini ();
}

/* mulberry32 and Box-Muller, so generated figures are the same everywhere */
static guint32 rng_state;

static double
rng_uniform (void)
{
  guint32 t = (rng_state += 0x6D2B79F5u);

  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return ((t ^ (t >> 14)) >> 0) / 4294967296.0;
}

static double
rng_gauss (void)
{
  double u = MAX (rng_uniform (), 1e-12), v = rng_uniform ();

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

JsonNode *
chart_test_gen_scatter (guint n, gboolean gl)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  rng_state = 12345;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, gl ? "scattergl" : "scatter");
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, "markers");
  json_builder_set_member_name (b, "x");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, rng_gauss ());
  json_builder_end_array (b);
  json_builder_set_member_name (b, "y");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, rng_gauss ());
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "layout");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, 1000);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, 700);
  json_builder_set_member_name (b, "xaxis");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "range");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, -5);
  json_builder_add_int_value (b, 5);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "yaxis");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "range");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, -5);
  json_builder_add_int_value (b, 5);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
chart_test_gen_line (guint n)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  double y = 0;

  rng_state = 777;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "data");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "scattergl");
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, "lines");
  json_builder_set_member_name (b, "y");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      y += rng_gauss ();
      json_builder_add_double_value (b, y);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "layout");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "width");
  json_builder_add_int_value (b, 1000);
  json_builder_set_member_name (b, "height");
  json_builder_add_int_value (b, 700);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
