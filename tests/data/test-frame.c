/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * NdFrame: building, filtering, sorting, grouping and JSON, checked
 * against what pandas 1.5 gives for the same data (tests/data/expected,
 * written by make-expected.py).
 */
#include <math.h>
#include <string.h>

#include "nd-builder.h"
#include "nd-dataset.h"
#include "nd-error.h"
#include "nd-frame.h"
#include "nd-json.h"

static NdFrame *gapminder, *tips;

#define NEED_DATASETS()                                   \
  G_STMT_START {                                          \
    if (gapminder == NULL)                                \
      {                                                   \
        g_test_skip ("no datasets in " ND_DATASET_DIR);   \
        return;                                           \
      }                                                   \
  } G_STMT_END

static JsonNode *
expected (const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/expected/%s.json", DATA_SRCDIR, name);
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse_file (path, 0, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse (text, -1, 0, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_json_equal (JsonNode *got, JsonNode *want)
{
  if (!nd_json_equal (got, want))
    {
      g_autofree char *a = nd_json_to_string (got, FALSE);
      g_autofree char *b = nd_json_to_string (want, FALSE);
      g_error ("JSON differs:\n got: %.2000s\nwant: %.2000s", a, b);
    }
}

static void
assert_json_text (JsonNode *got, const char *want_text)
{
  g_autoptr(JsonNode) want = parse (want_text);

  assert_json_equal (got, want);
}

static void
test_build (void)
{
  g_autoptr(NdFrame) frame = nd_frame_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  const double d[] = { 1.5, NAN, -3 };
  const gint64 i[] = { 10, 20, 30 };
  const gboolean b[] = { TRUE, FALSE, TRUE };
  const char *s[] = { "a", NULL, "ç" };
  const char *dates[] = { "2020-02-29", "1969-12-31T23:59:59.5", NULL };
  const char *bad_dates[] = { "2021-02-29", "x", "y" };
  const gint64 short_i[] = { 1, 2 };
  int col;

  g_assert_true (nd_frame_add_doubles (frame, "d", d, 3, &error));
  g_assert_true (nd_frame_add_int64s (frame, "i", i, 3, &error));
  g_assert_true (nd_frame_add_bools (frame, "b", b, 3, &error));
  g_assert_true (nd_frame_add_strings (frame, "s", s, 3, &error));
  g_assert_true (nd_frame_add_dates (frame, "t", dates, 3, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 3);
  g_assert_cmpuint (nd_frame_get_n_columns (frame), ==, 5);
  names = nd_frame_get_column_names (frame);
  g_assert_cmpstrv (names, ((const char *[]) { "d", "i", "b", "s", "t", NULL }));
  g_assert_cmpint (nd_frame_find_column (frame, "s"), ==, 3);
  g_assert_cmpint (nd_frame_find_column (frame, "nope"), ==, -1);
  g_assert_cmpint (nd_frame_get_column_type (frame, 4), ==, ND_COLUMN_DATE);

  g_assert_true (nd_frame_is_null (frame, 0, 1));
  g_assert_false (nd_frame_is_null (frame, 1, 1));
  g_assert_true (nd_frame_is_null (frame, 3, 1));
  g_assert_true (nd_frame_is_null (frame, 4, 2));
  g_assert_cmpfloat (nd_frame_get_double (frame, 1, 2), ==, 30);
  g_assert_cmpfloat (nd_frame_get_double (frame, 2, 1), ==, 0);
  g_assert_true (isnan (nd_frame_get_double (frame, 3, 0)));
  g_assert_cmpstr (nd_frame_get_string (frame, 3, 2), ==, "ç");
  g_assert_null (nd_frame_get_string (frame, 0, 0));
  g_assert_nonnull (nd_frame_peek_doubles (frame, 0));
  g_assert_null (nd_frame_peek_doubles (frame, 1));
  g_assert_cmpint (nd_frame_peek_int64s (frame, 1)[2], ==, 30);
  g_assert_cmpint (nd_frame_peek_bools (frame, 2)[1], ==, 0);
  /* 2020-02-29 is day 18321; half a second before the epoch */
  g_assert_cmpint (nd_frame_peek_dates (frame, 4)[0], ==, G_GINT64_CONSTANT (18321) * 86400 * G_USEC_PER_SEC);
  g_assert_cmpint (nd_frame_peek_dates (frame, 4)[1], ==, -G_USEC_PER_SEC / 2);
  g_assert_cmpstr (nd_frame_peek_strings (frame, 4)[1], ==, "1969-12-31T23:59:59.5");

  {
    g_autoptr(JsonNode) records = nd_frame_to_records (frame);
    assert_json_text (records,
                      "[{\"d\":1.5,\"i\":10,\"b\":true,\"s\":\"a\",\"t\":\"2020-02-29\"},"
                      " {\"d\":null,\"i\":20,\"b\":false,\"s\":null,\"t\":\"1969-12-31T23:59:59.5\"},"
                      " {\"d\":-3,\"i\":30,\"b\":true,\"s\":\"ç\",\"t\":null}]");
  }

  /* df[name] = values: a wrong length is refused, a known name replaced */
  g_assert_false (nd_frame_add_int64s (frame, "j", short_i, 2, &error));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_LENGTH);
  g_clear_error (&error);
  g_assert_false (nd_frame_add_dates (frame, "bad", bad_dates, 3, &error));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "2021-02-29"));
  g_clear_error (&error);
  g_assert_true (nd_frame_add_strings (frame, "i", s, 3, &error));
  col = nd_frame_find_column (frame, "i");
  g_assert_cmpint (col, ==, 1);
  g_assert_cmpint (nd_frame_get_column_type (frame, col), ==, ND_COLUMN_STRING);
  g_assert_cmpuint (nd_frame_get_n_columns (frame), ==, 5);
}

static void
test_records (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) records = parse ("[{\"a\": 1, \"b\": \"x\"},"
                                       " {\"b\": \"y\", \"c\": true},"
                                       " {\"a\": 3, \"c\": false, \"d\": 1.5}]");
  g_autoptr(NdFrame) frame = nd_frame_new_from_records (records, &error);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(JsonNode) mixed = NULL;
  g_autoptr(NdFrame) mixed_frame = NULL;
  g_autoptr(JsonNode) nested = NULL;
  g_autoptr(NdFrame) nested_frame = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_no_error (error);
  /* keys in order of first appearance, as pandas */
  names = nd_frame_get_column_names (frame);
  g_assert_cmpstrv (names, ((const char *[]) { "a", "b", "c", "d", NULL }));
  /* integers with a gap are floats with NaN, as pandas */
  g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_DOUBLE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 1), ==, ND_COLUMN_STRING);
  g_assert_cmpint (nd_frame_get_column_type (frame, 2), ==, ND_COLUMN_BOOL);
  back = nd_frame_to_records (frame);
  assert_json_text (back, "[{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":null},"
                          " {\"a\":null,\"b\":\"y\",\"c\":true,\"d\":null},"
                          " {\"a\":3,\"b\":null,\"c\":false,\"d\":1.5}]");

  /* a DataTable cell edited to text: the column keeps every value, as text */
  mixed = parse ("[{\"v\": 1}, {\"v\": \"2\"}, {\"v\": 2.5}, {\"v\": true}]");
  mixed_frame = nd_frame_new_from_records (mixed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_frame_get_column_type (mixed_frame, 0), ==, ND_COLUMN_STRING);
  g_assert_cmpstr (nd_frame_get_string (mixed_frame, 0, 2), ==, "2.5");

  nested = parse ("[{\"v\": 1}, {\"v\": [1, 2]}]");
  nested_frame = nd_frame_new_from_records (nested, &error);
  g_assert_null (nested_frame);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "'v', row 1"));
  g_clear_error (&error);

  {
    g_autoptr(JsonNode) not_records = parse ("[1, 2]");
    g_autoptr(NdFrame) none = nd_frame_new_from_records (not_records, &error);

    g_assert_null (none);
    g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonNode) empty = parse ("[]");
    g_autoptr(NdFrame) none = nd_frame_new_from_records (empty, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (nd_frame_get_n_rows (none), ==, 0);
    g_assert_cmpuint (nd_frame_get_n_columns (none), ==, 0);
  }
}

