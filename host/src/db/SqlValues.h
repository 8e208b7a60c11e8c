// Conversions between C++ values and the columns Poco Data binds and reads,
// the same on SQLite and MySQL.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace gaiarouter::sql {

// A value to bind to a nullable column: NULL when absent.
inline Poco::Nullable<Poco::Int64> nullable(const std::optional<int64_t>& v) {
  return v ? Poco::Nullable<Poco::Int64>(*v) : Poco::Nullable<Poco::Int64>();
}

inline Poco::Nullable<std::string> nullable(const std::optional<std::string>& v) {
  return v ? Poco::Nullable<std::string>(*v) : Poco::Nullable<std::string>();
}

// A column value read from a RecordSet; NULL becomes nullopt (or "" for text).
inline std::optional<int64_t> optionalInt(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return std::nullopt;
  return v.convert<Poco::Int64>();
}

inline std::optional<std::string> optionalText(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return std::nullopt;
  return v.convert<std::string>();
}

inline std::string text(const Poco::Dynamic::Var& v) { return v.isEmpty() ? std::string() : v.convert<std::string>(); }

// A LIKE pattern matching `needle` literally anywhere, for `LIKE ? ESCAPE '!'`:
// '!' escapes the wildcards and itself. Not backslash, whose meaning inside a
// MySQL string literal depends on the server's sql_mode.
inline std::string containsPattern(const std::string& needle) {
  std::string out = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

}  // namespace gaiarouter::sql
