// Test helper: a host-side gr_event_sink that records what a plugin emits.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace gaiarouter::test {

struct RecordedError {
  gr_error_kind kind{};
  int upstreamStatus = 0;
  std::string message;
  std::string code;
  std::string param;
  std::string upstreamType;
  uint32_t retryAfterMs = 0;
};

class EventRecorder {
 public:
  std::vector<std::string> json;        // every emit_json payload, in order
  std::optional<gr_usage> usage;        // last emit_usage
  std::vector<RecordedError> errors;    // every emit_error
  int stopAfter = -1;                   // >= 0: report "client gone" after this many JSON events

  const gr_event_sink* sink() { return &sink_; }
  sdk::EventSink cpp() { return sdk::EventSink(&sink_); }

 private:
  static int onJson(void* ctx, gr_str s) {
    auto* self = static_cast<EventRecorder*>(ctx);
    self->json.emplace_back(sdk::view(s));
    return (self->stopAfter >= 0 && static_cast<int>(self->json.size()) >= self->stopAfter) ? 1 : 0;
  }
  static void onUsage(void* ctx, const gr_usage* u) { static_cast<EventRecorder*>(ctx)->usage = *u; }
  static void onError(void* ctx, const gr_error* e) {
    RecordedError r;
    r.kind = e->kind;
    r.upstreamStatus = e->upstream_status;
    r.message.assign(sdk::view(e->message));
    r.code.assign(sdk::view(e->code));
    r.param.assign(sdk::view(e->param));
    r.upstreamType.assign(sdk::view(e->upstream_type));
    r.retryAfterMs = e->retry_after_ms;
    static_cast<EventRecorder*>(ctx)->errors.push_back(std::move(r));
  }

  gr_event_sink sink_{sizeof(gr_event_sink), this, &onJson, &onUsage, &onError};
};

// Records the upstream request a plugin builds.
class RequestRecorder {
 public:
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  const gr_request_sink* sink() { return &sink_; }
  sdk::RequestSink cpp() { return sdk::RequestSink(&sink_); }

  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (n.size() == name.size() &&
          std::equal(n.begin(), n.end(), name.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return v;
      }
    }
    return {};
  }

 private:
  static void onMethod(void* ctx, gr_str s) { static_cast<RequestRecorder*>(ctx)->method.assign(sdk::view(s)); }
  static void onUrl(void* ctx, gr_str s) { static_cast<RequestRecorder*>(ctx)->url.assign(sdk::view(s)); }
  static void onHeader(void* ctx, gr_str n, gr_str v) {
    static_cast<RequestRecorder*>(ctx)->headers.emplace_back(std::string(sdk::view(n)), std::string(sdk::view(v)));
  }
  static void onBody(void* ctx, gr_str s) { static_cast<RequestRecorder*>(ctx)->body.assign(sdk::view(s)); }

  gr_request_sink sink_{sizeof(gr_request_sink), this, &onMethod, &onUrl, &onHeader, &onBody};
};

}  // namespace gaiarouter::test
