/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The CSV reader: pandas' read_csv types and values for plotly's datasets
 * (tests/data/expected, written by make-expected.py), RFC 4180 quoting,
 * delimiters, gzip, and malformed input that must give an error naming
 * the line and column, never a crash.
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "nd-builder.h"
#include "nd-csv.h"
#include "nd-dataset.h"
#include "nd-frame.h"
#include "nd-json.h"

static NdFrame *
read_text (const char *text, NdCsvFlags flags)
{
  g_autoptr(GError) error = NULL;
  NdFrame *frame = nd_csv_read_data (text, -1, '\0', flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (frame);
  return frame;
}

static GError *
read_error (const char *text, gssize len, NdCsvFlags flags)
{
  GError *error = NULL;
  g_autoptr(NdFrame) frame = nd_csv_read_data (text, len, '\0', flags, &error);

  g_assert_null (frame);
  g_assert_nonnull (error);
  return error;
}

static void
assert_records (NdFrame *frame, const char *want_text)
{
  g_autoptr(JsonNode) got = nd_frame_to_records (frame);
  g_autoptr(JsonNode) want = nd_json_parse (want_text, -1, 0, NULL);

  g_assert_nonnull (want);
  if (!nd_json_equal (got, want))
    {
      g_autofree char *text = nd_json_to_string (got, FALSE);
      g_error ("records differ:\n got: %s\nwant: %s", text, want_text);
    }
}

static JsonNode *
expected (const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/expected/%s.json", DATA_SRCDIR, name);
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse_file (path, 0, &error);

  g_assert_no_error (error);
  return node;
}

/* Every dataset's columns typed as pandas types them. */
static void
test_dataset_types (void)
{
  g_autoptr(JsonNode) dtypes = NULL;
  g_autofree char *probe = nd_dataset_path ("gapminder");
  JsonObjectIter iter;
  const char *name;
  JsonNode *columns;

  if (probe == NULL)
    {
      g_test_skip ("no datasets in " ND_DATASET_DIR);
      return;
    }
  dtypes = expected ("csv-dtypes");
  json_object_iter_init (&iter, json_node_get_object (dtypes));
  while (json_object_iter_next (&iter, &name, &columns))
    {
      g_autofree char *path = nd_dataset_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(NdFrame) frame = nd_csv_read_file (path, '\0', ND_CSV_NONE, &error);
      JsonObjectIter col_iter;
      const char *col;
      JsonNode *dtype;
      guint k = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (nd_frame_get_n_columns (frame), ==,
                        json_object_get_size (json_node_get_object (columns)));
      json_object_iter_init_ordered (&col_iter, json_node_get_object (columns));
      while (json_object_iter_next_ordered (&col_iter, &col, &dtype))
        {
          const char *want = json_node_get_string (dtype);
          NdColumnType type = nd_frame_get_column_type (frame, k);

          g_assert_cmpstr (nd_frame_get_column_name (frame, k), ==, col);
          if (strcmp (want, "int64") == 0)
            g_assert_cmpint (type, ==, ND_COLUMN_INT64);
          else if (strcmp (want, "float64") == 0)
            g_assert_cmpint (type, ==, ND_COLUMN_DOUBLE);
          else if (strcmp (want, "bool") == 0)
            g_assert_cmpint (type, ==, ND_COLUMN_BOOL);
          else
            {
              /* pandas' object: text, or dates we recognize */
              g_assert_cmpstr (want, ==, "object");
              g_assert_true (type == ND_COLUMN_STRING || type == ND_COLUMN_DATE);
            }
          k++;
        }
      if (strcmp (name, "stocks") == 0)
        g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_DATE);
    }
}

/* The very doubles pandas holds: its parser is not strtod(), and about
 * one long decimal in twenty differs in the last bit. */