static void
test_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) columns = nd_dict ("student_id", nd_list (1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                                         "score", nd_list (1, 5, 2, 5, 2, 3, 1, 5, 1, 5));
  g_autoptr(NdFrame) df = nd_frame_new_from_columns (columns, &error);
  g_autoptr(NdFrame) filtered = NULL;
  g_autoptr(JsonNode) uneven = nd_dict ("a", nd_list (1, 2), "b", nd_list (1));
  g_autoptr(NdFrame) bad = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (nd_frame_get_column_type (df, 0), ==, ND_COLUMN_INT64);

  /* the seed's len(df[df['score'] == value]) */
  filtered = nd_frame_filter_equal_number (df, "score", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (filtered), ==, 4);
  g_assert_cmpint (nd_frame_get_index_label (filtered, 0), ==, 1);
  g_assert_cmpint (nd_frame_get_index_label (filtered, 3), ==, 9);

  bad = nd_frame_new_from_columns (uneven, &error);
  g_assert_null (bad);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_LENGTH);
}

typedef struct
{
  int    column;
  double min;
} Threshold;

static gboolean
above (NdFrame *frame, guint row, gpointer data)
{
  Threshold *t = data;

  return nd_frame_get_double (frame, t->column, row) > t->min;
}

static void
test_filters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) y2007 = NULL;
  g_autoptr(NdFrame) canada = NULL;
  g_autoptr(NdFrame) none = NULL;
  g_autoptr(NdFrame) mid = NULL;
  g_autoptr(NdFrame) rich = NULL;
  g_autoptr(NdFrame) a_to_c = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonNode) as_text = nd_json_string ("2007");
  g_autoptr(JsonNode) as_double = nd_json_double (2007.0);
  Threshold t;

  NEED_DATASETS ();

  y2007 = nd_frame_filter_equal_number (gapminder, "year", 2007, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (y2007), ==, 142);
  /* pandas keeps the row labels: Afghanistan 2007 is row 11 */
  g_assert_cmpint (nd_frame_get_index_label (y2007, 0), ==, 11);
  g_assert_cmpint (nd_frame_get_index_label (y2007, 141), ==, 1703);

  canada = nd_frame_filter_equal_string (gapminder, "country", "Canada", &error);
  g_assert_cmpuint (nd_frame_get_n_rows (canada), ==, 12);

  /* a number never equals text, as df[df.year == "2007"] is empty */
  none = nd_frame_filter_equal (gapminder, "year", as_text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (none), ==, 0);
  rows = nd_frame_where_equal (gapminder, "year", as_double, &error);
  g_assert_cmpuint (rows->len, ==, 142);
  g_clear_pointer (&rows, g_array_unref);

  rows = nd_frame_where_equal (gapminder, "continent ", as_double, &error);
  g_assert_null (rows);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NO_COLUMN);
  g_assert_nonnull (strstr (error->message, "'continent '"));
  g_clear_error (&error);

  /* between, bounds included */
  mid = nd_frame_filter_range (y2007, "lifeExp", 70, 72.39, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < nd_frame_get_n_rows (mid); r++)
    {
      double v = nd_frame_get_double (mid, nd_frame_find_column (mid, "lifeExp"), r);
      g_assert_true (v >= 70 && v <= 72.39);
    }
  g_assert_cmpuint (nd_frame_get_n_rows (mid), ==, 16);
  g_assert_null (nd_frame_filter_range (y2007, "country", 0, 1, &error));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
  g_clear_error (&error);

  a_to_c = nd_frame_filter_text_range (y2007, "country", "A", "Bz", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_frame_get_string (a_to_c, 0, 0), ==, "Afghanistan");
  g_assert_cmpuint (nd_frame_get_n_rows (a_to_c), ==, 18);

  t = (Threshold) { nd_frame_find_column (y2007, "gdpPercap"), 40000 };
  rich = nd_frame_filter (y2007, above, &t);
  g_assert_cmpuint (nd_frame_get_n_rows (rich), ==, 5);
  g_assert_cmpstr (nd_frame_get_string (rich, 0, 0), ==, "Ireland");
}

