/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * nd_px_* against plotly.express 5.4: each case builds a figure from the
 * same data as tests/data/make-expected.py and compares it with the JSON
 * px wrote (tests/data/expected/<case>.json): key order ignored, numbers
 * compared as numbers (relative tolerance 1e-9), line modes as sets.
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "nd-builder.h"
#include "nd-dataset.h"
#include "nd-express.h"
#include "nd-frame.h"
#include "nd-json.h"

static NdFrame *gapminder, *g2007, *tips, *iris, *stocks, *fruit, *flags, *gdp_life;

static gboolean
numbers_close (double a, double b)
{
  if (a == b)
    return TRUE;
  return fabs (a - b) <= 1e-9 * MAX (fabs (a), fabs (b));
}

static gboolean
same_mode (const char *a, const char *b)
{
  g_auto(GStrv) pa = g_strsplit (a, "+", -1);
  g_auto(GStrv) pb = g_strsplit (b, "+", -1);

  if (g_strv_length (pa) != g_strv_length (pb))
    return FALSE;
  for (guint k = 0; pa[k]; k++)
    if (!g_strv_contains ((const char * const *) pb, pa[k]))
      return FALSE;
  return TRUE;
}

/* Appends where @got and @want first differ to @why. */
static gboolean
json_close (JsonNode *got, JsonNode *want, const char *path, GString *why)
{
  if (nd_json_is_null (got) || nd_json_is_null (want))
    {
      if (nd_json_is_null (got) && nd_json_is_null (want))
        return TRUE;
      g_string_append_printf (why, "%s: one is null", path);
      return FALSE;
    }
  if (JSON_NODE_TYPE (got) != JSON_NODE_TYPE (want))
    {
      g_string_append_printf (why, "%s: different JSON types", path);
      return FALSE;
    }
  switch (JSON_NODE_TYPE (got))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *og = json_node_get_object (got), *ow = json_node_get_object (want);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, ow);
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *sub = g_strdup_printf ("%s.%s", path, name);

            if (!json_object_has_member (og, name))
              {
                g_string_append_printf (why, "%s: missing", sub);
                return FALSE;
              }
            if (strcmp (name, "mode") == 0 && nd_json_is_string (member) &&
                nd_json_is_string (json_object_get_member (og, name)))
              {
                if (!same_mode (json_object_get_string_member (og, name),
                                json_node_get_string (member)))
                  {
                    g_string_append_printf (why, "%s: '%s', px has '%s'", sub,
                                            json_object_get_string_member (og, name),
                                            json_node_get_string (member));
                    return FALSE;
                  }
                continue;
              }
            if (!json_close (json_object_get_member (og, name), member, sub, why))
              return FALSE;
          }
        json_object_iter_init (&iter, og);
        while (json_object_iter_next (&iter, &name, &member))
          if (!json_object_has_member (ow, name))
            {
              g_string_append_printf (why, "%s.%s: not in px's figure", path, name);
              return FALSE;
            }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *ag = json_node_get_array (got), *aw = json_node_get_array (want);

        if (json_array_get_length (ag) != json_array_get_length (aw))
          {
            g_string_append_printf (why, "%s: %u elements, px has %u", path,
                                    json_array_get_length (ag), json_array_get_length (aw));
            return FALSE;
          }
        for (guint k = 0; k < json_array_get_length (ag); k++)
          {
            g_autofree char *sub = g_strdup_printf ("%s[%u]", path, k);

            if (!json_close (json_array_get_element (ag, k), json_array_get_element (aw, k),
                             sub, why))
              return FALSE;
          }
        return TRUE;
      }
    default:
      if (nd_json_is_number (got) && nd_json_is_number (want))
        {
          if (numbers_close (nd_json_get_number (got), nd_json_get_number (want)))
            return TRUE;
          g_string_append_printf (why, "%s: %.17g, px has %.17g", path,
                                  nd_json_get_number (got), nd_json_get_number (want));
          return FALSE;
        }
      if (!nd_json_equal (got, want))
        {
          g_autofree char *a = nd_json_to_string (got, FALSE);
          g_autofree char *b = nd_json_to_string (want, FALSE);

          g_string_append_printf (why, "%s: %s, px has %s", path, a, b);
          return FALSE;
        }
      return TRUE;
    }
}

/* The cases: the same calls as make-expected.py's CASES. */

static JsonNode *
seed_histogram_avg_life_exp (void)
{
  return nd_px_histogram (g2007, "x", "continent", "y", "lifeExp", "histfunc", "avg", NULL);
}

