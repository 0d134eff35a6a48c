/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Dash's Patch: the wire form of each builder, applying every operation
 * as the renderer does, the recorded patch from the pattern_matching
 * fixture, copy-on-write (the input is never touched) and the errors.
 */
#ifndef NDASH_COMPILATION
#define NDASH_COMPILATION 1
#endif

#include <string.h>

#include "nd-error.h"
#include "nd-json.h"
#include "nd-patch.h"

/* meson passes an absolute path; this fallback is for a build by hand
 * from the top of the source tree. */
#ifndef FIXTURES_DIR
#define FIXTURES_DIR "../shared/fixtures"
#endif

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse (text, -1, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_json (JsonNode *actual, const char *expected_text)
{
  g_autoptr(JsonNode) expected = parse (expected_text);

  if (!nd_json_equal (expected, actual))
    {
      g_autofree char *got = nd_json_to_string (actual, FALSE);

      g_error ("expected %s\n     got %s", expected_text, got);
    }
}

/* Wraps a JSON list of operations in the patch object. */
static JsonNode *
patch_of (const char *operations)
{
  g_autofree char *text =
    g_strdup_printf ("{\"__dash_patch_update\":\"__dash_patch_update\",\"operations\":%s}",
                     operations);

  return parse (text);
}

static JsonNode *
apply_text (const char *current, const char *operations, GError **error)
{
  g_autoptr(JsonNode) cur = parse (current);
  g_autoptr(JsonNode) patch = patch_of (operations);

  return nd_patch_apply (cur, patch, error);
}

static void
test_wire_spec_example (void)
{
  g_autoptr(NdPatch) patch = nd_patch_new ();
  g_autoptr(JsonNode) node = NULL;

  /* p["data"][0]["y"].append(5); p["layout"]["title"] = "T" */
  nd_patch_append (patch, parse ("[\"data\",0,\"y\"]"), nd_json_int (5));
  nd_patch_assign (patch, parse ("[\"layout\",\"title\"]"), nd_json_string ("T"));
  g_assert_cmpuint (nd_patch_get_n_operations (patch), ==, 2);

  node = nd_patch_to_node (patch);
  assert_json (node,
               "{\"__dash_patch_update\":\"__dash_patch_update\",\"operations\":["
               "{\"operation\":\"Append\",\"location\":[\"data\",0,\"y\"],\"params\":{\"value\":5}},"
               "{\"operation\":\"Assign\",\"location\":[\"layout\",\"title\"],\"params\":{\"value\":\"T\"}}]}");
  g_assert_true (nd_patch_is_patch (node));
}

static void
test_wire_all_operations (void)
{
  g_autoptr(NdPatch) patch = nd_patch_new ();
  g_autoptr(JsonNode) node = NULL;

  nd_patch_assign (patch, parse ("[\"a\"]"), nd_json_int (1));
  nd_patch_delete (patch, parse ("[\"a\"]"));
  nd_patch_merge (patch, NULL, parse ("{\"b\":2}"));
  nd_patch_extend (patch, parse ("[\"l\"]"), parse ("[1,2]"));
  nd_patch_append (patch, parse ("[\"l\"]"), NULL);
  nd_patch_prepend (patch, parse ("[\"l\"]"), nd_json_string ("x"));
  nd_patch_insert (patch, parse ("[\"l\"]"), -1, nd_json_bool (TRUE));
  nd_patch_add (patch, parse ("[\"n\"]"), nd_json_int (1));
  nd_patch_sub (patch, parse ("[\"n\"]"), nd_json_int (2));
  nd_patch_mul (patch, parse ("[\"n\"]"), nd_json_double (1.5));
  nd_patch_div (patch, parse ("[\"n\"]"), nd_json_int (4));
  nd_patch_clear (patch, parse ("[\"l\"]"));
  nd_patch_reverse (patch, parse ("[\"l\"]"));
  nd_patch_remove (patch, parse ("[\"l\",-2]"), nd_json_int (3));

  node = nd_patch_to_node (patch);
  assert_json (node,
               "{\"__dash_patch_update\":\"__dash_patch_update\",\"operations\":["
               "{\"operation\":\"Assign\",\"location\":[\"a\"],\"params\":{\"value\":1}},"
               "{\"operation\":\"Delete\",\"location\":[\"a\"],\"params\":{}},"
               "{\"operation\":\"Merge\",\"location\":[],\"params\":{\"value\":{\"b\":2}}},"
               "{\"operation\":\"Extend\",\"location\":[\"l\"],\"params\":{\"value\":[1,2]}},"
               "{\"operation\":\"Append\",\"location\":[\"l\"],\"params\":{\"value\":null}},"
               "{\"operation\":\"Prepend\",\"location\":[\"l\"],\"params\":{\"value\":\"x\"}},"
               "{\"operation\":\"Insert\",\"location\":[\"l\"],\"params\":{\"index\":-1,\"value\":true}},"
               "{\"operation\":\"Add\",\"location\":[\"n\"],\"params\":{\"value\":1}},"
               "{\"operation\":\"Sub\",\"location\":[\"n\"],\"params\":{\"value\":2}},"
               "{\"operation\":\"Mul\",\"location\":[\"n\"],\"params\":{\"value\":1.5}},"
               "{\"operation\":\"Div\",\"location\":[\"n\"],\"params\":{\"value\":4}},"
               "{\"operation\":\"Clear\",\"location\":[\"l\"],\"params\":{}},"
               "{\"operation\":\"Reverse\",\"location\":[\"l\"],\"params\":{}},"
               "{\"operation\":\"Remove\",\"location\":[\"l\",-2],\"params\":{\"value\":3}}]}");
}

static void
test_wire_independent (void)
{
  g_autoptr(NdPatch) patch = nd_patch_new ();
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;

  nd_patch_append (patch, NULL, parse ("{\"k\":[1]}"));
  first = nd_patch_to_node (patch);
  /* Editing one serialisation must not leak into the patch or the next. */
  json_object_remove_member (json_node_get_object (first), "operations");
  second = nd_patch_to_node (patch);
  assert_json (second,
               "{\"__dash_patch_update\":\"__dash_patch_update\",\"operations\":["
               "{\"operation\":\"Append\",\"location\":[],\"params\":{\"value\":{\"k\":[1]}}}]}");
}

static void
test_is_patch (void)
{
  g_autoptr(JsonNode) patch = patch_of ("[]");
  g_autoptr(JsonNode) dict = parse ("{\"operations\":[]}");
  g_autoptr(JsonNode) list = parse ("[]");
  g_autoptr(JsonNode) str = parse ("\"__dash_patch_update\"");

  g_assert_true (nd_patch_is_patch (patch));
  g_assert_false (nd_patch_is_patch (dict));
  g_assert_false (nd_patch_is_patch (list));
  g_assert_false (nd_patch_is_patch (str));
  g_assert_false (nd_patch_is_patch (NULL));
}

static void
test_boxed (void)
{
  NdPatch *patch = nd_patch_new ();
  NdPatch *copy = g_boxed_copy (ND_TYPE_PATCH, patch);

  g_assert_true (copy == patch);
  g_boxed_free (ND_TYPE_PATCH, copy);
  nd_patch_unref (patch);
}

typedef struct {
  const char *current;
  const char *operations;
  const char *expected;
} ApplyCase;

#define SAMPLE "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":1},\"z\":null}"
#define OP(name, loc, params) "[{\"operation\":\"" name "\",\"location\":" loc ",\"params\":" params "}]"

static const ApplyCase apply_cases[] = {
  /* Assign */
  { SAMPLE, OP ("Assign", "[\"a\"]", "{\"value\":5}"),
    "{\"a\":5,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":1},\"z\":null}" },
  { SAMPLE, OP ("Assign", "[\"d\",\"k\"]", "{\"value\":[1]}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":[1]},\"z\":null}" },
  { SAMPLE, OP ("Assign", "[\"l\",1]", "{\"value\":\"two\"}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,\"two\",3],\"d\":{\"k\":1},\"z\":null}" },
  { SAMPLE, OP ("Assign", "[\"l\",3]", "{\"value\":4}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3,4],\"d\":{\"k\":1},\"z\":null}" },
  { SAMPLE, OP ("Assign", "[]", "{\"value\":[true]}"), "[true]" },
  /* Assign and Merge create what is missing, also through null */
  { "{}", OP ("Assign", "[\"x\",\"y\",\"z\"]", "{\"value\":0}"), "{\"x\":{\"y\":{\"z\":0}}}" },
  { "{\"x\":null}", OP ("Assign", "[\"x\",\"y\"]", "{\"value\":0}"), "{\"x\":{\"y\":0}}" },
  { "null", OP ("Assign", "[\"x\"]", "{\"value\":0}"), "{\"x\":0}" },
  { "{}", OP ("Merge", "[\"x\",\"y\"]", "{\"value\":{\"a\":1}}"), "{\"x\":{\"y\":{\"a\":1}}}" },
  /* Delete */
  { SAMPLE, OP ("Delete", "[\"a\"]", "{}"),
    "{\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":1},\"z\":null}" },
  { SAMPLE, OP ("Delete", "[\"l\",0]", "{}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[2,3],\"d\":{\"k\":1},\"z\":null}" },
  { SAMPLE, OP ("Delete", "[\"d\",\"k\"]", "{}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{},\"z\":null}" },
  /* deleting a key that is not there changes nothing, as in the renderer */
  { SAMPLE, OP ("Delete", "[\"nope\"]", "{}"), SAMPLE },
  /* Merge */
  { SAMPLE, OP ("Merge", "[\"d\"]", "{\"value\":{\"k\":2,\"m\":3}}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":2,\"m\":3},\"z\":null}" },
  { SAMPLE, OP ("Merge", "[]", "{\"value\":{\"a\":0,\"b\":{}}}"),
    "{\"a\":0,\"b\":{},\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":1},\"z\":null}" },
  { SAMPLE, OP ("Merge", "[\"z\"]", "{\"value\":{\"q\":1}}"),
    "{\"a\":1,\"f\":1.5,\"s\":\"x\",\"l\":[1,2,3],\"d\":{\"k\":1},\"z\":{\"q\":1}}" },
  /* Extend, Append, Prepend */
  { "[1]", OP ("Extend", "[]", "{\"value\":[2,[3]]}"), "[1,2,[3]]" },
  { "[1]", OP ("Extend", "[]", "{\"value\":[]}"), "[1]" },
  { "[1]", OP ("Append", "[]", "{\"value\":{\"x\":1}}"), "[1,{\"x\":1}]" },
  { "[1]", OP ("Prepend", "[]", "{\"value\":0}"), "[0,1]" },
  { "[]", OP ("Prepend", "[]", "{\"value\":0}"), "[0]" },
  /* Insert: before index, negative from the end, out of range appends */
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":1,\"value\":9}"), "[1,9,2,3]" },
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":0,\"value\":9}"), "[9,1,2,3]" },
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":3,\"value\":9}"), "[1,2,3,9]" },
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":10,\"value\":9}"), "[1,2,3,9]" },
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":-1,\"value\":9}"), "[1,2,9,3]" },
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":-3,\"value\":9}"), "[9,1,2,3]" },
  { "[1,2,3]", OP ("Insert", "[]", "{\"index\":-10,\"value\":9}"), "[1,2,3,9]" },
  /* Arithmetic */
  { "3", OP ("Add", "[]", "{\"value\":2}"), "5" },
  { "1.5", OP ("Add", "[]", "{\"value\":1}"), "2.5" },
  { "\"ab\"", OP ("Add", "[]", "{\"value\":\"cd\"}"), "\"abcd\"" },
  { "3", OP ("Sub", "[]", "{\"value\":5}"), "-2" },
  { "3", OP ("Mul", "[]", "{\"value\":2.5}"), "7.5" },
  { "3", OP ("Div", "[]", "{\"value\":4}"), "0.75" },
  { "6", OP ("Div", "[]", "{\"value\":3}"), "2" },
  { "9223372036854775807", OP ("Add", "[]", "{\"value\":1}"), "9223372036854775808.0" },
  /* Clear, Reverse, Remove */
  { "[1,2]", OP ("Clear", "[]", "{}"), "[]" },
  { "{\"a\":1}", OP ("Clear", "[]", "{}"), "{}" },
  { "[1,2,3]", OP ("Reverse", "[]", "{}"), "[3,2,1]" },
  { "[]", OP ("Reverse", "[]", "{}"), "[]" },
  { "[1,{\"a\":[1]},1.0,2,{\"a\":[1.0]}]", OP ("Remove", "[]", "{\"value\":1}"),
    "[{\"a\":[1]},2,{\"a\":[1.0]}]" },
  { "[1,{\"a\":[1]},1.0,2,{\"a\":[1.0]}]", OP ("Remove", "[]", "{\"value\":{\"a\":[1]}}"),
    "[1,1.0,2]" },
  { "[1,2]", OP ("Remove", "[]", "{\"value\":3}"), "[1,2]" },
  /* Deep locations, and integer keys looking up dicts as JavaScript does */
  { "{\"data\":[{\"y\":[1]}]}", OP ("Append", "[\"data\",0,\"y\"]", "{\"value\":2}"),
    "{\"data\":[{\"y\":[1,2]}]}" },
  { "{\"0\":{\"n\":1}}", OP ("Add", "[0,\"n\"]", "{\"value\":1}"), "{\"0\":{\"n\":2}}" },
  { "[[1,2],[3]]", OP ("Add", "[1.0,0]", "{\"value\":1}"), "[[1,2],[4]]" },
  /* Several operations apply in order, each seeing the last one's result */
  { "{\"l\":[]}",
    "[{\"operation\":\"Append\",\"location\":[\"l\"],\"params\":{\"value\":1}},"
    "{\"operation\":\"Append\",\"location\":[\"l\"],\"params\":{\"value\":2}},"
    "{\"operation\":\"Assign\",\"location\":[\"l\",-1],\"params\":{\"value\":3}},"
    "{\"operation\":\"Reverse\",\"location\":[\"l\"],\"params\":{}},"
    "{\"operation\":\"Assign\",\"location\":[\"n\"],\"params\":{\"value\":1}},"
    "{\"operation\":\"Mul\",\"location\":[\"n\"],\"params\":{\"value\":10}}]",
    "{\"l\":[3,1],\"n\":10}" },
  { "[1]", "[]", "[1]" },
};

