/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Dash's `Patch`: recording partial updates of a prop value, their wire
 * form, and applying them as the Dash renderer does.  Applying is
 * copy-on-write: only the containers along an operation's location are
 * rebuilt, everything else is shared with the input by reference (JsonNode
 * reference counts are atomic, so sharing is safe across threads as long
 * as nobody edits either tree in place).
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>

#include "nd-error.h"
#include "nd-json.h"
#include "nd-patch.h"

#define PATCH_MARKER "__dash_patch_update"

typedef enum {
  OP_ASSIGN,
  OP_DELETE,
  OP_MERGE,
  OP_EXTEND,
  OP_APPEND,
  OP_PREPEND,
  OP_INSERT,
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_CLEAR,
  OP_REVERSE,
  OP_REMOVE,
  N_OPS
} OpKind;

/* Names and params exactly as dash/_patch.py writes them. */
static const struct {
  const char *name;
  gboolean    has_value;
} op_info[N_OPS] = {
  [OP_ASSIGN]  = { "Assign", TRUE },
  [OP_DELETE]  = { "Delete", FALSE },
  [OP_MERGE]   = { "Merge", TRUE },
  [OP_EXTEND]  = { "Extend", TRUE },
  [OP_APPEND]  = { "Append", TRUE },
  [OP_PREPEND] = { "Prepend", TRUE },
  [OP_INSERT]  = { "Insert", TRUE },
  [OP_ADD]     = { "Add", TRUE },
  [OP_SUB]     = { "Sub", TRUE },
  [OP_MUL]     = { "Mul", TRUE },
  [OP_DIV]     = { "Div", TRUE },
  [OP_CLEAR]   = { "Clear", FALSE },
  [OP_REVERSE] = { "Reverse", FALSE },
  [OP_REMOVE]  = { "Remove", TRUE },
};

struct _NdPatch
{
  gatomicrefcount ref_count;
  GPtrArray *operations;   /* JsonNode objects in wire form */
};

G_DEFINE_BOXED_TYPE (NdPatch, nd_patch, nd_patch_ref, nd_patch_unref)

/**
 * nd_patch_new:
 *
 * Creates an empty patch.
 *
 * Returns: (transfer full): a new #NdPatch
 */
NdPatch *
nd_patch_new (void)
{
  NdPatch *patch = g_new0 (NdPatch, 1);

  g_atomic_ref_count_init (&patch->ref_count);
  patch->operations = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  return patch;
}

/**
 * nd_patch_ref:
 * @patch: a #NdPatch
 *
 * Returns: (transfer full): @patch
 */
NdPatch *
nd_patch_ref (NdPatch *patch)
{
  g_return_val_if_fail (patch != NULL, NULL);

  g_atomic_ref_count_inc (&patch->ref_count);
  return patch;
}

/**
 * nd_patch_unref:
 * @patch: (transfer full): a #NdPatch
 */
void
nd_patch_unref (NdPatch *patch)
{
  g_return_if_fail (patch != NULL);

  if (!g_atomic_ref_count_dec (&patch->ref_count))
    return;
  g_ptr_array_unref (patch->operations);
  g_free (patch);
}

/* Location elements are keys or indices; json-glib reads `1.0` as a
 * double, so integral doubles count as indices too. */
static gboolean
get_integer (JsonNode *node, gint64 *out)
{
  double d;

  if (!nd_json_is_number (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  d = json_node_get_double (node);
  if (d != floor (d) || fabs (d) > 9007199254740992.0)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

static gboolean
location_is_valid (JsonNode *location)
{
  JsonArray *arr;
  gint64 unused;

  if (location == NULL || !JSON_NODE_HOLDS_ARRAY (location))
    return FALSE;
  arr = json_node_get_array (location);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);

      if (!nd_json_is_string (el) && !get_integer (el, &unused))
        return FALSE;
    }
  return TRUE;
}

static JsonNode *
node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
node_take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static void
add_operation (NdPatch    *patch,
               const char *func,
               OpKind      kind,
               JsonNode   *location,
               gint64      index,
               JsonNode   *value)
{
  JsonObject *op, *params;

  /* Check by hand rather than g_return_if_fail so that the transferred
   * nodes are not leaked on a programming error. */
  if (patch == NULL || (location != NULL && !location_is_valid (location)))
    {
      g_critical ("%s: %s", func,
                  patch == NULL ? "patch is NULL"
                                : "location must be a JSON array of strings and integers");
      g_clear_pointer (&location, json_node_unref);
      g_clear_pointer (&value, json_node_unref);
      return;
    }

  op = json_object_new ();
  json_object_set_string_member (op, "operation", op_info[kind].name);
  json_object_set_member (op, "location", location ? location : nd_json_array_new ());
  params = json_object_new ();
  if (kind == OP_INSERT)
    json_object_set_int_member (params, "index", index);
  if (op_info[kind].has_value)
    json_object_set_member (params, "value", value ? value : nd_json_null ());
  else
    g_clear_pointer (&value, json_node_unref);
  json_object_set_object_member (op, "params", params);
  g_ptr_array_add (patch->operations, node_take_object (op));
}

/**
 * nd_patch_assign:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): where to write; %NULL for `[]`
 * @value: (transfer full) (nullable): the new value; %NULL for JSON null
 *
 * Records `p[...] = value`.  Missing dicts along @location are created.
 */
void
nd_patch_assign (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_ASSIGN, location, 0, value);
}

