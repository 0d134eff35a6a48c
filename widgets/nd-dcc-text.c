/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * dcc.Input and dcc.Textarea (components.md §3.1): GtkEntry and
 * GtkTextView reporting `value` as the user types (or on Enter/blur with
 * `debounce`), `n_submit` on Enter and `n_blur` when focus leaves.
 */
#include <math.h>
#include <string.h>

#include "nd-kinds.h"
#include "nd-style.h"

/* ---- Input ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *entry;
  guint debounce_source;
  gboolean pending;          /* a change not reported yet (debounce) */
} Input;

static Input *
input_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "nd-input");
}

static gboolean
is_number_type (JsonNode *component)
{
  const char *type = nd_prop_string (component, "type", "text");

  return strcmp (type, "number") == 0 || strcmp (type, "range") == 0;
}

/* The value a browser's input reports: the text, or for number inputs a
 * number (null when empty, not a number, or outside min/max). */
static JsonNode *
input_value (GtkWidget *entry, JsonNode *component)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (is_number_type (component))
    {
      char *end;
      double d;
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      if (*trimmed == '\0')
        return nd_json_null ();
      d = g_ascii_strtod (trimmed, &end);
      if (*end != '\0' || !isfinite (d))
        return nd_json_null ();
      if (d < nd_prop_double (component, "min", -INFINITY) || d > nd_prop_double (component, "max", INFINITY))
        return nd_json_null ();
      if (d == (double) (gint64) d && fabs (d) < 9007199254740992.0)
        return nd_json_int ((gint64) d);
      return nd_json_double (d);
    }
  return nd_json_string (text);
}

static void
input_report_value (Input *in)
{
  JsonNode *component = nd_renderer_get_component (in->entry);

  g_clear_handle_id (&in->debounce_source, g_source_remove);
  in->pending = FALSE;
  nd_renderer_report (in->renderer, in->entry, "value", input_value (in->entry, component));
}

static gboolean
debounce_done (gpointer data)
{
  Input *in = data;

  in->debounce_source = 0;
  input_report_value (in);
  return G_SOURCE_REMOVE;
}

static void
on_input_changed (GtkEditable *editable, Input *in)
{
  JsonNode *component = nd_renderer_get_component (in->entry);
  JsonNode *debounce = nd_component_get_prop (component, "debounce");

  if (nd_renderer_is_applying (in->renderer))
    return;
  if (debounce && nd_json_is_number (debounce) && nd_json_get_number (debounce) > 0)
    {
      /* debounce=<seconds>: report once typing pauses that long */
      g_clear_handle_id (&in->debounce_source, g_source_remove);
      in->debounce_source = g_timeout_add ((guint) (nd_json_get_number (debounce) * 1000), debounce_done, in);
      in->pending = TRUE;
      return;
    }
  if (debounce && nd_json_is_truthy (debounce))
    {
      in->pending = TRUE;      /* debounce=True: on Enter or blur */
      return;
    }
  input_report_value (in);
}

static void
on_input_activate (GtkEntry *entry, Input *in)
{
  if (in->pending)
    input_report_value (in);
  nd_renderer_report_count (in->renderer, in->entry, "n_submit", "n_submit_timestamp");
}

static void
on_input_leave (GtkEventControllerFocus *focus, Input *in)
{
  if (in->pending)
    input_report_value (in);
  nd_renderer_report_count (in->renderer, in->entry, "n_blur", "n_blur_timestamp");
}

static void
input_free (gpointer data)
{
  Input *in = data;

  g_clear_handle_id (&in->debounce_source, g_source_remove);
  g_free (in);
}

static void
input_apply (GtkWidget *entry, JsonNode *component, const char *prop)
{
  if (prop == NULL || strcmp (prop, "value") == 0)
    {
      g_autofree char *text = nd_value_text (nd_component_get_prop (component, "value"));

      if (strcmp (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  if (prop == NULL || strcmp (prop, "placeholder") == 0)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), nd_prop_string (component, "placeholder", NULL));
  if (prop == NULL || strcmp (prop, "disabled") == 0)
    gtk_widget_set_sensitive (entry, !nd_prop_bool (component, "disabled", FALSE));
  if (prop == NULL || strcmp (prop, "readOnly") == 0)
    gtk_editable_set_editable (GTK_EDITABLE (entry), !nd_prop_bool (component, "readOnly", FALSE));
  if (prop == NULL || strcmp (prop, "maxLength") == 0)
    gtk_entry_set_max_length (GTK_ENTRY (entry), (int) nd_prop_double (component, "maxLength", 0));
  if (prop == NULL || strcmp (prop, "type") == 0)
    {
      const char *type = nd_prop_string (component, "type", "text");
      GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;

      gtk_entry_set_visibility (GTK_ENTRY (entry), strcmp (type, "password") != 0);
      if (strcmp (type, "password") == 0)
        purpose = GTK_INPUT_PURPOSE_PASSWORD;
      else if (strcmp (type, "email") == 0)
        purpose = GTK_INPUT_PURPOSE_EMAIL;
      else if (strcmp (type, "tel") == 0)
        purpose = GTK_INPUT_PURPOSE_PHONE;
      else if (strcmp (type, "url") == 0)
        purpose = GTK_INPUT_PURPOSE_URL;
      else if (is_number_type (component))
        purpose = GTK_INPUT_PURPOSE_NUMBER;
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
      if (strcmp (type, "search") == 0)
        gtk_entry_set_icon_from_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_PRIMARY, "edit-find-symbolic");
    }
}

