/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Numbers and dates as plotly reads and prints them: plotly's date strings
 * (UTC, time zones ignored), a d3-format subset for `tickformat`, a
 * d3-time-format subset for date `tickformat`, and JavaScript's shortest
 * round-trip number text.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nd-chart-private.h"

/* printf in the C locale whatever the process locale (GTK sets it). */
static void
ascii_fmt (char *buf, gsize len, char conv, int prec, double v)
{
  char fmt[16];

  g_snprintf (fmt, sizeof fmt, "%%.%d%c", prec, conv);
  g_ascii_formatd (buf, len, fmt, v);
}

static void
string_fmt (GString *s, char conv, int prec, double v)
{
  char buf[400];

  ascii_fmt (buf, sizeof buf, conv, prec, v);
  g_string_assign (s, buf);
}

static gint64
days_from_civil (gint64 y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, int *year, int *month, int *day)
{
  gint64 era, doe, yoe, y, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

static int
days_in_month (int y, int m)
{
  static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dm[m - 1];
}

double
nd_date_from_fields (int year, int month, int day)
{
  return days_from_civil (year, month, day) * ND_ONEDAY;
}

static gboolean
read_int (const char **p, int min_digits, int max_digits, int *out)
{
  int n = 0, v = 0;

  while (n < max_digits && g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *out = v;
  return n >= min_digits;
}

/**
 * nd_date_parse: (skip)
 *
 * Reads plotly's date strings: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then an
 * optional time (` ` or `T`) `HH[:MM[:SS[.fff]]]` and a time zone suffix
 * that, as in plotly, is ignored.
 */
gboolean
nd_date_parse (const char *str, double *ms)
{
  const char *p = str;
  int y, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  double frac = 0;
  gboolean neg = FALSE;

  while (*p == ' ')
    p++;
  if (*p == '-')
    {
      neg = TRUE;
      p++;
    }
  if (!read_int (&p, 4, 4, &y))
    return FALSE;
  if (neg)
    y = -y;
  if (*p == '-')
    {
      p++;
      if (!read_int (&p, 1, 2, &mo) || mo < 1 || mo > 12)
        return FALSE;
      if (*p == '-')
        {
          p++;
          if (!read_int (&p, 1, 2, &d) || d < 1 || d > days_in_month (y, mo))
            return FALSE;
          if (*p == ' ' || *p == 'T' || *p == 't')
            {
              p++;
              if (!read_int (&p, 1, 2, &h) || h > 23)
                return FALSE;
              if (*p == ':')
                {
                  p++;
                  if (!read_int (&p, 2, 2, &mi) || mi > 59)
                    return FALSE;
                  if (*p == ':')
                    {
                      p++;
                      if (!read_int (&p, 2, 2, &s) || s > 59)
                        return FALSE;
                      if (*p == '.' && g_ascii_isdigit (p[1]))
                        {
                          double scale = 0.1;

                          for (p++; g_ascii_isdigit (*p); p++, scale /= 10)
                            frac += (*p - '0') * scale;
                        }
                    }
                }
              if (*p == 'Z' || *p == 'z')
                p++;
              else if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]))
                {
                  int tz;

                  p++;
                  if (!read_int (&p, 2, 2, &tz))
                    return FALSE;
                  if (*p == ':')
                    p++;
                  read_int (&p, 0, 2, &tz);
                }
            }
        }
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  *ms = nd_date_from_fields (y, mo, d) + h * ND_ONEHOUR + mi * ND_ONEMIN +
        (s + frac) * ND_ONESEC;
  return TRUE;
}

void
nd_date_fields (double ms, int *year, int *month, int *day, int *hour, int *minute,
                double *second, int *weekday, int *yday)
{
  double days = floor (ms / ND_ONEDAY);
  double rem = ms - days * ND_ONEDAY;
  int y, m, d;

  civil_from_days ((gint64) days, &y, &m, &d);
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day)
    *day = d;
  if (hour)
    *hour = (int) (rem / ND_ONEHOUR);
  if (minute)
    *minute = (int) (fmod (rem, ND_ONEHOUR) / ND_ONEMIN);
  if (second)
    *second = fmod (rem, ND_ONEMIN) / ND_ONESEC;
  if (weekday)
    *weekday = (int) (((gint64) days % 7 + 7 + 4) % 7);   /* 1970-01-01 was a Thursday */
  if (yday)
    *yday = (int) (days - days_from_civil (y, 1, 1)) + 1;
}

