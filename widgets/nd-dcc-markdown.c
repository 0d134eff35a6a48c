/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Markdown (components.md §3.9): CommonMark parsed with cmark and
 * built as native widgets, the way a browser lays out the HTML Dash
 * renders: headings, paragraphs (inline emphasis, code and links as Pango
 * markup in wrapping labels), nested lists, code blocks (monospace,
 * shaded, scrolling sideways, with light syntax colouring), block quotes,
 * rules, images and GitHub tables.  Raw HTML is shown as text unless
 * `dangerously_allow_html`; MathJax is not available, so with `mathjax`
 * the TeX is shown as code.  It reports nothing.
 */
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_CMARK_GFM
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#else
#include <cmark.h>
#endif

#include "nd-element.h"
#include "nd-flow-layout.h"
#include "nd-kinds.h"
#include "nd-style.h"

/* Follows a link, updating every dcc.Location for paths of the app
 * (nd-dcc-misc.c); absent when that family is not built. */
G_GNUC_INTERNAL void nd_dcc_navigate (NdRenderer *renderer,
                                      GtkWidget  *widget,
                                      const char *href) __attribute__ ((weak));

typedef struct {
  NdRenderer *renderer;
  gboolean allow_html;
  gboolean dark;            /* highlight_config {"theme": "dark"} */
  int list_depth;
} Md;

static void render_blocks (Md *md, GtkWidget *container, cmark_node *parent, gboolean tight);

/* ---- the stylesheet: spacing as a browser's, without margin collapsing ---- */

static const char markdown_css[] =
  ".nd-markdown { margin-bottom: 12px; }\n"
  ".nd-markdown > *, .nd-markdown blockquote > *, .nd-md-item-body > * { margin: 0 0 12px 0; }\n"
  ".nd-markdown > :last-child, .nd-markdown blockquote > :last-child, .nd-md-item-body > :last-child { margin-bottom: 0; }\n"
  ".nd-markdown h1, .nd-markdown h2 { margin-top: 20px; margin-bottom: 10px; }\n"
  ".nd-markdown h3, .nd-markdown h4, .nd-markdown h5, .nd-markdown h6 { margin-top: 16px; margin-bottom: 8px; }\n"
  ".nd-markdown > :first-child { margin-top: 0; }\n"
  ".nd-markdown ul, .nd-markdown ol { padding-left: 8px; }\n"
  ".nd-markdown li { margin: 0 0 4px 0; }\n"
  ".nd-markdown li:last-child { margin-bottom: 0; }\n"
  ".nd-md-tight > * { margin-bottom: 0; }\n"
  ".nd-md-item-body > ul, .nd-md-item-body > ol { margin-top: 4px; }\n"
  ".nd-md-marker { min-width: 18px; }\n"
  ".nd-md-marker.ordered { min-width: 22px; font-feature-settings: \"tnum\"; }\n"
  ".nd-markdown blockquote { margin-left: 0; margin-right: 0; padding: 2px 0 2px 14px;"
  " border-left: 4px solid alpha(currentColor, 0.2); color: alpha(currentColor, 0.75); }\n"
  ".nd-markdown pre.nd-md-code { border-radius: 6px; background-color: alpha(currentColor, 0.06);"
  " border: 1px solid alpha(currentColor, 0.08); }\n"
  ".nd-markdown pre.nd-md-code label { padding: 10px 12px; font-family: monospace; font-size: 14px; }\n"
  ".nd-markdown pre.nd-md-code.dark { background-color: #282c34; border-color: #21252b; }\n"
  ".nd-markdown pre.nd-md-code.dark label { color: #abb2bf; }\n"
  ".nd-markdown pre.nd-md-code.dark label selection { background-color: #3e4451; }\n"
  ".nd-md-table grid { border-top: 1px solid alpha(currentColor, 0.2); border-left: 1px solid alpha(currentColor, 0.2); }\n"
  ".nd-md-table .nd-md-cell { padding: 5px 12px; border-right: 1px solid alpha(currentColor, 0.2);"
  " border-bottom: 1px solid alpha(currentColor, 0.2); }\n"
  ".nd-md-table .nd-md-cell.header { font-weight: bold; background-color: alpha(currentColor, 0.05); }\n"
  ".nd-md-table .nd-md-cell.odd { background-color: alpha(currentColor, 0.025); }\n"
  ".nd-md-image-missing { color: alpha(currentColor, 0.6); }\n";

static void
ensure_css (void)
{
  nd_style_add_css (NULL, markdown_css);
}

/* ---- source text ---- */

/* Python's textwrap.dedent: the whitespace every non-blank line starts
 * with is removed; blank lines become empty. */
static char *
dedent (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *margin = NULL;
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      gsize n = strspn (l, " \t");

      if (l[n] == '\0' || (l[n] == '\r' && l[n + 1] == '\0'))
        continue;
      if (margin == NULL)
        margin = g_strndup (l, n);
      else
        {
          gsize k = 0;

          while (margin[k] && k < n && margin[k] == l[k])
            k++;
          margin[k] = '\0';
        }
    }
  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];
      gsize n = strspn (l, " \t");

      if (i)
        g_string_append_c (out, '\n');
      if (l[n] == '\0')
        continue;
      g_string_append (out, l + (margin ? strlen (margin) : 0));
    }
  return g_string_free (out, FALSE);
}

