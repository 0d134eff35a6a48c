/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * CSV and TSV to NdFrame, reading as pandas' read_csv does with its
 * defaults: RFC 4180 quoting, a header row (duplicate names become "a.1",
 * empty ones "Unnamed: 3"), blank lines skipped, pandas' missing-value
 * spellings, and per-column types inferred the way pandas infers them.
 *
 * The whole input is held in one buffer that the tokenizer rewrites in
 * place (quotes removed, fields nul-terminated), so reading costs one
 * pass over the bytes plus one conversion per cell.  Any input, however
 * malformed, gives a frame or an error naming the line and column.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "nd-csv.h"
#include "nd-frame-private.h"

typedef struct
{
  char        *buf;
  gsize        len;
  char         delimiter;
  NdCsvFlags   flags;
  gsize        bad;         /* offset of the first byte that is not UTF-8 */
  guint        line;        /* physical line of the cursor, from 1 */
  const char **fields;      /* row-major, n_columns per row */
  gsize        n_fields;
  gsize        fields_size;
  GPtrArray   *names;       /* header names once read */
} Reader;

static void
reader_clear (Reader *r)
{
  g_free (r->fields);
  g_clear_pointer (&r->names, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static void
push_field (Reader *r, const char *field)
{
  if (r->n_fields == r->fields_size)
    {
      r->fields_size = MAX (r->fields_size * 2, 1024);
      r->fields = g_renew (const char *, r->fields, r->fields_size);
    }
  r->fields[r->n_fields++] = field;
}

/* "column 3 ("pop")" once the header is known, "column 3" before. */
static char *
describe_column (Reader *r, gsize index)
{
  if (r->names && index < r->names->len)
    return g_strdup_printf ("column %" G_GSIZE_FORMAT " (\"%s\")", index + 1,
                            (char *) r->names->pdata[index]);
  return g_strdup_printf ("column %" G_GSIZE_FORMAT, index + 1);
}

/* Reads one record; FALSE at the end of the input (with @error unset)
 * or on a malformed record. */
static gboolean
read_record (Reader *r, char **cursor, gsize *n_fields, guint *record_line, GError **error)
{
  char *p = *cursor, *end = r->buf + r->len;
  const char delim = r->delimiter;
  gsize first = r->n_fields;

  /* pandas' skip_blank_lines */
  while (p < end && (*p == '\n' || *p == '\r'))
    {
      if (*p == '\n' || p + 1 >= end || p[1] != '\n')
        r->line++;
      p++;
    }
  if (p >= end)
    {
      *cursor = p;
      return FALSE;
    }
  *record_line = r->line;

  for (;;)
    {
      char *field = p;
      char term;

      if (*p == '"')
        {
          char *dst = p;
          guint quote_line = r->line;

          for (p++;; p++)
            {
              if (p >= end)
                {
                  g_autofree char *col = describe_column (r, r->n_fields - first);
                  g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE,
                               "line %u, %s: unterminated quote (the quoted field runs "
                               "to the end of the input)", quote_line, col);
                  return FALSE;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      *dst++ = '"';
                      p++;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
                r->line++;
              *dst++ = *p;
            }
          /* text after the closing quote joins the field, as in pandas */
          while (p < end && *p != delim && *p != '\n' && *p != '\r')
            *dst++ = *p++;
          term = p < end ? *p : '\0';
          *dst = '\0';
        }
      else
        {
          while (p < end && *p != delim && *p != '\n' && *p != '\r')
            p++;
          term = p < end ? *p : '\0';
          *p = '\0';
        }

      if (G_UNLIKELY (r->bad < (gsize) (p - r->buf)))
        {
          g_autofree char *col = describe_column (r, r->n_fields - first);
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ENCODING,
                       "line %u, %s: the text is not valid UTF-8 (byte %" G_GSIZE_FORMAT ")",
                       r->line, col, r->bad);
          return FALSE;
        }
      push_field (r, field);

      if (p >= end)
        break;
      p++;
      if (term == delim)
        continue;
      if (term == '\r' && p < end && *p == '\n')
        p++;
      r->line++;
      break;
    }
  *n_fields = r->n_fields - first;
  *cursor = p;
  return TRUE;
}

static char
sniff_delimiter (const char *buf, gsize len)
{
  gsize commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len && i < 64 * 1024; i++)
    {
      char c = buf[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r') && (commas || tabs))
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == '\t')
        tabs++;
    }
  return tabs > commas ? '\t' : ',';
}

/* pandas' header clean-up: "Unnamed: i" for empty names, then "a.1",
 * "a.2" for repeats. */
