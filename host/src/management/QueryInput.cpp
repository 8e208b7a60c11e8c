#include "management/QueryInput.h"

#include "util/Time.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <set>

namespace gaiarouter {

QueryInput::QueryInput(const std::string& uri, std::initializer_list<const char*> allowed) {
  std::set<std::string> known(allowed.begin(), allowed.end());
  known.insert({"page", "limit"});
  try {
    for (auto& [name, value] : Poco::URI(uri).getQueryParameters()) {
      if (!known.count(name)) {
        const std::string shown = name.substr(0, 64);
        error_ = ApiError::invalidRequest(fmt::format("Unknown query parameter '{}'.", shown), shown, "unknown_parameter");
        return;
      }
      if (values_.count(name)) {
        error_ = ApiError::invalidRequest(fmt::format("Query parameter '{}' is given twice.", name), name, "invalid_parameter");
        return;
      }
      values_[name] = value;
    }
  } catch (const Poco::Exception&) {
    error_ = ApiError::invalidRequest("The query string is malformed.", {}, "invalid_parameter");
  }
}

void QueryInput::fail(const char* name, const std::string& message) {
  if (!error_) error_ = ApiError::invalidRequest(fmt::format("Query parameter '{}' {}", name, message), name, "invalid_parameter");
}

std::optional<int64_t> QueryInput::whole(const char* name, int64_t min, int64_t max, int64_t fallback) {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  try {
    std::size_t used = 0;
    const long long n = std::stoll(it->second, &used);
    if (used == it->second.size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  fail(name, fmt::format("must be a whole number from {} to {}.", min, max));
  return std::nullopt;
}

PageRequest QueryInput::page() {
  PageRequest out;
  out.page = static_cast<int>(whole("page", 1, 1000000, 1).value_or(1));
  out.limit = static_cast<int>(whole("limit", 1, 100, 20).value_or(20));
  return out;
}

std::string QueryInput::text(const char* name, std::size_t max) {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  if (it->second.size() > max) {
    fail(name, fmt::format("must be at most {} characters long.", max));
    return {};
  }
  return it->second;
}

std::string QueryInput::choice(const char* name, std::initializer_list<const char*> values) {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  for (const char* v : values) {
    if (it->second == v) return it->second;
  }
  std::string list;
  for (const char* v : values) list += (list.empty() ? "'" : ", '") + std::string(v) + "'";
  fail(name, fmt::format("must be one of {}.", list));
  return {};
}

std::optional<int64_t> QueryInput::time(const char* name) {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  auto ms = parseIsoUtc(it->second);
  if (!ms) fail(name, "must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z.");
  return ms;
}

}  // namespace gaiarouter
