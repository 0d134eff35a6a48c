/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The dcc components that are timers, files, dialogs and navigation
 * (components.md §3.7–§3.9, callback-semantics §14): Store, Interval,
 * Location and Link (the window's URL), Upload and Download (files),
 * ConfirmDialog(Provider), Clipboard, Tooltip and Loading.
 */
#include <string.h>

#include "nd-element.h"
#include "nd-kinds.h"
#include "nd-style.h"

G_GNUC_INTERNAL void nd_dcc_navigate (NdRenderer *renderer,
                                      GtkWidget  *widget,
                                      const char *href);

/* ---- shared ---- */

/* Components with no widget of their own (Store, Interval, Location,
 * Download, ConfirmDialog): nothing on screen, no room taken. */
static GtkWidget *
invisible_new (void)
{
  GtkWidget *w = nd_element_new ("template");

  gtk_widget_set_visible (w, FALSE);
  return w;
}

static const char misc_css[] =
  ".nd-loading > .nd-loading-content.dimmed { opacity: 0.35; }\n"
  ".nd-loading-overlay.fullscreen { background-color: alpha(@theme_base_color, 0.85); }\n"
  ".nd-loading-overlay spinner { color: #119dff; }\n"
  ".nd-clipboard { padding: 4px; min-height: 0; min-width: 0; }\n"
  /* the colour is html a's; GTK does not pass the underline on to the text */
  "a.nd-dcc-link label { text-decoration-line: underline; }\n"
  ".nd-upload.nd-upload-empty { border: 1px dashed alpha(currentColor, 0.35); border-radius: 6px;"
  " padding: 18px; }\n"
  ".nd-tooltip-content { padding: 2px 4px; }\n";

static void
ensure_css (void)
{
  nd_style_add_css (NULL, misc_css);
}


/* Calls @func when a GtkButton among @root's descendants is clicked. */
static void
connect_buttons (GtkWidget *root, GCallback func, gpointer data)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c))
        g_signal_connect (c, "clicked", func, data);
      else
        connect_buttons (c, func, data);
    }
}

/* ---- Store: the data lives in the session (callback-semantics §13) ---- */

static GtkWidget *
store_create (NdRenderer *renderer, JsonNode *component)
{
  return invisible_new ();
}

static gboolean
store_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  return TRUE;   /* nothing shows */
}

/* ---- Location and Link: the window's URL ---- */

static int syncing_locations;

/* The props window.location gives a dcc.Location for @uri. */
static JsonObject *
location_props (GUri *uri)
{
  JsonObject *props = json_object_new ();
  const char *query = g_uri_get_query (uri);
  const char *fragment = g_uri_get_fragment (uri);
  const char *path = g_uri_get_path (uri);
  g_autofree char *href = g_uri_to_string (uri);
  g_autofree char *search = query && *query ? g_strconcat ("?", query, NULL) : g_strdup ("");
  g_autofree char *hash = fragment && *fragment ? g_strconcat ("#", fragment, NULL) : g_strdup ("");

  json_object_set_string_member (props, "pathname", *path ? path : "/");
  json_object_set_string_member (props, "search", search);
  json_object_set_string_member (props, "hash", hash);
  json_object_set_string_member (props, "href", href);
  return props;
}

static gboolean
find_location (JsonNode *component, gpointer data)
{
  GPtrArray *ids = data;
  JsonNode *id = nd_component_get_id (component);

  if (id && g_strcmp0 (nd_component_get_namespace (component), ND_NAMESPACE_DCC) == 0 &&
      g_strcmp0 (nd_component_get_type (component), "Location") == 0)
    g_ptr_array_add (ids, nd_json_deep_copy (id));
  return TRUE;
}

/* Every dcc.Location in the layout reports the session's URL, as after
 * a navigation in the browser. */
static void
sync_locations (NdRenderer *renderer)
{
  NdSession *session = nd_renderer_get_session (renderer);
  g_autofree char *url = nd_session_get_url (session);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  if (uri == NULL)
    return;
  nd_layout_foreach_component (nd_session_get_layout (session), find_location, ids);
  syncing_locations++;
  for (guint i = 0; i < ids->len; i++)
    {
      JsonNode *id = g_ptr_array_index (ids, i);
      g_autofree char *id_text = nd_id_to_string (id);
      GtkWidget *widget = nd_renderer_lookup_widget (renderer, id_text);
      g_autoptr(JsonObject) props = location_props (uri);
      g_autoptr(GError) error = NULL;

      if (widget && !nd_renderer_is_applying (renderer))
        nd_renderer_report_props (renderer, widget, props);
      else if (!nd_session_set_props (session, id, props, &error))
        g_debug ("Location %s: %s", id_text, error->message);
    }
  syncing_locations--;
}

/* @href resolved against the window's URL, or NULL */
static GUri *
resolve (NdRenderer *renderer, const char *href)
{
  g_autofree char *base_text = nd_session_get_url (nd_renderer_get_session (renderer));
  g_autoptr(GUri) base = g_uri_parse (base_text, G_URI_FLAGS_NONE, NULL);

  return base ? g_uri_parse_relative (base, href, G_URI_FLAGS_NONE, NULL) : NULL;
}

/* Whether @href leaves the app: another scheme, host or port. */
static gboolean
is_external (NdRenderer *renderer, const char *href)
{
  g_autofree char *base_text = nd_session_get_url (nd_renderer_get_session (renderer));
  g_autoptr(GUri) base = g_uri_parse (base_text, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = NULL;

  if (g_uri_peek_scheme (href) == NULL && !g_str_has_prefix (href, "//"))
    return FALSE;
  uri = base ? g_uri_parse_relative (base, href, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL || base == NULL)
    return TRUE;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (base)) != 0 ||
         g_ascii_strcasecmp (g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                             g_uri_get_host (base) ? g_uri_get_host (base) : "") != 0 ||
         g_uri_get_port (uri) != g_uri_get_port (base);
}

/**
 * nd_dcc_navigate:
 * @renderer: the renderer
 * @widget: the widget the user activated
 * @href: where the link goes
 *
 * Follows a link as the browser would: another site (or scheme) opens
 * through nd_renderer_open_uri(), which blocks `javascript:` and friends;
 * a path of this app changes the window's URL and every dcc.Location
 * reports it (dcc.Link, Markdown links).
 */
void
nd_dcc_navigate (NdRenderer *renderer, GtkWidget *widget, const char *href)
{
  g_autoptr(GError) error = NULL;

  if (is_external (renderer, href))
    {
      nd_renderer_open_uri (renderer, widget, href);
      return;
    }
  if (!nd_session_set_url (nd_renderer_get_session (renderer), href, &error))
    {
      g_message ("cannot navigate to %s: %s", href, error->message);
      return;
    }
  sync_locations (renderer);
}

typedef struct {
  NdRenderer *renderer;
  GtkWidget *widget;
  guint idle;
} Location;

static void
location_free (gpointer data)
{
  Location *loc = data;

  g_clear_handle_id (&loc->idle, g_source_remove);
  g_free (loc);
}

static gboolean
location_sync_idle (gpointer data)
{
  Location *loc = data;

  loc->idle = 0;
  sync_locations (loc->renderer);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
location_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *widget = invisible_new ();
  Location *loc = g_new0 (Location, 1);

  loc->renderer = renderer;
  loc->widget = widget;
  g_object_set_data_full (G_OBJECT (widget), "nd-location", loc, location_free);
  return widget;
}

/* A callback set pathname, search, hash or href: the window goes there;
 * with refresh=True (a reload, here the same app at that URL) or
 * "callback-nav" every Location reports the new URL; with False the
 * history entry alone changes, as in the browser. */