static JsonNode *
seed_histogram_avg_pop (void)
{
  return nd_px_histogram (g2007, "x", "continent", "y", "pop", "histfunc", "avg", NULL);
}

static JsonNode *
seed_histogram_avg_gdp (void)
{
  return nd_px_histogram (g2007, "x", "continent", "y", "gdpPercap", "histfunc", "avg", NULL);
}

static JsonNode *
seed_line_canada (void)
{
  g_autoptr(NdFrame) dff = nd_frame_filter_equal_string (gapminder, "country", "Canada", NULL);

  return nd_px_line (dff, "x", "year", "y", "pop", NULL);
}

static JsonNode *
seed_bar_fruit (void)
{
  return nd_px_bar (fruit, "x", "Fruit", "y", "Amount", "color", "City", "barmode", "group", NULL);
}

static JsonNode *
seed_scatter_gdp_life_exp (void)
{
  return nd_px_scatter (gdp_life, "x", "gdp per capita", "y", "life expectancy",
                        "size", "population", "color", "continent", "hover_name", "country",
                        "log_x", TRUE, "size_max", 60, NULL);
}

static JsonNode *
seed_scatter_slider (int year)
{
  g_autoptr(NdFrame) filtered = nd_frame_filter_equal_number (gapminder, "year", year, NULL);

  return nd_px_scatter (filtered, "x", "gdpPercap", "y", "lifeExp", "size", "pop",
                        "color", "continent", "hover_name", "country",
                        "log_x", TRUE, "size_max", 55, NULL);
}

static JsonNode *
seed_scatter_slider_2007 (void)
{
  return seed_scatter_slider (2007);
}

static JsonNode *
seed_scatter_slider_1952 (void)
{
  return seed_scatter_slider (1952);
}

static JsonNode *
scatter_webgl (void)
{
  return nd_px_scatter (gapminder, "x", "gdpPercap", "y", "lifeExp", NULL);
}

static JsonNode *
scatter_continuous_color (void)
{
  return nd_px_scatter (g2007, "x", "gdpPercap", "y", "lifeExp", "color", "pop", "log_y", TRUE,
                        "labels", nd_dict ("pop", "Population", "gdpPercap", "GDP per capita"),
                        NULL);
}

static JsonNode *
scatter_orders_style (void)
{
  return nd_px_scatter (iris, "x", "sepal_width", "y", "sepal_length", "color", "species",
                        "category_orders", nd_dict ("species", nd_list ("virginica", "setosa")),
                        "color_discrete_sequence", nd_list ("red", "green", "blue"),
                        "title", "Iris", "width", 600, "height", 400, "opacity", 0.7, NULL);
}

static JsonNode *
scatter_hover_data (void)
{
  return nd_px_scatter (tips, "x", "total_bill", "y", "tip", "color", "smoker",
                        "hover_data", nd_list ("day", "size"), NULL);
}

static JsonNode *
scatter_y_only (void)
{
  return nd_px_scatter (iris, "y", "petal_length", NULL);
}

static JsonNode *
scatter_x_only (void)
{
  return nd_px_scatter (iris, "x", "petal_length", NULL);
}

static JsonNode *
scatter_bool_color (void)
{
  return nd_px_scatter (flags, "x", "a", "y", "c", "color", "b", NULL);
}

static JsonNode *
scatter_render_svg (void)
{
  return nd_px_scatter (gapminder, "x", "year", "y", "pop", "render_mode", "svg", NULL);
}

static JsonNode *
line_color (void)
{
  g_autoptr(NdFrame) oceania = nd_frame_filter_equal_string (gapminder, "continent", "Oceania", NULL);

  return nd_px_line (oceania, "x", "year", "y", "lifeExp", "color", "country", NULL);
}

static JsonNode *
line_int_color_markers (void)
{
  g_autoptr(NdFrame) oceania = nd_frame_filter_equal_string (gapminder, "continent", "Oceania", NULL);

  return nd_px_line (oceania, "x", "year", "y", "gdpPercap", "color", "iso_num",
                     "markers", TRUE, NULL);
}

static JsonNode *
line_index (void)
{
  return nd_px_line (stocks, "y", "GOOG", NULL);
}

static JsonNode *
line_dates (void)
{
  return nd_px_line (stocks, "x", "date", "y", "AAPL", "title", "AAPL", NULL);
}

static JsonNode *
line_empty (void)
{
  g_autoptr(NdFrame) none = nd_frame_filter_equal_number (gapminder, "year", 1, NULL);

  return nd_px_line (none, "x", "year", "y", "pop", NULL);
}

