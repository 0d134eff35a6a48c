/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.DatePickerSingle and dcc.DatePickerRange (components.md §3.4): a
 * field showing the date(s) in `display_format` that opens a popover with
 * a GtkCalendar.  Picking a day reports `date` (or `start_date` and
 * `end_date` as `updatemode` says) as "YYYY-MM-DD"; days outside
 * min/max_date_allowed or in `disabled_days` are struck through and
 * cannot be picked; the clear button reports null.
 */
#include <stdlib.h>
#include <string.h>

#include "nd-kinds.h"
#include "nd-style.h"

/* ---- dates: Julian day numbers (GDate), 0 for none ---- */

typedef guint32 Day;

static Day
day_from_dmy (int y, int m, int d)
{
  GDate date;

  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

static void
day_to_gdate (Day day, GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, day);
}

/* "YYYY-MM-DD", "YYYY-MM" or an ISO date-time: what Dash accepts */
static Day
parse_day (const char *s)
{
  int y = 0, m = 0, d = 1;

  if (s == NULL || sscanf (s, "%d-%d-%d", &y, &m, &d) < 2)
    return 0;
  return day_from_dmy (y, m, d);
}

static Day
prop_day (JsonNode *component, const char *prop)
{
  return parse_day (nd_prop_string (component, prop, NULL));
}

static Day
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return day_from_dmy (g_date_time_get_year (now), g_date_time_get_month (now),
                       g_date_time_get_day_of_month (now));
}

static JsonNode *
day_node (Day day)
{
  GDate date;
  char buf[16];

  if (day == 0)
    return nd_json_null ();
  day_to_gdate (day, &date);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return nd_json_string (buf);
}

/* ---- display_format: moment.js tokens, English names ---- */

static const char *const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"
};
static const char *const weekday_names[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

static void
append_ordinal (GString *out, int n)
{
  const char *suffix = "th";

  if (n % 100 < 11 || n % 100 > 13)
    suffix = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  g_string_append_printf (out, "%d%s", n, suffix);
}

/* moment's locale week for "en": weeks start on Sunday and week 1 holds
 * January 1st.  Returns the week and sets *week_year. */
static int
locale_week (Day day, int *week_year)
{
  GDate date, first;
  Day start, week1;
  int dow;

  day_to_gdate (day, &date);
  dow = g_date_get_weekday (&date) % 7;                 /* 0 = Sunday */
  start = day - dow;
  day_to_gdate (start + 6, &date);                      /* the week's Saturday */
  *week_year = g_date_get_year (&date);
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 1, *week_year);
  week1 = g_date_get_julian (&first) - g_date_get_weekday (&first) % 7;
  return (int) (start - week1) / 7 + 1;
}

typedef enum {
  T_YEAR4, T_YEAR2, T_YEAR, T_QUARTER, T_QUARTER_O,
  T_MONTH_LONG, T_MONTH_SHORT, T_MONTH_O, T_MONTH2, T_MONTH,
  T_DOY3, T_DOY_O, T_DOY, T_DAY_O, T_DAY2, T_DAY,
  T_WDAY_LONG, T_WDAY_SHORT, T_WDAY_O, T_WDAY_MIN, T_WDAY, T_ISO_WDAY, T_LOCALE_WDAY,
  T_ISO_WEEK_O, T_ISO_WEEK2, T_ISO_WEEK, T_WEEK_O, T_WEEK2, T_WEEK,
  T_ISO_WEEK_YEAR, T_WEEK_YEAR, T_UNIX, T_UNIX_MS,
  T_ZERO2, T_ZERO, T_TWELVE2, T_TWELVE, T_24_2, T_24, T_AM_UPPER, T_AM_LOWER,
} Token;

