/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Text the way plotly writes it: a small rich-text subset (<br>, <b>, <i>,
 * <sup>, <sub>, entities; other tags are dropped, their text kept), lines
 * 1.3 em apart, drawn with cairo's toy font API so the library needs no
 * more than cairo.
 */
#include "config.h"

#include <string.h>

#include "nd-chart-private.h"

#define LINE_SPACING 1.3
#define ASCENT 0.85    /* of the em, as plotly's 0.35em "middle" offset implies */

typedef struct {
  char    *text;
  gboolean bold, italic;
  int      script;     /* 1 sup, -1 sub */
  int      line;
  double   width;
} Run;

void
nd_font_clear (NdFont *font)
{
  g_clear_pointer (&font->family, g_free);
}

void
nd_font_copy (NdFont *dst, const NdFont *src)
{
  if (dst == src)
    return;
  g_free (dst->family);
  *dst = *src;
  dst->family = g_strdup (src->family);
}

/* Takes the first family of a CSS list; fontconfig falls back for fonts
 * that are not installed ("Open Sans" is usually not). */
void
nd_font_from_node (NdFont *font, JsonNode *node)
{
  JsonObject *o;
  JsonNode *v;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  o = json_node_get_object (node);
  v = json_object_get_member (o, "size");
  if (v && nd_json_is_number (v) && nd_json_get_number (v) > 0)
    font->size = nd_json_get_number (v);
  nd_rgba_from_node (&font->color, json_object_get_member (o, "color"));
  v = json_object_get_member (o, "family");
  if (v && nd_json_is_string (v))
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (v), ",", 2);
      char *first = g_strstrip (g_strdelimit (parts[0], "\"'", ' '));

      if (*first)
        {
          g_free (font->family);
          font->family = g_strdup (g_strstrip (first));
        }
    }
}

static void
append_entity (GString *s, const char **pp)
{
  static const struct { const char *name; const char *utf8; } ents[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" },
  };
  const char *p = *pp;

  for (guint i = 0; i < G_N_ELEMENTS (ents); i++)
    if (g_str_has_prefix (p, ents[i].name))
      {
        g_string_append (s, ents[i].utf8);
        *pp = p + strlen (ents[i].name);
        return;
      }
  if (p[1] == '#')
    {
      char *end;
      gunichar c = p[2] == 'x' ? (gunichar) g_ascii_strtoull (p + 3, &end, 16)
                               : (gunichar) g_ascii_strtoull (p + 2, &end, 10);

      if (*end == ';' && g_unichar_validate (c) && c != 0)
        {
          g_string_append_unichar (s, c);
          *pp = end + 1;
          return;
        }
    }
  g_string_append_c (s, '&');
  *pp = p + 1;
}

static GArray *
parse_rich (const char *text)
{
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (Run));
  GString *cur = g_string_new (NULL);
  gboolean bold = FALSE, italic = FALSE;
  int script = 0, line = 0;
  const char *p = text;

#define FLUSH()                                                                 \
  G_STMT_START {                                                                \
    if (cur->len)                                                               \
      {                                                                         \
        Run r = { g_strdup (cur->str), bold, italic, script, line, 0 };         \
        g_array_append_val (runs, r);                                           \
        g_string_truncate (cur, 0);                                             \
      }                                                                         \
  } G_STMT_END

  while (*p)
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');
          g_autofree char *tag = NULL;
          gboolean end;
          char *name;

          if (close == NULL)
            {
              g_string_append_c (cur, *p++);
              continue;
            }
          tag = g_ascii_strdown (p + 1, close - p - 1);
          end = tag[0] == '/';
          name = g_strstrip (tag + (end ? 1 : 0));
          name[strcspn (name, " /")] = '\0';
          FLUSH ();
          if (strcmp (name, "br") == 0)
            line++;
          else if (strcmp (name, "b") == 0)
            bold = !end;
          else if (strcmp (name, "i") == 0 || strcmp (name, "em") == 0)
            italic = !end;
          else if (strcmp (name, "sup") == 0)
            script = end ? 0 : 1;
          else if (strcmp (name, "sub") == 0)
            script = end ? 0 : -1;
          p = close + 1;
        }
      else if (*p == '&')
        append_entity (cur, &p);
      else
        g_string_append_c (cur, *p++);
    }
  FLUSH ();