static JsonNode *
line_filtered_index (void)
{
  g_autoptr(NdFrame) chile = nd_frame_filter_equal_string (gapminder, "country", "Chile", NULL);

  return nd_px_line (chile, "y", "lifeExp", NULL);
}

static JsonNode *
line_webgl (void)
{
  return nd_px_line (gapminder, "x", "year", "y", "lifeExp", "color", "continent", NULL);
}

static JsonNode *
bar_count (void)
{
  return nd_px_bar (tips, "x", "day", NULL);
}

static JsonNode *
bar_x_is_color (void)
{
  return nd_px_bar (tips, "x", "day", "y", "tip", "color", "day", NULL);
}

static JsonNode *
bar_horizontal (void)
{
  g_autoptr(NdFrame) head = nd_frame_head (g2007, 12);

  return nd_px_bar (head, "x", "pop", "y", "country", NULL);
}

static JsonNode *
bar_continuous_color (void)
{
  g_autoptr(NdFrame) head = nd_frame_head (g2007, 20);

  return nd_px_bar (head, "x", "country", "y", "pop", "color", "lifeExp", NULL);
}

static JsonNode *
bar_x_numeric_only (void)
{
  return nd_px_bar (flags, "x", "c", NULL);
}

static JsonNode *
bar_overlay_orders (void)
{
  return nd_px_bar (tips, "x", "day", "y", "total_bill", "color", "sex", "barmode", "overlay",
                    "category_orders", nd_dict ("day", nd_list ("Thur", "Fri", "Sat", "Sun")),
                    NULL);
}

static JsonNode *
histogram_color_nbins (void)
{
  return nd_px_histogram (g2007, "x", "lifeExp", "color", "continent", "nbins", 20, NULL);
}

static JsonNode *
histogram_x_only (void)
{
  return nd_px_histogram (tips, "x", "total_bill", NULL);
}

static JsonNode *
histogram_y_only (void)
{
  return nd_px_histogram (tips, "y", "day", NULL);
}

static JsonNode *
histogram_sum (void)
{
  return nd_px_histogram (tips, "x", "day", "y", "total_bill", NULL);
}

static JsonNode *
histogram_overlay (void)
{
  return nd_px_histogram (tips, "x", "total_bill", "color", "sex", "barmode", "overlay",
                          "nbins", 30, NULL);
}

static JsonNode *
histogram_float_color_log (void)
{
  return nd_px_histogram (iris, "x", "sepal_length", "color", "petal_width", "log_y", TRUE,
                          "labels", nd_dict ("sepal_length", "Sepal length"), NULL);
}

static JsonNode *
histogram_h_max (void)
{
  return nd_px_histogram (tips, "x", "tip", "y", "day", "histfunc", "max",
                          "orientation", "h", NULL);
}

typedef struct
{
  const char *name;
  JsonNode *(*build) (void);
} Case;

static const Case cases[] = {
  { "seed-histogram-avg-lifeExp", seed_histogram_avg_life_exp },
  { "seed-histogram-avg-pop", seed_histogram_avg_pop },
  { "seed-histogram-avg-gdpPercap", seed_histogram_avg_gdp },
  { "seed-line-canada", seed_line_canada },
  { "seed-bar-fruit-group", seed_bar_fruit },
  { "seed-scatter-gdp-life-exp", seed_scatter_gdp_life_exp },
  { "seed-scatter-slider-2007", seed_scatter_slider_2007 },
  { "seed-scatter-slider-1952", seed_scatter_slider_1952 },
  { "scatter-webgl", scatter_webgl },
  { "scatter-continuous-color", scatter_continuous_color },
  { "scatter-orders-style", scatter_orders_style },
  { "scatter-hover-data", scatter_hover_data },
  { "scatter-y-only", scatter_y_only },
  { "scatter-x-only", scatter_x_only },
  { "scatter-bool-color", scatter_bool_color },
  { "scatter-render-svg", scatter_render_svg },
  { "line-color", line_color },
  { "line-int-color-markers", line_int_color_markers },
  { "line-index", line_index },
  { "line-dates", line_dates },
  { "line-empty", line_empty },
  { "line-filtered-index", line_filtered_index },
  { "line-webgl", line_webgl },
  { "bar-count", bar_count },
  { "bar-x-is-color", bar_x_is_color },
  { "bar-horizontal", bar_horizontal },
  { "bar-continuous-color", bar_continuous_color },
  { "bar-x-numeric-only", bar_x_numeric_only },
  { "bar-overlay-orders", bar_overlay_orders },
  { "histogram-color-nbins", histogram_color_nbins },
  { "histogram-x-only", histogram_x_only },
  { "histogram-y-only", histogram_y_only },
  { "histogram-sum", histogram_sum },
  { "histogram-overlay", histogram_overlay },
  { "histogram-float-color-log", histogram_float_color_log },
  { "histogram-h-max", histogram_h_max },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) want = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *text = NULL;

  if (gapminder == NULL)
    {
      g_test_skip ("plotly's datasets are not installed in " ND_DATASET_DIR);
      return;
    }
  path = g_strdup_printf ("%s/expected/%s.json", DATA_SRCDIR, c->name);
  want = nd_json_parse_file (path, 0, &error);
  g_assert_no_error (error);
  got = c->build ();
  g_assert_nonnull (got);
  if (!json_close (got, want, "figure", why))
    g_error ("%s: %s", c->name, why->str);

  /* what Dash sends to the renderer is the same figure */
  text = nd_json_to_string (got, FALSE);
  {
    g_autoptr(JsonNode) back = nd_json_parse (text, -1, 0, &error);

    g_assert_no_error (error);
    g_assert_true (nd_json_equal (back, got));
  }
}

