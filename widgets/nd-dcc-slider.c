/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Slider and dcc.RangeSlider (components.md §3.3): one widget with
 * any number of handles, built from the theme's own scale nodes (trough,
 * highlight, slider, marks) so that it looks like a GtkScale.  Values
 * snap to the step or to the marks as Dash computes them; dragging
 * reports `drag_value` (and `value` with updatemode="drag"), releasing
 * reports `value`; the keyboard reports both, the number boxes `value`.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "nd-kinds.h"
#include "nd-style.h"

#define MAX_MARKS 500          /* more given marks than this: automatic ones */
#define MAX_AUTO_MARKS 200
#define MAX_DOTS 100
#define GAP 12                 /* between the track and a number box */
#define TOOLTIP_GAP 4          /* between a handle and its tooltip */
#define LABEL_GAP 2            /* between a mark's tick and its label */

/* ---- one CSS node of the slider: trough, highlight, slider, marks... ---- */

#define ND_TYPE_DCC_SLIDER_PART (nd_dcc_slider_part_get_type ())
G_DECLARE_FINAL_TYPE (NdDccSliderPart, nd_dcc_slider_part, ND, DCC_SLIDER_PART, GtkWidget)

typedef void (*PartSnapshotFunc) (GtkWidget   *part,
                                  GtkSnapshot *snapshot,
                                  gpointer     data);

struct _NdDccSliderPart
{
  GtkWidget parent_instance;

  PartSnapshotFunc snapshot_func;
  gpointer data;               /* the slider, not owned */
};

G_DEFINE_FINAL_TYPE (NdDccSliderPart, nd_dcc_slider_part, GTK_TYPE_WIDGET)

static void
nd_dcc_slider_part_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (nd_dcc_slider_part_parent_class)->dispose (object);
}

static void
nd_dcc_slider_part_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NdDccSliderPart *self = ND_DCC_SLIDER_PART (widget);

  if (self->snapshot_func)
    self->snapshot_func (widget, snapshot, self->data);
  else
    GTK_WIDGET_CLASS (nd_dcc_slider_part_parent_class)->snapshot (widget, snapshot);
}

static void
nd_dcc_slider_part_class_init (NdDccSliderPartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_dcc_slider_part_dispose;
  widget_class->snapshot = nd_dcc_slider_part_snapshot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nd_dcc_slider_part_init (NdDccSliderPart *self)
{
}

static GtkWidget *
part_new (const char *css_name, const char *css_class, gpointer data)
{
  NdDccSliderPart *part = g_object_new (ND_TYPE_DCC_SLIDER_PART, "css-name", css_name, NULL);

  part->data = data;
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (part), css_class);
  return GTK_WIDGET (part);
}

/* ---- the slider ---- */

#define ND_TYPE_DCC_SLIDER (nd_dcc_slider_get_type ())
G_DECLARE_FINAL_TYPE (NdDccSlider, nd_dcc_slider, ND, DCC_SLIDER, GtkWidget)

typedef struct {
  double value;
  char *label;
  JsonNode *style;             /* nullable */
} Mark;

typedef enum {
  SNAP_STEP,                   /* min + k·step */
  SNAP_MARKS,                  /* step=None with marks: the marks only */
  SNAP_NONE,                   /* step=None without marks: continuous */
} SnapMode;

struct _NdDccSlider
{
  GtkWidget parent_instance;

  NdRenderer *renderer;
  gboolean is_range;

  /* the props, resolved as Dash resolves them */
  double min, max;
  SnapMode snap;
  double step;                 /* SNAP_STEP only */
  int step_decimals;
  double dots_step;            /* 0: no dots */
  GArray *marks;               /* Mark, ascending: the ones shown */
  GArray *snap_points;         /* double, ascending (SNAP_MARKS) */
  gboolean included, vertical, reverse, drag_mode, allow_cross, allow_input;
  double pushable;             /* < 0: handles do not push each other */
  int vertical_height;
  gboolean tooltip_on, tooltip_always;
  char *placement;
  char *tooltip_template;
  JsonNode *tooltip_style;

  /* the handles' values, ascending; a missing `value` shows at min */
  GArray *values;
  gboolean has_value;

  GtkWidget *trough, *highlight, *marks_box;
  GPtrArray *handles, *tooltips, *mark_ticks, *mark_labels;
  GtkWidget *entries[2];       /* number boxes for the first and last value */
  gboolean setting_entry;

  /* geometry of the last allocation, in the slider's coordinates */
  GdkRectangle trough_alloc, marks_alloc;
  double track_origin, track_len;

  /* a drag in progress */
  int drag_handle;
  double drag_start, drag_offset;
  GArray *drag_start_values;
  int hover_handle;

  guint report_source;         /* drag_value after a callback set value */
};

G_DEFINE_FINAL_TYPE (NdDccSlider, nd_dcc_slider, GTK_TYPE_WIDGET)

static void update_parts (NdDccSlider *self);

/* ---- numbers ---- */

/* The text JavaScript's String() gives a number. */
static char *
number_text (double v)
{
  GString *s = g_string_new (NULL);

  nd_json_write_number (s, v);
  return g_string_free (s, FALSE);
}

static JsonNode *
number_node (double v)
{
  if (v == floor (v) && fabs (v) < 9007199254740992.0)
    return nd_json_int ((gint64) v);
  return nd_json_double (v);
}

/* Digits after the point in String(d), as Radix counts them. */
static int
decimal_count (double d)
{
  g_autofree char *text = number_text (d);
  const char *dot = strchr (text, '.');
  int n = 0;

  if (dot == NULL)
    return 0;
  for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
    n++;
  return n;
}

static double
round_to (double v, int decimals)
{
  double k = pow (10, decimals);

  return round (v * k) / k;
}

