/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "nd-component-info.h"

#define HTML  "dash_html_components"
#define DCC   "dash_core_components"
#define TABLE "dash_table"

/* The html element list of components.md §2, written out independently of
 * the tables under test. */
static const char html_names[] =
  "A Abbr Acronym Address Area Article Aside Audio B Base Basefont Bdi Bdo Big "
  "Blink Blockquote Br Button Canvas Caption Center Cite Code Col Colgroup "
  "Content Data Datalist Dd Del Details Dfn Dialog Div Dl Dt Em Embed Fieldset "
  "Figcaption Figure Font Footer Form Frame Frameset H1 H2 H3 H4 H5 H6 Header "
  "Hgroup Hr I Iframe Img Ins Kbd Keygen Label Legend Li Link Main MapEl Mark "
  "Marquee Meta Meter Nav Nobr Noscript ObjectEl Ol Optgroup Option Output P "
  "Param Picture Plaintext Pre Progress Q Rb Rp Rt Rtc Ruby S Samp Script "
  "Section Select Shadow Slot Small Source Spacer Span Strike Strong Sub "
  "Summary Sup Table Tbody Td Template Textarea Tfoot Th Thead Time Title Tr "
  "Track U Ul Var Video Wbr Xmp";

static const char * const dcc_names[] = {
  "Input", "Textarea", "Dropdown", "Checklist", "RadioItems", "Slider", "RangeSlider",
  "DatePickerSingle", "DatePickerRange", "Tabs", "Tab", "Graph", "Interval", "Store",
  "Location", "Link", "Upload", "Download", "ConfirmDialog", "ConfirmDialogProvider",
  "Clipboard", "Markdown", "Loading", "Tooltip", "Button", "Geolocation", NULL
};

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  return g_strv_equal ((const gchar * const *) a, (const gchar * const *) b);
}

#define assert_strv(got, ...) \
  G_STMT_START { \
    const char * const expected__[] = { __VA_ARGS__ }; \
    const char * const *got__ = (got); \
    g_assert_nonnull (got__); \
    if (!strv_equal (got__, expected__)) \
      { \
        g_autofree char *g_ = g_strjoinv (",", (char **) got__); \
        g_autofree char *e_ = g_strjoinv (",", (char **) expected__); \
        g_error ("%s:%d: got [%s], expected [%s]", __FILE__, __LINE__, g_, e_); \
      } \
  } G_STMT_END

static void
test_namespaces (void)
{
  g_assert_true (nd_component_info_knows_namespace (HTML));
  g_assert_true (nd_component_info_knows_namespace (DCC));
  g_assert_true (nd_component_info_knows_namespace (TABLE));
  g_assert_false (nd_component_info_knows_namespace ("dash_never_registered"));
  g_assert_false (nd_component_info_knows_namespace (NULL));
}

static void
test_html_types (void)
{
  g_auto (GStrv) names = g_strsplit (html_names, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!nd_component_info_has_type (HTML, names[i]))
        g_error ("html.%s missing", names[i]);
      assert_strv (nd_component_info_get_children_props (HTML, names[i]), "children", NULL);
      g_assert_nonnull (nd_component_info_get_props (HTML, names[i]));
      g_assert_null (nd_component_info_get_persisted_props (HTML, names[i]));
    }
  g_assert_cmpuint (g_strv_length (names), ==, 125);

  /* Renamed or absent in Dash. */
  g_assert_false (nd_component_info_has_type (HTML, "Input"));
  g_assert_false (nd_component_info_has_type (HTML, "Map"));
  g_assert_false (nd_component_info_has_type (HTML, "Object"));
  g_assert_false (nd_component_info_has_type (HTML, "div"));
  g_assert_false (nd_component_info_has_type (HTML, NULL));
  g_assert_null (nd_component_info_get_props (HTML, "Input"));
}

