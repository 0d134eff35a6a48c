/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ndash-chart: plotly figure JSON (`{"data": [...], "layout": {...}}`)
 * drawn natively with cairo.
 */
#pragma once

#define NDASH_CHART_INSIDE
#include "nd-chart.h"
#undef NDASH_CHART_INSIDE
