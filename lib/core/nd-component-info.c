/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Component registry: which types and props Dash 4.3.0 declares for
 * dash_html_components, dash_core_components and dash_table, which props
 * hold components (the config's `children_props`), and the persistence
 * defaults.  Layout kits add their types at run time with
 * nd_component_info_register().
 *
 * The built-in tables are static; the lookup tables over them are built
 * once and never change, so reading them needs no lock.  Registered types
 * live in a separate overlay behind a GRWLock; an overlay entry is never
 * freed (a replaced one is kept), so the lists handed out stay valid for
 * the life of the process.  No lookup allocates.
 */
#include "config.h"

#include "nd-component-info.h"

#include <stdlib.h>
#include <string.h>

#define NS_HTML  "dash_html_components"
#define NS_DCC   "dash_core_components"
#define NS_TABLE "dash_table"

/* A NULL-terminated list of prop names, as a static compound literal. */
#define P(...) ((const char * const []) { __VA_ARGS__, NULL })

static const char * const no_props[] = { NULL };
static const char * const children_only[] = { "children", NULL };

/* ------------------------------------------------------------------------
 * dash_html_components
 * ------------------------------------------------------------------------ */

/* Props every html element accepts (Dash's generator adds the Dash ones to
 * the React global attributes).  `contextMenu` was dropped from newer
 * generators; it is kept so older layouts still validate. */
static const char * const html_global_props[] = {
  "id", "children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks",
  "key", "accessKey", "className", "contentEditable", "contextMenu", "dir",
  "draggable", "hidden", "lang", "role", "spellCheck", "style", "tabIndex",
  "title", "loading_state",
  NULL
};

typedef struct
{
  const char *name;
  const char * const *attrs;    /* element-specific attributes, or NULL */
} HtmlElement;

static const HtmlElement html_elements[] = {
  { "A", P ("download", "href", "hrefLang", "media", "referrerPolicy", "rel", "shape", "target") },
  { "Abbr", NULL },
  { "Acronym", NULL },
  { "Address", NULL },
  { "Area", P ("alt", "coords", "download", "href", "hrefLang", "media", "referrerPolicy", "rel",
               "shape", "target") },
  { "Article", NULL },
  { "Aside", NULL },
  { "Audio", P ("autoPlay", "controls", "crossOrigin", "loop", "muted", "preload", "src") },
  { "B", NULL },
  { "Base", P ("href", "target") },
  { "Basefont", NULL },
  { "Bdi", NULL },
  { "Bdo", NULL },
  { "Big", NULL },
  { "Blink", NULL },
  { "Blockquote", P ("cite") },
  { "Br", NULL },
  { "Button", P ("autoFocus", "disabled", "form", "formAction", "formEncType", "formMethod",
                 "formNoValidate", "formTarget", "name", "type", "value") },
  { "Canvas", P ("height", "width") },
  { "Caption", NULL },
  { "Center", NULL },
  { "Cite", NULL },
  { "Code", NULL },
  { "Col", P ("span") },
  { "Colgroup", P ("span") },
  { "Content", NULL },
  { "Data", P ("value") },
  { "Datalist", NULL },
  { "Dd", NULL },
  { "Del", P ("cite", "dateTime") },
  { "Details", P ("open") },
  { "Dfn", NULL },
  { "Dialog", P ("open") },
  { "Div", NULL },
  { "Dl", NULL },
  { "Dt", NULL },
  { "Em", NULL },
  { "Embed", P ("height", "src", "type", "width") },
  { "Fieldset", P ("disabled", "form", "name") },
  { "Figcaption", NULL },
  { "Figure", NULL },
  { "Font", NULL },
  { "Footer", NULL },
  { "Form", P ("accept", "acceptCharset", "action", "autoComplete", "encType", "method", "name",
               "noValidate", "target") },
  { "Frame", NULL },
  { "Frameset", NULL },
  { "H1", NULL },
  { "H2", NULL },
  { "H3", NULL },
  { "H4", NULL },
  { "H5", NULL },
  { "H6", NULL },
  { "Header", NULL },
  { "Hgroup", NULL },
  { "Hr", NULL },
  { "I", NULL },
  { "Iframe", P ("allow", "height", "loading", "name", "referrerPolicy", "sandbox", "src", "srcDoc",
                 "width") },
  { "Img", P ("alt", "crossOrigin", "decoding", "height", "loading", "referrerPolicy", "sizes", "src",
              "srcSet", "useMap", "width") },
  { "Ins", P ("cite", "dateTime") },
  { "Kbd", NULL },
  /* Older generators gave Keygen its form attributes; newer ones none. */
  { "Keygen", P ("autoFocus", "challenge", "disabled", "form", "keyType", "name") },
  { "Label", P ("form", "htmlFor") },
  { "Legend", NULL },
  { "Li", P ("value") },
  { "Link", P ("crossOrigin", "href", "hrefLang", "integrity", "media", "referrerPolicy", "rel",
               "sizes", "type") },
  { "Main", NULL },
  { "MapEl", P ("name") },
  { "Mark", NULL },
  { "Marquee", P ("loop") },
  { "Meta", P ("charSet", "content", "httpEquiv", "name") },
  { "Meter", P ("form", "high", "low", "max", "min", "optimum", "value") },
  { "Nav", NULL },
  { "Nobr", NULL },
  { "Noscript", NULL },
  { "ObjectEl", P ("data", "form", "height", "name", "type", "useMap", "width") },
  { "Ol", P ("reversed", "start", "type") },
  { "Optgroup", P ("disabled", "label") },
  { "Option", P ("disabled", "label", "selected", "value") },
  { "Output", P ("form", "htmlFor", "name") },
  { "P", NULL },
  { "Param", P ("name", "value") },
  { "Picture", NULL },
  { "Plaintext", NULL },
  { "Pre", NULL },
  { "Progress", P ("form", "max", "value") },
  { "Q", P ("cite") },
  { "Rb", NULL },
  { "Rp", NULL },
  { "Rt", NULL },
  { "Rtc", NULL },
  { "Ruby", NULL },
  { "S", NULL },
  { "Samp", NULL },
  { "Script", P ("async", "charSet", "crossOrigin", "defer", "integrity", "noModule",
                 "referrerPolicy", "src", "type") },
  { "Section", NULL },
  { "Select", P ("autoComplete", "autoFocus", "disabled", "form", "multiple", "name", "required",
                 "size") },
  { "Shadow", NULL },
  { "Slot", NULL },
  { "Small", NULL },
  { "Source", P ("media", "sizes", "src", "srcSet", "type") },
  { "Spacer", NULL },
  { "Span", NULL },
  { "Strike", NULL },
  { "Strong", NULL },
  { "Sub", NULL },
  { "Summary", NULL },
  { "Sup", NULL },
  { "Table", NULL },
  { "Tbody", NULL },
  { "Td", P ("colSpan", "headers", "rowSpan") },
  { "Template", NULL },
  { "Textarea", P ("autoComplete", "autoFocus", "cols", "disabled", "form", "inputMode",
                   "maxLength", "minLength", "name", "placeholder", "readOnly", "required", "rows",
                   "wrap") },
  { "Tfoot", NULL },
  { "Th", P ("colSpan", "headers", "rowSpan", "scope") },
  { "Thead", NULL },
  { "Time", P ("dateTime") },
  { "Title", NULL },
  { "Tr", NULL },
  { "Track", P ("default", "kind", "label", "src", "srcLang") },
  { "U", NULL },
  { "Ul", NULL },
  { "Var", NULL },
  { "Video", P ("autoPlay", "controls", "crossOrigin", "height", "loop", "muted", "poster", "preload",
                "src", "width") },
  { "Wbr", NULL },
  { "Xmp", NULL },
};

/* ------------------------------------------------------------------------
 * dash_core_components and dash_table
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char * const *props;
  const char * const *children;   /* NULL: none */
  const char * const *persisted;  /* NULL: no persistence */
} TypeDef;