static gboolean
is_int_node (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Dash's "nice" step: 10^N, 2·10^N or 5·10^N, closest to a hundredth of
 * the range. */
static double
nice_step (double min, double max)
{
  double v = (fabs (max - min) + DBL_EPSILON) / 100;
  double n = floor (log10 (v));
  double c[3] = { pow (10, n), 2 * pow (10, n), 5 * pow (10, n) };
  double best = c[0];

  for (int i = 1; i < 3; i++)
    if (fabs (c[i] - v) < fabs (best - v))
      best = c[i];
  return best;
}

/* d3's formatPrefix(",.0", mean(|min|, |max|)): "20k", "1,500k", "3µ". */
static char *
si_text (double x, double min, double max)
{
  static const char *const prefixes[] = {
    "y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"
  };
  double mean = (fabs (min) + fabs (max)) / 2;
  int e = 0;
  double scaled;
  g_autofree char *digits = NULL;
  GString *out = g_string_new (NULL);
  int len, first;

  if (mean > 0)
    e = CLAMP ((int) floor (floor (log10 (mean)) / 3), -8, 8) * 3;
  scaled = round (x * pow (10, -e));
  if (scaled < 0)
    g_string_append_c (out, '-');
  digits = g_strdup_printf ("%.0f", fabs (scaled));
  len = strlen (digits);
  first = len % 3 ? len % 3 : 3;
  g_string_append_len (out, digits, first);
  for (int i = first; i < len; i += 3)
    {
      g_string_append_c (out, ',');
      g_string_append_len (out, digits + i, 3);
    }
  g_string_append (out, prefixes[8 + e / 3]);
  return g_string_free (out, FALSE);
}

/* An automatic mark's label: plain, or SI for very large and small values. */
static char *
auto_label (double x, double min, double max)
{
  if (x == 0 || (fabs (x) >= 0.001 && fabs (x) < 10000))
    return number_text (x);
  return si_text (x, min, max);
}

static void
mark_clear (gpointer data)
{
  Mark *m = data;

  g_free (m->label);
  g_clear_pointer (&m->style, json_node_unref);
}

static int
compare_marks (gconstpointer a, gconstpointer b)
{
  double x = ((const Mark *) a)->value, y = ((const Mark *) b)->value;

  return x < y ? -1 : x > y;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* A mark position on the step grid, as Dash aligns automatic marks. */
static double
align_value (double v, double step)
{
  int dec = decimal_count (step);

  if (dec < 1)
    return step < 10 ? v : trunc (v / step) * step;
  if (step < 10)
    return round_to (v, dec);
  return round_to (round (v / step) * step, dec);
}

/* Marks Dash generates when none are given: min, max and about ten
 * evenly spaced multiples of the step between them. */
static void
auto_marks (double min, double max, double step, GArray *out)
{
  static const double multipliers[] = { 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000 };
  g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (double));
  double range = max - min, target = 11, ideal, best, best_diff, interval, actual, first, cursor;
  double steps_in;

  if (step > 0 && range > 0)
    {
      ideal = range / (target - 1);
      if (fmod (step, 1) != 0)
        {
          target = MAX (3, round (target / 2));
          ideal = range / (target - 1);
        }
      best = step;
      best_diff = fabs (ideal - step);
      for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
        {
          double candidate = step * multipliers[i];

          if (fabs (ideal - candidate) < best_diff)
            {
              best = candidate;
              best_diff = fabs (ideal - candidate);
            }
          if (candidate > ideal * 2)
            break;
        }
      steps_in = round (best / step);
      interval = steps_in * step;
      first = min + MAX (1, steps_in) * step;
      actual = interval;
      if (floor ((max - first) / interval) + 1 > MAX_AUTO_MARKS)
        actual = ceil ((max - first) / (MAX_AUTO_MARKS - 1) / step) * step;
      cursor = first;
      if (actual > 0 && (max - cursor) / actual > 0)
        {
          do
            {
              double v = align_value (cursor, step);
              g_array_append_val (at, v);
              cursor += actual;
            }
          while (cursor < max && at->len < MAX_AUTO_MARKS);
          /* no crowded label just before max */
          if (at->len >= 2 && max - g_array_index (at, double, at->len - 2) <= interval * 1.5)
            g_array_set_size (at, at->len - 1);
        }
    }
  g_array_append_val (at, min);
  g_array_append_val (at, max);
  g_array_sort (at, compare_doubles);
  for (guint i = 0; i < at->len; i++)
    {
      Mark m = { g_array_index (at, double, i), NULL, NULL };

      if (out->len && g_array_index (out, Mark, out->len - 1).value == m.value)
        continue;
      m.label = auto_label (m.value, min, max);
      g_array_append_val (out, m);
    }
}

/* ---- geometry ---- */

static double
clamp_value (NdDccSlider *self, double v)
{
  return CLAMP (v, self->min, MAX (self->min, self->max));
}

/* Where along the track (0 = left/top, 1 = right/bottom) a value shows. */
static double
screen_fraction (NdDccSlider *self, double f)
{
  gboolean flip = self->vertical ? !self->reverse : self->reverse;

  return flip ? 1 - f : f;
}

static double
pos_of_value (NdDccSlider *self, double v)
{
  double f = self->max > self->min ? (clamp_value (self, v) - self->min) / (self->max - self->min) : 0;

  return self->track_origin + screen_fraction (self, f) * self->track_len;
}

static double
value_at_pos (NdDccSlider *self, double p)
{
  double f = self->track_len > 0 ? CLAMP ((p - self->track_origin) / self->track_len, 0, 1) : 0;

  return self->min + screen_fraction (self, f) * (self->max - self->min);
}

static double
snap_value (NdDccSlider *self, double v)
{
  if (self->snap == SNAP_STEP && self->step > 0)
    {
      double k = round ((v - self->min) / self->step);

      v = round_to (self->min + k * self->step, self->step_decimals);
    }
  else if (self->snap == SNAP_MARKS && self->snap_points->len)
    {
      double best = g_array_index (self->snap_points, double, 0);

      for (guint i = 1; i < self->snap_points->len; i++)
        {
          double m = g_array_index (self->snap_points, double, i);

          if (fabs (m - v) < fabs (best - v))
            best = m;
        }
      v = best;
    }
  return clamp_value (self, v);
}

/* A size of @widget with its margins, the way a parent allocates it. */
static void
measure_part (GtkWidget *widget, GtkOrientation orientation, int *minimum, int *natural)
{
  int min = 0, nat = 0;

  if (widget && gtk_widget_get_visible (widget))
    gtk_widget_measure (widget, orientation, -1, &min, &nat, NULL, NULL);
  if (minimum)
    *minimum = min;
  if (natural)
    *natural = nat;
}

/* How far a handle's box reaches from its centre: the theme draws it
 * larger than it measures (negative margins). */
static int
handle_reach (NdDccSlider *self, GtkOrientation orientation)
{
  GtkWidget *handle = self->handles->len ? g_ptr_array_index (self->handles, 0) : NULL;
  GtkBorder margin = { 0, };
  int size = 0;

  if (handle == NULL)
    return 10;
  gtk_widget_measure (handle, orientation, -1, &size, NULL, NULL, NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_margin (gtk_widget_get_style_context (handle), &margin);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    size -= margin.left + margin.right;
  else
    size -= margin.top + margin.bottom;
  return (size + 1) / 2;
}

static gboolean
entries_wanted (NdDccSlider *self, int which)
{
  guint n = self->values->len;

  /* Dash shows them on horizontal sliders with a step (not step=None)
   * and one or two handles: the first value's box only for two */
  if (!self->allow_input || self->vertical || self->snap != SNAP_STEP || n == 0 || n > 2)
    return FALSE;
  return which == 1 || n == 2;
}

/* The slider is narrower than this: no number boxes (Dash's widths). */
static int
entries_threshold (NdDccSlider *self)
{
  return self->values->len == 1 ? 200 : 250;
}

static gboolean
placement_has (NdDccSlider *self, const char *side)
{
  g_autofree char *lower = g_ascii_strdown (self->placement, -1);

  return strstr (lower, side) != NULL;
}

/* Room an always-visible tooltip needs on the side it sits beyond the
 * handle, across the track. */
static int
tooltip_room (NdDccSlider *self, int row)
{
  int size = 0;
  GtkOrientation across = self->vertical ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  if (!self->tooltip_on || !self->tooltip_always)
    return 0;
  for (guint i = 0; i < self->tooltips->len; i++)
    {
      int nat;

      measure_part (g_ptr_array_index (self->tooltips, i), across, NULL, &nat);
      size = MAX (size, nat);
    }
  return MAX (0, size + TOOLTIP_GAP + handle_reach (self, across) - row / 2);
}

/* The space before and after the track for end labels wider than the
 * scale's padding lets them overflow. */
static void
label_insets (NdDccSlider *self, int *start, int *end)
{
  GtkBorder padding = { 0, };

  *start = *end = 0;
  if (self->vertical)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_padding (gtk_widget_get_style_context (GTK_WIDGET (self)), &padding);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *m = &g_array_index (self->marks, Mark, i);
      double f = self->max > self->min ? (m->value - self->min) / (self->max - self->min) : 0;
      int w;

      measure_part (g_ptr_array_index (self->mark_labels, i), GTK_ORIENTATION_HORIZONTAL, NULL, &w);
      f = screen_fraction (self, f);
      if (f <= 0)
        *start = MAX (*start, (w + 1) / 2 - padding.left);
      else if (f >= 1)
        *end = MAX (*end, (w + 1) / 2 - padding.right);
    }
}

typedef struct {
  int before;                  /* tooltip room before the row */
  int row;                     /* the track row (trough and handles) */
  int marks;
  int after;
  int pad_before, pad_after;   /* to centre the number boxes on the row */
} Across;

static void
compute_across (NdDccSlider *self, Across *a)
{
  GtkOrientation across = self->vertical ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;
  int trough, handle, entry = 0, room;

  memset (a, 0, sizeof *a);
  measure_part (self->trough, across, &trough, NULL);
  measure_part (self->handles->len ? g_ptr_array_index (self->handles, 0) : NULL, across, &handle, NULL);
  a->row = MAX (trough, handle);
  measure_part (self->marks_box, across, &a->marks, NULL);
  room = tooltip_room (self, a->row);
  if (self->vertical ? placement_has (self, "left") : placement_has (self, "top"))
    a->before = room;
  else if (self->vertical ? placement_has (self, "right") : placement_has (self, "bottom"))
    a->after = MAX (0, room - a->marks);
  for (int i = 0; i < 2; i++)
    if (entries_wanted (self, i))
      {
        int h;

        measure_part (self->entries[i], across, &h, NULL);
        entry = MAX (entry, h);
      }
  if (entry)
    {
      a->pad_before = MAX (0, entry / 2 - (a->before + a->row / 2));
      a->pad_after = MAX (0, (entry - entry / 2) - (a->row - a->row / 2 + a->marks + a->after));
    }
}

static void
nd_dcc_slider_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  NdDccSlider *self = ND_DCC_SLIDER (widget);
  GtkOrientation along = self->vertical ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  if (orientation == along)
    {
      int start, end, extra = 0;

      if (self->vertical)
        {
          *minimum = *natural = self->vertical_height;
          return;
        }
      label_insets (self, &start, &end);
      for (int i = 0; i < 2; i++)
        if (entries_wanted (self, i))
          {
            int w;

            measure_part (self->entries[i], orientation, NULL, &w);
            extra += w + GAP;
          }
      *minimum = 80 + start + end;
      *natural = MAX (240, entries_threshold (self)) + start + end + extra;
    }
  else
    {
      Across a;

      compute_across (self, &a);
      *minimum = *natural = a.pad_before + a.before + a.row + a.marks + a.after + a.pad_after;
    }
}

