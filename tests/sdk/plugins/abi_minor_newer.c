/*
 * abi_minor_newer.c — a plugin built for a newer ABI minor version (same major).
 * A host of the older minor must reject it (it may rely on slots the host
 * does not know) after reading the descriptor, before calling
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
    GR_ABI_VERSION_MAJOR,
    GR_ABI_VERSION_MINOR + 1,
    "abi_minor_newer",
    "1.0.0",
    "abi-minor-newer",
    "",
    "Test plugin built for a newer ABI minor version",
    &api,
};

__attribute__((visibility("default"))) const gr_plugin_descriptor *gaiarouter_plugin_entry(void) {
  return &descriptor;
}