/* Every dcc type whose props extend BaseDccProps accepts these. */
#define DCC_BASE "id", "className", "style", "loading_state"
#define PERSIST "persistence", "persisted_props", "persistence_type"
/* The React global attributes some dcc form widgets pass through. */
#define DCC_GLOBALS "accessKey", "contentEditable", "contextMenu", "dir", "draggable", "hidden", \
                    "lang", "role", "spellCheck", "tabIndex", "title"
#define SLIDER_COMMON "min", "max", "step", "marks", "value", "drag_value", "disabled", "dots", \
                      "included", "reverse", "tooltip", "updatemode", "vertical", \
                      "verticalHeight", "allow_direct_input"
#define CHOICES_COMMON "options", "value", "inline", "inputStyle", "inputClassName", \
                       "labelStyle", "labelClassName"
#define DATE_COMMON "min_date_allowed", "max_date_allowed", "disabled_days", \
                    "initial_visible_month", "placeholder", "clearable", \
                    "reopen_calendar_on_clear", "display_format", "month_format", \
                    "first_day_of_week", "show_outside_days", "stay_open_on_select", \
                    "calendar_orientation", "number_of_months_shown", "with_portal", \
                    "with_full_screen_portal", "day_size", "is_RTL", "disabled"
#define CONFIRM_COMMON "message", "submit_n_clicks", "submit_n_clicks_timestamp", \
                       "cancel_n_clicks", "cancel_n_clicks_timestamp", "displayed"