static void
test_html_props (void)
{
  static const char * const global[] = {
    "id", "children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key",
    "accessKey", "className", "contentEditable", "dir", "draggable", "hidden", "lang",
    "role", "spellCheck", "style", "tabIndex", "title", "loading_state", NULL
  };
  const char * const *props;

  for (guint i = 0; global[i] != NULL; i++)
    {
      g_assert_true (nd_component_info_has_prop (HTML, "Div", global[i]));
      g_assert_true (nd_component_info_has_prop (HTML, "Td", global[i]));
      g_assert_true (nd_component_info_has_prop (HTML, "Xmp", global[i]));
    }

  /* Wildcards by prefix only. */
  g_assert_true (nd_component_info_has_prop (HTML, "Div", "data-foo"));
  g_assert_true (nd_component_info_has_prop (HTML, "Span", "aria-label"));
  g_assert_true (nd_component_info_has_prop (HTML, "A", "data-"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "datafoo"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "ariaLabel"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "Data-foo"));

  /* Element attributes belong to their element only. */
  g_assert_true (nd_component_info_has_prop (HTML, "A", "href"));
  g_assert_true (nd_component_info_has_prop (HTML, "A", "target"));
  g_assert_true (nd_component_info_has_prop (HTML, "A", "download"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "href"));
  g_assert_true (nd_component_info_has_prop (HTML, "Img", "src"));
  g_assert_true (nd_component_info_has_prop (HTML, "Img", "alt"));
  g_assert_true (nd_component_info_has_prop (HTML, "Img", "srcSet"));
  g_assert_true (nd_component_info_has_prop (HTML, "Iframe", "srcDoc"));
  g_assert_true (nd_component_info_has_prop (HTML, "Td", "colSpan"));
  g_assert_true (nd_component_info_has_prop (HTML, "Td", "rowSpan"));
  g_assert_false (nd_component_info_has_prop (HTML, "Td", "scope"));
  g_assert_true (nd_component_info_has_prop (HTML, "Th", "scope"));
  g_assert_true (nd_component_info_has_prop (HTML, "Button", "formAction"));
  g_assert_true (nd_component_info_has_prop (HTML, "Button", "type"));
  g_assert_true (nd_component_info_has_prop (HTML, "Form", "action"));
  g_assert_true (nd_component_info_has_prop (HTML, "Progress", "max"));
  g_assert_true (nd_component_info_has_prop (HTML, "Meter", "optimum"));
  g_assert_false (nd_component_info_has_prop (HTML, "Progress", "optimum"));
  g_assert_true (nd_component_info_has_prop (HTML, "Label", "htmlFor"));
  g_assert_true (nd_component_info_has_prop (HTML, "ObjectEl", "data"));
  g_assert_true (nd_component_info_has_prop (HTML, "MapEl", "name"));
  g_assert_true (nd_component_info_has_prop (HTML, "Video", "poster"));
  g_assert_false (nd_component_info_has_prop (HTML, "Audio", "poster"));
  g_assert_true (nd_component_info_has_prop (HTML, "Textarea", "rows"));
  g_assert_true (nd_component_info_has_prop (HTML, "Select", "multiple"));
  g_assert_true (nd_component_info_has_prop (HTML, "Option", "selected"));
  g_assert_true (nd_component_info_has_prop (HTML, "Ol", "reversed"));
  g_assert_true (nd_component_info_has_prop (HTML, "Time", "dateTime"));
  g_assert_true (nd_component_info_has_prop (HTML, "Track", "srcLang"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "value"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "setProps"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", "nonsense"));
  g_assert_false (nd_component_info_has_prop (HTML, "Div", NULL));
  /* Unknown type in a known namespace: nothing is accepted. */
  g_assert_false (nd_component_info_has_prop (HTML, "Input", "id"));

  /* get_props merges the global props with the element's own. */
  props = nd_component_info_get_props (HTML, "A");
  g_assert_true (g_strv_contains (props, "id"));
  g_assert_true (g_strv_contains (props, "n_clicks"));
  g_assert_true (g_strv_contains (props, "href"));
  g_assert_false (g_strv_contains (props, "data-*"));
  props = nd_component_info_get_props (HTML, "Div");
  g_assert_true (g_strv_contains (props, "children"));
  g_assert_false (g_strv_contains (props, "href"));
  for (guint i = 0; props[i] != NULL; i++)
    g_assert_true (nd_component_info_has_prop (HTML, "Div", props[i]));
}

static void
test_dcc_types (void)
{
  for (guint i = 0; dcc_names[i] != NULL; i++)
    if (!nd_component_info_has_type (DCC, dcc_names[i]))
      g_error ("dcc.%s missing", dcc_names[i]);
  g_assert_false (nd_component_info_has_type (DCC, "Div"));
  g_assert_false (nd_component_info_has_type (DCC, "LogoutButton"));
  g_assert_false (nd_component_info_has_type (DCC, "DataTable"));
  g_assert_true (nd_component_info_has_type (TABLE, "DataTable"));
  g_assert_false (nd_component_info_has_type (TABLE, "Table"));
}

static void
test_dcc_props (void)
{
  /* Input */
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "value"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "n_submit"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "n_submit_timestamp"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "n_blur"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "n_blur_timestamp"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "debounce"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "persistence"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "step"));
  g_assert_false (nd_component_info_has_prop (DCC, "Input", "n_clicks"));
  g_assert_false (nd_component_info_has_prop (DCC, "Input", "n_clicks_timestamp"));
  g_assert_false (nd_component_info_has_prop (DCC, "Input", "setProps"));
  /* dcc has no data-* / aria-* wildcards */
  g_assert_false (nd_component_info_has_prop (DCC, "Input", "data-foo"));

  /* Textarea counts clicks, Button counts clicks and blurs. */
  g_assert_true (nd_component_info_has_prop (DCC, "Textarea", "n_clicks"));
  g_assert_true (nd_component_info_has_prop (DCC, "Textarea", "n_blur"));
  g_assert_false (nd_component_info_has_prop (DCC, "Textarea", "n_submit"));
  g_assert_true (nd_component_info_has_prop (DCC, "Button", "n_clicks"));
  g_assert_true (nd_component_info_has_prop (DCC, "Button", "n_blur_timestamp"));
  g_assert_true (nd_component_info_has_prop (DCC, "Button", "children"));

  /* Graph */
  static const char * const graph[] = {
    "id", "figure", "config", "style", "className", "clickData", "hoverData",
    "selectedData", "relayoutData", "restyleData", "clickAnnotationData", "extendData",
    "prependData", "animate", "animation_options", "responsive", "clear_on_unhover",
    "mathjax", NULL
  };
  for (guint i = 0; graph[i] != NULL; i++)
    g_assert_true (nd_component_info_has_prop (DCC, "Graph", graph[i]));
  g_assert_false (nd_component_info_has_prop (DCC, "Graph", "children"));
  g_assert_false (nd_component_info_has_prop (DCC, "Graph", "value"));

  /* Store */
  g_assert_true (nd_component_info_has_prop (DCC, "Store", "data"));
  g_assert_true (nd_component_info_has_prop (DCC, "Store", "storage_type"));
  g_assert_true (nd_component_info_has_prop (DCC, "Store", "modified_timestamp"));
  g_assert_true (nd_component_info_has_prop (DCC, "Store", "clear_data"));
  g_assert_false (nd_component_info_has_prop (DCC, "Store", "value"));

  /* Sliders */
  g_assert_true (nd_component_info_has_prop (DCC, "Slider", "drag_value"));
  g_assert_true (nd_component_info_has_prop (DCC, "Slider", "marks"));
  g_assert_true (nd_component_info_has_prop (DCC, "Slider", "tooltip"));
  g_assert_true (nd_component_info_has_prop (DCC, "Slider", "updatemode"));
  g_assert_true (nd_component_info_has_prop (DCC, "Slider", "allow_direct_input"));
  g_assert_true (nd_component_info_has_prop (DCC, "Slider", "verticalHeight"));
  g_assert_false (nd_component_info_has_prop (DCC, "Slider", "pushable"));
  g_assert_true (nd_component_info_has_prop (DCC, "RangeSlider", "pushable"));
  g_assert_true (nd_component_info_has_prop (DCC, "RangeSlider", "allowCross"));
  g_assert_true (nd_component_info_has_prop (DCC, "RangeSlider", "count"));

  /* Others from components.md §3 */
  g_assert_true (nd_component_info_has_prop (DCC, "Dropdown", "search_value"));
  g_assert_true (nd_component_info_has_prop (DCC, "Dropdown", "search_order"));
  g_assert_true (nd_component_info_has_prop (DCC, "Dropdown", "closeOnSelect"));
  g_assert_true (nd_component_info_has_prop (DCC, "Checklist", "labelStyle"));
  g_assert_true (nd_component_info_has_prop (DCC, "RadioItems", "inline"));
  g_assert_true (nd_component_info_has_prop (DCC, "DatePickerSingle", "date"));
  g_assert_false (nd_component_info_has_prop (DCC, "DatePickerSingle", "start_date"));
  g_assert_true (nd_component_info_has_prop (DCC, "DatePickerRange", "start_date"));
  g_assert_true (nd_component_info_has_prop (DCC, "DatePickerRange", "minimum_nights"));
  g_assert_false (nd_component_info_has_prop (DCC, "DatePickerRange", "date"));
  g_assert_true (nd_component_info_has_prop (DCC, "Tabs", "mobile_breakpoint"));
  g_assert_true (nd_component_info_has_prop (DCC, "Tab", "selected_style"));
  g_assert_true (nd_component_info_has_prop (DCC, "Interval", "n_intervals"));
  g_assert_true (nd_component_info_has_prop (DCC, "Interval", "max_intervals"));
  g_assert_true (nd_component_info_has_prop (DCC, "Location", "pathname"));
  g_assert_true (nd_component_info_has_prop (DCC, "Location", "refresh"));
  g_assert_true (nd_component_info_has_prop (DCC, "Link", "href"));
  g_assert_true (nd_component_info_has_prop (DCC, "Upload", "last_modified"));
  g_assert_true (nd_component_info_has_prop (DCC, "Upload", "max_size"));
  g_assert_true (nd_component_info_has_prop (DCC, "Download", "base64"));
  g_assert_true (nd_component_info_has_prop (DCC, "ConfirmDialog", "submit_n_clicks"));
  g_assert_true (nd_component_info_has_prop (DCC, "ConfirmDialogProvider", "displayed"));
  g_assert_true (nd_component_info_has_prop (DCC, "Clipboard", "target_id"));
  g_assert_true (nd_component_info_has_prop (DCC, "Clipboard", "copied_children"));
  g_assert_true (nd_component_info_has_prop (DCC, "Markdown", "dangerously_allow_html"));
  g_assert_true (nd_component_info_has_prop (DCC, "Loading", "target_components"));
  g_assert_true (nd_component_info_has_prop (DCC, "Tooltip", "bbox"));
  g_assert_true (nd_component_info_has_prop (DCC, "Geolocation", "position"));

  /* every listed prop is accepted; no type declares setProps */
  for (guint t = 0; dcc_names[t] != NULL; t++)
    {
      const char * const *props = nd_component_info_get_props (DCC, dcc_names[t]);

      g_assert_nonnull (props);
      g_assert_true (g_strv_contains (props, "id"));
      g_assert_false (g_strv_contains (props, "setProps"));
      for (guint i = 0; props[i] != NULL; i++)
        g_assert_true (nd_component_info_has_prop (DCC, dcc_names[t], props[i]));
    }
}

