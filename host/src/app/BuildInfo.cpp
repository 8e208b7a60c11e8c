#include "app/BuildInfo.h"

namespace gaiarouter {

std::string_view buildVersion() noexcept { return GAIAROUTER_VERSION; }

}  // namespace gaiarouter
