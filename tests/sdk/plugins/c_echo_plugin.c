/*
 * c_echo_plugin.c — a complete, valid local plugin written in plain C11
 * against <gaiarouter/plugin.h> alone. Loader and conformance tests use it
 * as the "good" plugin: provider id "c-echo", one model "c-model", and
 * complete_local answering with a fixed text (one chat.completion, or two
 * chat.completion.chunk objects when streaming) plus usage.
 */
#include <gaiarouter/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define C_ECHO_EXPORT __attribute__((visibility("default")))

#define C_ECHO_TEXT "hello from C"
#define C_ECHO_MODEL "c-model"

typedef struct c_echo_instance {
  const gr_host_api *host;
} c_echo_instance;

static gr_str make_str(const char *s, size_t len) {
  gr_str out;
  out.ptr = s;
  out.len = len;
  return out;
}

static gr_str cstr(const char *s) { return make_str(s, strlen(s)); }

/* True when `field_end` bytes of a struct the other side stamped with
 * `struct_size` are present (see VERSIONING in plugin.h). */
static int has_prefix(uint32_t struct_size, size_t field_end) { return struct_size >= field_end; }

static void host_log(const gr_host_api *host, gr_log_level level, const char *text) {
  if (host != NULL &&
      has_prefix(host->struct_size, offsetof(gr_host_api, log) + sizeof(host->log)) &&
      host->log != NULL) {
    host->log(host->host_ctx, level, cstr(text));
  }
}

static gr_status c_echo_create(const gr_host_api *host, const gr_provider_config *config,
                               gr_instance **out, const gr_text_sink *error) {
  c_echo_instance *self;
  if (out == NULL) return GR_FAILURE;
  *out = NULL;
  if (config == NULL) {
    if (error != NULL && error->write != NULL) error->write(error->host_ctx, cstr("c-echo: no config"));
    return GR_FAILURE;
  }
  self = (c_echo_instance *)calloc(1, sizeof *self);
  if (self == NULL) {
    if (error != NULL && error->write != NULL) error->write(error->host_ctx, cstr("c-echo: out of memory"));
    return GR_FAILURE;
  }
  self->host = host;
  host_log(host, GR_LOG_DEBUG, "c-echo instance created");
  *out = (gr_instance *)self;
  return GR_OK;
}

static void c_echo_destroy(gr_instance *instance) { free(instance); }

static gr_status c_echo_list_models(gr_instance *instance, const gr_text_sink *out) {
  static const char models[] =
      "[{\"model\":\"" C_ECHO_MODEL "\",\"name\":\"C Model\",\"context_length\":1024,"
      "\"max_output_tokens\":256,\"pricing\":{\"input\":0,\"output\":0},"
      "\"capabilities\":{\"tools\":false,\"vision\":false,\"json\":false}}]";
  (void)instance;
  if (out == NULL || out->write == NULL) return GR_FAILURE;
  out->write(out->host_ctx, make_str(models, sizeof models - 1));
  return GR_OK;
}

static void emit_usage(const gr_event_sink *out) {
  gr_usage usage;
  memset(&usage, 0, sizeof usage);
  usage.struct_size = (uint32_t)sizeof usage;
  usage.prompt_tokens = 1;
  usage.completion_tokens = 3;
  usage.total_tokens = 4;
  usage.cached_prompt_tokens = -1;
  usage.cache_write_tokens = -1;
  usage.reasoning_tokens = -1;
  usage.cost_usd = -1.0;
  out->emit_usage(out->host_ctx, &usage);
}

/* Emits buf[0..len) as one JSON object; returns non-zero when the client is gone. */
static int emit(const gr_event_sink *out, const char *buf, int len) {
  if (len < 0) return 1;
  return out->emit_json(out->host_ctx, make_str(buf, (size_t)len));
}

static gr_status c_echo_complete_local(gr_instance *instance, const gr_chat_request *request,
                                       const gr_event_sink *out) {
  char buf[512];
  int len;
  int stream = 0;
  (void)instance;
  if (request == NULL || out == NULL) return GR_FAILURE;
  if (has_prefix(request->struct_size, offsetof(gr_chat_request, stream) + sizeof(request->stream))) {
    stream = request->stream != 0;
  }

  if (!stream) {
    len = snprintf(buf, sizeof buf,
                   "{\"id\":\"%s\",\"object\":\"chat.completion\",\"created\":%d,\"model\":\"%s\","
                   "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
                   "\"finish_reason\":\"stop\",\"logprobs\":null}],"
                   "\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d}}",
                   "chatcmpl-c-echo", 1700000000, C_ECHO_MODEL, C_ECHO_TEXT, 1, 3, 4);
    if (emit(out, buf, len) != 0) return GR_CANCELLED;
    emit_usage(out);
    return GR_OK;
  }

  len = snprintf(buf, sizeof buf,
                 "{\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%d,\"model\":\"%s\","
                 "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"%s\"},"
                 "\"finish_reason\":null,\"logprobs\":null}]}",
                 "chatcmpl-c-echo", 1700000000, C_ECHO_MODEL, C_ECHO_TEXT);
  if (emit(out, buf, len) != 0) return GR_CANCELLED;
  len = snprintf(buf, sizeof buf,
                 "{\"id\":\"%s\",\"object\":\"chat.completion.chunk\",\"created\":%d,\"model\":\"%s\","
                 "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"logprobs\":null}]}",
                 "chatcmpl-c-echo", 1700000000, C_ECHO_MODEL);
  if (emit(out, buf, len) != 0) return GR_CANCELLED;
  emit_usage(out);
  return GR_OK;
}

static const gr_provider_api c_echo_api = {
    sizeof(gr_provider_api),
    c_echo_create,
    c_echo_destroy,
    c_echo_list_models,
    NULL, /* build_request */
    NULL, /* translate_response */
    NULL, /* stream_open */
    NULL, /* stream_feed */
    NULL, /* stream_finish */
    NULL, /* stream_destroy */
    c_echo_complete_local,
};

static const gr_plugin_descriptor c_echo_descriptor = {
    sizeof(gr_plugin_descriptor),
    GR_ABI_VERSION_MAJOR,
    GR_ABI_VERSION_MINOR,
    "c_echo",
    "1.0.0",
    "c-echo",
    "",
    "Plain C conformance plugin (fixed reply)",
    &c_echo_api,
};

C_ECHO_EXPORT const gr_plugin_descriptor *gaiarouter_plugin_entry(void) { return &c_echo_descriptor; }