static void
allocate_tooltips (NdDccSlider *self, double center)
{
  for (guint i = 0; i < self->tooltips->len && i < self->values->len; i++)
    {
      GtkWidget *tip = g_ptr_array_index (self->tooltips, i);
      double p = pos_of_value (self, g_array_index (self->values, double, i));
      int rx = handle_reach (self, GTK_ORIENTATION_HORIZONTAL);
      int ry = handle_reach (self, GTK_ORIENTATION_VERTICAL);
      double hx = self->vertical ? center : p, hy = self->vertical ? p : center;
      int w, h;
      double x, y;

      if (!gtk_widget_should_layout (tip))
        continue;
      measure_part (tip, GTK_ORIENTATION_HORIZONTAL, NULL, &w);
      measure_part (tip, GTK_ORIENTATION_VERTICAL, NULL, &h);
      if (placement_has (self, "top"))
        y = hy - ry - TOOLTIP_GAP - h;
      else if (placement_has (self, "bottom"))
        y = hy + ry + TOOLTIP_GAP;
      else
        y = hy - h / 2.0;
      if (placement_has (self, "left"))
        x = hx - rx - TOOLTIP_GAP - w;
      else if (placement_has (self, "right"))
        x = hx + rx + TOOLTIP_GAP;
      else
        x = hx - w / 2.0;
      gtk_widget_size_allocate (tip, &(GtkAllocation) { round (x), round (y), w, h }, -1);
    }
}

static void
nd_dcc_slider_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NdDccSlider *self = ND_DCC_SLIDER (widget);
  Across a;
  int trough_across, marks_across;
  double center;

  compute_across (self, &a);
  if (!self->vertical)
    {
      int start, end, x0 = 0, x1 = width, widths[2] = { 0, 0 }, need = 0;
      gboolean show;

      label_insets (self, &start, &end);
      for (int i = 0; i < 2; i++)
        if (entries_wanted (self, i))
          {
            measure_part (self->entries[i], GTK_ORIENTATION_HORIZONTAL, NULL, &widths[i]);
            need += widths[i] + GAP;
          }
      show = need > 0 && width - need - start - end >= entries_threshold (self);
      center = a.pad_before + a.before + a.row / 2.0;
      for (int i = 0; i < 2; i++)
        {
          gboolean on = show && entries_wanted (self, i);

          gtk_widget_set_child_visible (self->entries[i], on);
          if (on && gtk_widget_get_visible (self->entries[i]))
            {
              int h;

              measure_part (self->entries[i], GTK_ORIENTATION_VERTICAL, &h, NULL);
              gtk_widget_size_allocate (self->entries[i],
                                        &(GtkAllocation) { i == 0 ? 0 : width - widths[i],
                                                           round (center - h / 2.0), widths[i], h }, -1);
              if (i == 0)
                x0 = widths[i] + GAP;
              else
                x1 = width - widths[i] - GAP;
            }
        }
      measure_part (self->trough, GTK_ORIENTATION_VERTICAL, &trough_across, NULL);
      self->trough_alloc = (GdkRectangle) { x0 + start, round (center - trough_across / 2.0),
                                            MAX (1, x1 - end - x0 - start), trough_across };
      gtk_widget_size_allocate (self->trough, &self->trough_alloc, -1);
      self->marks_alloc = (GdkRectangle) { 0, a.pad_before + a.before + a.row, width, a.marks };
      if (gtk_widget_should_layout (self->marks_box))
        gtk_widget_size_allocate (self->marks_box, &self->marks_alloc, -1);
    }
  else
    {
      for (int i = 0; i < 2; i++)
        gtk_widget_set_child_visible (self->entries[i], FALSE);
      center = a.pad_before + a.before + a.row / 2.0;
      measure_part (self->trough, GTK_ORIENTATION_HORIZONTAL, &trough_across, NULL);
      self->trough_alloc = (GdkRectangle) { round (center - trough_across / 2.0), 0, trough_across, height };
      gtk_widget_size_allocate (self->trough, &self->trough_alloc, -1);
      measure_part (self->marks_box, GTK_ORIENTATION_HORIZONTAL, &marks_across, NULL);
      self->marks_alloc = (GdkRectangle) { a.pad_before + a.before + a.row, 0, marks_across, height };
      if (gtk_widget_should_layout (self->marks_box))
        gtk_widget_size_allocate (self->marks_box, &self->marks_alloc, -1);
    }
  allocate_tooltips (self, center);
}

/* The trough places the highlight and the handles along the track; the
 * track is its content box. */
static void
trough_allocate (GtkWidget *trough, int width, int height, int baseline)
{
  NdDccSlider *self = ND_DCC_SLIDER_PART (trough)->data;
  guint n = self->values->len;
  double lo, hi, a, b;

  if (self->vertical)
    {
      self->track_origin = self->trough_alloc.y + (self->trough_alloc.height - height) / 2.0;
      self->track_len = height;
    }
  else
    {
      self->track_origin = self->trough_alloc.x + (self->trough_alloc.width - width) / 2.0;
      self->track_len = width;
    }
  /* the highlight runs from min to the value, or between the outer handles */
  lo = n > 1 ? g_array_index (self->values, double, 0) : self->min;
  hi = g_array_index (self->values, double, n - 1);
  a = pos_of_value (self, lo) - self->track_origin;
  b = pos_of_value (self, hi) - self->track_origin;
  if (gtk_widget_get_visible (self->highlight))
    {
      int from = round (MIN (a, b)), to = round (MAX (a, b));

      measure_part (self->highlight, GTK_ORIENTATION_HORIZONTAL, NULL, NULL);
      measure_part (self->highlight, GTK_ORIENTATION_VERTICAL, NULL, NULL);
      gtk_widget_set_child_visible (self->highlight, to > from);
      if (self->vertical)
        gtk_widget_size_allocate (self->highlight, &(GtkAllocation) { 0, from, width, to - from }, -1);
      else
        gtk_widget_size_allocate (self->highlight, &(GtkAllocation) { from, 0, to - from, height }, -1);
    }
  for (guint i = 0; i < self->handles->len && i < n; i++)
    {
      GtkWidget *handle = g_ptr_array_index (self->handles, i);
      double p = pos_of_value (self, g_array_index (self->values, double, i)) - self->track_origin;
      int w, h;

      measure_part (handle, GTK_ORIENTATION_HORIZONTAL, &w, NULL);
      measure_part (handle, GTK_ORIENTATION_VERTICAL, &h, NULL);
      if (self->vertical)
        gtk_widget_size_allocate (handle,
                                  &(GtkAllocation) { round ((width - w) / 2.0), round (p - h / 2.0), w, h }, -1);
      else
        gtk_widget_size_allocate (handle,
                                  &(GtkAllocation) { round (p - w / 2.0), round ((height - h) / 2.0), w, h }, -1);
    }
}