/* longest first, so "MMMM" wins over "MM" */
static const struct { const char *text; Token token; } tokens[] = {
  { "YYYY", T_YEAR4 }, { "GGGG", T_ISO_WEEK_YEAR }, { "gggg", T_WEEK_YEAR },
  { "MMMM", T_MONTH_LONG }, { "DDDD", T_DOY3 }, { "dddd", T_WDAY_LONG },
  { "MMM", T_MONTH_SHORT }, { "DDDo", T_DOY_O }, { "DDD", T_DOY }, { "ddd", T_WDAY_SHORT },
  { "YY", T_YEAR2 }, { "Qo", T_QUARTER_O }, { "Mo", T_MONTH_O }, { "MM", T_MONTH2 },
  { "Do", T_DAY_O }, { "DD", T_DAY2 }, { "do", T_WDAY_O }, { "dd", T_WDAY_MIN },
  { "Wo", T_ISO_WEEK_O }, { "WW", T_ISO_WEEK2 }, { "wo", T_WEEK_O }, { "ww", T_WEEK2 },
  { "HH", T_ZERO2 }, { "hh", T_TWELVE2 }, { "kk", T_24_2 }, { "mm", T_ZERO2 }, { "ss", T_ZERO2 },
  { "Y", T_YEAR }, { "Q", T_QUARTER }, { "M", T_MONTH }, { "D", T_DAY }, { "d", T_WDAY },
  { "E", T_ISO_WDAY }, { "e", T_LOCALE_WDAY }, { "W", T_ISO_WEEK }, { "w", T_WEEK },
  { "X", T_UNIX }, { "x", T_UNIX_MS }, { "H", T_ZERO }, { "h", T_TWELVE }, { "k", T_24 },
  { "m", T_ZERO }, { "s", T_ZERO }, { "A", T_AM_UPPER }, { "a", T_AM_LOWER },
};

static void
append_token (GString *out, Token token, Day day)
{
  GDate date;
  int y, m, d, wday, week_year;

  day_to_gdate (day, &date);
  y = g_date_get_year (&date);
  m = g_date_get_month (&date);
  d = g_date_get_day (&date);
  wday = g_date_get_weekday (&date) % 7;
  switch (token)
    {
    case T_YEAR4: case T_YEAR: g_string_append_printf (out, "%04d", y); break;
    case T_YEAR2: g_string_append_printf (out, "%02d", y % 100); break;
    case T_QUARTER: g_string_append_printf (out, "%d", (m - 1) / 3 + 1); break;
    case T_QUARTER_O: append_ordinal (out, (m - 1) / 3 + 1); break;
    case T_MONTH_LONG: g_string_append (out, month_names[m - 1]); break;
    case T_MONTH_SHORT: g_string_append_len (out, month_names[m - 1], 3); break;
    case T_MONTH_O: append_ordinal (out, m); break;
    case T_MONTH2: g_string_append_printf (out, "%02d", m); break;
    case T_MONTH: g_string_append_printf (out, "%d", m); break;
    case T_DOY3: g_string_append_printf (out, "%03u", g_date_get_day_of_year (&date)); break;
    case T_DOY_O: append_ordinal (out, (int) g_date_get_day_of_year (&date)); break;
    case T_DOY: g_string_append_printf (out, "%u", g_date_get_day_of_year (&date)); break;
    case T_DAY_O: append_ordinal (out, d); break;
    case T_DAY2: g_string_append_printf (out, "%02d", d); break;
    case T_DAY: g_string_append_printf (out, "%d", d); break;
    case T_WDAY_LONG: g_string_append (out, weekday_names[wday]); break;
    case T_WDAY_SHORT: g_string_append_len (out, weekday_names[wday], 3); break;
    case T_WDAY_MIN: g_string_append_len (out, weekday_names[wday], 2); break;
    case T_WDAY_O: append_ordinal (out, wday); break;
    case T_WDAY: case T_LOCALE_WDAY: g_string_append_printf (out, "%d", wday); break;
    case T_ISO_WDAY: g_string_append_printf (out, "%d", wday ? wday : 7); break;
    case T_ISO_WEEK_O: append_ordinal (out, (int) g_date_get_iso8601_week_of_year (&date)); break;
    case T_ISO_WEEK2: g_string_append_printf (out, "%02u", g_date_get_iso8601_week_of_year (&date)); break;
    case T_ISO_WEEK: g_string_append_printf (out, "%u", g_date_get_iso8601_week_of_year (&date)); break;
    case T_WEEK_O: append_ordinal (out, locale_week (day, &week_year)); break;
    case T_WEEK2: g_string_append_printf (out, "%02d", locale_week (day, &week_year)); break;
    case T_WEEK: g_string_append_printf (out, "%d", locale_week (day, &week_year)); break;
    case T_WEEK_YEAR:
      locale_week (day, &week_year);
      g_string_append_printf (out, "%04d", week_year);
      break;
    case T_ISO_WEEK_YEAR:
      {
        /* the ISO week-year is the year of the week's Thursday */
        GDate thursday;

        day_to_gdate (day - (wday ? wday : 7) + 4, &thursday);
        g_string_append_printf (out, "%04d", g_date_get_year (&thursday));
      }
      break;
    case T_UNIX: case T_UNIX_MS:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);
        gint64 s = dt ? g_date_time_to_unix (dt) : 0;

        g_string_append_printf (out, "%" G_GINT64_FORMAT, token == T_UNIX ? s : s * 1000);
      }
      break;
    /* the date is midnight */
    case T_ZERO2: g_string_append (out, "00"); break;
    case T_ZERO: g_string_append (out, "0"); break;
    case T_TWELVE2: case T_TWELVE: g_string_append (out, "12"); break;
    case T_24_2: case T_24: g_string_append (out, "24"); break;
    case T_AM_UPPER: g_string_append (out, "AM"); break;
    case T_AM_LOWER: g_string_append (out, "am"); break;
    }
}