static void
test_apply_operations (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (apply_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = NULL;

      g_test_message ("case %u: %s on %s", i, apply_cases[i].operations, apply_cases[i].current);
      result = apply_text (apply_cases[i].current, apply_cases[i].operations, &error);
      g_assert_no_error (error);
      assert_json (result, apply_cases[i].expected);
    }
}

static void
test_apply_number_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sum = apply_text ("{\"n\":2}", OP ("Add", "[\"n\"]", "{\"value\":3}"), &error);
  g_autoptr(JsonNode) product = NULL;
  JsonNode *n;

  g_assert_no_error (error);
  n = json_object_get_member (json_node_get_object (sum), "n");
  g_assert_cmpint (json_node_get_value_type (n), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (n), ==, 5);

  product = apply_text ("2", OP ("Mul", "[]", "{\"value\":0.5}"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (product), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (product), ==, 1.0);
}

static void
test_apply_negative_indices (void)
{
  static const ApplyCase cases[] = {
    { "{\"data\":[{\"y\":[1,2]},{\"y\":[3,4]}]}", OP ("Append", "[\"data\",-1,\"y\"]", "{\"value\":5}"),
      "{\"data\":[{\"y\":[1,2]},{\"y\":[3,4,5]}]}" },
    { "{\"data\":[{\"y\":[1,2]},{\"y\":[3,4]}]}", OP ("Assign", "[\"data\",-2,\"y\",-1]", "{\"value\":0}"),
      "{\"data\":[{\"y\":[1,0]},{\"y\":[3,4]}]}" },
    { "{\"data\":[{\"y\":[1,2]},{\"y\":[3,4]}]}", OP ("Delete", "[\"data\",-1]", "{}"),
      "{\"data\":[{\"y\":[1,2]}]}" },
    { "{\"data\":[{\"y\":[1,2]},{\"y\":[3,4]}]}", OP ("Sub", "[\"data\",-1,\"y\",-2]", "{\"value\":3}"),
      "{\"data\":[{\"y\":[1,2]},{\"y\":[0,4]}]}" },
    { "[[1],[2],[3]]", OP ("Prepend", "[-3]", "{\"value\":0}"), "[[0,1],[2],[3]]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = apply_text (cases[i].current, cases[i].operations, &error);

      g_assert_no_error (error);
      assert_json (result, cases[i].expected);
    }
}

/* The first recorded patch objects of pattern_matching: each click
 * appends an item to `items.children`, which starts as []. */
static void
test_apply_fixture (void)
{
  g_autofree char *path = g_build_filename (FIXTURES_DIR, "pattern_matching", "exchanges.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) value = NULL;
  guint found = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("fixture exchanges.jsonl not found");
      return;
    }
  value = parse ("[]");
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL && found < 2; i++)
    {
      g_autoptr(JsonNode) exchange = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      JsonObject *response;
      JsonNode *patch, *children, *item;
      JsonNode *next;

      if (strstr (lines[i], "__dash_patch_update") == NULL)
        continue;
      exchange = parse (lines[i]);
      response = json_node_get_object (json_object_get_member (json_node_get_object (exchange), "response"));
      response = json_object_get_object_member (response, "response");
      patch = json_object_get_member (json_object_get_object_member (response, "items"), "children");
      g_assert_true (nd_patch_is_patch (patch));

      next = nd_patch_apply (value, patch, &error);
      g_assert_no_error (error);
      json_node_unref (value);
      value = next;
      found++;

      children = value;
      g_assert_true (JSON_NODE_HOLDS_ARRAY (children));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (children)), ==, found);
      item = json_array_get_element (json_node_get_array (children), found - 1);
      expected = g_strdup_printf ("{\"props\":{\"children\":["
                                  "{\"props\":{\"value\":\"item %u\",\"type\":\"text\","
                                  "\"id\":{\"type\":\"item-input\",\"index\":%u}},"
                                  "\"type\":\"Input\",\"namespace\":\"dash_core_components\"},"
                                  "{\"props\":{\"children\":null,\"id\":{\"type\":\"item-echo\",\"index\":%u}},"
                                  "\"type\":\"Span\",\"namespace\":\"dash_html_components\"}]},"
                                  "\"type\":\"Div\",\"namespace\":\"dash_html_components\"}",
                                  found - 1, found - 1, found - 1);
      assert_json (item, expected);
    }
  g_assert_cmpuint (found, ==, 2);
}