/* `children`: a string, or a list of strings joined by newlines */
static char *
source_text (JsonNode *children)
{
  if (children && JSON_NODE_HOLDS_ARRAY (children))
    {
      JsonArray *a = json_node_get_array (children);
      GString *out = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *t = nd_value_text (json_array_get_element (a, i));

          if (i)
            g_string_append_c (out, '\n');
          g_string_append (out, t);
        }
      return g_string_free (out, FALSE);
    }
  return nd_value_text (children);
}

static char *
code_span (const char *tex)
{
  const char *fence = strchr (tex, '`') ? "``" : "`";
  const char *pad = strchr (tex, '`') ? " " : "";

  return g_strconcat (fence, pad, tex, pad, fence, NULL);
}

static gboolean
replace_display_math (const GMatchInfo *info, GString *out, gpointer data)
{
  g_autofree char *tex = g_match_info_fetch (info, 1);

  g_string_append_printf (out, "\n\n```tex\n%s\n```\n\n", g_strstrip (tex));
  return FALSE;
}

static gboolean
replace_inline_math (const GMatchInfo *info, GString *out, gpointer data)
{
  g_autofree char *tex = g_match_info_fetch (info, 1);
  g_autofree char *span = code_span (tex);

  g_string_append (out, span);
  return FALSE;
}

/* MathJax is not available: $$…$$ becomes a TeX code block, $…$ code. */
static char *
math_as_code (const char *text)
{
  static GRegex *display, *inline_;
  g_autofree char *step = NULL;

  if (display == NULL)
    {
      display = g_regex_new ("\\$\\$(.+?)\\$\\$", G_REGEX_DOTALL, 0, NULL);
      inline_ = g_regex_new ("(?<![\\\\$])\\$(?![\\s$])([^$\\n]+?)(?<!\\s)\\$(?!\\$)", 0, 0, NULL);
    }
  step = g_regex_replace_eval (display, text, -1, 0, 0, replace_display_math, NULL, NULL);
  return g_regex_replace_eval (inline_, step, -1, 0, 0, replace_inline_math, NULL, NULL);
}

/* ---- links and images ---- */

static gboolean
on_activate_link (GtkLabel *label, const char *uri, NdRenderer *renderer)
{
  if (nd_dcc_navigate)
    nd_dcc_navigate (renderer, GTK_WIDGET (label), uri);
  else
    nd_renderer_open_uri (renderer, GTK_WIDGET (label), uri);
  return TRUE;   /* handled: never GTK's own gtk_show_uri */
}

static GdkTexture *
load_texture (NdRenderer *renderer, const char *src, GError **error)
{
  if (g_str_has_prefix (src, "data:"))
    {
      const char *comma = strchr (src, ',');
      const char *b64 = strstr (src, ";base64");
      g_autoptr(GBytes) bytes = NULL;
      guchar *data;
      gsize len;

      if (comma == NULL || b64 == NULL || b64 > comma)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "only base64 data URLs are shown");
          return NULL;
        }
      data = g_base64_decode (comma + 1, &len);
      bytes = g_bytes_new_take (data, len);
      return gdk_texture_new_from_bytes (bytes, error);
    }
  {
    g_autofree char *path = nd_renderer_resolve_asset (renderer, src);

    if (path == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "remote image %s is not fetched", src);
        return NULL;
      }
    return gdk_texture_new_from_filename (path, error);
  }
}

static GtkWidget *
image_widget (Md *md, const char *src, const char *alt, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = src && *src ? load_texture (md->renderer, src, &error) : NULL;
  GtkWidget *w;

  if (texture)
    {
      w = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (w), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (w), GTK_CONTENT_FIT_CONTAIN);
      gtk_picture_set_alternative_text (GTK_PICTURE (w), alt);
      gtk_widget_set_halign (w, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (w, title && *title ? title : NULL);
    }
  else
    {
      /* as a browser shows a broken image: an icon and the alt text */
      GtkWidget *icon = gtk_image_new_from_icon_name ("image-missing-symbolic");

      w = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_widget_add_css_class (w, "nd-md-image-missing");
      gtk_box_append (GTK_BOX (w), icon);
      if (alt && *alt)
        gtk_box_append (GTK_BOX (w), gtk_label_new (alt));
      gtk_widget_set_tooltip_text (w, error ? error->message : NULL);
    }
  g_object_set_data (G_OBJECT (w), "nd-inline", GINT_TO_POINTER (TRUE));
  return w;
}

/* ---- raw HTML ---- */

/* Entities a text is likely to hold, decoded; the rest stay as written. */
static void
append_html_text (GString *out, const char *text, gsize len)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "&nbsp;", "\xc2\xa0" }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
    { "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" }, { "&copy;", "\xc2\xa9" },
    { "&mdash;", "\xe2\x80\x94" }, { "&ndash;", "\xe2\x80\x93" },
  };
  const char *p = text, *end = text + len;

  while (p < end)
    {
      gboolean done = FALSE;

      if (*p == '&')
        for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
          if ((gsize) (end - p) >= strlen (entities[i].name) &&
              strncmp (p, entities[i].name, strlen (entities[i].name)) == 0)
            {
              g_autofree char *esc = g_markup_escape_text (entities[i].text, -1);

              g_string_append (out, esc);
              p += strlen (entities[i].name);
              done = TRUE;
            }
      if (!done)
        {
          const char *next = p + 1;
          g_autofree char *esc = NULL;

          while (next < end && *next != '&')
            next++;
          esc = g_markup_escape_text (p, next - p);
          g_string_append (out, esc);
          p = next;
        }
    }
}

