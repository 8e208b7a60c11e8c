// Request ids: the client's X-Request-Id when it is usable, else a new one.
#pragma once

#include <string>

namespace gaiarouter {

// "req_" + 24 random hex digits.
std::string newRequestId();
// A client-sent id we can echo and log safely: 1..128 of [A-Za-z0-9-_.:].
bool usableRequestId(const std::string& id);

}  // namespace gaiarouter