static void
test_dataset_floats (gconstpointer data)
{
  const char *name = data;
  g_autofree char *expected_name = g_strdup_printf ("csv-floats-%s", name);
  g_autofree char *path = nd_dataset_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) frame = NULL;
  g_autoptr(JsonNode) want = NULL;
  JsonObjectIter iter;
  const char *col;
  JsonNode *values;
  guint n_checked = 0, n_not_strtod = 0;

  if (path == NULL)
    {
      g_test_skip ("no datasets in " ND_DATASET_DIR);
      return;
    }
  frame = nd_csv_read_file (path, '\0', ND_CSV_NONE, &error);
  g_assert_no_error (error);
  want = expected (expected_name);
  json_object_iter_init (&iter, json_node_get_object (want));
  while (json_object_iter_next (&iter, &col, &values))
    {
      int c = nd_frame_find_column (frame, col);
      JsonArray *arr = json_node_get_array (values);
      const double *d;

      g_assert_cmpint (c, >=, 0);
      d = nd_frame_peek_doubles (frame, c);
      g_assert_nonnull (d);
      g_assert_cmpuint (json_array_get_length (arr), ==, nd_frame_get_n_rows (frame));
      for (guint r = 0; r < json_array_get_length (arr); r++)
        {
          JsonNode *v = json_array_get_element (arr, r);
          double pandas;

          if (nd_json_is_null (v))
            {
              g_assert_true (isnan (d[r]));
              continue;
            }
          pandas = g_ascii_strtod (json_node_get_string (v), NULL);   /* repr round-trips */
          if (d[r] != pandas)
            g_error ("%s.%s row %u: %.17g, pandas has %.17g", name, col, r, d[r], pandas);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 0);

  /* and it is not strtod: gapminder has values where the two differ */
  if (strcmp (name, "gapminder") == 0)
    {
      g_autofree char *raw_path = nd_dataset_path ("gapminder");
      g_autoptr(NdFrame) text = nd_csv_read_file (raw_path, '\0', ND_CSV_STRINGS, &error);
      int c = nd_frame_find_column (text, "gdpPercap");
      const double *d = nd_frame_peek_doubles (frame, nd_frame_find_column (frame, "gdpPercap"));

      for (guint r = 0; r < nd_frame_get_n_rows (text); r++)
        if (g_ascii_strtod (nd_frame_get_string (text, c, r), NULL) != d[r])
          n_not_strtod++;
      g_assert_cmpuint (n_not_strtod, >, 0);
    }
}

static void
test_gapminder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = nd_dataset_path ("gapminder");
  g_autoptr(NdFrame) frame = NULL;
  g_autoptr(NdFrame) px_frame = NULL;
  gint64 start;

  if (path == NULL)
    {
      g_test_skip ("no datasets");
      return;
    }
  start = g_get_monotonic_time ();
  frame = nd_csv_read_file (path, '\0', ND_CSV_NONE, &error);
  g_test_message ("gapminder.csv.gz read in %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 1704);
  g_assert_cmpuint (nd_frame_get_n_columns (frame), ==, 10);
  g_assert_cmpstr (nd_frame_get_string (frame, 0, 1703), ==, "Zimbabwe");
  g_assert_cmpfloat (nd_frame_get_double (frame, 3, 0), ==, 28.801);

  /* px.data.gapminder() drops the centroids */
  px_frame = nd_frame_load_dataset ("gapminder", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_columns (px_frame), ==, 8);
  g_assert_cmpint (nd_frame_find_column (px_frame, "centroid_lat"), ==, -1);

  g_assert_null (nd_frame_load_dataset ("no-such-data", &error));
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (nd_dataset_path ("../../etc/passwd"));
}

