#include "OpenAICompatibleJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cmath>
#include <sstream>

namespace gaiarouter::plugins::openai_compatible {

Poco::JSON::Object::Ptr OpenAICompatibleJson::parseObject(std::string_view text) {
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    Poco::Dynamic::Var value = parser.parse(std::string(text));
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) return {};
    return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return {};
  } catch (const std::exception&) {
    return {};
  }
}

std::string OpenAICompatibleJson::stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

std::string OpenAICompatibleJson::stringify(const Poco::JSON::Object::Ptr& object) {
  return stringify(Poco::Dynamic::Var(object));
}

std::string OpenAICompatibleJson::string(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return {};
  const Poco::Dynamic::Var value = object.get(key);
  return value.isString() ? value.extract<std::string>() : std::string{};
}

std::string OpenAICompatibleJson::code(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return {};
  const Poco::Dynamic::Var value = object.get(key);
  if (value.isString()) return value.extract<std::string>();
  if (auto n = integer(object, key)) return std::to_string(*n);
  return {};
}

std::optional<int64_t> OpenAICompatibleJson::integer(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return std::nullopt;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.isEmpty() || value.isString() || value.isBoolean() || !value.isNumeric()) return std::nullopt;
  try {
    if (value.isInteger()) return value.convert<int64_t>();
    const double d = value.convert<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<int64_t>(d);
  } catch (const Poco::Exception&) {
  }
  return std::nullopt;
}

std::optional<double> OpenAICompatibleJson::number(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return std::nullopt;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.isEmpty() || value.isString() || value.isBoolean() || !value.isNumeric()) return std::nullopt;
  try {
    return value.convert<double>();
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

bool OpenAICompatibleJson::stringifyToolArguments(Poco::JSON::Object& messageOrDelta) {
  Poco::JSON::Array::Ptr calls = messageOrDelta.getArray("tool_calls");
  if (calls.isNull()) return false;
  bool changed = false;
  for (std::size_t i = 0; i < calls->size(); ++i) {
    Poco::JSON::Object::Ptr call = calls->getObject(static_cast<unsigned>(i));
    if (call.isNull()) continue;
    Poco::JSON::Object::Ptr function = call->getObject("function");
    if (function.isNull() || !function->has("arguments")) continue;
    const Poco::Dynamic::Var arguments = function->get("arguments");
    if (arguments.isString() || arguments.isEmpty()) continue;
    function->set("arguments", stringify(arguments));
    changed = true;
  }
  return changed;
}

}  // namespace gaiarouter::plugins::openai_compatible
