// Turns what went wrong upstream into the client-visible ApiError. The one
// place that decides statuses for upstream failures.
#pragma once

#include "http/ApiError.h"
#include "plugins/ProviderError.h"
#include "upstream/UpstreamFailure.h"

#include <string>
#include <string_view>

namespace gaiarouter {

class UpstreamErrorMapper {
 public:
  UpstreamErrorMapper(std::string providerId, bool production)
      : providerId_(std::move(providerId)), production_(production) {}

  // `rawBody` is the upstream body, shown (redacted) in development mode only.
  ApiError map(const ProviderError& error, std::string_view rawBody = {}) const;
  ApiError map(const UpstreamFailure& failure) const;

 private:
  std::string metadata(const ProviderError& error, std::string_view rawBody) const;

  std::string providerId_;
  bool production_;
};

}  // namespace gaiarouter
