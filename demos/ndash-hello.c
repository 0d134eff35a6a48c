/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The seed tutorial's "simple interactive Dash app" as a desktop window.
 */
#include <ndash-gtk.h>

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

  nd_app_set_title (app, "Hello, ndash");
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

  return nd_application_run (app, argc, argv);
}
