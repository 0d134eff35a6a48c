/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The component families the renderer knows.  Each family lives in its
 * own file and registers its kinds with nd_renderer_register_kind(); a
 * family not built in is simply absent (weak symbols).
 */
#pragma once

#include "nd-renderer.h"

G_BEGIN_DECLS

void nd_html_register_kinds (void);
void nd_dcc_register_kinds (void);

/* dcc families, one file each */
void nd_dcc_text_register_kinds (void) __attribute__ ((weak));
void nd_dcc_choices_register_kinds (void) __attribute__ ((weak));
void nd_dcc_slider_register_kinds (void) __attribute__ ((weak));
void nd_dcc_dates_register_kinds (void) __attribute__ ((weak));
void nd_dcc_tabs_register_kinds (void) __attribute__ ((weak));
void nd_dcc_markdown_register_kinds (void) __attribute__ ((weak));
void nd_dcc_misc_register_kinds (void) __attribute__ ((weak));
void nd_dcc_graph_register_kinds (void) __attribute__ ((weak));
void nd_table_register_kinds (void) __attribute__ ((weak));
void nd_kits_register_kinds (void) __attribute__ ((weak));

G_END_DECLS