/**
 * format_day:
 * @day: a day
 * @format: (nullable): moment.js tokens; `[text]` and `\x` are literal
 *
 * Returns: (transfer full): @day as Dash shows it ("YYYY-MM-DD" by default)
 */
static char *
format_day (Day day, const char *format)
{
  GString *out = g_string_new (NULL);
  const char *p;

  if (day == 0)
    return g_string_free (out, FALSE);
  if (format == NULL || *format == '\0')
    format = "YYYY-MM-DD";
  for (p = format; *p;)
    {
      gboolean matched = FALSE;

      if (*p == '[')
        {
          const char *close = strchr (p + 1, ']');

          if (close)
            {
              g_string_append_len (out, p + 1, close - p - 1);
              p = close + 1;
              continue;
            }
        }
      if (*p == '\\' && p[1])
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
        {
          gsize len = strlen (tokens[i].text);

          if (strncmp (p, tokens[i].text, len) == 0)
            {
              append_token (out, tokens[i].token, day);
              p += len;
              matched = TRUE;
              break;
            }
        }
      if (!matched)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* ---- the picker, single or range ---- */

typedef struct {
  NdRenderer *renderer;
  gboolean range;
  GtkWidget *box;            /* the component's widget */
  GtkWidget *button;         /* GtkMenuButton: the field */
  GtkWidget *start_label, *end_label, *arrow;
  GtkWidget *clear;
  GtkWidget *popover;
  GtkWidget *calendar;
  Day start, end;            /* what is shown (single: start) */
  Day min, max;
  GArray *disabled_days;
  gboolean syncing;          /* we move the calendar ourselves */
  gboolean select_pending;   /* the calendar selected a day, maybe a pick */
  Day clicked;               /* the day label a click landed on */
  guint commit_source;
  guint decorate_source;
} Picker;

static Picker *
picker_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "nd-date-picker");
}

static void
picker_free (gpointer data)
{
  Picker *p = data;

  g_clear_handle_id (&p->commit_source, g_source_remove);
  g_clear_handle_id (&p->decorate_source, g_source_remove);
  g_array_unref (p->disabled_days);
  g_free (p);
}