/**
 * nd_patch_delete:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): the key or index to remove
 *
 * Records `del p[...]`.
 */
void
nd_patch_delete (NdPatch *patch, JsonNode *location)
{
  add_operation (patch, G_STRFUNC, OP_DELETE, location, 0, NULL);
}

/**
 * nd_patch_merge:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): the dict to update
 * @value: (transfer full) (nullable): a dict whose members are copied in
 *
 * Records `p[...].update(value)` (a shallow merge).
 */
void
nd_patch_merge (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_MERGE, location, 0, value);
}

/**
 * nd_patch_extend:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): the list to extend
 * @value: (transfer full) (nullable): a list of items to add at the end
 *
 * Records `p[...].extend(value)`.
 */
void
nd_patch_extend (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_EXTEND, location, 0, value);
}

/**
 * nd_patch_append:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): the list to grow
 * @value: (transfer full) (nullable): the item
 *
 * Records `p[...].append(value)`.
 */
void
nd_patch_append (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_APPEND, location, 0, value);
}

/**
 * nd_patch_prepend:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): the list to grow
 * @value: (transfer full) (nullable): the item
 *
 * Records `p[...].prepend(value)`.
 */
void
nd_patch_prepend (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_PREPEND, location, 0, value);
}

/**
 * nd_patch_insert:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): the list to grow
 * @index: the position to insert before; negative counts from the end
 * @value: (transfer full) (nullable): the item
 *
 * Records `p[...].insert(index, value)`.
 */
void
nd_patch_insert (NdPatch *patch, JsonNode *location, gint64 index, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_INSERT, location, index, value);
}

/**
 * nd_patch_add:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a number or string
 * @value: (transfer full) (nullable): what to add (or concatenate)
 *
 * Records `p[...] += value` for a number or string.
 */
void
nd_patch_add (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_ADD, location, 0, value);
}

/**
 * nd_patch_sub:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a number
 * @value: (transfer full) (nullable): a number
 *
 * Records `p[...] -= value`.
 */
void
nd_patch_sub (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_SUB, location, 0, value);
}

/**
 * nd_patch_mul:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a number
 * @value: (transfer full) (nullable): a number
 *
 * Records `p[...] *= value`.
 */
void
nd_patch_mul (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_MUL, location, 0, value);
}

/**
 * nd_patch_div:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a number
 * @value: (transfer full) (nullable): a non-zero number
 *
 * Records `p[...] /= value`.
 */
void
nd_patch_div (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_DIV, location, 0, value);
}

/**
 * nd_patch_clear:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a list or dict
 *
 * Records `p[...].clear()`.
 */
void
nd_patch_clear (NdPatch *patch, JsonNode *location)
{
  add_operation (patch, G_STRFUNC, OP_CLEAR, location, 0, NULL);
}

/**
 * nd_patch_reverse:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a list
 *
 * Records `p[...].reverse()`.
 */
void
nd_patch_reverse (NdPatch *patch, JsonNode *location)
{
  add_operation (patch, G_STRFUNC, OP_REVERSE, location, 0, NULL);
}

/**
 * nd_patch_remove:
 * @patch: a #NdPatch
 * @location: (transfer full) (nullable): a list
 * @value: (transfer full) (nullable): the item to drop
 *
 * Records `p[...].remove(value)`; unlike Python's, it drops every element
 * equal to @value, as the renderer does.
 */
void
nd_patch_remove (NdPatch *patch, JsonNode *location, JsonNode *value)
{
  add_operation (patch, G_STRFUNC, OP_REMOVE, location, 0, value);
}

