#include "util/Time.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace gaiarouter {

int64_t wallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string isoUtc(int64_t ms) {
  const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const int64_t fraction = ms - std::chrono::duration_cast<std::chrono::milliseconds>(seconds.time_since_epoch()).count();
  if (fraction == 0) return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", seconds);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", seconds, fraction);
}

namespace {

bool digitsAt(std::string_view s, std::size_t from, std::size_t count) {
  if (from + count > s.size()) return false;
  for (std::size_t i = from; i < from + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// Only the documented shapes: "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm)". Poco's parser skips
// whatever is not a digit, so on its own it reads "not a date" as year 0.
bool wellFormed(std::string_view s) {
  if (!digitsAt(s, 0, 4) || s[4] != '-' || !digitsAt(s, 5, 2) || s[7] != '-' || !digitsAt(s, 8, 2)) return false;
  if (s.size() == 10) return true;
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't') || !digitsAt(s, 11, 2) || s[13] != ':' || !digitsAt(s, 14, 2) ||
      s[16] != ':' || !digitsAt(s, 17, 2)) {
    return false;
  }
  std::size_t i = 19;
  if (s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && digitsAt(s, i + 1, 2) && s[i + 3] == ':' &&
         digitsAt(s, i + 4, 2);
}

}  // namespace

std::optional<int64_t> parseIsoUtc(std::string_view text) {
  if (text.size() < 10 || text.size() > 40 || !wellFormed(text)) return std::nullopt;
  const std::string s(text);
  int tz = 0;
  Poco::DateTime parsed;
  // Poco's ISO8601 formats: with fraction, without, and a bare date.
  for (const std::string& format : {Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, Poco::DateTimeFormat::ISO8601_FORMAT,
                                    std::string("%Y-%m-%d")}) {
    try {
      if (Poco::DateTimeParser::tryParse(format, s, parsed, tz)) {
        // Bare dates only; a date-time without its zone is ambiguous.
        if (format == "%Y-%m-%d" && s.size() != 10) continue;
        if (format != "%Y-%m-%d" && s.find_first_of("Zz+-", 19) == std::string::npos) continue;
        parsed.makeUTC(tz);
        return parsed.timestamp().epochMicroseconds() / 1000;
      }
    } catch (const Poco::Exception&) {
    }
  }
  return std::nullopt;
}

}  // namespace gaiarouter
