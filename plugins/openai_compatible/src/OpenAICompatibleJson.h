// Small Poco::JSON helpers shared by the OpenAI-compatible translators: parse
// keeping key order, compact output, and lenient typed field reads.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::openai_compatible {

class OpenAICompatibleJson {
 public:
  // Parses `text` keeping key order. Null when it is not valid JSON or not an object.
  static Poco::JSON::Object::Ptr parseObject(std::string_view text);

  // Compact JSON text of a value.
  static std::string stringify(const Poco::Dynamic::Var& value);
  static std::string stringify(const Poco::JSON::Object::Ptr& object);

  // The string member `key`; empty when absent or not a string.
  static std::string string(const Poco::JSON::Object& object, const std::string& key);
  // A machine code: a string member as is, an integer member in decimal (OpenRouter
  // and vLLM send numeric codes); empty otherwise.
  static std::string code(const Poco::JSON::Object& object, const std::string& key);
  // An integer member (a number with no fraction); nullopt otherwise.
  static std::optional<int64_t> integer(const Poco::JSON::Object& object, const std::string& key);
  // Any numeric member as a double; nullopt otherwise.
  static std::optional<double> number(const Poco::JSON::Object& object, const std::string& key);

  // Makes every tool_calls[].function.arguments of a message or delta a JSON
  // string (some compatible servers send an object). True when it changed anything.
  static bool stringifyToolArguments(Poco::JSON::Object& messageOrDelta);
};

}  // namespace gaiarouter::plugins::openai_compatible
