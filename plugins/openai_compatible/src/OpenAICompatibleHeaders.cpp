#include "OpenAICompatibleHeaders.h"

#include <algorithm>
#include <cctype>

namespace gaiarouter::plugins::openai_compatible {

namespace {

bool sameName(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void OpenAICompatibleHeaders::set(std::string_view name, std::string_view value) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Header& h) { return sameName(h.first, name); });
  if (it != entries_.end()) {
    it->second.assign(value);
  } else {
    entries_.emplace_back(std::string(name), std::string(value));
  }
}

void OpenAICompatibleHeaders::merge(const OpenAICompatibleHeaders& other) {
  for (const auto& [name, value] : other.entries_) set(name, value);
}

std::string OpenAICompatibleHeaders::get(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (sameName(n, name)) return v;
  }
  return {};
}

}  // namespace gaiarouter::plugins::openai_compatible
