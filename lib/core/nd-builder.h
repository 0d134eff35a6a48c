/* SPDX-License-Identifier: LGPL-2.1-or-later */
#pragma once

#if !defined(NDASH_INSIDE) && !defined(NDASH_COMPILATION)
#error "Only <ndash.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "nd-component.h"

G_BEGIN_DECLS

/*
 * The C builder API: layouts that read like their Python twins.
 *
 *   html.Div([html.H6("Hello"), dcc.Input(id="my-input", value="x", type="text")])
 *
 *   nd_html_div (nd_list (nd_html_h6 ("Hello"),
 *                         nd_dcc_input ("id", "my-input", "value", "x", "type", "text")))
 *
 * Every argument goes through ND_V(), which turns C strings, integers,
 * doubles and NULL into JSON nodes and passes JsonNode pointers through
 * (taking ownership). A component macro takes an optional first positional
 * argument (the children, as in Python) followed by "prop", value pairs.
 * Booleans must be written nd_bool (TRUE): gboolean is an int in C.
 */

JsonNode *nd_value_take        (JsonNode   *node);
JsonNode *nd_value_from_string (const char *str);
JsonNode *nd_value_from_pointer (const void *ptr);
JsonNode *nd_value_from_int    (long long   value);
JsonNode *nd_value_from_double (double      value);
JsonNode *nd_value_from_bool   (_Bool       value);

#define ND_V(x) _Generic ((x),                              \
    char *: nd_value_from_string,                           \
    const char *: nd_value_from_string,                     \
    signed char: nd_value_from_int,                         \
    short: nd_value_from_int,                               \
    unsigned short: nd_value_from_int,                      \
    int: nd_value_from_int,                                 \
    unsigned int: nd_value_from_int,                        \
    long: nd_value_from_int,                                \
    unsigned long: nd_value_from_int,                       \
    long long: nd_value_from_int,                           \
    float: nd_value_from_double,                            \
    double: nd_value_from_double,                           \
    _Bool: nd_value_from_bool,                              \
    JsonNode *: nd_value_take,                              \
    default: nd_value_from_pointer) (x)

#include "nd-builder-macros.h"

#define ND__CAT(a, b) a##b
#define ND_CAT(a, b) ND__CAT (a, b)
#define ND_MAP_COMMA(f, ...) ND_CAT (ND__MAPC_, ND_NARGS (__VA_ARGS__)) (f __VA_OPT__(,) __VA_ARGS__)

JsonNode *nd_component_build (const char *namespace_,
                              const char *type,
                              guint       n_args,
                              ...);
JsonNode *nd_list_build      (guint       n_items,
                              ...);
JsonNode *nd_dict_build      (guint       n_args,
                              ...);

/* Any component by namespace and type: nd_component ("dash_bootstrap_components", "Row", ...). */
#define ND_COMPONENT(ns, type, ...) \
  nd_component_build ((ns), (type), ND_NARGS (__VA_ARGS__) ND_MAP_COMMA (ND_V, __VA_ARGS__))
#define nd_component(ns, type, ...) ND_COMPONENT (ns, type __VA_OPT__(,) __VA_ARGS__)

/* A JSON list: nd_list ("a", 2, nd_dict ("k", "v")). */
#define nd_list(...) nd_list_build (ND_NARGS (__VA_ARGS__) ND_MAP_COMMA (ND_V, __VA_ARGS__))
/* A JSON object from key, value pairs: nd_dict ("label", "New York", "value", "NYC"). */
#define nd_dict(...) nd_dict_build (ND_NARGS (__VA_ARGS__) ND_MAP_COMMA (ND_V, __VA_ARGS__))

#define nd_str(s)  nd_value_from_string (s)
#define nd_int(i)  nd_value_from_int (i)
#define nd_num(d)  nd_value_from_double (d)
#define nd_bool(b) nd_value_from_bool (!!(b))
#define nd_null()  nd_value_from_pointer (NULL)

JsonNode *nd_strf   (const char *format,
                     ...) G_GNUC_PRINTF (1, 2);
char     *nd_py_str (JsonNode   *value);

G_END_DECLS
