// gaiarouter/plugin.hpp — header-only C++ helper over the C ABI in plugin.h.
//
// A plugin author writes one class and one macro line:
//
//   class MyProvider : public gaiarouter::sdk::NetworkProvider {
//    public:
//     MyProvider(const gaiarouter::sdk::Host& host, const gaiarouter::sdk::ProviderConfig& config);
//     void buildRequest(const ChatRequest&, RequestSink&) override;
//     void translateResponse(const ChatRequest&, const HttpResponse&, EventSink&) override;
//     std::unique_ptr<StreamParser> openStream(const ChatRequest&) override;
//   };
//   GAIAROUTER_PLUGIN(MyProvider, "my", "1.0.0", "my", "https://api.example.com", "My provider")
//
// The macro generates the extern "C" entry symbol and noexcept trampolines
// that turn exceptions into gr_status values and gr_error events, so nothing
// C++ ever crosses the boundary. Throw ProviderError to report a classified
// error; any other exception becomes GR_ERROR_INTERNAL.
#ifndef GAIAROUTER_PLUGIN_HPP
#define GAIAROUTER_PLUGIN_HPP

#include <gaiarouter/plugin.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace gaiarouter::sdk {

inline std::string_view view(gr_str s) noexcept {
  return s.ptr == nullptr ? std::string_view{} : std::string_view{s.ptr, s.len};
}
inline gr_str str(std::string_view s) noexcept { return gr_str{s.data(), s.size()}; }

// True when `field` lies inside the prefix of a size-stamped struct the other
// side compiled (see VERSIONING in plugin.h).
template <typename Struct, typename Field>
bool hasField(const Struct* s, const Field Struct::*field) noexcept {
  const auto offset = reinterpret_cast<std::size_t>(&(static_cast<const Struct*>(nullptr)->*field));
  return s != nullptr && s->struct_size >= offset + sizeof(Field);
}

// A classified error, thrown by plugin code and turned into a gr_error.
struct Error {
  gr_error_kind kind = GR_ERROR_INTERNAL;
  int upstreamStatus = 0;
  std::string message;
  std::string code;
  std::string param;
  std::string upstreamType;
  uint32_t retryAfterMs = 0;
};

class ProviderError : public std::runtime_error {
 public:
  explicit ProviderError(Error error) : std::runtime_error(error.message), error_(std::move(error)) {}
  ProviderError(gr_error_kind kind, std::string message, std::string param = {})
      : ProviderError(Error{kind, 0, std::move(message), {}, std::move(param), {}, 0}) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

// The conventional classification of an upstream HTTP error status, for
// errors the provider's body does not classify more precisely.
inline gr_error_kind errorKindForStatus(int status) noexcept {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return GR_ERROR_INVALID_REQUEST;
    case 401:
      return GR_ERROR_AUTHENTICATION;
    case 402:
      return GR_ERROR_INSUFFICIENT_CREDITS;
    case 403:
      return GR_ERROR_PERMISSION;
    case 404:
      return GR_ERROR_NOT_FOUND;
    case 408:
    case 504:
      return GR_ERROR_TIMEOUT;
    case 429:
      return GR_ERROR_RATE_LIMITED;
    case 503:
    case 529:  // Anthropic's "overloaded"
      return GR_ERROR_OVERLOADED;
    default:
      break;
  }
  if (status >= 500) return GR_ERROR_UPSTREAM;
  if (status >= 400) return GR_ERROR_INVALID_REQUEST;
  return GR_ERROR_BAD_RESPONSE;  // an error body under a success status
}

// Retry advice from the standard headers' values: `retry-after-ms`
// (milliseconds), else `retry-after` in seconds. An HTTP-date, garbage or
// nothing gives 0 (no advice).
inline uint32_t retryAfterMs(std::string_view retryAfterMsHeader, std::string_view retryAfterHeader) noexcept {
  auto number = [](std::string_view text, double& out) {
    std::string s(text);
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    while (end != nullptr && (*end == ' ' || *end == '\t')) ++end;
    return end != nullptr && *end == '\0' && out >= 0 && out < 4294967.0 * 1000.0;
  };
  double value = 0;
  if (number(retryAfterMsHeader, value)) return static_cast<uint32_t>(value + 0.999);
  if (number(retryAfterHeader, value) && value * 1000.0 < 4294967295.0) return static_cast<uint32_t>(value * 1000.0 + 0.999);
  return 0;
}