static const char * const persist_value[] = { "value", NULL };
static const char * const options_label[] = { "options[].label", NULL };

static const TypeDef dcc_types[] = {
  { "Button",
    P (DCC_BASE, PERSIST, DCC_GLOBALS, "children", "type", "autoFocus", "disabled", "form",
       "formAction", "formEncType", "formMethod", "formNoValidate", "formTarget", "name", "value",
       "n_blur", "n_blur_timestamp", "n_clicks", "n_clicks_timestamp"),
    children_only, NULL },
  { "Checklist",
    P (DCC_BASE, PERSIST, CHOICES_COMMON),
    options_label, persist_value },
  { "Clipboard",
    P (DCC_BASE, "children", "copied_children", "target_id", "content", "html_content",
       "n_clicks", "title"),
    P ("children", "copied_children"), NULL },
  { "ConfirmDialog",
    P ("id", "loading_state", CONFIRM_COMMON),
    NULL, NULL },
  { "ConfirmDialogProvider",
    P ("id", "loading_state", "children", CONFIRM_COMMON),
    children_only, NULL },
  { "DatePickerRange",
    P (DCC_BASE, PERSIST, DATE_COMMON, "start_date", "end_date", "minimum_nights", "updatemode",
       "start_date_placeholder_text", "end_date_placeholder_text", "start_date_id",
       "end_date_id"),
    NULL, P ("start_date", "end_date") },
  { "DatePickerSingle",
    P (DCC_BASE, PERSIST, DATE_COMMON, "date"),
    NULL, P ("date") },
  { "Download",
    P ("id", "data", "base64", "type"),
    NULL, NULL },
  { "Dropdown",
    P (DCC_BASE, PERSIST, "options", "value", "multi", "clearable", "searchable", "search_value",
       "placeholder", "disabled", "closeOnSelect", "optionHeight", "maxHeight", "labels",
       "debounce", "search_order"),
    options_label, persist_value },
  { "Geolocation",
    P ("id", "local_date", "timestamp", "position", "position_error", "show_alert", "update_now",
       "high_accuracy", "maximum_age", "timeout"),
    NULL, NULL },
  { "Graph",
    P (DCC_BASE, "figure", "config", "responsive", "animate", "animation_options",
       "clear_on_unhover", "mathjax", "clickData", "clickAnnotationData", "hoverData",
       "selectedData", "relayoutData", "restyleData", "extendData", "prependData"),
    NULL, NULL },
  { "Input",
    P (DCC_BASE, PERSIST, "value", "type", "debounce", "placeholder", "n_submit",
       "n_submit_timestamp", "n_blur", "n_blur_timestamp", "inputMode", "autoComplete",
       "readOnly", "required", "autoFocus", "disabled", "list", "multiple", "spellCheck", "name",
       "min", "max", "step", "minLength", "maxLength", "pattern", "selectionStart",
       "selectionEnd", "selectionDirection", "size"),
    NULL, persist_value },
  { "Interval",
    P ("id", "interval", "disabled", "n_intervals", "max_intervals"),
    NULL, NULL },
  { "Link",
    P (DCC_BASE, "children", "href", "target", "refresh", "title"),
    children_only, NULL },
  { "Loading",
    P (DCC_BASE, PERSIST, "children", "type", "fullscreen", "debug", "parent_className",
       "parent_style", "overlay_style", "color", "display", "delay_hide", "delay_show",
       "show_initially", "target_components", "custom_spinner"),
    P ("children", "custom_spinner"), NULL },
  { "Location",
    P ("id", "pathname", "search", "hash", "href", "refresh"),
    NULL, NULL },
  { "Markdown",
    P (DCC_BASE, "children", "dedent", "dangerously_allow_html", "link_target", "mathjax",
       "highlight_config"),
    NULL, NULL },
  { "RadioItems",
    P (DCC_BASE, PERSIST, CHOICES_COMMON),
    options_label, persist_value },
  { "RangeSlider",
    P (DCC_BASE, PERSIST, SLIDER_COMMON, "allowCross", "pushable", "count"),
    NULL, persist_value },
  { "Slider",
    P (DCC_BASE, PERSIST, SLIDER_COMMON),
    NULL, persist_value },
  { "Store",
    P ("id", "storage_type", "data", "clear_data", "modified_timestamp"),
    NULL, NULL },
  { "Tab",
    P (DCC_BASE, PERSIST, "label", "children", "value", "disabled", "disabled_style",
       "disabled_className", "selected_className", "selected_style", "width"),
    P ("children", "label"), NULL },
  { "Tabs",
    P (DCC_BASE, PERSIST, "value", "children", "content_className", "parent_className",
       "parent_style", "content_style", "vertical", "mobile_breakpoint", "colors"),
    children_only, persist_value },
  { "Textarea",
    P (DCC_BASE, PERSIST, DCC_GLOBALS, "value", "autoFocus", "cols", "disabled", "form",
       "maxLength", "minLength", "name", "placeholder", "readOnly", "required", "rows", "wrap",
       "n_blur", "n_blur_timestamp", "n_clicks", "n_clicks_timestamp"),
    NULL, persist_value },
  { "Tooltip",
    P (DCC_BASE, "children", "bbox", "show", "direction", "border_color", "background_color",
       "loading_text", "zindex", "targetable"),
    children_only, NULL },
  { "Upload",
    P (DCC_BASE, "children", "contents", "filename", "last_modified", "accept", "disabled",
       "disable_click", "enable_folder_selection", "max_size", "min_size", "multiple",
       "className_active", "className_reject", "className_disabled", "style_active",
       "style_reject", "style_disabled"),
    children_only, NULL },
};

