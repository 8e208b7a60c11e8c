// A database key as verification found it: the key row and its
// organization, shared by every request that uses the key until the cache
// entry expires.
#pragma once

#include "keys/ApiKey.h"
#include "orgs/Organization.h"

namespace gaiarouter {

struct VerifiedKey {
  ApiKey key;
  Organization organization;
};

}  // namespace gaiarouter