static GPtrArray *
header_names (const char **fields, gsize n)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < n; i++)
    {
      char *name = fields[i][0] ? g_strdup (fields[i])
                                : g_strdup_printf ("Unnamed: %" G_GSIZE_FORMAT, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

      while (count > 0)
        {
          char *next = g_strdup_printf ("%s.%u", name, count);

          g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (count + 1));
          g_free (name);
          name = next;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
        }
      g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (count + 1));
      g_ptr_array_add (names, name);
    }
  return names;
}

#define CELL(r, c) (fields[(gsize) (r) * stride + (c)])

static gboolean
is_integer_text (const char *s)
{
  while (g_ascii_isspace (*s))
    s++;
  if (*s == '-' || *s == '+')
    s++;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    s++;
  while (g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}

static NdColumn *
string_column (const char **fields, gsize stride, gsize col, guint n_rows)
{
  NdColumn *c = nd_column_new (ND_COLUMN_STRING, n_rows, NULL);

  for (guint r = 0; r < n_rows; r++)
    {
      const char *s = CELL (r, col);

      c->s[r] = nd_parse_is_na (s) ? NULL : nd_strings_add (c->strings, s, -1);
    }
  return c;
}

/* An integer too large for int64 as pandas meets it, before any cell
 * that is not an integer: uint64 if every cell is a non-negative integer
 * (kept here as doubles), text otherwise. */
static gboolean
parse_uint64 (const char *s, guint64 *value)
{
  guint64 n = 0;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '+')
    s++;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  for (; g_ascii_isdigit (*s); s++)
    {
      guint d = *s - '0';

      if (n > (G_MAXUINT64 - d) / 10)
        return FALSE;
      n = n * 10 + d;
    }
  while (g_ascii_isspace (*s))
    s++;
  *value = n;
  return *s == '\0';
}

/* An integer too large for int64, met before any cell that is not an
 * integer, turns pandas to uint64 if every cell is a non-negative
 * integer (held here as doubles), and to text otherwise. */
static NdColumn *
convert_overflow (const char **fields, gsize stride, gsize col, guint n_rows)
{
  NdColumn *c = nd_column_new (ND_COLUMN_DOUBLE, n_rows, NULL);

  for (guint r = 0; r < n_rows; r++)
    {
      guint64 v;

      if (!parse_uint64 (CELL (r, col), &v))
        {
          nd_column_unref (c);
          return string_column (fields, stride, col, n_rows);
        }
      c->d[r] = (double) v;
    }
  return c;
}

/* pandas' order: int64 (no gaps), float64, bool, then text; dates (which
 * pandas leaves as text) are recognized before text. */
static NdColumn *
convert_column (const char **fields, gsize stride, gsize col, guint n_rows, NdCsvFlags flags)
{
  NdColumn *c;
  guint n_na = 0, n_bool = 0, n_date = 0;
  gboolean ok;

  if (n_rows > 0 && !(flags & ND_CSV_STRINGS))
    {
      /* int64 */
      guint row = 0;

      c = nd_column_new (ND_COLUMN_INT64, n_rows, NULL);
      while (row < n_rows && nd_parse_int64 (CELL (row, col), &c->i[row]))
        row++;
      if (row == n_rows)
        return c;
      nd_column_unref (c);
      if (is_integer_text (CELL (row, col)))
        return convert_overflow (fields, stride, col, n_rows);

      /* float64, NaN for missing values */
      c = nd_column_new (ND_COLUMN_DOUBLE, n_rows, NULL);
      ok = TRUE;
      for (guint r = 0; r < n_rows && ok; r++)
        {
          const char *s = CELL (r, col);

          if (nd_parse_is_na (s))
            c->d[r] = NAN;
          else
            ok = nd_parse_double (s, &c->d[r]);
        }
      if (ok)
        return c;
      nd_column_unref (c);

      for (guint r = 0; r < n_rows; r++)
        {
          const char *s = CELL (r, col);
          gboolean b;
          gint64 when;

          if (nd_parse_is_na (s))
            n_na++;
          else if (nd_parse_bool (s, &b))
            n_bool++;
          else if (nd_parse_date (s, &when))
            n_date++;
        }
      if (n_bool > 0 && n_bool + n_na == n_rows)
        {
          c = nd_column_new (ND_COLUMN_BOOL, n_rows, NULL);
          for (guint r = 0; r < n_rows; r++)
            {
              gboolean b = FALSE;
              const char *s = CELL (r, col);

              c->b[r] = nd_parse_is_na (s) ? ND_BOOL_NULL : (nd_parse_bool (s, &b), b ? 1 : 0);
            }
          return c;
        }
      if (n_date > 0 && n_date + n_na == n_rows)
        {
          c = nd_column_new (ND_COLUMN_DATE, n_rows, NULL);
          for (guint r = 0; r < n_rows; r++)
            {
              const char *s = CELL (r, col);

              c->i[r] = 0;
              if (!nd_parse_is_na (s) && nd_parse_date (s, &c->i[r]))
                c->s[r] = nd_strings_add (c->strings, s, -1);
            }
          return c;
        }
    }

  return string_column (fields, stride, col, n_rows);
}

