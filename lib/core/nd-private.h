/* SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Internal structures shared by the core's files.  Not installed.
 */
#pragma once

#include "config.h"

#include "nd-app.h"
#include "nd-callback.h"
#include "nd-context.h"
#include "nd-dependency.h"
#include "nd-error.h"
#include "nd-id.h"
#include "nd-json.h"
#include "nd-session.h"

G_BEGIN_DECLS

typedef enum {
  ND_OPTION_NONE,
  ND_OPTION_PREVENT_INITIAL_CALL,
  ND_OPTION_INITIAL_DUPLICATE,
  ND_OPTION_RUNNING,
  ND_OPTION_OUTPUTS_AS_LIST,
  ND_OPTION_THREADING,
  ND_OPTION_ON_ERROR,
  ND_OPTION_OPTIONAL,
  ND_OPTION_BACKGROUND,
  ND_OPTION_PROGRESS,
  ND_OPTION_PROGRESS_DEFAULT,
  ND_OPTION_CANCEL,
  ND_OPTION_INTERVAL,
} NdOption;

struct _NdDependency {
  gint ref_count;
  NdDependencyKind kind;
  JsonNode *id;
  char *property;
  char *id_text;
  char *prop_id;
  gboolean allow_duplicate;
  gboolean allow_optional;
  /* pattern view of a dict id, keys sorted */
  gboolean is_dict;
  char *key_set;
  guint n_keys;
  char **keys;
  JsonNode **values;     /* borrowed from id */
  NdWildcard *wild;
  gboolean multi;        /* ALL or ALLSMALLER somewhere */
  gboolean has_match;
  gboolean has_allsmaller;
  /* options */
  NdOption option;
  int option_value;
  NdDependency *running_output;  /* also the Output of nd_progress(), the Input of nd_cancel() */
  JsonNode *on_value;            /* also the value of nd_progress_default() */
  JsonNode *off_value;
  NdErrorHandlerFunc on_error;
  gpointer on_error_data;
  /* an error found while constructing it (bad id), reported at registration */
  char *error;
};

typedef struct _NdLayoutCheck NdLayoutCheck;
void           nd_context_post       (GMainContext  *context,
                                      GSourceFunc    func,
                                      gpointer       data,
                                      GDestroyNotify destroy);
NdLayoutCheck *nd_layout_check_new   (JsonNode      *layout);
NdLayoutCheck *nd_layout_check_ref   (NdLayoutCheck *check);
void           nd_layout_check_unref (NdLayoutCheck *check);
void           nd_layout_check_run   (gpointer       data,
                                      gpointer       unused);
gboolean       nd_layout_check_wait  (NdLayoutCheck *check,
                                      GError       **error);
JsonNode      *nd_layout_check_take_spare (NdLayoutCheck *check,
                                           GPtrArray    **entries);
JsonNode      *nd_session_copy_and_index  (JsonNode      *layout,
                                           GPtrArray    **entries);

/* the callback dependencies on one prop of one id (or key set) */
typedef struct {
  const char *prop;     /* interned */
  GPtrArray *refs;      /* NdDepRef */
} NdPropRefs;

typedef struct {
  NdDependency *output;
  JsonNode *on_value;
  JsonNode *off_value;
} NdRunning;

struct _NdCallback {
  GObject parent_instance;

  char *name;
  NdCallbackFunc func;
  gpointer user_data;
  GDestroyNotify destroy;

  GPtrArray *outputs;    /* NdDependency */
  GPtrArray *inputs;
  GPtrArray *state;
  GArray *running;       /* NdRunning */
  NdPreventInitialCall prevent_initial_call;
  gboolean outputs_as_list;
  gboolean order_error;  /* a dependency of the wrong kind came after others */
  char *order_message;
  NdThreading threading;
  NdErrorHandlerFunc on_error;
  gpointer on_error_data;
  gboolean pic_explicit;     /* prevent_initial_call given for this callback */
  gboolean optional;         /* Dash's optional=True: ids may be missing */

  /* set by registration */
  gboolean registered;
  guint index;
  char *key;
  gboolean no_output;
  gboolean all_inputs_multi;
  int first_single_output;   /* -1 when every output is multi-valued */
  gboolean outputs_have_match;
  char **match_keys;         /* MATCH keys of the outputs, sorted */

  /* run-time measurements for ND_THREADING_AUTO */
  gint worker_runs_fast;
  gint demoted;

