/*
 * null_table.c — a plugin whose descriptor is fine except that its function
 * table pointer (api) is NULL. The host must refuse it without crashing.
 */
#include <gaiarouter/plugin.h>

static const gr_plugin_descriptor descriptor = {
    sizeof(gr_plugin_descriptor),
    GR_ABI_VERSION_MAJOR,
    GR_ABI_VERSION_MINOR,
    "null_table",
    "1.0.0",
    "null-table",
    "",
    "Test plugin without a function table",
    NULL,
};

__attribute__((visibility("default"))) const gr_plugin_descriptor *gaiarouter_plugin_entry(void) {
  return &descriptor;
}