/* One HTML tag as Pango markup: the formatting tags Pango has, line
 * breaks for the block tags, nothing for the rest. */
static void
append_html_tag (GString *markup, GString *plain, const char *tag, gsize len)
{
  static const struct { const char *html; const char *pango; } map[] = {
    { "b", "b" }, { "strong", "b" }, { "i", "i" }, { "em", "i" }, { "cite", "i" }, { "var", "i" },
    { "u", "u" }, { "ins", "u" }, { "s", "s" }, { "del", "s" }, { "strike", "s" },
    { "code", "tt" }, { "kbd", "tt" }, { "samp", "tt" }, { "tt", "tt" },
    { "sub", "sub" }, { "sup", "sup" }, { "small", "small" }, { "big", "big" },
  };
  static const char *const breaks[] = { "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", NULL };
  gboolean closing = len > 1 && tag[1] == '/';
  const char *name = tag + (closing ? 2 : 1);
  gsize n = 0;
  g_autofree char *lower = NULL;

  if (len >= 4 && strncmp (tag, "<!--", 4) == 0)
    return;
  while (name + n < tag + len && g_ascii_isalnum (name[n]))
    n++;
  lower = g_ascii_strdown (name, n);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (lower, map[i].html))
      {
        g_string_append_printf (markup, closing ? "</%s>" : "<%s>", map[i].pango);
        return;
      }
  if (g_str_equal (lower, "mark"))
    g_string_append (markup, closing ? "</span>" : "<span background=\"#fff3a3\" foreground=\"#000000\">");
  else if (g_strv_contains (breaks, lower) && (closing || g_str_equal (lower, "br")))
    {
      g_string_append_c (markup, '\n');
      g_string_append_c (plain, '\n');
    }
}

/* A stretch of raw HTML as markup (tags interpreted) or as text. */
static void
append_html (Md *md, GString *markup, GString *plain, const char *html)
{
  const char *p = html;

  if (!md->allow_html)
    {
      g_autofree char *esc = g_markup_escape_text (html, -1);

      g_string_append (markup, esc);
      g_string_append (plain, html);
      return;
    }
  while (*p)
    {
      const char *lt = strchr (p, '<');
      const char *gt;

      if (lt == NULL)
        lt = p + strlen (p);
      if (lt > p)
        {
          append_html_text (markup, p, lt - p);
          g_string_append_len (plain, p, lt - p);
        }
      if (*lt == '\0')
        break;
      gt = strchr (lt, '>');
      if (gt == NULL)
        {
          append_html_text (markup, lt, strlen (lt));
          g_string_append (plain, lt);
          break;
        }
      append_html_tag (markup, plain, lt, gt - lt + 1);
      p = gt + 1;
    }
}

/* ---- inline content: labels with markup, split around images ---- */

typedef struct {
  Md *md;
  GString *markup;
  GString *plain;
  GPtrArray *opened;        /* opening tags of the spans open now */
  GPtrArray *closers;       /* their closing tags */
  GPtrArray *pieces;        /* labels and images, in order */
} Inline;

static void
start_element (GMarkupParseContext *context, const char *name, const char **attr_names,
               const char **attr_values, gpointer data, GError **error)
{
  static const char *const known[] = {
    "markup", "a", "b", "i", "s", "u", "tt", "sub", "sup", "small", "big", "span", NULL
  };

  if (!g_strv_contains (known, name))
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "%s", name);
}

/* Whether GtkLabel will take @markup (raw HTML can leave tags unbalanced). */
static gboolean
markup_ok (const char *markup)
{
  static const GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char *doc = g_strconcat ("<markup>", markup, "</markup>", NULL);

  return g_markup_parse_context_parse (ctx, doc, -1, NULL) &&
         g_markup_parse_context_end_parse (ctx, NULL);
}

static GtkWidget *
text_label (Md *md, const char *markup, const char *plain)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup_ok (markup))
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), plain);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (label, "nd-md-text");
  g_signal_connect (label, "activate-link", G_CALLBACK (on_activate_link), md->renderer);
  return label;
}

static void
inline_push (Inline *in, const char *open, const char *close)
{
  g_string_append (in->markup, open);
  g_ptr_array_add (in->opened, g_strdup (open));
  g_ptr_array_add (in->closers, g_strdup (close));
}

static void
inline_pop (Inline *in)
{
  if (in->closers->len == 0)
    return;
  g_string_append (in->markup, g_ptr_array_index (in->closers, in->closers->len - 1));
  g_ptr_array_remove_index (in->closers, in->closers->len - 1);
  g_ptr_array_remove_index (in->opened, in->opened->len - 1);
}

/* Ends the current label (closing the open spans, which the next label
 * opens again). */
static void
inline_flush (Inline *in)
{
  g_autofree char *plain = g_strdup (in->plain->str);

  for (guint i = in->closers->len; i > 0; i--)
    g_string_append (in->markup, g_ptr_array_index (in->closers, i - 1));
  if (*g_strstrip (plain))
    g_ptr_array_add (in->pieces, text_label (in->md, in->markup->str, in->plain->str));
  g_string_truncate (in->markup, 0);
  g_string_truncate (in->plain, 0);
  for (guint i = 0; i < in->opened->len; i++)
    g_string_append (in->markup, g_ptr_array_index (in->opened, i));
}

