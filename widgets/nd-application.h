/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <gtk/gtk.h>
#include <ndash.h>

G_BEGIN_DECLS

int nd_application_run (NdApp  *app,
                        int     argc,
                        char  **argv);

G_END_DECLS