static const TypeDef table_types[] = {
  { "DataTable",
    P ("id", "data", "columns", "editable", "fixed_columns", "fixed_rows", "column_selectable",
       "cell_selectable", "row_selectable", "row_deletable", "active_cell", "selected_cells",
       "selected_rows", "selected_columns", "selected_row_ids", "start_cell", "end_cell",
       "data_previous", "hidden_columns", "is_focused", "merge_duplicate_headers",
       "data_timestamp", "include_headers_on_copy_paste", "export_columns", "export_format",
       "export_headers", "page_action", "page_current", "page_count", "page_size",
       "filter_query", "filter_action", "filter_options", "sort_action", "sort_mode", "sort_by",
       "sort_as_null", "dropdown", "dropdown_conditional", "dropdown_data", "tooltip",
       "tooltip_conditional", "tooltip_data", "tooltip_header", "tooltip_delay",
       "tooltip_duration", "locale_format", "style_as_list_view", "fill_width",
       "markdown_options", "css", "style_table", "style_cell", "style_data", "style_filter",
       "style_header", "style_cell_conditional", "style_data_conditional",
       "style_filter_conditional", "style_header_conditional", "virtualization",
       "derived_filter_query_structure", "derived_viewport_data", "derived_viewport_indices",
       "derived_viewport_row_ids", "derived_viewport_selected_columns",
       "derived_viewport_selected_rows", "derived_viewport_selected_row_ids",
       "derived_virtual_data", "derived_virtual_indices", "derived_virtual_row_ids",
       "derived_virtual_selected_rows", "derived_virtual_selected_row_ids", "loading_state",
       PERSIST),
    no_props,
    P ("columns.name", "filter_query", "hidden_columns", "page_current", "selected_columns",
       "selected_rows", "sort_by") },
};

