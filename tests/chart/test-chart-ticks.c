/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * plotly's tick choice, tick labels, d3 formats and autorange, against
 * the values plotly.js computes for the same ranges and axis lengths.
 */
#include "config.h"

#include <string.h>

#include "chart-test-util.h"
#include "nd-chart-private.h"

typedef struct {
  const char     *name;
  NdChartAxisType type;
  char            letter;
  const char     *r0, *r1;   /* numbers, or dates for date axes */
  double          len;
  const char     *expect;    /* labels joined by | */
} TickCase;

#define M ND_MINUS

static const TickCase tick_cases[] = {
  { "linear-0-10-x", ND_CHART_AXIS_TYPE_LINEAR, 'x', "0", "10", 840, "0|2|4|6|8|10" },
  { "linear-0-10-y", ND_CHART_AXIS_TYPE_LINEAR, 'y', "0", "10", 520, "0|2|4|6|8|10" },
  { "linear-offset", ND_CHART_AXIS_TYPE_LINEAR, 'x', "-1.2", "37.5", 500, "0|10|20|30" },
  { "linear-unit", ND_CHART_AXIS_TYPE_LINEAR, 'y', "0", "1", 300, "0|0.2|0.4|0.6|0.8|1" },
  { "linear-million", ND_CHART_AXIS_TYPE_LINEAR, 'x', "0", "1000000", 840, "0|0.2M|0.4M|0.6M|0.8M|1M" },
  { "linear-ten-thousand", ND_CHART_AXIS_TYPE_LINEAR, 'x', "0", "10000", 500, "0|2k|4k|6k|8k|10k" },
  { "linear-thousands-sep", ND_CHART_AXIS_TYPE_LINEAR, 'y', "0", "2500", 270, "0|500|1000|1500|2000|2500" },
  { "linear-negative", ND_CHART_AXIS_TYPE_LINEAR, 'y', "-3", "3", 400, M "3|" M "2|" M "1|0|1|2|3" },
  { "linear-small", ND_CHART_AXIS_TYPE_LINEAR, 'x', "0.001", "0.005", 840,
    "0.001|0.0015|0.002|0.0025|0.003|0.0035|0.004|0.0045|0.005" },
  { "linear-micro", ND_CHART_AXIS_TYPE_LINEAR, 'y', "0", "0.0004", 300,
    "0|50\xce\xbc|100\xce\xbc|150\xce\xbc|200\xce\xbc|250\xce\xbc|300\xce\xbc|350\xce\xbc|400\xce\xbc" },
  { "linear-reversed", ND_CHART_AXIS_TYPE_LINEAR, 'x', "10", "0", 840, "10|8|6|4|2|0" },
  { "log-d1", ND_CHART_AXIS_TYPE_LOG, 'y', "0", "3", 400,
    "1|2|3|4|5|6|7|8|9|10|2|3|4|5|6|7|8|9|100|2|3|4|5|6|7|8|9|1000" },
  { "log-d2", ND_CHART_AXIS_TYPE_LOG, 'x', "0", "5", 500, "1|2|5|10|2|5|100|2|5|1000|2|5|10k|2|5|100k" },
  { "log-decades", ND_CHART_AXIS_TYPE_LOG, 'x', "0", "8", 840, "1|10|100|1000|10k|100k|1M|10M|100M" },
  { "log-two-decades-step", ND_CHART_AXIS_TYPE_LOG, 'y', "-2", "12", 200, "1|1000|1M|1B|1T" },
  { "date-year-months", ND_CHART_AXIS_TYPE_DATE, 'x', "2020-01-01", "2020-12-31", 840,
    "Jan 2020|Mar 2020|May 2020|Jul 2020|Sep 2020|Nov 2020" },
  { "date-hours", ND_CHART_AXIS_TYPE_DATE, 'x', "2020-01-01", "2020-01-02", 840,
    "00:00<br>Jan 1, 2020|03:00|06:00|09:00|12:00|15:00|18:00|21:00|00:00<br>Jan 2, 2020" },
  { "date-years", ND_CHART_AXIS_TYPE_DATE, 'x', "2000-01-01", "2020-01-01", 840, "2000|2005|2010|2015|2020" },
  { "date-weeks", ND_CHART_AXIS_TYPE_DATE, 'x', "2024-01-01", "2024-01-29", 540,
    "Jan 7<br>2024|Jan 14|Jan 21|Jan 28" },
  { "date-minutes", ND_CHART_AXIS_TYPE_DATE, 'x', "2024-05-01 10:00", "2024-05-01 10:30", 840,
    "10:00<br>May 1, 2024|10:05|10:10|10:15|10:20|10:25|10:30" },
  { "date-seconds", ND_CHART_AXIS_TYPE_DATE, 'x', "2024-05-01 10:00:00", "2024-05-01 10:00:02", 840,
    "10:00:00<br>May 1, 2024|10:00:00.5|10:00:01|10:00:01.5|10:00:02" },
};

