#include "OpenAICompatibleResponseTranslator.h"

#include "OpenAICompatibleJson.h"
#include "OpenAICompatibleUsageReader.h"

#include <Poco/JSON/Array.h>

#include <chrono>

namespace gaiarouter::plugins::openai_compatible {

namespace {

using Json = OpenAICompatibleJson;

[[noreturn]] void badResponse(std::string message, int status) {
  throw sdk::ProviderError(sdk::Error{GR_ERROR_BAD_RESPONSE, status, std::move(message), {}, {}, {}, 0});
}

int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

void OpenAICompatibleResponseTranslator::translate(const sdk::ChatRequest& request, const sdk::HttpResponse& response,
                                                   sdk::EventSink& out) const {
  if (response.status < 200 || response.status >= 300) throw sdk::ProviderError(errors_.fromHttpResponse(response));

  Poco::JSON::Object::Ptr body = Json::parseObject(response.body);
  if (body.isNull()) badResponse("upstream response is not a JSON object", response.status);
  if (Poco::JSON::Object::Ptr error = dialect_.embeddedError(*body); !error.isNull()) {
    sdk::Error e = errors_.fromEmbedded(*error);
    e.upstreamStatus = response.status;
    throw sdk::ProviderError(std::move(e));
  }
  Poco::JSON::Array::Ptr choices = body->getArray("choices");
  if (choices.isNull() || choices->size() == 0) badResponse("upstream response has no choices", response.status);
  bool modified = false;  // untouched bodies are forwarded byte for byte
  for (std::size_t i = 0; i < choices->size(); ++i) {
    Poco::JSON::Object::Ptr choice = choices->getObject(static_cast<unsigned>(i));
    Poco::JSON::Object::Ptr message = choice.isNull() ? nullptr : choice->getObject("message");
    if (message.isNull()) badResponse("upstream response choice " + std::to_string(i) + " has no message", response.status);
    modified = Json::stringifyToolArguments(*message) || modified;
  }

  auto fill = [&](const char* key, auto value) {
    body->set(key, value);
    modified = true;
  };
  if (Json::string(*body, "id").empty()) fill("id", "chatcmpl-" + std::string(request.requestId));
  if (!body->has("object")) fill("object", std::string("chat.completion"));
  if (!Json::integer(*body, "created")) fill("created", nowSeconds());
  if (Json::string(*body, "model").empty()) fill("model", std::string(request.upstreamModel));

  // The usage first: it was spent even if the client is gone by now.
  if (body->isObject("usage")) out.usage(OpenAICompatibleUsageReader::read(*body->getObject("usage"), dialect_));
  if (modified) {
    out.json(Json::stringify(body));
  } else {
    out.json(response.body);
  }
}

}  // namespace gaiarouter::plugins::openai_compatible
