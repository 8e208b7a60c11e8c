#include "management/JsonInput.h"

#include "keys/ApiKey.h"
#include "util/Time.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/UTF8Encoding.h>
#include <fmt/format.h>

#include <cmath>
#include <set>

namespace gaiarouter {
namespace {

// Code points in valid UTF-8, or nothing if it is not valid UTF-8.
std::optional<std::size_t> codePoints(const std::string& s) {
  Poco::UTF8Encoding utf8;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const int length = utf8.sequenceLength(reinterpret_cast<const unsigned char*>(s.data() + i),
                                           static_cast<int>(s.size() - i));
    if (length <= 0 || i + static_cast<std::size_t>(length) > s.size()) return std::nullopt;
    if (utf8.convert(reinterpret_cast<const unsigned char*>(s.data() + i)) < 0) return std::nullopt;
    i += static_cast<std::size_t>(length);
    ++n;
  }
  return n;
}

bool hasControl(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\t') return true;
    if (c == 0x7f) return true;
  }
  return false;
}

const char* typeName(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return "null";
  if (v.isString()) return "a string";
  if (v.isBoolean()) return "a boolean";
  if (v.isNumeric()) return "a number";
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) return "an object";
  return "an unsupported value";
}

}  // namespace

JsonInput::JsonInput(const std::string& body, std::initializer_list<const char*> allowed) {
  if (Poco::trim(body).empty()) {
    error_ = ApiError::invalidRequest("The request body must be a JSON object.", {}, "invalid_json");
    return;
  }
  try {
    Poco::JSON::Parser parser;
    auto parsed = parser.parse(body);
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
      error_ = ApiError::invalidRequest("The request body must be a JSON object.", {}, "invalid_json");
      return;
    }
    object_ = parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    error_ = ApiError::invalidRequest("The request body is not valid JSON.", {}, "invalid_json");
    return;
  }
  checkAllowed(allowed);
}

JsonInput::JsonInput(Poco::JSON::Object::Ptr object, std::string prefix, std::initializer_list<const char*> allowed)
    : object_(std::move(object)), prefix_(std::move(prefix)) {
  checkAllowed(allowed);
}

void JsonInput::checkAllowed(std::initializer_list<const char*> allowed) {
  std::set<std::string> known(allowed.begin(), allowed.end());
  std::vector<std::string> names;
  object_->getNames(names);
  for (const auto& field : names) {
    if (!known.count(field)) {
      std::string shown = field.substr(0, 64);
      error_ = ApiError::invalidRequest(fmt::format("Unknown field '{}'.", prefix_ + shown), prefix_ + shown, "unknown_field");
      return;
    }
  }
}

void JsonInput::fail(const char* field, const std::string& message) {
  if (!error_) error_ = ApiError::invalidRequest(fmt::format("'{}' {}", name(field), message), name(field), "invalid_field");
}

void JsonInput::adopt(const JsonInput& child) {
  if (!error_ && child.error_) error_ = child.error_;
}

bool JsonInput::has(const char* field) const { return object_ && object_->has(field); }