/* A layout-level reading of one seed figure, so a regression shows as a
 * named property rather than a path into an expected file. */
static void
test_bubble_details (void)
{
  g_autoptr(JsonNode) fig = NULL;
  JsonObject *layout, *trace, *marker;
  JsonArray *data;

  if (gapminder == NULL)
    {
      g_test_skip ("no datasets");
      return;
    }
  fig = seed_scatter_slider_2007 ();
  data = json_object_get_array_member (json_node_get_object (fig), "data");
  layout = json_object_get_object_member (json_node_get_object (fig), "layout");
  g_assert_cmpuint (json_array_get_length (data), ==, 5);

  /* continents in order of first appearance, Plotly colors in turn */
  trace = json_array_get_object_element (data, 0);
  g_assert_cmpstr (json_object_get_string_member (trace, "name"), ==, "Asia");
  g_assert_cmpstr (json_object_get_string_member (trace, "type"), ==, "scatter");
  marker = json_object_get_object_member (trace, "marker");
  g_assert_cmpstr (json_object_get_string_member (marker, "color"), ==, "#636efa");
  g_assert_cmpstr (json_object_get_string_member (marker, "sizemode"), ==, "area");
  /* max(pop) / size_max²: China's 1318683096 / 55² */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (marker, "sizeref"),
                                  1318683096.0 / (55 * 55), 1e-6);
  g_assert_cmpstr (json_object_get_string_member (trace, "hovertemplate"), ==,
                   "<b>%{hovertext}</b><br><br>continent=Asia<br>gdpPercap=%{x}<br>"
                   "lifeExp=%{y}<br>pop=%{marker.size}<extra></extra>");
  trace = json_array_get_object_element (data, 4);
  g_assert_cmpstr (json_object_get_string_member (trace, "name"), ==, "Oceania");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (trace, "marker"),
                                                  "color"), ==, "#FFA15A");

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (layout, "xaxis"),
                                                  "type"), ==, "log");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (layout, "legend"),
                                                    "title"), "text"), ==, "continent");
  g_assert_false (json_object_has_member (layout, "template"));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) fig = NULL;
  g_autoptr(NdFrame) frame = nd_frame_new ();
  const double v[] = { 1, 2 };

  g_assert_true (nd_frame_add_doubles (frame, "a", v, 2, NULL));

  /* a name that is not a column: px's ValueError, naming both */
  fig = nd_px_build (ND_PX_SCATTER, frame, &error, "x", "a", "y", "nope", NULL);
  g_assert_null (fig);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NO_COLUMN);
  g_assert_nonnull (strstr (error->message, "'y'"));
  g_assert_nonnull (strstr (error->message, "nope"));
  g_assert_nonnull (strstr (error->message, "'a'"));
  g_clear_error (&error);

  /* an option px.line does not have; the JSON values are still taken */
  fig = nd_px_build (ND_PX_LINE, frame, &error, "x", "a", "size", "a",
                     "labels", nd_dict ("a", "A"), "y", "a", NULL);
  g_assert_null (fig);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "px.line() got an unexpected keyword argument 'size'"));
  g_clear_error (&error);

  fig = nd_px_build (ND_PX_BAR, frame, &error, "x", "a", "labels", nd_dict ("a", "A"),
                     "colour", "a", NULL);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "'colour'"));
  g_clear_error (&error);

  fig = nd_px_build (ND_PX_HISTOGRAM, frame, &error, "x", "a", "histfunc", "median", NULL);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT);
  g_clear_error (&error);

  fig = nd_px_build (ND_PX_SCATTER, frame, &error, "title", "no x, no y", NULL);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT);
  g_clear_error (&error);

  /* the short forms warn and give NULL */
  g_test_expect_message ("ndash", G_LOG_LEVEL_WARNING, "*not the name of a column*");
  fig = nd_px_scatter (frame, "x", "b", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (fig);

  /* a None column is no column, as in Python */
  fig = nd_px_scatter (frame, "x", "a", "y", "a", "color", (const char *) NULL, NULL);
  g_assert_nonnull (fig);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (fig), "data")), ==, 1);
}

