#include "http/RequestId.h"

#include <fmt/format.h>

#include <cctype>
#include <random>

namespace gaiarouter {

std::string newRequestId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("req_{:016x}{:08x}", random(), static_cast<uint32_t>(random()));
}

bool usableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':')) return false;
  }
  return true;
}

}  // namespace gaiarouter