static void
test_quoting (void)
{
  g_autoptr(NdFrame) frame = NULL;

  /* RFC 4180: quoted delimiters, doubled quotes, quoted line breaks */
  frame = read_text ("name,quote,n\n"
                     "\"Smith, J\",\"He said \"\"hi\"\"\",1\n"
                     "\"two\nlines\",\"\",2\n"
                     "plain,\"x\"tail,3\n"
                     "a\"b,\"\"\"\",4\n", ND_CSV_NONE);
  assert_records (frame, "[{\"name\":\"Smith, J\",\"quote\":\"He said \\\"hi\\\"\",\"n\":1},"
                         " {\"name\":\"two\\nlines\",\"quote\":null,\"n\":2},"
                         " {\"name\":\"plain\",\"quote\":\"xtail\",\"n\":3},"
                         " {\"name\":\"a\\\"b\",\"quote\":\"\\\"\",\"n\":4}]");
  g_clear_object (&frame);

  /* CRLF, a byte-order mark, blank lines, no final newline, lone CRs */
  frame = read_text ("\xEF\xBB\xBF" "a,b\r\n1,2\r\n\r\n\r\n3,4", ND_CSV_NONE);
  g_assert_cmpstr (nd_frame_get_column_name (frame, 0), ==, "a");
  assert_records (frame, "[{\"a\":1,\"b\":2},{\"a\":3,\"b\":4}]");
  g_clear_object (&frame);
  frame = read_text ("a,b\r1,2\r3,4\r", ND_CSV_NONE);
  assert_records (frame, "[{\"a\":1,\"b\":2},{\"a\":3,\"b\":4}]");
  g_clear_object (&frame);

  /* quoted numbers are numbers, as in pandas */
  frame = read_text ("a,b\n\"1\",\"x\"\n", ND_CSV_NONE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_INT64);
}

static void
test_types (void)
{
  g_autoptr(NdFrame) frame = NULL;

  frame = read_text ("i,gap,f,b,bgap,d,s,na,big,inf,mixed,none,sp,u64,late\n"
                     "1,1,1.5,True,true,2018-01-01,x,,99999999999999999999,inf,1,None, 7,"
                     "9223372036854775808,0.5\n"
                     "-2,,.5,false,,2018-01-08,NA,NaN,1,-Infinity,a,None,8 ,1,"
                     "99999999999999999999\n"
                     "+3,3,1e3,TRUE,False,,y,n/a,2,1.,2018-01-01,x,9,2,1\n", ND_CSV_NONE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_INT64);
  g_assert_cmpint (nd_frame_get_column_type (frame, 1), ==, ND_COLUMN_DOUBLE);   /* pandas: gaps make floats */
  g_assert_cmpint (nd_frame_get_column_type (frame, 2), ==, ND_COLUMN_DOUBLE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 3), ==, ND_COLUMN_BOOL);
  g_assert_cmpint (nd_frame_get_column_type (frame, 4), ==, ND_COLUMN_BOOL);
  g_assert_cmpint (nd_frame_get_column_type (frame, 5), ==, ND_COLUMN_DATE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 6), ==, ND_COLUMN_STRING);
  g_assert_cmpint (nd_frame_get_column_type (frame, 7), ==, ND_COLUMN_DOUBLE);   /* all missing */
  g_assert_cmpint (nd_frame_get_column_type (frame, 8), ==, ND_COLUMN_STRING);   /* beyond uint64 */
  g_assert_cmpint (nd_frame_get_column_type (frame, 9), ==, ND_COLUMN_DOUBLE);
  g_assert_cmpint (nd_frame_get_column_type (frame, 10), ==, ND_COLUMN_STRING);
  g_assert_cmpint (nd_frame_get_column_type (frame, 11), ==, ND_COLUMN_STRING);  /* "None" is text in pandas 1.5 */
  g_assert_cmpint (nd_frame_get_column_type (frame, 12), ==, ND_COLUMN_INT64);   /* spaces around numbers */
  g_assert_cmpint (nd_frame_get_column_type (frame, 13), ==, ND_COLUMN_DOUBLE);  /* pandas' uint64 */
  g_assert_cmpint (nd_frame_get_column_type (frame, 14), ==, ND_COLUMN_DOUBLE);  /* a float came first */
  assert_records (frame,
                  "[{\"i\":1,\"gap\":1,\"f\":1.5,\"b\":true,\"bgap\":true,\"d\":\"2018-01-01\",\"s\":\"x\","
                  "\"na\":null,\"big\":\"99999999999999999999\",\"inf\":null,\"mixed\":\"1\",\"none\":\"None\",\"sp\":7,"
                  "\"u64\":9.223372036854775808e18,\"late\":0.5},"
                  "{\"i\":-2,\"gap\":null,\"f\":0.5,\"b\":false,\"bgap\":null,\"d\":\"2018-01-08\",\"s\":null,"
                  "\"na\":null,\"big\":\"1\",\"inf\":null,\"mixed\":\"a\",\"none\":\"None\",\"sp\":8,"
                  "\"u64\":1,\"late\":1.0000000000000002e20},"   /* as pandas reads it */
                  "{\"i\":3,\"gap\":3,\"f\":1000,\"b\":true,\"bgap\":false,\"d\":null,\"s\":\"y\","
                  "\"na\":null,\"big\":\"2\",\"inf\":1,\"mixed\":\"2018-01-01\",\"none\":\"x\",\"sp\":9,"
                  "\"u64\":2,\"late\":1}]");
  g_assert_true (isinf (nd_frame_get_double (frame, 9, 0)));
  g_clear_object (&frame);

  /* a header alone: empty text columns */
  frame = read_text ("a,b\n", ND_CSV_NONE);
  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 0);
  g_assert_cmpuint (nd_frame_get_n_columns (frame), ==, 2);
  g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_STRING);
  g_clear_object (&frame);

  /* dtype=str */
  frame = read_text ("a,b\n1,\n", ND_CSV_STRINGS);
  g_assert_cmpint (nd_frame_get_column_type (frame, 0), ==, ND_COLUMN_STRING);
  g_assert_cmpstr (nd_frame_get_string (frame, 0, 0), ==, "1");
  g_assert_true (nd_frame_is_null (frame, 1, 0));
}

