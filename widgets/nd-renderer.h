/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <ndash.h>

G_BEGIN_DECLS

#define ND_TYPE_RENDERER (nd_renderer_get_type ())
G_DECLARE_FINAL_TYPE (NdRenderer, nd_renderer, ND, RENDERER, GObject)

/**
 * NdWidgetKind:
 * @namespace_: the component's namespace, e.g. "dash_html_components"
 * @type: its type, e.g. "Div"
 * @is_inline: whether it flows inline in its parent (a span, a button, an
 *   input) rather than stacking as a block (a div, a paragraph)
 * @create: makes the widget for @component, with every prop applied
 * @update: applies one prop that changed (a callback result, set_props,
 *   a Store); returns %FALSE for props it leaves to the generic handling
 *   (style, className, hidden, title, children of html-like containers)
 * @owns_style: the kind applies `style` and `className` itself (to an
 *   inner widget), in create() and update()
 *
 * How one component type becomes a GTK widget.  Kinds report what the
 * user changes with nd_renderer_report().
 */
typedef struct {
  const char *namespace_;
  const char *type;
  gboolean is_inline;
  GtkWidget *(*create) (NdRenderer *renderer,
                        JsonNode   *component);
  gboolean   (*update) (NdRenderer *renderer,
                        GtkWidget  *widget,
                        JsonNode   *component,
                        const char *prop,
                        JsonNode   *value);
  gboolean owns_style;
} NdWidgetKind;

void          nd_renderer_register_kind     (const NdWidgetKind *kind);
const NdWidgetKind *nd_renderer_lookup_kind (const char *namespace_,
                                             const char *type);

NdRenderer   *nd_renderer_new               (NdSession   *session);
NdSession    *nd_renderer_get_session       (NdRenderer  *renderer);
GtkWidget    *nd_renderer_get_root          (NdRenderer  *renderer);

GtkWidget    *nd_renderer_render            (NdRenderer  *renderer,
                                             JsonNode    *value);
void          nd_renderer_render_children   (NdRenderer  *renderer,
                                             GtkWidget   *container,
                                             JsonNode    *children);
GtkWidget    *nd_renderer_rerender          (NdRenderer  *renderer,
                                             GtkWidget   *widget);
GtkWidget    *nd_renderer_lookup_widget     (NdRenderer  *renderer,
                                             const char  *id_text);
JsonNode     *nd_renderer_get_component     (GtkWidget   *widget);

void          nd_renderer_report            (NdRenderer  *renderer,
                                             GtkWidget   *widget,
                                             const char  *prop,
                                             JsonNode    *value);
void          nd_renderer_report_props      (NdRenderer  *renderer,
                                             GtkWidget   *widget,
                                             JsonObject  *props);
void          nd_renderer_count_prop        (JsonObject  *props,
                                             JsonNode    *component,
                                             const char  *prop,
                                             const char  *stamp);
void          nd_renderer_report_count      (NdRenderer  *renderer,
                                             GtkWidget   *widget,
                                             const char  *prop,
                                             const char  *stamp);
gboolean      nd_renderer_is_applying       (NdRenderer  *renderer);
void          nd_renderer_open_uri          (NdRenderer  *renderer,
                                             GtkWidget   *widget,
                                             const char  *uri);
char         *nd_renderer_resolve_asset     (NdRenderer  *renderer,
                                             const char  *src);

/* Dash's own props every component understands */
void          nd_renderer_apply_common      (NdRenderer  *renderer,
                                             GtkWidget   *widget,
                                             JsonNode    *component,
                                             const char  *prop);

/* helpers for kinds */
const char   *nd_prop_string                (JsonNode    *component,
                                             const char  *prop,
                                             const char  *fallback);
double        nd_prop_double                (JsonNode    *component,
                                             const char  *prop,
                                             double       fallback);
gboolean      nd_prop_bool                  (JsonNode    *component,
                                             const char  *prop,
                                             gboolean     fallback);
char         *nd_value_text                 (JsonNode    *value);
void          nd_renderer_set_label_text    (GtkLabel    *label,
                                             const char  *text);

G_END_DECLS
