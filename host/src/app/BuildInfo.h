#pragma once

#include <string_view>

namespace gaiarouter {

// The gaiarouter version this binary was built as.
std::string_view buildVersion() noexcept;

}  // namespace gaiarouter
