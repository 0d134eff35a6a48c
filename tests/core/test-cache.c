/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The flask-caching patterns of the Dash "sharing data between callbacks"
 * guide: `@cache.memoize()` shared by every session (Example 3), per-session
 * data keyed by session id under a `CACHE_THRESHOLD` (Example 4), and the
 * filesystem cache of `CACHE_TYPE: filesystem`.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "nd-cache.h"
#include "nd-cache-filesystem.h"
#include "nd-cache-memory.h"
#include "nd-error.h"
#include "nd-json.h"

/* Helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nd-cache-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The cache directory is flat, so one level is enough. */
static void
remove_tmp_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (path, name, NULL);
        g_unlink (file);
      }
  g_rmdir (path);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static NdCacheBackend *
new_filesystem (const char *dir, guint threshold)
{
  g_autoptr(GError) error = NULL;
  NdCacheFilesystem *fs = nd_cache_filesystem_new (dir, threshold, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fs);
  return ND_CACHE_BACKEND (fs);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = nd_json_parse (text, -1, 0, &error);

  g_assert_no_error (error);
  return node;
}

static void
set_json (NdCache *cache, const char *key, const char *text, guint timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = parse (text);

  g_assert_true (nd_cache_set_full (cache, key, value, timeout, &error));
  g_assert_no_error (error);
}

static gboolean
has_key (NdCache *cache, const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = nd_cache_get (cache, key, &error);

  g_assert_no_error (error);
  return value != NULL;
}

static void
assert_json (NdCache *cache, const char *key, const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = nd_cache_get (cache, key, &error);
  g_autoptr(JsonNode) expected = parse (expected_text);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_true (nd_json_equal (value, expected));
}

/* Polls instead of sleeping a fixed time: returns how long the value
 * lived, from @start, or fails after a 5 s deadline. */
static gint64
wait_for_miss (NdCache *cache, const char *key, gint64 start)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      if (!has_key (cache, key))
        return g_get_monotonic_time () - start;
      g_usleep (50 * 1000);
    }
  g_assert_not_reached ();
  return -1;
}

/* File mtimes (the filesystem backend's age) have a coarse clock. */
static void
tick (void)
{
  g_usleep (50 * 1000);
}

typedef struct
{
  int       calls;
  guint     sleep_ms;
  gboolean  fail;
  NdCache  *cache;   /* for the recursive test */
} Counter;

/* Returns {"args": args, "call": n}: equal results mean one computation. */
static JsonNode *
counting_compute (JsonNode *args, gpointer user_data, GError **error)
{
  Counter *counter = user_data;
  int call = g_atomic_int_add (&counter->calls, 1) + 1;
  JsonNode *result;
  JsonObject *obj;

  if (counter->sleep_ms)
    g_usleep (counter->sleep_ms * 1000);
  if (counter->fail)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_CALLBACK, "query failed (call %d)", call);
      return NULL;
    }
  result = nd_json_object_new ();
  obj = json_node_get_object (result);
  json_object_set_member (obj, "args", args ? nd_json_deep_copy (args) : nd_json_null ());
  json_object_set_int_member (obj, "call", call);
  return result;
}

