/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ndash: Plotly Dash's reactive model (layouts of components, callbacks
 * from Input/State props to Output props) for native applications.
 */
#pragma once

#define NDASH_INSIDE
#include "nd-error.h"
#include "nd-json.h"
#include "nd-id.h"
#include "nd-component.h"
#include "nd-component-info.h"
#include "nd-builder.h"
#include "nd-layout.h"
#include "nd-dependency.h"
#include "nd-callback.h"
#include "nd-context.h"
#include "nd-app.h"
#include "nd-session.h"
#include "nd-store.h"
#include "nd-patch.h"
#include "nd-cache-backend.h"
#include "nd-cache.h"
#include "nd-cache-memory.h"
#include "nd-cache-filesystem.h"
#include "nd-data-error.h"
#include "nd-frame.h"
#include "nd-csv.h"
#include "nd-dataset.h"
#include "nd-express.h"
#undef NDASH_INSIDE