#undef P

/* ------------------------------------------------------------------------
 * Lookup tables
 * ------------------------------------------------------------------------ */

typedef struct
{
  char *name;                      /* owned by registered entries only */
  const char * const *props;       /* full list; NULL: any prop */
  GHashTable *prop_set;            /* the same names as a set; NULL: any prop */
  const char * const *children;    /* never NULL */
  const char * const *persisted;   /* NULL: no persistence */
  guint data_wildcard : 1;         /* accepts data-* names */
  guint aria_wildcard : 1;         /* accepts aria-* names */
  guint in_json : 1;               /* listed in children_props even when empty */
} TypeInfo;

/* namespace → (type → TypeInfo *); built once, read without a lock */
static GHashTable *builtin_namespaces;

/* The overlay of registered types: namespace → (type → TypeInfo *). */
static GRWLock registry_lock;
static GHashTable *registered_namespaces;
static GPtrArray *registered_infos;   /* keeps replaced entries alive */
static gint n_registered;             /* lets lookups skip the lock while 0 */

static GHashTable *
prop_set_new (const char * const *props)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; props[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) props[i]);
  return set;
}

static GHashTable *
build_html (void)
{
  GHashTable *types = g_hash_table_new (g_str_hash, g_str_equal);
  TypeInfo *infos = g_new0 (TypeInfo, G_N_ELEMENTS (html_elements));
  GHashTable *global_set = prop_set_new (html_global_props);
  guint n_global = g_strv_length ((char **) html_global_props);

  for (guint i = 0; i < G_N_ELEMENTS (html_elements); i++)
    {
      const HtmlElement *el = &html_elements[i];
      TypeInfo *info = &infos[i];

      info->name = (char *) el->name;
      info->children = children_only;
      info->data_wildcard = TRUE;
      info->aria_wildcard = TRUE;
      info->in_json = TRUE;
      if (el->attrs == NULL)
        {
          /* Most elements have no attributes of their own: share the set. */
          info->props = html_global_props;
          info->prop_set = g_hash_table_ref (global_set);
        }
      else
        {
          guint n_own = g_strv_length ((char **) el->attrs);
          const char **all = g_new (const char *, n_global + n_own + 1);

          memcpy (all, html_global_props, n_global * sizeof (char *));
          memcpy (all + n_global, el->attrs, (n_own + 1) * sizeof (char *));
          info->props = all;
          info->prop_set = prop_set_new (all);
        }
      g_hash_table_insert (types, info->name, info);
    }
  g_hash_table_unref (global_set);
  return types;
}

static GHashTable *
build_types (const TypeDef *defs,
             guint          n_defs,
             gboolean       always_in_json)
{
  GHashTable *types = g_hash_table_new (g_str_hash, g_str_equal);
  TypeInfo *infos = g_new0 (TypeInfo, n_defs);

  for (guint i = 0; i < n_defs; i++)
    {
      TypeInfo *info = &infos[i];

      info->name = (char *) defs[i].name;
      info->props = defs[i].props;
      info->prop_set = prop_set_new (defs[i].props);
      info->children = defs[i].children ? defs[i].children : no_props;
      info->persisted = defs[i].persisted;
      info->in_json = always_in_json || info->children[0] != NULL;
      g_hash_table_insert (types, info->name, info);
    }
  return types;
}

/* Builds the built-in tables on first use.  Same contract as g_once, but
 * published through an atomic flag in this file so that thread sanitizers
 * (which do not see inside libglib) can follow it. */