static void
test_header (void)
{
  g_autoptr(NdFrame) frame = NULL;
  g_auto(GStrv) names = NULL;

  /* pandas' renaming of repeated and empty names */
  frame = read_text ("a,a,,b,a,a.1\n1,2,3,4,5,6\n", ND_CSV_NONE);
  names = nd_frame_get_column_names (frame);
  g_assert_cmpstrv (names, ((const char *[]) { "a", "a.1", "Unnamed: 2", "b", "a.2", "a.1.1", NULL }));
  g_clear_object (&frame);
  g_clear_pointer (&names, g_strfreev);

  frame = read_text ("1,2\n3,4\n", ND_CSV_NO_HEADER);
  names = nd_frame_get_column_names (frame);
  g_assert_cmpstrv (names, ((const char *[]) { "0", "1", NULL }));
  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 2);
}

static void
test_delimiters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) frame = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-csv-XXXXXX", &error);
  g_autofree char *tsv = g_build_filename (dir, "t.tsv", NULL);
  g_autofree char *txt = g_build_filename (dir, "t.txt", NULL);

  g_assert_no_error (error);

  /* sniffed: more tabs than commas on the first line */
  frame = read_text ("a\tb,c\td\n1\t2,3\t4\n", ND_CSV_NONE);
  g_assert_cmpuint (nd_frame_get_n_columns (frame), ==, 3);
  g_assert_cmpstr (nd_frame_get_column_name (frame, 1), ==, "b,c");
  g_clear_object (&frame);

  /* by extension: .tsv is tab-separated even when commas abound */
  g_assert_true (g_file_set_contents (tsv, "a,x\tb\n1,5\t2\n", -1, NULL));
  frame = nd_csv_read_file (tsv, '\0', ND_CSV_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_frame_get_column_name (frame, 0), ==, "a,x");
  g_clear_object (&frame);

  /* explicit */
  g_assert_true (g_file_set_contents (txt, "a;b\n1;2\n", -1, NULL));
  frame = nd_csv_read_file (txt, ';', ND_CSV_NONE, &error);
  g_assert_no_error (error);
  assert_records (frame, "[{\"a\":1,\"b\":2}]");

  /* a quote, a line break or half a UTF-8 sequence cannot separate fields */
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(NdFrame) none = nd_csv_read_data ("a\"b\n", -1, "\"\n\xc3"[k], ND_CSV_NONE, &error);

      g_assert_null (none);
      g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT);
      g_clear_error (&error);
    }

  g_unlink (tsv);
  g_unlink (txt);
  g_rmdir (dir);
}

