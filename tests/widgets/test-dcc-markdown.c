/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Markdown under a real window: the blocks and inline formatting it
 * builds, text escaped, HTML shown as text unless allowed, dedent, TeX as
 * code, links navigating in the app, and re-rendering when a callback
 * changes `children`.
 */
#include <string.h>

#include "nd-widget-test.h"

/* ---- helpers ---- */

static GtkWidget *
find_css (GtkWidget *widget, const char *css_name)
{
  if (g_str_equal (gtk_widget_get_css_name (widget), css_name))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_css (c, css_name);
      if (found)
        return found;
    }
  return NULL;
}

static guint
count_css (GtkWidget *widget, const char *css_name)
{
  guint n = g_str_equal (gtk_widget_get_css_name (widget), css_name) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_css (c, css_name);
  return n;
}

/* The label whose text contains @text. */
static GtkLabel *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text))
    return GTK_LABEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);
      if (found)
        return found;
    }
  return NULL;
}

/* Whether @text in @label is drawn with an attribute of @type. */
static gboolean
has_attr (GtkLabel *label, const char *text, PangoAttrType type)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  const char *all = pango_layout_get_text (layout);
  const char *at = strstr (all, text);
  g_autoptr(GSList) list = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (at);
  if (attrs == NULL)
    return FALSE;
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l; l = l->next)
    {
      PangoAttribute *a = l->data;

      if (a->klass->type == type && a->start_index <= (guint) (at - all) &&
          a->end_index >= (guint) (at - all + strlen (text)))
        found = TRUE;
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  return found;
}

static NdTestWindow *
markdown_window (JsonNode *markdown)
{
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");

  nd_app_set_layout (app, nd_html_div (nd_list (markdown)));
  return nd_test_window_new (app);
}

/* A small PNG as a data URL, made here so the tests need no files. */
static char *
png_data_url (int width, int height)
{
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GBytes) bytes = NULL, png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *b64 = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + (y * width + x) * 4;

        p[0] = 40 + 180 * x / width;
        p[1] = 110 + 100 * y / height;
        p[2] = 220;
        p[3] = 255;
      }
  bytes = g_bytes_new (pixels, (gsize) width * height * 4);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, (gsize) width * 4);
  png = gdk_texture_save_to_png_bytes (texture);
  b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  return g_strconcat ("data:image/png;base64,", b64, NULL);
}

/* ---- blocks ---- */

static const char blocks_md[] =
  "# Sales report\n"
  "\n"
  "Revenue grew *fast* and **steadily**; see `df.describe()` or [the docs](https://dash.plotly.com).\n"
  "\n"
  "## Steps\n"
  "\n"
  "3. Load the data\n"
  "4. Clean it\n"
  "   - drop nulls\n"
  "   - fix types\n"
  "\n"
  "> A quoted remark.\n"
  "\n"
  "---\n"
  "\n"
  "```python\n"
  "def total(rows):\n"
  "    return sum(r.amount for r in rows)  # all of them\n"
  "```\n";

/* Headings, inline formatting, nested/ordered lists, quote, rule and
 * code block become the widgets a browser's layout would. */