static gboolean
location_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  static const char *const own[] = { "pathname", "search", "hash", "href", "refresh", NULL };
  Location *loc = g_object_get_data (G_OBJECT (widget), "nd-location");
  NdSession *session = nd_renderer_get_session (renderer);
  g_autofree char *target = NULL;
  g_autofree char *current = NULL, *next = NULL;
  g_autoptr(GUri) uri = NULL;
  JsonNode *refresh;

  if (!g_strv_contains (own, prop))
    return FALSE;
  if (g_str_equal (prop, "refresh") || syncing_locations)
    return TRUE;
  if (g_str_equal (prop, "href"))
    target = g_strdup (nd_prop_string (component, "href", ""));
  else
    {
      const char *path = nd_prop_string (component, "pathname", "");
      const char *search = nd_prop_string (component, "search", "");
      const char *hash = nd_prop_string (component, "hash", "");

      target = g_strconcat (*path ? path : "/",
                            *search && *search != '?' ? "?" : "", search,
                            *hash && *hash != '#' ? "#" : "", hash, NULL);
    }
  if (target == NULL || *target == '\0' || (uri = resolve (renderer, target)) == NULL)
    return TRUE;
  current = nd_session_get_url (session);
  next = g_uri_to_string (uri);
  if (g_strcmp0 (current, next) == 0)
    return TRUE;
  if (!nd_session_set_url (session, next, NULL))
    return TRUE;
  refresh = nd_component_get_prop (component, "refresh");
  if (refresh == NULL || JSON_NODE_HOLDS_NULL (refresh) || nd_json_is_truthy (refresh))
    {
      /* not from inside this prop change: report once it is applied */
      if (loc && loc->idle == 0)
        loc->idle = g_idle_add (location_sync_idle, loc);
    }
  return TRUE;
}

static void
link_activate (NdRenderer *renderer, GtkWidget *widget)
{
  JsonNode *component = nd_renderer_get_component (widget);
  const char *href = nd_prop_string (component, "href", NULL);

  /* any target: the app has one page */
  if (href && *href)
    nd_dcc_navigate (renderer, widget, href);
}

static void
on_link_released (GtkGestureClick *gesture, int n_press, double x, double y, NdRenderer *renderer)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  link_activate (renderer, widget);
}

static void
link_load (NdRenderer *renderer, GtkWidget *el, JsonNode *component)
{
  JsonNode *children = nd_component_get_prop (component, "children");
  const char *href = nd_prop_string (component, "href", "");

  if (children && !JSON_NODE_HOLDS_NULL (children))
    nd_renderer_render_children (renderer, el, children);
  else
    {
      /* no children: the href is the text, as Dash shows it */
      g_autoptr(JsonNode) text = nd_json_string (href);

      nd_renderer_render_children (renderer, el, text);
    }
  gtk_widget_set_tooltip_text (el, *href ? href : NULL);
}

static GtkWidget *
link_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("a");
  GtkGesture *click = gtk_gesture_click_new ();

  ensure_css ();
  gtk_widget_add_css_class (el, "nd-dcc-link");
  link_load (renderer, el, component);
  gtk_widget_set_cursor_from_name (el, "pointer");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_link_released), renderer);
  gtk_widget_add_controller (el, GTK_EVENT_CONTROLLER (click));
  return el;
}

static gboolean
link_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
             JsonNode *value)
{
  if (g_str_equal (prop, "children") || g_str_equal (prop, "href"))
    {
      link_load (renderer, widget, component);
      if (g_str_equal (prop, "href") && nd_component_get_prop (component, "title"))
        nd_renderer_apply_common (renderer, widget, component, "title");
      return TRUE;
    }
  return g_str_equal (prop, "target") || g_str_equal (prop, "refresh");
}

/* ---- Interval ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *widget;
  guint source;
  gboolean ticking;          /* reporting its own tick */
} Interval;

static gboolean interval_tick (gpointer data);

static gboolean
interval_done (JsonNode *component)
{
  double max = nd_prop_double (component, "max_intervals", -1);
  double n = nd_prop_double (component, "n_intervals", 0);

  return nd_prop_bool (component, "disabled", FALSE) || max == 0 || (max > 0 && n >= max);
}

/* (Re)starts the timer: the first tick one interval from now. */
static void
interval_restart (Interval *iv)
{
  JsonNode *component = nd_renderer_get_component (iv->widget);
  double ms = component ? nd_prop_double (component, "interval", 1000) : 1000;

  g_clear_handle_id (&iv->source, g_source_remove);
  if (component == NULL || interval_done (component))
    return;
  iv->source = g_timeout_add ((guint) CLAMP (ms, 1, G_MAXINT), interval_tick, iv);
}

static gboolean
interval_tick (gpointer data)
{
  Interval *iv = data;
  JsonNode *component = nd_renderer_get_component (iv->widget);
  gint64 n = (gint64) nd_prop_double (component, "n_intervals", 0) + 1;

  iv->ticking = TRUE;
  nd_renderer_report (iv->renderer, iv->widget, "n_intervals", nd_json_int (n));
  iv->ticking = FALSE;
  if (interval_done (component))
    {
      iv->source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
interval_start (gpointer data)
{
  Interval *iv = data;

  iv->source = 0;
  interval_restart (iv);
  return G_SOURCE_REMOVE;
}

static void
interval_free (gpointer data)
{
  Interval *iv = data;

  g_clear_handle_id (&iv->source, g_source_remove);
  g_free (iv);
}

static GtkWidget *
interval_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *widget = invisible_new ();
  Interval *iv = g_new0 (Interval, 1);

  iv->renderer = renderer;
  iv->widget = widget;
  g_object_set_data_full (G_OBJECT (widget), "nd-interval", iv, interval_free);
  /* the component is bound after create: start on the next turn */
  iv->source = g_idle_add (interval_start, iv);
  return widget;
}

static gboolean
interval_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  Interval *iv = g_object_get_data (G_OBJECT (widget), "nd-interval");

  if (g_str_equal (prop, "interval") || g_str_equal (prop, "disabled"))
    interval_restart (iv);
  else if (g_str_equal (prop, "n_intervals") || g_str_equal (prop, "max_intervals"))
    {
      /* a callback resetting the count (or raising the limit) starts a
       * stopped timer again; a running one keeps its rhythm */
      if (iv->ticking)
        return TRUE;
      if (interval_done (component))
        g_clear_handle_id (&iv->source, g_source_remove);
      else if (iv->source == 0)
        interval_restart (iv);
    }
  else
    return FALSE;
  return TRUE;
}

/* ---- Upload ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *widget;
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;
  int drag_state;             /* 0 none, 1 acceptable files over it, 2 rejected */
} Upload;

static gboolean
accepts (JsonNode *component, const char *name, const char *mime)
{
  JsonNode *accept = nd_component_get_prop (component, "accept");
  g_auto(GStrv) items = NULL;

  if (accept == NULL || JSON_NODE_HOLDS_NULL (accept))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (accept))
    {
      JsonArray *a = json_node_get_array (accept);
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *t = nd_value_text (json_array_get_element (a, i));
          g_strv_builder_add (b, t);
        }
      items = g_strv_builder_end (b);
      g_strv_builder_unref (b);
    }
  else
    {
      g_autofree char *t = nd_value_text (accept);
      items = g_strsplit (t, ",", -1);
    }
  for (guint i = 0; items[i]; i++)
    {
      char *it = g_strstrip (items[i]);
      g_autofree char *lname = g_ascii_strdown (name, -1);
      g_autofree char *lit = g_ascii_strdown (it, -1);

      if (*it == '\0')
        continue;
      if (*it == '.' && g_str_has_suffix (lname, lit))
        return TRUE;
      /* a type family such as "image/…" */
      if (g_str_has_suffix (lit, "/*") && g_ascii_strncasecmp (mime, lit, strlen (lit) - 1) == 0)
        return TRUE;
      if (g_ascii_strcasecmp (it, mime) == 0 || g_str_equal (it, "*"))
        return TRUE;
    }
  return FALSE;
}

static char *
mime_of (const char *name, const guchar *data, gsize len)
{
  gboolean uncertain = FALSE;
  g_autofree char *type = g_content_type_guess (name, NULL, 0, &uncertain);
  char *mime;

  if (uncertain && data)
    {
      g_free (type);
      type = g_content_type_guess (name, data, len, NULL);
    }
  mime = g_content_type_get_mime_type (type);
  return mime ? mime : g_strdup ("application/octet-stream");
}

typedef struct {
  GFile *file;
  char *name;
  double last_modified;
  GBytes *data;
} UploadItem;

typedef struct {
  GWeakRef widget;
  NdRenderer *renderer;
  gboolean multiple;
  GPtrArray *items;            /* UploadItem */
  guint pending;
} UploadBatch;

static void
upload_item_free (gpointer data)
{
  UploadItem *it = data;

  g_clear_object (&it->file);
  g_free (it->name);
  g_clear_pointer (&it->data, g_bytes_unref);
  g_free (it);
}