static GtkWidget *
input_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *entry = gtk_entry_new ();
  Input *in = g_new0 (Input, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  in->renderer = renderer;
  in->entry = entry;
  g_object_set_data_full (G_OBJECT (entry), "nd-input", in, input_free);
  gtk_widget_add_css_class (entry, "nd-input");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 20);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  input_apply (entry, component, NULL);
  g_signal_connect (entry, "changed", G_CALLBACK (on_input_changed), in);
  g_signal_connect (entry, "activate", G_CALLBACK (on_input_activate), in);
  g_signal_connect (focus, "leave", G_CALLBACK (on_input_leave), in);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static gboolean
input_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
              JsonNode *value)
{
  static const char *const own[] = { "value", "placeholder", "disabled", "readOnly", "maxLength", "type", NULL };

  if (!g_strv_contains (own, prop))
    return FALSE;
  input_apply (widget, component, prop);
  if (strcmp (prop, "value") == 0)
    input_of (widget)->pending = FALSE;
  return TRUE;
}

/* ---- Textarea ---- */

typedef struct {
  NdRenderer *renderer;
  GtkWidget *frame;
  GtkTextBuffer *buffer;
} Textarea;

static void
on_textarea_changed (GtkTextBuffer *buffer, Textarea *ta)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (nd_renderer_is_applying (ta->renderer))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  nd_renderer_report (ta->renderer, ta->frame, "value", nd_json_string (text));
}

static void
on_textarea_leave (GtkEventControllerFocus *focus, Textarea *ta)
{
  nd_renderer_report_count (ta->renderer, ta->frame, "n_blur", "n_blur_timestamp");
}

static void
textarea_apply (GtkWidget *frame, JsonNode *component, const char *prop)
{
  Textarea *ta = g_object_get_data (G_OBJECT (frame), "nd-textarea");
  GtkWidget *view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (frame));

  if (prop == NULL || strcmp (prop, "value") == 0)
    {
      g_autofree char *text = nd_value_text (nd_component_get_prop (component, "value"));
      GtkTextIter start, end;
      g_autofree char *current = NULL;

      gtk_text_buffer_get_bounds (ta->buffer, &start, &end);
      current = gtk_text_buffer_get_text (ta->buffer, &start, &end, FALSE);
      if (strcmp (current, text) != 0)
        gtk_text_buffer_set_text (ta->buffer, text, -1);
    }
  if (prop == NULL || strcmp (prop, "disabled") == 0)
    gtk_widget_set_sensitive (frame, !nd_prop_bool (component, "disabled", FALSE));
  if (prop == NULL || strcmp (prop, "readOnly") == 0)
    gtk_text_view_set_editable (GTK_TEXT_VIEW (view), !nd_prop_bool (component, "readOnly", FALSE));
  if (prop == NULL || strcmp (prop, "rows") == 0)
    {
      /* a line is about 20 px in the default font */
      double rows = nd_prop_double (component, "rows", 2);
      gtk_widget_set_size_request (frame, -1, (int) (rows * 20 + 12));
    }
}

static GtkWidget *
textarea_create (NdRenderer *renderer, JsonNode *component)
{
  GtkWidget *frame = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  Textarea *ta = g_new0 (Textarea, 1);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  ta->renderer = renderer;
  ta->frame = frame;
  ta->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_object_set_data_full (G_OBJECT (frame), "nd-textarea", ta, g_free);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 4);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), view);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (frame), TRUE);
  gtk_widget_set_size_request (frame, 240, -1);
  gtk_widget_add_css_class (frame, "nd-textarea");
  textarea_apply (frame, component, NULL);
  g_signal_connect (ta->buffer, "changed", G_CALLBACK (on_textarea_changed), ta);
  g_signal_connect (focus, "leave", G_CALLBACK (on_textarea_leave), ta);
  gtk_widget_add_controller (view, focus);
  return frame;
}

static gboolean
textarea_update (NdRenderer *renderer, GtkWidget *widget, JsonNode *component, const char *prop,
                 JsonNode *value)
{
  static const char *const own[] = { "value", "disabled", "readOnly", "rows", NULL };

  if (!g_strv_contains (own, prop))
    return FALSE;
  textarea_apply (widget, component, prop);
  return TRUE;
}

static const NdWidgetKind kinds[] = {
  { ND_NAMESPACE_DCC, "Input", TRUE, input_create, input_update },
  { ND_NAMESPACE_DCC, "Textarea", TRUE, textarea_create, textarea_update },
};

void
nd_dcc_text_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    nd_renderer_register_kind (&kinds[i]);
}