/* Across the track the trough is as thick as a handle measures, as
 * GtkScale's is. */
static void
trough_measure (GtkWidget *trough, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                int *minimum_baseline, int *natural_baseline)
{
  NdDccSlider *self = ND_DCC_SLIDER_PART (trough)->data;
  GtkOrientation along = self->vertical ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  *minimum = *natural = 0;
  if (orientation != along && self->handles->len)
    measure_part (g_ptr_array_index (self->handles, 0), orientation, minimum, natural);
}

/* Dots at every step (Dash draws them for steps above 1, up to 100):
 * small stops a little thicker than the trough, in the highlight's
 * colour where it covers them. */
static void
trough_snapshot (GtkWidget *trough, GtkSnapshot *snapshot, gpointer data)
{
  NdDccSlider *self = data;
  int width = gtk_widget_get_width (trough), height = gtk_widget_get_height (trough);

  if (gtk_widget_get_visible (self->highlight))
    gtk_widget_snapshot_child (trough, self->highlight, snapshot);
  if (self->dots_step > 0)
    {
      double n = floor ((self->max - self->min) / self->dots_step) + 1;
      double lo = self->values->len > 1 ? g_array_index (self->values, double, 0) : self->min;
      double hi = g_array_index (self->values, double, self->values->len - 1);
      gboolean active = gtk_widget_is_sensitive (trough) && self->included;
      GtkStyleContext *context;
      GdkRGBA off, on;
      float r = 3;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      context = gtk_widget_get_style_context (trough);
      gtk_style_context_get_color (context, &off);
      if (!gtk_style_context_lookup_color (context, "theme_selected_bg_color", &on))
        gdk_rgba_parse (&on, "#3584e4");
      G_GNUC_END_IGNORE_DEPRECATIONS
      off.alpha *= 0.3f;
      for (int i = 0; i < n && n <= MAX_DOTS; i++)
        {
          double v = self->min + i * self->dots_step;
          double p = pos_of_value (self, v) - self->track_origin;
          float cx = self->vertical ? width / 2.0f : (float) p;
          float cy = self->vertical ? (float) p : height / 2.0f;
          gboolean inside = active && v >= lo && v <= hi;
          GskRoundedRect dot;

          gsk_rounded_rect_init_from_rect (&dot, &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r), r);
          gtk_snapshot_push_rounded_clip (snapshot, &dot);
          gtk_snapshot_append_color (snapshot, inside ? &on : &off, &dot.bounds);
          gtk_snapshot_pop (snapshot);
        }
    }
  for (guint i = 0; i < self->handles->len; i++)
    gtk_widget_snapshot_child (trough, g_ptr_array_index (self->handles, i), snapshot);
}

/* Ticks at the marks with their labels centred on them; a label that
 * would overlap a neighbour is left out (never the first or last). */
static void
marks_allocate (GtkWidget *box, int width, int height, int baseline)
{
  NdDccSlider *self = ND_DCC_SLIDER_PART (box)->data;
  guint n = self->marks->len;
  g_autofree GdkRectangle *rects = g_new0 (GdkRectangle, n);
  int shown_end = G_MININT;
  int tick_across = 0;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *tick = g_ptr_array_index (self->mark_ticks, i);
      int h;

      measure_part (tick, self->vertical ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL, &h, NULL);
      tick_across = MAX (tick_across, h);
    }
  for (guint i = 0; i < n; i++)
    {
      Mark *m = &g_array_index (self->marks, Mark, i);
      GtkWidget *tick = g_ptr_array_index (self->mark_ticks, i);
      GtkWidget *label = g_ptr_array_index (self->mark_labels, i);
      double p = pos_of_value (self, m->value) - (self->vertical ? self->marks_alloc.y : self->marks_alloc.x);
      int tw, th, lw, lh;

      measure_part (tick, GTK_ORIENTATION_HORIZONTAL, &tw, NULL);
      measure_part (tick, GTK_ORIENTATION_VERTICAL, &th, NULL);
      measure_part (label, GTK_ORIENTATION_HORIZONTAL, NULL, &lw);
      measure_part (label, GTK_ORIENTATION_VERTICAL, NULL, &lh);
      if (self->vertical)
        {
          gtk_widget_size_allocate (tick, &(GtkAllocation) { 0, round (p - th / 2.0), tw, th }, -1);
          rects[i] = (GdkRectangle) { tick_across + LABEL_GAP + 2, round (p - lh / 2.0), lw, lh };
        }
      else
        {
          gtk_widget_size_allocate (tick, &(GtkAllocation) { round (p - tw / 2.0), 0, tw, th }, -1);
          rects[i] = (GdkRectangle) { round (p - lw / 2.0), tick_across + LABEL_GAP, lw, lh };
        }
    }
  /* marks are ascending by value: on the screen that may run backwards */
  for (guint k = 0; k < n; k++)
    {
      gboolean backwards = screen_fraction (self, 0) > 0.5;
      guint i = backwards ? n - 1 - k : k;
      guint last = backwards ? 0 : n - 1;
      GtkWidget *label = g_ptr_array_index (self->mark_labels, i);
      GdkRectangle *r = &rects[i], *lr = &rects[last];
      int start = self->vertical ? r->y : r->x;
      int size = self->vertical ? r->height : r->width;
      int last_start = self->vertical ? lr->y : lr->x;
      gboolean show = k == 0 || i == last ||
                      (start >= shown_end + 6 && start + size + 6 <= last_start);

      gtk_widget_set_child_visible (label, show);
      if (show)
        {
          shown_end = start + size;
          gtk_widget_size_allocate (label, r, -1);
        }
    }
}

static void
marks_measure (GtkWidget *box, GtkOrientation orientation, int for_size, int *minimum, int *natural,
               int *minimum_baseline, int *natural_baseline)
{
  NdDccSlider *self = ND_DCC_SLIDER_PART (box)->data;
  GtkOrientation across = self->vertical ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;
  int tick = 0, label = 0;

  *minimum = *natural = 0;
  if (orientation != across)
    return;
  for (guint i = 0; i < self->marks->len; i++)
    {
      int t, l;

      measure_part (g_ptr_array_index (self->mark_ticks, i), across, &t, NULL);
      measure_part (g_ptr_array_index (self->mark_labels, i), across, NULL, &l);
      tick = MAX (tick, t);
      label = MAX (label, l);
    }
  if (self->marks->len)
    *minimum = *natural = tick + LABEL_GAP + label + (self->vertical ? 2 : 0);
}

/* ---- values ---- */

/* The window's focus widget, active window or not. */
static gboolean
is_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return root && gtk_root_get_focus (root) == widget;
}

static int
focused_handle (NdDccSlider *self)
{
  for (guint i = 0; i < self->handles->len; i++)
    if (is_focus (g_ptr_array_index (self->handles, i)))
      return i;
  return -1;
}

static JsonNode *
values_node (NdDccSlider *self)
{
  JsonArray *array;
  JsonNode *node;

  if (!self->is_range)
    return number_node (g_array_index (self->values, double, 0));
  array = json_array_new ();
  for (guint i = 0; i < self->values->len; i++)
    json_array_add_element (array, number_node (g_array_index (self->values, double, i)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static gboolean
same_values (GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, double, i) != g_array_index (b, double, i))
      return FALSE;
  return TRUE;
}

/* What `value` says, ascending; %FALSE (and handles at min) when unset. */
static gboolean
read_values (NdDccSlider *self, JsonNode *component, GArray *out)
{
  JsonNode *value = nd_component_get_prop (component, "value");

  g_array_set_size (out, 0);
  if (nd_json_is_number (value))
    {
      double v = nd_json_get_number (value);
      g_array_append_val (out, v);
      return TRUE;
    }
  if (self->is_range && value && JSON_NODE_HOLDS_ARRAY (value) &&
      json_array_get_length (json_node_get_array (value)) > 0)
    {
      JsonArray *array = json_node_get_array (value);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          double v = nd_json_is_number (e) ? nd_json_get_number (e) : self->min;
          g_array_append_val (out, v);
        }
      g_array_sort (out, compare_doubles);
      return TRUE;
    }
  {
    int n = self->is_range ? MAX (1, (int) nd_prop_double (component, "count", 1) + 1) : 1;

    for (int i = 0; i < n; i++)
      g_array_append_val (out, self->min);
  }
  return FALSE;
}

