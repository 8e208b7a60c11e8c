/*
 * abi_major_mismatch.c — a plugin built for the next ABI major version.
 * The host must reject it after reading the descriptor, before calling
 * anything in its table: every slot traps, so a host that goes on crashes
 * the test instead of passing by accident.
 */
#include <gaiarouter/plugin.h>

static gr_status must_not_create(const gr_host_api *host, const gr_provider_config *config,
                                 gr_instance **out, const gr_text_sink *error) {
  (void)host;
  (void)config;
  (void)out;
  (void)error;
  __builtin_trap();
}

static void must_not_destroy(gr_instance *instance) {
  (void)instance;
  __builtin_trap();
}

static gr_status must_not_complete(gr_instance *instance, const gr_chat_request *request,
                                   const gr_event_sink *out) {
  (void)instance;
  (void)request;
  (void)out;
  __builtin_trap();
}

static const gr_provider_api api = {
    sizeof(gr_provider_api), must_not_create, must_not_destroy, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, must_not_complete,
};

static const gr_plugin_descriptor descriptor = {
    sizeof(gr_plugin_descriptor),
    GR_ABI_VERSION_MAJOR + 1,
    GR_ABI_VERSION_MINOR,
    "abi_major_mismatch",
    "1.0.0",
    "abi-major-mismatch",
    "",
    "Test plugin built for the next ABI major version",
    &api,
};

__attribute__((visibility("default"))) const gr_plugin_descriptor *gaiarouter_plugin_entry(void) {
  return &descriptor;
}
