/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * nd-json.h and nd-id.h: the depth-bounded parser, the writer that prints
 * numbers as JavaScript does, deep equality, copies and Python truthiness;
 * canonical id text (callback-semantics §2.1), the ordering of id values
 * (§2.2), matching ids against patterns (§2.3) and multi-valued deps (§2.5).
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <ndash.h>

/* nd_dependency_matches_id() is internal; the test links the shared
 * library, which exports it. */
#include "nd-private.h"

/* ---- helpers ---- */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse (text, -1, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
write_compact (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  nd_json_write (out, node);
  return g_string_free (out, FALSE);
}

static char *
write_canonical (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  nd_json_write_canonical (out, node);
  return g_string_free (out, FALSE);
}

static char *
number_text (double v)
{
  GString *out = g_string_new (NULL);

  nd_json_write_number (out, v);
  return g_string_free (out, FALSE);
}

static char *
string_text (const char *s)
{
  GString *out = g_string_new (NULL);

  nd_json_write_string (out, s);
  return g_string_free (out, FALSE);
}

/* Parses @text and writes it back compactly. */
static char *
roundtrip (const char *text)
{
  g_autoptr(JsonNode) node = parse (text);

  return write_compact (node);
}

static void
assert_parse_error (const char *text, gssize length, guint max_depth, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = nd_json_parse (text, length, max_depth, &error);

  g_assert_null (node);
  g_assert_error (error, ND_ERROR, code);
}

static char *
nested_arrays (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* ---- parsing ---- */

static void
test_parse_invalid (void)
{
  const char *bad[] = {
    "{", "[1 2]", "nul", "\"unterminated", "{\"a\" 1}", "[1,]", "{\"a\":1,}",
    "}", "01x", "{\"a\":1}}", "[1e]", "[-]", "True", "[+1]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("parsing %s", bad[i]);
      assert_parse_error (bad[i], -1, 0, ND_ERROR_INVALID_JSON);
    }
}

/* Extensions json-glib's scanner accepts but JSON (RFC 8259) and Python's
 * json.loads reject; "\x41" would even be read as "x41". */
static void
test_parse_strict (void)
{
  const char *bad[] = {
    "{'a': 1}", "[0x10]", "[01]", "[1.]", "[.5]", "/* c */ [1]", "[\"a\tb\"]", "[\"\\x41\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("parsing %s", bad[i]);
      assert_parse_error (bad[i], -1, 0, ND_ERROR_INVALID_JSON);
    }
}

static void
test_parse_empty (void)
{
  assert_parse_error ("", -1, 0, ND_ERROR_INVALID_JSON);
  assert_parse_error ("   \n", -1, 0, ND_ERROR_INVALID_JSON);
}

/* JSON has no NaN or Infinity tokens; Dash never sends them. */
static void
test_parse_nan_token (void)
{
  assert_parse_error ("[NaN]", -1, 0, ND_ERROR_INVALID_JSON);
  assert_parse_error ("[Infinity]", -1, 0, ND_ERROR_INVALID_JSON);
}

static void
test_parse_invalid_utf8 (void)
{
  assert_parse_error ("\"\xff\"", -1, 0, ND_ERROR_INVALID_JSON);
  assert_parse_error ("{\"k\xc3\": 1}", -1, 0, ND_ERROR_INVALID_JSON);
  /* an overlong encoding of '/' */
  assert_parse_error ("[\"\xc0\xaf\"]", -1, 0, ND_ERROR_INVALID_JSON);
}

static void
test_parse_too_deep (void)
{
  g_autofree char *deep = nested_arrays (ND_JSON_DEFAULT_MAX_DEPTH + 1);
  g_autofree char *ok = nested_arrays (ND_JSON_DEFAULT_MAX_DEPTH);
  g_autofree char *very_deep = nested_arrays (100000);
  g_autoptr(JsonNode) node = NULL;

  /* max_depth 0 means the default */
  assert_parse_error (deep, -1, 0, ND_ERROR_NESTING);
  /* deep enough to overflow a recursive parser's stack */
  assert_parse_error (very_deep, -1, 0, ND_ERROR_NESTING);
  node = parse (ok);
  g_assert_cmpint (JSON_NODE_TYPE (node), ==, JSON_NODE_ARRAY);
}

static void
test_parse_max_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) three = nd_json_parse ("{\"a\":[{\"b\":1}]}", -1, 3, &error);

  g_assert_no_error (error);
  g_assert_nonnull (three);
  assert_parse_error ("{\"a\":[{\"b\":[1]}]}", -1, 3, ND_ERROR_NESTING);
}

/* Brackets inside strings (including after an escaped quote) do not nest. */
static void
test_parse_depth_ignores_strings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = nd_json_parse ("[\"[[[[[[{{{{\"]", -1, 2, &error);
  g_autoptr(JsonNode) b = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (a);
  b = nd_json_parse ("[\"\\\"[[[[\\\\\", \"]]]\"]", -1, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (b)), ==, 2);
}

static void
test_parse_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = nd_json_parse ("[1,2]trailing garbage", 5, 0, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = write_compact (node);
  g_assert_cmpstr (text, ==, "[1,2]");
  assert_parse_error ("[1,2]trailing garbage", -1, 0, ND_ERROR_INVALID_JSON);
}

/* The parsed tree belongs to the caller and can be edited. */
static void
test_parse_result_mutable (void)
{
  g_autoptr(JsonNode) node = parse ("{\"a\": [1]}");
  g_autofree char *text = NULL;

  json_object_set_int_member (json_node_get_object (node), "b", 2);
  json_array_add_int_element (json_object_get_array_member (json_node_get_object (node), "a"), 3);
  text = write_compact (node);
  g_assert_cmpstr (text, ==, "{\"a\":[1,3],\"b\":2}");
}

