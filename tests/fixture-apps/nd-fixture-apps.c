/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The fixture apps of ../shared/fixtures, ported to C.  Each reads like
 * its app.py: same ids, props, texts and callback bodies.
 */
#include <math.h>
#include <string.h>

#include "nd-fixture-apps.h"

/* ---- basic_input_output ---- */

static void
update_output_div (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *input_value = nd_callback_context_get_arg_text (ctx, 0);

  nd_return (ctx, nd_strf ("Output: %s", input_value));
}

static NdApp *
basic_input_output (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.BasicInputOutput");

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
  return app;
}

/* ---- chained_callbacks ---- */

static const char *america[] = { "New York City", "San Francisco", "Cincinnati", NULL };
static const char *canada[] = { "Montreal", "Toronto", "Ottawa", NULL };

static void
set_cities_options (NdCallbackContext *ctx, gpointer user_data)
{
  const char *selected_country = nd_callback_context_get_arg_string (ctx, 0);
  const char **cities = g_strcmp0 (selected_country, "America") == 0 ? america
                      : g_strcmp0 (selected_country, "Canada") == 0 ? canada : NULL;
  JsonNode *options;

  if (cities == NULL)
    {
      nd_callback_context_raise (ctx, "KeyError: %s", selected_country ? selected_country : "None");
      return;
    }
  options = nd_list ();
  for (guint i = 0; cities[i]; i++)
    json_array_add_element (json_node_get_array (options),
                            nd_dict ("label", cities[i], "value", cities[i]));
  nd_return (ctx, options);
}

static void
set_cities_value (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *available_options = nd_arg (ctx, 0);
  JsonNode *first;

  if (JSON_NODE_TYPE (available_options) != JSON_NODE_ARRAY ||
      json_array_get_length (json_node_get_array (available_options)) == 0)
    {
      nd_callback_context_raise (ctx, "IndexError: list index out of range");
      return;
    }
  first = json_array_get_element (json_node_get_array (available_options), 0);
  nd_return (ctx, json_node_ref (json_object_get_member (json_node_get_object (first), "value")));
}

static void
set_display_children (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *selected_country = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *selected_city = nd_callback_context_get_arg_text (ctx, 1);

  nd_return (ctx, nd_strf ("%s is a city in %s", selected_city, selected_country));
}

static NdApp *
chained_callbacks (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.ChainedCallbacks");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_radio_items ("options", nd_list ("America", "Canada"),
                        "value", "America",
                        "id", "countries-radio"),
    nd_html_hr (),
    nd_dcc_radio_items ("id", "cities-radio"),
    nd_html_hr (),
    nd_html_div ("id", "display-selected-values"))));

  nd_app_callback (app, set_cities_options,
                   nd_output ("cities-radio", "options"),
                   nd_input ("countries-radio", "value"));
  nd_app_callback (app, set_cities_value,
                   nd_output ("cities-radio", "value"),
                   nd_input ("cities-radio", "options"));
  nd_app_callback (app, set_display_children,
                   nd_output ("display-selected-values", "children"),
                   nd_input ("countries-radio", "value"),
                   nd_input ("cities-radio", "value"));
  return app;
}

/* ---- multiple_inputs ---- */

static void
update_output_two (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *input1 = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *input2 = nd_callback_context_get_arg_text (ctx, 1);

  nd_return (ctx, nd_strf ("Input 1 is \"%s\" and Input 2 is \"%s\"", input1, input2));
}

static NdApp *
multiple_inputs (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.MultipleInputs");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "input-1", "type", "text", "value", "Montreal"),
    nd_dcc_input ("id", "input-2", "type", "text", "value", "Canada"),
    nd_html_div ("id", "number-output"))));

  nd_app_callback (app, update_output_two,
                   nd_output ("number-output", "children"),
                   nd_input ("input-1", "value"),
                   nd_input ("input-2", "value"));
  return app;
}

/* ---- multiple_outputs ---- */

/* Python's a ** b: exact integers when both are integers and b >= 0. */
static JsonNode *
py_pow (JsonNode *a, JsonNode *b)
{
  if (json_node_get_value_type (a) == G_TYPE_INT64 && json_node_get_value_type (b) == G_TYPE_INT64 &&
      json_node_get_int (b) >= 0)
    {
      gint64 base = json_node_get_int (a), r = 1;
      for (gint64 i = 0; i < json_node_get_int (b); i++)
        r *= base;
      return nd_json_int (r);
    }
  return nd_json_double (pow (nd_json_get_number (a), nd_json_get_number (b)));
}

static void
callback_a (NdCallbackContext *ctx, gpointer user_data)
{
  JsonNode *x = nd_arg (ctx, 0);
  g_autoptr(JsonNode) two = nd_json_int (2), three = nd_json_int (3);

  if (!nd_json_is_number (x))
    {
      nd_callback_context_raise (ctx, "TypeError: unsupported operand type(s) for ** or pow()");
      return;
    }
  nd_return (ctx, py_pow (x, two), py_pow (x, three), py_pow (two, x), py_pow (three, x), py_pow (x, x));
}