static void
test_table (void)
{
  static const char * const some[] = {
    "data", "columns", "editable", "active_cell", "selected_rows", "selected_row_ids",
    "data_previous", "data_timestamp", "page_current", "page_size", "filter_query",
    "sort_by", "hidden_columns", "derived_filter_query_structure", "derived_viewport_data",
    "derived_viewport_selected_row_ids", "derived_virtual_row_ids",
    "derived_virtual_selected_rows", "style_data_conditional", "tooltip_data",
    "persistence", "persisted_props", "persistence_type", "loading_state", NULL
  };

  for (guint i = 0; some[i] != NULL; i++)
    g_assert_true (nd_component_info_has_prop (TABLE, "DataTable", some[i]));
  g_assert_false (nd_component_info_has_prop (TABLE, "DataTable", "children"));
  g_assert_false (nd_component_info_has_prop (TABLE, "DataTable", "data-foo"));
  g_assert_false (nd_component_info_has_prop (TABLE, "DataTable", "value"));
  assert_strv (nd_component_info_get_children_props (TABLE, "DataTable"), NULL);
}

static void
test_children_props (void)
{
  static const char * const children_only[] = {
    "Button", "ConfirmDialogProvider", "Link", "Tabs", "Tooltip", "Upload", NULL
  };
  static const char * const options_label[] = { "Dropdown", "Checklist", "RadioItems", NULL };
  static const char * const none[] = {
    "Input", "Textarea", "Slider", "RangeSlider", "DatePickerSingle", "DatePickerRange",
    "Graph", "Interval", "Store", "Location", "Download", "ConfirmDialog", "Markdown",
    "Geolocation", NULL
  };

  for (guint i = 0; children_only[i] != NULL; i++)
    assert_strv (nd_component_info_get_children_props (DCC, children_only[i]), "children", NULL);
  for (guint i = 0; options_label[i] != NULL; i++)
    assert_strv (nd_component_info_get_children_props (DCC, options_label[i]),
                 "options[].label", NULL);
  for (guint i = 0; none[i] != NULL; i++)
    assert_strv (nd_component_info_get_children_props (DCC, none[i]), NULL);
  assert_strv (nd_component_info_get_children_props (DCC, "Clipboard"),
               "children", "copied_children", NULL);
  assert_strv (nd_component_info_get_children_props (DCC, "Loading"),
               "children", "custom_spinner", NULL);
  assert_strv (nd_component_info_get_children_props (DCC, "Tab"), "children", "label", NULL);
  assert_strv (nd_component_info_get_children_props (HTML, "Div"), "children", NULL);

  /* unknown types, known namespace or not, default to children */
  assert_strv (nd_component_info_get_children_props (DCC, "NoSuchType"), "children", NULL);
  assert_strv (nd_component_info_get_children_props ("some_kit", "Card"), "children", NULL);
}

