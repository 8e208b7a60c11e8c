#include "upstream/UpstreamMessages.h"

#include <Poco/String.h>

namespace gaiarouter {

std::string UpstreamResponse::header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (Poco::icompare(n, name) == 0) return v;
  }
  return {};
}

}  // namespace gaiarouter