/**
 * nd_patch_get_n_operations:
 * @patch: a #NdPatch
 *
 * Returns: how many operations have been recorded
 */
guint
nd_patch_get_n_operations (NdPatch *patch)
{
  g_return_val_if_fail (patch != NULL, 0);

  return patch->operations->len;
}

/**
 * nd_patch_to_node:
 * @patch: a #NdPatch
 *
 * Serialises @patch as Dash sends it:
 * `{"__dash_patch_update": "__dash_patch_update", "operations": [...]}`.
 *
 * Returns: (transfer full): a new JSON object, independent of @patch
 */
JsonNode *
nd_patch_to_node (NdPatch *patch)
{
  JsonObject *object;
  JsonArray *operations;

  g_return_val_if_fail (patch != NULL, NULL);

  operations = json_array_sized_new (patch->operations->len);
  for (guint i = 0; i < patch->operations->len; i++)
    json_array_add_element (operations, nd_json_deep_copy (g_ptr_array_index (patch->operations, i)));

  object = json_object_new ();
  json_object_set_string_member (object, PATCH_MARKER, PATCH_MARKER);
  json_object_set_array_member (object, "operations", operations);
  return node_take_object (object);
}

/**
 * nd_patch_is_patch:
 * @value: (nullable): a prop value
 *
 * Whether @value is a patch object rather than a plain value; like the
 * renderer, only the marker member is looked at.
 *
 * Returns: %TRUE for a patch object
 */
gboolean
nd_patch_is_patch (JsonNode *value)
{
  return value != NULL && JSON_NODE_HOLDS_OBJECT (value) &&
         json_object_has_member (json_node_get_object (value), PATCH_MARKER);
}

/* --- applying ------------------------------------------------------- */

typedef struct {
  OpKind     kind;
  JsonNode  *location_node;   /* borrowed from the patch value */
  JsonArray *location;
  JsonNode  *value;           /* borrowed; NULL for operations without one */
  gint64     index;
} Op;

static JsonNode *op_fail (const Op *op, GError **error, const char *format, ...) G_GNUC_PRINTF (3, 4);

static JsonNode *
op_fail (const Op *op, GError **error, const char *format, ...)
{
  g_autofree char *where = nd_json_to_string (op->location_node, FALSE);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ND_ERROR, ND_ERROR_PATCH, "Patch %s at %s: %s",
               op_info[op->kind].name, where, detail);
  return NULL;
}

static const char *
describe (JsonNode *node)
{
  if (node == NULL)
    return "missing";
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "a dict";
    case JSON_NODE_ARRAY:
      return "a list";
    case JSON_NODE_VALUE:
      if (nd_json_is_string (node))
        return "a string";
      if (nd_json_is_number (node))
        return "a number";
      return "a boolean";
    case JSON_NODE_NULL:
    default:
      return "null";
    }
}

static JsonObject *
object_copy_shallow (JsonObject *src)
{
  JsonObject *dst = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, src);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    json_object_set_member (dst, name, json_node_ref (member));
  return dst;
}

/* Elements [start, end) of @src, shared. */
static void
array_append_range (JsonArray *dst, JsonArray *src, guint start, guint end)
{
  for (guint i = start; i < end; i++)
    json_array_add_element (dst, json_node_ref (json_array_get_element (src, i)));
}

static JsonNode *
arithmetic (JsonNode *target, const Op *op, GError **error)
{
  JsonNode *value = op->value;
  double a, b, r;

  /* Add follows JavaScript's `+` for the types a prop can sensibly hold:
   * strings concatenate, numbers add. */
  if (op->kind == OP_ADD && nd_json_is_string (target))
    {
      g_autofree char *joined = NULL;

      if (!nd_json_is_string (value))
        return op_fail (op, error, "cannot add %s to a string", describe (value));
      joined = g_strconcat (json_node_get_string (target), json_node_get_string (value), NULL);
      return nd_json_string (joined);
    }
  if (!nd_json_is_number (target))
    return op_fail (op, error, "target is %s, not a number%s", describe (target),
                    op->kind == OP_ADD ? " or string" : "");
  if (!nd_json_is_number (value))
    return op_fail (op, error, "value is %s, not a number", describe (value));

  if (op->kind != OP_DIV &&
      json_node_get_value_type (target) == G_TYPE_INT64 &&
      json_node_get_value_type (value) == G_TYPE_INT64)
    {
      gint64 x = json_node_get_int (target), y = json_node_get_int (value), z;
      gboolean overflow;

      if (op->kind == OP_ADD)
        overflow = __builtin_add_overflow (x, y, &z);
      else if (op->kind == OP_SUB)
        overflow = __builtin_sub_overflow (x, y, &z);
      else
        overflow = __builtin_mul_overflow (x, y, &z);
      /* On overflow fall back to doubles, which is what JavaScript has. */
      if (!overflow)
        return nd_json_int (z);
    }

  a = nd_json_get_number (target);
  b = nd_json_get_number (value);
  switch (op->kind)
    {
    case OP_ADD: r = a + b; break;
    case OP_SUB: r = a - b; break;
    case OP_MUL: r = a * b; break;
    default:
      if (b == 0)
        return op_fail (op, error, "division by zero");
      r = a / b;
      break;
    }
  if (!isfinite (r))
    return op_fail (op, error, "result is not a finite number");
  return nd_json_double (r);
}