static void
test_parse_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nd-test-json-XXXXXX", &error);
  g_autofree char *good = NULL, *bad = NULL, *missing = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) none = NULL;

  g_assert_no_error (error);
  good = g_build_filename (dir, "good.json", NULL);
  bad = g_build_filename (dir, "bad.json", NULL);
  missing = g_build_filename (dir, "missing.json", NULL);
  g_assert_true (g_file_set_contents (good, "{\"x\": 1.5}", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"x\": }", -1, NULL));

  node = nd_json_parse_file (good, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (node), "x"), ==, 1.5);

  none = nd_json_parse_file (bad, 0, &error);
  g_assert_null (none);
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
  /* the message says which file */
  g_assert_true (error && strstr (error->message, "bad.json"));
  g_clear_error (&error);

  none = nd_json_parse_file (missing, 0, &error);
  g_assert_null (none);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

/* ---- writing numbers (JSON.stringify) ---- */

typedef struct {
  double value;
  const char *text;
} NumberCase;

static void
test_number_js (void)
{
  const NumberCase cases[] = {
    { 25, "25" },
    { -25, "-25" },
    { 0.1, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.5, "1.5" },
    { -1.5, "-1.5" },
    { 100.0, "100" },
    { 1.0, "1" },
    { 123.456, "123.456" },
    { 1e15, "1000000000000000" },
    { 1e16, "10000000000000000" },
    { 1e20, "100000000000000000000" },
    { 1e21, "1e+21" },
    { 1.5e21, "1.5e+21" },
    { 123456789012345680000.0, "123456789012345680000" },
    { 9007199254740992.0, "9007199254740992" },
    { 1e-6, "0.000001" },
    { 1.234e-6, "0.000001234" },
    { 1e-7, "1e-7" },
    { 1.5e-7, "1.5e-7" },
    { -2.5e-10, "-2.5e-10" },
    { 5e-324, "5e-324" },
    { 1.7976931348623157e308, "1.7976931348623157e+308" },
    { 2.0 / 3.0, "0.6666666666666666" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = number_text (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* JSON.stringify(-0) is "0". */
static void
test_number_negative_zero (void)
{
  g_autofree char *text = number_text (-0.0);
  g_autoptr(JsonNode) node = nd_json_double (-0.0);
  g_autofree char *node_text = write_compact (node);

  g_assert_cmpstr (text, ==, "0");
  g_assert_cmpstr (node_text, ==, "0");
}

/* JSON has no NaN or Infinity; Dash (plotly's encoder) sends null. */
static void
test_number_non_finite (void)
{
  g_autofree char *nan_text = number_text (NAN);
  g_autofree char *inf_text = number_text (INFINITY);
  g_autofree char *ninf_text = number_text (-INFINITY);
  g_autoptr(JsonNode) list = nd_json_array_new ();
  g_autofree char *list_text = NULL;

  g_assert_cmpstr (nan_text, ==, "null");
  g_assert_cmpstr (inf_text, ==, "null");
  g_assert_cmpstr (ninf_text, ==, "null");

  /* nd_json_double() of a non-finite value is null */
  json_array_add_element (json_node_get_array (list), nd_json_double (NAN));
  json_array_add_element (json_node_get_array (list), nd_json_double (INFINITY));
  list_text = write_compact (list);
  g_assert_cmpstr (list_text, ==, "[null,null]");
}

/* Integers are written exactly, as Python's json.dumps writes them. */
static void
test_number_big_ints (void)
{
  g_autofree char *a = roundtrip ("[9007199254740993, -9223372036854775808, 9223372036854775807, 0, -7]");
  g_autoptr(JsonNode) n = nd_json_int (G_GINT64_CONSTANT (12345678901234567));
  g_autofree char *b = write_compact (n);

  g_assert_cmpstr (a, ==, "[9007199254740993,-9223372036854775808,9223372036854775807,0,-7]");
  g_assert_cmpstr (b, ==, "12345678901234567");
}

/* Doubles that come from the wire keep the JS spelling: 2.0 -> 2. */
static void
test_number_roundtrip (void)
{
  g_autofree char *text = roundtrip ("[2.0, 1e2, 1E-7, 0.5, -0.0, 1.25e+22]");

  g_assert_cmpstr (text, ==, "[2,100,1e-7,0.5,0,1.25e+22]");
}

/* ---- writing strings ---- */

static void
test_string_escaping (void)
{
  struct { const char *in, *out; } cases[] = {
    { "plain", "\"plain\"" },
    { "", "\"\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "back\\slash", "\"back\\\\slash\"" },
    { "a\nb\tc\rd", "\"a\\nb\\tc\\rd\"" },
    { "\b\f", "\"\\b\\f\"" },
    { "\x01\x1f", "\"\\u0001\\u001f\"" },
    /* not escaped by JSON.stringify */
    { "a/b", "\"a/b\"" },
    { "\x7f", "\"\x7f\"" },
    /* non-ASCII stays UTF-8 (protocol §7.3) */
    { "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
    { "\xe2\x80\xa8", "\"\xe2\x80\xa8\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = string_text (cases[i].in);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

/* What is written parses back to the same string. */
static void
test_string_roundtrip (void)
{
  const char *s = "q\"b\\n\n\x01\xc3\xa9</script>";
  g_autoptr(JsonNode) node = nd_json_string (s);
  g_autofree char *text = write_compact (node);
  g_autoptr(JsonNode) back = parse (text);

  g_assert_cmpstr (json_node_get_string (back), ==, s);
}

/* ---- writing objects ---- */

static void
test_write_member_order (void)
{
  g_autofree char *a = roundtrip ("{\"zeta\": 1, \"alpha\": {\"y\": 2, \"b\": 3}, \"mid\": [ {\"k2\": 0, \"k1\": 1} ]}");
  g_autoptr(JsonNode) built = nd_json_object_new ();
  g_autofree char *b = NULL;

  g_assert_cmpstr (a, ==, "{\"zeta\":1,\"alpha\":{\"y\":2,\"b\":3},\"mid\":[{\"k2\":0,\"k1\":1}]}");

  json_object_set_int_member (json_node_get_object (built), "second", 2);
  json_object_set_int_member (json_node_get_object (built), "first", 1);
  b = nd_json_to_string (built, FALSE);
  g_assert_cmpstr (b, ==, "{\"second\":2,\"first\":1}");
}

static void
test_write_values (void)
{
  g_autofree char *text = roundtrip ("[true, false, null, \"s\", {}, [], [[]], {\"a\": null}]");

  g_assert_cmpstr (text, ==, "[true,false,null,\"s\",{},[],[[]],{\"a\":null}]");
}

static void
test_write_canonical_sorted (void)
{
  g_autoptr(JsonNode) node = parse ("{\"type\": \"in\", \"index\": 2.0, \"nested\": {\"z\": [ {\"b\": 1, \"a\": 2} ], \"a\": true}}");
  g_autofree char *text = write_canonical (node);
  g_autofree char *again = NULL;

  g_assert_cmpstr (text, ==, "{\"index\":2,\"nested\":{\"a\":true,\"z\":[{\"a\":2,\"b\":1}]},\"type\":\"in\"}");
  /* the node itself keeps its order */
  again = write_compact (node);
  g_assert_true (g_str_has_prefix (again, "{\"type\":"));
}

/* Equal values built in different orders give one canonical text. */
static void
test_write_canonical_equal_texts (void)
{
  g_autoptr(JsonNode) a = parse ("{\"b\": [1, {\"y\": 1, \"x\": 2}], \"a\": \"\xc3\xa9\"}");
  g_autoptr(JsonNode) b = parse ("{\"a\": \"\xc3\xa9\", \"b\": [1.0, {\"x\": 2, \"y\": 1}]}");
  g_autofree char *ta = write_canonical (a);
  g_autofree char *tb = write_canonical (b);

  g_assert_cmpstr (ta, ==, tb);
}

static void
test_write_pretty (void)
{
  g_autoptr(JsonNode) node = parse ("{\"b\": [1, 2], \"a\": {}}");
  g_autofree char *pretty = nd_json_to_string (node, TRUE);
  g_autoptr(JsonNode) back = NULL;

  g_assert_nonnull (strchr (pretty, '\n'));
  /* member order kept */
  g_assert_true (strstr (pretty, "\"b\"") < strstr (pretty, "\"a\""));
  back = parse (pretty);
  g_assert_true (nd_json_equal (node, back));
}

/* ---- deep equality ---- */

static gboolean
equal_texts (const char *a, const char *b)
{
  g_autoptr(JsonNode) na = parse (a);
  g_autoptr(JsonNode) nb = parse (b);
  gboolean ab = nd_json_equal (na, nb), ba = nd_json_equal (nb, na);

  /* equality is symmetric */
  g_assert_cmpint (ab, ==, ba);
  return ab;
}

static void
test_equal_numbers (void)
{
  g_autoptr(JsonNode) i = nd_json_int (1);
  g_autoptr(JsonNode) d = nd_json_double (1.0);

  g_assert_true (nd_json_equal (i, d));
  g_assert_true (equal_texts ("1", "1.0"));
  g_assert_true (equal_texts ("[100]", "[1e2]"));
  g_assert_true (equal_texts ("0", "-0.0"));
  g_assert_false (equal_texts ("1", "1.5"));
  g_assert_false (equal_texts ("1", "\"1\""));
  g_assert_false (equal_texts ("1", "true"));
  g_assert_false (equal_texts ("0", "false"));
  g_assert_false (equal_texts ("0", "null"));
}

static void
test_equal_objects (void)
{
  g_assert_true (equal_texts ("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}"));
  g_assert_true (equal_texts ("{}", "{}"));
  g_assert_false (equal_texts ("{\"a\": 1}", "{\"a\": 1, \"b\": 2}"));
  g_assert_false (equal_texts ("{\"a\": 1}", "{\"b\": 1}"));
  g_assert_false (equal_texts ("{\"a\": null}", "{}"));
  g_assert_false (equal_texts ("{}", "[]"));
}

static void
test_equal_nested (void)
{
  g_assert_true (equal_texts ("{\"x\": [1, {\"p\": [true, null], \"q\": \"s\"}]}",
                              "{\"x\": [1.0, {\"q\": \"s\", \"p\": [true, null]}]}"));
  g_assert_false (equal_texts ("{\"x\": [1, {\"p\": [true, null]}]}",
                               "{\"x\": [1, {\"p\": [null, true]}]}"));
  g_assert_false (equal_texts ("[1, 2]", "[2, 1]"));
  g_assert_false (equal_texts ("[1, 2]", "[1, 2, 3]"));
  g_assert_false (equal_texts ("[[]]", "[[[]]]"));
  g_assert_false (equal_texts ("\"a\"", "\"A\""));
  g_assert_true (equal_texts ("null", "null"));
  g_assert_true (equal_texts ("\"\xc3\xa9\"", "\"\\u00e9\""));
}

/* ---- deep copy ---- */

static void
test_deep_copy (void)
{
  g_autoptr(JsonNode) orig = parse ("{\"z\": 1, \"a\": [1, 2.5, \"s\", true, null, {\"k\": [ ]}]}");
  g_autoptr(JsonNode) copy = nd_json_deep_copy (orig);
  g_autofree char *orig_text = write_compact (orig);
  g_autofree char *copy_text = write_compact (copy);
  g_autofree char *after = NULL;
  JsonArray *arr;

  g_assert_true (copy != orig);
  g_assert_true (nd_json_equal (orig, copy));
  /* same text: member order and number types kept */
  g_assert_cmpstr (copy_text, ==, orig_text);
  arr = json_object_get_array_member (json_node_get_object (copy), "a");
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (arr, 0)), ==, G_TYPE_INT64);

  /* editing the copy leaves the original alone, at every level */
  json_array_add_int_element (arr, 7);
  json_array_add_int_element (json_object_get_array_member (json_array_get_object_element (arr, 5), "k"), 1);
  json_object_set_string_member (json_node_get_object (copy), "z", "changed");
  after = write_compact (orig);
  g_assert_cmpstr (after, ==, orig_text);
  g_assert_false (nd_json_equal (orig, copy));

  g_assert_null (nd_json_deep_copy (NULL));
}

/* ---- truthiness (Python's) ---- */

static void
test_truthy (void)
{
  const char *falsy[] = { "0", "0.0", "-0.0", "\"\"", "[]", "{}", "null", "false" };
  const char *truthy[] = { "1", "-1", "0.5", "\"0\"", "\" \"", "\"False\"", "[0]", "[[]]",
                           "{\"a\": null}", "true", "[null]" };

  for (guint i = 0; i < G_N_ELEMENTS (falsy); i++)
    {
      g_autoptr(JsonNode) n = parse (falsy[i]);
      g_test_message ("falsy: %s", falsy[i]);
      g_assert_false (nd_json_is_truthy (n));
    }
  for (guint i = 0; i < G_N_ELEMENTS (truthy); i++)
    {
      g_autoptr(JsonNode) n = parse (truthy[i]);
      g_test_message ("truthy: %s", truthy[i]);
      g_assert_true (nd_json_is_truthy (n));
    }
  /* an undefined prop is None */
  g_assert_false (nd_json_is_truthy (NULL));
}

static void
test_accessors (void)
{
  g_autoptr(JsonNode) i = nd_json_int (3);
  g_autoptr(JsonNode) d = nd_json_double (2.5);
  g_autoptr(JsonNode) s = nd_json_string ("x");
  g_autoptr(JsonNode) s_null = nd_json_string (NULL);
  g_autoptr(JsonNode) b = nd_json_bool (TRUE);
  g_autoptr(JsonNode) n = nd_json_null ();

  g_assert_true (nd_json_is_number (i));
  g_assert_true (nd_json_is_number (d));
  g_assert_false (nd_json_is_number (s));
  g_assert_false (nd_json_is_number (b));
  g_assert_false (nd_json_is_number (n));
  g_assert_cmpfloat (nd_json_get_number (i), ==, 3);
  g_assert_cmpfloat (nd_json_get_number (d), ==, 2.5);
  g_assert_true (isnan (nd_json_get_number (s)));
  g_assert_true (nd_json_is_string (s));
  g_assert_false (nd_json_is_string (n));
  g_assert_true (nd_json_is_null (s_null));
  g_assert_true (nd_json_is_null (n));
  g_assert_true (nd_json_is_null (NULL));
  g_assert_false (nd_json_is_null (b));
}

/* ---- ids: §2.1 canonical text ---- */

static char *
id_text (const char *json)
{
  g_autoptr(JsonNode) id = parse (json);

  return nd_id_to_string (id);
}

static void
test_id_canonical_dict (void)
{
  g_autofree char *a = id_text ("{\"type\": \"in\", \"index\": 2}");
  g_autofree char *b = id_text ("{\"index\": 2.0, \"type\": \"in\"}");
  g_autofree char *c = id_text ("{\"b\": true, \"a\": \"x y\", \"c\": 1.5}");
  g_autofree char *d = id_text ("{\"name\": \"caf\xc3\xa9 \\\"q\\\"\"}");

  g_assert_cmpstr (a, ==, "{\"index\":2,\"type\":\"in\"}");
  g_assert_cmpstr (b, ==, "{\"index\":2,\"type\":\"in\"}");
  g_assert_cmpstr (c, ==, "{\"a\":\"x y\",\"b\":true,\"c\":1.5}");
  /* no \u escapes for non-ASCII; quotes escaped */
  g_assert_cmpstr (d, ==, "{\"name\":\"caf\xc3\xa9 \\\"q\\\"\"}");
}

static void
test_id_canonical_string (void)
{
  g_autoptr(JsonNode) id = nd_json_string ("my-input");
  g_autofree char *text = nd_id_to_string (id);
  g_autofree char *prop = nd_prop_id (id, "value");

  /* as is: not quoted */
  g_assert_cmpstr (text, ==, "my-input");
  g_assert_cmpstr (prop, ==, "my-input.value");
}

static void
test_id_canonical_wildcards (void)
{
  g_autoptr(JsonNode) id = nd_dict ("type", "item", "index", ND_MATCH);
  g_autoptr(JsonNode) all = nd_dict ("z", ND_ALL, "a", ND_ALLSMALLER);
  g_autofree char *text = nd_id_to_string (id);
  g_autofree char *all_text = nd_id_to_string (all);
  g_autofree char *prop = nd_prop_id (id, "children");

  g_assert_cmpstr (text, ==, "{\"index\":[\"MATCH\"],\"type\":\"item\"}");
  g_assert_cmpstr (all_text, ==, "{\"a\":[\"ALLSMALLER\"],\"z\":[\"ALL\"]}");
  g_assert_cmpstr (prop, ==, "{\"index\":[\"MATCH\"],\"type\":\"item\"}.children");
}

/* A dependency uses the same canonical text for its prop id. */
static void
test_id_canonical_dependency (void)
{
  g_autoptr(NdDependency) dep = nd_input (nd_dict ("type", "in", "index", 2), "value");
  g_autoptr(NdDependency) wild = nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children");
  g_autoptr(NdDependency) plain = nd_state ("box", "value");

  g_assert_cmpstr (nd_dependency_get_id_text (dep), ==, "{\"index\":2,\"type\":\"in\"}");
  g_assert_cmpstr (nd_dependency_get_prop_id (dep), ==, "{\"index\":2,\"type\":\"in\"}.value");
  g_assert_cmpstr (nd_dependency_get_prop_id (wild), ==, "{\"index\":[\"MATCH\"],\"type\":\"out\"}.children");
  g_assert_cmpstr (nd_dependency_get_prop_id (plain), ==, "box.value");
}

static void
test_id_from_string (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) dict = nd_id_from_string ("{\"index\":2,\"type\":\"in\"}", &error);
  g_autoptr(JsonNode) str = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autofree char *back = NULL;

  g_assert_no_error (error);
  g_assert_true (nd_id_is_dict (dict));
  back = nd_id_to_string (dict);
  g_assert_cmpstr (back, ==, "{\"index\":2,\"type\":\"in\"}");

  str = nd_id_from_string ("plain-id", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (str), ==, "plain-id");

  bad = nd_id_from_string ("{not json", &error);
  g_assert_null (bad);
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
}

static void
test_id_key_set (void)
{
  g_autoptr(JsonNode) id = parse ("{\"type\": 1, \"index\": 2, \"a\": 3}");
  g_autoptr(JsonNode) str = nd_json_string ("x");
  g_autofree char *keys = nd_id_key_set (id);

  g_assert_cmpstr (keys, ==, "a,index,type");
  g_assert_null (nd_id_key_set (str));
}

/* protocol §7.2: the id rules a layout must follow */
static void
test_id_validate (void)
{
  const char *bad[] = { "\"\"", "\"a.b\"", "\"a{b\"", "{}", "{\"\": 1}", "{\"k\": null}",
                        "{\"k\": [1]}", "{\"k\": {\"x\": 1}}", "null", "3", "[\"x\"]",
                        /* documented: a '.' in dict id text breaks Dash's output keys */
                        "{\"k\": \"a.b\"}" };
  const char *good[] = { "\"a-b_c 1\"", "\"\xc3\xa9\"", "{\"k\": 1}", "{\"k\": \"v\", \"i\": -2, \"b\": false}" };
  g_autoptr(JsonNode) wild = nd_dict ("k", ND_MATCH);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) id = parse (bad[i]);
      g_test_message ("invalid id %s", bad[i]);
      g_assert_false (nd_id_validate (id, TRUE, &error));
      g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_ID);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) id = parse (good[i]);
      g_test_message ("valid id %s", good[i]);
      g_assert_true (nd_id_validate (id, FALSE, &error));
      g_assert_no_error (error);
      g_clear_error (&error);
    }
  /* wildcards only in callback dependencies */
  g_assert_true (nd_id_validate (wild, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (nd_id_validate (wild, FALSE, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_ID);
}

static void
test_id_wildcard_values (void)
{
  g_autoptr(JsonNode) m = ND_MATCH;
  g_autoptr(JsonNode) a = ND_ALL;
  g_autoptr(JsonNode) s = ND_ALLSMALLER;
  g_autofree char *mt = write_compact (m);
  const char *not_wild[] = { "\"MATCH\"", "[\"match\"]", "[\"MATCH\", \"ALL\"]", "[]", "[1]", "1" };

  g_assert_cmpstr (mt, ==, "[\"MATCH\"]");
  g_assert_cmpint (nd_wildcard_from_node (m), ==, ND_WILDCARD_MATCH);
  g_assert_cmpint (nd_wildcard_from_node (a), ==, ND_WILDCARD_ALL);
  g_assert_cmpint (nd_wildcard_from_node (s), ==, ND_WILDCARD_ALLSMALLER);
  g_assert_cmpstr (nd_wildcard_to_string (ND_WILDCARD_ALLSMALLER), ==, "ALLSMALLER");
  for (guint i = 0; i < G_N_ELEMENTS (not_wild); i++)
    {
      g_autoptr(JsonNode) n = parse (not_wild[i]);
      g_assert_cmpint (nd_wildcard_from_node (n), ==, ND_WILDCARD_NONE);
    }
}

/* ---- ids: §2.2 ordering of id values ---- */

static int
cmp_texts (const char *a, const char *b)
{
  g_autoptr(JsonNode) na = parse (a);
  g_autoptr(JsonNode) nb = parse (b);
  int ab = nd_id_value_compare (na, nb), ba = nd_id_value_compare (nb, na);

  /* antisymmetric */
  g_assert_cmpint ((ab > 0) - (ab < 0), ==, -((ba > 0) - (ba < 0)));
  return (ab > 0) - (ab < 0);
}

static void
test_order_numbers (void)
{
  g_assert_cmpint (cmp_texts ("2", "10"), <, 0);
  g_assert_cmpint (cmp_texts ("-1", "0"), <, 0);
  g_assert_cmpint (cmp_texts ("1.5", "2"), <, 0);
  g_assert_cmpint (cmp_texts ("1", "1.0"), ==, 0);
}

/* Numeric strings compare as numbers: "10" > 9, not "10" < "9". */
static void
test_order_numeric_strings (void)
{
  g_assert_cmpint (cmp_texts ("\"10\"", "9"), >, 0);
  g_assert_cmpint (cmp_texts ("\"10\"", "\"9\""), >, 0);
  g_assert_cmpint (cmp_texts ("\"2\"", "10"), <, 0);
  g_assert_cmpint (cmp_texts ("\"-3\"", "\"2\""), <, 0);
  g_assert_cmpint (cmp_texts ("\"1.5\"", "1"), >, 0);
  g_assert_cmpint (cmp_texts ("\"1e3\"", "999"), >, 0);
  g_assert_cmpint (cmp_texts ("\"7\"", "7"), ==, 0);
}

static void
test_order_booleans (void)
{
  /* after every number, numeric strings too */
  g_assert_cmpint (cmp_texts ("1000", "false"), <, 0);
  g_assert_cmpint (cmp_texts ("\"99\"", "false"), <, 0);
  g_assert_cmpint (cmp_texts ("false", "true"), <, 0);
  g_assert_cmpint (cmp_texts ("true", "true"), ==, 0);
  /* before other strings */
  g_assert_cmpint (cmp_texts ("true", "\"a\""), <, 0);
  g_assert_cmpint (cmp_texts ("true", "\"\""), <, 0);
}

static void
test_order_strings (void)
{
  g_assert_cmpint (cmp_texts ("\"a\"", "\"b\""), <, 0);
  g_assert_cmpint (cmp_texts ("\"abc\"", "\"abd\""), <, 0);
  g_assert_cmpint (cmp_texts ("\"a\"", "\"ab\""), <, 0);
  /* code units: upper case before lower case */
  g_assert_cmpint (cmp_texts ("\"Zebra\"", "\"apple\""), <, 0);
  g_assert_cmpint (cmp_texts ("\"x\"", "\"x\""), ==, 0);
  /* numbers before non-numeric strings */
  g_assert_cmpint (cmp_texts ("\"1a\"", "5"), >, 0);
  g_assert_cmpint (cmp_texts ("\"\"", "5"), >, 0);
  /* "Infinity" is not numeric (fast-isnumeric) */
  g_assert_cmpint (cmp_texts ("\"Infinity\"", "5"), >, 0);
  g_assert_cmpint (cmp_texts ("\"\xc3\xa9\"", "\"z\""), >, 0);
}

/* UTF-16 code units, as JavaScript compares strings: U+1F600 is the
 * surrogate pair D83D DE00, which sorts before U+FF21 (code point order
 * and UTF-8 byte order put it after). */
static void
test_order_strings_utf16 (void)
{
  g_assert_cmpint (cmp_texts ("\"\xf0\x9f\x98\x80\"", "\"\xef\xbc\xa1\""), <, 0);
}

/* ---- ids: §2.3 matching against a pattern ---- */

static gboolean
matches (NdDependency *pattern, const char *id_json, NdDependency *ref_pattern, const char *ref_json)
{
  g_autoptr(JsonNode) id = parse (id_json);
  g_autoptr(JsonNode) ref = ref_json ? parse (ref_json) : NULL;

  return nd_dependency_matches_id (pattern, id, ref_pattern, ref);
}

static void
test_match_key_set (void)
{
  g_autoptr(NdDependency) p = nd_input (nd_dict ("type", "in", "index", ND_ALL), "value");

  g_assert_true (matches (p, "{\"type\": \"in\", \"index\": 1}", NULL, NULL));
  g_assert_false (matches (p, "{\"type\": \"in\"}", NULL, NULL));
  g_assert_false (matches (p, "{\"type\": \"in\", \"index\": 1, \"extra\": 0}", NULL, NULL));
  g_assert_false (matches (p, "{\"type\": \"in\", \"idx\": 1}", NULL, NULL));
  g_assert_false (matches (p, "\"in\"", NULL, NULL));
}

static void
test_match_constant (void)
{
  g_autoptr(NdDependency) p = nd_input (nd_dict ("type", "in", "index", 1), "value");
  g_autoptr(NdDependency) s = nd_input ("box", "value");

  g_assert_true (matches (p, "{\"index\": 1, \"type\": \"in\"}", NULL, NULL));
  g_assert_false (matches (p, "{\"index\": 2, \"type\": \"in\"}", NULL, NULL));
  g_assert_false (matches (p, "{\"index\": 1, \"type\": \"out\"}", NULL, NULL));
  /* JavaScript has one number type: 1 === 1.0 */
  g_assert_true (matches (p, "{\"index\": 1.0, \"type\": \"in\"}", NULL, NULL));
  /* but "1" !== 1 */
  g_assert_false (matches (p, "{\"index\": \"1\", \"type\": \"in\"}", NULL, NULL));
  g_assert_false (matches (p, "{\"index\": true, \"type\": \"in\"}", NULL, NULL));

  /* string ids: equal text only */
  g_assert_true (matches (s, "\"box\"", NULL, NULL));
  g_assert_false (matches (s, "\"box2\"", NULL, NULL));
  g_assert_false (matches (s, "{\"box\": 1}", NULL, NULL));
}

static void
test_match_all (void)
{
  g_autoptr(NdDependency) p = nd_state (nd_dict ("type", "in", "index", ND_ALL), "value");
  g_autoptr(NdDependency) out = nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children");
  const char *ids[] = { "{\"type\": \"in\", \"index\": 0}", "{\"type\": \"in\", \"index\": \"x\"}",
                        "{\"type\": \"in\", \"index\": true}", "{\"type\": \"in\", \"index\": -2.5}" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (matches (p, ids[i], NULL, NULL));
      /* ALL ignores the reference's MATCH value */
      g_assert_true (matches (p, ids[i], out, "{\"type\": \"out\", \"index\": 7}"));
    }
}

static void
test_match_match (void)
{
  g_autoptr(NdDependency) in = nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value");
  g_autoptr(NdDependency) out = nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children");
  const char *ref = "{\"type\": \"out\", \"index\": 2}";

  /* on its own, MATCH takes anything */
  g_assert_true (matches (in, "{\"type\": \"in\", \"index\": 5}", NULL, NULL));
  g_assert_true (matches (in, "{\"type\": \"in\", \"index\": \"a\"}", NULL, NULL));
  /* against a reference, only its value */
  g_assert_true (matches (in, "{\"type\": \"in\", \"index\": 2}", out, ref));
  g_assert_false (matches (in, "{\"type\": \"in\", \"index\": 3}", out, ref));
  g_assert_false (matches (in, "{\"type\": \"in\", \"index\": 1}", out, ref));
  /* constants still apply */
  g_assert_false (matches (in, "{\"type\": \"out\", \"index\": 2}", out, ref));
}

static void
test_match_match_two_keys (void)
{
  g_autoptr(NdDependency) in = nd_input (nd_dict ("row", ND_MATCH, "col", ND_ALL, "t", "cell"), "value");
  g_autoptr(NdDependency) out = nd_output (nd_dict ("row", ND_MATCH, "t", "sum"), "children");
  const char *ref = "{\"row\": \"r1\", \"t\": \"sum\"}";

  g_assert_true (matches (in, "{\"row\": \"r1\", \"col\": 0, \"t\": \"cell\"}", out, ref));
  g_assert_true (matches (in, "{\"row\": \"r1\", \"col\": 9, \"t\": \"cell\"}", out, ref));
  g_assert_false (matches (in, "{\"row\": \"r2\", \"col\": 0, \"t\": \"cell\"}", out, ref));
}

static void
test_match_allsmaller (void)
{
  g_autoptr(NdDependency) st = nd_state (nd_dict ("type", "in", "index", ND_ALLSMALLER), "value");
  g_autoptr(NdDependency) out = nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children");
  const char *ref2 = "{\"type\": \"out\", \"index\": 2}";
  const char *ref10 = "{\"type\": \"out\", \"index\": 10}";
  const char *ref0 = "{\"type\": \"out\", \"index\": 0}";

  g_assert_true (matches (st, "{\"type\": \"in\", \"index\": 0}", out, ref2));
  g_assert_true (matches (st, "{\"type\": \"in\", \"index\": 1}", out, ref2));
  /* strictly smaller */
  g_assert_false (matches (st, "{\"type\": \"in\", \"index\": 2}", out, ref2));
  g_assert_false (matches (st, "{\"type\": \"in\", \"index\": 3}", out, ref2));
  /* ordered as §2.2: "9" < 10 numerically; strings and booleans after numbers */
  g_assert_true (matches (st, "{\"type\": \"in\", \"index\": \"9\"}", out, ref10));
  g_assert_false (matches (st, "{\"type\": \"in\", \"index\": \"a\"}", out, ref10));
  g_assert_false (matches (st, "{\"type\": \"in\", \"index\": false}", out, ref10));
  /* nothing is smaller than the first */
  g_assert_false (matches (st, "{\"type\": \"in\", \"index\": 0}", out, ref0));
  g_assert_true (matches (st, "{\"type\": \"in\", \"index\": -1}", out, ref0));
}

/* ---- ids: §2.5 multi-valued deps ---- */

static void
test_multi_detection (void)
{
  g_autoptr(NdDependency) all = nd_input (nd_dict ("t", "a", "i", ND_ALL), "value");
  g_autoptr(NdDependency) smaller = nd_state (nd_dict ("t", "a", "i", ND_ALLSMALLER), "value");
  g_autoptr(NdDependency) match = nd_input (nd_dict ("t", "a", "i", ND_MATCH), "value");
  g_autoptr(NdDependency) mixed = nd_input (nd_dict ("i", ND_MATCH, "j", ND_ALL), "value");
  g_autoptr(NdDependency) constant = nd_input (nd_dict ("t", "a", "i", 1), "value");
  g_autoptr(NdDependency) plain = nd_input ("box", "value");
  g_autoptr(JsonNode) wild_id = nd_dict ("i", ND_MATCH);
  g_autoptr(JsonNode) const_id = nd_dict ("i", 1);
  g_autoptr(JsonNode) str_id = nd_json_string ("x");

  g_assert_true (nd_dependency_is_multi (all));
  g_assert_true (nd_dependency_is_multi (smaller));
  g_assert_true (nd_dependency_is_multi (mixed));
  g_assert_false (nd_dependency_is_multi (match));
  g_assert_false (nd_dependency_is_multi (constant));
  g_assert_false (nd_dependency_is_multi (plain));

  g_assert_true (nd_dependency_has_match (match));
  g_assert_true (nd_dependency_has_match (mixed));
  g_assert_false (nd_dependency_has_match (all));

  g_assert_true (nd_id_has_wildcard (wild_id));
  g_assert_false (nd_id_has_wildcard (const_id));
  g_assert_false (nd_id_has_wildcard (str_id));
}

/* The callback sees a multi-valued dep as a list, [] when nothing matches,
 * and a single-valued MATCH dep as the bare value. */
typedef struct {
  char *all_arg;
  char *match_arg;
  guint runs;
} MultiSeen;

static void
record_multi_args (NdCallbackContext *ctx, gpointer user_data)
{
  MultiSeen *seen = user_data;

  g_free (seen->all_arg);
  g_free (seen->match_arg);
  seen->all_arg = write_compact (nd_arg (ctx, 1));
  seen->match_arg = write_compact (nd_arg (ctx, 0));
  seen->runs++;
  nd_return (ctx, "seen");
}

static void
test_multi_argument_list (void)
{
  g_autoptr(NdApp) app = nd_app_new ("org.ndash.test.Json");
  g_autoptr(NdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  MultiSeen seen = { NULL, NULL, 0 };

  nd_app_set_threading (app, ND_THREADING_INLINE);
  nd_app_set_layout (app, nd_html_div (nd_list (
    nd_dcc_input ("id", nd_dict ("type", "in", "index", 1), "value", "one"),
    nd_html_div ("id", nd_dict ("type", "out", "index", 1)))));
  /* "missing" matches no component */
  g_assert_nonnull (nd_app_callback_data (app, record_multi_args, &seen,
                                          nd_output (nd_dict ("type", "out", "index", ND_MATCH), "children"),
                                          nd_input (nd_dict ("type", "in", "index", ND_MATCH), "value"),
                                          nd_state (nd_dict ("type", "missing", "index", ND_ALL), "value")));
  session = nd_app_new_session (app, &error);
  g_assert_no_error (error);
  g_assert_true (nd_session_start (session, &error));
  g_assert_no_error (error);
  g_assert_true (nd_session_run_until_idle (session, 5000));

  g_assert_cmpuint (seen.runs, ==, 1);
  g_assert_cmpstr (seen.match_arg, ==, "\"one\"");
  g_assert_cmpstr (seen.all_arg, ==, "[]");
  g_free (seen.all_arg);
  g_free (seen.match_arg);
}

/* Integers past int64 are doubles, as in JavaScript (json-glib alone would
 * wrap them), and what the writer prints reads back the same. */
static void
test_parse_big_integers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = nd_json_parse ("[100000000000000000000, -99999999999999999999,"
                                            " 9223372036854775807, {\"k\": 12345678901234567890}]",
                                            -1, 0, &error);
  JsonArray *a;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) again = NULL;

  g_assert_no_error (error);
  a = json_node_get_array (node);
  g_assert_cmpfloat (json_array_get_double_element (a, 0), ==, 1e20);
  g_assert_cmpfloat (json_array_get_double_element (a, 1), ==, -1e20);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (a, 2)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (a, 2), ==, G_MAXINT64);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (a, 3), "k"), ==,
                     12345678901234567890.0);
  text = nd_json_to_string (node, FALSE);
  again = nd_json_parse (text, -1, 0, &error);
  g_assert_no_error (error);
  g_assert_true (nd_json_equal (node, again));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* report every failing rule in one run, not just the first */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/json/parse/invalid", test_parse_invalid);
  g_test_add_func ("/json/parse/strict", test_parse_strict);
  g_test_add_func ("/json/parse/big-integers", test_parse_big_integers);
  g_test_add_func ("/json/parse/empty", test_parse_empty);
  g_test_add_func ("/json/parse/nan-token", test_parse_nan_token);
  g_test_add_func ("/json/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/json/parse/too-deep", test_parse_too_deep);
  g_test_add_func ("/json/parse/max-depth", test_parse_max_depth);
  g_test_add_func ("/json/parse/depth-ignores-strings", test_parse_depth_ignores_strings);
  g_test_add_func ("/json/parse/length", test_parse_length);
  g_test_add_func ("/json/parse/result-mutable", test_parse_result_mutable);
  g_test_add_func ("/json/parse/file", test_parse_file);

  g_test_add_func ("/json/number/js-format", test_number_js);
  g_test_add_func ("/json/number/negative-zero", test_number_negative_zero);
  g_test_add_func ("/json/number/non-finite", test_number_non_finite);
  g_test_add_func ("/json/number/big-ints", test_number_big_ints);
  g_test_add_func ("/json/number/roundtrip", test_number_roundtrip);

  g_test_add_func ("/json/string/escaping", test_string_escaping);
  g_test_add_func ("/json/string/roundtrip", test_string_roundtrip);

  g_test_add_func ("/json/write/member-order", test_write_member_order);
  g_test_add_func ("/json/write/values", test_write_values);
  g_test_add_func ("/json/write/canonical-sorted", test_write_canonical_sorted);
  g_test_add_func ("/json/write/canonical-equal-texts", test_write_canonical_equal_texts);
  g_test_add_func ("/json/write/pretty", test_write_pretty);

  g_test_add_func ("/json/equal/numbers", test_equal_numbers);
  g_test_add_func ("/json/equal/objects", test_equal_objects);
  g_test_add_func ("/json/equal/nested", test_equal_nested);
  g_test_add_func ("/json/copy/deep", test_deep_copy);
  g_test_add_func ("/json/truthy", test_truthy);
  g_test_add_func ("/json/accessors", test_accessors);

  g_test_add_func ("/id/2.1/dict-sorted-keys", test_id_canonical_dict);
  g_test_add_func ("/id/2.1/string-as-is", test_id_canonical_string);
  g_test_add_func ("/id/2.1/wildcards", test_id_canonical_wildcards);
  g_test_add_func ("/id/2.1/dependency-prop-id", test_id_canonical_dependency);
  g_test_add_func ("/id/2.1/from-string", test_id_from_string);
  g_test_add_func ("/id/2.1/key-set", test_id_key_set);
  g_test_add_func ("/id/validate", test_id_validate);
  g_test_add_func ("/id/wildcard-values", test_id_wildcard_values);

  g_test_add_func ("/id/2.2/numbers", test_order_numbers);
  g_test_add_func ("/id/2.2/numeric-strings", test_order_numeric_strings);
  g_test_add_func ("/id/2.2/booleans", test_order_booleans);
  g_test_add_func ("/id/2.2/strings", test_order_strings);
  g_test_add_func ("/id/2.2/strings-utf16-code-units", test_order_strings_utf16);

  g_test_add_func ("/id/2.3/same-key-set", test_match_key_set);
  g_test_add_func ("/id/2.3/constant", test_match_constant);
  g_test_add_func ("/id/2.3/all", test_match_all);
  g_test_add_func ("/id/2.3/match", test_match_match);
  g_test_add_func ("/id/2.3/match-two-keys", test_match_match_two_keys);
  g_test_add_func ("/id/2.3/allsmaller", test_match_allsmaller);

  g_test_add_func ("/id/2.5/multi-detection", test_multi_detection);
  g_test_add_func ("/id/2.5/argument-is-list", test_multi_argument_list);

  return g_test_run ();
}
