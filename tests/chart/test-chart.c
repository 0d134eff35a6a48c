/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Golden-image tests: every figure in figures/ (one per trace type and
 * layout feature) plus generated dense scatters and lines, rendered and
 * compared with golden/NAME.png.  ND_UPDATE_GOLDEN=1 rewrites goldens.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "nd-json.h"

static void
test_figure (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (CHART_TEST_DIR, "figures", file, NULL);
  g_autoptr(JsonNode) fig = chart_test_load (path);
  cairo_surface_t *s = chart_test_render (fig, NULL, NULL);
  g_autoptr(NdChart) chart = nd_chart_new (fig);

  /* the committed figures are clean: no problems reported */
  g_assert_null (nd_chart_get_message (chart));
  chart_test_check_golden (name, s);
  cairo_surface_destroy (s);
}

static void
test_generated_scatter (void)
{
  g_autoptr(JsonNode) fig = chart_test_gen_scatter (100000, TRUE);
  cairo_surface_t *s = chart_test_render (fig, NULL, NULL);

  chart_test_check_golden ("gen-scattergl-100k", s);
  cairo_surface_destroy (s);
}

static void
test_generated_line (void)
{
  g_autoptr(JsonNode) fig = chart_test_gen_line (200000);
  cairo_surface_t *s = chart_test_render (fig, NULL, NULL);

  chart_test_check_golden ("gen-line-200k", s);
  cairo_surface_destroy (s);
}