/* Text, with GitHub's ~~strikethrough~~ when cmark lacks the extension. */
static void
append_text (Inline *in, const char *text)
{
#ifndef HAVE_CMARK_GFM
  const char *p = text;

  while (*p)
    {
      const char *open = strstr (p, "~~");
      const char *close = open ? strstr (open + 2, "~~") : NULL;
      g_autofree char *before = NULL, *inner = NULL;

      if (close == NULL || close == open + 2)
        break;
      before = g_markup_escape_text (p, open - p);
      inner = g_markup_escape_text (open + 2, close - open - 2);
      g_string_append_printf (in->markup, "%s<s>%s</s>", before, inner);
      g_string_append_len (in->plain, p, open - p);
      g_string_append_len (in->plain, open + 2, close - open - 2);
      p = close + 2;
    }
  text = p;
#endif
  {
    g_autofree char *esc = g_markup_escape_text (text, -1);

    g_string_append (in->markup, esc);
    g_string_append (in->plain, text);
  }
}

/* The text of a node's inlines, for an image's alt text. */
static void
plain_text (cmark_node *node, GString *out)
{
  for (cmark_node *c = cmark_node_first_child (node); c; c = cmark_node_next (c))
    {
      cmark_node_type t = cmark_node_get_type (c);

      if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
        g_string_append (out, cmark_node_get_literal (c));
      else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
        g_string_append_c (out, ' ');
      else
        plain_text (c, out);
    }
}

