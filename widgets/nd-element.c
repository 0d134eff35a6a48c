/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An html element as a GTK widget: a container laid out by NdFlowLayout,
 * whose CSS node is named after its tag ("div", "h1", "p"), so GTK CSS
 * selectors written for html apply.
 */
#include "nd-element.h"

#include "nd-flow-layout.h"

struct _NdElement {
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (NdElement, nd_element, GTK_TYPE_WIDGET)

static void
nd_element_dispose (GObject *object)
{
  nd_element_clear (ND_ELEMENT (object));
  G_OBJECT_CLASS (nd_element_parent_class)->dispose (object);
}

static void
nd_element_class_init (NdElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_element_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, ND_TYPE_FLOW_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "div");
}

static void
nd_element_init (NdElement *self)
{
}

/**
 * nd_element_new:
 * @css_name: the tag, e.g. "div", "p", "h1"
 *
 * Returns: (transfer floating): the element
 */
GtkWidget *
nd_element_new (const char *css_name)
{
  return g_object_new (ND_TYPE_ELEMENT, "css-name", css_name, NULL);
}

void
nd_element_append (NdElement *self, GtkWidget *child)
{
  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
nd_element_clear (NdElement *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
}