struct Usage {
  int64_t promptTokens = -1;
  int64_t completionTokens = -1;
  int64_t totalTokens = -1;
  int64_t cachedPromptTokens = -1;
  int64_t cacheWriteTokens = -1;
  int64_t reasoningTokens = -1;
  double costUsd = -1.0;
};

// Output channel for translated events. Wraps a host gr_event_sink.
class EventSink {
 public:
  explicit EventSink(const gr_event_sink* sink) noexcept : sink_(sink) {}

  // Emits one OpenAI JSON object. Returns false once the client is gone.
  bool json(std::string_view json) {
    if (cancelled_) return false;
    if (sink_->emit_json(sink_->host_ctx, str(json)) != 0) cancelled_ = true;
    return !cancelled_;
  }
  void usage(const Usage& u) {
    gr_usage out{};
    out.struct_size = sizeof(gr_usage);
    out.prompt_tokens = u.promptTokens;
    out.completion_tokens = u.completionTokens;
    out.total_tokens = u.totalTokens;
    out.cached_prompt_tokens = u.cachedPromptTokens;
    out.cache_write_tokens = u.cacheWriteTokens;
    out.reasoning_tokens = u.reasoningTokens;
    out.cost_usd = u.costUsd;
    sink_->emit_usage(sink_->host_ctx, &out);
  }
  void error(const Error& e) {
    gr_error out{};
    out.struct_size = sizeof(gr_error);
    out.kind = e.kind;
    out.upstream_status = e.upstreamStatus;
    out.message = str(e.message);
    out.code = str(e.code);
    out.param = str(e.param);
    out.upstream_type = str(e.upstreamType);
    out.retry_after_ms = e.retryAfterMs;
    sink_->emit_error(sink_->host_ctx, &out);
    errored_ = true;
  }
  bool cancelled() const noexcept { return cancelled_; }
  bool errored() const noexcept { return errored_; }

 private:
  const gr_event_sink* sink_;
  bool cancelled_ = false;
  bool errored_ = false;
};

// Output channel for the upstream request the plugin builds.
class RequestSink {
 public:
  explicit RequestSink(const gr_request_sink* sink) noexcept : sink_(sink) {}
  void method(std::string_view m) { sink_->set_method(sink_->host_ctx, str(m)); }
  void url(std::string_view u) { sink_->set_url(sink_->host_ctx, str(u)); }
  void header(std::string_view name, std::string_view value) {
    sink_->add_header(sink_->host_ctx, str(name), str(value));
  }
  void body(std::string_view b) { sink_->set_body(sink_->host_ctx, str(b)); }

 private:
  const gr_request_sink* sink_;
};

// A borrowed view of the host's chat request, valid during the call only.
struct ChatRequest {
  std::string_view body;
  std::string_view modelId;
  std::string_view upstreamModel;
  std::string_view requestId;
  bool stream = false;
  int maxOutputTokens = 0;

  static ChatRequest from(const gr_chat_request* r) noexcept {
    ChatRequest out;
    out.body = view(r->body);
    out.modelId = view(r->model_id);
    out.upstreamModel = view(r->upstream_model);
    out.requestId = view(r->request_id);
    out.stream = r->stream != 0;
    out.maxOutputTokens = r->max_output_tokens;
    return out;
  }
};

// A borrowed view of a complete upstream response.
struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;

  // Case-insensitive header lookup; empty when absent.
  std::string_view header(std::string_view name) const noexcept {
    for (const auto& [n, v] : headers) {
      if (n.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < n.size() && same; ++i) {
        same = std::tolower(static_cast<unsigned char>(n[i])) ==
               std::tolower(static_cast<unsigned char>(name[i]));
      }
      if (same) return v;
    }
    return {};
  }

  static HttpResponse from(const gr_http_response* r) {
    HttpResponse out;
    out.status = r->status;
    out.body = view(r->body);
    out.headers.reserve(r->header_count);
    for (std::size_t i = 0; i < r->header_count; ++i) {
      out.headers.emplace_back(view(r->headers[i].name), view(r->headers[i].value));
    }
    return out;
  }
};

// Host services available to a provider instance.
class Host {
 public:
  explicit Host(const gr_host_api* api) noexcept : api_(api) {}
  void log(gr_log_level level, std::string_view message) const {
    if (api_ != nullptr && hasField(api_, &gr_host_api::log) && api_->log != nullptr) {
      api_->log(api_->host_ctx, level, str(message));
    }
  }