static void
test_persistence (void)
{
  static const char * const by_value[] = {
    "Input", "Textarea", "Dropdown", "Checklist", "RadioItems", "Slider", "RangeSlider",
    "Tabs", NULL
  };

  for (guint i = 0; by_value[i] != NULL; i++)
    {
      assert_strv (nd_component_info_get_persisted_props (DCC, by_value[i]), "value", NULL);
      g_assert_cmpstr (nd_component_info_get_persistence_type (DCC, by_value[i]), ==, "local");
    }
  assert_strv (nd_component_info_get_persisted_props (DCC, "DatePickerSingle"), "date", NULL);
  assert_strv (nd_component_info_get_persisted_props (DCC, "DatePickerRange"),
               "start_date", "end_date", NULL);
  g_assert_cmpstr (nd_component_info_get_persistence_type (DCC, "DatePickerRange"), ==, "local");
  assert_strv (nd_component_info_get_persisted_props (TABLE, "DataTable"),
               "columns.name", "filter_query", "hidden_columns", "page_current",
               "selected_columns", "selected_rows", "sort_by", NULL);
  g_assert_cmpstr (nd_component_info_get_persistence_type (TABLE, "DataTable"), ==, "local");

  g_assert_null (nd_component_info_get_persisted_props (DCC, "Graph"));
  g_assert_null (nd_component_info_get_persistence_type (DCC, "Graph"));
  g_assert_null (nd_component_info_get_persisted_props (DCC, "Tab"));
  g_assert_null (nd_component_info_get_persisted_props (DCC, "Store"));
  g_assert_null (nd_component_info_get_persisted_props (HTML, "Div"));
  g_assert_null (nd_component_info_get_persistence_type (HTML, "Div"));
  g_assert_null (nd_component_info_get_persisted_props ("some_kit", "Card"));
  g_assert_null (nd_component_info_get_persistence_type ("some_kit", "Card"));
}

