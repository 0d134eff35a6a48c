/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The legend with plotly's geometry: items 19 px high for 12 px text, a
 * 40 px symbol column, traces of one legendgroup kept together with a
 * 10 px gap, one entry for repeated (group, name) pairs, and clickable
 * boxes a widget can use to toggle `visible`.
 */
#include "config.h"

#include <string.h>

#include "nd-chart-private.h"

#define ITEM_GAP 5
#define TEXT_GAP 40
#define GROUP_GAP 10

static double
item_height (NdChart *chart)
{
  return MAX (chart->legend_font.size * 1.3, 16) + 3;
}

static gboolean
reversed (NdChart *chart)
{
  /* plotly reverses the order for stacked bars in a vertical legend */
  if (chart->legend_reversed)
    return TRUE;
  return !chart->legend_h && (g_strcmp0 (chart->barmode, "stack") == 0 ||
                              g_strcmp0 (chart->barmode, "relative") == 0);
}

/* Entries in display order; each is a GArray of trace pointers. */
static GPtrArray *
collect_entries (NdChart *chart)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *groups = g_ptr_array_new ();   /* group name per entry, NULL for none */

  for (guint i = 0; i < chart->traces->len; i++)
    {
      NdTrace *t = g_ptr_array_index (chart->traces, i);
      gboolean merged = FALSE;
      int last_of_group = -1;

      if (!(t->visible || t->legendonly) || !t->showlegend || t->kind == ND_TRACE_HEATMAP)
        continue;
      for (guint e = 0; e < entries->len && t->legendgroup; e++)
        {
          GPtrArray *entry = g_ptr_array_index (entries, e);
          NdTrace *first = g_ptr_array_index (entry, 0);

          if (g_strcmp0 (first->legendgroup, t->legendgroup) != 0)
            continue;
          last_of_group = (int) e;
          if (g_strcmp0 (first->name, t->name) == 0)
            {
              g_ptr_array_add (entry, t);
              merged = TRUE;
              break;
            }
        }
      if (merged)
        continue;
      {
        GPtrArray *entry = g_ptr_array_new ();

        g_ptr_array_add (entry, t);
        if (last_of_group >= 0)
          {
            g_ptr_array_insert (entries, last_of_group + 1, entry);
            g_ptr_array_insert (groups, last_of_group + 1, t->legendgroup);
          }
        else
          {
            g_ptr_array_add (entries, entry);
            g_ptr_array_add (groups, t->legendgroup);
          }
      }
    }
  g_ptr_array_unref (groups);
  if (reversed (chart))
    for (guint i = 0; i < entries->len / 2; i++)
      {
        gpointer a = entries->pdata[i];

        entries->pdata[i] = entries->pdata[entries->len - 1 - i];
        entries->pdata[entries->len - 1 - i] = a;
      }
  return entries;
}

static gboolean
new_group (GPtrArray *entries, guint i)
{
  NdTrace *a, *b;

  if (i == 0)
    return FALSE;
  a = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (entries, i - 1), 0);
  b = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (entries, i), 0);
  return (a->legendgroup || b->legendgroup) && g_strcmp0 (a->legendgroup, b->legendgroup) != 0;
}

/* Lays out entries relative to the legend's top left corner; returns the
 * legend size. */