static void
test_blocks (void)
{
  g_autoptr(NdTestWindow) tw = markdown_window (nd_dcc_markdown (blocks_md, "id", "md"));
  GtkWidget *md = nd_test_widget (tw, "md");
  GtkWidget *h1 = find_css (md, "h1"), *h2 = find_css (md, "h2");
  GtkLabel *para = find_label (md, "Revenue grew");
  GtkWidget *ol = find_css (md, "ol"), *ul = find_css (md, "ul");
  GtkWidget *pre = find_css (md, "pre");
  GtkLabel *code;
  g_autofree char *text = nd_test_widget_text (md);

  g_assert_nonnull (h1);
  g_assert_cmpstr (gtk_label_get_text (find_label (h1, "Sales")), ==, "Sales report");
  g_assert_nonnull (h2);
  /* the heading is bigger than the paragraph text */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (find_label (h1, "Sales"))), >,
                   gtk_widget_get_height (GTK_WIDGET (find_label (h2, "Steps"))));
  /* inline formatting as Pango markup */
  g_assert_nonnull (para);
  g_assert_cmpstr (gtk_label_get_text (para), ==,
                   "Revenue grew fast and steadily; see \xe2\x80\x89" "df.describe()\xe2\x80\x89 or the docs.");
  g_assert_true (has_attr (para, "fast", PANGO_ATTR_STYLE));
  g_assert_true (has_attr (para, "steadily", PANGO_ATTR_WEIGHT));
  g_assert_true (has_attr (para, "df.describe()", PANGO_ATTR_FAMILY));
  g_assert_nonnull (strstr (gtk_label_get_label (para), "<a href=\"https://dash.plotly.com\""));
  /* an ordered list starting at 3, with a nested bullet list */
  g_assert_nonnull (ol);
  g_assert_nonnull (find_label (ol, "3."));
  g_assert_nonnull (find_label (ol, "4."));
  g_assert_nonnull (ul);
  g_assert_true (gtk_widget_is_ancestor (ul, ol));
  g_assert_cmpuint (count_css (ul, "li"), ==, 2);
  g_assert_nonnull (find_label (ul, "drop nulls"));
  /* quote and rule */
  g_assert_nonnull (find_label (find_css (md, "blockquote"), "A quoted remark."));
  g_assert_nonnull (find_css (md, "hr"));
  /* the code block: monospace, scrolls sideways, keywords coloured */
  g_assert_nonnull (pre);
  g_assert_nonnull (nd_test_find (pre, GTK_TYPE_SCROLLED_WINDOW));
  code = find_label (pre, "def total");
  g_assert_cmpstr (gtk_label_get_text (code), ==,
                   "def total(rows):\n    return sum(r.amount for r in rows)  # all of them");
  g_assert_true (has_attr (code, "def", PANGO_ATTR_FOREGROUND));
  g_assert_true (has_attr (code, "# all of them", PANGO_ATTR_STYLE));
  g_assert_true (gtk_label_get_selectable (code));
  g_assert_nonnull (strstr (text, "Load the data"));
}

/* Text is escaped, HTML is text unless dangerously_allow_html. */
static void
test_escaping_and_html (void)
{
  g_autoptr(NdTestWindow) tw = NULL;
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");
  GtkLabel *plain, *html;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_markdown ("if a < b && c > d then <b>bold</b> & done", "id", "plain"),
    nd_dcc_markdown ("if a < b then <b>bold</b> &amp; done", "id", "html", "dangerously_allow_html", nd_bool (TRUE)))));
  tw = nd_test_window_new (app);
  plain = find_label (nd_test_widget (tw, "plain"), "if a");
  g_assert_cmpstr (gtk_label_get_text (plain), ==, "if a < b && c > d then <b>bold</b> & done");
  html = find_label (nd_test_widget (tw, "html"), "if a");
  g_assert_cmpstr (gtk_label_get_text (html), ==, "if a < b then bold & done");
  g_assert_true (has_attr (html, "bold", PANGO_ATTR_WEIGHT));
}

/* dedent (default True) strips the common indentation; a list of strings
 * is joined with newlines. */
static void
test_dedent_and_lists (void)
{
  g_autoptr(NdTestWindow) tw = NULL;
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_markdown ("\n      # Indented title\n\n      Body text.\n    ", "id", "dedented"),
    nd_dcc_markdown ("      # Indented title", "id", "kept", "dedent", nd_bool (FALSE)),
    nd_dcc_markdown (nd_list ("# From a list", "", "- one", "- two"), "id", "joined"))));
  tw = nd_test_window_new (app);
  g_assert_nonnull (find_css (nd_test_widget (tw, "dedented"), "h1"));
  g_assert_nonnull (find_label (nd_test_widget (tw, "dedented"), "Body text."));
  /* without dedent, 6 spaces make an indented code block */
  g_assert_null (find_css (nd_test_widget (tw, "kept"), "h1"));
  g_assert_nonnull (find_label (find_css (nd_test_widget (tw, "kept"), "pre"), "# Indented title"));
  g_assert_nonnull (find_css (nd_test_widget (tw, "joined"), "h1"));
  g_assert_cmpuint (count_css (nd_test_widget (tw, "joined"), "li"), ==, 2);
}

/* GitHub tables (built here when cmark lacks the extension), ~~strike~~,
 * task lists, TeX as code, images from data URLs and missing ones. */