static void
test_apply_leaves_current (void)
{
  static const char *const patches[] = {
    OP ("Append", "[\"data\",0,\"y\"]", "{\"value\":7}"),
    OP ("Assign", "[\"layout\",\"title\",\"text\"]", "{\"value\":\"T\"}"),
    OP ("Delete", "[\"data\",-1]", "{}"),
    OP ("Merge", "[\"layout\"]", "{\"value\":{\"height\":300}}"),
    OP ("Clear", "[\"data\",0,\"y\"]", "{}"),
    OP ("Reverse", "[\"data\"]", "{}"),
    OP ("Remove", "[\"data\",0,\"y\"]", "{\"value\":1}"),
    OP ("Mul", "[\"layout\",\"width\"]", "{\"value\":2}"),
    OP ("Assign", "[]", "{\"value\":0}"),
    /* failing halfway must not leave anything behind either */
    "[{\"operation\":\"Append\",\"location\":[\"data\",0,\"y\"],\"params\":{\"value\":1}},"
    "{\"operation\":\"Append\",\"location\":[\"layout\"],\"params\":{\"value\":1}}]",
    "[]",
  };
  g_autoptr(JsonNode) current =
    parse ("{\"data\":[{\"y\":[1,2,1]},{\"y\":[3]}],\"layout\":{\"title\":\"x\",\"width\":10},"
           "\"other\":{\"big\":[1,2,3]}}");
  g_autoptr(JsonNode) before = nd_json_deep_copy (current);

  for (guint i = 0; i < G_N_ELEMENTS (patches); i++)
    {
      g_autoptr(JsonNode) patch = patch_of (patches[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = nd_patch_apply (current, patch, &error);

      g_assert_true (result != current);
      g_assert_true (nd_json_equal (current, before));
      if (result != NULL && JSON_NODE_HOLDS_OBJECT (result))
        {
          /* Copy-on-write: what the patch did not touch is shared. */
          g_assert_true (json_object_get_member (json_node_get_object (result), "other") ==
                         json_object_get_member (json_node_get_object (current), "other"));
        }
    }
}

typedef struct {
  const char *current;     /* NULL: the prop is undefined */
  const char *patch;       /* a whole patch object */
  const char *message;
} ErrorCase;

#define PATCH(ops) "{\"__dash_patch_update\":\"__dash_patch_update\",\"operations\":" ops "}"

static const ErrorCase error_cases[] = {
  { NULL, PATCH (OP ("Append", "[]", "{\"value\":1}")), "Cannot patch undefined" },
  /* bad locations */
  { "{\"data\":[{\"y\":{}}]}", PATCH (OP ("Append", "[\"data\",0,\"y\"]", "{\"value\":1}")),
    "Patch Append at [\"data\",0,\"y\"]: target is a dict, not a list" },
  { "{\"data\":[]}", PATCH (OP ("Append", "[\"data\",0,\"y\"]", "{\"value\":1}")),
    "Patch Append at [\"data\",0,\"y\"]: index 0 out of range for a list of 0" },
  { "[1,2]", PATCH (OP ("Assign", "[-3]", "{\"value\":1}")),
    "Patch Assign at [-3]: index -3 out of range for a list of 2" },
  { "[1,2]", PATCH (OP ("Assign", "[3]", "{\"value\":1}")),
    "Patch Assign at [3]: index 3 out of range for a list of 2" },
  { "[1,2]", PATCH (OP ("Delete", "[2]", "{}")),
    "Patch Delete at [2]: index 2 out of range for a list of 2" },
  { "{\"a\":{}}", PATCH (OP ("Append", "[\"b\"]", "{\"value\":1}")),
    "Patch Append at [\"b\"]: no key \"b\"" },
  { "{\"a\":{}}", PATCH (OP ("Extend", "[\"b\",\"c\"]", "{\"value\":[1]}")),
    "Patch Extend at [\"b\",\"c\"]: no key \"b\"" },
  { "{\"a\":{}}", PATCH (OP ("Delete", "[\"b\",\"c\"]", "{}")),
    "Patch Delete at [\"b\",\"c\"]: no key \"b\"" },
  { "[1]", PATCH (OP ("Assign", "[\"a\"]", "{\"value\":1}")),
    "Patch Assign at [\"a\"]: cannot look up key \"a\" in a list" },
  { "{\"s\":\"text\"}", PATCH (OP ("Assign", "[\"s\",\"x\"]", "{\"value\":1}")),
    "Patch Assign at [\"s\",\"x\"]: cannot look up key \"x\" in a string" },
  { "{\"n\":1}", PATCH (OP ("Add", "[\"n\",0]", "{\"value\":1}")),
    "Patch Add at [\"n\",0]: cannot look up index 0 in a number" },
  { "{}", PATCH (OP ("Assign", "[\"x\",0]", "{\"value\":1}")),
    "Patch Assign at [\"x\",0]: no list to look up index 0 in "
    "(only dicts are created along a missing path)" },
  { "{\"a\":1}", PATCH (OP ("Delete", "[]", "{}")),
    "Patch Delete at []: cannot delete the prop itself" },
  /* type mismatches */
  { "{\"a\":1}", PATCH (OP ("Append", "[]", "{\"value\":1}")),
    "Patch Append at []: target is a dict, not a list" },
  { "{\"l\":null}", PATCH (OP ("Prepend", "[\"l\"]", "{\"value\":1}")),
    "Patch Prepend at [\"l\"]: target is null, not a list" },
  { "[1]", PATCH (OP ("Extend", "[]", "{\"value\":2}")),
    "Patch Extend at []: value is a number, not a list" },
  { "[1]", PATCH (OP ("Merge", "[]", "{\"value\":{}}")),
    "Patch Merge at []: target is a list, not a dict" },
  { "{}", PATCH (OP ("Merge", "[]", "{\"value\":[1]}")),
    "Patch Merge at []: value is a list, not a dict" },
  { "\"s\"", PATCH (OP ("Add", "[]", "{\"value\":1}")),
    "Patch Add at []: cannot add a number to a string" },
  { "1", PATCH (OP ("Add", "[]", "{\"value\":\"s\"}")),
    "Patch Add at []: value is a string, not a number" },
  { "[1]", PATCH (OP ("Add", "[]", "{\"value\":[2]}")),
    "Patch Add at []: target is a list, not a number or string" },
  { "\"s\"", PATCH (OP ("Sub", "[]", "{\"value\":1}")),
    "Patch Sub at []: target is a string, not a number" },
  { "true", PATCH (OP ("Mul", "[]", "{\"value\":2}")),
    "Patch Mul at []: target is a boolean, not a number" },
  { "{\"n\":1}", PATCH (OP ("Div", "[\"n\"]", "{\"value\":0}")),
    "Patch Div at [\"n\"]: division by zero" },
  { "1e308", PATCH (OP ("Mul", "[]", "{\"value\":10}")),
    "Patch Mul at []: result is not a finite number" },
  { "\"s\"", PATCH (OP ("Clear", "[]", "{}")),
    "Patch Clear at []: target is a string, not a list or dict" },
  { "{}", PATCH (OP ("Reverse", "[]", "{}")),
    "Patch Reverse at []: target is a dict, not a list" },
  { "\"abc\"", PATCH (OP ("Remove", "[]", "{\"value\":\"a\"}")),
    "Patch Remove at []: target is a string, not a list" },
  /* malformed patch objects */
  { "[]", "{\"operations\":[]}", "Malformed patch: not a \"__dash_patch_update\" object" },
  { "[]", "[]", "Malformed patch: not a \"__dash_patch_update\" object" },
  { "[]", "{\"__dash_patch_update\":\"__dash_patch_update\"}",
    "Malformed patch: \"operations\" is missing or not a list" },
  { "[]", PATCH ("{}"), "Malformed patch: \"operations\" is missing or not a list" },
  { "[]", PATCH ("[1]"), "Malformed patch: operation 0: not an object" },
  { "[]", PATCH ("[{\"location\":[],\"params\":{}}]"),
    "Malformed patch: operation 0: \"operation\" is not a string" },
  { "[]", PATCH ("[{\"operation\":\"Clear\",\"location\":[],\"params\":{}},"
                 "{\"operation\":\"Pop\",\"location\":[],\"params\":{}}]"),
    "Malformed patch: operation 1: unknown operation \"Pop\"" },
  { "[]", PATCH ("[{\"operation\":\"Clear\",\"params\":{}}]"),
    "Malformed patch: operation 0: Clear \"location\" is not a list of keys and indices" },
  { "[]", PATCH (OP ("Clear", "\"l\"", "{}")),
    "Malformed patch: operation 0: Clear \"location\" is not a list of keys and indices" },
  { "[]", PATCH (OP ("Clear", "[true]", "{}")),
    "Malformed patch: operation 0: Clear \"location\" is not a list of keys and indices" },
  { "[]", PATCH (OP ("Clear", "[0.5]", "{}")),
    "Malformed patch: operation 0: Clear \"location\" is not a list of keys and indices" },
  { "[]", PATCH (OP ("Clear", "[]", "[]")),
    "Malformed patch: operation 0: Clear \"params\" is not an object" },
  { "[]", PATCH (OP ("Append", "[]", "{}")),
    "Malformed patch: operation 0: Append has no \"value\" param" },
  { "[]", PATCH ("[{\"operation\":\"Append\",\"location\":[]}]"),
    "Malformed patch: operation 0: Append has no \"value\" param" },
  { "[]", PATCH (OP ("Insert", "[]", "{\"value\":1}")),
    "Malformed patch: operation 0: Insert \"index\" is not an integer" },
  { "[]", PATCH (OP ("Insert", "[]", "{\"value\":1,\"index\":\"0\"}")),
    "Malformed patch: operation 0: Insert \"index\" is not an integer" },
};

static void
test_apply_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(JsonNode) current = error_cases[i].current ? parse (error_cases[i].current) : NULL;
      g_autoptr(JsonNode) before = nd_json_deep_copy (current);
      g_autoptr(JsonNode) patch = parse (error_cases[i].patch);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = NULL;

      g_test_message ("case %u: %s", i, error_cases[i].patch);
      result = nd_patch_apply (current, patch, &error);
      g_assert_null (result);
      g_assert_error (error, ND_ERROR, ND_ERROR_PATCH);
      g_assert_cmpstr (error->message, ==, error_cases[i].message);
      g_assert_true (nd_json_equal (current, before));
    }
}

