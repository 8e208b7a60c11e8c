#include "OpenAICompatibleRequestTranslator.h"

#include "OpenAICompatibleJson.h"

#include <stdexcept>
#include <utility>

namespace gaiarouter::plugins::openai_compatible {

namespace {

using Json = OpenAICompatibleJson;

Poco::JSON::Object::Ptr parseBody(std::string_view body) {
  Poco::JSON::Object::Ptr object = Json::parseObject(body);
  if (object.isNull()) throw sdk::ProviderError(GR_ERROR_INVALID_REQUEST, "request body must be a JSON object");
  return object;
}

}  // namespace

OpenAICompatibleRequestTranslator::OpenAICompatibleRequestTranslator(std::string baseUrl, std::string apiKey,
                                                                     OpenAICompatibleHeaders headers)
    : url_(std::move(baseUrl)) {
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
  if (url_.empty()) throw std::invalid_argument("base_url must not be empty");
  url_ += "/chat/completions";
  if (!apiKey.empty()) headers_.set("Authorization", "Bearer " + apiKey);
  headers_.set("Content-Type", "application/json");
  headers_.merge(headers);
}

void OpenAICompatibleRequestTranslator::build(const sdk::ChatRequest& request, sdk::RequestSink& out) const {
  const std::string body = translateBody(request);
  out.method("POST");
  out.url(url_);
  for (const auto& [name, value] : headers_.entries()) {
    if (!value.empty()) out.header(name, value);
  }
  out.body(body);
}

std::string OpenAICompatibleRequestTranslator::translateBody(const sdk::ChatRequest& request) {
  Poco::JSON::Object::Ptr body = parseBody(request.body);
  if (!request.upstreamModel.empty()) body->set("model", std::string(request.upstreamModel));
  if (request.stream) {
    body->set("stream", true);
    Poco::JSON::Object::Ptr options;
    if (body->has("stream_options") && !body->get("stream_options").isEmpty()) {
      options = body->getObject("stream_options");
      if (options.isNull()) {
        throw sdk::ProviderError(GR_ERROR_INVALID_REQUEST, "stream_options must be an object", "stream_options");
      }
    } else {
      options = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    }
    options->set("include_usage", true);
    body->set("stream_options", options);
  } else if (body->has("stream")) {
    body->set("stream", false);
  }
  return Json::stringify(body);
}

bool OpenAICompatibleRequestTranslator::clientWantsUsage(std::string_view body) {
  Poco::JSON::Object::Ptr object = Json::parseObject(body);
  if (object.isNull()) return false;
  Poco::JSON::Object::Ptr options = object->getObject("stream_options");
  if (options.isNull() || !options->has("include_usage")) return false;
  const Poco::Dynamic::Var value = options->get("include_usage");
  return value.isBoolean() && value.extract<bool>();
}

}  // namespace gaiarouter::plugins::openai_compatible
