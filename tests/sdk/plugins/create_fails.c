/*
 * create_fails.c — a valid local plugin whose create always fails with a
 * reason text. The host must report that text and not keep an instance.
 */
#include <gaiarouter/plugin.h>

static const char reason[] = "create_fails: this test plugin always refuses to start";

static gr_status create(const gr_host_api *host, const gr_provider_config *config, gr_instance **out,
                        const gr_text_sink *error) {
  (void)host;
  (void)config;
  if (out != NULL) *out = NULL;
  if (error != NULL && error->write != NULL) {
    gr_str text;
    text.ptr = reason;
    text.len = sizeof reason - 1;
    error->write(error->host_ctx, text);
  }
  return GR_FAILURE;
}

/* Never reached (there is no instance), but a valid plugin has it. */
static void destroy(gr_instance *instance) { (void)instance; }

static gr_status complete_local(gr_instance *instance, const gr_chat_request *request,
                                const gr_event_sink *out) {
  (void)instance;
  (void)request;
  (void)out;
  return GR_FAILURE;
}

static const gr_provider_api api = {
    sizeof(gr_provider_api), create, destroy, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, complete_local,
};

static const gr_plugin_descriptor descriptor = {
    sizeof(gr_plugin_descriptor),
    GR_ABI_VERSION_MAJOR,
    GR_ABI_VERSION_MINOR,
    "create_fails",
    "1.0.0",
    "create-fails",
    "",
    "Test plugin whose create always fails",
    &api,
};

__attribute__((visibility("default"))) const gr_plugin_descriptor *gaiarouter_plugin_entry(void) {
  return &descriptor;
}