static void
layout_entries (NdChart *chart, cairo_t *cr, GPtrArray *entries, GArray *items, double *width,
                double *height)
{
  double h = item_height (chart), title_w = 0, title_h = 0;
  double bw = chart->legend_borderwidth;
  double maxw = 0, y = 0, x = 0, row_w = 0;
  double max_row = chart->legend_h ? MAX (chart->plot_w, 100) : INFINITY;

  if (chart->legend_title && *chart->legend_title)
    {
      nd_text_measure (cr, &chart->legend_font, chart->legend_title, &title_w, &title_h);
      title_w += ITEM_GAP * 2;
      title_h += ITEM_GAP;
    }
  g_array_set_size (items, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      GPtrArray *entry = g_ptr_array_index (entries, i);
      NdTrace *t = g_ptr_array_index (entry, 0);
      NdLegendItem item = { 0 };
      double tw;

      nd_text_measure (cr, &chart->legend_font, t->name, &tw, NULL);
      item.trace = t->index;
      item.traces = g_array_new (FALSE, FALSE, sizeof (int));
      for (guint k = 0; k < chart->traces->len; k++)
        {
          NdTrace *o = g_ptr_array_index (chart->traces, k);

          /* a click toggles the whole legendgroup */
          if (o == t || (t->legendgroup && g_strcmp0 (o->legendgroup, t->legendgroup) == 0))
            g_array_append_val (item.traces, o->index);
        }
      if (chart->legend_h)
        {
          double w = TEXT_GAP + tw + ITEM_GAP * 2;

          if (x > 0 && title_w + x + w > max_row)
            {
              x = 0;
              y += h;
            }
          else if (i > 0 && new_group (entries, i) && x > 0)
            x += GROUP_GAP;
          item.x = bw + title_w + x;
          item.y = bw + y + ITEM_GAP / 2.0;
          item.w = TEXT_GAP + tw;
          item.h = h;
          x += w;
          row_w = MAX (row_w, x);
        }
      else
        {
          if (new_group (entries, i))
            y += GROUP_GAP;
          item.x = bw;
          item.y = bw + title_h + y + ITEM_GAP;
          item.w = TEXT_GAP + tw;
          item.h = h;
          y += h;
          maxw = MAX (maxw, tw);
        }
      g_array_append_val (items, item);
    }
  if (chart->legend_h)
    {
      *width = 2 * bw + title_w + row_w;
      *height = 2 * bw + y + h + ITEM_GAP;
    }
  else
    {
      *width = 2 * bw + MAX (maxw + TEXT_GAP + ITEM_GAP, title_w);
      *height = 2 * bw + title_h + y + 2 * ITEM_GAP;
    }
  /* toggle boxes span the widest entry, as in plotly */
  if (!chart->legend_h)
    for (guint i = 0; i < items->len; i++)
      g_array_index (items, NdLegendItem, i).w = TEXT_GAP + maxw;
}

static void
clear_items (GArray *items)
{
  g_array_set_size (items, 0);
}

/**
 * nd_legend_measure: (skip)
 *
 * Returns: the legend width (and in @height its height) for the current
 * plot area.
 */
double
nd_legend_measure (NdChart *chart, cairo_t *cr, double *height)
{
  g_autoptr(GPtrArray) entries = collect_entries (chart);
  GArray *items = g_array_new (FALSE, TRUE, sizeof (NdLegendItem));
  double w = 0, h = 0;

  g_array_set_clear_func (items, (GDestroyNotify) NULL);
  layout_entries (chart, cr, entries, items, &w, &h);
  for (guint i = 0; i < items->len; i++)
    g_array_unref (g_array_index (items, NdLegendItem, i).traces);
  g_array_free (items, TRUE);
  if (height)
    *height = h;
  return entries->len ? w : 0;
}

void
nd_legend_layout (NdChart *chart, cairo_t *cr)
{
  g_autoptr(GPtrArray) entries = collect_entries (chart);
  double w, h, x, y;
  const char *xa = chart->legend_xanchor, *ya = chart->legend_yanchor;

  clear_items (chart->legend_items);
  if (!chart->showlegend || entries->len == 0)
    {
      memset (chart->legend_box, 0, sizeof chart->legend_box);
      return;
    }
  layout_entries (chart, cr, entries, chart->legend_items, &w, &h);
  x = chart->plot_x + chart->legend_x * chart->plot_w;
  y = chart->plot_y + (1 - chart->legend_y) * chart->plot_h;
  if (g_strcmp0 (xa, "right") == 0)
    x -= w;
  else if (g_strcmp0 (xa, "center") == 0)
    x -= w / 2;
  {
    gboolean ya_auto = ya == NULL || g_strcmp0 (ya, "auto") == 0;
    gboolean h_default = chart->legend_h && !chart->legend_y_set;

    if (g_strcmp0 (ya, "bottom") == 0 || (ya_auto && !h_default && chart->legend_y <= 1.0 / 3))
      y -= h;
    else if (g_strcmp0 (ya, "middle") == 0 ||
             (ya_auto && !h_default && chart->legend_y > 1.0 / 3 && chart->legend_y < 2.0 / 3))
      y -= h / 2;
  }
  /* a horizontal legend below the plot clears the tick labels */
  if (chart->legend_h && chart->legend_y < 0 && !chart->legend_y_set)
    y = chart->plot_y + chart->plot_h + chart->xaxis.label_size + 20;
  x = round (x);
  y = round (y);
  chart->legend_box[0] = x;
  chart->legend_box[1] = y;
  chart->legend_box[2] = w;
  chart->legend_box[3] = h;
  for (guint i = 0; i < chart->legend_items->len; i++)
    {
      NdLegendItem *item = &g_array_index (chart->legend_items, NdLegendItem, i);

      item->x += x;
      item->y += y;
    }
}

static NdTrace *
trace_by_index (NdChart *chart, int index)
{
  for (guint i = 0; i < chart->traces->len; i++)
    {
      NdTrace *t = g_ptr_array_index (chart->traces, i);

      if (t->index == index)
        return t;
    }
  return NULL;
}

