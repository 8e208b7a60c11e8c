/*
 * gaiarouter/plugin.h — the GaiaRouter provider plugin ABI.
 *
 * This header is the whole contract between the gaiarouter host and a
 * provider plugin. It is plain C (C11), includes only <stddef.h> and
 * <stdint.h>, and is usable from C++ unchanged.
 *
 * ROLES
 *   A plugin is a pure translator between the OpenAI Chat Completions format
 *   and one upstream wire format. The host does all network I/O: it asks the
 *   plugin to build the upstream HTTP request, sends it, and hands the
 *   response (or the raw bytes of a stream) back to the plugin to translate.
 *   A "local" plugin (e.g. mock) produces replies itself via complete_local.
 *
 * ENTRY
 *   A plugin exports exactly one symbol, GR_PLUGIN_ENTRY_SYMBOL, of type
 *   gr_plugin_entry_fn. The host resolves it, checks the ABI version in the
 *   returned descriptor and only then touches anything else.
 *
 * VERSIONING
 *   GR_ABI_VERSION_MAJOR changes on any incompatible change. The host refuses
 *   a plugin whose major differs from its own, or whose minor is newer than
 *   its own. Minor versions only append: new functions go to the end of
 *   gr_provider_api, new fields to the end of structs. Every struct that can
 *   grow starts with `struct_size` (sizeof as the writer compiled it); a
 *   reader must not touch a field that lies beyond struct_size, and treats it
 *   as zero/NULL instead.
 *
 * STRINGS
 *   Strings cross as gr_str {ptr, len}: UTF-8, not NUL-terminated, ptr may be
 *   NULL when len is 0. The static strings of gr_plugin_descriptor are the
 *   only NUL-terminated ones.
 *
 * MEMORY
 *   Neither side frees memory the other allocated. Everything the host passes
 *   into a call (requests, responses, bytes, sinks) is valid only for the
 *   duration of that call; a plugin copies what it wants to keep. Everything
 *   a plugin hands out leaves through a host-provided sink (gr_text_sink,
 *   gr_request_sink, gr_event_sink): the host copies it inside the sink call,
 *   so the plugin may reuse or free its buffer as soon as the sink returns.
 *   Instances and streams are created by the plugin and released only by the
 *   plugin's own destroy functions, called by the host. The descriptor and
 *   the table it points to are static and stay valid while the library is
 *   loaded.
 *
 * THREADS
 *   Functions taking a gr_instance may be called concurrently from many host
 *   threads; a plugin keeps its instance state read-only after create or
 *   protects it. A gr_stream is used by one thread at a time.
 *
 * ERRORS
 *   No C++ exception, longjmp or signal crosses this boundary. Functions
 *   return gr_status. A failure that concerns the request (a bad client
 *   request, an upstream error, an unparseable upstream body) is reported
 *   through gr_event_sink.emit_error as a gr_error, whose text the host copies.
 */
#ifndef GAIAROUTER_PLUGIN_H
#define GAIAROUTER_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version of this header. See VERSIONING above. */
#define GR_ABI_VERSION_MAJOR 1
#define GR_ABI_VERSION_MINOR 0

/* Name of the one symbol every plugin exports. */
#define GR_PLUGIN_ENTRY_SYMBOL "gaiarouter_plugin_entry"

/* A borrowed UTF-8 string: ptr[0..len), not NUL-terminated. */
typedef struct gr_str {
  const char *ptr;
  size_t len;
} gr_str;

/* Result of every plugin function. */
typedef enum gr_status {
  GR_OK = 0,            /* done */
  GR_FAILURE = 1,       /* failed; a gr_error was emitted where a sink was given */
  GR_NOT_SUPPORTED = 2, /* the plugin does not implement this for the input */
  GR_CANCELLED = 3      /* stopped because a sink asked to stop (client gone) */
} gr_status;

typedef enum gr_log_level {
  GR_LOG_DEBUG = 0,
  GR_LOG_INFO = 1,
  GR_LOG_WARNING = 2,
  GR_LOG_ERROR = 3
} gr_log_level;

/*
 * What went wrong, as the host needs to know it to pick the client-visible
 * status and whether a retry may help. The plugin classifies; the host
 * decides the response.
 */
typedef enum gr_error_kind {
  GR_ERROR_INVALID_REQUEST = 1,      /* the request content was rejected (client's fault) */
  GR_ERROR_AUTHENTICATION = 2,       /* upstream rejected the gateway's provider credentials */
  GR_ERROR_PERMISSION = 3,           /* upstream refused by policy (guardrail, region, moderation) */
  GR_ERROR_NOT_FOUND = 4,            /* upstream does not know the model or endpoint */
  GR_ERROR_RATE_LIMITED = 5,         /* upstream rate limit or quota (retryable) */
  GR_ERROR_OVERLOADED = 6,           /* upstream overloaded, e.g. Anthropic 529 (retryable) */
  GR_ERROR_UPSTREAM = 7,             /* upstream server error (5xx, mid-stream failure) */
  GR_ERROR_BAD_RESPONSE = 8,         /* upstream output unparseable, truncated or not as specified */
  GR_ERROR_INSUFFICIENT_CREDITS = 9, /* upstream account out of credits (e.g. OpenRouter 402) */
  GR_ERROR_TIMEOUT = 10,             /* upstream reported a timeout */
  GR_ERROR_INTERNAL = 11             /* a fault inside the plugin */
} gr_error_kind;