static void
inline_walk (Inline *in, cmark_node *parent)
{
  for (cmark_node *node = cmark_node_first_child (parent); node; node = cmark_node_next (node))
    {
      const char *type_name = cmark_node_get_type_string (node);

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
          append_text (in, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (in->markup, ' ');
          g_string_append_c (in->plain, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (in->markup, '\n');
          g_string_append_c (in->plain, '\n');
          break;
        case CMARK_NODE_CODE:
          {
            g_autofree char *esc = g_markup_escape_text (cmark_node_get_literal (node), -1);

            g_string_append_printf (in->markup,
                                    "<span font_family=\"monospace\" bgcolor=\"#808080\" bgalpha=\"18%%\">"
                                    "\xe2\x80\x89%s\xe2\x80\x89</span>", esc);
            g_string_append (in->plain, cmark_node_get_literal (node));
          }
          break;
        case CMARK_NODE_HTML_INLINE:
          append_html (in->md, in->markup, in->plain, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_EMPH:
          inline_push (in, "<i>", "</i>");
          inline_walk (in, node);
          inline_pop (in);
          break;
        case CMARK_NODE_STRONG:
          inline_push (in, "<b>", "</b>");
          inline_walk (in, node);
          inline_pop (in);
          break;
        case CMARK_NODE_LINK:
          {
            const char *url = cmark_node_get_url (node);
            const char *title = cmark_node_get_title (node);
            g_autofree char *esc_url = g_markup_escape_text (url ? url : "", -1);
            g_autofree char *esc_title = g_markup_escape_text (title && *title ? title : (url ? url : ""), -1);
            g_autofree char *open = g_strdup_printf ("<a href=\"%s\" title=\"%s\">", esc_url, esc_title);

            inline_push (in, open, "</a>");
            inline_walk (in, node);
            inline_pop (in);
          }
          break;
        case CMARK_NODE_IMAGE:
          {
            g_autoptr(GString) alt = g_string_new (NULL);

            plain_text (node, alt);
            inline_flush (in);
            g_ptr_array_add (in->pieces, image_widget (in->md, cmark_node_get_url (node), alt->str,
                                                       cmark_node_get_title (node)));
          }
          break;
        default:
          if (g_strcmp0 (type_name, "strikethrough") == 0)
            {
              inline_push (in, "<s>", "</s>");
              inline_walk (in, node);
              inline_pop (in);
            }
          else
            inline_walk (in, node);
          break;
        }
    }
}

/* The inlines of @node as widgets: one wrapping label, or labels and
 * images flowing inline. */
static void
inline_content (Md *md, GtkWidget *container, cmark_node *node)
{
  Inline in = {
    md, g_string_new (NULL), g_string_new (NULL),
    g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new (),
  };
  gboolean mixed;

  inline_walk (&in, node);
  inline_flush (&in);
  mixed = in.pieces->len > 1 || (in.pieces->len == 1 && !GTK_IS_LABEL (g_ptr_array_index (in.pieces, 0)));
  for (guint i = 0; i < in.pieces->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (in.pieces, i);

      if (mixed)
        {
          g_object_set_data (G_OBJECT (w), "nd-inline", GINT_TO_POINTER (TRUE));
          if (GTK_IS_LABEL (w))
            gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
        }
      nd_element_append (ND_ELEMENT (container), w);
      nd_style_place_child (w);
    }
  g_string_free (in.markup, TRUE);
  g_string_free (in.plain, TRUE);
  g_ptr_array_unref (in.opened);
  g_ptr_array_unref (in.closers);
  g_ptr_array_unref (in.pieces);
}

/* ---- code blocks, with light syntax colouring ---- */

typedef struct {
  const char *const *names;
  const char *const *keywords;
  const char *line_comment;
  gboolean block_comments;   /* C-style */
  gboolean case_insensitive;
} Language;

static const char *const python_names[] = { "python", "py", "python3", "pycon", NULL };
static const char *const python_kw[] = {
  "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "False", "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "None", "nonlocal", "not", "or", "pass", "raise", "return", "True", "try", "while",
  "with", "yield", "self", "print", NULL
};
static const char *const js_names[] = { "js", "javascript", "jsx", "ts", "typescript", "tsx", "json", NULL };
static const char *const js_kw[] = {
  "break", "case", "catch", "class", "const", "continue", "default", "delete", "do", "else",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof",
  "let", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof",
  "var", "void", "while", "yield", "async", "await", "undefined", "of", "from", NULL
};
static const char *const c_names[] = { "c", "h", "cpp", "c++", "cc", "cxx", "java", "go", "rust", "rs", NULL };
static const char *const c_kw[] = {
  "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
  "extern", "float", "for", "goto", "if", "int", "long", "return", "short", "signed", "sizeof",
  "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
  "bool", "true", "false", "NULL", "class", "public", "private", "new", "delete", "func",
  "package", "import", "fn", "let", "mut", "impl", "pub", "use", "gboolean", "TRUE", "FALSE", NULL
};
static const char *const sh_names[] = { "sh", "bash", "shell", "console", "zsh", "r", "yaml", "yml", "toml", NULL };
static const char *const sh_kw[] = {
  "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "case", "esac",
  "function", "return", "export", "local", "echo", "cd", "pip", "install", "sudo", NULL
};
static const char *const sql_names[] = { "sql", NULL };
static const char *const sql_kw[] = {
  "select", "from", "where", "and", "or", "not", "insert", "into", "values", "update", "set",
  "delete", "create", "table", "drop", "join", "left", "right", "inner", "outer", "on", "group",
  "by", "order", "having", "limit", "as", "distinct", "null", "is", "in", "like", "count", NULL
};

static const Language languages[] = {
  { python_names, python_kw, "#", FALSE, FALSE },
  { js_names, js_kw, "//", TRUE, FALSE },
  { c_names, c_kw, "//", TRUE, FALSE },
  { sh_names, sh_kw, "#", FALSE, FALSE },
  { sql_names, sql_kw, "--", FALSE, TRUE },
};

static const Language *
language_of (const char *info)
{
  g_autofree char *name = NULL;
  gsize n;

  if (info == NULL)
    return NULL;
  n = strcspn (info, " \t{");
  name = g_ascii_strdown (info, n);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strv_contains (languages[i].names, name))
      return &languages[i];
  return NULL;
}

static void
append_span (GString *out, const char *color, gboolean italic, const char *text, gsize len)
{
  g_autofree char *esc = g_markup_escape_text (text, len);

  if (color)
    g_string_append_printf (out, "<span foreground=\"%s\"%s>%s</span>", color,
                            italic ? " style=\"italic\"" : "", esc);
  else
    g_string_append (out, esc);
}

static gboolean
is_keyword (const Language *lang, const char *word, gsize len)
{
  g_autofree char *w = lang->case_insensitive ? g_ascii_strdown (word, len) : g_strndup (word, len);

  return g_strv_contains (lang->keywords, w);
}

/* Pango markup for @code: keywords, strings, numbers and comments in
 * the colours of a common editor theme (One Light / One Dark). */
static char *
highlight (const char *code, const Language *lang, gboolean dark)
{
  const char *kw = dark ? "#c678dd" : "#a626a4";
  const char *str = dark ? "#98c379" : "#50a14f";
  const char *num = dark ? "#d19a66" : "#986801";
  const char *com = dark ? "#7f848e" : "#a0a1a7";
  GString *out = g_string_new (NULL);
  const char *p = code;

  if (lang == NULL)
    {
      append_span (out, NULL, FALSE, code, strlen (code));
      return g_string_free (out, FALSE);
    }
  while (*p)
    {
      const char *start = p;

      if (lang->line_comment && g_str_has_prefix (p, lang->line_comment))
        {
          p += strcspn (p, "\n");
          append_span (out, com, TRUE, start, p - start);
        }
      else if (lang->block_comments && g_str_has_prefix (p, "/*"))
        {
          const char *end = strstr (p + 2, "*/");

          p = end ? end + 2 : p + strlen (p);
          append_span (out, com, TRUE, start, p - start);
        }
      else if (*p == '"' || *p == '\'' || (*p == '`' && lang->block_comments))
        {
          char quote = *p++;

          while (*p && *p != quote && *p != '\n')
            p += (*p == '\\' && p[1]) ? 2 : 1;
          if (*p == quote)
            p++;
          append_span (out, str, FALSE, start, p - start);
        }
      else if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isalnum (*p) || *p == '.' || *p == '_')
            p++;
          append_span (out, num, FALSE, start, p - start);
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          append_span (out, is_keyword (lang, start, p - start) ? kw : NULL, FALSE, start, p - start);
        }
      else
        {
          p = g_utf8_next_char (p);
          append_span (out, NULL, FALSE, start, p - start);
        }
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
code_block (Md *md, const char *code, const char *info)
{
  GtkWidget *pre = nd_element_new ("pre");
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *text = g_strdup (code ? code : "");
  g_autofree char *markup = NULL;
  gsize len = strlen (text);

  if (len && text[len - 1] == '\n')
    text[len - 1] = '\0';
  markup = highlight (text, language_of (info), md->dark);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_add_css_class (pre, "nd-md-code");
  if (md->dark)
    gtk_widget_add_css_class (pre, "dark");
  /* long lines scroll sideways, as <pre> does; the height is the text's */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), label);
  nd_element_append (ND_ELEMENT (pre), scroll);
  return pre;
}