static void
ensure_builtin (void)
{
  static gint ready = 0;
  static GMutex init_lock;

  if (G_LIKELY (g_atomic_int_get (&ready)))
    return;

  g_mutex_lock (&init_lock);
  if (!g_atomic_int_get (&ready))
    {
      builtin_namespaces = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (builtin_namespaces, (gpointer) NS_HTML, build_html ());
      g_hash_table_insert (builtin_namespaces, (gpointer) NS_DCC,
                           build_types (dcc_types, G_N_ELEMENTS (dcc_types), FALSE));
      /* DataTable holds no components, but Dash still lists it (as []). */
      g_hash_table_insert (builtin_namespaces, (gpointer) NS_TABLE,
                           build_types (table_types, G_N_ELEMENTS (table_types), TRUE));
      g_atomic_int_set (&ready, 1);
    }
  g_mutex_unlock (&init_lock);
}

/* Finds a type, registered entries first.  Sets *ns_known when the
 * namespace is built in or has registered types. */
static const TypeInfo *
lookup (const char *namespace_,
        const char *type,
        gboolean   *ns_known)
{
  GHashTable *types;
  const TypeInfo *info = NULL;

  *ns_known = FALSE;
  if (namespace_ == NULL)
    return NULL;
  ensure_builtin ();

  if (g_atomic_int_get (&n_registered) > 0)
    {
      g_rw_lock_reader_lock (&registry_lock);
      types = g_hash_table_lookup (registered_namespaces, namespace_);
      if (types != NULL)
        {
          *ns_known = TRUE;
          if (type != NULL)
            info = g_hash_table_lookup (types, type);
        }
      g_rw_lock_reader_unlock (&registry_lock);
      /* Entries are never freed, so using one after unlocking is safe. */
      if (info != NULL)
        return info;
    }

  types = g_hash_table_lookup (builtin_namespaces, namespace_);
  if (types == NULL)
    return NULL;
  *ns_known = TRUE;
  return type != NULL ? g_hash_table_lookup (types, type) : NULL;
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

/**
 * nd_component_info_knows_namespace:
 * @namespace_: a component namespace, e.g. `dash_core_components`
 *
 * Returns: %TRUE for the built-in namespaces and for any namespace that
 *   has had a type registered
 */
gboolean
nd_component_info_knows_namespace (const char *namespace_)
{
  gboolean known;

  lookup (namespace_, NULL, &known);
  return known;
}

/**
 * nd_component_info_has_type:
 * @namespace_: a component namespace
 * @type: a component type name, e.g. `Div`
 *
 * Returns: %TRUE if @type is known in @namespace_, or if @namespace_ is
 *   unknown (its types cannot be checked)
 */
gboolean
nd_component_info_has_type (const char *namespace_,
                            const char *type)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  return info != NULL || !known;
}

/**
 * nd_component_info_has_prop:
 * @namespace_: a component namespace
 * @type: a component type name
 * @prop: a prop name
 *
 * Whether the type declares @prop.  html elements also accept any
 * `data-*` and `aria-*` name, and so do registered types whose prop list
 * contains `"data-*"` / `"aria-*"`.
 *
 * Returns: %TRUE if the type declares @prop, if the namespace is unknown,
 *   or if the type was registered without a prop list; %FALSE for an
 *   unknown type in a known namespace
 */
gboolean
nd_component_info_has_prop (const char *namespace_,
                            const char *type,
                            const char *prop)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  if (info == NULL)
    return !known;
  if (info->prop_set == NULL)
    return TRUE;
  if (prop == NULL)
    return FALSE;
  if (g_hash_table_contains (info->prop_set, prop))
    return TRUE;
  return (info->data_wildcard && g_str_has_prefix (prop, "data-")) ||
         (info->aria_wildcard && g_str_has_prefix (prop, "aria-"));
}

/**
 * nd_component_info_get_props:
 * @namespace_: a component namespace
 * @type: a component type name
 *
 * For html elements the list is the global props followed by the
 * element's own attributes; the `data-*` / `aria-*` wildcards are not
 * listed.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the props
 *   the type declares, or %NULL for an unknown type or a type registered
 *   without a prop list
 */
const char * const *
nd_component_info_get_props (const char *namespace_,
                             const char *type)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  return info != NULL ? info->props : NULL;
}