static void
upload_batch_finish (UploadBatch *b)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&b->widget);
  g_autoptr(JsonArray) contents = json_array_new ();
  g_autoptr(JsonArray) names = json_array_new ();
  g_autoptr(JsonArray) dates = json_array_new ();

  for (guint i = 0; i < b->items->len; i++)
    {
      UploadItem *it = g_ptr_array_index (b->items, i);
      gsize len;
      const guchar *data;
      g_autofree char *mime = NULL, *b64 = NULL;

      if (it->data == NULL)
        continue;
      data = g_bytes_get_data (it->data, &len);
      mime = mime_of (it->name, data, len);
      b64 = g_base64_encode (data, len);
      g_autofree char *url = g_strdup_printf ("data:%s;base64,%s", mime, b64);

      json_array_add_string_element (contents, url);
      json_array_add_string_element (names, it->name);
      json_array_add_double_element (dates, it->last_modified);
    }
  if (widget && json_array_get_length (names))
    {
      g_autoptr(JsonObject) props = json_object_new ();

      if (b->multiple)
        {
          json_object_set_array_member (props, "contents", json_array_ref (contents));
          json_object_set_array_member (props, "filename", json_array_ref (names));
          json_object_set_array_member (props, "last_modified", json_array_ref (dates));
        }
      else
        {
          json_object_set_member (props, "contents", json_node_copy (json_array_get_element (contents, 0)));
          json_object_set_member (props, "filename", json_node_copy (json_array_get_element (names, 0)));
          json_object_set_member (props, "last_modified", json_node_copy (json_array_get_element (dates, 0)));
        }
      nd_renderer_report_props (b->renderer, widget, props);
    }
  g_weak_ref_clear (&b->widget);
  g_ptr_array_unref (b->items);
  g_free (b);
}

typedef struct {
  UploadBatch *batch;
  UploadItem *item;
} UploadLoad;

static void
on_upload_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  UploadLoad *load = data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    load->item->data = g_bytes_new_take (contents, len);
  else
    g_debug ("Upload %s: %s", load->item->name, error->message);
  if (--load->batch->pending == 0)
    upload_batch_finish (load->batch);
  g_free (load);
}

/* Reads the files a user picked or dropped, then reports contents,
 * filename and last_modified at once.  Files outside max_size/min_size
 * or `accept` are left out; with none left nothing is reported. */
static void
upload_files (Upload *up, GPtrArray *files)
{
  JsonNode *component = nd_renderer_get_component (up->widget);
  gboolean multiple = nd_prop_bool (component, "multiple", FALSE);
  double max_size = nd_prop_double (component, "max_size", -1);
  double min_size = nd_prop_double (component, "min_size", 0);
  UploadBatch *b = g_new0 (UploadBatch, 1);

  g_weak_ref_init (&b->widget, up->widget);
  b->renderer = up->renderer;
  b->multiple = multiple;
  b->items = g_ptr_array_new_with_free_func (upload_item_free);
  for (guint i = 0; i < files->len && (multiple || b->items->len == 0); i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                     G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                     G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                     G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                     G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *mime = NULL;
      g_autoptr(GDateTime) mtime = NULL;
      goffset size;
      UploadItem *it;

      if (info == NULL || name == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      size = g_file_info_get_size (info);
      mime = mime_of (name, NULL, 0);
      if ((max_size >= 0 && size > max_size) || size < min_size || !accepts (component, name, mime))
        continue;
      it = g_new0 (UploadItem, 1);
      it->file = g_object_ref (file);
      it->name = g_steal_pointer (&name);
      mtime = g_file_info_get_modification_date_time (info);
      it->last_modified = mtime ? (double) (g_date_time_to_unix (mtime) * 1000 +
                                            g_date_time_get_microsecond (mtime) / 1000) / 1000.0 : 0;
      g_ptr_array_add (b->items, it);
    }
  b->pending = b->items->len;
  if (b->pending == 0)
    {
      upload_batch_finish (b);
      return;
    }
  for (guint i = 0; i < b->items->len; i++)
    {
      UploadLoad *load = g_new0 (UploadLoad, 1);

      load->batch = b;
      load->item = g_ptr_array_index (b->items, i);
      g_file_load_contents_async (load->item->file, up->cancellable, on_upload_loaded, load);
    }
}

/* `style` with style_active / style_reject / style_disabled over it (Dash's defaults when unset). */
static void
upload_apply_state (Upload *up)
{
  JsonNode *component = nd_renderer_get_component (up->widget);
  JsonNode *style = component ? nd_component_get_prop (component, "style") : NULL;
  g_autoptr(JsonNode) merged = nd_json_object_new ();
  JsonNode *over = NULL;
  g_autoptr(JsonNode) fallback = NULL;
  const char *over_name = NULL, *class_name = NULL;
  gboolean disabled;

  if (component == NULL)
    return;
  disabled = nd_prop_bool (component, "disabled", FALSE);
  if (disabled)
    over_name = "style_disabled", class_name = "className_disabled";
  else if (up->drag_state == 1)
    over_name = "style_active", class_name = "className_active";
  else if (up->drag_state == 2)
    over_name = "style_reject", class_name = "className_reject";
  if (over_name)
    {
      over = nd_component_get_prop (component, over_name);
      if (over == NULL || !JSON_NODE_HOLDS_OBJECT (over))
        {
          fallback = json_from_string (disabled ? "{\"opacity\": 0.5}"
                                       : up->drag_state == 1
                                       ? "{\"borderStyle\": \"solid\", \"borderColor\": \"#6c6\", \"backgroundColor\": \"#eee\"}"
                                       : "{\"borderStyle\": \"solid\", \"borderColor\": \"#c66\", \"backgroundColor\": \"#eee\"}",
                                       NULL);
          over = fallback;
        }
    }
  if (style && JSON_NODE_HOLDS_OBJECT (style))
    {
      JsonObjectIter it;
      const char *k;
      JsonNode *v;

      json_object_iter_init (&it, json_node_get_object (style));
      while (json_object_iter_next (&it, &k, &v))
        json_object_set_member (json_node_get_object (merged), k, json_node_copy (v));
    }
  if (over)
    {
      JsonObjectIter it;
      const char *k;
      JsonNode *v;

      json_object_iter_init (&it, json_node_get_object (over));
      while (json_object_iter_next (&it, &k, &v))
        json_object_set_member (json_node_get_object (merged), k, json_node_copy (v));
    }
  nd_style_apply (up->widget, merged);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const names[] = { "className_active", "className_reject", "className_disabled" };
      const char *cls = nd_prop_string (component, names[i], NULL);

      if (cls && *cls && strpbrk (cls, " \t") == NULL)
        {
          if (class_name && g_str_equal (class_name, names[i]))
            gtk_widget_add_css_class (up->widget, cls);
          else
            gtk_widget_remove_css_class (up->widget, cls);
        }
    }
  gtk_widget_set_sensitive (up->widget, !disabled);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, Upload *up)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
    }
  g_object_set_data (G_OBJECT (up->widget), "nd-upload-chooser", NULL);
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&up->chooser);
  if (files->len)
    upload_files (up, files);
}

static void
upload_open_chooser (Upload *up)
{
  JsonNode *component = nd_renderer_get_component (up->widget);
  JsonNode *accept = nd_component_get_prop (component, "accept");
  gboolean multiple = nd_prop_bool (component, "multiple", FALSE);
  GtkRoot *root = gtk_widget_get_root (up->widget);

  if (up->chooser || nd_prop_bool (component, "disabled", FALSE) ||
      nd_prop_bool (component, "disable_click", FALSE))
    return;
  up->chooser = gtk_file_chooser_native_new (multiple ? "Open Files" : "Open File",
                                             GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (up->chooser), multiple);
  if (accept && !JSON_NODE_HOLDS_NULL (accept))
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *text = NULL;
      g_auto(GStrv) items = NULL;

      if (JSON_NODE_HOLDS_ARRAY (accept))
        {
          JsonArray *a = json_node_get_array (accept);
          GString *s = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              g_autofree char *t = nd_value_text (json_array_get_element (a, i));
              g_string_append_printf (s, "%s%s", i ? "," : "", t);
            }
          text = g_string_free (s, FALSE);
        }
      else
        text = nd_value_text (accept);
      items = g_strsplit (text, ",", -1);
      for (guint i = 0; items[i]; i++)
        {
          char *it = g_strstrip (items[i]);

          if (*it == '.')
            gtk_file_filter_add_suffix (filter, it + 1);
          else if (strchr (it, '/'))
            gtk_file_filter_add_mime_type (filter, it);
        }
      gtk_file_filter_set_name (filter, text);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (up->chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (up->chooser), TRUE);
  g_signal_connect (up->chooser, "response", G_CALLBACK (on_chooser_response), up);
  /* tests reach the dialog here */
  g_object_set_data (G_OBJECT (up->widget), "nd-upload-chooser", up->chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (up->chooser));
}

