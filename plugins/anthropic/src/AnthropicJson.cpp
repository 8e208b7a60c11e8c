#include "AnthropicJson.h"

#include <Poco/Exception.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace gaiarouter::plugins::anthropic::json {

Var parse(std::string_view text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse(std::string(text));
}

Var tryParse(std::string_view text) {
  try {
    return parse(text);
  } catch (const Poco::Exception&) {
    return Var();
  }
}

std::string stringify(const Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Array::Ptr array() { return new Array(); }

bool isObject(const Var& v) { return v.type() == typeid(Object::Ptr) && !v.extract<Object::Ptr>().isNull(); }
bool isArray(const Var& v) { return v.type() == typeid(Array::Ptr) && !v.extract<Array::Ptr>().isNull(); }
bool isString(const Var& v) { return !v.isEmpty() && v.isString(); }
bool isInteger(const Var& v) { return !v.isEmpty() && v.isInteger() && !v.isBoolean(); }
bool isNumber(const Var& v) { return !v.isEmpty() && v.isNumeric() && !v.isBoolean(); }
bool isBool(const Var& v) { return !v.isEmpty() && v.isBoolean(); }

Object::Ptr asObject(const Var& v) { return isObject(v) ? v.extract<Object::Ptr>() : Object::Ptr(); }
Array::Ptr asArray(const Var& v) { return isArray(v) ? v.extract<Array::Ptr>() : Array::Ptr(); }

Var get(const Object::Ptr& obj, const std::string& key) {
  if (obj.isNull() || !obj->has(key)) return Var();
  return obj->get(key);
}

Object::Ptr getObject(const Object::Ptr& obj, const std::string& key) { return asObject(get(obj, key)); }
Array::Ptr getArray(const Object::Ptr& obj, const std::string& key) { return asArray(get(obj, key)); }

std::optional<std::string> getString(const Object::Ptr& obj, const std::string& key) {
  Var v = get(obj, key);
  if (!isString(v)) return std::nullopt;
  return v.extract<std::string>();
}

std::optional<int64_t> getInt(const Object::Ptr& obj, const std::string& key) {
  Var v = get(obj, key);
  if (!isInteger(v)) return std::nullopt;
  return v.convert<int64_t>();
}

}  // namespace gaiarouter::plugins::anthropic::json