static void
test_dates (void)
{
  g_autoptr(GError) error = NULL;
  const char *when[] = { "2018-01-08", "2018-01-01", NULL, "2018-03-05T12:00" };
  const double v[] = { 2, 1, 3, 4 };
  g_autoptr(NdFrame) frame = nd_frame_new ();
  g_autoptr(NdFrame) sorted = NULL;
  g_autoptr(NdFrame) january = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonNode) day = nd_json_string ("2018-01-01T00:00:00");

  g_assert_true (nd_frame_add_dates (frame, "date", when, 4, NULL));
  g_assert_true (nd_frame_add_doubles (frame, "v", v, 4, NULL));

  sorted = nd_frame_sort (frame, &error, "date", TRUE, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_frame_get_string (sorted, 0, 0), ==, "2018-01-01");
  g_assert_cmpstr (nd_frame_get_string (sorted, 0, 2), ==, "2018-03-05T12:00");
  g_assert_null (nd_frame_get_string (sorted, 0, 3));

  /* a DatePickerRange's start and end dates */
  january = nd_frame_filter_text_range (frame, "date", "2018-01-01", "2018-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (january), ==, 2);
  g_assert_null (nd_frame_filter_text_range (frame, "date", "January", NULL, &error));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
  g_clear_error (&error);

  /* the same day, spelled another way */
  rows = nd_frame_where_equal (frame, "date", day, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (g_array_index (rows, guint, 0), ==, 1);
}

static void
test_select (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) two = NULL;
  g_autoptr(NdFrame) renamed = NULL;
  g_autoptr(NdFrame) head = NULL;
  g_autoptr(NdFrame) y2007 = NULL;
  g_autoptr(NdFrame) reset = NULL;
  g_auto(GStrv) names = NULL;

  NEED_DATASETS ();

  two = nd_frame_select (gapminder, &error, "pop", "country", NULL);
  g_assert_no_error (error);
  names = nd_frame_get_column_names (two);
  g_assert_cmpstrv (names, ((const char *[]) { "pop", "country", NULL }));
  g_assert_cmpuint (nd_frame_get_n_rows (two), ==, 1704);
  g_assert_null (nd_frame_select (gapminder, &error, "pop", "popp", NULL));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NO_COLUMN);
  g_clear_error (&error);

  renamed = nd_frame_rename (two, &error, "pop", "population", NULL);
  g_assert_no_error (error);
  g_assert_cmpint (nd_frame_find_column (renamed, "population"), ==, 0);
  g_assert_cmpint (nd_frame_find_column (two, "pop"), ==, 0);   /* the input is unchanged */
  g_assert_null (nd_frame_rename (two, &error, "pop", "country", NULL));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_DUPLICATE);
  g_clear_error (&error);

  head = nd_frame_head (gapminder, 3);
  g_assert_cmpuint (nd_frame_get_n_rows (head), ==, 3);
  g_assert_cmpstr (nd_frame_get_string (head, 0, 2), ==, "Afghanistan");

  y2007 = nd_frame_filter_equal_number (gapminder, "year", 2007, &error);
  reset = nd_frame_reset_index (y2007);
  g_assert_cmpint (nd_frame_get_index_label (y2007, 1), ==, 23);
  g_assert_cmpint (nd_frame_get_index_label (reset, 1), ==, 1);
}