static gboolean
python_has_plotly (void)
{
  const char *argv[] = { PYTHON, "-c", "import plotly.express, pandas", NULL };
  int status = -1;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

/* The committed expected files are what make-expected.py writes today. */
static void
test_expected_current (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *script = g_build_filename (DATA_SRCDIR, "make-expected.py", NULL);
  g_autofree char *err_text = NULL;
  int status = 0;

  if (!python_has_plotly ())
    {
      g_test_skip (PYTHON " has no plotly.express");
      return;
    }
  tmp = g_dir_make_tmp ("nd-express-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { PYTHON, script, tmp, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err_text, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("make-expected.py failed: %s", err_text);
  }
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", cases[k].name);
      g_autofree char *fresh_path = g_build_filename (tmp, name, NULL);
      g_autofree char *kept_path = g_build_filename (DATA_SRCDIR, "expected", name, NULL);
      g_autofree char *fresh = NULL;
      g_autofree char *kept = NULL;

      g_assert_true (g_file_get_contents (fresh_path, &fresh, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (kept_path, &kept, NULL, &error));
      g_assert_no_error (error);
      if (strcmp (fresh, kept) != 0)
        g_error ("tests/data/expected/%s is out of date: run make-expected.py", name);
      g_unlink (fresh_path);
    }
  g_rmdir (tmp);
}

static void
load_frames (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) fruit_columns = NULL;
  g_autoptr(JsonNode) flag_columns = NULL;

  gapminder = nd_frame_load_dataset ("gapminder", &error);
  if (gapminder == NULL)
    {
      g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NOT_FOUND);
      return;
    }
  g2007 = nd_frame_filter_equal_number (gapminder, "year", 2007, &error);
  g_assert_no_error (error);
  tips = nd_frame_load_dataset ("tips", &error);
  g_assert_no_error (error);
  iris = nd_frame_load_dataset ("iris", &error);
  g_assert_no_error (error);
  stocks = nd_frame_load_dataset ("stocks", &error);
  g_assert_no_error (error);
  gdp_life = nd_frame_rename (g2007, &error, "gdpPercap", "gdp per capita",
                              "lifeExp", "life expectancy", "pop", "population", NULL);
  g_assert_no_error (error);

  fruit_columns = nd_dict ("Fruit", nd_list ("Apples", "Oranges", "Bananas", "Apples", "Oranges", "Bananas"),
                           "Amount", nd_list (4, 1, 2, 2, 4, 5),
                           "City", nd_list ("SF", "SF", "SF", "Montreal", "Montreal", "Montreal"));
  fruit = nd_frame_new_from_columns (fruit_columns, &error);
  g_assert_no_error (error);
  flag_columns = nd_dict ("a", nd_list (1, 2, 3, 4),
                          "b", nd_list (nd_bool (TRUE), nd_bool (FALSE), nd_bool (TRUE), nd_bool (TRUE)),
                          "c", nd_list (0.5, 1.5, 0.5, 2.0));
  flags = nd_frame_new_from_columns (flag_columns, &error);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_frames ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/express/px/%s", cases[k].name);
      g_test_add_data_func (path, &cases[k], test_case);
    }
  g_test_add_func ("/express/bubble-details", test_bubble_details);
  g_test_add_func ("/express/errors", test_errors);
  g_test_add_func ("/express/expected-current", test_expected_current);
  status = g_test_run ();

  g_clear_object (&gapminder);
  g_clear_object (&g2007);
  g_clear_object (&tips);
  g_clear_object (&iris);
  g_clear_object (&stocks);
  g_clear_object (&fruit);
  g_clear_object (&flags);
  g_clear_object (&gdp_life);
  return status;
}