static void
report_dragging (NdDccSlider *self)
{
  g_autoptr(JsonObject) props = json_object_new ();

  if (self->drag_mode)
    json_object_set_member (props, "value", values_node (self));
  json_object_set_member (props, "drag_value", values_node (self));
  nd_renderer_report_props (self->renderer, GTK_WIDGET (self), props);
}

static void
report_value (NdDccSlider *self)
{
  nd_renderer_report (self->renderer, GTK_WIDGET (self), "value", values_node (self));
}

/* Keeps the handles in order after handle @i moved: pushing its
 * neighbours (pushable), stopping at them (allowCross=False) or passing
 * them.  Returns the index the moved value ends up at. */
static guint
constrain (NdDccSlider *self, GArray *v, guint i)
{
  guint n = v->len;
  double moved = g_array_index (v, double, i);

  if (n < 2)
    return i;
  if (self->pushable >= 0)
    {
      double d = self->pushable;
      double lo = self->min + i * d, hi = self->max - (n - 1 - i) * d;

      if (lo <= hi)
        g_array_index (v, double, i) = CLAMP (moved, lo, hi);
      for (guint j = i + 1; j < n; j++)
        if (g_array_index (v, double, j) < g_array_index (v, double, j - 1) + d)
          g_array_index (v, double, j) = g_array_index (v, double, j - 1) + d;
      for (guint j = i; j > 0; j--)
        if (g_array_index (v, double, j - 1) > g_array_index (v, double, j) - d)
          g_array_index (v, double, j - 1) = g_array_index (v, double, j) - d;
      return i;
    }
  if (!self->allow_cross)
    {
      double lo = i > 0 ? g_array_index (v, double, i - 1) : -INFINITY;
      double hi = i + 1 < n ? g_array_index (v, double, i + 1) : INFINITY;

      g_array_index (v, double, i) = CLAMP (moved, lo, hi);
      return i;
    }
  else
    {
      /* Radix keeps values sorted: the dragged handle passes the others */
      guint below = 0, equal = 0;
      gboolean up = moved > g_array_index (self->values, double, MIN (i, self->values->len - 1));

      for (guint j = 0; j < n; j++)
        if (j != i)
          {
            below += g_array_index (v, double, j) < moved;
            equal += g_array_index (v, double, j) == moved;
          }
      g_array_sort (v, compare_doubles);
      return below + (up ? equal : 0);
    }
}

/* Moves handle @i towards @v (snapped, constrained).  Returns whether
 * anything changed. */
static gboolean
move_handle (NdDccSlider *self, guint i, double v)
{
  g_autoptr(GArray) next = g_array_copy (self->values);
  guint at;
  gboolean had_focus = is_focus (g_ptr_array_index (self->handles, i));

  g_array_index (next, double, i) = snap_value (self, v);
  at = constrain (self, next, i);
  if (same_values (next, self->values) && self->has_value)
    return FALSE;
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, next->data, next->len);
  self->has_value = TRUE;
  if (at != i)
    {
      if (self->drag_handle == (int) i)
        {
          gtk_widget_unset_state_flags (g_ptr_array_index (self->handles, i), GTK_STATE_FLAG_ACTIVE);
          gtk_widget_set_state_flags (g_ptr_array_index (self->handles, at), GTK_STATE_FLAG_ACTIVE, FALSE);
          self->drag_handle = at;
        }
      if (had_focus)
        gtk_widget_grab_focus (g_ptr_array_index (self->handles, at));
    }
  update_parts (self);
  return TRUE;
}

/* ---- user input ---- */

static int
handle_at (NdDccSlider *self, double x, double y)
{
  int found = -1;

  for (guint i = 0; i < self->handles->len; i++)
    {
      graphene_rect_t b;

      if (gtk_widget_compute_bounds (g_ptr_array_index (self->handles, i), GTK_WIDGET (self), &b) &&
          graphene_rect_contains_point (&b, &GRAPHENE_POINT_INIT (x, y)))
        {
          /* stacked handles: the one the pointer is past wins */
          double p = pos_of_value (self, g_array_index (self->values, double, i));
          if (found < 0 || (self->vertical ? y : x) >= p)
            found = i;
        }
    }
  return found;
}

static int
nearest_handle (NdDccSlider *self, double p)
{
  int best = 0;
  double best_d = INFINITY;

  for (guint i = 0; i < self->values->len; i++)
    {
      double c = pos_of_value (self, g_array_index (self->values, double, i));
      double d = fabs (c - p);

      /* ties: the handle on the pointer's side */
      if (d < best_d || (d == best_d && p > c))
        {
          best = i;
          best_d = d;
        }
    }
  return best;
}

static void
update_tooltips (NdDccSlider *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean focus_visible = GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root));

  for (guint i = 0; i < self->tooltips->len; i++)
    {
      GtkWidget *handle = g_ptr_array_index (self->handles, i);
      gboolean on = self->tooltip_on && self->has_value &&
                    (self->tooltip_always || self->hover_handle == (int) i || self->drag_handle == (int) i ||
                     (focus_visible && is_focus (handle)));

      gtk_widget_set_visible (g_ptr_array_index (self->tooltips, i), on);
    }
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, NdDccSlider *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  double p = self->vertical ? y : x;
  gboolean grabbed;
  int i;

  for (int k = 0; k < 2; k++)
    if (picked && (picked == self->entries[k] || gtk_widget_is_ancestor (picked, self->entries[k])))
      {
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
        return;
      }
  if (!gtk_widget_is_sensitive (GTK_WIDGET (self)) || self->track_len <= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* grabbing a handle keeps where it was grabbed; the track jumps */
  i = handle_at (self, x, y);
  grabbed = i >= 0;
  self->drag_offset = grabbed ? pos_of_value (self, g_array_index (self->values, double, i)) - p : 0;
  if (!grabbed)
    i = nearest_handle (self, p);
  self->drag_handle = i;
  self->drag_start = p;
  g_clear_pointer (&self->drag_start_values, g_array_unref);
  self->drag_start_values = g_array_copy (self->values);
  gtk_widget_set_state_flags (g_ptr_array_index (self->handles, i), GTK_STATE_FLAG_ACTIVE, FALSE);
  gtk_widget_grab_focus (g_ptr_array_index (self->handles, i));
  update_tooltips (self);
  if (!grabbed && move_handle (self, i, value_at_pos (self, p)))
    report_dragging (self);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, NdDccSlider *self)
{
  double p = self->drag_start + (self->vertical ? dy : dx) + self->drag_offset;

  if (self->drag_handle < 0)
    return;
  if (move_handle (self, self->drag_handle, value_at_pos (self, p)))
    report_dragging (self);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, NdDccSlider *self)
{
  gboolean moved;

  if (self->drag_handle < 0)
    return;
  gtk_widget_unset_state_flags (g_ptr_array_index (self->handles, self->drag_handle), GTK_STATE_FLAG_ACTIVE);
  moved = self->drag_start_values && !same_values (self->drag_start_values, self->values);
  self->drag_handle = -1;
  g_clear_pointer (&self->drag_start_values, g_array_unref);
  update_tooltips (self);
  /* Radix commits on release when the value changed */
  if (moved && !self->drag_mode)
    report_value (self);
}

static void
on_drag_cancel (GtkGesture *gesture, GdkEventSequence *sequence, NdDccSlider *self)
{
  on_drag_end (GTK_GESTURE_DRAG (gesture), 0, 0, self);
}

