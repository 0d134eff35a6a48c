/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * NdFlowMode:
 * @ND_FLOW_NORMAL: CSS normal flow: block children stack, runs of inline
 *   children sit side by side and wrap
 * @ND_FLOW_ROW: `display: flex` with `flexDirection: row`
 * @ND_FLOW_COLUMN: `display: flex` with `flexDirection: column`
 */
typedef enum {
  ND_FLOW_NORMAL,
  ND_FLOW_ROW,
  ND_FLOW_COLUMN,
} NdFlowMode;

/**
 * NdFlowJustify:
 * How free space on the main axis is shared (CSS `justify-content`; in
 * normal flow, `text-align` of the inline runs).
 */
typedef enum {
  ND_FLOW_JUSTIFY_START,
  ND_FLOW_JUSTIFY_CENTER,
  ND_FLOW_JUSTIFY_END,
  ND_FLOW_JUSTIFY_SPACE_BETWEEN,
  ND_FLOW_JUSTIFY_SPACE_AROUND,
  ND_FLOW_JUSTIFY_SPACE_EVENLY,
} NdFlowJustify;

#define ND_TYPE_FLOW_LAYOUT (nd_flow_layout_get_type ())
G_DECLARE_FINAL_TYPE (NdFlowLayout, nd_flow_layout, ND, FLOW_LAYOUT, GtkLayoutManager)

#define ND_TYPE_FLOW_CHILD (nd_flow_child_get_type ())
G_DECLARE_FINAL_TYPE (NdFlowChild, nd_flow_child, ND, FLOW_CHILD, GtkLayoutChild)

GtkLayoutManager *nd_flow_layout_new          (void);
void              nd_flow_layout_set_mode     (NdFlowLayout  *self,
                                               NdFlowMode     mode);
NdFlowMode        nd_flow_layout_get_mode     (NdFlowLayout  *self);
void              nd_flow_layout_set_gap      (NdFlowLayout  *self,
                                               int            row_gap,
                                               int            column_gap);
void              nd_flow_layout_set_wrap     (NdFlowLayout  *self,
                                               gboolean       wrap);
void              nd_flow_layout_set_justify  (NdFlowLayout  *self,
                                               NdFlowJustify  justify);

void              nd_flow_child_set_inline    (NdFlowChild   *self,
                                               gboolean       is_inline);
gboolean          nd_flow_child_get_inline    (NdFlowChild   *self);
void              nd_flow_child_set_line_break (NdFlowChild  *self,
                                               gboolean       line_break);
void              nd_flow_child_set_grow      (NdFlowChild   *self,
                                               double         grow);
void              nd_flow_child_set_shrink    (NdFlowChild   *self,
                                               double         shrink);
void              nd_flow_child_set_width     (NdFlowChild   *self,
                                               double         width,
                                               gboolean       percent);
void              nd_flow_child_set_max_width (NdFlowChild   *self,
                                               double         width,
                                               gboolean       percent);

G_END_DECLS