#undef CELL

/* Parses @buf (@len bytes, with a nul at buf[len]), which it rewrites. */
static NdFrame *
parse_buffer (char *buf, gsize len, char delimiter, NdCsvFlags flags, GError **error)
{
  g_auto(Reader) r = { 0 };
  g_autoptr(NdFrame) frame = NULL;
  const char *bad = NULL;
  char *cursor = buf;
  gsize n_columns, n_fields, n_rows;
  guint line;

  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || (guchar) delimiter >= 0x80)
    {
      g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_ARGUMENT,
                   "the delimiter must be an ASCII character other than a quote or a line break");
      return NULL;
    }

  /* a UTF-8 byte-order mark is not part of the first name */
  if (len >= 3 && memcmp (buf, "\xEF\xBB\xBF", 3) == 0)
    cursor += 3;

  r.buf = buf;
  r.len = len;
  r.flags = flags;
  r.line = 1;
  r.bad = g_utf8_validate_len (buf, len, &bad) ? G_MAXSIZE : (gsize) (bad - buf);
  r.delimiter = delimiter ? delimiter : sniff_delimiter (cursor, len - (cursor - buf));

  if (!read_record (&r, &cursor, &n_fields, &line, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, ND_DATA_ERROR, ND_DATA_ERROR_EMPTY,
                             "no columns to parse: the input is empty");
      return NULL;
    }
  n_columns = n_fields;
  if (flags & ND_CSV_NO_HEADER)
    {
      r.names = g_ptr_array_new_with_free_func (g_free);
      for (gsize c = 0; c < n_columns; c++)
        g_ptr_array_add (r.names, g_strdup_printf ("%" G_GSIZE_FORMAT, c));
    }
  else
    {
      r.names = header_names (r.fields, n_columns);
      r.n_fields = 0;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (!read_record (&r, &cursor, &n_fields, &line, &local_error))
        {
          if (local_error)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }
      if (n_fields > n_columns)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE,
                       "line %u, column %" G_GSIZE_FORMAT ": ragged row with %" G_GSIZE_FORMAT
                       " fields where the header has %" G_GSIZE_FORMAT,
                       line, n_columns + 1, n_fields, n_columns);
          return NULL;
        }
      if (n_fields < n_columns)
        {
          if (!(flags & ND_CSV_FILL_SHORT_ROWS))
            {
              g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE,
                           "line %u, column %" G_GSIZE_FORMAT " (\"%s\"): ragged row with %"
                           G_GSIZE_FORMAT " fields where the header has %" G_GSIZE_FORMAT,
                           line, n_fields + 1, (char *) r.names->pdata[n_fields],
                           n_fields, n_columns);
              return NULL;
            }
          for (gsize k = n_fields; k < n_columns; k++)
            push_field (&r, "");
        }
      if (r.n_fields / n_columns > G_MAXUINT)
        {
          g_set_error (error, ND_DATA_ERROR, ND_DATA_ERROR_PARSE,
                       "line %u: more than %u rows", line, G_MAXUINT);
          return NULL;
        }
    }

  n_rows = n_columns ? r.n_fields / n_columns : 0;
  frame = nd_frame_new_sized (n_rows);
  for (gsize c = 0; c < n_columns; c++)
    nd_frame_append_column (frame, r.names->pdata[c],
                            convert_column (r.fields, n_columns, c, n_rows, flags));
  return g_steal_pointer (&frame);
}