 private:
  const gr_host_api* api_;
};

// The create() configuration, copied. `optionsJson` is a JSON object the
// plugin parses with its own JSON library.
struct ProviderConfig {
  std::string providerId;
  std::string apiKey;
  std::string baseUrl;
  std::string optionsJson = "{}";

  static ProviderConfig from(const gr_provider_config* c) {
    ProviderConfig out;
    out.providerId.assign(view(c->provider_id));
    out.apiKey.assign(view(c->api_key));
    out.baseUrl.assign(view(c->base_url));
    if (hasField(c, &gr_provider_config::options_json) && c->options_json.len > 0) {
      out.optionsJson.assign(view(c->options_json));
    }
    while (!out.baseUrl.empty() && out.baseUrl.back() == '/') out.baseUrl.pop_back();
    return out;
  }
};

// Incremental parser of one streaming response.
class StreamParser {
 public:
  virtual ~StreamParser() = default;
  virtual void feed(std::string_view bytes, EventSink& out) = 0;
  virtual void finish(EventSink& out) = 0;
};

// Base for plugins whose upstream is reached over HTTP by the host.
class NetworkProvider {
 public:
  static constexpr bool kLocal = false;
  virtual ~NetworkProvider() = default;
  virtual void buildRequest(const ChatRequest& request, RequestSink& out) = 0;
  virtual void translateResponse(const ChatRequest& request, const HttpResponse& response,
                                 EventSink& out) = 0;
  virtual std::unique_ptr<StreamParser> openStream(const ChatRequest& request) = 0;
  // JSON array as described at gr_provider_api.list_models; empty = none.
  virtual std::string listModels() const { return {}; }
};

// Base for plugins that answer by themselves (no upstream I/O).
class LocalProvider {
 public:
  static constexpr bool kLocal = true;
  virtual ~LocalProvider() = default;
  // Returns normally when done; returns early once out.json() returned false.
  virtual void complete(const ChatRequest& request, EventSink& out) = 0;
  virtual std::string listModels() const { return {}; }
};

namespace detail {

inline void writeText(const gr_text_sink* sink, std::string_view text) noexcept {
  if (sink != nullptr && sink->write != nullptr) sink->write(sink->host_ctx, str(text));
}

inline gr_status reportException(const gr_event_sink* sink) noexcept {
  try {
    throw;
  } catch (const ProviderError& e) {
    try {
      EventSink(sink).error(e.error());
    } catch (...) {
    }
  } catch (const std::exception& e) {
    try {
      EventSink(sink).error(Error{GR_ERROR_INTERNAL, 0, e.what(), "plugin_error", {}, {}, 0});
    } catch (...) {
    }
  } catch (...) {
    try {
      EventSink(sink).error(Error{GR_ERROR_INTERNAL, 0, "unknown plugin failure", "plugin_error", {}, {}, 0});
    } catch (...) {
    }
  }
  return GR_FAILURE;
}

struct StreamBox {
  std::unique_ptr<StreamParser> parser;
};

template <typename Provider>
struct Trampolines {
  static gr_status create(const gr_host_api* host, const gr_provider_config* config,
                          gr_instance** out, const gr_text_sink* error) noexcept {
    if (out == nullptr || config == nullptr) return GR_FAILURE;
    *out = nullptr;
    try {
      auto* p = new Provider(Host(host), ProviderConfig::from(config));
      *out = reinterpret_cast<gr_instance*>(p);
      return GR_OK;
    } catch (const std::exception& e) {
      writeText(error, e.what());
    } catch (...) {
      writeText(error, "unknown failure in create");
    }
    return GR_FAILURE;
  }

  static void destroy(gr_instance* instance) noexcept {
    delete reinterpret_cast<Provider*>(instance);
  }

  static Provider& self(gr_instance* instance) noexcept {
    return *reinterpret_cast<Provider*>(instance);
  }

  static gr_status listModels(gr_instance* instance, const gr_text_sink* out) noexcept {
    try {
      std::string models = self(instance).listModels();
      if (models.empty()) return GR_NOT_SUPPORTED;
      writeText(out, models);
      return GR_OK;
    } catch (...) {
      return GR_FAILURE;
    }
  }

  static gr_status buildRequest(gr_instance* instance, const gr_chat_request* request,
                                const gr_request_sink* out, const gr_event_sink* errors) noexcept {
    try {
      RequestSink sink(out);
      if constexpr (!Provider::kLocal) self(instance).buildRequest(ChatRequest::from(request), sink);
      return GR_OK;
    } catch (...) {
      return reportException(errors);
    }
  }