/* ---- tables ---- */

typedef struct {
  GtkWidget *grid;
  int n_cols;
  char align[64];           /* 'l', 'c', 'r' or 0 per column */
} Table;

static GtkWidget *
table_new (Table *t, int n_cols)
{
  GtkWidget *el = nd_element_new ("div");
  GtkWidget *scroll = gtk_scrolled_window_new ();

  t->grid = gtk_grid_new ();
  t->n_cols = MIN (n_cols, (int) G_N_ELEMENTS (t->align));
  gtk_widget_set_halign (t->grid, GTK_ALIGN_START);
  gtk_widget_add_css_class (el, "nd-md-table");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), t->grid);
  nd_element_append (ND_ELEMENT (el), scroll);
  return el;
}

/* One cell from the inlines of @node. */
static void
table_cell (Md *md, Table *t, int row, int col, cmark_node *node)
{
  GtkWidget *cell = nd_element_new ("div");
  float xalign = t->align[col] == 'c' ? 0.5f : t->align[col] == 'r' ? 1.0f : 0.0f;

  gtk_widget_add_css_class (cell, "nd-md-cell");
  if (row == 0)
    gtk_widget_add_css_class (cell, "header");
  else if (row % 2 == 0)
    gtk_widget_add_css_class (cell, "odd");
  if (node)
    inline_content (md, cell, node);
  for (GtkWidget *c = gtk_widget_get_first_child (cell); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c))
      {
        gtk_label_set_xalign (GTK_LABEL (c), xalign);
        gtk_label_set_wrap (GTK_LABEL (c), FALSE);
      }
  gtk_grid_attach (GTK_GRID (t->grid), cell, col, row, 1, 1);
}

#ifndef HAVE_CMARK_GFM
/* GitHub tables without cmark-gfm: a paragraph whose lines are a header
 * row, a delimiter row (|---|:--:|) and body rows is made a table here. */

static GPtrArray *
split_row (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *s = g_strstrip (g_strdup (line));
  GString *cur = g_string_new (NULL);
  const char *p = s;

  if (*p == '|')
    p++;
  for (; *p; p++)
    {
      if (*p == '\\' && p[1] == '|')
        {
          g_string_append_c (cur, '|');
          p++;
        }
      else if (*p == '|')
        {
          g_ptr_array_add (cells, g_strstrip (g_strdup (cur->str)));
          g_string_truncate (cur, 0);
        }
      else
        g_string_append_c (cur, *p);
    }
  if (cur->len || (*s && s[strlen (s) - 1] != '|'))
    g_ptr_array_add (cells, g_strstrip (g_strdup (cur->str)));
  g_string_free (cur, TRUE);
  return cells;
}

/* The alignments of a delimiter row, or NULL if @line is not one. */
static gboolean
delimiter_row (const char *line, int n_cols, char *align)
{
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);

  for (const char *p = line; *p; p++)
    if (*p != '\\')
      g_string_append_c (clean, *p);
  if (strchr (clean->str, '|') == NULL && n_cols > 1)
    return FALSE;
  cells = split_row (clean->str);
  if ((int) cells->len != n_cols)
    return FALSE;
  for (guint i = 0; i < cells->len; i++)
    {
      const char *c = g_ptr_array_index (cells, i);
      gsize n = strlen (c);
      gboolean left = n && c[0] == ':', right = n && c[n - 1] == ':';
      const char *dashes = c + (left ? 1 : 0);
      gsize nd = n - (left ? 1 : 0) - (right ? 1 : 0);

      if (nd == 0 || strspn (dashes, "-") < nd)
        return FALSE;
      if (i < 64)
        align[i] = left && right ? 'c' : right ? 'r' : left ? 'l' : 0;
    }
  return TRUE;
}

static void
text_cell (Md *md, Table *t, int row, int col, const char *text)
{
  cmark_node *doc = cmark_parse_document (text, strlen (text), CMARK_OPT_NORMALIZE | CMARK_OPT_VALIDATE_UTF8);
  cmark_node *para = cmark_node_first_child (doc);

  table_cell (md, t, row, col, para && cmark_node_get_type (para) == CMARK_NODE_PARAGRAPH ? para : NULL);
  cmark_node_free (doc);
}

/* Widgets for a paragraph holding a table: any text before the header
 * row stays a paragraph.  FALSE when it holds no table. */