/* The value @steps steps (or marks) away from @v. */
static double
stepped (NdDccSlider *self, double v, int steps)
{
  if (self->snap == SNAP_MARKS && self->snap_points->len)
    {
      guint n = self->snap_points->len, at = 0;
      int to;

      for (guint j = 1; j < n; j++)
        if (fabs (g_array_index (self->snap_points, double, j) - v) <
            fabs (g_array_index (self->snap_points, double, at) - v))
          at = j;
      to = CLAMP ((int) at + steps, 0, (int) n - 1);
      return g_array_index (self->snap_points, double, to);
    }
  if (self->snap == SNAP_STEP && self->step > 0)
    return v + steps * self->step;
  return v + steps * (self->max - self->min) / 100;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
                NdDccSlider *self)
{
  int i = focused_handle (self);
  double v, target;
  int steps = 0;
  gboolean home = FALSE, end = FALSE;

  if (i < 0 || !gtk_widget_is_sensitive (GTK_WIDGET (self)))
    return FALSE;
  v = g_array_index (self->values, double, i);
  /* arrows follow the screen, as Radix's: right and up move away from
   * the min end (left/down on a reversed horizontal slider...) */
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      steps = !self->vertical && self->reverse ? -1 : 1;
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      steps = !self->vertical && self->reverse ? 1 : -1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      steps = self->vertical && self->reverse ? -1 : 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      steps = self->vertical && self->reverse ? 1 : -1;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      steps = 10;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      steps = -10;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      home = TRUE;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      end = TRUE;
      break;
    default:
      return FALSE;
    }
  if ((state & GDK_SHIFT_MASK) && (steps == 1 || steps == -1))
    steps *= 10;
  target = home ? self->min : end ? self->max : stepped (self, v, steps);
  if (move_handle (self, i, target))
    {
      /* Radix: a change, then a commit */
      if (self->drag_mode)
        report_dragging (self);
      else
        {
          nd_renderer_report (self->renderer, GTK_WIDGET (self), "drag_value", values_node (self));
          report_value (self);
        }
    }
  return TRUE;
}

static void
on_handle_enter (GtkEventControllerMotion *motion, double x, double y, NdDccSlider *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  guint i;

  if (g_ptr_array_find (self->handles, handle, &i))
    self->hover_handle = i;
  update_tooltips (self);
}

static void
on_handle_leave (GtkEventControllerMotion *motion, NdDccSlider *self)
{
  self->hover_handle = -1;
  update_tooltips (self);
}

static void
on_handle_focus (GtkWidget *handle, GParamSpec *pspec, NdDccSlider *self)
{
  update_tooltips (self);
}

/* A number box: Enter or leaving it sets the value, snapped to the step
 * and kept inside the range and on its side of the other handle. */
static void
entry_commit (NdDccSlider *self, int which)
{
  GtkWidget *entry = self->entries[which];
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint n = self->values->len, i = which == 0 ? 0 : n - 1;
  char *end;
  double v;

  if (!g_object_get_data (G_OBJECT (entry), "nd-dirty"))
    return;
  g_object_set_data (G_OBJECT (entry), "nd-dirty", NULL);
  v = g_ascii_strtod (text, &end);
  if (*text == '\0' || *end != '\0' || !isfinite (v))
    {
      update_parts (self);     /* back to the value */
      return;
    }
  v = snap_value (self, v);
  if (n == 2 && which == 0)
    v = MIN (v, g_array_index (self->values, double, 1));
  else if (n == 2)
    v = MAX (v, g_array_index (self->values, double, 0));
  g_array_index (self->values, double, i) = v;
  self->has_value = TRUE;
  update_parts (self);
  report_value (self);
}

static void
on_entry_activate (GtkEntry *entry, NdDccSlider *self)
{
  entry_commit (self, GTK_WIDGET (entry) == self->entries[0] ? 0 : 1);
}

static void
on_entry_leave (GtkEventControllerFocus *focus, NdDccSlider *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  if (gtk_widget_get_mapped (entry))
    entry_commit (self, entry == self->entries[0] ? 0 : 1);
}

static void
on_entry_changed (GtkEditable *editable, NdDccSlider *self)
{
  if (!self->setting_entry)
    g_object_set_data (G_OBJECT (editable), "nd-dirty", GINT_TO_POINTER (TRUE));
}

/* ---- showing the state ---- */

static char *
tooltip_text (NdDccSlider *self, double v)
{
  g_autofree char *number = number_text (v);
  g_auto(GStrv) parts = g_strsplit (self->tooltip_template, "{value}", -1);

  return g_strjoinv (number, parts);
}

