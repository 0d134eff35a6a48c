/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#include <ndash.h>

G_BEGIN_DECLS

/* C ports of the apps in ../shared/fixtures/<name>/app.py, callbacks and
 * layouts written to read like their Python twins. */
NdApp              *nd_fixture_app_new   (const char *name);
const char * const *nd_fixture_app_names (void);

G_END_DECLS