static JsonNode *
power_row (JsonNode *first, JsonNode *sup, const char *id)
{
  return nd_html_tr (nd_list (nd_html_td (nd_list (first, nd_html_sup (sup))), nd_html_td ("id", id)));
}

static NdApp *
multiple_outputs (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.MultipleOutputs");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "num-multi", "type", "number", "value", 5),
    nd_html_table (nd_list (
      power_row (nd_str ("x"), nd_int (2), "square"),
      power_row (nd_str ("x"), nd_int (3), "cube"),
      power_row (nd_int (2), nd_str ("x"), "twos"),
      power_row (nd_int (3), nd_str ("x"), "threes"),
      power_row (nd_str ("x"), nd_str ("x"), "x^x"))))));

  nd_app_callback (app, callback_a,
                   nd_output ("square", "children"),
                   nd_output ("cube", "children"),
                   nd_output ("twos", "children"),
                   nd_output ("threes", "children"),
                   nd_output ("x^x", "children"),
                   nd_input ("num-multi", "value"));
  return app;
}

/* ---- pattern_matching ---- */

static void
add_item (NdCallbackContext *ctx, gpointer user_data)
{
  g_autoptr(NdPatch) patched = nd_patch_new ();
  gint64 i = nd_callback_context_get_arg_int (ctx, 0, 0) - 1;
  g_autofree char *value = g_strdup_printf ("item %" G_GINT64_FORMAT, i);

  nd_patch_append (patched, nd_list (), nd_html_div (nd_list (
    nd_dcc_input ("id", nd_dict ("type", "item-input", "index", i), "value", value, "type", "text"),
    nd_html_span ("id", nd_dict ("type", "item-echo", "index", i)))));
  nd_return (ctx, nd_patch_to_node (patched));
}

static void
echo (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *value = nd_callback_context_get_arg_text (ctx, 0);
  JsonNode *id_ = nd_arg (ctx, 1);
  g_autofree char *index = nd_py_str (json_object_get_member (json_node_get_object (id_), "index"));
  g_autofree char *text = g_strdup_printf (" #%s -> %s", index, value);
  g_autofree char *upper = g_utf8_strup (text, -1);

  nd_return (ctx, upper);
}

static void
summary (NdCallbackContext *ctx, gpointer user_data)
{
  JsonArray *values = json_node_get_array (nd_arg (ctx, 0));
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_printf (out, "%u items: ", json_array_get_length (values));
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      g_autofree char *v = nd_py_str (json_array_get_element (values, i));
      g_string_append_printf (out, "%s%s", i ? ", " : "", v);
    }
  nd_return (ctx, out->str);
}

static NdApp *
pattern_matching (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.PatternMatching");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_html_button ("Add item", "id", "add-item", "n_clicks", 0),
    nd_html_div ("id", "items", "children", nd_list ()),
    nd_html_div ("id", "summary"))));

  nd_app_callback (app, add_item,
                   nd_output ("items", "children"),
                   nd_input ("add-item", "n_clicks"),
                   nd_prevent_initial_call ());
  nd_app_callback (app, echo,
                   nd_output (nd_dict ("type", "item-echo", "index", ND_MATCH), "children"),
                   nd_input (nd_dict ("type", "item-input", "index", ND_MATCH), "value"),
                   nd_state (nd_dict ("type", "item-input", "index", ND_MATCH), "id"));
  nd_app_callback (app, summary,
                   nd_output ("summary", "children"),
                   nd_input (nd_dict ("type", "item-input", "index", ND_ALL), "value"));
  return app;
}

/* ---- prevent_update ---- */

static void
update_output_1 (NdCallbackContext *ctx, gpointer user_data)
{
  if (!nd_json_is_truthy (nd_arg (ctx, 0)))
    {
      nd_callback_context_prevent_update (ctx);
      return;
    }
  {
    /* compute_expensive_data(value) is str(value) */
    g_autofree char *value = nd_callback_context_get_arg_text (ctx, 1);
    nd_return (ctx, value);
  }
}

static NdApp *
prevent_update (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.PreventUpdate");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "input"),
    nd_dcc_loading (nd_html_h1 ("id", "content")),
    nd_html_button ("Click", "id", "button"),
    nd_dcc_loading (nd_html_h1 ("id", "content_2")),
    nd_html_button ("Click 2", "id", "button2")),
    "className", "container"));

  nd_app_callback (app, update_output_1,
                   nd_output ("content", "children"),
                   nd_input ("button", "n_clicks"),
                   nd_state ("input", "value"));
  nd_app_add_callback_va (app, "update_output_2", update_output_1, NULL, 3,
                          nd_output ("content_2", "children"),
                          nd_input ("button2", "n_clicks"),
                          nd_state ("input", "value"));
  return app;
}

/* ---- state_submit ---- */

