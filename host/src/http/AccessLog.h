// One structured (JSON) line per request on the gaiarouter.access logger.
#pragma once

#include "http/RequestContext.h"

#include <string>

namespace gaiarouter {

class AccessLog {
 public:
  static std::string format(const RequestContext& ctx);
  static void write(const RequestContext& ctx);
};

}  // namespace gaiarouter