/* After the values changed: handles, highlight, tooltips, number boxes. */
static void
update_parts (NdDccSlider *self)
{
  for (guint i = 0; i < self->values->len && i < self->handles->len; i++)
    {
      double v = g_array_index (self->values, double, i);
      g_autofree char *tip = tooltip_text (self, v);

      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (g_ptr_array_index (self->tooltips, i))), tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->handles, i)),
                                      GTK_ACCESSIBLE_PROPERTY_ORIENTATION,
                                      self->vertical ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->min,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->max,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, v,
                                      -1);
    }
  self->setting_entry = TRUE;
  for (int k = 0; k < 2; k++)
    {
      GtkWidget *entry = self->entries[k];
      guint i = k == 0 ? 0 : self->values->len - 1;
      g_autofree char *text = self->has_value ? number_text (g_array_index (self->values, double, i))
                                              : g_strdup ("");

      gtk_widget_set_visible (entry, entries_wanted (self, k));
      if (g_object_get_data (G_OBJECT (entry), "nd-dirty") && gtk_widget_has_focus (entry))
        continue;
      g_object_set_data (G_OBJECT (entry), "nd-dirty", NULL);
      if (strcmp (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  self->setting_entry = FALSE;
  update_tooltips (self);
  gtk_widget_queue_allocate (self->trough);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* As many handles (and tooltips) as values. */
static void
ensure_handles (NdDccSlider *self)
{
  while (self->handles->len < self->values->len)
    {
      GtkWidget *handle = g_object_new (ND_TYPE_DCC_SLIDER_PART, "css-name", "slider",
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_SLIDER, NULL);
      GtkWidget *tip = part_new ("tooltip", "background", self);
      GtkWidget *label = gtk_label_new (NULL);
      GtkEventController *motion = gtk_event_controller_motion_new ();

      gtk_widget_set_focusable (handle, TRUE);
      /* the window may keep a focused handle past the slider */
      g_signal_connect_object (motion, "enter", G_CALLBACK (on_handle_enter), self, 0);
      g_signal_connect_object (motion, "leave", G_CALLBACK (on_handle_leave), self, 0);
      gtk_widget_add_controller (handle, motion);
      g_signal_connect_object (handle, "notify::has-focus", G_CALLBACK (on_handle_focus), self, 0);
      gtk_widget_set_parent (handle, self->trough);
      g_ptr_array_add (self->handles, handle);

      gtk_widget_set_parent (label, tip);
      gtk_widget_set_can_target (tip, FALSE);
      gtk_widget_set_visible (tip, FALSE);
      gtk_widget_set_parent (tip, GTK_WIDGET (self));
      g_ptr_array_add (self->tooltips, tip);
    }
  while (self->handles->len > self->values->len)
    {
      gtk_widget_unparent (g_ptr_array_steal_index (self->handles, self->handles->len - 1));
      gtk_widget_unparent (g_ptr_array_steal_index (self->tooltips, self->tooltips->len - 1));
    }
  for (guint i = 0; i < self->tooltips->len; i++)
    nd_style_apply (g_ptr_array_index (self->tooltips, i), self->tooltip_style);
  self->hover_handle = -1;
  if (self->drag_handle >= (int) self->handles->len)
    self->drag_handle = -1;
}

static void
set_values (NdDccSlider *self, GArray *values, gboolean defined)
{
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values->data, values->len);
  self->has_value = defined;
  ensure_handles (self);
  update_parts (self);
}

static void
rebuild_marks (NdDccSlider *self)
{
  g_ptr_array_set_size (self->mark_ticks, 0);
  g_ptr_array_set_size (self->mark_labels, 0);
  while (gtk_widget_get_first_child (self->marks_box))
    gtk_widget_unparent (gtk_widget_get_first_child (self->marks_box));
  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *m = &g_array_index (self->marks, Mark, i);
      GtkWidget *tick = part_new ("indicator", NULL, self);
      GtkWidget *label = gtk_label_new (m->label);

      gtk_widget_set_parent (tick, self->marks_box);
      gtk_widget_set_parent (label, self->marks_box);
      if (m->style)
        nd_style_apply (label, m->style);
      g_ptr_array_add (self->mark_ticks, tick);
      g_ptr_array_add (self->mark_labels, label);
    }
  gtk_widget_set_visible (self->marks_box, self->marks->len > 0);
}

/* Reads every prop but `value` and `disabled`, as Dash resolves them. */
static void
configure (NdDccSlider *self, JsonNode *component)
{
  JsonNode *marks = nd_component_get_prop (component, "marks");
  JsonNode *step = nd_component_get_prop (component, "step");
  JsonNode *min_node = nd_component_get_prop (component, "min");
  JsonNode *max_node = nd_component_get_prop (component, "max");
  JsonNode *tooltip = nd_component_get_prop (component, "tooltip");
  JsonNode *pushable = nd_component_get_prop (component, "pushable");
  g_autoptr(GArray) given = g_array_new (FALSE, FALSE, sizeof (Mark));
  gboolean have_marks = FALSE;
  double lowest = INFINITY, highest = -INFINITY;

  g_array_set_clear_func (given, mark_clear);
  /* given marks: {"<number>": "label" | {"label", "style"}}, at most 500 */
  if (marks && JSON_NODE_HOLDS_OBJECT (marks) && json_object_get_size (json_node_get_object (marks)) <= MAX_MARKS)
    {
      JsonObjectIter it;
      const char *key;
      JsonNode *v;

      have_marks = TRUE;
      json_object_iter_init_ordered (&it, json_node_get_object (marks));
      while (json_object_iter_next_ordered (&it, &key, &v))
        {
          g_autofree char *k = g_strstrip (g_strdup (key));
          char *end;
          Mark m = { g_ascii_strtod (k, &end), NULL, NULL };

          if (*k == '\0' || *end != '\0' || !isfinite (m.value))
            continue;
          if (nd_json_is_string (v))
            m.label = g_strdup (json_node_get_string (v));
          else if (v && JSON_NODE_HOLDS_OBJECT (v))
            {
              JsonNode *label = json_object_get_member (json_node_get_object (v), "label");
              JsonNode *style = json_object_get_member (json_node_get_object (v), "style");

              if (nd_json_is_string (label) && *json_node_get_string (label))
                m.label = g_strdup (json_node_get_string (label));
              if (style && JSON_NODE_HOLDS_OBJECT (style))
                m.style = json_node_ref (style);
            }
          if (m.label == NULL)
            m.label = number_text (m.value);
          lowest = MIN (lowest, m.value);
          highest = MAX (highest, m.value);
          g_array_append_val (given, m);
        }
    }
  /* min/max: given, else the extreme marks, else 0 and 1 */
  self->min = nd_json_is_number (min_node) ? nd_json_get_number (min_node) : given->len ? lowest : 0;
  self->max = nd_json_is_number (max_node) ? nd_json_get_number (max_node) : given->len ? highest : 1;

  /* step: absent → 1 for integer (or missing) min and max, else a nice
   * step; None → the marks, or continuous without them */
  self->step = 0;
  if (step && JSON_NODE_HOLDS_NULL (step))
    self->snap = have_marks ? SNAP_MARKS : SNAP_NONE;
  else
    {
      self->snap = SNAP_STEP;
      if (nd_json_is_number (step) && nd_json_get_number (step) != 0)
        self->step = fabs (nd_json_get_number (step));
      else if (!nd_json_is_number (min_node) || !nd_json_is_number (max_node) ||
               (is_int_node (min_node) && is_int_node (max_node)))
        self->step = 1;
      else
        self->step = nice_step (self->min, self->max);
    }
  self->step_decimals = self->snap == SNAP_STEP ? decimal_count (self->step) : 0;

  /* the marks shown: given ones inside [min, max], else automatic ones;
   * marks=None shows none */
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->snap_points, 0);
  for (guint i = 0; i < given->len; i++)
    {
      Mark *m = &g_array_index (given, Mark, i);

      if (m->value < self->min || m->value > self->max)
        continue;
      g_array_append_val (self->marks, *m);
      g_array_append_val (self->snap_points, m->value);
      /* moved: the shown array owns label and style now */
      m->label = NULL;
      m->style = NULL;
    }
  g_array_sort (self->marks, compare_marks);
  g_array_sort (self->snap_points, compare_doubles);
  for (guint i = 1; i < self->marks->len; i++)
    if (g_array_index (self->marks, Mark, i).value == g_array_index (self->marks, Mark, i - 1).value)
      g_array_remove_index (self->marks, --i);
  if (self->marks->len == 0 && !(marks && JSON_NODE_HOLDS_NULL (marks)))
    auto_marks (self->min, self->max,
                self->snap == SNAP_STEP ? self->step : nice_step (self->min, self->max), self->marks);

  self->dots_step = 0;
  if (nd_prop_bool (component, "dots", FALSE))
    {
      double s = self->snap == SNAP_STEP ? self->step
                 : self->snap == SNAP_MARKS ? nice_step (self->min, self->max)
                 : 0;

      if (s > 1 && floor ((self->max - self->min) / s) + 1 <= MAX_DOTS)
        self->dots_step = s;
    }

  self->included = nd_prop_bool (component, "included", TRUE);
  self->reverse = nd_prop_bool (component, "reverse", FALSE);
  self->drag_mode = g_strcmp0 (nd_prop_string (component, "updatemode", "mouseup"), "drag") == 0;
  self->allow_cross = nd_prop_bool (component, "allowCross", TRUE);
  self->allow_input = nd_prop_bool (component, "allow_direct_input", TRUE);
  self->vertical_height = MAX (40, (int) nd_prop_double (component, "verticalHeight", 400));
  self->pushable = -1;
  if (nd_json_is_number (pushable) && nd_json_get_number (pushable) > 0)
    self->pushable = nd_json_get_number (pushable);
  else if (pushable && JSON_NODE_HOLDS_VALUE (pushable) && json_node_get_value_type (pushable) == G_TYPE_BOOLEAN &&
           json_node_get_boolean (pushable))
    self->pushable = self->snap == SNAP_STEP ? self->step : 0;

  self->vertical = nd_prop_bool (component, "vertical", FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), self->vertical ? "horizontal" : "vertical");
  gtk_widget_add_css_class (GTK_WIDGET (self), self->vertical ? "vertical" : "horizontal");
  gtk_widget_remove_css_class (self->marks_box, self->vertical ? "horizontal" : "vertical");
  gtk_widget_add_css_class (self->marks_box, self->vertical ? "vertical" : "horizontal");
  gtk_widget_set_hexpand (GTK_WIDGET (self), !self->vertical);
  gtk_widget_set_halign (GTK_WIDGET (self), self->vertical ? GTK_ALIGN_START : GTK_ALIGN_FILL);

  /* tooltip: {always_visible, placement, template, style} */
  self->tooltip_on = tooltip && JSON_NODE_HOLDS_OBJECT (tooltip);
  self->tooltip_always = FALSE;
  g_clear_pointer (&self->placement, g_free);
  g_clear_pointer (&self->tooltip_template, g_free);
  g_clear_pointer (&self->tooltip_style, json_node_unref);
  if (self->tooltip_on)
    {
      JsonObject *t = json_node_get_object (tooltip);
      JsonNode *always = json_object_get_member (t, "always_visible");
      JsonNode *placement = json_object_get_member (t, "placement");
      JsonNode *template = json_object_get_member (t, "template");
      JsonNode *style = json_object_get_member (t, "style");

      self->tooltip_always = always && nd_json_is_truthy (always);
      if (nd_json_is_string (placement))
        self->placement = g_strdup (json_node_get_string (placement));
      if (nd_json_is_string (template))
        self->tooltip_template = g_strdup (json_node_get_string (template));
      if (style && JSON_NODE_HOLDS_OBJECT (style))
        self->tooltip_style = json_node_ref (style);
    }
  /* on a vertical slider the marks are on the right: tooltips go left */
  if (self->placement == NULL)
    self->placement = g_strdup (self->vertical ? "left" : "top");
  if (self->tooltip_template == NULL)
    self->tooltip_template = g_strdup ("{value}");

  gtk_widget_set_visible (self->highlight, self->included);
  rebuild_marks (self);
  {
    /* number boxes as wide as the longest value */
    g_autofree char *a = number_text (self->min), *b = number_text (self->max);
    int decimals = self->step_decimals ? self->step_decimals + 1 : 0;
    int chars = CLAMP ((int) MAX (strlen (a), strlen (b)) + decimals + 1, 4, 10);

    for (int k = 0; k < 2; k++)
      {
        gtk_editable_set_width_chars (GTK_EDITABLE (self->entries[k]), chars);
        gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entries[k]), chars);
      }
  }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- the widget ---- */

