// Shared helpers for the Google plugin tests.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <regex>
#include <sstream>
#include <string>

namespace gaiarouter::plugins::google::test {

// Owns the strings a sdk::ChatRequest views.
struct OwnedRequest {
  std::string body;
  std::string modelId = "google/gemini-2.5-flash";
  std::string upstreamModel = "gemini-2.5-flash";
  std::string requestId = "req-1";
  bool stream = false;

  sdk::ChatRequest view() const {
    sdk::ChatRequest r;
    r.body = body;
    r.modelId = modelId;
    r.upstreamModel = upstreamModel;
    r.requestId = requestId;
    r.stream = stream;
    return r;
  }
  gr_chat_request c() const {
    gr_chat_request r{};
    r.struct_size = sizeof(gr_chat_request);
    r.body = sdk::str(body);
    r.model_id = sdk::str(modelId);
    r.upstream_model = sdk::str(upstreamModel);
    r.request_id = sdk::str(requestId);
    r.stream = stream ? 1 : 0;
    return r;
  }
};

inline Poco::JSON::Object::Ptr parseObject(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline std::string compact(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

// Compact JSON with keys sorted at every level, for order-insensitive equality.
inline std::string canonical(const Poco::Dynamic::Var& value) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(false));
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(parser.parse(compact(value)), out);
  return out.str();
}
inline std::string canonical(const std::string& json) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(false));
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(parser.parse(json), out);
  return out.str();
}

inline std::string canonical(const char* json) { return canonical(std::string(json)); }

// Replaces every "created":<n> with "created":0.
inline std::string normaliseCreated(const std::string& json) {
  static const std::regex created(R"("created":[0-9]+)");
  return std::regex_replace(json, created, R"("created":0)");
}

// LF -> CRLF (the input must use bare LF line ends).
inline std::string toCrlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace gaiarouter::plugins::google::test