static void
on_upload_released (GtkGestureClick *gesture, int n_press, double x, double y, Upload *up)
{
  upload_open_chooser (up);
}

static void
on_upload_button_clicked (GtkButton *button, Upload *up)
{
  upload_open_chooser (up);
}

static GPtrArray *
files_of_value (const GValue *value)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  if (value && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = list; l; l = l->next)
        g_ptr_array_add (files, g_object_ref (l->data));
      g_slist_free (list);
    }
  return files;
}

static gboolean
on_upload_drop (GtkDropTarget *target, const GValue *value, double x, double y, Upload *up)
{
  g_autoptr(GPtrArray) files = files_of_value (value);

  up->drag_state = 0;
  upload_apply_state (up);
  if (files->len == 0 || nd_prop_bool (nd_renderer_get_component (up->widget), "disabled", FALSE))
    return FALSE;
  upload_files (up, files);
  return TRUE;
}

/* While files are dragged over it: style_active, or style_reject when
 * none of them would be accepted. */
static void
on_upload_drag_value (GtkDropTarget *target, GParamSpec *pspec, Upload *up)
{
  const GValue *value = gtk_drop_target_get_value (target);
  g_autoptr(GPtrArray) files = files_of_value (value);
  JsonNode *component = nd_renderer_get_component (up->widget);
  gboolean any = FALSE;

  if (value == NULL)
    return;
  for (guint i = 0; i < files->len && !any; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, i));
      g_autofree char *mime = name ? mime_of (name, NULL, 0) : NULL;

      any = name && accepts (component, name, mime);
    }
  up->drag_state = any ? 1 : 2;
  upload_apply_state (up);
}

static GdkDragAction
on_upload_enter (GtkDropTarget *target, double x, double y, Upload *up)
{
  up->drag_state = 1;
  upload_apply_state (up);
  return GDK_ACTION_COPY;
}

static void
on_upload_leave (GtkDropTarget *target, Upload *up)
{
  up->drag_state = 0;
  upload_apply_state (up);
}

static void
upload_free (gpointer data)
{
  Upload *up = data;

  g_cancellable_cancel (up->cancellable);
  g_clear_object (&up->cancellable);
  if (up->chooser)
    {
      g_signal_handlers_disconnect_by_data (up->chooser, up);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (up->chooser));
      g_clear_object (&up->chooser);
    }
  g_free (up);
}

static void
upload_render (Upload *up, JsonNode *component)
{
  JsonNode *children = nd_component_get_prop (component, "children");

  nd_renderer_render_children (up->renderer, up->widget, children);
  if (gtk_widget_get_first_child (up->widget) == NULL)
    {
      /* no children: an empty drop zone still says what it is for */
      GtkWidget *label = gtk_label_new (nd_prop_bool (component, "multiple", FALSE)
                                        ? "Drag and drop files here, or click to choose them"
                                        : "Drag and drop a file here, or click to choose one");

      gtk_widget_add_css_class (label, "dim-label");
      nd_element_append (ND_ELEMENT (up->widget), label);
      gtk_widget_add_css_class (up->widget, "nd-upload-empty");
    }
  else
    gtk_widget_remove_css_class (up->widget, "nd-upload-empty");
  connect_buttons (up->widget, G_CALLBACK (on_upload_button_clicked), up);
}

static GtkWidget *
upload_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("div");
  Upload *up = g_new0 (Upload, 1);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  ensure_css ();
  up->renderer = renderer;
  up->widget = el;
  up->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (el), "nd-upload", up, upload_free);
  gtk_widget_add_css_class (el, "nd-upload");
  gtk_widget_set_cursor_from_name (el, "pointer");
  upload_render (up, component);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_upload_released), up);
  gtk_widget_add_controller (el, GTK_EVENT_CONTROLLER (click));
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_upload_drop), up);
  g_signal_connect (drop, "enter", G_CALLBACK (on_upload_enter), up);
  g_signal_connect (drop, "leave", G_CALLBACK (on_upload_leave), up);
  g_signal_connect (drop, "notify::value", G_CALLBACK (on_upload_drag_value), up);
  gtk_widget_add_controller (el, GTK_EVENT_CONTROLLER (drop));
  /* the renderer applies `style` after create; disabled looks go on top */
  g_signal_connect_swapped (el, "realize", G_CALLBACK (upload_apply_state), up);
  gtk_widget_set_sensitive (el, !nd_prop_bool (component, "disabled", FALSE));
  return el;
}

static gboolean
upload_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
               JsonNode *value)
{
  static const char *const looks[] = {
    "style", "disabled", "style_active", "style_reject", "style_disabled",
    "className_active", "className_reject", "className_disabled", NULL
  };
  static const char *const state[] = {
    "contents", "filename", "last_modified", "accept", "max_size", "min_size",
    "disable_click", "enable_folder_selection", NULL
  };
  Upload *up = g_object_get_data (G_OBJECT (widget), "nd-upload");

  if (g_str_equal (prop, "children") || g_str_equal (prop, "multiple"))
    upload_render (up, component);
  else if (g_strv_contains (looks, prop))
    upload_apply_state (up);
  else if (!g_strv_contains (state, prop))
    return FALSE;
  return TRUE;
}

/* ---- Download ---- */

typedef struct {
  GtkFileChooserNative *chooser;
  GBytes *bytes;
} Download;

static void
download_free (gpointer data)
{
  Download *dl = data;

  if (dl->chooser)
    {
      g_signal_handlers_disconnect_by_data (dl->chooser, dl);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dl->chooser));
      g_clear_object (&dl->chooser);
    }
  g_clear_pointer (&dl->bytes, g_bytes_unref);
  g_free (dl);
}

static void
download_write (GFile *file, GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* written beside and renamed over: never a half-written file */
  if (!g_file_replace_contents (file, data ? data : "", len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    g_message ("Download: %s", error->message);
}

static void
on_download_response (GtkNativeDialog *dialog, int response, Download *dl)
{
  if (response == GTK_RESPONSE_ACCEPT && dl->bytes)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file)
        download_write (file, dl->bytes);
    }
  g_clear_pointer (&dl->bytes, g_bytes_unref);
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&dl->chooser);
}

static const char *
member_string (JsonObject *o, const char *name, const char *fallback)
{
  JsonNode *v = json_object_get_member (o, name);

  return v && nd_json_is_string (v) ? json_node_get_string (v) : fallback;
}

/* `data` changed to a file: save it where the user says (or, without a
 * dialog, in $ND_DOWNLOAD_DIR). */
static void
download_save (GtkWidget *widget, JsonNode *component, JsonNode *data)
{
  Download *dl = g_object_get_data (G_OBJECT (widget), "nd-download");
  JsonObject *o;
  const char *content, *dir;
  g_autofree char *name = NULL;
  gboolean b64;
  GtkRoot *root;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return;
  o = json_node_get_object (data);
  content = member_string (o, "content", NULL);
  if (content == NULL)
    return;
  b64 = json_object_has_member (o, "base64") && !json_object_get_null_member (o, "base64")
        ? nd_json_is_truthy (json_object_get_member (o, "base64"))
        : nd_prop_bool (component, "base64", FALSE);
  /* a name, never a path: "../x" must not leave the folder */
  name = g_path_get_basename (member_string (o, "filename", "download"));
  if (*name == '\0' || g_str_equal (name, "/") || g_str_equal (name, ".") || g_str_equal (name, ".."))
    {
      g_free (name);
      name = g_strdup ("download");
    }
  g_clear_pointer (&dl->bytes, g_bytes_unref);
  if (b64)
    {
      gsize len;
      guchar *raw = g_base64_decode (content, &len);

      dl->bytes = g_bytes_new_take (raw, len);
    }
  else
    dl->bytes = g_bytes_new (content, strlen (content));
  dir = g_getenv ("ND_DOWNLOAD_DIR");
  if (dir && *dir)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_mkdir_with_parents (dir, 0755);
      download_write (file, dl->bytes);
      g_clear_pointer (&dl->bytes, g_bytes_unref);
      return;
    }
  if (dl->chooser)
    {
      g_signal_handlers_disconnect_by_data (dl->chooser, dl);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (dl->chooser));
      g_clear_object (&dl->chooser);
    }
  root = gtk_widget_get_root (widget);
  dl->chooser = gtk_file_chooser_native_new ("Save File", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dl->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dl->chooser), TRUE);
  g_signal_connect (dl->chooser, "response", G_CALLBACK (on_download_response), dl);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dl->chooser));
}

