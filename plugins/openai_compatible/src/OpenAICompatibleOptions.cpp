#include "OpenAICompatibleOptions.h"

#include "OpenAICompatibleJson.h"

#include <stdexcept>

namespace gaiarouter::plugins::openai_compatible {

namespace {

bool hasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

}  // namespace

OpenAICompatibleOptions::OpenAICompatibleOptions(std::string_view optionsJson) {
  options_ = OpenAICompatibleJson::parseObject(optionsJson.empty() ? std::string_view("{}") : optionsJson);
  if (options_.isNull()) throw std::invalid_argument("plugin options must be a JSON object");
  if (!options_->has("headers") || options_->get("headers").isEmpty()) return;
  Poco::JSON::Object::Ptr headers = options_->getObject("headers");
  if (headers.isNull()) throw std::invalid_argument("option \"headers\" must be an object of strings");
  for (const auto& name : headers->getNames()) {
    const Poco::Dynamic::Var value = headers->get(name);
    if (!value.isString() || name.empty() || hasLineBreak(name) || hasLineBreak(value.extract<std::string>())) {
      throw std::invalid_argument("option \"headers\" must be an object of strings (bad entry \"" + name + "\")");
    }
    headers_.set(name, value.extract<std::string>());
  }
}

std::optional<std::string> OpenAICompatibleOptions::string(const std::string& key) const {
  if (!options_->has(key)) return std::nullopt;
  const Poco::Dynamic::Var value = options_->get(key);
  if (value.isEmpty()) return std::nullopt;
  if (!value.isString() || hasLineBreak(value.extract<std::string>())) {
    throw std::invalid_argument("option \"" + key + "\" must be a one-line string");
  }
  return value.extract<std::string>();
}

}  // namespace gaiarouter::plugins::openai_compatible
