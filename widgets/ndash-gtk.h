/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ndash's GTK renderer: a Dash layout as native widgets, one window per
 * session.
 */
#pragma once

#include <ndash.h>

#include "nd-application.h"
#include "nd-element.h"
#include "nd-flow-layout.h"
#include "nd-kits.h"
#include "nd-renderer.h"
#include "nd-style.h"
#include "nd-window.h"