static GtkWidget *
download_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *widget = invisible_new ();

  g_object_set_data_full (G_OBJECT (widget), "nd-download", g_new0 (Download, 1), download_free);
  return widget;
}

static gboolean
download_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  if (g_str_equal (prop, "data"))
    download_save (widget, component, value);
  return TRUE;
}

/* ---- ConfirmDialog, ConfirmDialogProvider ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *widget;
  GtkWidget *dialog;
  guint idle;
} Confirm;

static void
confirm_close (Confirm *cf)
{
  if (cf->dialog == NULL)
    return;
  g_signal_handlers_disconnect_by_data (cf->dialog, cf);
  g_object_set_data (G_OBJECT (cf->widget), "nd-confirm-dialog", NULL);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&cf->dialog)));
}

static void
on_confirm_response (GtkDialog *dialog, int response, Confirm *cf)
{
  JsonNode *component = nd_renderer_get_component (cf->widget);
  g_autoptr(JsonObject) props = json_object_new ();
  gboolean ok = response == GTK_RESPONSE_OK;

  confirm_close (cf);
  if (ok)
    nd_renderer_count_prop (props, component, "submit_n_clicks", "submit_n_clicks_timestamp");
  else
    nd_renderer_count_prop (props, component, "cancel_n_clicks", "cancel_n_clicks_timestamp");
  json_object_set_boolean_member (props, "displayed", FALSE);
  nd_renderer_report_props (cf->renderer, cf->widget, props);
}

static void
confirm_open (Confirm *cf)
{
  JsonNode *component = nd_renderer_get_component (cf->widget);
  g_autofree char *message = component ? nd_value_text (nd_component_get_prop (component, "message")) : NULL;
  GtkRoot *root = gtk_widget_get_root (cf->widget);

  if (component == NULL)
    return;
  if (cf->dialog)
    {
      gtk_window_present (GTK_WINDOW (cf->dialog));
      return;
    }
  /* a browser's confirm(): the message, OK and Cancel */
  cf->dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                       GTK_MESSAGE_QUESTION, GTK_BUTTONS_OK_CANCEL, "%s", message);
  gtk_dialog_set_default_response (GTK_DIALOG (cf->dialog), GTK_RESPONSE_OK);
  g_signal_connect (cf->dialog, "response", G_CALLBACK (on_confirm_response), cf);
  g_object_set_data (G_OBJECT (cf->widget), "nd-confirm-dialog", cf->dialog);
  gtk_window_present (GTK_WINDOW (cf->dialog));
}

static void
confirm_open_idle (gpointer data)
{
  Confirm *cf = data;

  cf->idle = 0;
  if (nd_prop_bool (nd_renderer_get_component (cf->widget), "displayed", FALSE))
    confirm_open (cf);
}

static void
confirm_free (gpointer data)
{
  Confirm *cf = data;

  g_clear_handle_id (&cf->idle, g_source_remove);
  confirm_close (cf);
  g_free (cf);
}

static Confirm *
confirm_attach (NdRenderer *renderer, GtkWidget *widget, JsonNode *component)
{
  Confirm *cf = g_new0 (Confirm, 1);

  cf->renderer = renderer;
  cf->widget = widget;
  g_object_set_data_full (G_OBJECT (widget), "nd-confirm", cf, confirm_free);
  /* displayed=True at mount opens it once the window is there */
  if (nd_prop_bool (component, "displayed", FALSE))
    cf->idle = g_idle_add_once (confirm_open_idle, cf);
  return cf;
}

static GtkWidget *
confirm_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *widget = invisible_new ();

  confirm_attach (renderer, widget, component);
  return widget;
}

static gboolean
confirm_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                JsonNode *value)
{
  Confirm *cf = g_object_get_data (G_OBJECT (widget), "nd-confirm");

  if (g_str_equal (prop, "displayed"))
    {
      if (value && nd_json_is_truthy (value))
        confirm_open (cf);
      else
        confirm_close (cf);
      return TRUE;
    }
  if (g_str_equal (prop, "message"))
    {
      if (cf->dialog)
        {
          g_autofree char *message = nd_value_text (value);
          g_object_set (cf->dialog, "text", message, NULL);
        }
      return TRUE;
    }
  return !g_str_equal (prop, "children");
}

static void
on_provider_clicked (GtkWidget *source, Confirm *cf)
{
  nd_renderer_report (cf->renderer, cf->widget, "displayed", nd_json_bool (TRUE));
}

static void
on_provider_released (GtkGestureClick *gesture, int n_press, double x, double y, Confirm *cf)
{
  /* on a child, not on the empty rest of the line */
  if (gtk_widget_pick (cf->widget, x, y, GTK_PICK_DEFAULT) != cf->widget)
    on_provider_clicked (NULL, cf);
}

static void
provider_render (Confirm *cf, JsonNode *children)
{
  nd_renderer_render_children (cf->renderer, cf->widget, children);
  connect_buttons (cf->widget, G_CALLBACK (on_provider_clicked), cf);
}

static GtkWidget *
provider_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *el = nd_element_new ("div");
  Confirm *cf = confirm_attach (renderer, el, component);
  GtkGesture *click = gtk_gesture_click_new ();

  provider_render (cf, nd_component_get_prop (component, "children"));
  /* children that are not buttons: a click anywhere on them */
  g_signal_connect (click, "released", G_CALLBACK (on_provider_released), cf);
  gtk_widget_add_controller (el, GTK_EVENT_CONTROLLER (click));
  return el;
}

static gboolean
provider_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  if (g_str_equal (prop, "children"))
    {
      provider_render (g_object_get_data (G_OBJECT (widget), "nd-confirm"), value);
      return TRUE;
    }
  return confirm_update (renderer, widget, component, prop, value);
}

/* ---- Clipboard ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *button;
  GtkWidget *content;
  guint revert;
  gulong idle_handler;
  gboolean copied;
} Clipboard;

static void
clipboard_show (Clipboard *cb)
{
  JsonNode *component = nd_renderer_get_component (cb->button);
  JsonNode *children = component ? nd_component_get_prop (component, cb->copied ? "copied_children" : "children") : NULL;

  if (children && !JSON_NODE_HOLDS_NULL (children))
    nd_renderer_render_children (cb->renderer, cb->content, children);
  else
    {
      /* Dash's icons: copy, then a check mark once copied */
      GtkWidget *icon = gtk_image_new_from_icon_name (cb->copied ? "object-select-symbolic" : "edit-copy-symbolic");

      nd_element_clear (ND_ELEMENT (cb->content));
      nd_element_append (ND_ELEMENT (cb->content), icon);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (cb->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cb->copied ? "Copied" : "Copy", -1);
}

static void
collect_text (GtkWidget *widget, GString *out, gboolean *last_inline)
{
  const char *text = NULL;

  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  if (text && *text && !g_str_equal (text, " "))
    {
      gboolean is_inline = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "nd-inline"));

      /* inline runs join as they read; blocks go on their own lines */
      if (out->len && !(is_inline && *last_inline))
        g_string_append_c (out, '\n');
      g_string_append (out, text);
      *last_inline = is_inline;
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out, last_inline);
}

/* What a browser copies of an element: an input's value, otherwise its
 * visible text. */
static char *
widget_text (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);
  gboolean last_inline = FALSE;

  if (GTK_IS_SCROLLED_WINDOW (widget) && GTK_IS_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))));
      GtkTextIter start, end;
      char *text;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append (out, text);
      g_free (text);
    }
  else
    collect_text (widget, out, &last_inline);
  return g_string_free (out, FALSE);
}

static gboolean
clipboard_revert (gpointer data)
{
  Clipboard *cb = data;

  cb->revert = 0;
  cb->copied = FALSE;
  clipboard_show (cb);
  return G_SOURCE_REMOVE;
}

