// The upstream HTTP request a plugin builds and the response the host got.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gaiarouter {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct UpstreamRequest {
  std::string method = "POST";
  std::string url;
  HeaderList headers;
  std::string body;
};

struct UpstreamResponse {
  int status = 0;
  HeaderList headers;
  std::string body;

  // Case-insensitive header lookup; "" when absent.
  std::string header(const std::string& name) const;
};

}  // namespace gaiarouter