static gboolean
paragraph_table (Md *md, GtkWidget *container, cmark_node *para)
{
  char *source;
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  gboolean found = FALSE;
  gboolean multiline = FALSE;

  /* a table has two lines at least */
  for (cmark_node *c = cmark_node_first_child (para); c && !multiline; c = cmark_node_next (c))
    multiline = cmark_node_get_type (c) == CMARK_NODE_SOFTBREAK;
  if (!multiline)
    return FALSE;
  source = cmark_render_commonmark (para, CMARK_OPT_DEFAULT, 0);
  lines = g_strsplit (source, "\n", -1);
  n_lines = g_strv_length (lines);
  free (source);
  while (n_lines && *g_strstrip (lines[n_lines - 1]) == '\0')
    n_lines--;
  for (guint k = 1; k < n_lines && !found; k++)
    {
      g_autoptr(GPtrArray) header = split_row (lines[k - 1]);
      Table t = { 0 };
      GtkWidget *el;

      if (strchr (lines[k - 1], '|') == NULL || !delimiter_row (lines[k], header->len, t.align))
        continue;
      found = TRUE;
      if (k > 1)
        {
          g_autofree char *before = g_strjoinv ("\n", (char **) lines);
          char *cut = before;
          cmark_node *doc;

          /* the lines before the header, as their own paragraph */
          for (guint i = 0; i < k - 1; i++)
            cut = strchr (cut, '\n') + 1;
          cut[-1] = '\0';
          doc = cmark_parse_document (before, strlen (before), CMARK_OPT_NORMALIZE | CMARK_OPT_VALIDATE_UTF8);
          render_blocks (md, container, doc, FALSE);
          cmark_node_free (doc);
        }
      el = table_new (&t, header->len);
      for (int c = 0; c < t.n_cols; c++)
        text_cell (md, &t, 0, c, g_ptr_array_index (header, c));
      for (guint r = k + 1; r < n_lines; r++)
        {
          g_autoptr(GPtrArray) cells = split_row (lines[r]);

          for (int c = 0; c < t.n_cols; c++)
            text_cell (md, &t, r - k, c, c < (int) cells->len ? g_ptr_array_index (cells, c) : "");
        }
      nd_element_append (ND_ELEMENT (container), el);
    }
  return found;
}
#else
static GtkWidget *
gfm_table (Md *md, cmark_node *node)
{
  Table t = { 0 };
  uint8_t *align = cmark_gfm_extensions_get_table_alignments (node);
  int n_cols = cmark_gfm_extensions_get_table_columns (node);
  GtkWidget *el = table_new (&t, n_cols);
  int r = 0;

  for (int c = 0; c < t.n_cols && align; c++)
    t.align[c] = align[c];
  for (cmark_node *row = cmark_node_first_child (node); row; row = cmark_node_next (row), r++)
    {
      int c = 0;

      for (cmark_node *cell = cmark_node_first_child (row); cell && c < t.n_cols; cell = cmark_node_next (cell))
        table_cell (md, &t, r, c++, cell);
      for (; c < t.n_cols; c++)
        table_cell (md, &t, r, c, NULL);
    }
  return el;
}
#endif

/* ---- blocks ---- */

static GtkWidget *
list_item (Md *md, cmark_node *item, const char *marker_text, gboolean ordered, gboolean tight)
{
  GtkWidget *li = nd_element_new ("li");
  GtkWidget *marker = gtk_label_new (marker_text);
  GtkWidget *body = nd_element_new ("div");
  GtkLayoutManager *lm = gtk_widget_get_layout_manager (li);
  NdFlowChild *fc;

  nd_flow_layout_set_mode (ND_FLOW_LAYOUT (lm), ND_FLOW_ROW);
  nd_flow_layout_set_gap (ND_FLOW_LAYOUT (lm), 0, 6);
  gtk_label_set_xalign (GTK_LABEL (marker), ordered ? 1 : 0.5f);
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  gtk_widget_add_css_class (marker, "nd-md-marker");
  if (ordered)
    gtk_widget_add_css_class (marker, "ordered");
  gtk_widget_add_css_class (body, "nd-md-item-body");
  if (tight)
    gtk_widget_add_css_class (body, "nd-md-tight");
  nd_element_append (ND_ELEMENT (li), marker);
  nd_element_append (ND_ELEMENT (li), body);
  fc = ND_FLOW_CHILD (gtk_layout_manager_get_layout_child (lm, body));
  nd_flow_child_set_grow (fc, 1);
  nd_flow_child_set_width (fc, 0, FALSE);
  render_blocks (md, body, item, tight);
  return li;
}

/* "[ ] " or "[x] " starting an item: a GitHub task list item. */
static const char *
task_marker (cmark_node *item)
{
  cmark_node *para = cmark_node_first_child (item);
  cmark_node *text = para ? cmark_node_first_child (para) : NULL;
  const char *lit;

#ifdef HAVE_CMARK_GFM
  if (g_strcmp0 (cmark_node_get_type_string (item), "tasklist") == 0)
    return cmark_gfm_extensions_get_tasklist_item_checked (item) ? "\xe2\x98\x91" : "\xe2\x98\x90";
#endif
  if (para == NULL || cmark_node_get_type (para) != CMARK_NODE_PARAGRAPH ||
      text == NULL || cmark_node_get_type (text) != CMARK_NODE_TEXT)
    return NULL;
  lit = cmark_node_get_literal (text);
  if (lit == NULL || strlen (lit) < 4 || lit[0] != '[' || lit[2] != ']' || lit[3] != ' ' ||
      (lit[1] != ' ' && lit[1] != 'x' && lit[1] != 'X'))
    return NULL;
  {
    const char *marker = lit[1] == ' ' ? "\xe2\x98\x90" : "\xe2\x98\x91";
    g_autofree char *rest = g_strdup (lit + 4);

    cmark_node_set_literal (text, rest);
    return marker;
  }
}