static void
clipboard_set (Clipboard *cb, const char *text, const char *html)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gtk_widget_get_display (cb->button));

  if (html && *html)
    {
      g_autoptr(GBytes) html_bytes = g_bytes_new (html, strlen (html));
      GdkContentProvider *providers[2] = {
        gdk_content_provider_new_typed (G_TYPE_STRING, text),
        gdk_content_provider_new_for_bytes ("text/html", html_bytes),
      };
      g_autoptr(GdkContentProvider) both = gdk_content_provider_new_union (providers, 2);

      gdk_clipboard_set_content (clipboard, both);
    }
  else
    gdk_clipboard_set_text (clipboard, text);
  cb->copied = TRUE;
  clipboard_show (cb);
  g_clear_handle_id (&cb->revert, g_source_remove);
  cb->revert = g_timeout_add (1000, clipboard_revert, cb);
}

static void
clipboard_copy (Clipboard *cb)
{
  JsonNode *component = nd_renderer_get_component (cb->button);
  JsonNode *target = nd_component_get_prop (component, "target_id");

  if (target && !JSON_NODE_HOLDS_NULL (target))
    {
      g_autofree char *id_text = nd_json_is_string (target) ? g_strdup (json_node_get_string (target))
                                                            : nd_id_to_string (target);
      GtkWidget *w = nd_renderer_lookup_widget (cb->renderer, id_text);
      g_autofree char *text = w ? widget_text (w) : g_strdup ("");

      clipboard_set (cb, text, NULL);
    }
  else
    {
      g_autofree char *text = nd_value_text (nd_component_get_prop (component, "content"));

      clipboard_set (cb, text, nd_prop_string (component, "html_content", NULL));
    }
}

static void
on_session_idle (NdSession *session, Clipboard *cb)
{
  g_clear_signal_handler (&cb->idle_handler, session);
  clipboard_copy (cb);
}

static void
on_clipboard_clicked (GtkButton *button, Clipboard *cb)
{
  JsonNode *component = nd_renderer_get_component (cb->button);
  JsonNode *target = nd_component_get_prop (component, "target_id");
  NdSession *session = nd_renderer_get_session (cb->renderer);
  g_autoptr(JsonObject) props = json_object_new ();

  nd_renderer_count_prop (props, component, "n_clicks", NULL);
  nd_renderer_report_props (cb->renderer, cb->button, props);
  /* without target_id a callback on n_clicks may fill `content` first */
  if ((target == NULL || JSON_NODE_HOLDS_NULL (target)) && nd_session_is_busy (session))
    {
      if (cb->idle_handler == 0)
        cb->idle_handler = g_signal_connect (session, "idle", G_CALLBACK (on_session_idle), cb);
      return;
    }
  clipboard_copy (cb);
}

static void
clipboard_free (gpointer data)
{
  Clipboard *cb = data;

  g_clear_handle_id (&cb->revert, g_source_remove);
  if (cb->idle_handler)
    g_clear_signal_handler (&cb->idle_handler, nd_renderer_get_session (cb->renderer));
  g_free (cb);
}

static GtkWidget *
clipboard_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *button = gtk_button_new ();
  Clipboard *cb = g_new0 (Clipboard, 1);

  ensure_css ();
  cb->renderer = renderer;
  cb->button = button;
  cb->content = nd_element_new ("span");
  g_object_set_data_full (G_OBJECT (button), "nd-clipboard", cb, clipboard_free);
  gtk_button_set_child (GTK_BUTTON (button), cb->content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "nd-clipboard");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, "Copy");
  /* the component is bound after create; until then show what it gives */
  {
    JsonNode *children = nd_component_get_prop (component, "children");

    if (children && !JSON_NODE_HOLDS_NULL (children))
      nd_renderer_render_children (renderer, cb->content, children);
    else
      nd_element_append (ND_ELEMENT (cb->content), gtk_image_new_from_icon_name ("edit-copy-symbolic"));
  }
  g_signal_connect (button, "clicked", G_CALLBACK (on_clipboard_clicked), cb);
  return button;
}

static gboolean
clipboard_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                  JsonNode *value)
{
  static const char *const state[] = { "content", "html_content", "target_id", "n_clicks", NULL };
  Clipboard *cb = g_object_get_data (G_OBJECT (widget), "nd-clipboard");

  if (g_str_equal (prop, "children") || g_str_equal (prop, "copied_children"))
    clipboard_show (cb);
  else if (!g_strv_contains (state, prop))
    return FALSE;
  return TRUE;
}

/* ---- Tooltip: a popover pointing at a graph's bbox ---- */

#define ND_TYPE_DCC_TOOLTIP_ANCHOR (nd_dcc_tooltip_anchor_get_type ())
G_DECLARE_FINAL_TYPE (NdDccTooltipAnchor, nd_dcc_tooltip_anchor, ND, DCC_TOOLTIP_ANCHOR, GtkWidget)

struct _NdDccTooltipAnchor {
  GtkWidget parent_instance;
  GtkWidget *popover;
};

G_DEFINE_FINAL_TYPE (NdDccTooltipAnchor, nd_dcc_tooltip_anchor, GTK_TYPE_WIDGET)

static void
anchor_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = *natural = 0;   /* absolutely positioned in Dash: takes no room */
}

static void
anchor_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NdDccTooltipAnchor *self = ND_DCC_TOOLTIP_ANCHOR (widget);

  if (self->popover && gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
anchor_dispose (GObject *object)
{
  NdDccTooltipAnchor *self = ND_DCC_TOOLTIP_ANCHOR (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  G_OBJECT_CLASS (nd_dcc_tooltip_anchor_parent_class)->dispose (object);
}

static void
nd_dcc_tooltip_anchor_class_init (NdDccTooltipAnchorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = anchor_dispose;
  widget_class->measure = anchor_measure;
  widget_class->size_allocate = anchor_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "div");
}

static void
nd_dcc_tooltip_anchor_init (NdDccTooltipAnchor *self)
{
}

typedef struct {
  NdRenderer *renderer;
  NdDccTooltipAnchor *anchor;
  GtkWidget *content;
  GtkWidget *loading_label;
  GtkCssProvider *colors;
  NdSession *session;
  gulong loading_handler;
  gulong map_handler;
  guint n_loading;
} Tooltip;

static gboolean
is_graph (GtkWidget *w)
{
  JsonNode *component = nd_renderer_get_component (w);

  return component && g_strcmp0 (nd_component_get_type (component), "Graph") == 0 &&
         g_strcmp0 (nd_component_get_namespace (component), ND_NAMESPACE_DCC) == 0;
}

static GtkWidget *
find_graph_below (GtkWidget *root, int depth)
{
  if (is_graph (root))
    return root;
  if (depth == 0)
    return NULL;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *g = GTK_IS_NATIVE (c) ? NULL : find_graph_below (c, depth - 1);
      if (g)
        return g;
    }
  return NULL;
}

/* The graph whose hover the bbox describes: the nearest one among the
 * Tooltip's siblings, then among its ancestors' descendants. */
static GtkWidget *
find_graph (GtkWidget *anchor)
{
  GtkWidget *p = gtk_widget_get_parent (anchor);

  for (int level = 0; p && level < 4; level++, p = gtk_widget_get_parent (p))
    {
      GtkWidget *g = find_graph_below (p, 3 + level);
      if (g)
        return g;
    }
  return NULL;
}

static void tooltip_apply (Tooltip *tt);

static void
on_anchor_map (GtkWidget *widget, Tooltip *tt)
{
  tooltip_apply (tt);
}