/* A canonical error. All strings are copied by the host during emit_error. */
typedef struct gr_error {
  uint32_t struct_size;     /* sizeof(gr_error) as the plugin compiled it */
  gr_error_kind kind;       /* classification, see gr_error_kind */
  int32_t upstream_status;  /* HTTP status the upstream returned, 0 if none */
  gr_str message;           /* human-readable message, upstream's own where there is one */
  gr_str code;              /* machine code, e.g. "context_length_exceeded"; may be empty */
  gr_str param;             /* offending request field; may be empty */
  gr_str upstream_type;     /* upstream's error type/status, e.g. "overloaded_error"; may be empty */
  uint32_t retry_after_ms;  /* upstream's advice when to retry, 0 if none */
} gr_error;

/* Token usage of one completion. A field the upstream did not report is -1. */
typedef struct gr_usage {
  uint32_t struct_size;          /* sizeof(gr_usage) as the plugin compiled it */
  int64_t prompt_tokens;         /* all input tokens, cached ones included */
  int64_t completion_tokens;     /* all output tokens, reasoning ones included */
  int64_t total_tokens;
  int64_t cached_prompt_tokens;  /* input tokens read from a prompt cache */
  int64_t cache_write_tokens;    /* input tokens written to a prompt cache */
  int64_t reasoning_tokens;      /* output tokens spent on reasoning/thinking */
  double cost_usd;               /* cost the upstream reported, < 0 if none */
} gr_usage;

/* One HTTP header, borrowed. */
typedef struct gr_header {
  gr_str name;
  gr_str value;
} gr_header;

/* Host services, passed to create and valid until that instance is destroyed. */
typedef struct gr_host_api {
  uint32_t struct_size;  /* sizeof(gr_host_api) as the host compiled it */
  void *host_ctx;        /* opaque, passed back to every callback */
  /* Writes one line to the host log. The host redacts secrets it knows of,
   * but a plugin must never log keys or Authorization headers itself. */
  void (*log)(void *host_ctx, gr_log_level level, gr_str message);
} gr_host_api;

/* Receives text from the plugin; the host copies it during the call. */
typedef struct gr_text_sink {
  void *host_ctx;
  void (*write)(void *host_ctx, gr_str text);
} gr_text_sink;

/* Receives the upstream HTTP request the plugin builds. Every setter may be
 * called once; add_header once per header. */
typedef struct gr_request_sink {
  uint32_t struct_size;  /* sizeof(gr_request_sink) as the host compiled it */
  void *host_ctx;
  void (*set_method)(void *host_ctx, gr_str method);      /* e.g. "POST" */
  void (*set_url)(void *host_ctx, gr_str url);            /* absolute http(s) URL */
  void (*add_header)(void *host_ctx, gr_str name, gr_str value);
  void (*set_body)(void *host_ctx, gr_str body);
} gr_request_sink;

/* Receives translated output. */
typedef struct gr_event_sink {
  uint32_t struct_size;  /* sizeof(gr_event_sink) as the host compiled it */
  void *host_ctx;
  /* One OpenAI-format JSON object: a "chat.completion" when translating a
   * complete response, a "chat.completion.chunk" when streaming. Returns 0 to
   * go on; non-zero means the client is gone: stop and return GR_CANCELLED. */
  int (*emit_json)(void *host_ctx, gr_str json);
  /* Usage of the completion, once known (at most once per request; in a
   * stream the last call wins). */
  void (*emit_usage)(void *host_ctx, const gr_usage *usage);
  /* A canonical error. In a stream it ends the stream: emit nothing after it. */
  void (*emit_error)(void *host_ctx, const gr_error *error);
} gr_event_sink;

/* One chat request as the host hands it to the plugin. */
typedef struct gr_chat_request {
  uint32_t struct_size;       /* sizeof(gr_chat_request) as the host compiled it */
  gr_str body;                /* the client's OpenAI-format JSON body, verbatim, validated */
  gr_str model_id;            /* the gateway model id the client asked for, e.g. "anthropic/claude-3-opus" */
  gr_str upstream_model;      /* the model name to send upstream, from the registry */
  gr_str request_id;          /* the gateway's request id (for upstream tracing headers) */
  int32_t stream;             /* non-zero when the client asked for a stream */
  int32_t max_output_tokens;  /* the model's output cap from the registry, 0 if unknown */
} gr_chat_request;

/* A complete upstream HTTP response. */
typedef struct gr_http_response {
  uint32_t struct_size;      /* sizeof(gr_http_response) as the host compiled it */
  int32_t status;            /* HTTP status code */
  const gr_header *headers;  /* header_count entries, names as received */
  size_t header_count;
  gr_str body;               /* the whole body */
} gr_http_response;