static const char picker_css[] =
  ".nd-date-picker .nd-date-text { min-width: 6em; }\n"
  ".nd-date-picker .nd-date-arrow { opacity: 0.55; }\n"
  "calendar.nd-date-calendar { border: none; }\n"
  /* the calendar's own selection only says which month is shown */
  "calendar.nd-date-calendar > grid > label.day-number:selected { background: none; color: inherit; }\n"
  "calendar.nd-date-calendar > grid > label.day-number.other-month:selected { color: alpha(currentColor, 0.3); }\n"
  "calendar.nd-date-calendar > grid > label.day-number.nd-in-range { background-color: alpha(@theme_selected_bg_color, 0.18); }\n"
  "calendar.nd-date-calendar > grid > label.day-number.nd-picked { background-color: @theme_selected_bg_color; color: @theme_selected_fg_color; border-radius: 3px; }\n"
  "calendar.nd-date-calendar > grid > label.day-number.nd-day-disabled { color: alpha(currentColor, 0.35); text-decoration-line: line-through; }\n";

static void
ensure_css (void)
{
  nd_style_add_css (NULL, picker_css);
}

static gboolean
day_is_disabled (Picker *p, Day day)
{
  if (day == 0 || (p->min && day < p->min) || (p->max && day > p->max))
    return TRUE;
  for (guint i = 0; i < p->disabled_days->len; i++)
    if (g_array_index (p->disabled_days, Day, i) == day)
      return TRUE;
  return FALSE;
}

/* Dash's minimum_nights: with only a start picked, the days closer to it
 * than that cannot end the range. */
static gboolean
day_too_close (Picker *p, JsonNode *component, Day day)
{
  double nights = nd_prop_double (component, "minimum_nights", 0);
  Day anchor = p->start ? p->start : p->end;

  if (!p->range || nights <= 0 || anchor == 0 || (p->start && p->end))
    return FALSE;
  return (day > anchor ? day - anchor : anchor - day) < nights;
}

/* The month shown and the day a grid label stands for. */
static Day
label_day (GtkCalendar *calendar, GtkWidget *label)
{
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
  int y = g_date_time_get_year (shown), m = g_date_time_get_month (shown);
  int d = atoi (gtk_label_get_text (GTK_LABEL (label)));

  if (gtk_widget_has_css_class (label, "other-month"))
    {
      /* leading days belong to the month before, trailing to the next */
      m += d > 15 ? -1 : 1;
      if (m < 1)
        m = 12, y--;
      else if (m > 12)
        m = 1, y++;
    }
  return day_from_dmy (y, m, d);
}

static GtkWidget *
calendar_grid (Picker *p)
{
  for (GtkWidget *c = gtk_widget_get_first_child (p->calendar); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_GRID (c))
      return c;
  return NULL;
}

static void
set_class (GtkWidget *widget, const char *name, gboolean on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* Marks the picked days, the range between them and the days that cannot
 * be picked on the calendar's day labels. */
static void
picker_decorate (Picker *p)
{
  JsonNode *component = nd_renderer_get_component (p->box);
  GtkWidget *grid = calendar_grid (p);

  if (grid == NULL)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (grid); c; c = gtk_widget_get_next_sibling (c))
    {
      Day day;

      if (!GTK_IS_LABEL (c) || !gtk_widget_has_css_class (c, "day-number"))
        continue;
      day = label_day (GTK_CALENDAR (p->calendar), c);
      set_class (c, "nd-picked", day && (day == p->start || day == p->end));
      set_class (c, "nd-in-range", day && p->start && p->end && day > p->start && day < p->end);
      set_class (c, "nd-day-disabled", day_is_disabled (p, day) ||
                                       (component && day_too_close (p, component, day)));
    }
}

static gboolean
decorate_idle (gpointer data)
{
  Picker *p = data;

  p->decorate_source = 0;
  picker_decorate (p);
  return G_SOURCE_REMOVE;
}

static void
queue_decorate (Picker *p)
{
  /* the calendar relabels its grid after it notifies */
  if (p->decorate_source == 0)
    p->decorate_source = g_idle_add (decorate_idle, p);
}

/* Shows @day's month in the calendar without that counting as a pick. */
static void
picker_show_month (Picker *p, Day day)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  day_to_gdate (day ? day : today (), &date);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  p->syncing = TRUE;
  gtk_calendar_select_day (GTK_CALENDAR (p->calendar), dt);
  p->syncing = FALSE;
  picker_decorate (p);
}