std::optional<std::string> JsonInput::text(const char* field, TextRule rule) {
  if (failed()) return std::nullopt;
  if (!has(field) || object_->get(field).isEmpty()) {
    if (rule.required) fail(field, "is required.");
    return std::nullopt;
  }
  const auto& v = object_->get(field);
  if (!v.isString()) {
    fail(field, fmt::format("must be a string, not {}.", typeName(v)));
    return std::nullopt;
  }
  std::string s = rule.trim ? Poco::trim(v.extract<std::string>()) : v.extract<std::string>();
  auto length = codePoints(s);
  if (!length) {
    fail(field, "must be valid UTF-8.");
    return std::nullopt;
  }
  if (hasControl(s) && rule.max <= 200) {  // short fields are single-line
    fail(field, "must not contain control characters.");
    return std::nullopt;
  }
  if (*length < std::max<std::size_t>(rule.min, rule.required ? 1 : 0)) {
    fail(field, rule.min > 1 ? fmt::format("must be at least {} characters long.", rule.min) : "must not be empty.");
    return std::nullopt;
  }
  if (*length > rule.max) {
    fail(field, fmt::format("must be at most {} characters long.", rule.max));
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> JsonInput::choice(const char* field, std::initializer_list<const char*> values, bool required) {
  auto s = text(field, {required, 0, 64});
  if (!s) return std::nullopt;
  for (const char* v : values) {
    if (*s == v) return s;
  }
  std::string list;
  for (const char* v : values) list += (list.empty() ? "'" : ", '") + std::string(v) + "'";
  fail(field, fmt::format("must be one of {}.", list));
  return std::nullopt;
}

std::optional<std::string> JsonInput::email(const char* field, bool required) {
  auto s = text(field, {required, 3, 254});
  if (!s) return std::nullopt;
  const auto at = s->find('@');
  const bool valid = at != std::string::npos && at > 0 && at + 1 < s->size() && s->find('@', at + 1) == std::string::npos &&
                     s->find(' ') == std::string::npos && s->find('.', at) != std::string::npos &&
                     s->back() != '.';
  if (!valid) {
    fail(field, "must be an email address.");
    return std::nullopt;
  }
  return Poco::toLower(*s);
}

std::optional<bool> JsonInput::boolean(const char* field) {
  if (failed() || !has(field)) return std::nullopt;
  const auto& v = object_->get(field);
  if (v.isEmpty()) return std::nullopt;
  if (!v.isBoolean()) {
    fail(field, fmt::format("must be true or false, not {}.", typeName(v)));
    return std::nullopt;
  }
  return v.extract<bool>();
}

Patch<int64_t> JsonInput::count(const char* field, int64_t min, int64_t max) {
  if (failed() || !has(field)) return std::nullopt;
  const auto& v = object_->get(field);
  if (v.isEmpty()) return std::optional<int64_t>();
  if (!v.isInteger() || v.isBoolean()) {
    // 5.0 is a number JSON writers produce for 5; accept whole values.
    if (v.isNumeric() && !v.isBoolean()) {
      const double d = v.convert<double>();
      if (std::floor(d) == d && d >= static_cast<double>(min) && d <= static_cast<double>(max)) {
        return std::optional<int64_t>(static_cast<int64_t>(d));
      }
    }
    fail(field, fmt::format("must be a whole number from {} to {}, or null.", min, max));
    return std::nullopt;
  }
  int64_t n = 0;
  try {
    n = v.convert<Poco::Int64>();
  } catch (const Poco::Exception&) {
    fail(field, "is out of range.");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(field, fmt::format("must be a whole number from {} to {}, or null.", min, max));
    return std::nullopt;
  }
  return std::optional<int64_t>(n);
}

Patch<int64_t> JsonInput::usd(const char* field) {
  if (failed() || !has(field)) return std::nullopt;
  const auto& v = object_->get(field);
  if (v.isEmpty()) return std::optional<int64_t>();
  constexpr double kMaxUsd = 1e9;
  if (!v.isNumeric() || v.isBoolean()) {
    fail(field, "must be an amount of US dollars (a number), or null.");
    return std::nullopt;
  }
  const double d = v.convert<double>();
  if (!std::isfinite(d) || d < 0 || d > kMaxUsd) {
    fail(field, "must be an amount from 0 to 1000000000 US dollars, or null.");
    return std::nullopt;
  }
  return std::optional<int64_t>(std::llround(d * 1e6));
}

Patch<int64_t> JsonInput::time(const char* field) {
  if (failed() || !has(field)) return std::nullopt;
  const auto& v = object_->get(field);
  if (v.isEmpty()) return std::optional<int64_t>();
  std::optional<int64_t> ms;
  if (v.isString()) ms = parseIsoUtc(v.extract<std::string>());
  if (!ms) {
    fail(field, "must be an ISO 8601 date-time such as \"2027-01-31T00:00:00Z\", or null.");
    return std::nullopt;
  }
  return std::optional<int64_t>(*ms);
}

Patch<std::string> JsonInput::id(const char* field) {
  if (failed() || !has(field)) return std::nullopt;
  if (object_->get(field).isEmpty()) return std::optional<std::string>();
  auto s = text(field, {true, 1, 40});
  if (!s) return std::nullopt;
  return std::optional<std::string>(*s);
}

std::optional<unsigned> JsonInput::permissions(const char* field) {
  if (failed() || !has(field)) return std::nullopt;
  const auto& v = object_->get(field);
  if (v.type() != typeid(Poco::JSON::Array::Ptr)) {
    fail(field, "must be an array of \"read\", \"write\" and \"admin\".");
    return std::nullopt;
  }
  auto array = v.extract<Poco::JSON::Array::Ptr>();
  unsigned bits = 0;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& item = array->get(static_cast<unsigned>(i));
    std::optional<unsigned> bit;
    if (item.isString()) bit = parsePermissions(item.extract<std::string>());
    if (!bit || item.extract<std::string>().find(',') != std::string::npos) {
      fail(field, "must be an array of \"read\", \"write\" and \"admin\".");
      return std::nullopt;
    }
    bits |= *bit;
  }
  if (bits == 0) {
    fail(field, "must grant at least one permission.");
    return std::nullopt;
  }
  return bits;
}

std::optional<JsonInput> JsonInput::object(const char* field, std::initializer_list<const char*> allowed) {
  if (failed() || !has(field)) return std::nullopt;
  const auto& v = object_->get(field);
  if (v.type() != typeid(Poco::JSON::Object::Ptr)) {
    fail(field, "must be an object.");
    return std::nullopt;
  }
  JsonInput child(v.extract<Poco::JSON::Object::Ptr>(), name(field) + ".", allowed);
  adopt(child);
  if (failed()) return std::nullopt;
  return child;
}

}  // namespace gaiarouter