static void
test_unknown_namespace (void)
{
  g_assert_true (nd_component_info_has_type ("some_kit", "Card"));
  g_assert_true (nd_component_info_has_prop ("some_kit", "Card", "anything"));
  g_assert_true (nd_component_info_has_prop ("some_kit", "Card", "setProps"));
  g_assert_null (nd_component_info_get_props ("some_kit", "Card"));
  g_assert_true (nd_component_info_has_type (NULL, NULL));
  g_assert_true (nd_component_info_has_prop (NULL, "X", "y"));
  g_assert_false (nd_component_info_knows_namespace ("some_kit"));
}

static JsonArray *
json_entry (JsonObject *root,
            const char *ns,
            const char *type)
{
  JsonObject *ns_obj;
  JsonNode *node;

  if (!json_object_has_member (root, ns))
    return NULL;
  ns_obj = json_object_get_object_member (root, ns);
  node = json_object_get_member (ns_obj, type);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static char *
json_entry_text (JsonObject *root,
                 const char *ns,
                 const char *type)
{
  JsonArray *arr = json_entry (root, ns, type);
  GString *s;

  if (arr == NULL)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", json_array_get_string_element (arr, i));
  return g_string_free (s, FALSE);
}

static void
test_json (void)
{
  g_autoptr (JsonNode) node = nd_component_info_children_props_json ();
  JsonObject *root;
  g_autofree char *tab = NULL, *dropdown = NULL, *clipboard = NULL, *div = NULL, *table = NULL;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  root = json_node_get_object (node);

  tab = json_entry_text (root, DCC, "Tab");
  g_assert_cmpstr (tab, ==, "children,label");
  dropdown = json_entry_text (root, DCC, "Dropdown");
  g_assert_cmpstr (dropdown, ==, "options[].label");
  clipboard = json_entry_text (root, DCC, "Clipboard");
  g_assert_cmpstr (clipboard, ==, "children,copied_children");
  div = json_entry_text (root, HTML, "Div");
  g_assert_cmpstr (div, ==, "children");
  table = json_entry_text (root, TABLE, "DataTable");
  g_assert_cmpstr (table, ==, "");

  /* types without children props are left out (except DataTable) */
  g_assert_null (json_entry (root, DCC, "Graph"));
  g_assert_null (json_entry (root, DCC, "Input"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, DCC)), ==, 12);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, HTML)), ==, 125);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root, TABLE)), ==, 1);
}