#undef FLUSH
  g_string_free (cur, TRUE);
  /* an empty line still counts */
  if (runs->len == 0 || g_array_index (runs, Run, runs->len - 1).line < line)
    {
      Run r = { g_strdup (""), FALSE, FALSE, 0, line, 0 };
      g_array_append_val (runs, r);
    }
  return runs;
}

static void
free_runs (GArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    g_free (g_array_index (runs, Run, i).text);
  g_array_free (runs, TRUE);
}

static void
select_font (cairo_t *cr, const NdFont *font, const Run *r)
{
  cairo_select_font_face (cr, font->family ? font->family : "Sans",
                          r->italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                          r->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, font->size * (r->script ? 0.7 : 1.0));
}

/* Measures every run; returns the number of lines and fills @line_w. */
static int
layout_runs (cairo_t *cr, const NdFont *font, GArray *runs, GArray *line_w)
{
  int nlines = g_array_index (runs, Run, runs->len - 1).line + 1;

  g_array_set_size (line_w, nlines);
  for (int i = 0; i < nlines; i++)
    g_array_index (line_w, double, i) = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      Run *r = &g_array_index (runs, Run, i);
      cairo_text_extents_t ext;

      select_font (cr, font, r);
      cairo_text_extents (cr, r->text, &ext);
      r->width = ext.x_advance;
      g_array_index (line_w, double, r->line) += r->width;
    }
  return nlines;
}

/**
 * nd_text_scratch: (skip)
 *
 * A context on a 1×1 image for measuring text before there is a target.
 */
cairo_t *
nd_text_scratch (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (s);
  cairo_font_options_t *fo = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (cr, fo);
  cairo_font_options_destroy (fo);
  cairo_surface_destroy (s);
  return cr;
}

void
nd_text_measure (cairo_t *cr, const NdFont *font, const char *text, double *width, double *height)
{
  GArray *runs, *line_w;
  double w = 0;
  int nlines;

  if (text == NULL || *text == '\0')
    {
      if (width)
        *width = 0;
      if (height)
        *height = 0;
      return;
    }
  cairo_save (cr);
  runs = parse_rich (text);
  line_w = g_array_new (FALSE, TRUE, sizeof (double));
  nlines = layout_runs (cr, font, runs, line_w);
  for (int i = 0; i < nlines; i++)
    w = MAX (w, g_array_index (line_w, double, i));
  if (width)
    *width = w;
  if (height)
    *height = font->size * (1 + (nlines - 1) * LINE_SPACING);
  g_array_free (line_w, TRUE);
  free_runs (runs);
  cairo_restore (cr);
}

void
nd_text_draw (cairo_t *cr, const NdFont *font, const char *text, double x, double y,
              double ax, double ay, double angle_deg)
{
  GArray *runs, *line_w;
  double h, top, pen = 0;
  int nlines, line = -1;

  if (text == NULL || *text == '\0' || font->color.a <= 0)
    return;
  cairo_save (cr);
  runs = parse_rich (text);
  line_w = g_array_new (FALSE, TRUE, sizeof (double));
  nlines = layout_runs (cr, font, runs, line_w);
  h = font->size * (1 + (nlines - 1) * LINE_SPACING);
  cairo_translate (cr, x, y);
  if (angle_deg != 0)
    cairo_rotate (cr, angle_deg * G_PI / 180);
  top = -ay * h;
  nd_rgba_set_source (cr, &font->color, 1.0);
  for (guint i = 0; i < runs->len; i++)
    {
      Run *r = &g_array_index (runs, Run, i);
      double base = top + font->size * ASCENT + r->line * font->size * LINE_SPACING;

      if (r->line != line)
        {
          line = r->line;
          pen = -ax * g_array_index (line_w, double, line);
        }
      if (r->script == 1)
        base -= font->size * 0.4;
      else if (r->script == -1)
        base += font->size * 0.2;
      select_font (cr, font, r);
      cairo_move_to (cr, pen, base);
      cairo_show_text (cr, r->text);
      pen += r->width;
    }
  g_array_free (line_w, TRUE);
  free_runs (runs);
  cairo_restore (cr);
}