static void
test_unique (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) countries = NULL;
  g_autoptr(JsonNode) want = NULL;
  g_autoptr(JsonNode) columns = nd_dict ("v", nd_list (2.0, NAN, -0.0, 2.0, 0.0, NAN, 1.5));
  g_autoptr(NdFrame) frame = NULL;
  g_autoptr(JsonNode) values = NULL;

  NEED_DATASETS ();

  countries = nd_frame_unique (gapminder, "country", &error);
  g_assert_no_error (error);
  want = expected ("frame-unique");
  assert_json_equal (countries, want);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (countries)), ==, 142);

  /* NaN once, as pandas' unique(); -0.0 and 0.0 are one value */
  frame = nd_frame_new_from_columns (columns, &error);
  g_assert_no_error (error);
  values = nd_frame_unique (frame, "v", &error);
  assert_json_text (values, "[2, null, 0, 1.5]");
}

static void
test_sort (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) sorted = NULL;
  g_autoptr(NdFrame) head = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(JsonNode) want = NULL;
  g_autoptr(JsonNode) columns = nd_dict ("k", nd_list (2, 1, 2, 1, 3),
                                         "v", nd_list ("a", "b", "c", "d", "e"),
                                         "n", nd_list (1.0, NAN, 0.5, NAN, 2.0));
  g_autoptr(NdFrame) small = NULL;
  g_autoptr(NdFrame) by_k = NULL;
  g_autoptr(NdFrame) by_n = NULL;
  g_autoptr(JsonNode) records = NULL;

  NEED_DATASETS ();

  sorted = nd_frame_sort (gapminder, &error, "continent", TRUE, "pop", FALSE, NULL);
  g_assert_no_error (error);
  head = nd_frame_head (sorted, 40);
  text = nd_frame_to_json (head, ND_ORIENT_SPLIT);
  got = parse (text);
  want = expected ("frame-sort");
  assert_json_equal (got, want);

  /* stable: equal keys keep their order, descending too */
  small = nd_frame_new_from_columns (columns, &error);
  by_k = nd_frame_sort (small, &error, "k", FALSE, NULL);
  records = nd_frame_column_to_json (by_k, "v", &error);
  assert_json_text (records, "[\"e\", \"a\", \"c\", \"b\", \"d\"]");
  g_clear_pointer (&records, json_node_unref);

  /* missing values last, in either direction */
  by_n = nd_frame_sort (small, &error, "n", FALSE, NULL);
  records = nd_frame_column_to_json (by_n, "v", &error);
  assert_json_text (records, "[\"e\", \"a\", \"c\", \"b\", \"d\"]");
  g_clear_pointer (&records, json_node_unref);
  g_clear_object (&by_n);
  by_n = nd_frame_sort (small, &error, "n", TRUE, NULL);
  records = nd_frame_column_to_json (by_n, "v", &error);
  assert_json_text (records, "[\"c\", \"a\", \"e\", \"b\", \"d\"]");

  g_assert_null (nd_frame_sort (small, &error, "x", TRUE, NULL));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NO_COLUMN);
}