/* Raster and vector markers must put the same pixels down. */
static void
test_raster_matches_vector (void)
{
  g_autoptr(JsonNode) gl = chart_test_gen_scatter (1500, TRUE);
  g_autoptr(JsonNode) svg = chart_test_gen_scatter (1500, FALSE);
  cairo_surface_t *a = chart_test_render (gl, NULL, NULL);
  cairo_surface_t *b = chart_test_render (svg, NULL, NULL);
  double diff = chart_test_diff (a, b, 64);

  g_test_message ("raster vs vector: %.3f%% of pixels differ by > 25%%", diff * 100);
  g_assert_cmpfloat (diff, <, 0.002);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Scale 2 doubles every dimension; the picture stays the same. */
static void
test_scale (void)
{
  g_autofree char *path = g_build_filename (CHART_TEST_DIR, "figures", "bar-group.json", NULL);
  g_autoptr(JsonNode) fig = chart_test_load (path);
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "nd-chart-scale.png", NULL);
  g_autofree char *svg = g_build_filename (g_get_tmp_dir (), "nd-chart-scale.svg", NULL);
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "nd-chart-scale.pdf", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *s;
  g_autofree char *svg_text = NULL;

  g_assert_true (nd_chart_to_png (fig, png, 400, 300, 2, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 600);
  cairo_surface_destroy (s);
  g_assert_true (nd_chart_to_svg (fig, svg, 0, 0, 1, &error));
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_true (nd_chart_to_pdf (fig, pdf, 0, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_false (nd_chart_to_png (fig, "/nonexistent-dir/x.png", 0, 0, 1, &error));
  g_assert_error (error, ND_CHART_ERROR, ND_CHART_ERROR_OUTPUT);
  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
}

/* Transforms, legend boxes and hit testing a widget will use. */
static void
test_geometry (void)
{
  g_autofree char *path = g_build_filename (CHART_TEST_DIR, "figures", "bar-group.json", NULL);
  g_autoptr(JsonNode) fig = chart_test_load (path);
  g_autoptr(NdChart) chart = nd_chart_new (fig);
  double x, y, w, h, lo, hi, bx, by, bw, bh;
  int trace = -1, point = -1;
  guint n;
  const int *traces;

  nd_chart_set_size (chart, 700, 450);
  g_assert_true (nd_chart_get_plot_area (chart, &x, &y, &w, &h));
  g_assert_cmpfloat (x, ==, 80);
  g_assert_cmpfloat (y, ==, 100);
  g_assert_cmpint (nd_chart_get_axis_type (chart, ND_CHART_AXIS_X), ==, ND_CHART_AXIS_TYPE_CATEGORY);
  g_assert_cmpstr (nd_chart_get_category (chart, ND_CHART_AXIS_X, 2), ==, "monkeys");
  g_assert_null (nd_chart_get_category (chart, ND_CHART_AXIS_X, 9));
  /* bars: categories from -0.5 to 3.5, values from 0 with 5 % padding */
  nd_chart_get_range (chart, ND_CHART_AXIS_X, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, -0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 3.5, 1e-9);
  nd_chart_get_range (chart, ND_CHART_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 29 / 0.95, 1e-9);
  g_assert_cmpfloat_with_epsilon (nd_chart_x_to_pixel (chart, -0.5), x, 1e-9);
  g_assert_cmpfloat_with_epsilon (nd_chart_pixel_to_y (chart, nd_chart_y_to_pixel (chart, 12.5)), 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (nd_chart_y_to_pixel (chart, 0), y + h, 1e-9);

  g_assert_cmpuint (nd_chart_get_n_legend_items (chart), ==, 3);
  g_assert_true (nd_chart_get_legend_item (chart, 1, &bx, &by, &bw, &bh, &trace));
  g_assert_cmpint (trace, ==, 1);
  g_assert_cmpfloat (bx, >, x + w);
  g_assert_cmpint (nd_chart_legend_item_at (chart, bx + 5, by + bh / 2), ==, 1);
  g_assert_cmpint (nd_chart_legend_item_at (chart, 5, 5), ==, -1);
  traces = nd_chart_get_legend_item_traces (chart, 1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (traces[0], ==, 1);
  g_assert_false (nd_chart_get_legend_item (chart, 3, NULL, NULL, NULL, NULL, NULL));

  /* the LA Zoo monkeys bar (29) is the second of the third group */
  g_assert_true (nd_chart_hit_test (chart, nd_chart_x_to_pixel (chart, 2), nd_chart_y_to_pixel (chart, 20),
                                    0, &trace, &point));
  g_assert_cmpint (trace, ==, 1);
  g_assert_cmpint (point, ==, 2);
  g_assert_false (nd_chart_hit_test (chart, 2, 2, 0, &trace, &point));

  /* a zoom fixes the range; reset goes back */
  nd_chart_set_range (chart, ND_CHART_AXIS_Y, 10, 20);
  nd_chart_get_range (chart, ND_CHART_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 10);
  g_assert_cmpfloat (hi, ==, 20);
  nd_chart_reset_ranges (chart);
  nd_chart_get_range (chart, ND_CHART_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
}

static void
test_scatter_hit (void)
{
  g_autofree char *path = g_build_filename (CHART_TEST_DIR, "figures", "scatter-modes.json", NULL);
  g_autoptr(JsonNode) fig = chart_test_load (path);
  g_autoptr(NdChart) chart = nd_chart_new (fig);
  int trace = -1, point = -1;
  double px, py;

  /* markers trace, point 3: x 4, y 4 + cos 4 */
  px = nd_chart_x_to_pixel (chart, 4);
  py = nd_chart_y_to_pixel (chart, 4 + cos (4));
  g_assert_true (nd_chart_hit_test (chart, px + 1, py - 1, 3, &trace, &point));
  g_assert_cmpint (trace, ==, 1);
  g_assert_cmpint (point, ==, 3);
}

static int
cmp_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

int
main (int argc, char **argv)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *figs = g_build_filename (CHART_TEST_DIR, "figures", NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_open (figs, 0, NULL);
  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)))
    if (g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (names, g_strndup (entry, strlen (entry) - 5));
  g_ptr_array_sort (names, cmp_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *test = g_strconcat ("/chart/golden/", name, NULL);

      g_test_add_data_func (test, name, test_figure);
    }
  g_test_add_func ("/chart/golden/gen-scattergl-100k", test_generated_scatter);
  g_test_add_func ("/chart/golden/gen-line-200k", test_generated_line);
  g_test_add_func ("/chart/raster-matches-vector", test_raster_matches_vector);
  g_test_add_func ("/chart/export-scale", test_scale);
  g_test_add_func ("/chart/geometry", test_geometry);
  g_test_add_func ("/chart/hit-scatter", test_scatter_hit);
  ret = g_test_run ();
  g_ptr_array_unref (names);
  chart_test_cleanup ();
  return ret;
}