/**
 * nd_component_info_get_children_props:
 * @namespace_: a component namespace
 * @type: a component type name
 *
 * The props that may hold components, as paths in Dash's `children_props`
 * syntax (`options[].label`).
 *
 * Returns: (transfer none) (array zero-terminated=1): never %NULL; empty
 *   for known types without such props, `{"children"}` for unknown types
 */
const char * const *
nd_component_info_get_children_props (const char *namespace_,
                                      const char *type)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  return info != NULL ? info->children : children_only;
}

/**
 * nd_component_info_get_persisted_props:
 * @namespace_: a component namespace
 * @type: a component type name
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   default `persisted_props`, or %NULL if the type has no persistence
 */
const char * const *
nd_component_info_get_persisted_props (const char *namespace_,
                                       const char *type)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  return info != NULL ? info->persisted : NULL;
}

/**
 * nd_component_info_get_persistence_type:
 * @namespace_: a component namespace
 * @type: a component type name
 *
 * Returns: (transfer none) (nullable): the default `persistence_type`
 *   (`"local"` for every built-in persistable type), or %NULL if the type
 *   has no persistence
 */
const char *
nd_component_info_get_persistence_type (const char *namespace_,
                                        const char *type)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  return info != NULL && info->persisted != NULL ? "local" : NULL;
}

static JsonNode *
strv_to_array_node (const char * const *strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);
  return node;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds the listed types of one namespace, sorted so the config text does
 * not depend on hash order.  A later call for the same namespace (the
 * registered overlay) replaces entries of the same type. */
static void
add_namespace_json (JsonObject *root,
                    const char *namespace_,
                    GHashTable *types)
{
  guint n = 0;
  g_autofree gpointer *names = g_hash_table_get_keys_as_array (types, &n);
  JsonObject *ns_obj = NULL;

  qsort (names, n, sizeof (gpointer), compare_names);
  for (guint i = 0; i < n; i++)
    {
      const TypeInfo *info = g_hash_table_lookup (types, names[i]);

      if (!info->in_json)
        continue;
      if (ns_obj == NULL)
        {
          if (json_object_has_member (root, namespace_))
            ns_obj = json_object_get_object_member (root, namespace_);
          else
            {
              ns_obj = json_object_new ();
              json_object_set_object_member (root, namespace_, ns_obj);
            }
        }
      json_object_set_member (ns_obj, info->name, strv_to_array_node (info->children));
    }
}

/**
 * nd_component_info_children_props_json:
 *
 * The `children_props` field of Dash's renderer config: namespace → type →
 * list of paths.  Lists every known type with at least one children prop,
 * `dash_table.DataTable` (as `[]`) and every registered type.
 *
 * Returns: (transfer full): a new JSON object node
 */
JsonNode *
nd_component_info_children_props_json (void)
{
  static const char * const builtin_order[] = { NS_DCC, NS_HTML, NS_TABLE };
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  ensure_builtin ();
  for (guint i = 0; i < G_N_ELEMENTS (builtin_order); i++)
    add_namespace_json (root, builtin_order[i],
                        g_hash_table_lookup (builtin_namespaces, builtin_order[i]));

  if (g_atomic_int_get (&n_registered) > 0)
    {
      guint n = 0;
      g_autofree gpointer *names = NULL;

      g_rw_lock_reader_lock (&registry_lock);
      names = g_hash_table_get_keys_as_array (registered_namespaces, &n);
      qsort (names, n, sizeof (gpointer), compare_names);
      for (guint i = 0; i < n; i++)
        add_namespace_json (root, names[i],
                            g_hash_table_lookup (registered_namespaces, names[i]));
      g_rw_lock_reader_unlock (&registry_lock);
    }

  json_node_take_object (node, root);
  return node;
}

/**
 * nd_component_info_register:
 * @namespace_: the component namespace, e.g. `dash_bootstrap_components`
 * @type: the component type name
 * @props: (nullable) (array zero-terminated=1): the props the type
 *   declares; %NULL accepts any prop.  Include `"data-*"` and/or
 *   `"aria-*"` to accept those wildcard names.
 * @children_props: (nullable) (array zero-terminated=1): the props that
 *   may hold components (`children_props` path syntax); %NULL means
 *   `{"children"}`, an empty list means none
 *
 * Adds a type, or replaces a known one (built-in or registered).  From then
 * on @namespace_ is known, so types of it that were never registered are
 * rejected.  Registered types have no persistence defaults.  The lists are
 * copied.  Safe to call while other threads look types up; lists returned
 * earlier for a replaced type stay valid.
 */