/* The month the calendar opens on: initial_visible_month, else the
 * date(s), else the limits, else today. */
static Day
visible_month (Picker *p, JsonNode *component)
{
  Day day = prop_day (component, "initial_visible_month");

  if (day == 0)
    day = p->start ? p->start : p->end;
  if (day == 0)
    day = p->min ? p->min : p->max;
  return day;
}

static void
set_field_text (GtkWidget *label, Day day, const char *format, const char *placeholder)
{
  g_autofree char *text = format_day (day, format);

  if (day)
    {
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), placeholder);
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
picker_refresh (Picker *p, JsonNode *component)
{
  const char *format = nd_prop_string (component, "display_format", NULL);

  if (p->range)
    {
      set_field_text (p->start_label, p->start, format,
                      nd_prop_string (component, "start_date_placeholder_text", "Start Date"));
      set_field_text (p->end_label, p->end, format,
                      nd_prop_string (component, "end_date_placeholder_text", "End Date"));
    }
  else
    set_field_text (p->start_label, p->start, format, nd_prop_string (component, "placeholder", "Select Date"));
  gtk_widget_set_visible (p->clear, nd_prop_bool (component, "clearable", FALSE) && (p->start || p->end) &&
                                    !nd_prop_bool (component, "disabled", FALSE));
  picker_decorate (p);
}

/* What Dash reports for the range the user now shows (Dash 4's
 * DatePickerRange; `bothdates` waits until both ends are chosen). */
static void
range_report (Picker *p, JsonNode *component)
{
  gboolean start_changed = prop_day (component, "start_date") != p->start;
  gboolean end_changed = prop_day (component, "end_date") != p->end;
  gboolean both_mode = g_strcmp0 (nd_prop_string (component, "updatemode", "singledate"), "bothdates") == 0;
  g_autoptr(JsonObject) props = json_object_new ();

  if (!start_changed && !end_changed)
    return;
  if ((p->start && p->end) || (!p->start && !p->end))
    {
      json_object_set_member (props, "start_date", day_node (p->start));
      json_object_set_member (props, "end_date", day_node (p->end));
    }
  else if (both_mode)
    return;
  else if (end_changed && !p->end)
    {
      /* a new range was started: its end is not chosen yet */
      json_object_set_member (props, "start_date", day_node (p->start));
      json_object_set_member (props, "end_date", nd_json_null ());
    }
  else if (p->start)
    json_object_set_member (props, "start_date", day_node (p->start));
  else
    json_object_set_member (props, "end_date", day_node (p->end));
  nd_renderer_report_props (p->renderer, p->box, props);
}

/* The user picked @day on the calendar. */
static void
picker_pick (Picker *p, Day day)
{
  JsonNode *component = nd_renderer_get_component (p->box);
  gboolean close = !nd_prop_bool (component, "stay_open_on_select", FALSE);

  if (day_is_disabled (p, day) || day_too_close (p, component, day))
    {
      gtk_widget_error_bell (p->calendar);
      picker_decorate (p);
      return;
    }
  if (!p->range)
    {
      p->start = day;
      picker_refresh (p, component);
      if (prop_day (component, "date") != day)
        nd_renderer_report (p->renderer, p->box, "date", day_node (day));
    }
  else
    {
      if ((p->start == 0) == (p->end == 0))
        {
          /* nothing or a whole range picked: this starts a new range */
          p->start = day;
          p->end = 0;
          close = FALSE;
        }
      else
        {
          Day anchor = p->start ? p->start : p->end;

          p->start = MIN (anchor, day);
          p->end = MAX (anchor, day);
        }
      picker_refresh (p, component);
      range_report (p, component);
    }
  if (close)
    gtk_popover_popdown (GTK_POPOVER (p->popover));
}

