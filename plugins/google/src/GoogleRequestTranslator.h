// OpenAI chat request -> Gemini generateContent / streamGenerateContent request.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gaiarouter::plugins::google {

struct GoogleHttpRequest {
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class GoogleRequestTranslator {
 public:
  // baseUrl without trailing '/'; "/v1beta" is appended unless it already
  // ends with an API version ("/v1beta", "/v1", "/v1alpha").
  GoogleRequestTranslator(std::string baseUrl, std::string apiKey);

  // POST {base}/v1beta/models/{model}:generateContent (or
  // :streamGenerateContent?alt=sse), x-goog-api-key auth, camelCase body.
  // Throws ProviderError(INVALID_REQUEST, param) for what Gemini cannot express.
  GoogleHttpRequest translate(const sdk::ChatRequest& request) const;

  // The endpoint URL for a model.
  std::string url(std::string_view upstreamModel, bool stream) const;

  // The generateContent body for a parsed OpenAI chat body.
  static Poco::JSON::Object::Ptr translateBody(const Poco::JSON::Object::Ptr& body);

 private:
  std::string versionRoot_;
  std::string apiKey_;
};

}  // namespace gaiarouter::plugins::google
