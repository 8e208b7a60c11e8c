// Wall-clock time as the database stores it (UTC milliseconds since the
// epoch) and as the API prints it (ISO 8601, UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gaiarouter {

int64_t wallClockMs();
// "2026-11-22T10:04:05Z"; milliseconds are kept when not zero
// ("2026-11-22T10:04:05.250Z").
std::string isoUtc(int64_t ms);
// Parses "2026-11-22", "2026-11-22T10:04:05Z", with optional fraction and
// a "+hh:mm"/"-hh:mm" offset; nothing if malformed.
std::optional<int64_t> parseIsoUtc(std::string_view text);

}  // namespace gaiarouter
