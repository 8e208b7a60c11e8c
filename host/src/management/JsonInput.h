// Reads and validates a management request body: a JSON object whose
// fields are checked one by one (type, length, range, enum, date). The first
// problem becomes a 400 naming the field in `param`; unknown fields are
// refused, so a typo never passes silently.
//
//   JsonInput in(body, {"name", "description"});
//   auto name = in.text("name", {.required = true, .max = 200});
//   if (in.failed()) return client.sendError(*in.error());
#pragma once

#include "db/Nullable.h"
#include "http/ApiError.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace gaiarouter {

struct TextRule {
  bool required = false;
  std::size_t min = 0;  // characters (UTF-8 code points)
  std::size_t max = 200;
  bool trim = true;  // false for passwords: every character counts
};

class JsonInput {
 public:
  // Parses `body` and refuses fields not in `allowed`.
  JsonInput(const std::string& body, std::initializer_list<const char*> allowed);

  bool failed() const { return error_.has_value(); }
  const std::optional<ApiError>& error() const { return error_; }
  bool has(const char* field) const;

  // A string (trimmed of surrounding white space), within the rule.
  std::optional<std::string> text(const char* field, TextRule rule);
  // One of `values`.
  std::optional<std::string> choice(const char* field, std::initializer_list<const char*> values, bool required = false);
  // An email address (lower-cased).
  std::optional<std::string> email(const char* field, bool required);
  // true or false; null or absent → nothing.
  std::optional<bool> boolean(const char* field);
  // A whole number in [min, max]; null → Patch with an empty inner value.
  Patch<int64_t> count(const char* field, int64_t min, int64_t max);
  // A non-negative amount of US dollars (number), as micro-dollars; null
  // allowed.
  Patch<int64_t> usd(const char* field);
  // An ISO 8601 date-time (or date) in UTC, as milliseconds; null allowed.
  Patch<int64_t> time(const char* field);
  // A string id, or null.
  Patch<std::string> id(const char* field);
  // A non-empty array of "read", "write", "admin" → permission bits.
  std::optional<unsigned> permissions(const char* field);
  // A nested object checked by its own JsonInput-like rules: the child
  // reports errors as "parent.field".
  std::optional<JsonInput> object(const char* field, std::initializer_list<const char*> allowed);
  // Copies a child's error into this input.
  void adopt(const JsonInput& child);

 private:
  JsonInput(Poco::JSON::Object::Ptr object, std::string prefix, std::initializer_list<const char*> allowed);
  void checkAllowed(std::initializer_list<const char*> allowed);
  void fail(const char* field, const std::string& message);
  std::string name(const char* field) const { return prefix_ + field; }

  Poco::JSON::Object::Ptr object_;
  std::string prefix_;
  std::optional<ApiError> error_;
};

}  // namespace gaiarouter
