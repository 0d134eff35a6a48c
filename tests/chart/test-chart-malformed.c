/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Malformed figures: wrong types, mismatched lengths, NaN, strings in
 * numeric arrays, unknown keys and trace types.  None may crash; each
 * problem is logged naming the trace and key; what can be drawn is drawn,
 * and a figure with nothing drawable shows its problems in the plot area.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "chart-test-util.h"
#include "nd-json.h"

typedef struct {
  const char *name;
  const char *json;
  const char *expect;     /* substring of the reported problems, NULL for none */
  gboolean    drawable;   /* something of the data is still drawn */
} Case;

static const Case cases[] = {
  { "not-object", "[1,2,3]", "figure: not a JSON object", FALSE },
  { "null", "null", "figure: not a JSON object", FALSE },
  { "data-not-array", "{\"data\": {\"x\": 1}}", "data: not an array", FALSE },
  { "layout-not-object", "{\"data\": [{\"y\": [1,2]}], \"layout\": 5}", "layout: not an object", TRUE },
  { "trace-not-object", "{\"data\": [5, {\"y\": [1,2,3]}]}", "trace 0: trace: not an object", TRUE },
  { "x-not-array", "{\"data\": [{\"x\": 5, \"y\": [1,2,3]}]}", "trace 0: x: not an array", TRUE },
  { "y-string", "{\"data\": [{\"x\": [1,2], \"y\": \"abc\"}]}", "trace 0: y: not an array", TRUE },
  { "no-data-keys", "{\"data\": [{\"type\": \"scatter\"}]}", "trace 0: y: missing", FALSE },
  { "lengths", "{\"data\": [{\"x\": [1,2,3,4], \"y\": [1,2]}]}", "trace 0: x/y: lengths differ", TRUE },
  { "strings-in-numbers", "{\"data\": [{\"x\": [1,2,3,4], \"y\": [1,\"two\",3,{\"a\":1}]}]}",
    "trace 0: y: 2 values not usable", TRUE },
  { "all-strings-y-linear", "{\"data\": [{\"x\": [1,2,3], \"y\": [\"a\",\"b\",\"c\"]}], \"layout\": {\"yaxis\": {\"type\": \"linear\"}}}",
    "trace 0: y: 3 values not usable on a linear axis", FALSE },
  { "unknown-type", "{\"data\": [{\"type\": \"pie\", \"values\": [1,2]}, {\"y\": [1,2]}]}",
    "trace 0: type: 'pie' is not supported", TRUE },
  { "type-not-string", "{\"data\": [{\"type\": 7, \"y\": [1,2]}]}", "trace 0: type: not a string", FALSE },
  { "unknown-keys", "{\"data\": [{\"y\": [1,2,3], \"frobnicate\": true, \"marker\": {\"wobble\": 3}}], \"layout\": {\"zzz\": 1}, \"frames\": []}",
    NULL, TRUE },
  { "bad-colors", "{\"data\": [{\"y\": [1,2,3], \"marker\": {\"color\": \"notacolour\"}}]}",
    "trace 0: marker.color: 'notacolour' is not a colour", TRUE },
  { "marker-size-string", "{\"data\": [{\"y\": [1,2,3], \"mode\": \"markers\", \"marker\": {\"size\": \"big\"}}]}",
    "trace 0: marker.size", TRUE },
  { "marker-size-array-bad", "{\"data\": [{\"y\": [1,2,3], \"mode\": \"markers\", \"marker\": {\"size\": [1, \"x\", null]}}]}",
    "trace 0: marker.size: 1 non-numeric value skipped", TRUE },
  { "heatmap-z-flat", "{\"data\": [{\"type\": \"heatmap\", \"z\": [1,2,3]}]}", "trace 0: z: not a 2-D array", FALSE },
  { "heatmap-z-missing", "{\"data\": [{\"type\": \"heatmap\"}]}", "trace 0: z: missing", FALSE },
  { "heatmap-ragged", "{\"data\": [{\"type\": \"heatmap\", \"z\": [[1,2,3],[4],\"x\",[5,\"y\",6]]}]}",
    "trace 0: z: ", TRUE },
  { "heatmap-x-short", "{\"data\": [{\"type\": \"heatmap\", \"z\": [[1,2,3],[4,5,6]], \"x\": [1]}]}",
    "trace 0: x: has 1 values for 3 cells", TRUE },
  { "bar-no-y", "{\"data\": [{\"type\": \"bar\", \"x\": [1,2]}]}", "trace 0: y: missing", FALSE },
  { "bar-base-bad", "{\"data\": [{\"type\": \"bar\", \"x\": [1,2], \"y\": [3,4], \"base\": \"low\"}]}",
    "trace 0: base", TRUE },
  { "histogram-empty", "{\"data\": [{\"type\": \"histogram\", \"x\": []}]}", NULL, FALSE },
  { "histogram-strings", "{\"data\": [{\"type\": \"histogram\", \"x\": [1,2,\"q\",3], \"xaxis\": \"x\"}], \"layout\": {\"xaxis\": {\"type\": \"linear\"}}}",
    "trace 0: x: 1 value not usable", TRUE },
  { "histogram-bins-bad", "{\"data\": [{\"type\": \"histogram\", \"x\": [1,2,3], \"xbins\": {\"start\": 5, \"end\": 1, \"size\": 1}}]}",
    "trace 0: xbins: empty bin range", FALSE },
  { "log-nonpositive", "{\"data\": [{\"x\": [1,2,3], \"y\": [-1, 0, 10]}], \"layout\": {\"yaxis\": {\"type\": \"log\"}}}",
    NULL, TRUE },
  { "dates-bad", "{\"data\": [{\"x\": [\"2020-01-01\", \"2020-13-45\", \"2020-02-01\"], \"y\": [1,2,3]}]}",
    "trace 0: x: 1 value not usable on a date axis", TRUE },
  { "range-bad", "{\"data\": [{\"y\": [1,2,3]}], \"layout\": {\"xaxis\": {\"range\": [\"a\", null]}, \"yaxis\": {\"range\": 3}}}",
    NULL, TRUE },
  { "deep-junk", "{\"data\": [{\"y\": [[1],[2]], \"x\": [{}, []], \"text\": 5, \"textposition\": 3}], \"layout\": {\"title\": 5, \"legend\": [], \"margin\": \"x\", \"annotations\": [5, {\"text\": 3}], \"shapes\": [\"x\", {\"type\": \"rect\"}]}}",
    "trace 0: ", FALSE },
  { "colorscale-bad", "{\"data\": [{\"type\": \"heatmap\", \"z\": [[1,2],[3,4]], \"colorscale\": \"NoSuchScale\"}]}",
    "trace 0: colorscale: not a colour scale", TRUE },
  { "huge-values", "{\"data\": [{\"x\": [1e308, -1e308, 0], \"y\": [1e-308, 1e308, 5]}]}", NULL, TRUE },
  { "single-point", "{\"data\": [{\"x\": [3], \"y\": [3]}]}", NULL, TRUE },
  { "all-null", "{\"data\": [{\"x\": [null, null], \"y\": [null, null]}]}", NULL, TRUE },
};