static void
draw_symbol (NdChart *chart, NdTrace *t, cairo_t *cr, double x, double y)
{
  if (t->kind == ND_TRACE_BAR || t->kind == ND_TRACE_HISTOGRAM)
    {
      NdRgba c = t->marker_colors ? nd_rgba_from_argb (t->marker_colors[0]) : t->marker_color;

      cairo_rectangle (cr, x + 20 - 6, y - 6, 12, 12);
      nd_rgba_set_source (cr, &c, t->marker_opacity);
      cairo_fill_preserve (cr);
      if (t->mline_width > 0)
        {
          nd_rgba_set_source (cr, &t->mline_color, t->marker_opacity);
          cairo_set_line_width (cr, MIN (t->mline_width, 2));
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      return;
    }
  if (t->lines && t->line_width > 0)
    {
      cairo_save (cr);
      nd_rgba_set_source (cr, &t->line_color, 1);
      cairo_set_line_width (cr, MIN (t->line_width, 10));
      if (t->n_dash)
        cairo_set_dash (cr, t->dash, t->n_dash, 0);
      cairo_move_to (cr, x + 5, y);
      cairo_line_to (cr, x + 35, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  if (t->markers)
    {
      guint8 sym = t->symbols ? t->symbols[0] : t->symbol;
      gboolean open = (sym & ND_SYMBOL_OPEN) != 0;
      /* bubbles show at a fixed size, markers capped as in plotly */
      double r = t->marker_rs ? 6 : MIN (t->marker_r, 8);
      NdRgba fill = t->marker_colors ? nd_rgba_from_argb (t->marker_colors[t->n / 2]) : t->marker_color;
      double lw = open ? MAX (t->mline_width, 1) : MIN (t->mline_width, 5);

      cairo_new_path (cr);
      nd_symbol_path (cr, sym, x + 20, y, r);
      if (!open)
        {
          nd_rgba_set_source (cr, &fill, t->marker_opacity);
          cairo_fill_preserve (cr);
        }
      if (lw > 0)
        {
          nd_rgba_set_source (cr, open ? &fill : &t->mline_color, t->marker_opacity);
          cairo_set_line_width (cr, lw);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }
  if (t->text_mode && !t->markers && !t->lines)
    {
      NdFont f = t->textfont;

      f.size = MIN (f.size, 16);
      nd_text_draw (cr, &f, "Aa", x + 20, y, 0.5, 0.5, 0);
    }
}

void
nd_legend_draw (NdChart *chart, cairo_t *cr)
{
  double *box = chart->legend_box;

  if (chart->legend_items->len == 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, box[0], box[1], box[2], box[3]);
  nd_rgba_set_source (cr, &chart->legend_bg, 1);
  cairo_fill (cr);
  if (chart->legend_borderwidth > 0)
    {
      cairo_rectangle (cr, box[0] + chart->legend_borderwidth / 2, box[1] + chart->legend_borderwidth / 2,
                       box[2] - chart->legend_borderwidth, box[3] - chart->legend_borderwidth);
      nd_rgba_set_source (cr, &chart->legend_border, 1);
      cairo_set_line_width (cr, chart->legend_borderwidth);
      cairo_stroke (cr);
    }
  if (chart->legend_title && *chart->legend_title)
    {
      if (chart->legend_h)
        nd_text_draw (cr, &chart->legend_font, chart->legend_title, box[0] + ITEM_GAP + chart->legend_borderwidth,
                      g_array_index (chart->legend_items, NdLegendItem, 0).y + item_height (chart) / 2,
                      0, 0.5, 0);
      else
        nd_text_draw (cr, &chart->legend_font, chart->legend_title, box[0] + ITEM_GAP + chart->legend_borderwidth,
                      box[1] + chart->legend_borderwidth + ITEM_GAP, 0, 0, 0);
    }
  for (guint i = 0; i < chart->legend_items->len; i++)
    {
      NdLegendItem *item = &g_array_index (chart->legend_items, NdLegendItem, i);
      NdTrace *t = trace_by_index (chart, item->trace);
      double cy = item->y + item->h / 2;
      gboolean dim;

      if (t == NULL)
        continue;
      dim = !t->visible;
      if (dim)
        cairo_push_group (cr);
      draw_symbol (chart, t, cr, item->x, cy);
      nd_text_draw (cr, &chart->legend_font, t->name, item->x + TEXT_GAP, cy, 0, 0.5, 0);
      if (dim)
        {
          /* "legendonly" entries are drawn at half opacity */
          cairo_pop_group_to_source (cr);
          cairo_paint_with_alpha (cr, 0.5);
        }
    }
  cairo_restore (cr);
}