static void
test_register (void)
{
  const char * const card_props[] = { "id", "children", "header", "title", "data-*", NULL };
  const char * const card_children[] = { "children", "header", NULL };
  const char * const badge_props[] = { "id", "children", NULL };
  const char * const empty[] = { NULL };
  const char * const *old_props;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *card = NULL, *any = NULL, *extra = NULL, *tab = NULL;

  g_assert_false (nd_component_info_knows_namespace ("test_kit"));
  g_assert_true (nd_component_info_has_type ("test_kit", "Badge"));

  nd_component_info_register ("test_kit", "Card", card_props, card_children);
  g_assert_true (nd_component_info_knows_namespace ("test_kit"));
  g_assert_true (nd_component_info_has_type ("test_kit", "Card"));
  /* now the namespace is known: other types are rejected */
  g_assert_false (nd_component_info_has_type ("test_kit", "Badge"));
  g_assert_false (nd_component_info_has_prop ("test_kit", "Badge", "id"));
  g_assert_true (nd_component_info_has_prop ("test_kit", "Card", "header"));
  g_assert_true (nd_component_info_has_prop ("test_kit", "Card", "data-x"));
  g_assert_false (nd_component_info_has_prop ("test_kit", "Card", "aria-x"));
  g_assert_false (nd_component_info_has_prop ("test_kit", "Card", "footer"));
  assert_strv (nd_component_info_get_children_props ("test_kit", "Card"), "children", "header", NULL);
  assert_strv (nd_component_info_get_props ("test_kit", "Card"),
               "id", "children", "header", "title", "data-*", NULL);
  g_assert_null (nd_component_info_get_persisted_props ("test_kit", "Card"));
  g_assert_null (nd_component_info_get_persistence_type ("test_kit", "Card"));

  /* replacing keeps earlier lists readable */
  old_props = nd_component_info_get_props ("test_kit", "Card");
  nd_component_info_register ("test_kit", "Card", badge_props, NULL);
  g_assert_cmpstr (old_props[2], ==, "header");
  g_assert_false (nd_component_info_has_prop ("test_kit", "Card", "header"));
  g_assert_false (nd_component_info_has_prop ("test_kit", "Card", "data-x"));
  assert_strv (nd_component_info_get_children_props ("test_kit", "Card"), "children", NULL);

  /* NULL props: any prop; empty children: none */
  nd_component_info_register ("test_kit", "Any", NULL, empty);
  g_assert_true (nd_component_info_has_prop ("test_kit", "Any", "whatever"));
  g_assert_null (nd_component_info_get_props ("test_kit", "Any"));
  assert_strv (nd_component_info_get_children_props ("test_kit", "Any"), NULL);

  /* adding to a built-in namespace keeps the built-in types */
  nd_component_info_register (DCC, "ExtraWidget", badge_props, NULL);
  g_assert_true (nd_component_info_has_type (DCC, "ExtraWidget"));
  g_assert_true (nd_component_info_has_type (DCC, "Input"));
  g_assert_true (nd_component_info_has_prop (DCC, "Input", "n_submit"));
  g_assert_false (nd_component_info_has_type (DCC, "OtherWidget"));

  node = nd_component_info_children_props_json ();
  card = json_entry_text (json_node_get_object (node), "test_kit", "Card");
  g_assert_cmpstr (card, ==, "children");
  any = json_entry_text (json_node_get_object (node), "test_kit", "Any");
  g_assert_cmpstr (any, ==, "");
  extra = json_entry_text (json_node_get_object (node), DCC, "ExtraWidget");
  g_assert_cmpstr (extra, ==, "children");
  tab = json_entry_text (json_node_get_object (node), DCC, "Tab");
  g_assert_cmpstr (tab, ==, "children,label");
}

