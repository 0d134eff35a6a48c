/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A session's internals, shared by nd-session.c (props, index, stores) and
 * nd-scheduler.c (what fires when).  Not installed.
 */
#pragma once

#include "nd-private.h"
#include "nd-component-info.h"

G_BEGIN_DECLS

/* One component with an id, in document order. pre/post bracket its
 * subtree so "is inside this chunk" is two comparisons. */
typedef enum {
  ND_ENTRY_DCC = 1 << 0,      /* a dash_core_components component */
  ND_ENTRY_PERSIST = 1 << 1,  /* has a `persistence` prop */
  ND_ENTRY_STORE = 1 << 2,    /* a dcc.Store */
  ND_ENTRY_MOUNTS = 1 << 3,   /* sets props at mount (components.md §4) */
} NdEntryFlags;

guint      nd_entry_flags_for         (const char            *namespace_,
                                       const NdComponentInfo *info,
                                       JsonObject            *props);

typedef struct {
  JsonNode *component;
  JsonNode *id;
  char *id_text;            /* a GRefString, shared with call requests */
  guint pre;
  guint post;
  guint flags;              /* NdEntryFlags, for cheap passes at mount */
  const NdComponentInfo *info;
} NdEntry;

typedef struct {
  char *prop_id;
  int strength;          /* 1 INDIRECT, 2 DIRECT */
} NdChanged;

typedef struct _NdRequest NdRequest;
struct _NdRequest {
  gint ref_count;
  NdCallback *cb;
  NdDependency *ref_dep; /* resolution anchor, nullable */
  JsonNode *ref_id;
  char *any_vals;
  char *identity;
  GArray *changed;       /* NdChanged, in insertion order */
  guint group;
  GPtrArray *preds;      /* NdCallback*, borrowed */
  gboolean initial;
  gboolean cancelled;
  gboolean inline_run;
  NdSession *session;
  NdCallRequest *call;
  NdCallResult *result;
  GPtrArray *loading;    /* prop ids marked loading */
};

typedef struct {
  GHashTable *all_props;
  GHashTable *updated_props;
  gboolean has_finished;
} NdGroup;

struct _NdSession {
  GObject parent_instance;

  NdApp *app;
  char *id;
  JsonNode *layout;
  GMainContext *context;

  GHashTable *by_id;         /* id text -> NdEntry */
  GHashTable *by_keyset;     /* key set -> GPtrArray of NdEntry, document order */
  GPtrArray *entries;        /* owns NdEntry */

  GPtrArray *requested;      /* NdRequest, waiting */
  GQueue queued;             /* ready, waiting for a slot */
  GPtrArray *executing;
  GHashTable *groups;        /* group id -> NdGroup */
  guint next_group;
  GSource *pass_source;
  guint n_calls;
  GPtrArray *errors;         /* NdCallbackError */
  GHashTable *loading;       /* prop id -> count */
  gboolean started;
  gboolean closed;
  GUri *url;                 /* the window's current URL (dcc.Location) */
  gboolean store_syncing;    /* applying another session's Store write */
  gint n_store_syncs;        /* such writes on their way (atomic) */
  GHashTable *persist_memory; /* persistence key -> record ("memory") */
  GHashTable *memory_stores;  /* Store id -> {data, timestamp} ("memory") */
  gboolean has_duplicate_ids;
  GHashTable *resolve_cache;  /* NdDependency -> entries it selects (no MATCH) */
};

/* nd-session.c */
NdEntry   *nd_session_lookup_entry    (NdSession  *session,
                                       JsonNode   *id,
                                       const char *id_text);
void       nd_session_reindex         (NdSession  *session);
void       nd_session_chunk_range     (NdSession  *session,
                                       NdEntry    *parent,
                                       guint      *start,
                                       guint      *end);
void       nd_session_resolve         (NdSession  *session,
                                       NdDependency *dep,
                                       NdDependency *ref_dep,
                                       JsonNode   *ref_id,
                                       GPtrArray  *out);
void       nd_session_apply_prop      (NdSession  *session,
                                       NdEntry    *entry,
                                       const char *prop,
                                       JsonNode   *value,
                                       int         strength,
                                       NdRequest  *cause);
void       nd_session_add_error       (NdSession  *session,
                                       NdCallback *cb,
                                       const char *message);
void       nd_session_emit_prop       (NdSession  *session,
                                       NdEntry    *entry,
                                       const char *prop);
void       nd_session_persistence_apply  (NdSession  *session,
                                          NdEntry    *chunk);
void       nd_session_persistence_record (NdSession  *session,
                                          NdEntry    *entry,
                                          const char *prop,
                                          JsonNode   *value);
void       nd_session_store_mount     (NdSession  *session,
                                       NdEntry    *chunk);
void       nd_session_store_written   (NdSession  *session,
                                       NdEntry    *entry,
                                       const char *prop);

/* nd-scheduler.c */
void       nd_scheduler_request_by_input (NdSession  *session,
                                          NdEntry    *entry,
                                          const char *prop,
                                          int         strength,
                                          NdRequest  *cause);
void       nd_scheduler_layout_changed   (NdSession  *session,
                                          NdEntry    *parent,
                                          GPtrArray  *old_entries,
                                          NdRequest  *cause);
gboolean   nd_scheduler_initial_calls    (NdSession  *session,
                                          GError    **error);
void       nd_scheduler_schedule_pass    (NdSession  *session);
void       nd_scheduler_clear            (NdSession  *session);
void       nd_request_unref              (NdRequest  *r);
void       nd_group_free                 (gpointer    data);

/* nd-background.c */
void       nd_background_apply_defaults  (NdSession  *session,
                                          NdCallback *cb);

G_END_DECLS
