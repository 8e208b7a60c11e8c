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

std::optional<int64_t> parseIsoUtc(std::string_view text) {
  if (text.size() < 10 || text.size() > 40) return std::nullopt;
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
