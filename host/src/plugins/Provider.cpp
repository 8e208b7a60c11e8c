#include "plugins/Provider.h"

#include <gaiarouter/plugin.hpp>

#include <Poco/Logger.h>

#include <stdexcept>

namespace gaiarouter {
namespace {

void hostLog(void* ctx, gr_log_level level, gr_str message) {
  try {
    auto& logger = *static_cast<Poco::Logger*>(ctx);
    std::string text(sdk::view(message));
    switch (level) {
      case GR_LOG_DEBUG: logger.debug(text); break;
      case GR_LOG_INFO: logger.information(text); break;
      case GR_LOG_WARNING: logger.warning(text); break;
      default: logger.error(text); break;
    }
  } catch (...) {
  }
}

struct StringSink {
  std::string text;
  gr_text_sink sink{this, [](void* ctx, gr_str s) { static_cast<StringSink*>(ctx)->text.append(sdk::view(s)); }};
};

struct RequestBuilder {
  UpstreamRequest& out;
  gr_request_sink sink{
      sizeof(gr_request_sink), this,
      [](void* ctx, gr_str s) { static_cast<RequestBuilder*>(ctx)->out.method.assign(sdk::view(s)); },
      [](void* ctx, gr_str s) { static_cast<RequestBuilder*>(ctx)->out.url.assign(sdk::view(s)); },
      [](void* ctx, gr_str n, gr_str v) {
        static_cast<RequestBuilder*>(ctx)->out.headers.emplace_back(std::string(sdk::view(n)), std::string(sdk::view(v)));
      },
      [](void* ctx, gr_str s) { static_cast<RequestBuilder*>(ctx)->out.body.assign(sdk::view(s)); }};
};

}  // namespace

ProviderStream::ProviderStream(std::shared_ptr<PluginLibrary> plugin, gr_stream* stream)
    : plugin_(std::move(plugin)), stream_(stream) {}

ProviderStream::~ProviderStream() {
  if (stream_ != nullptr) plugin_->api().stream_destroy(stream_);
}

gr_status ProviderStream::feed(std::string_view bytes, PluginEventSink& out) {
  return plugin_->api().stream_feed(stream_, sdk::str(bytes), out.sink());
}

gr_status ProviderStream::finish(PluginEventSink& out) { return plugin_->api().stream_finish(stream_, out.sink()); }

Provider::Provider(std::shared_ptr<PluginLibrary> plugin, ProviderSettings settings)
    : plugin_(std::move(plugin)), settings_(std::move(settings)) {
  if (settings_.baseUrl.empty()) settings_.baseUrl = plugin_->defaultBaseUrl();
  while (!settings_.baseUrl.empty() && settings_.baseUrl.back() == '/') settings_.baseUrl.pop_back();
  hostApi_.struct_size = sizeof(gr_host_api);
  hostApi_.host_ctx = &Poco::Logger::get("gaiarouter.plugin." + settings_.id);
  hostApi_.log = &hostLog;

  gr_provider_config config{};
  config.struct_size = sizeof(gr_provider_config);
  config.provider_id = sdk::str(settings_.id);
  config.api_key = sdk::str(settings_.apiKey);
  config.base_url = sdk::str(settings_.baseUrl);
  config.options_json = sdk::str(settings_.optionsJson);
  StringSink reason;
  if (plugin_->api().create(&hostApi_, &config, &instance_, &reason.sink) != GR_OK || instance_ == nullptr) {
    instance_ = nullptr;
    throw std::runtime_error("provider '" + settings_.id + "' (plugin " + plugin_->name() +
                             ") failed to start: " + (reason.text.empty() ? "no reason given" : reason.text));
  }
}

Provider::~Provider() {
  if (instance_ != nullptr) plugin_->api().destroy(instance_);
}

bool Provider::configured() const {
  return isLocal() || !settings_.apiKey.empty() || !settings_.requiresApiKey;
}

std::string Provider::listModels() const {
  if (plugin_->api().list_models == nullptr) return {};
  StringSink out;
  if (plugin_->api().list_models(instance_, &out.sink) != GR_OK) return {};
  return out.text;
}

bool Provider::buildRequest(const gr_chat_request& request, UpstreamRequest& out, PluginEventSink& errors) const {
  RequestBuilder builder{out};
  return plugin_->api().build_request(instance_, &request, &builder.sink, errors.sink()) == GR_OK && !out.url.empty();
}

gr_status Provider::translateResponse(const gr_chat_request& request, const UpstreamResponse& response,
                                      PluginEventSink& out) const {
  std::vector<gr_header> headers;
  headers.reserve(response.headers.size());
  for (const auto& [n, v] : response.headers) headers.push_back({sdk::str(n), sdk::str(v)});
  gr_http_response r{};
  r.struct_size = sizeof(gr_http_response);
  r.status = response.status;
  r.headers = headers.data();
  r.header_count = headers.size();
  r.body = sdk::str(response.body);
  return plugin_->api().translate_response(instance_, &request, &r, out.sink());
}

std::unique_ptr<ProviderStream> Provider::openStream(const gr_chat_request& request) const {
  gr_stream* stream = nullptr;
  if (plugin_->api().stream_open(instance_, &request, &stream) != GR_OK || stream == nullptr) return nullptr;
  return std::make_unique<ProviderStream>(plugin_, stream);
}

gr_status Provider::completeLocal(const gr_chat_request& request, PluginEventSink& out) const {
  return plugin_->api().complete_local(instance_, &request, out.sink());
}

}  // namespace gaiarouter