/* Configuration of one provider instance, borrowed during create. */
typedef struct gr_provider_config {
  uint32_t struct_size;  /* sizeof(gr_provider_config) as the host compiled it */
  gr_str provider_id;    /* the id this instance serves, e.g. "openai" or "deepseek" */
  gr_str api_key;        /* the provider credential; empty for local plugins or when unset */
  gr_str base_url;       /* the configured URL, else the descriptor's default (empty for local plugins); no trailing '/' */
  gr_str options_json;   /* plugin-specific options as a JSON object, "{}" when none */
} gr_provider_config;

/* Opaque plugin-owned objects. */
typedef struct gr_instance gr_instance;
typedef struct gr_stream gr_stream;

/*
 * The function table. Slots marked optional may be NULL. A network plugin
 * implements build_request, translate_response and the stream_* group; a
 * local plugin implements complete_local instead. A table with complete_local
 * set is treated as local: the host then never calls the network functions.
 */
typedef struct gr_provider_api {
  uint32_t struct_size;  /* sizeof(gr_provider_api) as the plugin compiled it */

  /* Creates an instance for one provider configuration. `host` stays valid
   * until destroy. On failure returns GR_FAILURE, leaves *out NULL and writes
   * a reason (never the api_key) to `error`, which may be NULL. */
  gr_status (*create)(const gr_host_api *host, const gr_provider_config *config, gr_instance **out,
                      const gr_text_sink *error);

  /* Releases an instance. Called once, after its last use and after all its
   * streams were destroyed. */
  void (*destroy)(gr_instance *instance);

  /* Optional. Writes a JSON array of the models this plugin knows, each
   *   {"model": upstream name, "name": display name, "context_length": n,
   *    "max_output_tokens": n,
   *    "pricing": {"input": usd_per_1m, "output": usd_per_1m[, "cached_input": usd_per_1m]},
   *    "capabilities": {"tools": b, "vision": b, "json": b}}
   * The host prefixes ids with the provider id; its configured models win. */
  gr_status (*list_models)(gr_instance *instance, const gr_text_sink *out);

  /* Builds the upstream HTTP request for `request` (auth headers included).
   * If the request cannot be expressed upstream, emits a gr_error of kind
   * GR_ERROR_INVALID_REQUEST to `errors` and returns GR_FAILURE. */
  gr_status (*build_request)(gr_instance *instance, const gr_chat_request *request,
                             const gr_request_sink *out, const gr_event_sink *errors);

  /* Translates a complete upstream response of any status. On success emits
   * one chat.completion via emit_json and the usage via emit_usage; on an
   * upstream error or an unusable body emits one gr_error. Also used for the
   * body of a non-2xx answer to a streaming request. */
  gr_status (*translate_response)(gr_instance *instance, const gr_chat_request *request,
                                  const gr_http_response *response, const gr_event_sink *out);

  /* Opens a parser for a 2xx streaming response to `request`. */
  gr_status (*stream_open)(gr_instance *instance, const gr_chat_request *request,
                           gr_stream **out);

  /* Feeds the next raw bytes of the upstream body, split anywhere (inside an
   * event, a line, a UTF-8 sequence or a CRLF). Emits zero or more
   * chat.completion.chunk objects, the usage, or one error. */
  gr_status (*stream_feed)(gr_stream *stream, gr_str bytes, const gr_event_sink *out);

  /* The upstream body has ended. Emits whatever is pending; emits a
   * GR_ERROR_BAD_RESPONSE error if the stream ended before it was complete. */
  gr_status (*stream_finish)(gr_stream *stream, const gr_event_sink *out);

  /* Releases a stream parser. */
  void (*stream_destroy)(gr_stream *stream);

  /* Optional, local plugins only: produces the reply itself, without the
   * host doing any I/O. Emits one chat.completion (request->stream == 0) or
   * a sequence of chat.completion.chunk objects (request->stream != 0), and
   * the usage; may block between chunks (e.g. a simulated delay) and must
   * return GR_CANCELLED promptly once emit_json returns non-zero. */
  gr_status (*complete_local)(gr_instance *instance, const gr_chat_request *request,
                              const gr_event_sink *out);
} gr_provider_api;

/* What the entry symbol returns. Static; valid while the library is loaded. */
typedef struct gr_plugin_descriptor {
  uint32_t struct_size;          /* sizeof(gr_plugin_descriptor) as the plugin compiled it */
  uint32_t abi_major;            /* GR_ABI_VERSION_MAJOR the plugin was built with */
  uint32_t abi_minor;            /* GR_ABI_VERSION_MINOR the plugin was built with */
  const char *name;              /* plugin name, e.g. "anthropic" */
  const char *version;           /* plugin version, e.g. "1.0.0" */
  const char *provider_id;       /* default provider id it backs, e.g. "anthropic" */
  const char *default_base_url;  /* e.g. "https://api.anthropic.com"; "" for local plugins */
  const char *description;       /* one line for operators */
  const gr_provider_api *api;    /* the function table */
} gr_plugin_descriptor;

/* Type of the entry symbol. */
typedef const gr_plugin_descriptor *(*gr_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GAIAROUTER_PLUGIN_H */
