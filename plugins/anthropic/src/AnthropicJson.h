// Small helpers over Poco::JSON shared by the Anthropic translators: parsing
// with key order preserved, compact output, and typed field access.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gaiarouter::plugins::anthropic::json {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Parses JSON text keeping object key order. Throws Poco::Exception on bad input.
Var parse(std::string_view text);

// Parses JSON text; an empty Var when it is not valid JSON.
Var tryParse(std::string_view text);

// Compact JSON text of a value.
std::string stringify(const Var& value);

// A new object that keeps keys in insertion order.
Object::Ptr object();
Array::Ptr array();

bool isObject(const Var& v);
bool isArray(const Var& v);
bool isString(const Var& v);
bool isInteger(const Var& v);
bool isNumber(const Var& v);
bool isBool(const Var& v);

// The value as an object/array; null Ptr when it is something else.
Object::Ptr asObject(const Var& v);
Array::Ptr asArray(const Var& v);

// Member access: an empty Var when the key is missing (JSON null is empty too).
Var get(const Object::Ptr& obj, const std::string& key);
Object::Ptr getObject(const Object::Ptr& obj, const std::string& key);
Array::Ptr getArray(const Object::Ptr& obj, const std::string& key);
std::optional<std::string> getString(const Object::Ptr& obj, const std::string& key);
std::optional<int64_t> getInt(const Object::Ptr& obj, const std::string& key);

}  // namespace gaiarouter::plugins::anthropic::json