static void
test_group_by (void)
{
  g_autoptr(GError) error = NULL;
  const NdAggregation aggs[] = {
    { "lifeExp", ND_AGG_MEAN, NULL },
    { "pop", ND_AGG_SUM, NULL },
    { "country", ND_AGG_COUNT, "n" },
    { "gdpPercap", ND_AGG_MIN, "gdp_min" },
    { "gdpPercap", ND_AGG_MAX, "gdp_max" },
    { "country", ND_AGG_MIN, "first" },
  };
  const NdAggregation tip_aggs[] = {
    { "total_bill", ND_AGG_SUM, "total" },
    { "tip", ND_AGG_MEAN, NULL },
    { "size", ND_AGG_MAX, NULL },
    { NULL, ND_AGG_SIZE, "rows" },
  };
  g_autoptr(NdFrame) by_continent = NULL;
  g_autoptr(NdFrame) by_day_time = NULL;
  g_autoptr(NdFrame) simple = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(JsonNode) want = NULL;
  g_autoptr(JsonNode) got2 = NULL;
  g_autoptr(JsonNode) want2 = NULL;
  g_autoptr(JsonNode) columns = nd_dict ("k", nd_list ("b", NULL, "a", "b"),
                                         "v", nd_list (1.0, 5.0, NAN, 3.0),
                                         "s", nd_list ("x", "y", "z", "w"));
  g_autoptr(NdFrame) small = NULL;
  g_autoptr(JsonNode) records = NULL;

  NEED_DATASETS ();

  by_continent = nd_frame_aggregate (gapminder, (const char *[]) { "continent", NULL },
                                     aggs, G_N_ELEMENTS (aggs), &error);
  g_assert_no_error (error);
  text = nd_frame_to_json (by_continent, ND_ORIENT_SPLIT);
  got = parse (text);
  want = expected ("frame-groupby");
  assert_json_equal (got, want);

  by_day_time = nd_frame_aggregate (tips, (const char *[]) { "day", "time", NULL },
                                    tip_aggs, G_N_ELEMENTS (tip_aggs), &error);
  g_assert_no_error (error);
  text2 = nd_frame_to_json (by_day_time, ND_ORIENT_SPLIT);
  got2 = parse (text2);
  want2 = expected ("frame-groupby-2keys");
  assert_json_equal (got2, want2);

  /* missing keys are left out; the mean of nothing is NaN */
  small = nd_frame_new_from_columns (columns, &error);
  g_assert_no_error (error);
  simple = nd_frame_group_by (small, "k", &error, "v", ND_AGG_MEAN, "s", ND_AGG_MAX, NULL);
  g_assert_no_error (error);
  records = nd_frame_to_records (simple);
  assert_json_text (records, "[{\"k\":\"a\",\"v\":null,\"s\":\"z\"},{\"k\":\"b\",\"v\":2,\"s\":\"x\"}]");
  g_clear_object (&simple);

  simple = nd_frame_group_by (small, "k", &error, "s", ND_AGG_SUM, NULL);
  g_assert_null (simple);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
  g_clear_error (&error);
  simple = nd_frame_group_by (small, "k", &error, "k", ND_AGG_COUNT, NULL);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_DUPLICATE);
}