static void
tooltip_apply (Tooltip *tt)
{
  GtkWidget *anchor = GTK_WIDGET (tt->anchor);
  JsonNode *component = nd_renderer_get_component (anchor);
  JsonNode *bbox = component ? nd_component_get_prop (component, "bbox") : NULL;
  const char *direction;
  GtkWidget *graph;
  GdkRectangle rect;
  double x0, y0, x1, y1;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);

  if (component == NULL)
    return;
  if (!nd_prop_bool (component, "show", TRUE) || bbox == NULL || !JSON_NODE_HOLDS_OBJECT (bbox))
    {
      gtk_popover_popdown (GTK_POPOVER (tt->anchor->popover));
      return;
    }
  /* the loading text while a callback computes its children */
  gtk_widget_set_visible (tt->loading_label, tt->n_loading > 0);
  gtk_widget_set_visible (tt->content, tt->n_loading == 0);
  direction = nd_prop_string (component, "direction", "right");
  gtk_popover_set_position (GTK_POPOVER (tt->anchor->popover),
                            g_str_equal (direction, "left") ? GTK_POS_LEFT
                            : g_str_equal (direction, "top") ? GTK_POS_TOP
                            : g_str_equal (direction, "bottom") ? GTK_POS_BOTTOM : GTK_POS_RIGHT);
  x0 = json_object_get_double_member_with_default (json_node_get_object (bbox), "x0", 0);
  y0 = json_object_get_double_member_with_default (json_node_get_object (bbox), "y0", 0);
  x1 = json_object_get_double_member_with_default (json_node_get_object (bbox), "x1", x0);
  y1 = json_object_get_double_member_with_default (json_node_get_object (bbox), "y1", y0);
  graph = find_graph (anchor);
  if (graph && !gtk_widget_compute_point (graph, anchor, &GRAPHENE_POINT_INIT (0, 0), &origin))
    origin = GRAPHENE_POINT_INIT (0, 0);
  rect.x = (int) (origin.x + MIN (x0, x1));
  rect.y = (int) (origin.y + MIN (y0, y1));
  rect.width = MAX (1, (int) ABS (x1 - x0));
  rect.height = MAX (1, (int) ABS (y1 - y0));
  gtk_popover_set_pointing_to (GTK_POPOVER (tt->anchor->popover), &rect);
  if (!gtk_widget_get_mapped (anchor))
    {
      if (tt->map_handler == 0)
        tt->map_handler = g_signal_connect (anchor, "map", G_CALLBACK (on_anchor_map), tt);
      return;
    }
  gtk_popover_popup (GTK_POPOVER (tt->anchor->popover));
}

static void
on_css_error (GtkCssProvider *provider, GtkCssSection *section, GError *error, gpointer data)
{
  /* a colour GTK cannot parse: the theme's stays */
}

static void
tooltip_colors (Tooltip *tt, JsonNode *component)
{
  const char *bg = nd_prop_string (component, "background_color", NULL);
  const char *border = nd_prop_string (component, "border_color", NULL);
  g_autoptr(GString) css = g_string_new (NULL);

  if (bg && !strpbrk (bg, "{};"))
    g_string_append_printf (css, "popover > contents, popover > arrow { background-color: %s; }\n", bg);
  if (border && !strpbrk (border, "{};"))
    g_string_append_printf (css, "popover > contents, popover > arrow { border-color: %s; }\n", border);
  if (tt->colors == NULL)
    {
      tt->colors = gtk_css_provider_new ();
      g_signal_connect (tt->colors, "parsing-error", G_CALLBACK (on_css_error), NULL);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_add_provider (gtk_widget_get_style_context (tt->anchor->popover),
                                      GTK_STYLE_PROVIDER (tt->colors), GTK_STYLE_PROVIDER_PRIORITY_USER + 1);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  gtk_css_provider_load_from_data (tt->colors, css->str, -1);
}

static void
on_tooltip_loading (NdSession *session, const char *prop_id, gboolean loading, Tooltip *tt)
{
  JsonNode *component = nd_renderer_get_component (GTK_WIDGET (tt->anchor));
  JsonNode *id = component ? nd_component_get_id (component) : NULL;
  g_autofree char *prefix = NULL;

  if (id == NULL)
    return;
  prefix = nd_prop_id (id, "children");
  if (!g_str_equal (prop_id, prefix))
    return;
  tt->n_loading = loading ? 1 : 0;
  tooltip_apply (tt);
}

static void
tooltip_free (gpointer data)
{
  Tooltip *tt = data;

  g_clear_signal_handler (&tt->loading_handler, tt->session);
  g_clear_object (&tt->session);
  g_clear_object (&tt->colors);
  g_free (tt);
}

static void
tooltip_render (Tooltip *tt, JsonNode *component)
{
  nd_renderer_render_children (tt->renderer, tt->content, nd_component_get_prop (component, "children"));
  gtk_label_set_text (GTK_LABEL (tt->loading_label), nd_prop_string (component, "loading_text", "Loading..."));
}

static GtkWidget *
tooltip_create (NdRenderer *renderer, JsonNode *component)
{
  NdDccTooltipAnchor *anchor = g_object_new (ND_TYPE_DCC_TOOLTIP_ANCHOR, NULL);
  Tooltip *tt = g_new0 (Tooltip, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  ensure_css ();
  tt->renderer = renderer;
  tt->anchor = anchor;
  tt->session = g_object_ref (nd_renderer_get_session (renderer));
  tt->content = nd_element_new ("div");
  tt->loading_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (tt->content, "nd-tooltip-content");
  gtk_widget_add_css_class (tt->loading_label, "dim-label");
  gtk_widget_set_visible (tt->loading_label, FALSE);
  gtk_box_append (GTK_BOX (box), tt->content);
  gtk_box_append (GTK_BOX (box), tt->loading_label);
  anchor->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (anchor->popover), box);
  /* a tooltip, not a menu: it neither takes focus nor closes on clicks */
  gtk_popover_set_autohide (GTK_POPOVER (anchor->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (anchor->popover), TRUE);
  gtk_widget_set_can_target (anchor->popover, nd_prop_bool (component, "targetable", FALSE));
  gtk_widget_add_css_class (anchor->popover, "nd-tooltip");
  gtk_widget_set_parent (anchor->popover, GTK_WIDGET (anchor));
  g_object_set_data_full (G_OBJECT (anchor), "nd-tooltip", tt, tooltip_free);
  tooltip_render (tt, component);
  tooltip_colors (tt, component);
  tt->loading_handler = g_signal_connect (tt->session, "loading-changed", G_CALLBACK (on_tooltip_loading), tt);
  /* bound after create: show on the first map when show and bbox are set */
  tt->map_handler = g_signal_connect (anchor, "map", G_CALLBACK (on_anchor_map), tt);
  return GTK_WIDGET (anchor);
}

static gboolean
tooltip_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                JsonNode *value)
{
  Tooltip *tt = g_object_get_data (G_OBJECT (widget), "nd-tooltip");

  if (g_str_equal (prop, "children") || g_str_equal (prop, "loading_text"))
    tooltip_render (tt, component);
  else if (g_str_equal (prop, "background_color") || g_str_equal (prop, "border_color"))
    tooltip_colors (tt, component);
  else if (g_str_equal (prop, "targetable"))
    gtk_widget_set_can_target (tt->anchor->popover, nd_prop_bool (component, "targetable", FALSE));
  else if (!g_str_equal (prop, "show") && !g_str_equal (prop, "bbox") && !g_str_equal (prop, "direction") &&
           !g_str_equal (prop, "zindex"))
    return FALSE;
  tooltip_apply (tt);
  return TRUE;
}

/* ---- Loading ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *overlay;
  GtkWidget *content;
  GtkWidget *backdrop;
  GtkWidget *spinner;         /* a GtkSpinner or the custom_spinner */
  NdSession *session;
  gulong handler;
  GHashTable *active;         /* prop ids loading inside */
  guint show_timer;
  guint hide_timer;
  gboolean shown;
} Loading;

static void
loading_set_shown (Loading *ld, gboolean shown)
{
  ld->shown = shown;
  gtk_widget_set_visible (ld->backdrop, shown);
  if (GTK_IS_SPINNER (ld->spinner))
    gtk_spinner_set_spinning (GTK_SPINNER (ld->spinner), shown);
  if (shown)
    gtk_widget_add_css_class (ld->content, "dimmed");
  else
    gtk_widget_remove_css_class (ld->content, "dimmed");
}