static double
parse_end (NdAxis *ax, const char *s)
{
  double v;

  if (ax->type == ND_CHART_AXIS_TYPE_DATE)
    g_assert_true (nd_date_parse (s, &v));
  else
    v = g_ascii_strtod (s, NULL);
  return v;
}

static char *
tick_labels (NdAxis *ax)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ax->ticks->len; i++)
    {
      if (i)
        g_string_append_c (s, '|');
      g_string_append (s, g_array_index (ax->ticks, NdTick, i).text);
    }
  return g_string_free (s, FALSE);
}

static void
test_ticks (gconstpointer data)
{
  const TickCase *c = data;
  NdFont font = { (char *) "Sans", 12, { 0, 0, 0, 1 } };
  g_autofree char *labels = NULL;
  NdAxis ax;

  nd_axis_init (&ax, c->letter);
  nd_axis_parse_layout (&ax, NULL, &font);
  ax.type = c->type;
  ax.range[0] = parse_end (&ax, c->r0);
  ax.range[1] = parse_end (&ax, c->r1);
  ax.pos = 0;
  ax.len = c->len;
  nd_axis_compute_ticks (&ax);
  labels = tick_labels (&ax);
  g_assert_cmpstr (labels, ==, c->expect);
  nd_axis_clear (&ax);
}

static void
test_category_ticks (void)
{
  NdFont font = { (char *) "Sans", 12, { 0, 0, 0, 1 } };
  g_autofree char *labels = NULL;
  NdAxis ax;

  nd_axis_init (&ax, 'x');
  nd_axis_parse_layout (&ax, NULL, &font);
  ax.type = ND_CHART_AXIS_TYPE_CATEGORY;
  for (int i = 0; i < 5; i++)
    {
      char name[2] = { (char) ('a' + i), 0 };
      nd_axis_add_category (&ax, name);
    }
  ax.range[0] = -0.5;
  ax.range[1] = 4.5;
  ax.len = 840;
  nd_axis_compute_ticks (&ax);
  labels = tick_labels (&ax);
  g_assert_cmpstr (labels, ==, "a|b|c|d|e");
  /* 100 categories on 700 px: every second (700 / 14 = 50 ticks) */
  for (int i = 5; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%d", i);
      nd_axis_add_category (&ax, name);
    }
  ax.range[1] = 99.5;
  ax.len = 700;
  nd_axis_compute_ticks (&ax);
  g_assert_cmpfloat (ax.dtick, ==, 2);
  g_assert_cmpuint (ax.ticks->len, ==, 50);
  nd_axis_clear (&ax);
}