static void
test_to_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) y2007 = NULL;
  g_autoptr(NdFrame) head = NULL;
  g_autoptr(NdFrame) tips_head = NULL;
  g_autoptr(NdFrame) floats = NULL;
  g_autoptr(NdFrame) back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *split = NULL;
  g_autofree char *float_text = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(JsonNode) want = NULL;
  g_autoptr(JsonNode) records = NULL;
  g_autoptr(JsonNode) records_back = NULL;
  g_autoptr(JsonNode) float_columns = nd_dict ("v", nd_list (
    0.123456789012345, 1.0, 1e20, 1e-20, 123456789.123456789, 0.5, -2.25, NAN, 1e16,
    9999999999999998.0, 0.00000123456789, 2.5e-16, 0.99999999999, 12345.678901234567,
    -0.000049999999999));

  NEED_DATASETS ();

  /* the text a callback puts in a dcc.Store: pandas' to_json() */
  y2007 = nd_frame_filter_equal_number (gapminder, "year", 2007, &error);
  head = nd_frame_head (y2007, 30);
  text = nd_frame_to_json (head, ND_ORIENT_COLUMNS);
  got = parse (text);
  want = expected ("frame-to-json-columns");
  assert_json_equal (got, want);
  g_assert_true (g_str_has_prefix (text, "{\"country\":{\"11\":\"Afghanistan\",\"23\":\"Albania\""));
  g_clear_pointer (&got, json_node_unref);
  g_clear_pointer (&want, json_node_unref);

  tips_head = nd_frame_head (tips, 10);
  split = nd_frame_to_json (tips_head, ND_ORIENT_SPLIT);
  got = parse (split);
  want = expected ("frame-to-json-split");
  assert_json_equal (got, want);
  g_clear_pointer (&got, json_node_unref);
  g_clear_pointer (&want, json_node_unref);

  /* ten decimals, as pandas' double_precision */
  floats = nd_frame_new_from_columns (float_columns, &error);
  g_assert_no_error (error);
  float_text = nd_frame_to_json (floats, ND_ORIENT_COLUMNS);
  got = parse (float_text);
  want = expected ("frame-to-json-floats");
  assert_json_equal (got, want);

  /* pd.read_json reads it back: same rows, same labels */
  back = nd_frame_new_from_json (text, -1, ND_ORIENT_COLUMNS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (back), ==, 30);
  g_assert_cmpint (nd_frame_get_index_label (back, 1), ==, 23);
  g_assert_cmpint (nd_frame_get_column_type (back, nd_frame_find_column (back, "pop")), ==,
                   ND_COLUMN_INT64);
  /* pandas' ten decimals are lost once, then the text is stable */
  {
    g_autofree char *again = nd_frame_to_json (back, ND_ORIENT_COLUMNS);
    g_assert_cmpstr (again, ==, text);
  }
  records = nd_frame_to_records (head);
  records_back = nd_frame_to_records (back);
  g_assert_false (nd_json_equal (records_back, records));   /* 5937.029525999998 → 5937.029526 */

  /* every orient round-trips */
  for (NdOrient orient = ND_ORIENT_COLUMNS; orient <= ND_ORIENT_VALUES; orient++)
    {
      g_autofree char *t = nd_frame_to_json (tips_head, orient);
      g_autoptr(NdFrame) f = nd_frame_new_from_json (t, -1, orient, &error);
      g_autofree char *t2 = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (nd_frame_get_n_rows (f), ==, 10);
      t2 = nd_frame_to_json (f, orient);
      g_assert_cmpstr (t2, ==, t);
      if (orient == ND_ORIENT_VALUES)
        g_assert_cmpstr (nd_frame_get_column_name (f, 0), ==, "0");
    }

  {
    g_autoptr(NdFrame) bad = nd_frame_new_from_json ("{\"a\": [1]}", -1, ND_ORIENT_COLUMNS, &error);

    g_assert_null (bad);
    g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_TYPE);
    g_clear_error (&error);
    bad = nd_frame_new_from_json ("{\"a\": ", -1, ND_ORIENT_COLUMNS, &error);
    g_assert_null (bad);
    g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
    g_clear_error (&error);
  }
}

