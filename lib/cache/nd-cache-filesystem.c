/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * flask-caching's FileSystemCache: one file per key in a directory that
 * outlives the process and may be shared by several processes.  The file
 * is the only shared state, so it must never be seen half-written: each
 * write goes to a temporary file that is renamed over the old one, and a
 * file that fails the header checks is treated as missing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "nd-cache-filesystem.h"
#include "nd-error.h"

/* File layout: magic, expiry (µs since the Unix epoch, little-endian,
 * 0 = never; wall clock because it must survive a restart), value length
 * (little-endian, so truncation shows), then the value. */
#define MAGIC "NDCACHE1"
#define MAGIC_LEN 8
#define HEADER_LEN 24

#define NAME_LEN 64   /* hex SHA-256 */

/* Expired files of keys never read again are only dropped by a prune;
 * without a threshold, run one now and then. */
#define SWEEP_INTERVAL_USEC (60 * G_USEC_PER_SEC)

struct _NdCacheFilesystem
{
  GObject  parent_instance;

  GMutex   lock;
  char    *directory;
  guint    threshold;
  gint64   next_sweep;   /* monotonic µs */
};

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void nd_cache_filesystem_backend_init  (NdCacheBackendInterface *iface);
static void nd_cache_filesystem_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdCacheFilesystem, nd_cache_filesystem, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      nd_cache_filesystem_initable_init)
                               G_IMPLEMENT_INTERFACE (ND_TYPE_CACHE_BACKEND,
                                                      nd_cache_filesystem_backend_init))

typedef struct
{
  char   *name;
  gint64  mtime;   /* µs */
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
}

static int
entry_compare_age (gconstpointer a, gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  if (ea->mtime != eb->mtime)
    return ea->mtime < eb->mtime ? -1 : 1;
  return strcmp (ea->name, eb->name);
}

static gboolean
is_hex_name (const char *name, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (name[i]) || g_ascii_isupper (name[i]))
      return FALSE;
  return TRUE;
}

/* Only files this backend made are counted or removed: the directory may
 * hold other things. */
static gboolean
is_entry_name (const char *name)
{
  return strlen (name) == NAME_LEN && is_hex_name (name, NAME_LEN);
}

/* What g_file_set_contents() leaves behind when the process dies between
 * writing its temporary file and renaming it. */
static gboolean
is_temp_name (const char *name)
{
  return strlen (name) == NAME_LEN + 7 && name[NAME_LEN] == '.' &&
         is_hex_name (name, NAME_LEN);
}

static char *
path_for_key (NdCacheFilesystem *self, const char *key)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_build_filename (self->directory, name, NULL);
}

static gboolean
is_expired (gint64 expires, gint64 now)
{
  return expires != 0 && now >= expires;
}

/* Checks a header against the file's real size; FALSE for anything that
 * is not a complete file of ours. */
static gboolean
parse_header (const guint8 *data, gsize size, gint64 *expires)
{
  guint64 raw_expires, length;

  if (size < HEADER_LEN || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return FALSE;
  memcpy (&raw_expires, data + 8, 8);
  memcpy (&length, data + 16, 8);
  length = GUINT64_FROM_LE (length);
  if (length != size - HEADER_LEN)
    return FALSE;
  *expires = (gint64) GUINT64_FROM_LE (raw_expires);
  return *expires >= 0;
}

/* Reads only the header, for pruning many files. */
static gboolean
read_header (const char *path, gint64 *expires)
{
  guint8 header[HEADER_LEN];
  struct stat st;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0)
    {
      close (fd);
      return FALSE;
    }
  do
    n = read (fd, header, HEADER_LEN);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n != HEADER_LEN)
    return FALSE;
  /* Stand in for the whole file: only the length check needs its size. */
  return parse_header (header, (gsize) st.st_size, expires);
}

static void
set_io_error (GError **error, const char *what, const char *path, GError *cause)
{
  g_set_error (error, ND_ERROR, ND_ERROR_CACHE, "cannot %s cache file %s: %s",
               what, path, cause->message);
}

static GArray *
list_entries (NdCacheFilesystem *self, gboolean with_temps, GError **error)
{
  g_autoptr(GFile) dir = g_file_new_for_path (self->directory);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GError) local_error = NULL;

  g_array_set_clear_func (entries, entry_clear);
  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          NULL, &local_error);
  if (enumerator == NULL)
    {
      set_io_error (error, "list", self->directory, local_error);
      return NULL;
    }
  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      Entry entry;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &local_error))
        {
          set_io_error (error, "list", self->directory, local_error);
          return NULL;
        }
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      if (!is_entry_name (name) && !(with_temps && is_temp_name (name)))
        continue;
      entry.name = g_strdup (name);
      entry.mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                    g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
      g_array_append_val (entries, entry);
    }
  return g_steal_pointer (&entries);
}

static void
remove_file (NdCacheFilesystem *self, const char *name)
{
  g_autofree char *path = g_build_filename (self->directory, name, NULL);

  /* Best effort: another process may have removed or replaced it. */
  (void) g_unlink (path);
}

