#include "OpenAICompatibleProvider.h"

#include "OpenAICompatibleStreamParser.h"

#include <stdexcept>
#include <utility>

namespace gaiarouter::plugins::openai_compatible {

namespace {

std::shared_ptr<const OpenAICompatibleDialect> required(std::shared_ptr<const OpenAICompatibleDialect> dialect) {
  if (!dialect) throw std::invalid_argument("an OpenAI-compatible provider needs a dialect");
  return dialect;
}

}  // namespace

OpenAICompatibleProvider::OpenAICompatibleProvider(const sdk::ProviderConfig& config,
                                                   const OpenAICompatibleHeaders& headers,
                                                   std::shared_ptr<const OpenAICompatibleDialect> dialect)
    : dialect_(required(std::move(dialect))),
      requests_(config.baseUrl, config.apiKey, headers),
      responses_(*dialect_) {}

void OpenAICompatibleProvider::buildRequest(const sdk::ChatRequest& request, sdk::RequestSink& out) {
  requests_.build(request, out);
}

void OpenAICompatibleProvider::translateResponse(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                                                 sdk::EventSink& out) {
  responses_.translate(request, response, out);
}

std::unique_ptr<sdk::StreamParser> OpenAICompatibleProvider::openStream(const sdk::ChatRequest& request) {
  return std::make_unique<OpenAICompatibleStreamParser>(
      dialect_, OpenAICompatibleRequestTranslator::clientWantsUsage(request.body));
}

}  // namespace gaiarouter::plugins::openai_compatible
