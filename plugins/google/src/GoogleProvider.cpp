#include "GoogleProvider.h"

#include "GoogleResponseTranslator.h"
#include "GoogleStreamParser.h"

#include <ctime>

namespace gaiarouter::plugins::google {

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

GoogleProvider::GoogleProvider(const sdk::Host& /*host*/, const sdk::ProviderConfig& config)
    : requests_(config.baseUrl, config.apiKey) {}

void GoogleProvider::buildRequest(const sdk::ChatRequest& request, sdk::RequestSink& out) {
  const GoogleHttpRequest built = requests_.translate(request);
  out.method(built.method);
  out.url(built.url);
  for (const auto& [name, value] : built.headers) out.header(name, value);
  out.body(built.body);
}

void GoogleProvider::translateResponse(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                                       sdk::EventSink& out) {
  GoogleResponseTranslator::translate(request, response, out, now());
}

std::unique_ptr<sdk::StreamParser> GoogleProvider::openStream(const sdk::ChatRequest& request) {
  return std::make_unique<GoogleStreamParser>(request, now());
}

}  // namespace gaiarouter::plugins::google
