// The host keeps a plugin's classified error in the SDK's own type: copied
// out of a gr_error, or made by the host for failures of its own.
#pragma once

#include <gaiarouter/plugin.hpp>

#include <string>

namespace gaiarouter {

using ProviderError = sdk::Error;

// Copies a gr_error (whatever struct_size the plugin compiled).
ProviderError copyProviderError(const gr_error& e);
ProviderError makeProviderError(gr_error_kind kind, std::string message, int upstreamStatus = 0);

}  // namespace gaiarouter