/* The operation itself, on the value at the end of the location. */
static JsonNode *
apply_leaf (JsonNode *target, const Op *op, GError **error)
{
  JsonArray *list = NULL, *result;
  guint len = 0;

  switch (op->kind)
    {
    case OP_ASSIGN:
      return json_node_ref (op->value);

    case OP_DELETE:
      return op_fail (op, error, "cannot delete the prop itself");

    case OP_MERGE:
      {
        JsonObject *merged;
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (!JSON_NODE_HOLDS_OBJECT (op->value))
          return op_fail (op, error, "value is %s, not a dict", describe (op->value));
        /* A missing or null target merges into nothing, as `{...undefined}`. */
        if (nd_json_is_null (target))
          merged = json_object_new ();
        else if (JSON_NODE_HOLDS_OBJECT (target))
          merged = object_copy_shallow (json_node_get_object (target));
        else
          return op_fail (op, error, "target is %s, not a dict", describe (target));
        json_object_iter_init_ordered (&iter, json_node_get_object (op->value));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (merged, name, json_node_ref (member));
        return node_take_object (merged);
      }

    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
      return arithmetic (target, op, error);

    case OP_CLEAR:
      if (target != NULL && JSON_NODE_HOLDS_OBJECT (target))
        return nd_json_object_new ();
      if (target != NULL && JSON_NODE_HOLDS_ARRAY (target))
        return nd_json_array_new ();
      return op_fail (op, error, "target is %s, not a list or dict", describe (target));

    case OP_EXTEND:
    case OP_APPEND:
    case OP_PREPEND:
    case OP_INSERT:
    case OP_REVERSE:
    case OP_REMOVE:
      break;

    case N_OPS:
    default:
      g_assert_not_reached ();
    }

  /* The rest work on lists. */
  if (target == NULL || !JSON_NODE_HOLDS_ARRAY (target))
    return op_fail (op, error, "target is %s, not a list", describe (target));
  list = json_node_get_array (target);
  len = json_array_get_length (list);

  switch (op->kind)
    {
    case OP_EXTEND:
      {
        JsonArray *more;

        if (!JSON_NODE_HOLDS_ARRAY (op->value))
          return op_fail (op, error, "value is %s, not a list", describe (op->value));
        more = json_node_get_array (op->value);
        result = json_array_sized_new (len + json_array_get_length (more));
        array_append_range (result, list, 0, len);
        array_append_range (result, more, 0, json_array_get_length (more));
        break;
      }

    case OP_APPEND:
      result = json_array_sized_new (len + 1);
      array_append_range (result, list, 0, len);
      json_array_add_element (result, json_node_ref (op->value));
      break;

    case OP_PREPEND:
      result = json_array_sized_new (len + 1);
      json_array_add_element (result, json_node_ref (op->value));
      array_append_range (result, list, 0, len);
      break;

    case OP_INSERT:
      {
        gint64 at = op->index < 0 ? (gint64) len + op->index : op->index;

        /* ramda's insert: anything still out of range appends. */
        if (at < 0 || at > (gint64) len)
          at = len;
        result = json_array_sized_new (len + 1);
        array_append_range (result, list, 0, (guint) at);
        json_array_add_element (result, json_node_ref (op->value));
        array_append_range (result, list, (guint) at, len);
        break;
      }

    case OP_REVERSE:
      result = json_array_sized_new (len);
      for (guint i = len; i > 0; i--)
        json_array_add_element (result, json_node_ref (json_array_get_element (list, i - 1)));
      break;

    case OP_REMOVE:
      result = json_array_sized_new (len);
      for (guint i = 0; i < len; i++)
        {
          JsonNode *el = json_array_get_element (list, i);

          if (!nd_json_equal (el, op->value))
            json_array_add_element (result, json_node_ref (el));
        }
      break;

    default:
      g_assert_not_reached ();
    }
  return node_take_array (result);
}