static gboolean
is_gzip (const guint8 *data, gsize len)
{
  return len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

/* Reads @stream to its end into a nul-terminated buffer. */
static char *
read_all (GInputStream *stream, gsize size_hint, gsize *length, GCancellable *cancellable,
          GError **error)
{
  gsize size = MAX (size_hint + 1, 64 * 1024), len = 0;
  g_autofree char *buf = g_malloc (size);

  for (;;)
    {
      gssize n;

      if (size - len < 64 * 1024 + 1)
        {
          size *= 2;
          buf = g_realloc (buf, size);
        }
      n = g_input_stream_read (stream, buf + len, size - len - 1, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      len += n;
    }
  buf[len] = '\0';
  *length = len;
  return g_steal_pointer (&buf);
}

/* GIO's zlib decompressor, through a converter stream, reads .gz. */
static char *
gunzip (const guint8 *data, gsize len, gsize *out_len, GCancellable *cancellable, GError **error)
{
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_data (data, len, NULL);
  g_autoptr(GZlibDecompressor) zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (mem, G_CONVERTER (zlib));
  gsize hint = 0;

  /* the gzip trailer holds the size modulo 4 GiB: a hint, not a promise */
  if (len >= 18)
    hint = data[len - 4] | data[len - 3] << 8 | data[len - 2] << 16 | (gsize) data[len - 1] << 24;
  return read_all (in, MIN (hint, (gsize) 256 * 1024 * 1024), out_len, cancellable, error);
}

static char
delimiter_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".gz"))
    lower[strlen (lower) - 3] = '\0';
  if (g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".tab"))
    return '\t';
  if (g_str_has_suffix (lower, ".csv"))
    return ',';
  return '\0';
}

/**
 * nd_csv_read_file:
 * @path: (type filename): a CSV or TSV file, or one compressed with gzip
 *   (recognized by its content, whatever its name)
 * @delimiter: the field separator, or '\0' to choose: a tab for `.tsv` and
 *   `.tab` files, a comma for `.csv`, and otherwise whichever of the two
 *   the first line has more of
 * @flags: reading options
 * @error: return location for an error
 *
 * pandas' `pd.read_csv (path)`.  Quoted fields follow RFC 4180 (`""` is a
 * quote, newlines may be quoted); the first row names the columns; blank
 * lines are skipped; each column is typed as pandas types it: int64 if
 * every cell is an integer, else float64 if every cell is a number or
 * missing (`""`, `NA`, `NaN`, `null`, … as pandas spells them), else bool
 * for `True`/`false`/…, else a date if every cell is `YYYY-MM-DD` (with
 * an optional time), else text.
 *
 * Malformed input gives an %ND_DATA_ERROR naming the line and the column:
 * an unterminated quote, a row with more or fewer fields than the header
 * (see %ND_CSV_FILL_SHORT_ROWS), text that is not UTF-8, an empty file.
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 */
NdFrame *
nd_csv_read_file (const char *path, char delimiter, NdCsvFlags flags, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  NdFrame *frame;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  if (is_gzip ((const guint8 *) contents, len))
    {
      g_autofree char *compressed = g_steal_pointer (&contents);

      contents = gunzip ((const guint8 *) compressed, len, &len, NULL, &local_error);
      if (contents == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       "%s: %s", path, local_error->message);
          return NULL;
        }
    }
  if (delimiter == '\0')
    delimiter = delimiter_for_path (path);
  frame = parse_buffer (contents, len, delimiter, flags, &local_error);
  if (frame == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
  return frame;
}

/**
 * nd_csv_read_data:
 * @data: (array length=length) (element-type guint8): CSV text, or gzip data
 * @length: the length of @data, or -1 if it is nul-terminated
 * @delimiter: the field separator, or '\0' to guess from the first line
 * @flags: reading options
 * @error: return location for an error
 *
 * nd_csv_read_file() for text in memory (an upload's contents).
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 */
NdFrame *
nd_csv_read_data (const char *data, gssize length, char delimiter, NdCsvFlags flags,
                  GError **error)
{
  g_autofree char *buf = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (is_gzip ((const guint8 *) data, len))
    {
      buf = gunzip ((const guint8 *) data, len, &len, NULL, error);
      if (buf == NULL)
        return NULL;
    }
  else
    {
      buf = g_malloc (len + 1);
      if (len)
        memcpy (buf, data, len);
      buf[len] = '\0';
    }
  return parse_buffer (buf, len, delimiter, flags, error);
}

/**
 * nd_csv_read_stream:
 * @stream: a stream of CSV text, or of gzip data
 * @delimiter: the field separator, or '\0' to guess from the first line
 * @flags: reading options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * nd_csv_read_file() for a stream, read to its end.
 *
 * Returns: (transfer full) (nullable): the frame, or %NULL with @error set
 */
NdFrame *
nd_csv_read_stream (GInputStream *stream, char delimiter, NdCsvFlags flags,
                    GCancellable *cancellable, GError **error)
{
  g_autofree char *buf = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  buf = read_all (stream, 0, &len, cancellable, error);
  if (buf == NULL)
    return NULL;
  if (is_gzip ((const guint8 *) buf, len))
    {
      g_autofree char *compressed = g_steal_pointer (&buf);

      buf = gunzip ((const guint8 *) compressed, len, &len, cancellable, error);
      if (buf == NULL)
        return NULL;
    }
  return parse_buffer (buf, len, delimiter, flags, error);
}
