#include "usage/TokenEstimate.h"

#include <array>

namespace gaiarouter {
namespace {

// Length of the JSON string starting after its opening quote at `at`.
int64_t stringLength(std::string_view s, std::size_t at) {
  int64_t n = 0;
  for (std::size_t i = at; i < s.size(); ++i) {
    if (s[i] == '"') return n;
    if (s[i] == '\\') {
      ++i;
      if (i < s.size() && s[i] == 'u') i += 4;
    }
    ++n;
  }
  return n;
}

}  // namespace

int64_t generatedTextBytes(std::string_view chunk) {
  static constexpr std::array<std::string_view, 3> kKeys = {"\"content\":", "\"reasoning_content\":", "\"arguments\":"};
  int64_t total = 0;
  for (auto key : kKeys) {
    for (auto at = chunk.find(key); at != std::string_view::npos; at = chunk.find(key, at + key.size())) {
      std::size_t i = at + key.size();
      while (i < chunk.size() && (chunk[i] == ' ' || chunk[i] == '\t')) ++i;
      if (i < chunk.size() && chunk[i] == '"') total += stringLength(chunk, i + 1);
    }
  }
  return total;
}

}  // namespace gaiarouter