/* Rebuilds @node with the operation applied below it, sharing every
 * untouched member.  @node is NULL where Assign or Merge goes through a
 * missing key.  Returns a new reference, or NULL with @error set. */
static JsonNode *
apply_at (JsonNode *node, const Op *op, guint depth, GError **error)
{
  guint n = json_array_get_length (op->location);
  gboolean creates = op->kind == OP_ASSIGN || op->kind == OP_MERGE;
  gboolean last = depth + 1 == n;
  JsonNode *key, *child, *new_child;
  gint64 index = 0;

  if (depth == n)
    return apply_leaf (node, op, error);

  key = json_array_get_element (op->location, depth);

  /* Dicts, including ones Assign and Merge create where the path is
   * missing or null, as ramda's assocPath does. */
  if ((node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ||
      (creates && nd_json_is_null (node) && nd_json_is_string (key)))
    {
      JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                           ? json_node_get_object (node) : NULL;
      g_autofree char *name = NULL;
      JsonObject *copy;

      /* JavaScript looks up obj[0] as obj["0"]. */
      if (nd_json_is_string (key))
        name = g_strdup (json_node_get_string (key));
      else
        {
          get_integer (key, &index);
          name = g_strdup_printf ("%" G_GINT64_FORMAT, index);
        }

      child = object != NULL ? json_object_get_member (object, name) : NULL;
      if (child == NULL)
        {
          /* Deleting what is not there changes nothing (the renderer's
           * dissoc); other operations need the key, bar those creating it. */
          if (op->kind == OP_DELETE && last)
            return json_node_ref (node);
          if (!creates)
            return op_fail (op, error, "no key \"%s\"", name);
        }

      copy = object != NULL ? object_copy_shallow (object) : json_object_new ();
      if (op->kind == OP_DELETE && last)
        json_object_remove_member (copy, name);
      else
        {
          new_child = apply_at (child, op, depth + 1, error);
          if (new_child == NULL)
            {
              json_object_unref (copy);
              return NULL;
            }
          json_object_set_member (copy, name, new_child);
        }
      return node_take_object (copy);
    }

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *list = json_node_get_array (node), *copy;
      guint len = json_array_get_length (list);
      gint64 at;

      if (!get_integer (key, &index))
        return op_fail (op, error, "cannot look up key \"%s\" in a list",
                        json_node_get_string (key));
      at = index < 0 ? (gint64) len + index : index;

      /* Assigning one past the end grows the list, as `arr[len] = v`. */
      if (op->kind == OP_ASSIGN && last && at == (gint64) len)
        {
          copy = json_array_sized_new (len + 1);
          array_append_range (copy, list, 0, len);
          json_array_add_element (copy, json_node_ref (op->value));
          return node_take_array (copy);
        }
      if (at < 0 || at >= (gint64) len)
        return op_fail (op, error, "index %" G_GINT64_FORMAT " out of range for a list of %u",
                        index, len);

      copy = json_array_sized_new (len);
      array_append_range (copy, list, 0, (guint) at);
      if (!(op->kind == OP_DELETE && last))
        {
          new_child = apply_at (json_array_get_element (list, (guint) at), op, depth + 1, error);
          if (new_child == NULL)
            {
              json_array_unref (copy);
              return NULL;
            }
          json_array_add_element (copy, new_child);
        }
      array_append_range (copy, list, (guint) at + 1, len);
      return node_take_array (copy);
    }

  if (nd_json_is_string (key))
    return op_fail (op, error, "cannot look up key \"%s\" in %s",
                    json_node_get_string (key), describe (node));
  get_integer (key, &index);
  if (node == NULL)
    return op_fail (op, error, "no list to look up index %" G_GINT64_FORMAT
                    " in (only dicts are created along a missing path)", index);
  return op_fail (op, error, "cannot look up index %" G_GINT64_FORMAT " in %s",
                  index, describe (node));
}

static gboolean
malformed (GError **error, guint i, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
malformed (GError **error, guint i, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ND_ERROR, ND_ERROR_PATCH,
               "Malformed patch: operation %u: %s", i, detail);
  return FALSE;
}

