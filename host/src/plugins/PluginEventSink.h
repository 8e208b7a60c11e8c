// Host side of gr_event_sink: a C++ receiver of what a plugin emits, with
// the C trampolines that the plugin calls.
#pragma once

#include "plugins/ProviderError.h"

#include <gaiarouter/plugin.h>

#include <string_view>

namespace gaiarouter {

class PluginEventSink {
 public:
  PluginEventSink();
  virtual ~PluginEventSink() = default;
  PluginEventSink(const PluginEventSink&) = delete;
  PluginEventSink& operator=(const PluginEventSink&) = delete;

  // One OpenAI JSON object. Return false when the client is gone.
  virtual bool onJson(std::string_view json) = 0;
  virtual void onUsage(const gr_usage& usage) = 0;
  virtual void onError(const ProviderError& error) = 0;

  const gr_event_sink* sink() const { return &sink_; }

 private:
  gr_event_sink sink_;
};

}  // namespace gaiarouter