/* Called with the lock held.  With make_room, ensures one more file fits
 * under the threshold: expired and damaged files go first, then the oldest
 * by mtime.  With sweep, drops expired and damaged files regardless.
 * Pruning is housekeeping, so its failures are not reported. */
static void
prune (NdCacheFilesystem *self, gboolean make_room, gboolean sweep)
{
  g_autoptr(GArray) entries = list_entries (self, FALSE, NULL);
  gint64 now = g_get_real_time ();
  guint n_live = 0;

  if (entries == NULL)
    return;
  /* Listing is cheap; opening every file is not. */
  if (!sweep && (!make_room || entries->len < self->threshold))
    return;

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      g_autofree char *path = g_build_filename (self->directory, entry->name, NULL);
      gint64 expires;

      if (!read_header (path, &expires) || is_expired (expires, now))
        {
          (void) g_unlink (path);
          continue;
        }
      /* Compact the live ones to the front. */
      if (n_live != i)
        {
          Entry tmp = g_array_index (entries, Entry, n_live);

          g_array_index (entries, Entry, n_live) = *entry;
          *entry = tmp;
        }
      n_live++;
    }
  g_array_set_size (entries, n_live);

  if (!make_room || self->threshold == 0 || n_live < self->threshold)
    return;

  g_array_sort (entries, entry_compare_age);
  for (guint i = 0; n_live >= self->threshold; i++, n_live--)
    remove_file (self, g_array_index (entries, Entry, i).name);
}

/* Called without the lock: reading a file that may be replaced at any
 * moment is safe, since a replacement is a rename. */
static GBytes *
nd_cache_filesystem_get (NdCacheBackend *backend, const char *key, GError **error)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (backend);
  g_autofree char *path = path_for_key (self, key);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) whole = NULL;
  char *contents = NULL;
  gsize size = 0;
  gint64 expires;

  if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      set_io_error (error, "read", path, local_error);
      return NULL;
    }
  whole = g_bytes_new_take (contents, size);
  if (parse_header (g_bytes_get_data (whole, NULL), size, &expires) &&
      !is_expired (expires, g_get_real_time ()))
    return g_bytes_new_from_bytes (whole, HEADER_LEN, size - HEADER_LEN);

  /* A damaged or expired file is a miss, and removed so that it is not
   * read again; unless a set of this backend replaced it meanwhile. */
  g_mutex_lock (&self->lock);
  if (!read_header (path, &expires) || is_expired (expires, g_get_real_time ()))
    (void) g_unlink (path);
  g_mutex_unlock (&self->lock);

  return NULL;
}

static gboolean
nd_cache_filesystem_set (NdCacheBackend *backend, const char *key, GBytes *value,
                         guint timeout, GError **error)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (backend);
  g_autofree char *path = path_for_key (self, key);
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buf = NULL;
  gsize value_len = 0;
  const guint8 *value_data = g_bytes_get_data (value, &value_len);
  gint64 expires = timeout ? g_get_real_time () + (gint64) timeout * G_USEC_PER_SEC : 0;
  guint64 le;
  gint64 now;
  gboolean is_new, ok;

  buf = g_malloc (HEADER_LEN + value_len);
  memcpy (buf, MAGIC, MAGIC_LEN);
  le = GUINT64_TO_LE ((guint64) expires);
  memcpy (buf + 8, &le, 8);
  le = GUINT64_TO_LE ((guint64) value_len);
  memcpy (buf + 16, &le, 8);
  if (value_len > 0)
    memcpy (buf + HEADER_LEN, value_data, value_len);

  g_mutex_lock (&self->lock);
  now = g_get_monotonic_time ();
  is_new = self->threshold != 0 && !g_file_test (path, G_FILE_TEST_EXISTS);
  if (now >= self->next_sweep)
    {
      prune (self, is_new, TRUE);
      self->next_sweep = now + SWEEP_INTERVAL_USEC;
    }
  else if (is_new)
    prune (self, TRUE, FALSE);
  /* CONSISTENT: write a temporary file and rename it over the old one, so
   * readers (in this process or another) see the old value or the new. */
  ok = g_file_set_contents_full (path, (const char *) buf, HEADER_LEN + value_len,
                                 G_FILE_SET_CONTENTS_CONSISTENT |
                                 G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0600, &local_error);
  g_mutex_unlock (&self->lock);

  if (!ok)
    set_io_error (error, "write", path, local_error);
  return ok;
}

static gboolean
nd_cache_filesystem_delete (NdCacheBackend *backend, const char *key, GError **error)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (backend);
  g_autofree char *path = path_for_key (self, key);
  int saved_errno = 0;

  g_mutex_lock (&self->lock);
  if (g_unlink (path) != 0)
    saved_errno = errno;
  g_mutex_unlock (&self->lock);

  if (saved_errno != 0 && saved_errno != ENOENT)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_CACHE, "cannot remove cache file %s: %s",
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
nd_cache_filesystem_clear (NdCacheBackend *backend, GError **error)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (backend);
  g_autoptr(GArray) entries = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->lock);
  entries = list_entries (self, TRUE, error);
  if (entries == NULL)
    ok = FALSE;
  for (guint i = 0; ok && i < entries->len; i++)
    {
      const char *name = g_array_index (entries, Entry, i).name;
      g_autofree char *path = g_build_filename (self->directory, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, ND_ERROR, ND_ERROR_CACHE, "cannot remove cache file %s: %s",
                       path, g_strerror (saved_errno));
          ok = FALSE;
        }
    }
  g_mutex_unlock (&self->lock);

  return ok;
}