/* Checks every operation up front, so a malformed patch fails the same
 * way whatever the value it is applied to. */
static gboolean
parse_operations (JsonArray *operations, GArray *ops, GError **error)
{
  for (guint i = 0; i < json_array_get_length (operations); i++)
    {
      JsonNode *node = json_array_get_element (operations, i);
      JsonObject *object;
      JsonNode *name, *params;
      Op op = { 0, };
      guint kind;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, i, "not an object");
      object = json_node_get_object (node);

      name = json_object_get_member (object, "operation");
      if (!nd_json_is_string (name))
        return malformed (error, i, "\"operation\" is not a string");
      for (kind = 0; kind < N_OPS; kind++)
        if (g_str_equal (op_info[kind].name, json_node_get_string (name)))
          break;
      if (kind == N_OPS)
        return malformed (error, i, "unknown operation \"%s\"", json_node_get_string (name));
      op.kind = kind;

      op.location_node = json_object_get_member (object, "location");
      if (!location_is_valid (op.location_node))
        return malformed (error, i, "%s \"location\" is not a list of keys and indices",
                          op_info[kind].name);
      op.location = json_node_get_array (op.location_node);

      /* Dash always sends params; treat a missing one as {}. */
      params = json_object_get_member (object, "params");
      if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
        return malformed (error, i, "%s \"params\" is not an object", op_info[kind].name);
      if (op_info[kind].has_value)
        {
          op.value = params ? json_object_get_member (json_node_get_object (params), "value") : NULL;
          if (op.value == NULL)
            return malformed (error, i, "%s has no \"value\" param", op_info[kind].name);
        }
      if (kind == OP_INSERT &&
          !get_integer (json_object_get_member (json_node_get_object (params), "index"), &op.index))
        return malformed (error, i, "Insert \"index\" is not an integer");

      g_array_append_val (ops, op);
    }
  return TRUE;
}

/**
 * nd_patch_apply:
 * @current: (nullable): the prop's current value; %NULL if it has none
 * @patch_value: a patch object, as received or from nd_patch_to_node()
 * @error: return location for a %ND_ERROR_PATCH error
 *
 * Applies the operations of @patch_value in order to @current, with the
 * renderer's semantics.  Neither argument is modified; the result may
 * share unchanged subtrees with both, so treat all three as read-only
 * (nd_json_deep_copy() the result before editing it in place).
 *
 * Returns: (transfer full) (nullable): the patched value, a node distinct
 *   from @current, or %NULL with @error set
 */
JsonNode *
nd_patch_apply (JsonNode *current, JsonNode *patch_value, GError **error)
{
  g_autoptr(GArray) ops = NULL;
  JsonNode *operations;
  JsonNode *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!nd_patch_is_patch (patch_value))
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_PATCH,
                           "Malformed patch: not a \"" PATCH_MARKER "\" object");
      return NULL;
    }
  /* The renderer's own wording. */
  if (current == NULL)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_PATCH, "Cannot patch undefined");
      return NULL;
    }
  operations = json_object_get_member (json_node_get_object (patch_value), "operations");
  if (operations == NULL || !JSON_NODE_HOLDS_ARRAY (operations))
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_PATCH,
                           "Malformed patch: \"operations\" is missing or not a list");
      return NULL;
    }

  ops = g_array_new (FALSE, TRUE, sizeof (Op));
  if (!parse_operations (json_node_get_array (operations), ops, error))
    return NULL;

  result = json_node_ref (current);
  for (guint i = 0; i < ops->len; i++)
    {
      JsonNode *next = apply_at (result, &g_array_index (ops, Op, i), 0, error);

      json_node_unref (result);
      if (next == NULL)
        return NULL;
      result = next;
    }

  /* Callers own the result; never hand back @current itself. */
  if (result == current)
    {
      JsonNode *copy;

      if (JSON_NODE_HOLDS_OBJECT (current))
        copy = node_take_object (object_copy_shallow (json_node_get_object (current)));
      else if (JSON_NODE_HOLDS_ARRAY (current))
        {
          JsonArray *list = json_node_get_array (current);
          JsonArray *dup = json_array_sized_new (json_array_get_length (list));

          array_append_range (dup, list, 0, json_array_get_length (list));
          copy = node_take_array (dup);
        }
      else
        copy = nd_json_deep_copy (current);
      json_node_unref (result);
      result = copy;
    }
  return result;
}