static void
nd_dcc_slider_dispose (GObject *object)
{
  NdDccSlider *self = ND_DCC_SLIDER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->report_source, g_source_remove);
  g_ptr_array_set_size (self->handles, 0);
  g_ptr_array_set_size (self->tooltips, 0);
  g_ptr_array_set_size (self->mark_ticks, 0);
  g_ptr_array_set_size (self->mark_labels, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->trough = self->highlight = self->marks_box = NULL;
  self->entries[0] = self->entries[1] = NULL;
  G_OBJECT_CLASS (nd_dcc_slider_parent_class)->dispose (object);
}

static void
nd_dcc_slider_finalize (GObject *object)
{
  NdDccSlider *self = ND_DCC_SLIDER (object);

  g_array_unref (self->marks);
  g_array_unref (self->snap_points);
  g_array_unref (self->values);
  g_clear_pointer (&self->drag_start_values, g_array_unref);
  g_ptr_array_unref (self->handles);
  g_ptr_array_unref (self->tooltips);
  g_ptr_array_unref (self->mark_ticks);
  g_ptr_array_unref (self->mark_labels);
  g_free (self->placement);
  g_free (self->tooltip_template);
  g_clear_pointer (&self->tooltip_style, json_node_unref);
  G_OBJECT_CLASS (nd_dcc_slider_parent_class)->finalize (object);
}

static void
nd_dcc_slider_class_init (NdDccSliderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_dcc_slider_dispose;
  object_class->finalize = nd_dcc_slider_finalize;
  widget_class->measure = nd_dcc_slider_measure;
  widget_class->size_allocate = nd_dcc_slider_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "scale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_dcc_slider_init (NdDccSlider *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_array_set_clear_func (self->marks, mark_clear);
  self->snap_points = g_array_new (FALSE, FALSE, sizeof (double));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->handles = g_ptr_array_new ();
  self->tooltips = g_ptr_array_new ();
  self->mark_ticks = g_ptr_array_new ();
  self->mark_labels = g_ptr_array_new ();
  self->drag_handle = -1;
  self->hover_handle = -1;
  self->placement = g_strdup ("top");
  self->tooltip_template = g_strdup ("{value}");
  gtk_widget_add_css_class (GTK_WIDGET (self), "nd-slider");

  for (int k = 0; k < 2; k++)
    {
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      gtk_widget_add_css_class (entry, "nd-slider-input");
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_entry_set_alignment (GTK_ENTRY (entry), 0.5);
      g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), self);
      g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), self);
      gtk_widget_add_controller (entry, focus);
      gtk_widget_set_child_visible (entry, FALSE);
      self->entries[k] = entry;
    }
  gtk_widget_set_parent (self->entries[0], GTK_WIDGET (self));

  self->trough = part_new ("trough", NULL, self);
  ND_DCC_SLIDER_PART (self->trough)->snapshot_func = trough_snapshot;
  gtk_widget_set_layout_manager (self->trough, gtk_custom_layout_new (NULL, trough_measure, trough_allocate));
  gtk_widget_set_parent (self->trough, GTK_WIDGET (self));
  self->highlight = part_new ("highlight", NULL, self);
  gtk_widget_set_parent (self->highlight, self->trough);

  self->marks_box = part_new ("marks", "bottom", self);
  gtk_widget_set_layout_manager (self->marks_box, gtk_custom_layout_new (NULL, marks_measure, marks_allocate));
  gtk_widget_set_parent (self->marks_box, GTK_WIDGET (self));
  gtk_widget_set_parent (self->entries[1], GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* ---- the kinds ---- */

static const char slider_css[] =
  "scale.nd-slider > marks label { font-size: 0.8em; }\n"
  "scale.nd-slider > tooltip { padding: 2px 8px; border-radius: 6px; font-size: 0.8em;"
  " font-feature-settings: \"tnum\"; }\n"
  "scale.nd-slider > trough > slider:focus-visible { outline: 2px solid alpha(@theme_selected_bg_color, 0.5);"
  " outline-offset: 1px; }\n"
  "scale.nd-slider > entry.nd-slider-input { font-feature-settings: \"tnum\"; }\n";

static void
ensure_css (void)
{
  nd_style_add_css (NULL, slider_css);
}

static void
load_values (NdDccSlider *self, JsonNode *component)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean defined = read_values (self, component, values);

  set_values (self, values, defined);
}

static GtkWidget *
create (NdRenderer *renderer, JsonNode *component, gboolean is_range)
{
  NdDccSlider *self = g_object_new (ND_TYPE_DCC_SLIDER, NULL);

  ensure_css ();
  self->renderer = renderer;
  self->is_range = is_range;
  configure (self, component);
  load_values (self, component);
  gtk_widget_set_sensitive (GTK_WIDGET (self), !nd_prop_bool (component, "disabled", FALSE));
  return GTK_WIDGET (self);
}

static GtkWidget *
slider_create (NdRenderer *renderer, JsonNode *component)
{
  return create (renderer, component, FALSE);
}

static GtkWidget *
range_slider_create (NdRenderer *renderer, JsonNode *component)
{
  return create (renderer, component, TRUE);
}

static gboolean
report_drag_value_idle (gpointer data)
{
  NdDccSlider *self = data;
  JsonNode *component = nd_renderer_get_component (GTK_WIDGET (self));
  JsonNode *value = component ? nd_component_get_prop (component, "value") : NULL;

  self->report_source = 0;
  if (value && !JSON_NODE_HOLDS_NULL (value))
    nd_renderer_report (self->renderer, GTK_WIDGET (self), "drag_value", nd_json_deep_copy (value));
  return G_SOURCE_REMOVE;
}

static gboolean
slider_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
               JsonNode *value)
{
  static const char *const config[] = {
    "min", "max", "step", "marks", "dots", "included", "vertical", "verticalHeight", "tooltip",
    "updatemode", "reverse", "allow_direct_input", "allowCross", "pushable", "count", NULL
  };
  NdDccSlider *self = ND_DCC_SLIDER (widget);

  if (strcmp (prop, "value") == 0)
    {
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      gboolean defined = read_values (self, component, values);

      /* our own report coming back, or nothing new */
      if (defined == self->has_value && same_values (values, self->values))
        return TRUE;
      set_values (self, values, defined);
      /* Dash's slider answers a new value with drag_value (after this
       * change is applied: reports while applying are dropped) */
      if (defined && self->report_source == 0)
        self->report_source = g_idle_add (report_drag_value_idle, self);
      return TRUE;
    }
  if (strcmp (prop, "drag_value") == 0)
    return TRUE;
  if (strcmp (prop, "disabled") == 0)
    {
      gtk_widget_set_sensitive (widget, !nd_prop_bool (component, "disabled", FALSE));
      return TRUE;
    }
  if (g_strv_contains (config, prop))
    {
      configure (self, component);
      if (!self->has_value)
        load_values (self, component);
      else
        {
          ensure_handles (self);
          update_parts (self);
        }
      return TRUE;
    }
  return FALSE;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Slider", FALSE, slider_create, slider_update },
  { ND_NAMESPACE_DCC, "RangeSlider", FALSE, range_slider_create, slider_update },
};

void
nd_dcc_slider_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