static void
nd_cache_filesystem_backend_init (NdCacheBackendInterface *iface)
{
  iface->get = nd_cache_filesystem_get;
  iface->set = nd_cache_filesystem_set;
  iface->delete_key = nd_cache_filesystem_delete;
  iface->clear = nd_cache_filesystem_clear;
}

static gboolean
nd_cache_filesystem_initable_init_impl (GInitable *initable, GCancellable *cancellable,
                                        GError **error)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (initable);

  if (self->directory == NULL || self->directory[0] == '\0')
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_CACHE, "no cache directory given");
      return FALSE;
    }
  /* 0700: cached values may be one user's session data. */
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ND_ERROR, ND_ERROR_CACHE, "cannot create cache directory %s: %s",
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_test (self->directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_CACHE, "cache directory %s is not a directory",
                   self->directory);
      return FALSE;
    }
  return TRUE;
}

static void
nd_cache_filesystem_initable_init (GInitableIface *iface)
{
  iface->init = nd_cache_filesystem_initable_init_impl;
}

static void
nd_cache_filesystem_finalize (GObject *object)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (object);

  g_free (self->directory);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (nd_cache_filesystem_parent_class)->finalize (object);
}

static void
nd_cache_filesystem_get_property (GObject *object, guint prop_id,
                                  GValue *value, GParamSpec *pspec)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_THRESHOLD:
      g_value_set_uint (value, self->threshold);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_cache_filesystem_set_property (GObject *object, guint prop_id,
                                  const GValue *value, GParamSpec *pspec)
{
  NdCacheFilesystem *self = ND_CACHE_FILESYSTEM (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_free (self->directory);
      self->directory = g_value_dup_string (value);
      break;
    case PROP_THRESHOLD:
      self->threshold = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_cache_filesystem_class_init (NdCacheFilesystemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_cache_filesystem_finalize;
  object_class->get_property = nd_cache_filesystem_get_property;
  object_class->set_property = nd_cache_filesystem_set_property;

  /**
   * NdCacheFilesystem:directory:
   *
   * The directory holding one file per key (flask-caching's `CACHE_DIR`).
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdCacheFilesystem:threshold:
   *
   * The most files kept at once (flask-caching's `CACHE_THRESHOLD`);
   * 0 for no limit.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_uint ("threshold", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_cache_filesystem_init (NdCacheFilesystem *self)
{
  g_mutex_init (&self->lock);
  self->next_sweep = g_get_monotonic_time () + SWEEP_INTERVAL_USEC;
}

/**
 * nd_cache_filesystem_new:
 * @dir: the cache directory, created if missing
 * @threshold: the most files kept at once, 0 for no limit
 * @error: return location for an error
 *
 * A backend that keeps one file per key under @dir, named by the SHA-256
 * of the key, so values outlive the process and can be shared by several
 * processes.  When a new key would pass @threshold, expired files are
 * removed first, then the least recently written ones.
 *
 * Returns: (transfer full) (nullable): a new backend, or %NULL if @dir
 *   cannot be created
 */
NdCacheFilesystem *
nd_cache_filesystem_new (const char *dir, guint threshold, GError **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (ND_TYPE_CACHE_FILESYSTEM, NULL, error,
                         "directory", dir,
                         "threshold", threshold,
                         NULL);
}

/**
 * nd_cache_filesystem_get_directory:
 * @filesystem: a filesystem backend
 *
 * Returns: the cache directory
 */
const char *
nd_cache_filesystem_get_directory (NdCacheFilesystem *filesystem)
{
  g_return_val_if_fail (ND_IS_CACHE_FILESYSTEM (filesystem), NULL);

  return filesystem->directory;
}

/**
 * nd_cache_filesystem_get_threshold:
 * @filesystem: a filesystem backend
 *
 * Returns: the most files kept at once, 0 for no limit
 */
guint
nd_cache_filesystem_get_threshold (NdCacheFilesystem *filesystem)
{
  g_return_val_if_fail (ND_IS_CACHE_FILESYSTEM (filesystem), 0);

  return filesystem->threshold;
}

/**
 * nd_cache_filesystem_get_path:
 * @filesystem: a filesystem backend
 * @key: a cache key
 *
 * Where the value of @key is (or would be) stored.
 *
 * Returns: (transfer full) (type filename): the file's path
 */
char *
nd_cache_filesystem_get_path (NdCacheFilesystem *filesystem, const char *key)
{
  g_return_val_if_fail (ND_IS_CACHE_FILESYSTEM (filesystem), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return path_for_key (filesystem, key);
}
