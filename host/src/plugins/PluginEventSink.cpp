#include "plugins/PluginEventSink.h"

#include <gaiarouter/plugin.hpp>

#include <cstring>

namespace gaiarouter {
namespace {

// No exception may unwind into plugin code: a throwing receiver counts as
// "client gone" and the failure is dropped here.
int emitJson(void* ctx, gr_str json) {
  try {
    return static_cast<PluginEventSink*>(ctx)->onJson(sdk::view(json)) ? 0 : 1;
  } catch (...) {
    return 1;
  }
}

void emitUsage(void* ctx, const gr_usage* usage) {
  if (usage == nullptr) return;
  // Fields the plugin did not compile stay "unknown".
  gr_usage copy{};
  copy.struct_size = sizeof(gr_usage);
  copy.prompt_tokens = copy.completion_tokens = copy.total_tokens = -1;
  copy.cached_prompt_tokens = copy.cache_write_tokens = copy.reasoning_tokens = -1;
  copy.cost_usd = -1;
  std::memcpy(static_cast<void*>(&copy), usage, std::min<std::size_t>(usage->struct_size, sizeof(gr_usage)));
  copy.struct_size = sizeof(gr_usage);
  try {
    static_cast<PluginEventSink*>(ctx)->onUsage(copy);
  } catch (...) {
  }
}

void emitError(void* ctx, const gr_error* error) {
  if (error == nullptr) return;
  try {
    static_cast<PluginEventSink*>(ctx)->onError(copyProviderError(*error));
  } catch (...) {
  }
}

}  // namespace

PluginEventSink::PluginEventSink() : sink_{sizeof(gr_event_sink), this, &emitJson, &emitUsage, &emitError} {}

}  // namespace gaiarouter
