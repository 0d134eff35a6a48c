/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ND_TYPE_ELEMENT (nd_element_get_type ())
G_DECLARE_FINAL_TYPE (NdElement, nd_element, ND, ELEMENT, GtkWidget)

GtkWidget *nd_element_new    (const char *css_name);
void       nd_element_append (NdElement  *self,
                              GtkWidget  *child);
void       nd_element_clear  (NdElement  *self);

G_END_DECLS