static GtkWidget *
list_block (Md *md, cmark_node *list)
{
  gboolean ordered = cmark_node_get_list_type (list) == CMARK_ORDERED_LIST;
  gboolean tight = cmark_node_get_list_tight (list);
  const char *delim = cmark_node_get_list_delim (list) == CMARK_PAREN_DELIM ? ")" : ".";
  static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa" };
  GtkWidget *el = nd_element_new (ordered ? "ol" : "ul");
  int n = cmark_node_get_list_start (list);

  md->list_depth++;
  for (cmark_node *item = cmark_node_first_child (list); item; item = cmark_node_next (item), n++)
    {
      const char *task = ordered ? NULL : task_marker (item);
      g_autofree char *marker = ordered ? g_strdup_printf ("%d%s", n, delim)
                                        : g_strdup (task ? task : bullets[MIN (md->list_depth, 3) - 1]);

      nd_element_append (ND_ELEMENT (el), list_item (md, item, marker, ordered, tight));
    }
  md->list_depth--;
  return el;
}

static void
append_block (GtkWidget *container, GtkWidget *child)
{
  if (child == NULL)
    return;
  nd_element_append (ND_ELEMENT (container), child);
  nd_style_place_child (child);
}

static void
render_block (Md *md, GtkWidget *container, cmark_node *node, gboolean tight)
{
  const char *type_name = cmark_node_get_type_string (node);
  GtkWidget *el = NULL;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_PARAGRAPH:
#ifndef HAVE_CMARK_GFM
      if (paragraph_table (md, container, node))
        return;
#endif
      el = nd_element_new (tight ? "div" : "p");
      inline_content (md, el, node);
      break;
    case CMARK_NODE_HEADING:
      {
        g_autofree char *tag = g_strdup_printf ("h%d", CLAMP (cmark_node_get_heading_level (node), 1, 6));

        el = nd_element_new (tag);
        inline_content (md, el, node);
      }
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      el = nd_element_new ("hr");
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      el = nd_element_new ("blockquote");
      render_blocks (md, el, node, FALSE);
      break;
    case CMARK_NODE_LIST:
      el = list_block (md, node);
      break;
    case CMARK_NODE_CODE_BLOCK:
      el = code_block (md, cmark_node_get_literal (node), cmark_node_get_fence_info (node));
      break;
    case CMARK_NODE_HTML_BLOCK:
      {
        g_autoptr(GString) markup = g_string_new (NULL);
        g_autoptr(GString) plain = g_string_new (NULL);
        g_autofree char *literal = g_strdup (cmark_node_get_literal (node));
        g_autofree char *stripped = NULL;

        append_html (md, markup, plain, g_strchomp (literal));
        stripped = g_strstrip (g_strdup (plain->str));
        if (*stripped)
          {
            el = nd_element_new ("p");
            append_block (el, text_label (md, g_strstrip (markup->str), plain->str));
          }
      }
      break;
    default:
#ifdef HAVE_CMARK_GFM
      if (g_strcmp0 (type_name, "table") == 0)
        el = gfm_table (md, node);
      else
#endif
      if (cmark_node_first_child (node))
        render_blocks (md, container, node, tight);
      (void) type_name;
      break;
    }
  append_block (container, el);
}

static void
render_blocks (Md *md, GtkWidget *container, cmark_node *parent, gboolean tight)
{
  for (cmark_node *node = cmark_node_first_child (parent); node; node = cmark_node_next (node))
    render_block (md, container, node, tight);
}

static cmark_node *
parse (const char *text)
{
  int options = CMARK_OPT_NORMALIZE | CMARK_OPT_VALIDATE_UTF8;
#ifdef HAVE_CMARK_GFM
  static const char *const extensions[] = { "table", "strikethrough", "autolink", "tasklist" };
  cmark_parser *parser;
  cmark_node *doc;

  cmark_gfm_core_extensions_ensure_registered ();
  parser = cmark_parser_new (options);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *ext = cmark_find_syntax_extension (extensions[i]);

      if (ext)
        cmark_parser_attach_syntax_extension (parser, ext);
    }
  cmark_parser_feed (parser, text, strlen (text));
  doc = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  return doc;
#else
  return cmark_parse_document (text, strlen (text), options);
#endif
}

/* ---- the kind ---- */

static void
markdown_build (NdRenderer *renderer, GtkWidget *root, JsonNode *component)
{
  JsonNode *config = nd_component_get_prop (component, "highlight_config");
  g_autofree char *source = source_text (nd_component_get_prop (component, "children"));
  Md md = { renderer, nd_prop_bool (component, "dangerously_allow_html", FALSE), FALSE, 0 };
  cmark_node *doc;

  if (config && JSON_NODE_HOLDS_OBJECT (config))
    md.dark = g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (config),
                                                                     "theme", "light"), "dark") == 0;
  if (nd_prop_bool (component, "dedent", TRUE))
    {
      char *d = dedent (source);
      g_free (source);
      source = d;
    }
  if (nd_prop_bool (component, "mathjax", FALSE))
    {
      char *m = math_as_code (source);
      g_free (source);
      source = m;
    }
  nd_element_clear (ND_ELEMENT (root));
  doc = parse (source);
  render_blocks (&md, root, doc, FALSE);
  cmark_node_free (doc);
}

static GtkWidget *
markdown_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *root = nd_element_new ("div");

  ensure_css ();
  gtk_widget_add_css_class (root, "nd-markdown");
  markdown_build (renderer, root, component);
  return root;
}

static gboolean
markdown_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  static const char *const own[] = {
    "children", "dedent", "dangerously_allow_html", "mathjax", "highlight_config", "link_target", NULL
  };

  if (!g_strv_contains (own, prop))
    return FALSE;
  markdown_build (renderer, widget, component);
  return TRUE;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Markdown", FALSE, markdown_create, markdown_update },
};

void
nd_dcc_markdown_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
