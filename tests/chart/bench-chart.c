/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * bench-chart: frame times of the large cases at 1000×700 (median of
 * repetitions, first frame dropped).  A manual tool, not a test:
 *
 *   bench-chart [case...]
 */
#include "config.h"

#include <fontconfig/fontconfig.h>
#include <string.h>
#include <time.h>

#include "nd-chart-private.h"

static guint32 rng_state;

static double
uni (void)
{
  guint32 t = (rng_state += 0x6D2B79F5u);

  t = (t ^ (t >> 15)) * (t | 1u);
  t ^= t + (t ^ (t >> 7)) * (t | 61u);
  return (t ^ (t >> 14)) / 4294967296.0;
}

static double
gauss (void)
{
  return sqrt (-2 * log (MAX (uni (), 1e-12))) * cos (2 * G_PI * uni ());
}

static JsonArray *
num_array (guint n, double (*gen) (guint))
{
  JsonArray *a = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    json_array_add_double_element (a, gen (i));
  return a;
}

static double g_gauss (guint i) { return gauss (); }
static double g_index (guint i) { return i; }
static double walk_y;
static double g_walk (guint i) { return walk_y += gauss (); }

static JsonNode *
figure (JsonObject *trace, gboolean fixed_range)
{
  JsonObject *fig = json_object_new (), *layout = json_object_new ();
  JsonArray *data = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_array_add_object_element (data, trace);
  json_object_set_array_member (fig, "data", data);
  json_object_set_int_member (layout, "width", 1000);
  json_object_set_int_member (layout, "height", 700);
  if (fixed_range)
    {
      const char *axes[] = { "xaxis", "yaxis" };

      for (int i = 0; i < 2; i++)
        {
          JsonObject *ax = json_object_new ();
          JsonArray *r = json_array_new ();

          json_array_add_int_element (r, -5);
          json_array_add_int_element (r, 5);
          json_object_set_array_member (ax, "range", r);
          json_object_set_object_member (layout, axes[i], ax);
        }
    }
  json_object_set_object_member (fig, "layout", layout);
  json_node_take_object (node, fig);
  return node;
}

static JsonNode *
make_case (const char *name)
{
  JsonObject *t = json_object_new ();
  guint n = 0;

  rng_state = 1;
  walk_y = 0;
  if (g_str_has_prefix (name, "scatter_"))
    {
      n = strcmp (name, "scatter_10k") == 0 ? 10000 : strcmp (name, "scatter_100k") == 0 ? 100000 : 1000000;
      json_object_set_string_member (t, "type", "scattergl");
      json_object_set_string_member (t, "mode", "markers");
      json_object_set_array_member (t, "x", num_array (n, g_gauss));
      json_object_set_array_member (t, "y", num_array (n, g_gauss));
      return figure (t, TRUE);
    }
  if (g_str_has_prefix (name, "line_"))
    {
      n = strcmp (name, "line_100k") == 0 ? 100000 : strcmp (name, "line_1m") == 0 ? 1000000 : 10000000;
      json_object_set_string_member (t, "type", "scattergl");
      json_object_set_string_member (t, "mode", "lines");
      json_object_set_array_member (t, "x", num_array (n, g_index));
      json_object_set_array_member (t, "y", num_array (n, g_walk));
      return figure (t, FALSE);
    }
  if (strcmp (name, "bar_50x3") == 0)
    {
      JsonObject *fig = json_object_new (), *layout = json_object_new ();
      JsonArray *data = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_unref (t);
      for (int k = 0; k < 3; k++)
        {
          JsonObject *b = json_object_new ();
          JsonArray *x = json_array_new (), *y = json_array_new ();

          for (int i = 0; i < 50; i++)
            {
              g_autofree char *cat = g_strdup_printf ("c%02d", i);
              json_array_add_string_element (x, cat);
              json_array_add_double_element (y, 10 + 5 * gauss ());
            }
          json_object_set_string_member (b, "type", "bar");
          json_object_set_array_member (b, "x", x);
          json_object_set_array_member (b, "y", y);
          json_array_add_object_element (data, b);
        }
      json_object_set_array_member (fig, "data", data);
      json_object_set_int_member (layout, "width", 1000);
      json_object_set_int_member (layout, "height", 700);
      json_object_set_object_member (fig, "layout", layout);
      json_node_take_object (node, fig);
      return node;
    }
  if (strcmp (name, "histogram_1m") == 0)
    {
      json_object_set_string_member (t, "type", "histogram");
      json_object_set_int_member (t, "nbinsx", 100);
      json_object_set_array_member (t, "x", num_array (1000000, g_gauss));
      return figure (t, FALSE);
    }
  if (strcmp (name, "heatmap_500") == 0)
    {
      JsonArray *z = json_array_new ();

      for (int r = 0; r < 500; r++)
        {
          JsonArray *row = json_array_new ();

          for (int c = 0; c < 500; c++)
            json_array_add_double_element (row, sin (r / 30.0) * cos (c / 20.0) + 0.1 * gauss ());
          json_array_add_array_element (z, row);
        }
      json_object_set_string_member (t, "type", "heatmap");
      json_object_set_array_member (t, "z", z);
      return figure (t, FALSE);
    }
  json_object_unref (t);
  return NULL;
}

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  static const char *all[] = { "scatter_10k", "scatter_100k", "scatter_1m", "line_100k", "line_1m",
                               "line_10m", "bar_50x3", "histogram_1m", "heatmap_500" };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 700);
  int ncases = argc > 1 ? argc - 1 : (int) G_N_ELEMENTS (all);

  for (int k = 0; k < ncases; k++)
    {
      const char *name = argc > 1 ? argv[k + 1] : all[k];
      JsonNode *fig = make_case (name);
      double parse_t, t[9], t0;
      NdChart *chart;
      int reps = 9;

      if (fig == NULL)
        {
          g_printerr ("unknown case %s\n", name);
          continue;
        }
      t0 = now_ms ();
      chart = nd_chart_new (fig);
      parse_t = now_ms () - t0;
      for (int r = 0; r <= reps; r++)
        {
          cairo_t *cr = cairo_create (s);

          /* each frame re-lays out: ranges, ticks, decimation, binning of pixels */
          chart->layout_valid = FALSE;
          t0 = now_ms ();
          nd_chart_render (chart, cr);
          cairo_surface_flush (s);
          if (r > 0)
            t[r - 1] = now_ms () - t0;
          cairo_destroy (cr);
        }
      qsort (t, reps, sizeof (double), cmp);
      g_print ("%-14s frame median %8.2f ms  (min %7.2f, max %7.2f)   parse+normalise %8.1f ms\n",
               name, t[reps / 2], t[0], t[reps - 1], parse_t);
      if (g_getenv ("BENCH_PNG"))
        {
          g_autofree char *png = g_strdup_printf ("%s/%s.png", g_getenv ("BENCH_PNG"), name);
          cairo_surface_write_to_png (s, png);
        }
      g_object_unref (chart);
      json_node_unref (fig);
    }
  cairo_surface_destroy (s);
  cairo_debug_reset_static_data ();
  FcFini ();
  return 0;
}