/* Doubles of every magnitude: the values pandas' to_json() gives, each
 * spelled as JavaScript spells it (nd_json_write_number). */
static void
test_to_json_numbers (void)
{
  g_autoptr(JsonNode) want = expected ("frame-to-json-random");
  JsonObject *o = json_node_get_object (want);
  JsonArray *inputs = json_object_get_array_member (o, "inputs");
  guint n = json_array_get_length (inputs);
  g_autofree double *values = g_new (double, n);
  g_autoptr(NdFrame) frame = nd_frame_new ();
  g_autofree char *text = NULL;
  g_autofree char *respelled = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(JsonNode) pandas = NULL;

  for (guint k = 0; k < n; k++)
    values[k] = g_ascii_strtod (json_array_get_string_element (inputs, k), NULL);
  g_assert_true (nd_frame_add_doubles (frame, "v", values, n, NULL));
  text = nd_frame_to_json (frame, ND_ORIENT_VALUES);
  got = parse (text);
  pandas = parse (json_object_get_string_member (o, "pandas"));
  assert_json_equal (got, pandas);
  respelled = nd_json_to_string (got, FALSE);
  {
    g_auto(GStrv) ours = g_strsplit (text, ",", -1);
    g_auto(GStrv) js = g_strsplit (respelled, ",", -1);

    g_assert_cmpuint (g_strv_length (ours), ==, g_strv_length (js));
    for (guint k = 0; ours[k]; k++)
      {
        /* whole numbers from 1e18 up are written 1e+20, which json-glib
         * reads back, rather than 100000000000000000000, which it wraps */
        const char *number = ours[k] + strspn (ours[k], "[");

        if (strcmp (ours[k], js[k]) != 0 &&
            !(strchr (number, 'e') && fabs (g_ascii_strtod (number, NULL)) >= 1e18))
          g_error ("value %u written %s; JavaScript writes %s", k, ours[k], js[k]);
      }
  }
}