static gboolean
commit_idle (gpointer data)
{
  Picker *p = data;
  Day day = p->clicked;

  p->commit_source = 0;
  if (day == 0 && p->select_pending)
    {
      g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (p->calendar));

      day = day_from_dmy (g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt));
    }
  p->clicked = 0;
  p->select_pending = FALSE;
  if (day)
    picker_pick (p, day);
  return G_SOURCE_REMOVE;
}

static void
queue_commit (Picker *p)
{
  if (p->commit_source == 0)
    p->commit_source = g_idle_add (commit_idle, p);
}

/* GtkCalendar also "selects" a day when its month buttons move it, just
 * before it announces the new month; only a selection no month change
 * follows is a pick (keyboard, or a click the calendar handled). */
static void
on_day_selected (GtkCalendar *calendar, Picker *p)
{
  if (p->syncing)
    return;
  p->select_pending = TRUE;
  queue_commit (p);
  queue_decorate (p);
}

static void
on_month_moved (GtkCalendar *calendar, Picker *p)
{
  if (!p->syncing)
    p->select_pending = FALSE;
  queue_decorate (p);
}

static void
on_calendar_notify (GObject *calendar, GParamSpec *pspec, Picker *p)
{
  queue_decorate (p);
}

/* A click on a day label picks that day, also the one the calendar has
 * selected already (it emits nothing then). */
static void
on_calendar_pressed (GtkGestureClick *gesture, int n_press, double x, double y, Picker *p)
{
  GtkWidget *target = gtk_widget_pick (p->calendar, x, y, GTK_PICK_DEFAULT);

  if (target && GTK_IS_LABEL (target) && gtk_widget_has_css_class (target, "day-number"))
    {
      p->clicked = label_day (GTK_CALENDAR (p->calendar), target);
      queue_commit (p);
    }
}

static void
on_popover_show (GtkWidget *popover, Picker *p)
{
  picker_show_month (p, visible_month (p, nd_renderer_get_component (p->box)));
}

static void
on_clear_clicked (GtkButton *button, Picker *p)
{
  JsonNode *component = nd_renderer_get_component (p->box);

  p->start = p->end = 0;
  picker_refresh (p, component);
  if (p->range)
    range_report (p, component);
  else if (nd_component_get_prop (component, "date") && !JSON_NODE_HOLDS_NULL (nd_component_get_prop (component, "date")))
    nd_renderer_report (p->renderer, p->box, "date", nd_json_null ());
  if (nd_prop_bool (component, "reopen_calendar_on_clear", FALSE))
    gtk_menu_button_popup (GTK_MENU_BUTTON (p->button));
}

static void
picker_apply (Picker *p, JsonNode *component, const char *prop)
{
#define IS(name) (prop == NULL || strcmp (prop, (name)) == 0)
  if (IS ("date") && !p->range)
    p->start = prop_day (component, "date");
  if (IS ("start_date") && p->range)
    p->start = prop_day (component, "start_date");
  if (IS ("end_date") && p->range)
    p->end = prop_day (component, "end_date");
  if (IS ("min_date_allowed"))
    p->min = prop_day (component, "min_date_allowed");
  if (IS ("max_date_allowed"))
    p->max = prop_day (component, "max_date_allowed");
  if (IS ("disabled_days"))
    {
      JsonNode *list = nd_component_get_prop (component, "disabled_days");

      g_array_set_size (p->disabled_days, 0);
      if (list && JSON_NODE_HOLDS_ARRAY (list))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
          {
            JsonNode *item = json_array_get_element (json_node_get_array (list), i);
            Day day = nd_json_is_string (item) ? parse_day (json_node_get_string (item)) : 0;

            if (day)
              g_array_append_val (p->disabled_days, day);
          }
    }
  if (IS ("disabled"))
    {
      gboolean disabled = nd_prop_bool (component, "disabled", FALSE);

      gtk_widget_set_sensitive (p->box, !disabled);
      if (disabled)
        gtk_popover_popdown (GTK_POPOVER (p->popover));
    }
#undef IS
  picker_refresh (p, component);
  if ((prop == NULL || g_str_has_suffix (prop, "date")) && gtk_widget_get_visible (p->popover))
    picker_show_month (p, visible_month (p, component));
}

