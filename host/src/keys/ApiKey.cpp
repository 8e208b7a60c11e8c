#include "keys/ApiKey.h"

namespace gaiarouter {
namespace {

constexpr std::pair<unsigned, std::string_view> kNames[] = {
    {kPermissionRead, "read"}, {kPermissionWrite, "write"}, {kPermissionAdmin, "admin"}};

}  // namespace

std::string formatPermissions(unsigned permissions) {
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (permissions & bit) {
      if (!out.empty()) out += ',';
      out += name;
    }
  }
  return out;
}

std::optional<unsigned> parsePermissions(std::string_view text) {
  if (text.empty()) return std::nullopt;
  unsigned out = 0;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const std::string_view item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    unsigned bit = 0;
    for (const auto& [b, name] : kNames) {
      if (item == name) bit = b;
    }
    if (bit == 0) return std::nullopt;  // unknown or empty item
    out |= bit;
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

}  // namespace gaiarouter
