// Small helpers over Poco::JSON shared by the Google translators.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::google {

class GoogleJson {
 public:
  // Parses any JSON value; throws Poco::Exception on malformed input.
  static Poco::Dynamic::Var parse(std::string_view text);
  // Parses a JSON object; null when the text is not valid JSON or not an object.
  static Poco::JSON::Object::Ptr parseObject(std::string_view text) noexcept;

  // Compact JSON text of a value (keys in insertion order).
  static std::string stringify(const Poco::Dynamic::Var& value);

  // A new key-order-preserving object / a new array.
  static Poco::JSON::Object::Ptr object();
  static Poco::JSON::Array::Ptr array();

  // Typed views; empty / null when the value has another JSON type.
  static Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& value);
  static Poco::JSON::Array::Ptr asArray(const Poco::Dynamic::Var& value);
  static std::optional<std::string> asString(const Poco::Dynamic::Var& value);
  static std::optional<int64_t> asInt(const Poco::Dynamic::Var& value);
  static std::optional<double> asNumber(const Poco::Dynamic::Var& value);
  static std::optional<bool> asBool(const Poco::Dynamic::Var& value);
  static bool isNull(const Poco::Dynamic::Var& value) noexcept { return value.isEmpty(); }
};

}  // namespace gaiarouter::plugins::google
