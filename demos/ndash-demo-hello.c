/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The seed tutorial's "simple interactive Dash app", run in a console
 * session until the GTK renderer lands: types into the input as a user
 * would and prints what the output shows after each change.
 */
#include <ndash.h>

static void
update_output_div (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *input_value = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("Output: %s", input_value));
}

int
main (int argc, char **argv)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.demo.Hello");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *typed[] = { "initial value!", "Hello, ndash", NULL };

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_h6 ("Change the value in the text box to see callbacks in action!"),
    nd_html_div (nd_list (
      "Input: ",
      nd_dcc_input ("id", "my-input", "value", "initial value", "type", "text"))),
    nd_html_br (),
    nd_html_div ("id", "my-output"))));

  nd_app_callback (app, update_output_div,
                   nd_output ("my-output", "children"),
                   nd_input ("my-input", "value"));

  session = nd_app_new_session (app, &error);
  if (session == NULL || !nd_session_start (session, &error))
    {
      g_printerr ("ndash-demo-hello: %s\n", error->message);
      return 1;
    }
  nd_session_run_until_idle (session, 5000);
  g_print ("%s\n", nd_session_get_prop_string (session, "my-output", "children"));
  for (guint i = 0; typed[i]; i++)
    {
      nd_session_user_set (session, "my-input", "value", typed[i]);
      nd_session_run_until_idle (session, 5000);
      g_print ("%s\n", nd_session_get_prop_string (session, "my-output", "children"));
    }
  return 0;
}
