/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Cell text to values, the way pandas 1.5's C parser reads CSV cells, so a
 * table read here holds the same numbers pandas holds: its default float
 * reader sums at most 17 digits in a double and scales by one power of
 * ten, which differs from a correctly rounded strtod() in the last bit for
 * about one long decimal in twenty (gapminder has 103 of them), and a
 * figure built from the table would show those digits.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nd-frame-private.h"
#include "nd-json.h"

static const double pow10_table[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23,
  1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
  1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39,
  1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47,
  1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55,
  1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63,
  1e64, 1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71,
  1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79,
  1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87,
  1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95,
  1e96, 1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103,
  1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110, 1e111,
  1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119,
  1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127,
  1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135,
  1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143,
  1e144, 1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151,
  1e152, 1e153, 1e154, 1e155, 1e156, 1e157, 1e158, 1e159,
  1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167,
  1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175,
  1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183,
  1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191,
  1e192, 1e193, 1e194, 1e195, 1e196, 1e197, 1e198, 1e199,
  1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207,
  1e208, 1e209, 1e210, 1e211, 1e212, 1e213, 1e214, 1e215,
  1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223,
  1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231,
  1e232, 1e233, 1e234, 1e235, 1e236, 1e237, 1e238, 1e239,
  1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247,
  1e248, 1e249, 1e250, 1e251, 1e252, 1e253, 1e254, 1e255,
  1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263,
  1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271,
  1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
  1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287,
  1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295,
  1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303,
  1e304, 1e305, 1e306, 1e307, 1e308,
};

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* pandas' default na_values (1.5: "None" is not among them). */
gboolean
nd_parse_is_na (const char *s)
{
  static const char *const na[] = {
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
    "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a",
    "nan", "null",
  };

  if (s[0] == '\0')
    return TRUE;
  /* every spelling starts with one of these and is short */
  if (strchr ("#-1<Nn", s[0]) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (na); i++)
    if (strcmp (s, na[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
nd_parse_int64 (const char *s, gint64 *value)
{
  const char *p = s;
  gboolean negative = FALSE;
  guint64 limit, n = 0;

  while (is_space (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  if (!is_digit (*p))
    return FALSE;
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  for (; is_digit (*p); p++)
    {
      guint d = *p - '0';

      if (n > (limit - d) / 10)
        return FALSE;   /* overflow: pandas would try uint64, then object */
      n = n * 10 + d;
    }
  while (is_space (*p))
    p++;
  if (*p != '\0')
    return FALSE;
  *value = negative ? (gint64) (0 - n) : (gint64) n;
  return TRUE;
}

static gboolean
parse_infinity (const char *s, double *value)
{
  const char *p = s;
  double sign = 1;

  if (*p == '-' || *p == '+')
    sign = *p++ == '-' ? -1 : 1;
  if (g_ascii_strcasecmp (p, "inf") == 0 || g_ascii_strcasecmp (p, "infinity") == 0)
    {
      *value = sign * INFINITY;
      return TRUE;
    }
  return FALSE;
}

/* pandas' "high" precision float reader (its default): the first 17
 * significant digits are summed in a double, the rest only shift the
 * exponent, and the sum is scaled by a single power of ten. */
gboolean
nd_parse_double (const char *s, double *value)
{
  const int max_digits = 17;
  const char *p = s;
  gboolean negative = FALSE;
  double number = 0;
  gint64 exponent = 0;
  int n_digits = 0, n_decimals = 0;

  while (is_space (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; is_digit (*p); p++)
    {
      if (n_digits < max_digits)
        {
          number = number * 10. + (*p - '0');
          n_digits++;
        }
      else
        exponent++;
    }
  if (*p == '.')
    {
      p++;
      for (; n_digits < max_digits && is_digit (*p); p++)
        {
          number = number * 10. + (*p - '0');
          n_digits++;
          n_decimals++;
        }
      while (is_digit (*p))
        p++;
      exponent -= n_decimals;
    }
  if (n_digits == 0)
    return parse_infinity (s, value);
  if (negative)
    number = -number;

  if (*p == 'e' || *p == 'E')
    {
      const char *e = p++;
      gboolean neg_exp = FALSE;
      gint64 n = 0;
      int k = 0;

      if (*p == '-' || *p == '+')
        neg_exp = *p++ == '-';
      for (; k < max_digits && is_digit (*p); p++, k++)
        n = n * 10 + (*p - '0');
      if (k == 0)
        p = e;   /* "1e" is not a number: the 'e' is left unread */
      exponent += neg_exp ? -n : n;
    }

  while (is_space (*p))
    p++;
  if (*p != '\0')
    return parse_infinity (s, value);

  if (exponent > 308)
    return FALSE;
  else if (exponent > 0)
    number *= pow10_table[exponent];
  else if (exponent < -308)
    {
      if (exponent < -616)
        number = 0;
      else
        {
          number /= pow10_table[-308 - exponent];
          number /= pow10_table[308];
        }
    }
  else
    number /= pow10_table[-exponent];

  if (isinf (number))
    return FALSE;   /* out of range: pandas keeps the text */
  *value = number;
  return TRUE;
}

gboolean
nd_parse_bool (const char *s, gboolean *value)
{
  if (strcmp (s, "True") == 0 || strcmp (s, "TRUE") == 0 || strcmp (s, "true") == 0)
    *value = TRUE;
  else if (strcmp (s, "False") == 0 || strcmp (s, "FALSE") == 0 || strcmp (s, "false") == 0)
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
digits (const char *p, int n, int *value)
{
  int v = 0;

  for (int k = 0; k < n; k++)
    {
      if (!is_digit (p[k]))
        return FALSE;
      v = v * 10 + (p[k] - '0');
    }
  *value = v;
  return TRUE;
}

/* Days from 1970-01-01 to a proleptic Gregorian date. */
static gint64
days_from_civil (int y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* YYYY-MM-DD, optionally followed by [T ]HH:MM[:SS[.fraction]]. */
gboolean
nd_parse_date (const char *s, gint64 *usec)
{
  static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int y, m, d, hh = 0, mm = 0, ss = 0;
  gint64 frac = 0;
  const char *p;

  if (!digits (s, 4, &y) || s[4] != '-' || !digits (s + 5, 2, &m) || s[7] != '-' ||
      !digits (s + 8, 2, &d))
    return FALSE;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
    return FALSE;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return FALSE;
  p = s + 10;
  if (*p == 'T' || *p == ' ')
    {
      p++;
      if (!digits (p, 2, &hh) || p[2] != ':' || !digits (p + 3, 2, &mm) || hh > 23 || mm > 59)
        return FALSE;
      p += 5;
      if (*p == ':')
        {
          if (!digits (p + 1, 2, &ss) || ss > 59)
            return FALSE;
          p += 3;
          if (*p == '.')
            {
              gint64 scale = 100000;
              int k = 0;

              for (p++; is_digit (*p); p++, k++)
                {
                  if (k < 6)
                    frac += (*p - '0') * scale;
                  scale /= 10;
                }
              if (k == 0 || k > 9)
                return FALSE;
            }
        }
    }
  if (*p != '\0')
    return FALSE;
  *usec = ((days_from_civil (y, m, d) * 24 + hh) * 60 + mm) * (gint64) 60 * G_USEC_PER_SEC +
          ss * G_USEC_PER_SEC + frac;
  return TRUE;
}

/* The value pandas' to_json() writes for a double: its encoder prints
 * ten decimals (double_precision=10), trims trailing zeros, and switches
 * to "%.10g" outside [1e-15, 1e16]; the reader then sees that text. */
double
nd_pandas_json_double (double value)
{
  const double pow10 = 1e10;
  char buf[64];
  double v = fabs (value), tmp, diff;
  guint64 whole, frac;
  gboolean negative = value < 0;
  int len;

  if (!isfinite (value) || value == 0)
    return value;
  if (v > 1e16 || v < 1e-15)
    {
      g_snprintf (buf, sizeof buf, "%.10g", value);
      return g_ascii_strtod (buf, NULL);
    }
  whole = (guint64) v;
  tmp = (v - (double) whole) * pow10;
  frac = (guint64) tmp;
  diff = tmp - (double) frac;
  if (diff > 0.5)
    frac++;
  else if (diff == 0.5 && (frac == 0 || (frac & 1)))
    frac++;
  if ((double) frac >= pow10)
    {
      frac = 0;
      whole++;
    }
  if (frac == 0)
    return negative ? -(double) whole : (double) whole;
  len = g_snprintf (buf, sizeof buf, "%s%" G_GUINT64_FORMAT ".%010" G_GUINT64_FORMAT,
                    negative ? "-" : "", whole, frac);
  g_assert (len > 0 && (gsize) len < sizeof buf);
  return g_ascii_strtod (buf, NULL);
}

/* g_string_append_printf() formats a number in about ten times the
 * time this takes, and frames write millions of them. */
void
nd_append_int64 (GString *out, gint64 value)
{
  char buf[24];
  int k = sizeof buf;
  guint64 v = value < 0 ? 0 - (guint64) value : (guint64) value;

  do
    {
      buf[--k] = '0' + v % 10;
      v /= 10;
    }
  while (v > 0);
  if (value < 0)
    buf[--k] = '-';
  g_string_append_len (out, buf + k, sizeof buf - k);
}

/* JavaScript spells 1e20 as 100000000000000000000, which json-glib reads
 * as a wrapped int64: whole numbers that large go in exponent form,
 * which every reader reads back exactly. */
static void
write_js_number (GString *out, double v)
{
  char buf[40];

  if (!isfinite (v) || fabs (v) < 1e18)
    {
      nd_json_write_number (out, v);
      return;
    }
  for (int prec = 0; prec < 17; prec++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", prec, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

/* Writes nd_pandas_json_double (@value) as nd_json_write_number() would.
 * The pandas digits are known here, and a decimal of at most 15
 * significant digits is the shortest spelling of the double nearest to
 * it, so most values skip the shortest-digits search (a frame of a
 * million doubles writes in a fraction of the time). */
void
nd_pandas_json_write (GString *out, double value)
{
  const guint64 pow10 = G_GUINT64_CONSTANT (10000000000);
  char digits[16];
  double v = fabs (value), tmp, diff;
  guint64 whole, frac;
  int n_frac = 10, n_whole = 0, lead = 0;

  if (!isfinite (value) || v > 1e16 || (v != 0 && v < 1e-15))
    {
      write_js_number (out, nd_pandas_json_double (value));
      return;
    }
  whole = (guint64) v;
  tmp = (v - (double) whole) * (double) pow10;
  frac = (guint64) tmp;
  diff = tmp - (double) frac;
  if (diff > 0.5 || (diff == 0.5 && (frac == 0 || (frac & 1))))
    frac++;
  if (frac >= pow10)
    {
      frac = 0;
      whole++;
    }
  if (frac == 0)
    {
      /* whole ≤ 1e16 + 1 fits an int64 */
      nd_append_int64 (out, whole == 0 ? 0 : value < 0 ? -(gint64) whole : (gint64) whole);
      return;
    }
  while (frac % 10 == 0)
    {
      frac /= 10;
      n_frac--;
    }
  for (guint64 w = whole; w > 0; w /= 10)
    n_whole++;
  digits[n_frac] = '\0';
  for (int k = n_frac - 1; k >= 0; k--, frac /= 10)
    digits[k] = '0' + frac % 10;
  while (whole == 0 && digits[lead] == '0')
    lead++;
  /* past 15 digits, or below 1e-6 where JavaScript switches to exponents */
  if (n_whole + n_frac - lead > 15 || (whole == 0 && lead > 5))
    {
      write_js_number (out, nd_pandas_json_double (value));
      return;
    }
  if (value < 0)
    g_string_append_c (out, '-');
  nd_append_int64 (out, (gint64) whole);
  g_string_append_c (out, '.');
  g_string_append_len (out, digits, n_frac);
}