static GtkWidget *
picker_create (NdRenderer *renderer, JsonNode *component, gboolean range)
{
  Picker *p = g_new0 (Picker, 1);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkEventController *click;

  ensure_css ();
  p->renderer = renderer;
  p->range = range;
  p->disabled_days = g_array_new (FALSE, FALSE, sizeof (Day));

  p->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (p->box, "linked");
  gtk_widget_add_css_class (p->box, "nd-date-picker");
  gtk_widget_set_halign (p->box, GTK_ALIGN_START);
  gtk_widget_set_valign (p->box, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (p->box), "nd-date-picker", p, picker_free);

  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("x-office-calendar-symbolic"));
  p->start_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (p->start_label, "nd-date-text");
  gtk_box_append (GTK_BOX (content), p->start_label);
  if (range)
    {
      p->arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_widget_add_css_class (p->arrow, "nd-date-arrow");
      gtk_box_append (GTK_BOX (content), p->arrow);
      p->end_label = gtk_label_new (NULL);
      gtk_widget_add_css_class (p->end_label, "nd-date-text");
      gtk_box_append (GTK_BOX (content), p->end_label);
    }

  p->calendar = gtk_calendar_new ();
  gtk_widget_add_css_class (p->calendar, "nd-date-calendar");
  g_signal_connect (p->calendar, "day-selected", G_CALLBACK (on_day_selected), p);
  g_signal_connect (p->calendar, "prev-month", G_CALLBACK (on_month_moved), p);
  g_signal_connect (p->calendar, "next-month", G_CALLBACK (on_month_moved), p);
  g_signal_connect (p->calendar, "prev-year", G_CALLBACK (on_month_moved), p);
  g_signal_connect (p->calendar, "next-year", G_CALLBACK (on_month_moved), p);
  g_signal_connect (p->calendar, "notify::month", G_CALLBACK (on_calendar_notify), p);
  g_signal_connect (p->calendar, "notify::year", G_CALLBACK (on_calendar_notify), p);
  /* before the calendar's own gesture moves the month */
  click = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (click, GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_calendar_pressed), p);
  gtk_widget_add_controller (p->calendar, click);

  p->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (p->popover), p->calendar);
  g_signal_connect (p->popover, "show", G_CALLBACK (on_popover_show), p);

  p->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (p->button), content);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (p->button), TRUE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (p->button), p->popover);
  gtk_box_append (GTK_BOX (p->box), p->button);

  p->clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_tooltip_text (p->clear, range ? "Clear Dates" : "Clear date");
  g_signal_connect (p->clear, "clicked", G_CALLBACK (on_clear_clicked), p);
  gtk_box_append (GTK_BOX (p->box), p->clear);

  picker_apply (p, component, NULL);
  picker_show_month (p, visible_month (p, component));
  return p->box;
}

static GtkWidget *
single_create (NdRenderer *renderer, JsonNode *component)
{
  return picker_create (renderer, component, FALSE);
}

static GtkWidget *
range_create (NdRenderer *renderer, JsonNode *component)
{
  return picker_create (renderer, component, TRUE);
}

static gboolean
picker_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
               JsonNode *value)
{
  static const char *const own[] = {
    "date", "start_date", "end_date", "min_date_allowed", "max_date_allowed", "disabled_days",
    "initial_visible_month", "display_format", "placeholder", "start_date_placeholder_text",
    "end_date_placeholder_text", "clearable", "disabled", "minimum_nights", "updatemode",
    "stay_open_on_select", "first_day_of_week", "month_format", "number_of_months_shown",
    "reopen_calendar_on_clear", NULL
  };

  if (!g_strv_contains (own, prop))
    return FALSE;
  picker_apply (picker_of (widget), component, prop);
  return TRUE;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "DatePickerSingle", TRUE, single_create, picker_update },
  { ND_NAMESPACE_DCC, "DatePickerRange", TRUE, range_create, picker_update },
};

void
nd_dcc_dates_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
