// A canonical error as the host keeps it (copied out of a gr_error, or made
// by the host itself for transport failures).
#pragma once

#include <gaiarouter/plugin.h>

#include <cstdint>
#include <string>

namespace gaiarouter {

struct ProviderError {
  gr_error_kind kind = GR_ERROR_UPSTREAM;
  int upstreamStatus = 0;
  std::string message;
  std::string code;
  std::string param;
  std::string upstreamType;
  uint32_t retryAfterMs = 0;

  static ProviderError from(const gr_error& e);
  static ProviderError of(gr_error_kind kind, std::string message, int upstreamStatus = 0) {
    ProviderError e;
    e.kind = kind;
    e.message = std::move(message);
    e.upstreamStatus = upstreamStatus;
    return e;
  }
};

}  // namespace gaiarouter