static void
test_d3_format (void)
{
  static const struct { const char *spec; double v; const char *out; } cases[] = {
    { ",", 1234.5, "1,234.5" },
    { ",", 1234567, "1,234,567" },
    { ".2f", 3.14159, "3.14" },
    { ".2f", -0.001, "0.00" },
    { ",.2f", -1234.5, M "1,234.50" },
    { "%", 0.123, "12.300000%" },
    { ".0%", 0.5, "50%" },
    { ".1%", 0.1234, "12.3%" },
    { "$,.0f", 1234567.8, "$1,234,568" },
    { "$,.2f", -42.5, M "$42.50" },
    { ".1s", 1500, "2k" },
    { ".2s", 1.2e6, "1.2M" },
    { ".3s", 0.00123, "1.23m" },
    { "s", 1500, "1.50000k" },
    { "~s", 1500, "1.5k" },
    { ".3~s", 42e9, "42G" },
    { "d", 3.7, "4" },
    { ".2e", 12345, "1.23e+4" },
    { ".3g", 0.00012345, "0.000123" },
    { ".3r", 1234.5, "1230" },
    { "+.1f", 2, "+2.0" },
    { "08.2f", -3.5, M "0003.50" },
    { "", 0.1 + 0.2, "0.3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = nd_format_d3 (cases[i].v, cases[i].spec);

      if (g_strcmp0 (s, cases[i].out) != 0)
        g_test_fail_printf ("format '%s' of %g gave '%s', expected '%s'", cases[i].spec, cases[i].v,
                            s, cases[i].out);
    }
  g_assert_null (nd_format_d3 (1, "%%bogus"));
}

static void
test_dates (void)
{
  double ms;
  g_autofree char *s = NULL;

  g_assert_true (nd_date_parse ("1970-01-01", &ms));
  g_assert_cmpfloat (ms, ==, 0);
  g_assert_true (nd_date_parse ("2020-02-29 12:30:15.5", &ms));
  s = nd_format_date (ms, "%Y-%m-%d %H:%M:%S.%L %a %b %-d %j");
  g_assert_cmpstr (s, ==, "2020-02-29 12:30:15.500 Sat Feb 29 060");
  g_assert_false (nd_date_parse ("2021-02-29", &ms));
  g_assert_false (nd_date_parse ("2020-1-1x", &ms));
  g_assert_true (nd_date_parse ("2020", &ms));
  g_assert_true (nd_date_parse ("2020-06", &ms));
  g_assert_true (nd_date_parse ("2020-06-01T08:00:00Z", &ms));
  g_assert_cmpfloat (nd_date_add_months (ms, 1), ==, ms + 30 * ND_ONEDAY);
  g_assert_true (nd_date_parse ("1969-12-31 23:00", &ms));
  g_assert_cmpfloat (ms, ==, -ND_ONEHOUR);
}

/* plotly's autorange: markers pad 5 % of the axis plus max(size / 1.6, 3)
 * pixels; lines pad y only; bars start at zero. */
static void
test_autorange (void)
{
  g_autoptr(JsonNode) markers = json_from_string (
      "{\"data\": [{\"x\": [0, 5, 10], \"y\": [0, 10, 5], \"mode\": \"markers\"}],"
      " \"layout\": {\"width\": 1000, \"height\": 700}}", NULL);
  g_autoptr(JsonNode) lines = json_from_string (
      "{\"data\": [{\"x\": [0, 5, 10], \"y\": [0, 10, 5], \"mode\": \"lines\"}],"
      " \"layout\": {\"width\": 1000, \"height\": 700}}", NULL);
  g_autoptr(JsonNode) bars = json_from_string (
      "{\"data\": [{\"type\": \"bar\", \"x\": [\"a\", \"b\", \"c\"], \"y\": [1, 3, 2]}]}", NULL);
  g_autoptr(JsonNode) neg = json_from_string (
      "{\"data\": [{\"type\": \"bar\", \"y\": [-2, 3]}], \"layout\": {\"height\": 450}}", NULL);
  g_autoptr(NdChart) c1 = nd_chart_new (markers);
  g_autoptr(NdChart) c2 = nd_chart_new (lines);
  g_autoptr(NdChart) c3 = nd_chart_new (bars);
  g_autoptr(NdChart) c4 = nd_chart_new (neg);
  double lo, hi, pad, m;

  pad = 42 + 3.75;
  m = 10 / (840 - 2 * pad);
  nd_chart_get_range (c1, ND_CHART_AXIS_X, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, -m * pad, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 10 + m * pad, 1e-9);

  nd_chart_get_range (c2, ND_CHART_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 10);
  pad = 26;
  m = 10 / (520 - 2 * pad);
  nd_chart_get_range (c2, ND_CHART_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, -m * pad, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 10 + m * pad, 1e-9);

  /* plotly's familiar [0, 3.1578947368421053] */
  nd_chart_get_range (c3, ND_CHART_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat_with_epsilon (hi, 3.1578947368421053, 1e-12);
  nd_chart_get_range (c3, ND_CHART_AXIS_X, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, -0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 2.5, 1e-12);

  /* both signs: padded both ways, 5 % of 270 px each */
  nd_chart_get_range (c4, ND_CHART_AXIS_Y, &lo, &hi);
  m = 5 / (270 - 2 * 13.5);
  g_assert_cmpfloat_with_epsilon (lo, -2 - m * 13.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, 3 + m * 13.5, 1e-9);
}

/* Histogram auto bins: 2 stdev / n^0.4 rounded up to 1, 2, 5 × 10^n, and
 * integer data centred in bins. */
static void
test_histogram_bins (void)
{
  g_autoptr(JsonNode) ints = json_from_string (
      "{\"data\": [{\"type\": \"histogram\", \"x\": [1, 2, 2, 3, 3, 3, 4, 4, 5]}]}", NULL);
  g_autoptr(NdChart) chart = nd_chart_new (ints);
  NdTrace *t = g_ptr_array_index (chart->traces, 0);
  double lo, hi;

  /* bin size 1 from 0.5: five bins with counts 1 2 3 2 1 */
  g_assert_cmpuint (t->n, ==, 5);
  g_assert_cmpfloat (t->x[0], ==, 1);
  g_assert_cmpfloat (t->y[2], ==, 3);
  nd_chart_get_range (chart, ND_CHART_AXIS_X, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 5.5, 1e-12);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tick_cases); i++)
    {
      g_autofree char *name = g_strconcat ("/chart/ticks/", tick_cases[i].name, NULL);

      g_test_add_data_func (name, &tick_cases[i], test_ticks);
    }
  g_test_add_func ("/chart/ticks/category", test_category_ticks);
  g_test_add_func ("/chart/format/d3", test_d3_format);
  g_test_add_func ("/chart/format/dates", test_dates);
  g_test_add_func ("/chart/autorange", test_autorange);
  g_test_add_func ("/chart/histogram-bins", test_histogram_bins);
  ret = g_test_run ();
  chart_test_cleanup ();
  return ret;
}