static gboolean
loading_show_done (gpointer data)
{
  Loading *ld = data;

  ld->show_timer = 0;
  loading_set_shown (ld, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
loading_hide_done (gpointer data)
{
  Loading *ld = data;

  ld->hide_timer = 0;
  loading_set_shown (ld, FALSE);
  return G_SOURCE_REMOVE;
}

/* Spinner on or off, after delay_show / delay_hide. */
static void
loading_refresh (Loading *ld)
{
  JsonNode *component = nd_renderer_get_component (ld->overlay);
  const char *display = component ? nd_prop_string (component, "display", "auto") : "auto";
  gboolean want = g_str_equal (display, "show") ||
                  (g_str_equal (display, "auto") && g_hash_table_size (ld->active) > 0);
  double delay_show = component ? nd_prop_double (component, "delay_show", 0) : 0;
  double delay_hide = component ? nd_prop_double (component, "delay_hide", 0) : 0;

  if (want)
    {
      g_clear_handle_id (&ld->hide_timer, g_source_remove);
      if (ld->shown || ld->show_timer)
        return;
      if (delay_show > 0 && !g_str_equal (display, "show"))
        ld->show_timer = g_timeout_add ((guint) delay_show, loading_show_done, ld);
      else
        loading_set_shown (ld, TRUE);
    }
  else
    {
      g_clear_handle_id (&ld->show_timer, g_source_remove);
      if (!ld->shown || ld->hide_timer)
        return;
      if (delay_hide > 0 && !g_str_equal (display, "hide"))
        ld->hide_timer = g_timeout_add ((guint) delay_hide, loading_hide_done, ld);
      else
        loading_set_shown (ld, FALSE);
    }
}

/* Whether target_components lets prop @prop of @id_text count. */
static gboolean
loading_targets (JsonNode *component, const char *id_text, const char *prop)
{
  JsonNode *targets = nd_component_get_prop (component, "target_components");
  JsonNode *want;

  if (targets == NULL || !JSON_NODE_HOLDS_OBJECT (targets) ||
      json_object_get_size (json_node_get_object (targets)) == 0)
    return TRUE;
  want = json_object_get_member (json_node_get_object (targets), id_text);
  if (want == NULL)
    return FALSE;
  if (nd_json_is_string (want))
    return g_str_equal (json_node_get_string (want), "*") || g_str_equal (json_node_get_string (want), prop);
  if (JSON_NODE_HOLDS_ARRAY (want))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (want)); i++)
      {
        JsonNode *p = json_array_get_element (json_node_get_array (want), i);
        if (nd_json_is_string (p) && g_str_equal (json_node_get_string (p), prop))
          return TRUE;
      }
  return FALSE;
}

static void
on_loading_changed (NdSession *session, const char *prop_id, gboolean loading, Loading *ld)
{
  JsonNode *component = nd_renderer_get_component (ld->overlay);
  const char *dot = strrchr (prop_id, '.');

  if (component == NULL || dot == NULL)
    return;
  if (loading)
    {
      g_autofree char *id_text = g_strndup (prop_id, dot - prop_id);
      GtkWidget *w = nd_renderer_lookup_widget (ld->renderer, id_text);

      /* outputs of the Loading itself or of a component inside it */
      if (w == NULL || !(w == ld->overlay || gtk_widget_is_ancestor (w, ld->overlay)) ||
          !loading_targets (component, id_text, dot + 1))
        return;
      g_hash_table_add (ld->active, g_strdup (prop_id));
    }
  else if (!g_hash_table_remove (ld->active, prop_id))
    return;
  loading_refresh (ld);
}

static void
loading_free (gpointer data)
{
  Loading *ld = data;

  g_clear_signal_handler (&ld->handler, ld->session);
  g_clear_object (&ld->session);
  g_clear_handle_id (&ld->show_timer, g_source_remove);
  g_clear_handle_id (&ld->hide_timer, g_source_remove);
  g_hash_table_unref (ld->active);
  g_free (ld);
}

static void
loading_spinner (Loading *ld, JsonNode *component)
{
  JsonNode *custom = nd_component_get_prop (component, "custom_spinner");
  JsonNode *color = nd_component_get_prop (component, "color");
  const char *type = nd_prop_string (component, "type", "default");
  gboolean fullscreen = nd_prop_bool (component, "fullscreen", FALSE);

  if (ld->spinner)
    gtk_box_remove (GTK_BOX (ld->backdrop), ld->spinner);
  ld->spinner = custom && nd_component_is (custom) ? nd_renderer_render (ld->renderer, custom) : NULL;
  if (ld->spinner == NULL)
    {
      /* every Dash type (default, circle, dot, cube, graph) as GTK's spinner */
      int size = fullscreen ? 48 : g_str_equal (type, "dot") ? 24 : 32;

      ld->spinner = gtk_spinner_new ();
      gtk_widget_set_size_request (ld->spinner, size, size);
      if (color && nd_json_is_string (color))
        {
          g_autoptr(JsonNode) style = nd_json_object_new ();

          json_object_set_string_member (json_node_get_object (style), "color", json_node_get_string (color));
          nd_style_apply (ld->spinner, style);
        }
    }
  gtk_widget_set_halign (ld->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (ld->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (ld->spinner, TRUE);
  gtk_box_append (GTK_BOX (ld->backdrop), ld->spinner);
  if (fullscreen)
    gtk_widget_add_css_class (ld->backdrop, "fullscreen");
  else
    gtk_widget_remove_css_class (ld->backdrop, "fullscreen");
  nd_style_apply (ld->backdrop, nd_component_get_prop (component, "overlay_style"));
  gtk_widget_set_visible (ld->backdrop, ld->shown);
  if (GTK_IS_SPINNER (ld->spinner))
    gtk_spinner_set_spinning (GTK_SPINNER (ld->spinner), ld->shown);
}

static GtkWidget *
loading_create (NdRenderer *renderer, JsonNode *component)
{
  Loading *ld = g_new0 (Loading, 1);

  ensure_css ();
  ld->renderer = renderer;
  ld->overlay = gtk_overlay_new ();
  ld->content = nd_element_new ("div");
  ld->backdrop = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  ld->session = g_object_ref (nd_renderer_get_session (renderer));
  ld->active = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_add_css_class (ld->overlay, "nd-loading");
  gtk_widget_add_css_class (ld->content, "nd-loading-content");
  gtk_widget_add_css_class (ld->backdrop, "nd-loading-overlay");
  gtk_overlay_set_child (GTK_OVERLAY (ld->overlay), ld->content);
  gtk_overlay_add_overlay (GTK_OVERLAY (ld->overlay), ld->backdrop);
  /* the content decides the size; the spinner covers whatever it is */
  gtk_overlay_set_measure_overlay (GTK_OVERLAY (ld->overlay), ld->backdrop, FALSE);
  gtk_widget_set_visible (ld->backdrop, FALSE);
  g_object_set_data_full (G_OBJECT (ld->overlay), "nd-loading", ld, loading_free);
  nd_renderer_render_children (renderer, ld->content, nd_component_get_prop (component, "children"));
  nd_style_apply (ld->content, nd_component_get_prop (component, "parent_style"));
  nd_style_apply_class (ld->content, nd_component_get_prop (component, "parent_className"));
  loading_spinner (ld, component);
  ld->handler = g_signal_connect (ld->session, "loading-changed", G_CALLBACK (on_loading_changed), ld);
  /* display="show" holds the spinner from the start */
  if (g_strcmp0 (nd_prop_string (component, "display", "auto"), "show") == 0)
    loading_set_shown (ld, TRUE);
  return ld->overlay;
}

static gboolean
loading_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                JsonNode *value)
{
  static const char *const spinner_props[] = {
    "custom_spinner", "type", "color", "fullscreen", "overlay_style", NULL
  };
  static const char *const state[] = {
    "delay_show", "delay_hide", "show_initially", "target_components", "debug", NULL
  };
  Loading *ld = g_object_get_data (G_OBJECT (widget), "nd-loading");

  if (g_str_equal (prop, "children"))
    nd_renderer_render_children (renderer, ld->content, value);
  else if (g_str_equal (prop, "parent_style"))
    nd_style_apply (ld->content, value);
  else if (g_str_equal (prop, "parent_className"))
    nd_style_apply_class (ld->content, value);
  else if (g_strv_contains (spinner_props, prop))
    loading_spinner (ld, component);
  else if (g_str_equal (prop, "display"))
    loading_refresh (ld);
  else if (!g_strv_contains (state, prop))
    return FALSE;
  return TRUE;
}

/* ---- registry ---- */

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Store", FALSE, store_create, store_update },
  { ND_NAMESPACE_DCC, "Location", FALSE, location_create, location_update },
  { ND_NAMESPACE_DCC, "Link", TRUE, link_create, link_update },
  { ND_NAMESPACE_DCC, "Interval", FALSE, interval_create, interval_update },
  { ND_NAMESPACE_DCC, "Upload", FALSE, upload_create, upload_update },
  { ND_NAMESPACE_DCC, "Download", FALSE, download_create, download_update },
  { ND_NAMESPACE_DCC, "ConfirmDialog", FALSE, confirm_create, confirm_update },
  { ND_NAMESPACE_DCC, "ConfirmDialogProvider", FALSE, provider_create, provider_update },
  { ND_NAMESPACE_DCC, "Clipboard", FALSE, clipboard_create, clipboard_update },
  { ND_NAMESPACE_DCC, "Tooltip", FALSE, tooltip_create, tooltip_update },
  { ND_NAMESPACE_DCC, "Loading", FALSE, loading_create, loading_update },
};

void
nd_dcc_misc_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