void
nd_component_info_register (const char         *namespace_,
                            const char         *type,
                            const char * const *props,
                            const char * const *children_props)
{
  TypeInfo *info;
  GHashTable *types;

  g_return_if_fail (namespace_ != NULL);
  g_return_if_fail (type != NULL);

  ensure_builtin ();

  info = g_new0 (TypeInfo, 1);
  info->name = g_strdup (type);
  if (props != NULL)
    {
      info->props = (const char * const *) g_strdupv ((char **) props);
      info->prop_set = prop_set_new (info->props);
      info->data_wildcard = g_strv_contains (props, "data-*");
      info->aria_wildcard = g_strv_contains (props, "aria-*");
    }
  info->children = (const char * const *)
    g_strdupv ((char **) (children_props ? children_props : children_only));
  info->in_json = TRUE;

  g_rw_lock_writer_lock (&registry_lock);
  if (registered_namespaces == NULL)
    {
      registered_namespaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) g_hash_table_unref);
      registered_infos = g_ptr_array_new ();
    }
  types = g_hash_table_lookup (registered_namespaces, namespace_);
  if (types == NULL)
    {
      types = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (registered_namespaces, g_strdup (namespace_), types);
    }
  /* The replaced entry stays in registered_infos: a reader may hold it. */
  g_hash_table_replace (types, info->name, info);
  g_ptr_array_add (registered_infos, info);
  g_rw_lock_writer_unlock (&registry_lock);

  g_atomic_int_inc (&n_registered);
}

static int
compare_type_names (const void *a, const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * nd_component_info_list_types:
 * @namespace_: a namespace, e.g. "dash_html_components"
 *
 * Returns: (transfer full) (nullable): the built-in type names of
 *   @namespace_, sorted, or %NULL for a namespace ndash does not know
 */
char **
nd_component_info_list_types (const char *namespace_)
{
  GHashTable *types;
  GStrvBuilder *builder;
  GHashTableIter it;
  gpointer key;
  char **out;

  ensure_builtin ();
  types = g_hash_table_lookup (builtin_namespaces, namespace_);
  if (types == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  g_hash_table_iter_init (&it, types);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_strv_builder_add (builder, key);
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  qsort (out, g_strv_length (out), sizeof (char *), compare_type_names);
  return out;
}

/* Stands for every type of a namespace ndash does not know: any prop. */
static const TypeInfo any_type = { NULL, NULL, NULL, children_only, NULL, 0, 0, 0 };

/**
 * nd_component_info_lookup: (skip)
 * @namespace_: a component namespace
 * @type: a component type name
 *
 * For code that asks about one type many times: look it up once.
 *
 * Returns: (nullable): the type's info, an "any prop" info for a
 *   namespace ndash does not know, %NULL for an unknown type of a known
 *   namespace
 */
const NdComponentInfo *
nd_component_info_lookup (const char *namespace_, const char *type)
{
  gboolean known;
  const TypeInfo *info = lookup (namespace_, type, &known);

  if (info == NULL && !known)
    info = &any_type;
  return (const NdComponentInfo *) info;
}

/** nd_component_info_type_has_prop: (skip) */
gboolean
nd_component_info_type_has_prop (const NdComponentInfo *info, const char *prop)
{
  const TypeInfo *t = (const TypeInfo *) info;

  if (t == NULL || prop == NULL)
    return FALSE;
  if (t->prop_set == NULL || g_hash_table_contains (t->prop_set, prop))
    return TRUE;
  return (t->data_wildcard && g_str_has_prefix (prop, "data-")) ||
         (t->aria_wildcard && g_str_has_prefix (prop, "aria-"));
}

/** nd_component_info_type_children_props: (skip) */
const char * const *
nd_component_info_type_children_props (const NdComponentInfo *info)
{
  return info ? ((const TypeInfo *) info)->children : children_only;
}
