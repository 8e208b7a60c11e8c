// The plugin options (gr_provider_config.options_json) of an OpenAI-compatible
// provider. Common to all of them:
//   "headers": {"Name": "value", ...}   extra request headers, applied last
//                                      (they may replace a built-in header;
//                                      an empty value removes it)
// Each plugin reads its own further keys with string().
#pragma once

#include "OpenAICompatibleHeaders.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleOptions {
 public:
  // Throws std::invalid_argument when `optionsJson` is not a JSON object or
  // "headers" is not an object of strings.
  explicit OpenAICompatibleOptions(std::string_view optionsJson);

  // The string option `key`; nullopt when absent or null. Throws
  // std::invalid_argument when it has another type.
  std::optional<std::string> string(const std::string& key) const;

  // The "headers" option.
  const OpenAICompatibleHeaders& headers() const noexcept { return headers_; }

 private:
  Poco::JSON::Object::Ptr options_;
  OpenAICompatibleHeaders headers_;
};

}  // namespace gaiarouter::plugins::openai_compatible
