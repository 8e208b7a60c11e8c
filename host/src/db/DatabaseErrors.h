// What a database exception means, on either backend: the cases code reacts
// to (a unique index refusing a row, a lock conflict worth retrying).
#pragma once

#include "db/DatabaseUrl.h"

#include <Poco/Exception.h>

namespace gaiarouter {

bool isDuplicateKey(const Poco::Exception& e, DatabaseUrl::Backend backend);

// InnoDB picked the transaction as a deadlock victim (and rolled all of it
// back) or gave up waiting for a lock: nothing of it is stored, and running
// it again may succeed. SQLite serializes writers and never reports this.
bool isLockConflict(const Poco::Exception& e, DatabaseUrl::Backend backend);

}  // namespace gaiarouter