/* pd.read_json's conversions of what it reads */
static void
test_read_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) frame = nd_frame_new_from_json (
    "{\"whole\":{\"0\":1.0,\"1\":2.0},\"text\":{\"0\":\"1.5\",\"1\":\"2\"},"
    "\"words\":{\"0\":\"a\",\"1\":null},\"flag\":{\"0\":true,\"1\":null}}",
    -1, ND_ORIENT_COLUMNS, &error);

  g_assert_no_error (error);
  g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_INT64);
  g_assert_cmpint (nd_frame_get_column_type (frame, 1), ==, ND_COLUMN_DOUBLE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 2), ==, ND_COLUMN_STRING);
  g_assert_cmpint (nd_frame_get_column_type (frame, 3), ==, ND_COLUMN_DOUBLE);
}

static void
test_records_as_pandas (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) y2007 = NULL;
  g_autoptr(NdFrame) head = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autoptr(JsonNode) want = NULL;

  NEED_DATASETS ();

  y2007 = nd_frame_filter_equal_number (gapminder, "year", 2007, &error);
  head = nd_frame_head (y2007, 5);
  got = nd_frame_to_records (head);
  want = expected ("frame-records");
  assert_json_equal (got, want);
}

/* Large frames: the operations stay linear or n log n (no timing asserted). */
static void
test_large (void)
{
  const guint n = 300000;
  g_autofree double *x = g_new (double, n);
  g_autofree gint64 *k = g_new (gint64, n);
  g_autoptr(NdFrame) frame = nd_frame_new ();
  g_autoptr(NdFrame) sorted = NULL;
  g_autoptr(NdFrame) grouped = NULL;
  g_autoptr(NdFrame) filtered = NULL;
  g_autoptr(GError) error = NULL;

  for (guint r = 0; r < n; r++)
    {
      x[r] = (r * 7919) % 10007 / 10.0;
      k[r] = r % 97;
    }
  g_assert_true (nd_frame_add_doubles (frame, "x", x, n, NULL));
  g_assert_true (nd_frame_add_int64s (frame, "k", k, n, NULL));
  sorted = nd_frame_sort (frame, &error, "x", TRUE, NULL);
  g_assert_no_error (error);
  for (guint r = 1; r < n; r++)
    g_assert_cmpfloat (nd_frame_get_double (sorted, 0, r - 1), <=, nd_frame_get_double (sorted, 0, r));
  grouped = nd_frame_group_by (frame, "k", &error, "x", ND_AGG_COUNT, NULL);
  g_assert_cmpuint (nd_frame_get_n_rows (grouped), ==, 97);
  g_assert_cmpint (nd_frame_peek_int64s (grouped, 1)[0], ==, (n + 96) / 97);
  filtered = nd_frame_filter_range (frame, "x", 100, 200, &error);
  g_assert_cmpuint (nd_frame_get_n_rows (filtered), >, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gapminder = nd_frame_load_dataset ("gapminder", NULL);
  tips = nd_frame_load_dataset ("tips", NULL);

  g_test_add_func ("/frame/build", test_build);
  g_test_add_func ("/frame/records", test_records);
  g_test_add_func ("/frame/columns", test_columns);
  g_test_add_func ("/frame/filters", test_filters);
  g_test_add_func ("/frame/dates", test_dates);
  g_test_add_func ("/frame/select", test_select);
  g_test_add_func ("/frame/unique", test_unique);
  g_test_add_func ("/frame/sort", test_sort);
  g_test_add_func ("/frame/group-by", test_group_by);
  g_test_add_func ("/frame/to-json", test_to_json);
  g_test_add_func ("/frame/to-json-numbers", test_to_json_numbers);
  g_test_add_func ("/frame/read-json", test_read_json);
  g_test_add_func ("/frame/records-as-pandas", test_records_as_pandas);
  g_test_add_func ("/frame/large", test_large);
  status = g_test_run ();

  g_clear_object (&gapminder);
  g_clear_object (&tips);
  return status;
}