static GBytes *
gzip_bytes (const char *text, gsize len)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (zlib));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (out, text, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static void
test_gzip (void)
{
  const char *text = "x\ty\n1\t2.5\n3\t4\n";
  g_autoptr(GBytes) gz = gzip_bytes (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFrame) frame = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "data.tsv.gz", NULL);
  g_autoptr(GInputStream) stream = NULL;
  gsize len;
  const char *data = g_bytes_get_data (gz, &len);
  g_autofree char *truncated = g_memdup2 (data, len / 2);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  frame = nd_csv_read_file (path, '\0', ND_CSV_NONE, &error);
  g_assert_no_error (error);
  assert_records (frame, "[{\"x\":1,\"y\":2.5},{\"x\":3,\"y\":4}]");
  g_clear_object (&frame);

  frame = nd_csv_read_data (data, len, '\t', ND_CSV_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 2);
  g_clear_object (&frame);

  stream = g_memory_input_stream_new_from_bytes (gz);
  frame = nd_csv_read_stream (stream, '\0', ND_CSV_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 2);
  g_clear_object (&frame);

  /* a cut-off archive is an error, not a shorter table */
  frame = nd_csv_read_data (truncated, len / 2, '\0', ND_CSV_NONE, &error);
  g_assert_null (frame);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_unlink (path);
  g_rmdir (dir);

  frame = nd_csv_read_file ("/nonexistent/x.csv", '\0', ND_CSV_NONE, &error);
  g_assert_null (frame);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
assert_message (GError *error, const char *want)
{
  if (strstr (error->message, want) == NULL)
    g_error ("error '%s' does not say '%s'", error->message, want);
}

static void
test_malformed (void)
{
  GError *error;
  g_autoptr(NdFrame) frame = NULL;
  GString *huge;

  /* a row wider than the header */
  error = read_error ("a,b,c\n1,2,3\n4,5,6,7\n", -1, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE);
  assert_message (error, "line 3, column 4: ragged row with 4 fields where the header has 3");
  g_error_free (error);

  /* narrower: an error, or missing values when asked (pandas' way) */
  error = read_error ("a,b,c\n1,2,3\n\n4,5\n", -1, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE);
  assert_message (error, "line 4, column 3 (\"c\"): ragged row with 2 fields where the header has 3");
  g_error_free (error);
  frame = read_text ("a,b,c\n1,2,3\n4,5\n", ND_CSV_FILL_SHORT_ROWS);
  assert_records (frame, "[{\"a\":1,\"b\":2,\"c\":3},{\"a\":4,\"b\":5,\"c\":null}]");

  /* an unterminated quote names the line where it opens */
  error = read_error ("a,b\n1,2\n3,\"open\n4,5\n6,7\n", -1, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE);
  assert_message (error, "line 3, column 2 (\"b\"): unterminated quote");
  g_error_free (error);

  /* quoted line breaks count as lines */
  error = read_error ("a,b\n\"x\ny\",1\n2,3,4\n", -1, ND_CSV_NONE);
  assert_message (error, "line 4, column 3:");
  g_error_free (error);

  /* not UTF-8, and NUL bytes */
  error = read_error ("a,b\n1,2\n3,\xff\xfe\n", -1, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ENCODING);
  assert_message (error, "line 3, column 2 (\"b\"): the text is not valid UTF-8");
  g_error_free (error);
  error = read_error ("a,b\n1,2\0\n", 9, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ENCODING);
  assert_message (error, "line 2, column 2");
  g_error_free (error);
  error = read_error ("\xc3(x,b\n1,2\n", -1, ND_CSV_NONE);
  assert_message (error, "line 1, column 1:");
  g_error_free (error);

  /* nothing to read */
  error = read_error ("", 0, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_EMPTY);
  g_error_free (error);
  error = read_error ("\n\r\n\n", -1, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_EMPTY);
  g_error_free (error);
  error = read_error ("\xEF\xBB\xBF", -1, ND_CSV_NONE);
  g_assert_error (error, ND_DATA_ERROR, ND_DATA_ERROR_EMPTY);
  g_error_free (error);
  g_clear_object (&frame);

  /* a lone quote, a quote at the very end */
  error = read_error ("\"", -1, ND_CSV_NONE);
  assert_message (error, "line 1, column 1: unterminated quote");
  g_error_free (error);
  frame = read_text ("a\n\"\"", ND_CSV_NONE);
  g_assert_cmpuint (nd_frame_get_n_rows (frame), ==, 1);
  g_clear_object (&frame);

  /* an 8 MiB field, quoted and with doubled quotes */
  huge = g_string_new ("big,n\n\"");
  for (guint k = 0; k < 1024 * 1024; k++)
    g_string_append (huge, k % 97 ? "abcdefgh" : "abcdef\"\"");
  g_string_append (huge, "\",1\n");
  frame = read_text (huge->str, ND_CSV_NONE);
  g_assert_cmpuint (strlen (nd_frame_get_string (frame, 0, 0)), ==, 8 * 1024 * 1024 - 10811);
  g_string_free (huge, TRUE);
  g_clear_object (&frame);

  /* 20000 columns */
  huge = g_string_new (NULL);
  for (guint k = 0; k < 20000; k++)
    g_string_append_printf (huge, "%sc%u", k ? "," : "", k);
  g_string_append_c (huge, '\n');
  for (guint k = 0; k < 20000; k++)
    g_string_append_printf (huge, "%s%u", k ? "," : "", k);
  frame = read_text (huge->str, ND_CSV_NONE);
  g_assert_cmpuint (nd_frame_get_n_columns (frame), ==, 20000);
  g_assert_cmpfloat (nd_frame_get_double (frame, 19999, 0), ==, 19999);
  g_string_free (huge, TRUE);
}

/* Every prefix of a valid file reads or fails cleanly. */
static void
test_prefixes (void)
{
  const char *text = "name,\"quoted, field\",n,when\r\n"
                     "\"a \"\"b\"\"\",\"x\ny\",1.5,2020-01-01\r\n"
                     "c,,NA,\r\n"
                     "\xc3\xa9t\xc3\xa9,\"\",-3,2020-02-02T10:00\n";
  gsize len = strlen (text);

  for (gsize k = 0; k <= len; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdFrame) frame = nd_csv_read_data (text, k, ',', ND_CSV_NONE, &error);

      g_assert_true ((frame == NULL) != (error == NULL));
      if (frame)
        {
          g_autoptr(JsonNode) records = nd_frame_to_records (frame);
          g_autofree char *json = nd_frame_to_json (frame, ND_ORIENT_COLUMNS);

          g_assert_nonnull (records);
          g_assert_nonnull (json);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/dataset-types", test_dataset_types);
  g_test_add_data_func ("/csv/dataset-floats/gapminder", "gapminder", test_dataset_floats);
  g_test_add_data_func ("/csv/dataset-floats/stocks", "stocks", test_dataset_floats);
  g_test_add_data_func ("/csv/dataset-floats/carshare", "carshare", test_dataset_floats);
  g_test_add_data_func ("/csv/dataset-floats/experiment", "experiment", test_dataset_floats);
  g_test_add_func ("/csv/gapminder", test_gapminder);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/types", test_types);
  g_test_add_func ("/csv/header", test_header);
  g_test_add_func ("/csv/delimiters", test_delimiters);
  g_test_add_func ("/csv/gzip", test_gzip);
  g_test_add_func ("/csv/malformed", test_malformed);
  g_test_add_func ("/csv/prefixes", test_prefixes);
  return g_test_run ();
}