/* The message colour drawn in the plot area (a dark red). */
static gboolean
has_message_pixels (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *d = cairo_image_surface_get_data (s);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = *(const guint32 *) (d + y * stride + 4 * x);
        int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;

        if (r > 120 && r < 170 && g < 60 && b < 60)
          return TRUE;
      }
  return FALSE;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) fig = nd_json_parse (c->json, -1, ND_JSON_DEFAULT_MAX_DEPTH, &error);
  g_autoptr(NdChart) chart = NULL;
  cairo_surface_t *s;
  const char *msg;
  guint before = chart_test_n_warnings ();

  g_assert_no_error (error);
  chart = nd_chart_new (fig);
  s = chart_test_render (fig, NULL, NULL);
  msg = nd_chart_get_message (chart);
  if (c->expect)
    {
      g_assert_nonnull (msg);
      if (strstr (msg, c->expect) == NULL)
        g_test_fail_printf ("problems '%s' do not mention '%s'", msg, c->expect);
      g_assert_cmpuint (chart_test_n_warnings (), >, before);
    }
  /* nothing drawable and a problem: the problem is shown */
  if (!c->drawable && msg)
    g_assert_true (has_message_pixels (s));
  if (c->drawable)
    g_assert_false (has_message_pixels (s));
  /* the widget API works on any chart */
  {
    double x, y, w, h;
    int t, p;

    nd_chart_get_plot_area (chart, &x, &y, &w, &h);
    g_assert_cmpfloat (w, >, 0);
    nd_chart_hit_test (chart, x + w / 2, y + h / 2, 5, &t, &p);
    (void) nd_chart_get_n_legend_items (chart);
    g_assert_true (isfinite (nd_chart_pixel_to_x (chart, x + 1)));
  }
  cairo_surface_destroy (s);
}

/* A figure built in code with NaN and infinities. */
static void
test_nan (void)
{
  g_autoptr(JsonNode) fig = json_from_string ("{\"data\": [{\"x\": [1,2,3,4], \"y\": [1,0,3,4]},"
                                              "{\"type\": \"bar\", \"x\": [1,2], \"y\": [1,1]},"
                                              "{\"type\": \"heatmap\", \"z\": [[1,0],[0,1]]}]}", NULL);
  JsonArray *data = json_object_get_array_member (json_node_get_object (fig), "data");
  JsonArray *y = json_object_get_array_member (json_array_get_object_element (data, 0), "y");
  JsonArray *by = json_object_get_array_member (json_array_get_object_element (data, 1), "y");
  JsonArray *z = json_array_get_array_element (json_object_get_array_member (json_array_get_object_element (data, 2), "z"), 0);
  g_autoptr(NdChart) chart = NULL;
  cairo_surface_t *s;

  json_node_set_double (json_array_get_element (y, 1), NAN);
  json_node_set_double (json_array_get_element (y, 2), INFINITY);
  json_node_set_double (json_array_get_element (by, 0), -INFINITY);
  json_node_set_double (json_array_get_element (z, 1), NAN);
  chart = nd_chart_new (fig);
  s = chart_test_render (fig, NULL, NULL);
  g_assert_nonnull (nd_chart_get_message (chart));
  g_assert_nonnull (strstr (nd_chart_get_message (chart), "trace 0: y"));
  g_assert_false (has_message_pixels (s));
  cairo_surface_destroy (s);
}

/* Degenerate sizes must not crash either. */
static void
test_tiny_sizes (void)
{
  g_autofree char *path = g_build_filename (CHART_TEST_DIR, "figures", "scatter-bubble.json", NULL);
  g_autoptr(JsonNode) fig = chart_test_load (path);
  int sizes[][2] = { { 1, 1 }, { 10, 300 }, { 300, 10 }, { 161, 181 }, { 4000, 50 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *s = chart_test_render (fig, &sizes[i][0], &sizes[i][1]);
      cairo_surface_destroy (s);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  chart_test_quiet_warnings ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strconcat ("/chart/malformed/", cases[i].name, NULL);

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/chart/malformed/nan-inf", test_nan);
  g_test_add_func ("/chart/malformed/tiny-sizes", test_tiny_sizes);
  ret = g_test_run ();
  chart_test_cleanup ();
  return ret;
}