static void
test_tables_math_images (void)
{
  g_autoptr(NdTestWindow) tw = NULL;
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");
  g_autofree char *url = png_data_url (24, 16);
  g_autofree char *images = g_strdup_printf ("Chart: ![tiny chart](%s) and ![gone](/assets/nope.png)", url);
  GtkWidget *table, *grid, *picture;
  GtkLabel *math;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_markdown ("Intro line\n| City | Sales |\n|:-----|------:|\n| **Oslo** | 12 |\n| Rome | 7 |\n\n"
                     "~~old~~ new\n\n- [x] done\n- [ ] todo", "id", "table"),
    nd_dcc_markdown ("Energy $E = mc^2$ and\n\n$$\n\\int_0^1 x\\,dx\n$$\n", "id", "math", "mathjax", nd_bool (TRUE)),
    nd_dcc_markdown (images, "id", "images"))));
  tw = nd_test_window_new (app);
  table = nd_test_widget (tw, "table");
  g_assert_nonnull (find_label (table, "Intro line"));
  grid = nd_test_find (table, GTK_TYPE_GRID);
  g_assert_nonnull (grid);
  g_assert_cmpstr (gtk_label_get_text (find_label (gtk_grid_get_child_at (GTK_GRID (grid), 0, 0), "City")), ==, "City");
  g_assert_true (has_attr (find_label (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1), "Oslo"), "Oslo", PANGO_ATTR_WEIGHT));
  g_assert_cmpfloat (gtk_label_get_xalign (find_label (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2), "7")), ==, 1.0);
  g_assert_true (has_attr (find_label (table, "old"), "old", PANGO_ATTR_STRIKETHROUGH));
  g_assert_nonnull (find_label (table, "\xe2\x98\x91"));
  g_assert_nonnull (find_label (table, "\xe2\x98\x90"));
  g_assert_null (find_label (table, "[x]"));
  /* MathJax is not available: the TeX is shown as code */
  math = find_label (nd_test_widget (tw, "math"), "Energy");
  g_assert_true (has_attr (math, "E = mc^2", PANGO_ATTR_FAMILY));
  g_assert_nonnull (find_label (find_css (nd_test_widget (tw, "math"), "pre"), "\\int_0^1 x\\,dx"));
  /* images: the data URL shows, the missing file shows its alt text */
  picture = nd_test_find (nd_test_widget (tw, "images"), GTK_TYPE_PICTURE);
  g_assert_nonnull (picture);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (picture))), ==, 24);
  g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (picture)), ==, "tiny chart");
  g_assert_nonnull (find_label (nd_test_widget (tw, "images"), "gone"));
  g_assert_nonnull (find_label (nd_test_widget (tw, "images"), "Chart:"));
}

/* ---- callbacks ---- */

static void
render_note (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *text = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("### Note\n\nYou typed **%s**.", text));
}

/* What the user types comes back as markdown; the widget re-renders. */
static void
test_callback_children (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkWidget *md;
  g_autofree char *shown = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "in", "value", "first"),
    nd_dcc_markdown ("id", "md"))));
  nd_app_callback (app, render_note, nd_output ("md", "children"), nd_input ("in", "value"));
  tw = nd_test_window_new (app);
  md = nd_test_widget (tw, "md");
  shown = nd_test_widget_text (md);
  g_assert_cmpstr (shown, ==, "Note You typed first.");
  gtk_editable_set_text (GTK_EDITABLE (nd_test_widget (tw, "in")), "a <tag> & more");
  nd_test_window_settle (tw);
  g_assert_cmpstr (nd_test_prop_string (tw, "in", "value"), ==, "a <tag> & more");
  g_free (shown);
  shown = nd_test_widget_text (md);
  g_assert_cmpstr (shown, ==, "Note You typed a <tag> & more.");
  g_assert_nonnull (find_css (md, "h3"));
  g_assert_true (has_attr (find_label (md, "You typed"), "a <tag> & more", PANGO_ATTR_WEIGHT));
}

static void
show_path (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *path = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("page: %s", path));
}

/* A relative link navigates inside the app (the Locations report it);
 * a javascript: link is blocked. */
