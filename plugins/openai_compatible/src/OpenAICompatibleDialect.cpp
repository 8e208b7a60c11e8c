#include "OpenAICompatibleDialect.h"

namespace gaiarouter::plugins::openai_compatible {

Poco::JSON::Object::Ptr OpenAICompatibleDialect::embeddedError(const Poco::JSON::Object& chunk) const {
  return chunk.getObject("error");
}

void OpenAICompatibleDialect::refineError(const Poco::JSON::Object& /*error*/, sdk::Error& /*out*/) const {}

void OpenAICompatibleDialect::readUsageExtras(const Poco::JSON::Object& /*usage*/, sdk::Usage& /*out*/) const {}

}  // namespace gaiarouter::plugins::openai_compatible
