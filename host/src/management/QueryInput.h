// Reads and validates the query string of a listing: page and limit, and
// filters. Unknown parameters are refused (400 naming them), like unknown
// body fields.
#pragma once

#include "db/Page.h"
#include "http/ApiError.h"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>

namespace gaiarouter {

class QueryInput {
 public:
  // `allowed` lists the filters; page and limit are always allowed.
  QueryInput(const std::string& uri, std::initializer_list<const char*> allowed);

  bool failed() const { return error_.has_value(); }
  bool has(const char* name) const { return values_.count(name) > 0; }
  const std::optional<ApiError>& error() const { return error_; }

  PageRequest page();  // page ≥ 1 (default 1), limit 1..100 (default 20)
  std::string text(const char* name, std::size_t max = 200);
  std::string choice(const char* name, std::initializer_list<const char*> values);
  std::optional<int64_t> time(const char* name);

 private:
  void fail(const char* name, const std::string& message);
  std::optional<int64_t> whole(const char* name, int64_t min, int64_t max, int64_t fallback);

  std::map<std::string, std::string> values_;
  std::optional<ApiError> error_;
};

}  // namespace gaiarouter