  /* background callbacks (callback-semantics §10.3) */
  gboolean background;
  guint interval_ms;           /* 0: not given (Dash's default, 1000) */
  GPtrArray *progress;         /* NdDependency Outputs */
  GPtrArray *progress_default; /* JsonNode, one per progress Output when given */
  GPtrArray *cancel;           /* NdDependency Inputs */
};

/* ---- app ---- */

typedef struct {
  NdCallback *callback;
  NdDependency *dep;
} NdDepRef;

struct _NdApp {
  GObject parent_instance;

  char *app_id;
  char *title;
  JsonNode *layout;
  NdLayoutFunc layout_func;
  gpointer layout_data;
  GDestroyNotify layout_destroy;
  gboolean suppress_callback_exceptions;
  guint max_in_flight;
  NdThreading default_threading;
  NdErrorHandlerFunc on_error;
  gpointer on_error_data;
  GDestroyNotify on_error_destroy;
  gboolean prevent_initial_callbacks;   /* app-wide default */
  gboolean layout_checked;     /* the static layout passed nd_layout_validate() */
  NdLayoutCheck *layout_check; /* that check, running on a worker */
  gboolean refs_checked;       /* ... and the callbacks' ids and props (§1.3) */
  JsonNode *validation_layout;
  GHashTable *validation_ids;           /* id text -> component, built lazily */

  GPtrArray *callbacks;          /* NdCallback, registration order */
  GHashTable *by_key;            /* output key -> NdCallback */
  GHashTable *output_owner;      /* "prop id" (string id outputs) -> NdCallback */
  GHashTable *input_map;         /* id text -> GHashTable prop -> GPtrArray NdDepRef */
  GHashTable *input_patterns;    /* key set -> GHashTable prop -> GPtrArray NdDepRef */
  GHashTable *output_map;        /* id text -> GHashTable prop -> GPtrArray NdDepRef */
  GHashTable *output_patterns;   /* key set -> GHashTable prop -> GPtrArray NdDepRef */
  GPtrArray *no_input_callbacks; /* callbacks with no Inputs */
  GPtrArray *no_output_callbacks;
  GError *deferred_error;        /* first registration error from the macro API */
  gboolean validated;

  GThreadPool *pool;
  GMutex lock;                   /* guards session-scoped stores below */
  GHashTable *session_storage;   /* Store id -> JsonNode (storage_type "session") */
  GPtrArray *sessions;           /* weak list for store events */
  GHashTable *persist_session;   /* persistence key -> record ("session") */
  JsonObject *persist_local;     /* persistence records on disk, loaded lazily */
  char *data_dir;
};

/* A dependency resolved against one layout: concrete ids. */
typedef struct {
  JsonNode *id;        /* ref */
  char *id_text;       /* a GRefString */
  const char *property; /* interned; output properties keep their @hash */
  JsonNode *value;     /* ref, NULL = undefined */
  gboolean missing;    /* allow_optional dependency that is absent */
} NdDepValue;

typedef struct {
  gboolean multi;
  guint n;
  NdDepValue *items;
} NdArg;

typedef struct _NdCallRequest NdCallRequest;
typedef struct _NdJob NdJob;
struct _NdCallRequest {
  gint ref_count;
  NdCallback *callback;
  guint n_outputs;
  NdArg *outputs;
  guint n_inputs;
  NdArg *inputs;
  guint n_state;
  NdArg *state;
  guint n_changed;
  char **changed_prop_ids;
  char *session_id;
  NdJob *job;            /* a background call's job, or NULL */
};

typedef enum {
  ND_CALL_UPDATED,       /* 200, maybe with an empty response */
  ND_CALL_PREVENTED,     /* 204 */
  ND_CALL_FAILED,        /* 500 */
} NdCallStatus;

typedef struct {
  char *id_text;
  JsonNode *id;
  JsonNode *props;       /* object prop -> value */
} NdSideUpdate;

typedef struct _NdCallResult NdCallResult;
struct _NdCallResult {
  NdCallStatus status;
  guint n_outputs;
  JsonNode **outputs;    /* NULL = not set; no_update marker = left out */
  GPtrArray *side_updates; /* NdSideUpdate */
  GError *error;
  gint64 duration_us;
};

