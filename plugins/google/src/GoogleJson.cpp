#include "GoogleJson.h"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cmath>
#include <sstream>

namespace gaiarouter::plugins::google {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Var GoogleJson::parse(std::string_view text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(std::string(text));
}

Object::Ptr GoogleJson::parseObject(std::string_view text) noexcept {
  try {
    return asObject(parse(text));
  } catch (...) {
    return {};
  }
}

std::string GoogleJson::stringify(const Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

Object::Ptr GoogleJson::object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Array::Ptr GoogleJson::array() { return new Array(); }

Object::Ptr GoogleJson::asObject(const Var& value) {
  if (value.type() == typeid(Object::Ptr)) return value.extract<Object::Ptr>();
  return {};
}

Array::Ptr GoogleJson::asArray(const Var& value) {
  if (value.type() == typeid(Array::Ptr)) return value.extract<Array::Ptr>();
  return {};
}

std::optional<std::string> GoogleJson::asString(const Var& value) {
  if (!value.isString()) return std::nullopt;
  return value.extract<std::string>();
}

std::optional<int64_t> GoogleJson::asInt(const Var& value) {
  if (value.isEmpty() || value.isBoolean() || !value.isNumeric()) return std::nullopt;
  if (value.isInteger()) {
    try {
      return value.convert<Poco::Int64>();
    } catch (...) {
      return std::nullopt;  // e.g. an unsigned value beyond int64
    }
  }
  const double d = value.convert<double>();
  if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15) return std::nullopt;
  return static_cast<int64_t>(d);
}

std::optional<double> GoogleJson::asNumber(const Var& value) {
  if (value.isEmpty() || value.isBoolean() || !value.isNumeric()) return std::nullopt;
  return value.convert<double>();
}

std::optional<bool> GoogleJson::asBool(const Var& value) {
  if (!value.isBoolean()) return std::nullopt;
  return value.extract<bool>();
}

}  // namespace gaiarouter::plugins::google
