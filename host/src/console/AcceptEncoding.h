// Content negotiation for the console's pre-compressed files.
#pragma once

#include <string_view>

namespace gaiarouter {

// The client takes gzip: Accept-Encoding names "gzip" (or "*") without q=0
// (RFC 9110 §12.5.3).
bool acceptsGzip(std::string_view acceptEncoding);

}  // namespace gaiarouter