NdCallRequest *nd_call_request_new         (NdCallback     *callback);
NdCallRequest *nd_call_request_ref         (NdCallRequest  *req);
void           nd_call_request_unref       (NdCallRequest  *req);
NdCallRequest *nd_call_request_from_json   (NdApp          *app,
                                            JsonNode       *body,
                                            GError        **error);
void           nd_arg_clear                (NdArg          *arg);
void           nd_dep_value_set            (NdDepValue     *dv,
                                            JsonNode       *id,
                                            const char     *id_text,
                                            const char     *property,
                                            JsonNode       *value);
void           nd_dep_value_set_shared     (NdDepValue     *dv,
                                            JsonNode       *id,
                                            char           *id_text,
                                            const char     *property,
                                            JsonNode       *value);
void           nd_call_result_free         (NdCallResult   *result);
NdCallResult  *nd_executor_run             (NdApp          *app,
                                            NdCallRequest  *req);
JsonNode      *nd_call_result_to_json      (NdCallResult   *result,
                                            NdCallRequest  *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCallRequest, nd_call_request_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCallResult, nd_call_result_free)

/* dependency helpers */
gboolean  nd_dependency_matches_id    (NdDependency *pattern,
                                       JsonNode     *id,
                                       NdDependency *ref_pattern,
                                       JsonNode     *ref_id);
char     *nd_dependency_match_values  (NdDependency *pattern,
                                       JsonNode     *id);
gboolean  nd_patterns_overlap         (NdDependency *a,
                                       NdDependency *b);
NdDependency *nd_dependency_new_internal (NdDependencyKind kind,
                                          JsonNode        *id,
                                          const char      *property);

/* app internals used by the session and scheduler */
GPtrArray *nd_app_lookup_input_refs   (NdApp        *app,
                                       JsonNode     *id,
                                       const char   *id_text,
                                       const char   *prop);
GPtrArray *nd_app_lookup_output_refs  (NdApp        *app,
                                       JsonNode     *id,
                                       const char   *id_text,
                                       const char   *prop);
void       nd_app_run_in_pool         (NdApp        *app,
                                       GFunc         func,
                                       gpointer      data);
void       nd_app_register_session    (NdApp        *app,
                                       NdSession    *session);
GPtrArray *nd_app_ref_sessions        (NdApp        *app);
void       nd_app_unregister_session  (NdApp        *app,
                                       NdSession    *session);
JsonNode  *nd_app_build_layout        (NdApp        *app,
                                       GError      **error);
void       nd_app_broadcast_store     (NdApp        *app,
                                       NdSession    *origin,
                                       const char   *store_id,
                                       JsonNode     *data,
                                       gint64        timestamp);

/* context internals */
NdCallbackContext *nd_callback_context_new  (NdApp         *app,
                                             NdCallRequest *req,
                                             NdCallResult  *result);
void               nd_callback_context_free (NdCallbackContext *ctx);
gboolean           nd_callback_context_has_error    (NdCallbackContext  *ctx);
void               nd_callback_context_handle_error (NdCallbackContext  *ctx,
                                                     NdErrorHandlerFunc  handler,
                                                     gpointer            user_data);
/* the state a finished body left: FALSE with @error set if it raised,
 * FALSE without if it prevented the update */
gboolean           nd_callback_context_finish       (NdCallbackContext  *ctx,
                                                     GError            **error);

/* background jobs (nd-background.c) */
NdJob        *nd_job_new                 (NdSession    *session,
                                          NdCallback   *callback);
NdJob        *nd_job_ref                 (NdJob        *job);
void          nd_job_unref               (NdJob        *job);
void          nd_job_finish              (NdJob        *job);
void          nd_job_cancel              (NdJob        *job);
gboolean      nd_job_is_cancelled        (NdJob        *job);
GCancellable *nd_job_get_cancellable     (NdJob        *job);
void          nd_job_set_progress        (NdJob        *job,
                                          guint         index,
                                          JsonNode     *value);
gboolean      nd_background_check_callback (NdCallback *callback,
                                            GError    **error);
gboolean      nd_background_check_graph    (NdApp      *app,
                                            GError    **error);
void          nd_background_add_cancel_entries (NdApp     *app,
                                                JsonArray *deps);
gboolean      nd_background_is_cancel_call (NdApp      *app,
                                            JsonNode   *body);

#define ND_NO_UPDATE_KEY "_dash_no_update"

G_END_DECLS
