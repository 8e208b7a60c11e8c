/*
 * missing_entry.c — a shared library that looks like a plugin but exports
 * no GR_PLUGIN_ENTRY_SYMBOL: its only exported function has another name.
 * The host must refuse it with a "missing entry symbol" error.
 */
#include <gaiarouter/plugin.h>

static const gr_plugin_descriptor descriptor = {
    sizeof(gr_plugin_descriptor),
    GR_ABI_VERSION_MAJOR,
    GR_ABI_VERSION_MINOR,
    "missing_entry",
    "1.0.0",
    "missing-entry",
    "",
    "Test plugin without the entry symbol",
    NULL,
};

/* Close to the right name, but not it. */
__attribute__((visibility("default"))) const gr_plugin_descriptor *gaiarouter_plugin_init(void) {
  return &descriptor;
}