/* Keeps the time of day; the day of month is clamped to the new month. */
double
nd_date_add_months (double ms, int months)
{
  double days = floor (ms / ND_ONEDAY);
  double rem = ms - days * ND_ONEDAY;
  int y, m, d, total;

  civil_from_days ((gint64) days, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = (int) floor (total / 12.0);
  m = total - y * 12 + 1;
  d = MIN (d, days_in_month (y, m));
  return days_from_civil (y, m, d) * ND_ONEDAY + rem;
}

static const char *const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};
static const char *const day_names[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static void
append_padded (GString *out, int v, int width, char pad)
{
  if (pad == 0)
    g_string_append_printf (out, "%d", v);
  else if (pad == ' ')
    g_string_append_printf (out, "%*d", width, v);
  else
    g_string_append_printf (out, "%0*d", width, v);
}

/**
 * nd_format_date: (skip)
 *
 * d3-time-format in UTC: %Y %y %m %d %e %H %I %M %S %L %f %p %b %B %a %A
 * %j %w %u %%, with the `-` `_` `0` padding modifiers.
 */
char *
nd_format_date (double ms, const char *fmt)
{
  GString *out = g_string_new (NULL);
  int y, mo, d, h, mi, wd, yd;
  double sec;

  nd_date_fields (ms, &y, &mo, &d, &h, &mi, &sec, &wd, &yd);
  for (const char *p = fmt; *p; p++)
    {
      char pad = '0';

      if (*p != '%')
        {
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      if (*p == '-' || *p == '_' || *p == '0')
        {
          pad = *p == '-' ? 0 : *p;
          p++;
        }
      switch (*p)
        {
        case 'Y': g_string_append_printf (out, "%d", y); break;
        case 'y': append_padded (out, ((y % 100) + 100) % 100, 2, pad); break;
        case 'm': append_padded (out, mo, 2, pad); break;
        case 'd': append_padded (out, d, 2, pad); break;
        case 'e': append_padded (out, d, 2, pad == '0' ? ' ' : pad); break;
        case 'H': append_padded (out, h, 2, pad); break;
        case 'I': append_padded (out, h % 12 == 0 ? 12 : h % 12, 2, pad); break;
        case 'M': append_padded (out, mi, 2, pad); break;
        case 'S': append_padded (out, (int) floor (sec), 2, pad); break;
        case 'L': g_string_append_printf (out, "%03d", (int) (fmod (sec, 1) * 1000 + 1e-6)); break;
        case 'f': g_string_append_printf (out, "%06d", (int) (fmod (sec, 1) * 1e6 + 1e-3)); break;
        case 'p': g_string_append (out, h < 12 ? "AM" : "PM"); break;
        case 'b': g_string_append_len (out, month_names[mo - 1], 3); break;
        case 'B': g_string_append (out, month_names[mo - 1]); break;
        case 'a': g_string_append_len (out, day_names[wd], 3); break;
        case 'A': g_string_append (out, day_names[wd]); break;
        case 'j': append_padded (out, yd, 3, pad); break;
        case 'w': g_string_append_printf (out, "%d", wd); break;
        case 'u': g_string_append_printf (out, "%d", wd == 0 ? 7 : wd); break;
        case '%': g_string_append_c (out, '%'); break;
        case '\0': p--; break;
        default: g_string_append_c (out, '%'); g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * nd_format_shortest: (skip)
 *
 * JavaScript's `String(number)` for the usual magnitudes: the shortest
 * text that reads back to the same double.
 */
char *
nd_format_shortest (double v)
{
  char buf[64];

  if (isnan (v))
    return g_strdup ("NaN");
  if (isinf (v))
    return g_strdup (v > 0 ? "Infinity" : "-Infinity");
  if (v == 0)
    return g_strdup ("0");
  for (int prec = 1; prec <= 17; prec++)
    {
      ascii_fmt (buf, sizeof buf, 'g', prec, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  /* JavaScript uses exponents only below 1e-6 and from 1e21 */
  if (strchr (buf, 'e') && fabs (v) >= 1e-6 && fabs (v) < 1e21)
    {
      GString *s = g_string_new (NULL);
      int prec = 0;
      double a = fabs (v);

      if (a < 1)
        {
          /* count significant digits needed */
          for (prec = 0; prec < 24; prec++)
            {
              ascii_fmt (buf, sizeof buf, 'f', prec, v);
              if (g_ascii_strtod (buf, NULL) == v)
                break;
            }
        }
      else
        ascii_fmt (buf, sizeof buf, 'f', 0, v);
      g_string_append (s, buf);
      return g_string_free (s, FALSE);
    }
  return g_strdup (buf);
}

/**
 * nd_parse_number: (skip)
 *
 * plotly's cleanNumber: quotes, `%`, `$`, `#`, commas and spaces at the
 * ends and commas or spaces inside are dropped before reading a number.
 */
gboolean
nd_parse_number (const char *str, double *out)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *start = str, *end = str + strlen (str);
  char *stop;
  double v;

  while (start < end && strchr ("'\"%,$# \t\n", *start))
    start++;
  while (end > start && strchr ("'\"%,$# \t\n", end[-1]))
    end--;
  for (const char *p = start; p < end; p++)
    if (*p != ',' && *p != ' ')
      g_string_append_c (s, *p);
  if (s->len == 0)
    return FALSE;
  v = g_ascii_strtod (s->str, &stop);
  if (*stop != '\0' || !isfinite (v) || g_ascii_isalpha (s->str[0]))
    return FALSE;
  *out = v;
  return TRUE;
}

/* ---- d3-format subset ---- */

typedef struct {
  char     fill, align, sign, symbol;
  gboolean zero, comma, trim;
  int      width, precision;
  char     type;
} Spec;

static gboolean
parse_spec (const char *s, Spec *sp)
{
  const char *p = s;

  *sp = (Spec) { ' ', '>', '-', 0, FALSE, FALSE, FALSE, -1, -1, 0 };
  if (p[0] && p[1] && strchr ("<>=^", p[1]))
    {
      sp->fill = p[0];
      sp->align = p[1];
      p += 2;
    }
  else if (p[0] && strchr ("<>=^", p[0]))
    sp->align = *p++;
  if (*p && strchr ("+- (", *p))
    sp->sign = *p++;
  if (*p == '$' || *p == '#')
    sp->symbol = *p++;
  if (*p == '0')
    {
      sp->zero = TRUE;
      sp->fill = '0';
      sp->align = '=';
      p++;
    }
  if (g_ascii_isdigit (*p))
    {
      sp->width = 0;
      while (g_ascii_isdigit (*p))
        sp->width = sp->width * 10 + (*p++ - '0');
    }
  if (*p == ',')
    {
      sp->comma = TRUE;
      p++;
    }
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      sp->precision = 0;
      while (g_ascii_isdigit (*p))
        sp->precision = sp->precision * 10 + (*p++ - '0');
    }
  if (*p == '~')
    {
      sp->trim = TRUE;
      p++;
    }
  if (*p && strchr ("efgrsdp%", *p))
    sp->type = *p++;
  return *p == '\0';
}

static void
trim_zeros (GString *s)
{
  char *dot = strchr (s->str, '.');
  gsize end, epos;
  char *e;

  if (dot == NULL)
    return;
  e = strpbrk (dot, "eE");
  epos = e ? (gsize) (e - s->str) : s->len;
  end = epos;
  while (end > (gsize) (dot - s->str) + 1 && s->str[end - 1] == '0')
    end--;
  if (end == (gsize) (dot - s->str) + 1)
    end--;
  g_string_erase (s, end, epos - end);
}

/* x.toExponential(p - 1) as digits and a decimal exponent. */
static void
decimal_digits (double x, int p, GString *digits, int *exponent)
{
  char buf[64];
  char *e;

  ascii_fmt (buf, sizeof buf, 'e', MAX (p - 1, 0), x);
  e = strchr (buf, 'e');
  *exponent = atoi (e + 1);
  g_string_truncate (digits, 0);
  for (char *c = buf; c < e; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (digits, *c);
}

static void
group_thousands (GString *s)
{
  gsize int_end = 0;

  while (int_end < s->len && g_ascii_isdigit (s->str[int_end]))
    int_end++;
  for (gssize i = (gssize) int_end - 3; i > 0; i -= 3)
    g_string_insert_c (s, i, ',');
}

/**
 * nd_format_d3: (skip)
 *
 * A d3-format subset: fill/align, sign, `$`, `0`, width, `,`,
 * `.precision`, `~` and the types e f g r s d p %.
 * Returns: %NULL when @spec is not understood.
 */
char *
nd_format_d3 (double value, const char *spec)
{
  static const char *const si[] = { "y", "z", "a", "f", "p", "n", "\xc2\xb5", "m", "",
                                    "k", "M", "G", "T", "P", "E", "Z", "Y" };
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *suffix = "";
  gboolean neg;
  double x;
  Spec sp;
  int p;

  if (!parse_spec (spec, &sp))
    return NULL;
  if (!isfinite (value))
    return g_strdup (isnan (value) ? "NaN" : value > 0 ? "Infinity" : ND_MINUS "Infinity");
  p = sp.precision;
  if (p < 0)
    p = sp.type ? 6 : 12;
  if (sp.type == 'g' || sp.type == 'r' || sp.type == 's' || sp.type == 'p' || sp.type == 0)
    p = CLAMP (p, 1, 21);
  else
    p = CLAMP (p, 0, 20);
  x = value;
  neg = x < 0 || (x == 0 && signbit (x));
  x = fabs (x);

  switch (sp.type)
    {
    case 'f':
      string_fmt (body, 'f', p, x);
      break;
    case '%':
      string_fmt (body, 'f', p, x * 100);
      suffix = "%";
      break;
    case 'e':
      {
        char buf[64];
        char *e;

        ascii_fmt (buf, sizeof buf, 'e', p, x);
        e = strchr (buf, 'e');
        /* JavaScript writes e+6, not e+06 */
        g_string_append_len (body, buf, e - buf + 2);
        g_string_append_printf (body, "%d", abs (atoi (e + 1)));
      }
      break;
    case 'd':
      string_fmt (body, 'f', 0, round (x));
      break;
    case 'g':
    case 0:
      {
        int exp10 = x == 0 ? 0 : (int) floor (log10 (x));
        char buf[64];

        if (exp10 < -7 || exp10 >= p)
          {
            char *e;

            ascii_fmt (buf, sizeof buf, 'e', p - 1, x);
            e = strchr (buf, 'e');
            g_string_append_len (body, buf, e - buf + 2);
            g_string_append_printf (body, "%d", abs (atoi (e + 1)));
          }
        else
          {
            ascii_fmt (buf, sizeof buf, 'f', MAX (p - 1 - exp10, 0), x);
            g_string_append (body, buf);
          }
        if (sp.type == 0)
          trim_zeros (body);
      }
      break;
    case 'r':
    case 'p':
      {
        /* p significant digits, never exponent notation */
        GString *digits = g_string_new (NULL);
        int e, len;
        double xx = sp.type == 'p' ? x * 100 : x;

        if (sp.type == 'p')
          suffix = "%";
        decimal_digits (xx, p, digits, &e);
        len = (int) digits->len;
        if (e + 1 >= len)
          {
            g_string_assign (body, digits->str);
            for (int k = len; k < e + 1; k++)
              g_string_append_c (body, '0');
          }
        else if (e >= 0)
          {
            g_string_append_len (body, digits->str, e + 1);
            g_string_append_c (body, '.');
            g_string_append (body, digits->str + e + 1);
          }
        else
          {
            g_string_assign (body, "0.");
            for (int k = 0; k < -e - 1; k++)
              g_string_append_c (body, '0');
            g_string_append (body, digits->str);
          }
        g_string_free (digits, TRUE);
      }
      break;
    case 's':
      {
        GString *digits = g_string_new (NULL);
        int e, pe, i, n;

        if (x == 0)
          {
            g_string_assign (body, "0");
            if (p > 1)
              {
                g_string_append_c (body, '.');
                for (int k = 1; k < p; k++)
                  g_string_append_c (body, '0');
              }
            g_string_free (digits, TRUE);
            break;
          }
        decimal_digits (x, p, digits, &e);
        pe = CLAMP ((int) floor (e / 3.0), -8, 8);
        i = e - pe * 3 + 1;
        n = (int) digits->len;
        if (i == n)
          g_string_assign (body, digits->str);
        else if (i > n)
          {
            g_string_assign (body, digits->str);
            for (int k = n; k < i; k++)
              g_string_append_c (body, '0');
          }
        else if (i > 0)
          {
            g_string_append_len (body, digits->str, i);
            g_string_append_c (body, '.');
            g_string_append (body, digits->str + i);
          }
        else
          {
            g_string_assign (body, "0.");
            for (int k = 0; k < -i; k++)
              g_string_append_c (body, '0');
            decimal_digits (x, MAX (0, p + i - 1) + 1, digits, &e);
            g_string_append (body, digits->str);
          }
        suffix = si[8 + pe];
        g_string_free (digits, TRUE);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (sp.trim && sp.type != 0)
    trim_zeros (body);
  /* -0.00 is 0.00 as in d3 */
  if (neg)
    {
      gboolean all_zero = TRUE;

      for (const char *c = body->str; *c && *c != 'e'; c++)
        if (*c >= '1' && *c <= '9')
          all_zero = FALSE;
      if (all_zero)
        neg = FALSE;
    }
  if (sp.comma)
    group_thousands (body);

  {
    g_autoptr(GString) prefix = g_string_new (NULL);
    g_autoptr(GString) tail = g_string_new (suffix);
    int len;

    if (neg)
      g_string_append (prefix, sp.sign == '(' ? "(" : ND_MINUS);
    else if (sp.sign == '+')
      g_string_append_c (prefix, '+');
    else if (sp.sign == ' ')
      g_string_append_c (prefix, ' ');
    if (sp.symbol == '$')
      g_string_append_c (prefix, '$');
    if (neg && sp.sign == '(')
      g_string_append_c (tail, ')');
    len = (int) (g_utf8_strlen (prefix->str, -1) + body->len + g_utf8_strlen (tail->str, -1));
    if (sp.width > len)
      {
        int padn = sp.width - len;
        g_autoptr(GString) pads = g_string_new (NULL);

        for (int k = 0; k < padn; k++)
          g_string_append_c (pads, sp.fill);
        switch (sp.align)
          {
          case '<':
            g_string_append (out, prefix->str);
            g_string_append (out, body->str);
            g_string_append (out, tail->str);
            g_string_append (out, pads->str);
            break;
          case '=':
            g_string_append (out, prefix->str);
            g_string_append (out, pads->str);
            g_string_append (out, body->str);
            g_string_append (out, tail->str);
            break;
          case '^':
            g_string_append_len (out, pads->str, padn / 2);
            g_string_append (out, prefix->str);
            g_string_append (out, body->str);
            g_string_append (out, tail->str);
            g_string_append_len (out, pads->str, padn - padn / 2);
            break;
          default:
            g_string_append (out, pads->str);
            g_string_append (out, prefix->str);
            g_string_append (out, body->str);
            g_string_append (out, tail->str);
            break;
          }
      }
    else
      {
        g_string_append (out, prefix->str);
        g_string_append (out, body->str);
        g_string_append (out, tail->str);
      }
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