#define N_READERS 4
#define N_REGISTER 300

static gint stop_readers;
static gint reader_failures;

static gpointer
reader_thread (gpointer data)
{
  guint rounds = 0;

  while (!g_atomic_int_get (&stop_readers) || rounds < 100)
    {
      char type[32];

      if (!nd_component_info_has_prop (HTML, "Div", "n_clicks") ||
          !nd_component_info_has_prop (DCC, "Input", "value") ||
          nd_component_info_has_prop (DCC, "Input", "n_clicks") ||
          !nd_component_info_has_type (TABLE, "DataTable") ||
          nd_component_info_get_children_props (DCC, "Tab")[1] == NULL)
        g_atomic_int_inc (&reader_failures);

      g_snprintf (type, sizeof type, "T%u", rounds % N_REGISTER);
      /* Types are only ever added: once the namespace is known and the
       * type seen, its lists must be there. */
      if (nd_component_info_knows_namespace ("thread_kit") &&
          nd_component_info_has_type ("thread_kit", type))
        {
          const char * const *props = nd_component_info_get_props ("thread_kit", type);
          const char * const *children = nd_component_info_get_children_props ("thread_kit", type);

          if (props == NULL || g_strcmp0 (props[0], "id") != 0 || children[0] == NULL)
            g_atomic_int_inc (&reader_failures);
        }
      if (rounds % 16 == 0)
        {
          JsonNode *node = nd_component_info_children_props_json ();
          json_node_unref (node);
        }
      rounds++;
    }
  return NULL;
}

static void
test_threads (void)
{
  const char * const props[] = { "id", "children", "value", NULL };
  GThread *threads[N_READERS];

  for (guint i = 0; i < N_READERS; i++)
    threads[i] = g_thread_new ("reader", reader_thread, NULL);
  for (guint i = 0; i < N_REGISTER; i++)
    {
      char type[32];

      g_snprintf (type, sizeof type, "T%u", i);
      nd_component_info_register ("thread_kit", type, props, NULL);
      if (i % 50 == 0)
        nd_component_info_register ("thread_kit", "T0", props, NULL);
    }
  g_atomic_int_set (&stop_readers, 1);
  for (guint i = 0; i < N_READERS; i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (g_atomic_int_get (&reader_failures), ==, 0);
  for (guint i = 0; i < N_REGISTER; i++)
    {
      char type[32];

      g_snprintf (type, sizeof type, "T%u", i);
      g_assert_true (nd_component_info_has_prop ("thread_kit", type, "value"));
    }
  g_assert_false (nd_component_info_has_type ("thread_kit", "T100000"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/component-info/namespaces", test_namespaces);
  g_test_add_func ("/component-info/html-types", test_html_types);
  g_test_add_func ("/component-info/html-props", test_html_props);
  g_test_add_func ("/component-info/dcc-types", test_dcc_types);
  g_test_add_func ("/component-info/dcc-props", test_dcc_props);
  g_test_add_func ("/component-info/table", test_table);
  g_test_add_func ("/component-info/children-props", test_children_props);
  g_test_add_func ("/component-info/persistence", test_persistence);
  g_test_add_func ("/component-info/unknown-namespace", test_unknown_namespace);
  g_test_add_func ("/component-info/children-props-json", test_json);
  /* These register types, so they run after the tests of built-in data. */
  g_test_add_func ("/component-info/register", test_register);
  g_test_add_func ("/component-info/threads", test_threads);

  return g_test_run ();
}