  static gr_status translateResponse(gr_instance* instance, const gr_chat_request* request,
                                     const gr_http_response* response,
                                     const gr_event_sink* out) noexcept {
    try {
      EventSink sink(out);
      if constexpr (!Provider::kLocal) {
        self(instance).translateResponse(ChatRequest::from(request), HttpResponse::from(response), sink);
      }
      return sink.cancelled() ? GR_CANCELLED : (sink.errored() ? GR_FAILURE : GR_OK);
    } catch (...) {
      return reportException(out);
    }
  }

  static gr_status streamOpen(gr_instance* instance, const gr_chat_request* request,
                              gr_stream** out) noexcept {
    if (out == nullptr) return GR_FAILURE;
    *out = nullptr;
    try {
      if constexpr (!Provider::kLocal) {
        auto box = std::make_unique<StreamBox>();
        box->parser = self(instance).openStream(ChatRequest::from(request));
        if (!box->parser) return GR_NOT_SUPPORTED;
        *out = reinterpret_cast<gr_stream*>(box.release());
      }
      return GR_OK;
    } catch (...) {
      return GR_FAILURE;
    }
  }

  static gr_status streamFeed(gr_stream* stream, gr_str bytes, const gr_event_sink* out) noexcept {
    try {
      EventSink sink(out);
      reinterpret_cast<StreamBox*>(stream)->parser->feed(view(bytes), sink);
      return sink.cancelled() ? GR_CANCELLED : (sink.errored() ? GR_FAILURE : GR_OK);
    } catch (...) {
      return reportException(out);
    }
  }

  static gr_status streamFinish(gr_stream* stream, const gr_event_sink* out) noexcept {
    try {
      EventSink sink(out);
      reinterpret_cast<StreamBox*>(stream)->parser->finish(sink);
      return sink.cancelled() ? GR_CANCELLED : (sink.errored() ? GR_FAILURE : GR_OK);
    } catch (...) {
      return reportException(out);
    }
  }

  static void streamDestroy(gr_stream* stream) noexcept {
    delete reinterpret_cast<StreamBox*>(stream);
  }

  static gr_status completeLocal(gr_instance* instance, const gr_chat_request* request,
                                 const gr_event_sink* out) noexcept {
    try {
      EventSink sink(out);
      if constexpr (Provider::kLocal) self(instance).complete(ChatRequest::from(request), sink);
      return sink.cancelled() ? GR_CANCELLED : (sink.errored() ? GR_FAILURE : GR_OK);
    } catch (...) {
      return reportException(out);
    }
  }

  static const gr_provider_api* table() noexcept {
    static const gr_provider_api api = [] {
      gr_provider_api t{};
      t.struct_size = sizeof(gr_provider_api);
      t.create = &create;
      t.destroy = &destroy;
      t.list_models = &listModels;
      if constexpr (Provider::kLocal) {
        t.complete_local = &completeLocal;
      } else {
        t.build_request = &buildRequest;
        t.translate_response = &translateResponse;
        t.stream_open = &streamOpen;
        t.stream_feed = &streamFeed;
        t.stream_finish = &streamFinish;
        t.stream_destroy = &streamDestroy;
      }
      return t;
    }();
    return &api;
  }
};

}  // namespace detail
}  // namespace gaiarouter::sdk

#define GAIAROUTER_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

// Defines the plugin's entry symbol for Provider (a NetworkProvider or
// LocalProvider subclass constructible from (const Host&, const ProviderConfig&)).
#define GAIAROUTER_PLUGIN(Provider, Name, Version, ProviderId, DefaultBaseUrl, Description) \
  GAIAROUTER_PLUGIN_EXPORT const gr_plugin_descriptor* gaiarouter_plugin_entry(void) {     \
    static const gr_plugin_descriptor descriptor = {                                        \
        sizeof(gr_plugin_descriptor),                                                       \
        GR_ABI_VERSION_MAJOR,                                                               \
        GR_ABI_VERSION_MINOR,                                                               \
        Name,                                                                               \
        Version,                                                                            \
        ProviderId,                                                                         \
        DefaultBaseUrl,                                                                     \
        Description,                                                                        \
        ::gaiarouter::sdk::detail::Trampolines<Provider>::table()};                         \
    return &descriptor;                                                                     \
  }

#endif  // GAIAROUTER_PLUGIN_HPP