static JsonNode *
memoize_ok (NdCache *cache, const char *name, JsonNode *args, Counter *counter)
{
  g_autoptr(GError) error = NULL;
  JsonNode *result = nd_cache_memoize (cache, name, args, counting_compute, counter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static gint64
result_call (JsonNode *result)
{
  return json_object_get_int_member (json_node_get_object (result), "call");
}

/* Backend fixtures for the tests that run on both backends. */

typedef struct
{
  char           *dir;
  NdCacheBackend *backend;
  NdCache        *cache;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  const char *kind = data;

  if (g_str_equal (kind, "filesystem"))
    {
      fx->dir = make_tmp_dir ();
      fx->backend = new_filesystem (fx->dir, 0);
    }
  else
    fx->backend = ND_CACHE_BACKEND (nd_cache_memory_new (0));
  fx->cache = nd_cache_new (fx->backend, 0);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->cache);
  g_clear_object (&fx->backend);
  if (fx->dir != NULL)
    {
      remove_tmp_dir (fx->dir);
      g_free (fx->dir);
    }
}

/* Makes a backend of the fixture's kind with a threshold, on a fresh dir. */
static NdCacheBackend *
new_backend_like (Fixture *fx, guint threshold)
{
  if (fx->dir != NULL)
    return new_filesystem (fx->dir, threshold);
  return ND_CACHE_BACKEND (nd_cache_memory_new (threshold));
}

/* get/set/delete/clear */

static void
test_get_set (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonNode) null_value = NULL;

  g_assert_false (has_key (fx->cache, "missing"));

  set_json (fx->cache, "k", "{\"a\":[1,2.5,\"x\",true,null],\"b\":{\"c\":\"é\"}}", 0);
  assert_json (fx->cache, "k", "{\"b\":{\"c\":\"é\"},\"a\":[1,2.5,\"x\",true,null]}");

  /* The caller owns a copy: editing it leaves the cache alone. */
  value = nd_cache_get (fx->cache, "k", &error);
  g_assert_no_error (error);
  json_object_set_int_member (json_node_get_object (value), "a", 0);
  assert_json (fx->cache, "k", "{\"a\":[1,2.5,\"x\",true,null],\"b\":{\"c\":\"é\"}}");

  /* A cached null is not a miss. */
  set_json (fx->cache, "n", "null", 0);
  null_value = nd_cache_get (fx->cache, "n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (null_value);
  g_assert_true (JSON_NODE_HOLDS_NULL (null_value));

  set_json (fx->cache, "k", "42", 0);
  assert_json (fx->cache, "k", "42");

  g_assert_true (nd_cache_delete (fx->cache, "k", &error));
  g_assert_no_error (error);
  g_assert_false (has_key (fx->cache, "k"));
  g_assert_true (nd_cache_delete (fx->cache, "k", &error));
  g_assert_no_error (error);

  set_json (fx->cache, "k", "1", 0);
  g_assert_true (nd_cache_clear (fx->cache, &error));
  g_assert_no_error (error);
  g_assert_false (has_key (fx->cache, "k"));
  g_assert_false (has_key (fx->cache, "n"));
  if (fx->dir != NULL)
    g_assert_cmpuint (count_files (fx->dir), ==, 0);
}

static void
test_expiry (Fixture *fx, gconstpointer data)
{
  gint64 start = g_get_monotonic_time ();
  gint64 lived;

  set_json (fx->cache, "short", "\"soon gone\"", 1);
  set_json (fx->cache, "long", "\"stays\"", 0);
  g_assert_true (has_key (fx->cache, "short"));

  lived = wait_for_miss (fx->cache, "short", start);
  g_assert_cmpint (lived, >=, 900 * 1000);
  g_assert_true (has_key (fx->cache, "long"));
  if (fx->dir != NULL)
    g_assert_cmpuint (count_files (fx->dir), ==, 1);
}

static void
test_threshold (Fixture *fx, gconstpointer data)
{
  g_autoptr(NdCacheBackend) backend = new_backend_like (fx, 3);
  g_autoptr(NdCache) cache = nd_cache_new (backend, 0);

  set_json (cache, "a", "1", 0);
  tick ();
  set_json (cache, "b", "2", 0);
  tick ();
  set_json (cache, "c", "3", 0);
  tick ();
  set_json (cache, "d", "4", 0);
  tick ();

  g_assert_false (has_key (cache, "a"));
  assert_json (cache, "b", "2");
  assert_json (cache, "c", "3");
  assert_json (cache, "d", "4");

  /* Overwriting an existing key makes no room and evicts nothing, and it
   * makes that key the youngest. */
  set_json (cache, "b", "20", 0);
  tick ();
  assert_json (cache, "b", "20");
  assert_json (cache, "c", "3");
  assert_json (cache, "d", "4");

  set_json (cache, "e", "5", 0);
  g_assert_false (has_key (cache, "c"));
  assert_json (cache, "b", "20");
  assert_json (cache, "d", "4");
  assert_json (cache, "e", "5");

  if (fx->dir != NULL)
    g_assert_cmpuint (count_files (fx->dir), ==, 3);
  else
    g_assert_cmpuint (nd_cache_memory_get_n_items (ND_CACHE_MEMORY (backend)), ==, 3);
}

/* When full, expired items go before the oldest live one. */
static void
test_threshold_expired_first (Fixture *fx, gconstpointer data)
{
  g_autoptr(NdCacheBackend) backend = new_backend_like (fx, 4);
  g_autoptr(NdCache) cache = nd_cache_new (backend, 0);

  set_json (cache, "a", "1", 0);
  tick ();
  set_json (cache, "b", "2", 1);
  tick ();
  set_json (cache, "c", "3", 0);
  tick ();
  /* probe expires after b; reading it (not b) tells when b has expired
   * without making the read itself drop b. */
  set_json (cache, "probe", "0", 1);
  tick ();
  wait_for_miss (cache, "probe", g_get_monotonic_time ());

  set_json (cache, "d", "4", 0);   /* a b c d: full, b expired */
  tick ();
  set_json (cache, "e", "5", 0);

  assert_json (cache, "a", "1");
  assert_json (cache, "c", "3");
  assert_json (cache, "d", "4");
  assert_json (cache, "e", "5");
  g_assert_false (has_key (cache, "b"));
  if (fx->dir != NULL)
    g_assert_cmpuint (count_files (fx->dir), ==, 4);
}

/* Every read sees a miss or exactly one of the values written: never a mix
 * of two, never a torn file. */

#define N_WRITERS 4
#define N_READERS 4
#define N_WRITES 60
#define VALUE_LEN (512 * 1024)

typedef struct
{
  Fixture        *fx;
  GBytes         *expected[N_WRITERS];
  int             writers_left;
  int             hits;
  int             reads;
} AtomicTest;

typedef struct
{
  AtomicTest *test;
  guint       index;
} AtomicThread;

/* Each thread gets its own filesystem backend, as separate processes
 * would, so only the file format and rename protect the readers. */
static NdCacheBackend *
thread_backend (Fixture *fx)
{
  if (fx->dir != NULL)
    return new_filesystem (fx->dir, 0);
  return g_object_ref (fx->backend);
}

static gpointer
atomic_writer (gpointer data)
{
  AtomicThread *t = data;
  g_autoptr(NdCacheBackend) backend = thread_backend (t->test->fx);
  g_autoptr(NdCache) cache = nd_cache_new (backend, 0);
  g_autofree char *text = g_strnfill (VALUE_LEN, 'a' + t->index);
  g_autoptr(JsonNode) value = nd_json_string (text);

  for (guint i = 0; i < N_WRITES; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (nd_cache_set (cache, "shared", value, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_add (&t->test->writers_left, -1);
  return NULL;
}

static gpointer
atomic_reader (gpointer data)
{
  AtomicThread *t = data;
  g_autoptr(NdCacheBackend) backend = thread_backend (t->test->fx);
  gboolean seen = FALSE;

  while (g_atomic_int_get (&t->test->writers_left) > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = nd_cache_backend_get (backend, "shared", &error);
      gboolean known = FALSE;

      g_assert_no_error (error);
      g_atomic_int_inc (&t->test->reads);
      /* Writers never delete, so once the key exists a miss could only
       * mean a damaged file was read and dropped. */
      if (bytes == NULL)
        {
          g_assert_false (seen);
          continue;
        }
      seen = TRUE;
      g_atomic_int_inc (&t->test->hits);
      for (guint i = 0; i < N_WRITERS; i++)
        known |= g_bytes_equal (bytes, t->test->expected[i]);
      g_assert_true (known);
    }
  return NULL;
}

static void
test_atomic_writes (Fixture *fx, gconstpointer data)
{
  AtomicTest test = { .fx = fx, .writers_left = N_WRITERS };
  AtomicThread threads[N_WRITERS + N_READERS];
  GThread *handles[N_WRITERS + N_READERS];

  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_autofree char *text = g_strnfill (VALUE_LEN, 'a' + i);
      g_autoptr(JsonNode) value = nd_json_string (text);
      char *json = nd_json_to_string (value, FALSE);

      test.expected[i] = g_bytes_new_take (json, strlen (json));
    }
  for (guint i = 0; i < N_WRITERS + N_READERS; i++)
    {
      threads[i].test = &test;
      threads[i].index = i;
    }
  /* Readers first, so that they are running before the first write. */
  for (guint i = 0; i < N_READERS; i++)
    handles[N_WRITERS + i] = g_thread_new ("reader", atomic_reader, &threads[N_WRITERS + i]);
  for (guint i = 0; i < N_WRITERS; i++)
    handles[i] = g_thread_new ("writer", atomic_writer, &threads[i]);
  for (guint i = 0; i < N_WRITERS + N_READERS; i++)
    g_thread_join (handles[i]);

  g_test_message ("%d reads, %d hits", test.reads, test.hits);
  {
    g_autoptr(GBytes) final = nd_cache_backend_get (fx->backend, "shared", NULL);
    gboolean known = FALSE;

    g_assert_nonnull (final);
    for (guint i = 0; i < N_WRITERS; i++)
      known |= g_bytes_equal (final, test.expected[i]);
    g_assert_true (known);
  }
  if (fx->dir != NULL)
    g_assert_cmpuint (count_files (fx->dir), ==, 1);   /* no stray temporaries */
  for (guint i = 0; i < N_WRITERS; i++)
    g_bytes_unref (test.expected[i]);
}

/* Four callbacks fired by one signal ask for the same key at once: one
 * computation, one shared value. */

#define N_CALLERS 4

typedef struct
{
  NdCache  *cache;
  Counter  *counter;
  JsonNode *args;
  GMutex    lock;
  GCond     cond;
  gboolean  go;
  JsonNode *results[N_CALLERS];
  GError   *errors[N_CALLERS];
} FlightTest;

typedef struct
{
  FlightTest *test;
  guint       index;
} FlightThread;

static gpointer
flight_caller (gpointer data)
{
  FlightThread *t = data;
  FlightTest *test = t->test;

  /* Start together, so all are inside memoize before the 200 ms compute
   * can finish. */
  g_mutex_lock (&test->lock);
  while (!test->go)
    g_cond_wait (&test->cond, &test->lock);
  g_mutex_unlock (&test->lock);

  test->results[t->index] = nd_cache_memoize (test->cache, "global_store", test->args,
                                              counting_compute, test->counter,
                                              &test->errors[t->index]);
  return NULL;
}

static void
run_flight (FlightTest *test)
{
  FlightThread threads[N_CALLERS];
  GThread *handles[N_CALLERS];

  g_mutex_init (&test->lock);
  g_cond_init (&test->cond);
  for (guint i = 0; i < N_CALLERS; i++)
    {
      threads[i].test = test;
      threads[i].index = i;
      handles[i] = g_thread_new ("caller", flight_caller, &threads[i]);
    }
  g_mutex_lock (&test->lock);
  test->go = TRUE;
  g_cond_broadcast (&test->cond);
  g_mutex_unlock (&test->lock);
  for (guint i = 0; i < N_CALLERS; i++)
    g_thread_join (handles[i]);
  g_mutex_clear (&test->lock);
  g_cond_clear (&test->cond);
}

static void
test_single_flight (Fixture *fx, gconstpointer data)
{
  Counter counter = { .sleep_ms = 200 };
  g_autoptr(JsonNode) args = parse ("[\"apples\"]");
  FlightTest test = { .cache = fx->cache, .counter = &counter, .args = args };

  run_flight (&test);

  g_assert_cmpint (counter.calls, ==, 1);
  for (guint i = 0; i < N_CALLERS; i++)
    {
      g_assert_no_error (test.errors[i]);
      g_assert_nonnull (test.results[i]);
      g_assert_true (nd_json_equal (test.results[i], test.results[0]));
      g_assert_cmpint (result_call (test.results[i]), ==, 1);
      /* Each caller owns its own copy. */
      if (i > 0)
        g_assert_true (test.results[i] != test.results[0]);
    }
  for (guint i = 0; i < N_CALLERS; i++)
    json_node_unref (test.results[i]);
}

/* A failure is shared by those who waited for it, and not cached. */
static void
test_single_flight_error (Fixture *fx, gconstpointer data)
{
  Counter counter = { .sleep_ms = 200, .fail = TRUE };
  g_autoptr(JsonNode) args = parse ("[\"figs\"]");
  g_autoptr(JsonNode) later = NULL;
  FlightTest test = { .cache = fx->cache, .counter = &counter, .args = args };

  run_flight (&test);

  g_assert_cmpint (counter.calls, ==, 1);
  for (guint i = 0; i < N_CALLERS; i++)
    {
      g_assert_null (test.results[i]);
      g_assert_error (test.errors[i], ND_ERROR, ND_ERROR_CALLBACK);
      g_assert_cmpstr (test.errors[i]->message, ==, "query failed (call 1)");
      g_clear_error (&test.errors[i]);
    }

  counter.fail = FALSE;
  counter.sleep_ms = 0;
  later = memoize_ok (fx->cache, "global_store", args, &counter);
  g_assert_cmpint (counter.calls, ==, 2);
}

/* memoize */

static void
test_memoize_once (Fixture *fx, gconstpointer data)
{
  Counter counter = { 0 };
  g_autoptr(JsonNode) args = parse ("[\"apples\", 3]");
  g_autoptr(JsonNode) same = parse ("[\"apples\", 3]");
  g_autoptr(JsonNode) other = parse ("[\"oranges\", 3]");
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL;

  r1 = memoize_ok (fx->cache, "global_store", args, &counter);
  r2 = memoize_ok (fx->cache, "global_store", same, &counter);
  g_assert_cmpint (counter.calls, ==, 1);
  g_assert_true (nd_json_equal (r1, r2));

  /* Editing a returned value does not change the cached one. */
  json_object_set_int_member (json_node_get_object (r2), "call", 99);

  r3 = memoize_ok (fx->cache, "global_store", other, &counter);
  g_assert_cmpint (counter.calls, ==, 2);
  g_assert_cmpint (result_call (r3), ==, 2);

  /* Same arguments, another function: another key. */
  r4 = memoize_ok (fx->cache, "other_store", args, &counter);
  g_assert_cmpint (counter.calls, ==, 3);

  r5 = memoize_ok (fx->cache, "global_store", args, &counter);
  g_assert_cmpint (counter.calls, ==, 3);
  g_assert_true (nd_json_equal (r5, r1));
  g_assert_cmpint (result_call (r5), ==, 1);
}

static void
test_memoize_key_order (void)
{
  g_autoptr(NdCacheMemory) backend = nd_cache_memory_new (0);
  g_autoptr(NdCache) cache = nd_cache_new (ND_CACHE_BACKEND (backend), 0);
  Counter counter = { 0 };
  g_autoptr(JsonNode) a = parse ("{\"a\":1,\"b\":[{\"x\":1,\"y\":2},3],\"c\":{\"p\":null,\"q\":\"s\"}}");
  g_autoptr(JsonNode) b = parse ("{\"c\":{\"q\":\"s\",\"p\":null},\"b\":[{\"y\":2,\"x\":1.0},3],\"a\":1.0}");
  g_autoptr(JsonNode) swapped = parse ("{\"a\":1,\"b\":[3,{\"x\":1,\"y\":2}],\"c\":{\"p\":null,\"q\":\"s\"}}");
  g_autoptr(JsonNode) empty = parse ("[]");
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL;
  g_autofree char *key_a = nd_cache_memoize_key ("f", a);
  g_autofree char *key_b = nd_cache_memoize_key ("f", b);
  g_autofree char *key_null = nd_cache_memoize_key ("f", NULL);
  g_autofree char *key_empty = nd_cache_memoize_key ("f", empty);
  g_autofree char *key_tricky = nd_cache_memoize_key ("f\",[1", NULL);

  g_assert_cmpstr (key_a, ==, key_b);
  g_assert_cmpstr (key_null, ==, key_empty);
  g_assert_cmpstr (key_tricky, !=, key_null);

  r1 = memoize_ok (cache, "f", a, &counter);
  r2 = memoize_ok (cache, "f", b, &counter);
  g_assert_cmpint (counter.calls, ==, 1);
  g_assert_true (nd_json_equal (r1, r2));

  /* Array order is meaningful. */
  r3 = memoize_ok (cache, "f", swapped, &counter);
  g_assert_cmpint (counter.calls, ==, 2);

  r4 = memoize_ok (cache, "f", NULL, &counter);
  r5 = memoize_ok (cache, "f", empty, &counter);
  g_assert_cmpint (counter.calls, ==, 3);
}

static void
test_memoize_error_not_cached (void)
{
  g_autoptr(NdCacheMemory) backend = nd_cache_memory_new (0);
  g_autoptr(NdCache) cache = nd_cache_new (ND_CACHE_BACKEND (backend), 0);
  Counter counter = { .fail = TRUE };
  g_autoptr(JsonNode) args = parse ("[1]");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) failed = NULL, r1 = NULL, r2 = NULL;

  failed = nd_cache_memoize (cache, "f", args, counting_compute, &counter, &error);
  g_assert_null (failed);
  g_assert_error (error, ND_ERROR, ND_ERROR_CALLBACK);
  g_assert_cmpuint (nd_cache_memory_get_n_items (backend), ==, 0);

  counter.fail = FALSE;
  r1 = memoize_ok (cache, "f", args, &counter);
  r2 = memoize_ok (cache, "f", args, &counter);
  g_assert_cmpint (counter.calls, ==, 2);
  g_assert_cmpint (result_call (r2), ==, 2);
}

static void
test_memoize_delete (Fixture *fx, gconstpointer data)
{
  Counter counter = { 0 };
  g_autoptr(JsonNode) args = parse ("{\"value\":\"apples\"}");
  g_autoptr(JsonNode) reordered = parse ("{\"value\":\"apples\"}");
  g_autoptr(JsonNode) other = parse ("{\"value\":\"figs\"}");
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GError) error = NULL;

  r1 = memoize_ok (fx->cache, "global_store", args, &counter);
  r2 = memoize_ok (fx->cache, "global_store", other, &counter);
  g_assert_true (nd_cache_memoize_delete (fx->cache, "global_store", reordered, &error));
  g_assert_no_error (error);

  r3 = memoize_ok (fx->cache, "global_store", args, &counter);
  g_assert_cmpint (counter.calls, ==, 3);
  g_assert_cmpint (result_call (r3), ==, 3);
  /* Only that argument's result was forgotten. */
  r4 = memoize_ok (fx->cache, "global_store", other, &counter);
  g_assert_cmpint (counter.calls, ==, 3);
}

static void
test_memoize_timeout (Fixture *fx, gconstpointer data)
{
  g_autoptr(NdCache) cache = nd_cache_new (fx->backend, 1);   /* default 1 s */
  Counter counter = { 0 };
  g_autoptr(JsonNode) args = parse ("[1]");
  g_autoptr(JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = nd_cache_memoize_key ("f", args);
  g_autofree char *key_forever = nd_cache_memoize_key ("g", args);
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (nd_cache_get_default_timeout (cache), ==, 1);
  r1 = memoize_ok (cache, "f", args, &counter);
  r2 = nd_cache_memoize_full (cache, "g", args, 0, counting_compute, &counter, &error);
  g_assert_no_error (error);
  r3 = memoize_ok (cache, "f", args, &counter);
  g_assert_cmpint (counter.calls, ==, 2);

  g_assert_cmpint (wait_for_miss (cache, key, start), >=, 900 * 1000);
  g_assert_true (has_key (cache, key_forever));

  r4 = memoize_ok (cache, "f", args, &counter);
  g_assert_cmpint (counter.calls, ==, 3);
  r5 = nd_cache_memoize_full (cache, "g", args, 0, counting_compute, &counter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (counter.calls, ==, 3);
}

static JsonNode *
recursive_compute (JsonNode *args, gpointer user_data, GError **error)
{
  Counter *counter = user_data;

  counter->calls++;
  return nd_cache_memoize (counter->cache, "loop", args, recursive_compute, counter, error);
}

/* A function that memoizes itself would wait for itself for ever. */
static void
test_memoize_recursive (void)
{
  g_autoptr(NdCacheMemory) backend = nd_cache_memory_new (0);
  g_autoptr(NdCache) cache = nd_cache_new (ND_CACHE_BACKEND (backend), 0);
  Counter counter = { .cache = cache };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;

  result = nd_cache_memoize (cache, "loop", NULL, recursive_compute, &counter, &error);
  g_assert_null (result);
  g_assert_error (error, ND_ERROR, ND_ERROR_CACHE);
  g_assert_cmpint (counter.calls, ==, 1);
}

/* Example 3: `global_store(value)` is computed once per value, whichever
 * session asks, and later sessions get it from the cache. */

typedef struct
{
  NdCache  *cache;
  Counter  *counter;
  const char *value;
  JsonNode *result;
} SessionCall;

static gpointer
session_call (gpointer data)
{
  SessionCall *call = data;
  g_autoptr(JsonNode) args = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (args, json_array_new ());
  json_array_add_string_element (json_node_get_array (args), call->value);
  call->result = memoize_ok (call->cache, "global_store", args, call->counter);
  return NULL;
}

static JsonNode *
call_from_session (NdCache *cache, Counter *counter, const char *value)
{
  SessionCall call = { cache, counter, value, NULL };

  /* Each session's callbacks run on their own worker thread. */
  g_thread_join (g_thread_new ("session", session_call, &call));
  return call.result;
}

static void
test_shared_across_sessions (Fixture *fx, gconstpointer data)
{
  Counter counter = { 0 };
  g_autoptr(JsonNode) first = NULL, second = NULL, oranges = NULL, again = NULL;

  first = call_from_session (fx->cache, &counter, "apples");
  second = call_from_session (fx->cache, &counter, "apples");
  g_assert_cmpint (counter.calls, ==, 1);
  g_assert_true (nd_json_equal (first, second));

  oranges = call_from_session (fx->cache, &counter, "oranges");
  g_assert_cmpint (counter.calls, ==, 2);

  /* A value selected before is instant now. */
  again = call_from_session (fx->cache, &counter, "apples");
  g_assert_cmpint (counter.calls, ==, 2);
  g_assert_true (nd_json_equal (again, first));
}

/* Example 4: `query_and_serialize_data(session_id)` on a filesystem cache
 * with `CACHE_THRESHOLD`: each session keeps its own data, and sessions
 * past the threshold push out the oldest. */
static JsonNode *
session_data (NdCache *cache, Counter *counter, const char *session_id)
{
  g_autoptr(JsonNode) args = nd_json_array_new ();

  json_array_add_string_element (json_node_get_array (args), session_id);
  return memoize_ok (cache, "query_and_serialize_data", args, counter);
}

static void
test_per_session (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(NdCacheBackend) backend = new_filesystem (dir, 2);
  g_autoptr(NdCache) cache = nd_cache_new (backend, 0);
  Counter counter = { 0 };
  g_autoptr(JsonNode) s1 = NULL, s1_again = NULL, s2 = NULL, s1_third = NULL;
  g_autoptr(JsonNode) s3 = NULL, s1_recomputed = NULL;

  s1 = session_data (cache, &counter, "session-1");
  tick ();
  s1_again = session_data (cache, &counter, "session-1");
  g_assert_cmpint (counter.calls, ==, 1);
  g_assert_true (nd_json_equal (s1, s1_again));

  s2 = session_data (cache, &counter, "session-2");
  tick ();
  g_assert_cmpint (counter.calls, ==, 2);
  g_assert_false (nd_json_equal (s1, s2));
  g_assert_cmpint (result_call (s2), ==, 2);

  s1_third = session_data (cache, &counter, "session-1");
  g_assert_cmpint (counter.calls, ==, 2);
  g_assert_true (nd_json_equal (s1_third, s1));

  /* A third session passes the threshold of 2: session-1 is oldest. */
  s3 = session_data (cache, &counter, "session-3");
  g_assert_cmpint (counter.calls, ==, 3);
  g_assert_cmpuint (count_files (dir), ==, 2);

  s1_recomputed = session_data (cache, &counter, "session-1");
  g_assert_cmpint (counter.calls, ==, 4);
  g_assert_false (nd_json_equal (s1_recomputed, s1));

  g_clear_object (&cache);
  g_clear_object (&backend);
  remove_tmp_dir (dir);
}

/* filesystem */

static void
test_filesystem_persist (void)
{
  g_autofree char *dir = make_tmp_dir ();
  Counter counter = { 0 };
  g_autoptr(JsonNode) args = parse ("[\"apples\"]");

  {
    g_autoptr(NdCacheBackend) backend = new_filesystem (dir, 0);
    g_autoptr(NdCache) cache = nd_cache_new (backend, 0);
    g_autoptr(JsonNode) result = memoize_ok (cache, "global_store", args, &counter);

    set_json (cache, "k", "{\"x\":[1,2,3]}", 0);
    set_json (cache, "short", "1", 1);
  }
  {
    g_autoptr(NdCacheBackend) backend = new_filesystem (dir, 0);
    g_autoptr(NdCache) cache = nd_cache_new (backend, 0);
    g_autoptr(JsonNode) result = memoize_ok (cache, "global_store", args, &counter);

    assert_json (cache, "k", "{\"x\":[1,2,3]}");
    g_assert_cmpint (counter.calls, ==, 1);
    g_assert_cmpint (result_call (result), ==, 1);
    /* Expiry survives the restart too. */
    wait_for_miss (cache, "short", g_get_monotonic_time ());
  }
  remove_tmp_dir (dir);
}

static void
write_file (const char *path, const char *data, gssize len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
test_filesystem_corrupt (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(NdCacheBackend) backend = new_filesystem (dir, 0);
  g_autoptr(NdCache) cache = nd_cache_new (backend, 0);
  g_autofree char *path = nd_cache_filesystem_get_path (ND_CACHE_FILESYSTEM (backend), "k");
  g_autofree char *good = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) not_json = g_bytes_new_static ("{\"unterminated\": [", 18);
  gsize good_len = 0;

  g_assert_true (g_str_has_prefix (path, dir));

  /* Garbage. */
  set_json (cache, "k", "{\"v\":\"good\"}", 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  write_file (path, "garbage, not a cache file at all", -1);
  g_assert_false (has_key (cache, "k"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Empty. */
  write_file (path, "", 0);
  g_assert_false (has_key (cache, "k"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Truncated, at every length up to the whole. */
  set_json (cache, "k", "{\"v\":\"a value long enough to cut\"}", 0);
  g_file_get_contents (path, &good, &good_len, &error);
  g_assert_no_error (error);
  for (gsize len = 0; len < good_len; len++)
    {
      write_file (path, good, len);
      g_assert_false (has_key (cache, "k"));
    }
  write_file (path, good, good_len);
  assert_json (cache, "k", "{\"v\":\"a value long enough to cut\"}");

  /* Too long: a file with bytes after the value. */
  {
    g_autofree char *longer = g_malloc (good_len + 4);

    memcpy (longer, good, good_len);
    memcpy (longer + good_len, "tail", 4);
    write_file (path, longer, good_len + 4);
    g_assert_false (has_key (cache, "k"));
  }

  /* A well-formed file whose value is not JSON is a miss for NdCache. */
  g_assert_true (nd_cache_backend_set (backend, "k", not_json, 0, &error));
  g_assert_no_error (error);
  g_assert_false (has_key (cache, "k"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* And the key works again afterwards. */
  set_json (cache, "k", "[1]", 0);
  assert_json (cache, "k", "[1]");

  /* Files that are not ours are left alone, even by clear. */
  {
    g_autofree char *other = g_build_filename (dir, "README", NULL);

    write_file (other, "not a cache file", -1);
    g_assert_true (nd_cache_clear (cache, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (dir), ==, 1);
  }

  g_clear_object (&cache);
  g_clear_object (&backend);
  remove_tmp_dir (dir);
}

static void
test_filesystem_bad_dir (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *below = g_build_filename (file, "cache", NULL);
  g_autofree char *nested = g_build_filename (dir, "a", "b", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdCacheFilesystem) fs = NULL;
  g_autoptr(NdCacheFilesystem) fs2 = NULL;

  write_file (file, "x", -1);
  fs = nd_cache_filesystem_new (file, 0, &error);
  g_assert_null (fs);
  g_assert_error (error, ND_ERROR, ND_ERROR_CACHE);
  g_clear_error (&error);

  fs = nd_cache_filesystem_new (below, 0, &error);
  g_assert_null (fs);
  g_assert_error (error, ND_ERROR, ND_ERROR_CACHE);
  g_clear_error (&error);

  /* Missing parents are created. */
  fs2 = nd_cache_filesystem_new (nested, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fs2);
  g_assert_cmpstr (nd_cache_filesystem_get_directory (fs2), ==, nested);
  g_clear_object (&fs2);

  g_rmdir (nested);
  {
    g_autofree char *a = g_build_filename (dir, "a", NULL);
    g_rmdir (a);
  }
  remove_tmp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const kinds[] = { "memory", "filesystem" };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *kind = kinds[i];
      static const struct {
        const char *name;
        void (*func) (Fixture *, gconstpointer);
      } cases[] = {
        { "get-set", test_get_set },
        { "expiry", test_expiry },
        { "threshold", test_threshold },
        { "threshold-expired-first", test_threshold_expired_first },
        { "atomic-writes", test_atomic_writes },
        { "memoize-once", test_memoize_once },
        { "memoize-delete", test_memoize_delete },
        { "memoize-timeout", test_memoize_timeout },
        { "single-flight", test_single_flight },
        { "single-flight-error", test_single_flight_error },
        { "shared-across-sessions", test_shared_across_sessions },
      };

      for (guint j = 0; j < G_N_ELEMENTS (cases); j++)
        {
          g_autofree char *path = g_strdup_printf ("/cache/%s/%s", kind, cases[j].name);

          g_test_add (path, Fixture, kind, fixture_setup, cases[j].func, fixture_teardown);
        }
    }

  g_test_add_func ("/cache/memoize/key-order", test_memoize_key_order);
  g_test_add_func ("/cache/memoize/error-not-cached", test_memoize_error_not_cached);
  g_test_add_func ("/cache/memoize/recursive", test_memoize_recursive);
  g_test_add_func ("/cache/memoize/per-session", test_per_session);
  g_test_add_func ("/cache/filesystem/persist", test_filesystem_persist);
  g_test_add_func ("/cache/filesystem/corrupt", test_filesystem_corrupt);
  g_test_add_func ("/cache/filesystem/bad-dir", test_filesystem_bad_dir);

  return g_test_run ();
}
