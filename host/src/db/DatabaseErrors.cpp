#include "db/DatabaseErrors.h"

#include <Poco/Data/SQLite/SQLiteException.h>

#include <cstdlib>
#include <string>

namespace gaiarouter {
namespace {

// MySQL error numbers. Poco 1.11 leaves Exception::code() at 0 and writes
// the number into the message ("[mysql_stmt_errno]: 1062").
constexpr int kMySqlDuplicateKey = 1062;
constexpr int kMySqlLockWaitTimeout = 1205;
constexpr int kMySqlDeadlock = 1213;

int mysqlErrno(const Poco::Exception& e) {
  if (e.code() != 0) return e.code();
  const std::string message = e.displayText();
  const auto at = message.find("errno]: ");
  if (at == std::string::npos) return 0;
  return std::atoi(message.c_str() + at + 8);
}

}  // namespace

bool isDuplicateKey(const Poco::Exception& e, DatabaseUrl::Backend backend) {
  if (backend == DatabaseUrl::Backend::MySQL) return mysqlErrno(e) == kMySqlDuplicateKey;
  return dynamic_cast<const Poco::Data::SQLite::ConstraintViolationException*>(&e) != nullptr;
}

bool isLockConflict(const Poco::Exception& e, DatabaseUrl::Backend backend) {
  if (backend != DatabaseUrl::Backend::MySQL) return false;
  const int code = mysqlErrno(e);
  return code == kMySqlDeadlock || code == kMySqlLockWaitTimeout;
}

}  // namespace gaiarouter
