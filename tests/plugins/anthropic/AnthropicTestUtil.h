// Shared helpers of the Anthropic plugin tests.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <gaiarouter/plugin.hpp>

#include <sstream>
#include <string>

namespace gaiarouter::plugins::anthropic::testutil {

using Poco::JSON::Array;
using Poco::JSON::Object;

inline Poco::Dynamic::Var parseJson(const std::string& text, bool keepOrder = true) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(keepOrder));
  return parser.parse(text);
}

inline Object::Ptr parseObject(const std::string& text) { return parseJson(text).extract<Object::Ptr>(); }

inline std::string condense(const Poco::Dynamic::Var& v) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(v, out);
  return out.str();
}

// Key-order-insensitive canonical form (Poco's default Object sorts keys).
inline std::string canonical(const std::string& text) { return condense(parseJson(text, false)); }
inline std::string canonical(const Poco::Dynamic::Var& v) { return canonical(condense(v)); }

// A ChatRequest over `body`; the strings must outlive the request.
inline sdk::ChatRequest chatRequest(const std::string& body, const std::string& upstreamModel,
                                    bool stream = false, int maxOutputTokens = 0,
                                    std::string_view requestId = "req-test-1") {
  sdk::ChatRequest r;
  r.body = body;
  r.modelId = "anthropic/test";
  r.upstreamModel = upstreamModel;
  r.requestId = requestId;
  r.stream = stream;
  r.maxOutputTokens = maxOutputTokens;
  return r;
}

}  // namespace gaiarouter::plugins::anthropic::testutil