static void
update_output_state (NdCallbackContext *ctx, gpointer user_data)
{
  g_autofree char *n_clicks = nd_callback_context_get_arg_text (ctx, 0);
  g_autofree char *input1 = nd_callback_context_get_arg_text (ctx, 1);
  g_autofree char *input2 = nd_callback_context_get_arg_text (ctx, 2);

  nd_return (ctx, nd_strf ("\n        The Button has been pressed %s times,\n"
                           "        Input 1 is \"%s\",\n"
                           "        and Input 2 is \"%s\"\n    ", n_clicks, input1, input2));
}

static NdApp *
state_submit (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.StateSubmit");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", "input-1-state", "type", "text", "value", "Montreal"),
    nd_dcc_input ("id", "input-2-state", "type", "text", "value", "Canada"),
    nd_html_button ("id", "submit-button-state", "n_clicks", 0, "children", "Submit"),
    nd_html_div ("id", "output-state"))));

  nd_app_callback (app, update_output_state,
                   nd_output ("output-state", "children"),
                   nd_input ("submit-button-state", "n_clicks"),
                   nd_state ("input-1-state", "value"),
                   nd_state ("input-2-state", "value"));
  return app;
}

/* ---- store_sharing ---- */

static const gint64 df_x[] = { 1, 2, 3, 4, 5, 6 };
static const gint64 df_y[] = { 3, 1, 2, 3, 5, 6 };
static const char *df_z[] = { "A", "A", "B", "B", "C", "C" };

static void
update_cache (NdCallbackContext *ctx, gpointer user_data)
{
  const char *value = nd_callback_context_get_arg_string (ctx, 0);
  g_autoptr(JsonNode) frame = nd_dict ("x", nd_dict (), "y", nd_dict (), "z", nd_dict ());
  JsonObject *f = json_node_get_object (frame);

  /* filtered_df.to_json(): columns -> {index label: value} */
  for (guint i = 0; i < G_N_ELEMENTS (df_x); i++)
    if (g_strcmp0 (df_z[i], value) == 0)
      {
        g_autofree char *label = g_strdup_printf ("%u", i);
        json_object_set_int_member (json_object_get_object_member (f, "x"), label, df_x[i]);
        json_object_set_int_member (json_object_get_object_member (f, "y"), label, df_y[i]);
        json_object_set_string_member (json_object_get_object_member (f, "z"), label, df_z[i]);
      }
  g_autofree char *json = nd_json_to_string (frame, FALSE);

  nd_return (ctx, json);
}

static JsonNode *
column_values (JsonObject *frame, const char *column)
{
  JsonNode *list = nd_list ();
  JsonObject *col = json_object_get_object_member (frame, column);
  g_autoptr(GList) names = json_object_get_members (col);

  /* in the frame's index order, as pandas reads it back */
  for (GList *l = names; l; l = l->next)
    json_array_add_element (json_node_get_array (list),
                            nd_json_deep_copy (json_object_get_member (col, l->data)));
  return list;
}

static void
update_graph (NdCallbackContext *ctx, gpointer user_data)
{
  const char *cached_data = nd_callback_context_get_arg_string (ctx, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) frame = cached_data ? nd_json_parse (cached_data, -1, 0, &error) : NULL;

  if (frame == NULL || JSON_NODE_TYPE (frame) != JSON_NODE_OBJECT)
    {
      nd_callback_context_raise (ctx, "cannot read the cached frame: %s", error ? error->message : "no data");
      return;
    }
  nd_return (ctx, nd_dict ("data", nd_list (nd_dict (
    "x", column_values (json_node_get_object (frame), "x"),
    "y", column_values (json_node_get_object (frame), "y"),
    "type", "bar"))));
}

static NdApp *
store_sharing (void)
{
  NdApp *app = nd_app_new ("org.ndash.fixture.StoreSharing");

  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_dropdown ("id", "dropdown",
                     "options", nd_list (nd_dict ("label", "A", "value", "A"),
                                         nd_dict ("label", "B", "value", "B"),
                                         nd_dict ("label", "C", "value", "C")),
                     "value", "A"),
    nd_dcc_store ("id", "cache"),
    nd_dcc_graph ("id", "graph"))));

  nd_app_callback (app, update_cache, nd_output ("cache", "data"), nd_input ("dropdown", "value"));
  nd_app_callback (app, update_graph, nd_output ("graph", "figure"), nd_input ("cache", "data"));
  return app;
}

static const struct {
  const char *name;
  NdApp *(*build) (void);
} apps[] = {
  { "basic_input_output", basic_input_output },
  { "chained_callbacks", chained_callbacks },
  { "multiple_inputs", multiple_inputs },
  { "multiple_outputs", multiple_outputs },
  { "pattern_matching", pattern_matching },
  { "prevent_update", prevent_update },
  { "state_submit", state_submit },
  { "store_sharing", store_sharing },
};

const char * const *
nd_fixture_app_names (void)
{
  static const char *names[G_N_ELEMENTS (apps) + 1];

  for (guint i = 0; i < G_N_ELEMENTS (apps); i++)
    names[i] = apps[i].name;
  return names;
}

NdApp *
nd_fixture_app_new (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (apps); i++)
    if (strcmp (apps[i].name, name) == 0)
      return apps[i].build ();
  return NULL;
}