static void
test_links (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");
  g_autoptr(NdTestWindow) tw = NULL;
  GtkLabel *label;
  gboolean handled = FALSE;
  g_autofree char *url = NULL, *shown = NULL;

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url"),
    nd_dcc_markdown ("Go to [the second page](/page-2?tab=a) or [run](javascript:alert(1)).", "id", "md"),
    nd_html_div ("id", "out"))));
  nd_app_callback (app, show_path, nd_output ("out", "children"), nd_input ("url", "pathname"));
  tw = nd_test_window_new (app);
  shown = nd_test_widget_text (nd_test_widget (tw, "out"));
  g_assert_cmpstr (shown, ==, "page: /");
  label = find_label (nd_test_widget (tw, "md"), "Go to");
  /* what GtkLabel emits when the user clicks the link */
  g_signal_emit_by_name (label, "activate-link", "/page-2?tab=a", &handled);
  g_assert_true (handled);
  nd_test_window_settle (tw);
  url = nd_session_get_url (tw->session);
  g_assert_cmpstr (url, ==, "http://localhost/page-2?tab=a");
  g_assert_cmpstr (nd_test_prop_string (tw, "url", "pathname"), ==, "/page-2");
  g_assert_cmpstr (nd_test_prop_string (tw, "url", "search"), ==, "?tab=a");
  g_free (shown);
  shown = nd_test_widget_text (nd_test_widget (tw, "out"));
  g_assert_cmpstr (shown, ==, "page: /page-2");
  /* unsafe schemes never run */
  g_test_expect_message ("ndash", G_LOG_LEVEL_WARNING, "*unsafe scheme*");
  g_signal_emit_by_name (label, "activate-link", "javascript:alert(1)", &handled);
  g_test_assert_expected_messages ();
  g_assert_true (handled);
  nd_test_window_settle (tw);
  g_free (url);
  url = nd_session_get_url (tw->session);
  g_assert_cmpstr (url, ==, "http://localhost/page-2?tab=a");
}

/* ---- the page ---- */

static void
test_page (void)
{
  NdApp *app = nd_app_new ("org.ndash.test.Markdown");
  g_autoptr(NdTestWindow) tw = NULL;
  g_autofree char *url = png_data_url (120, 48);
  g_autofree char *doc = g_strdup_printf (
    "# Quarterly overview\n"
    "\n"
    "This dashboard summarises **sales**, *returns* and `inventory` for the\n"
    "last quarter. Data comes from the [warehouse API](https://example.com/api).\n"
    "\n"
    "## Highlights\n"
    "\n"
    "1. Revenue up 12%% on the previous quarter\n"
    "2. Returns down in every region\n"
    "   - North: 3.1%%\n"
    "   - South: 2.4%%\n"
    "3. New stores opened in ~~two~~ three cities\n"
    "\n"
    "> Numbers are preliminary until the audit closes.\n"
    "\n"
    "| Region | Revenue | Change |\n"
    "|:-------|--------:|:------:|\n"
    "| North  | 1.2 M   | +8%%    |\n"
    "| South  | 0.9 M   | +15%%   |\n"
    "\n"
    "```python\n"
    "import pandas as pd\n"
    "df = pd.read_csv(\"sales.csv\")  # one row per order\n"
    "print(df.groupby(\"region\").revenue.sum())\n"
    "```\n"
    "\n"
    "---\n"
    "\n"
    "![trend](%s) Trend of the last 12 weeks.\n", url);

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_markdown (doc, "id", "page-md"),
    nd_dcc_markdown ("```js\nconst total = rows.reduce((a, r) => a + r.amount, 0); // sum\n```",
                     "id", "dark-md", "highlight_config", nd_dict ("theme", "dark")))));
  tw = nd_test_window_new (app);
  nd_test_window_set_size (tw, 900, 780);
  nd_test_compare_golden (tw, "markdown", 0.02);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/widgets/markdown/blocks", test_blocks);
  g_test_add_func ("/widgets/markdown/escaping-and-html", test_escaping_and_html);
  g_test_add_func ("/widgets/markdown/dedent-and-lists", test_dedent_and_lists);
  g_test_add_func ("/widgets/markdown/tables-math-images", test_tables_math_images);
  g_test_add_func ("/widgets/markdown/callback-children", test_callback_children);
  g_test_add_func ("/widgets/markdown/links", test_links);
  g_test_add_func ("/widgets/markdown/page", test_page);
  return g_test_run ();
}