static void
test_apply_error_ignored (void)
{
  g_autoptr(JsonNode) patch = patch_of (OP ("Append", "[]", "{\"value\":1}"));
  g_autoptr(JsonNode) current = parse ("{}");

  /* A NULL GError is allowed, as everywhere in GLib. */
  g_assert_null (nd_patch_apply (current, patch, NULL));
  g_assert_null (nd_patch_apply (NULL, patch, NULL));
}

static void
test_round_trip (void)
{
  g_autoptr(NdPatch) patch = nd_patch_new ();
  g_autoptr(JsonNode) wire = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) direct = NULL;
  g_autoptr(JsonNode) received = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *expected =
    "{\"data\":[{\"x\":[0,1,2],\"y\":[9,8,7,5],\"name\":\"ab\"},{\"x\":[1]}],"
    "\"layout\":{\"title\":\"T\",\"margin\":{\"l\":0,\"r\":5},\"count\":5.25,\"tags\":[\"new\",\"c\",\"a\"]}}";

  nd_patch_append (patch, parse ("[\"data\",0,\"y\"]"), nd_json_int (5));
  nd_patch_assign (patch, parse ("[\"layout\",\"title\"]"), nd_json_string ("T"));
  nd_patch_merge (patch, parse ("[\"layout\",\"margin\"]"), parse ("{\"r\":5}"));
  nd_patch_extend (patch, parse ("[\"data\",0,\"x\"]"), parse ("[1,2]"));
  nd_patch_prepend (patch, parse ("[\"data\",0,\"x\"]"), nd_json_int (0));
  nd_patch_insert (patch, parse ("[\"data\",0,\"y\"]"), -1, nd_json_int (7));
  nd_patch_delete (patch, parse ("[\"data\",0,\"y\",0]"));
  nd_patch_add (patch, parse ("[\"data\",0,\"name\"]"), nd_json_string ("b"));
  nd_patch_add (patch, parse ("[\"layout\",\"count\"]"), nd_json_int (2));
  nd_patch_sub (patch, parse ("[\"layout\",\"count\"]"), nd_json_double (0.5));
  nd_patch_mul (patch, parse ("[\"layout\",\"count\"]"), nd_json_int (3));
  nd_patch_div (patch, parse ("[\"layout\",\"count\"]"), nd_json_int (2));
  nd_patch_remove (patch, parse ("[\"layout\",\"tags\"]"), nd_json_string ("b"));
  nd_patch_reverse (patch, parse ("[\"layout\",\"tags\"]"));
  nd_patch_prepend (patch, parse ("[\"layout\",\"tags\"]"), nd_json_string ("new"));
  nd_patch_clear (patch, parse ("[\"data\",-1,\"x\"]"));
  nd_patch_append (patch, parse ("[\"data\",-1,\"x\"]"), nd_json_int (1));

  current = parse ("{\"data\":[{\"x\":[],\"y\":[1,9,8],\"name\":\"a\"},{\"x\":[4,4]}],"
                   "\"layout\":{\"title\":\"old\",\"margin\":{\"l\":0,\"r\":1},\"count\":2,"
                   "\"tags\":[\"a\",\"b\",\"c\",\"b\"]}}");

  wire = nd_patch_to_node (patch);
  direct = nd_patch_apply (current, wire, &error);
  g_assert_no_error (error);
  assert_json (direct, expected);

  /* and through text, as it travels */
  text = nd_json_to_string (wire, FALSE);
  reparsed = parse (text);
  g_assert_true (nd_json_equal (reparsed, wire));
  received = nd_patch_apply (current, reparsed, &error);
  g_assert_no_error (error);
  assert_json (received, expected);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/patch/wire/spec-example", test_wire_spec_example);
  g_test_add_func ("/patch/wire/all-operations", test_wire_all_operations);
  g_test_add_func ("/patch/wire/independent", test_wire_independent);
  g_test_add_func ("/patch/is-patch", test_is_patch);
  g_test_add_func ("/patch/boxed", test_boxed);
  g_test_add_func ("/patch/apply/operations", test_apply_operations);
  g_test_add_func ("/patch/apply/number-types", test_apply_number_types);
  g_test_add_func ("/patch/apply/negative-indices", test_apply_negative_indices);
  g_test_add_func ("/patch/apply/fixture", test_apply_fixture);
  g_test_add_func ("/patch/apply/leaves-current", test_apply_leaves_current);
  g_test_add_func ("/patch/apply/errors", test_apply_errors);
  g_test_add_func ("/patch/apply/error-ignored", test_apply_error_ignored);
  g_test_add_func ("/patch/round-trip", test_round_trip);

  return g_test_run ();
}
