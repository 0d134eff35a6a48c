/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Props components report on their own at mount (components.md §4),
 * filled in before the initial callbacks (callback-semantics §3.1), so a
 * router or a Dropdown-driven callback runs once, with the real value.
 */
#include "ndash.h"

typedef struct {
  GMutex lock;
  guint calls;
  char *seen;
} Seen;

static void
seen_clear (Seen *s)
{
  g_free (s->seen);
  g_mutex_clear (&s->lock);
}

/* Records every argument as JSON text, joined with "|". */
static void
record_args (NdCallbackContext *ctx, gpointer user_data)
{
  Seen *s = user_data;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < nd_callback_context_get_n_args (ctx); i++)
    {
      g_autofree char *arg = nd_json_to_string (nd_arg (ctx, i), FALSE);

      g_string_append_printf (text, "%s%s", i ? "|" : "", arg);
    }
  g_mutex_lock (&s->lock);
  s->calls++;
  g_free (s->seen);
  s->seen = g_strdup (text->str);
  g_mutex_unlock (&s->lock);
  nd_return (ctx, text->str);
}

static NdSession *
start (NdApp *app, const char *url)
{
  g_autoptr(GError) error = NULL;
  NdSession *session = nd_app_new_session (app, &error);

  g_assert_no_error (error);
  if (url)
    {
      nd_session_set_url (session, url, &error);
      g_assert_no_error (error);
    }
  nd_session_start (session, &error);
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, 5000));
  return session;
}

static void
test_location_fills_url (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url"),
    nd_html_div ("id", "page"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("page", "children"),
                        nd_input ("url", "pathname"),
                        nd_input ("url", "search"),
                        nd_input ("url", "hash"),
                        nd_input ("url", "href"));
  session = start (app, "/reports/2024?region=north#top");

  /* one initial call that already sees the URL: no second, triggered run */
  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==,
                   "\"/reports/2024\"|\"?region=north\"|\"#top\"|"
                   "\"http://localhost/reports/2024?region=north#top\"");
  g_assert_cmpstr (nd_session_get_prop_string (session, "url", "pathname"), ==, "/reports/2024");
  seen_clear (&s);
}

static void
test_location_keeps_set_props (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_location ("id", "url", "pathname", "/fixed"),
    nd_html_div ("id", "page"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("page", "children"),
                        nd_input ("url", "pathname"),
                        nd_input ("url", "search"));
  session = start (app, NULL);

  /* only unset props are filled; a native window starts at "/" */
  g_assert_cmpstr (s.seen, ==, "\"/fixed\"|\"\"");
  seen_clear (&s);
}

static void
test_dropdown_drops_stray_value (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "single", "options", nd_list ("NYC", "LA"), "value", "SF"),
    nd_dcc_dropdown ("id", "multi", "multi", TRUE,
                     "options", nd_list (nd_dict ("label", "New York", "value", "NYC"),
                                         nd_dict ("label", "Montreal", "value", "MTL")),
                     "value", nd_list ("MTL", "SF", "NYC")),
    nd_dcc_dropdown ("id", "keyed", "options", nd_dict ("NYC", "New York"), "value", "NYC"),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("out", "children"),
                        nd_input ("single", "value"),
                        nd_input ("multi", "value"),
                        nd_input ("keyed", "value"));
  session = start (app, NULL);

  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==, "null|[\"MTL\",\"NYC\"]|\"NYC\"");
  seen_clear (&s);
}

static void
test_tabs_and_slider (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Mount");
  g_autoptr(NdSession) session = NULL;
  Seen s = { 0 };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_tabs ("id", "tabs", "children", nd_list (nd_dcc_tab ("label", "A", "value", "a"),
                                                    nd_dcc_tab ("label", "B", "value", "b"))),
    nd_dcc_slider ("id", "slider", "min", 0, "max", 10, "value", 4),
    nd_html_div ("id", "out"))));
  nd_app_callback_data (app, record_args, &s,
                        nd_output ("out", "children"),
                        nd_input ("tabs", "value"),
                        nd_input ("slider", "drag_value"));
  session = start (app, NULL);

  g_assert_cmpuint (s.calls, ==, 1);
  g_assert_cmpstr (s.seen, ==, "\"a\"|4");
  seen_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/load/3.1/mount/location-fills-url", test_location_fills_url);
  g_test_add_func ("/load/3.1/mount/location-keeps-set-props", test_location_keeps_set_props);
  g_test_add_func ("/load/3.1/mount/dropdown-drops-stray-value", test_dropdown_drops_stray_value);
  g_test_add_func ("/load/3.1/mount/tabs-value-and-slider-drag-value", test_tabs_and_slider);
  return g_test_run ();
}
